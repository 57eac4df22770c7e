"""What the delivery model reads of an advertiser's ads, in one SELECT of plain values, and
their status histories in a second."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, bindparam, select

from mockads.domain.delivery import DeliveryFacts
from mockads.domain.enums import BudgetMode, IdentityType, OperationStatus, ReviewOutcome
from mockads.domain.reports import AdLabels
from mockads.store.prepared import PreparedQuery
from mockads.store.status_history import History, StatusHistory
from mockads.store.tables import adgroups, ads, campaigns, spark_codes
from mockads.store.transaction import Transaction

__all__ = ["DeliveryQueries"]

_JOINED = (
    select(
        ads.c.ad_id,
        ads.c.adgroup_id,
        ads.c.campaign_id,
        ads.c.identity_type,
        ads.c.tiktok_item_id,
        ads.c.video_id,
        ads.c.operation_status,
        ads.c.create_time,
        ads.c.modify_time,
        ads.c.review_outcome,
        ads.c.review_due_at,
        ads.c.pushed_at,
        adgroups.c.operation_status,
        adgroups.c.modify_time,
        adgroups.c.schedule_start_time,
        adgroups.c.schedule_end_time,
        adgroups.c.budget_mode,
        adgroups.c.budget,
        adgroups.c.create_time,
        campaigns.c.operation_status,
        campaigns.c.modify_time,
        campaigns.c.budget_mode,
        campaigns.c.budget,
        campaigns.c.create_time,
        spark_codes.c.auth_start_time,
        spark_codes.c.auth_end_time,
        spark_codes.c.revoked_at,
        spark_codes.c.invalidated_at,
        ads.c.ad_name,
        ads.c.ad_text,
        adgroups.c.adgroup_name,
        adgroups.c.placement_type,
        adgroups.c.promotion_type,
        campaigns.c.campaign_name,
        campaigns.c.objective_type,
        ads.c.advertiser_id,
        campaigns.c.budget,
        adgroups.c.budget,
        adgroups.c.bid_type,
        adgroups.c.bid_price,
        adgroups.c.billing_event,
        adgroups.c.optimization_goal,
        adgroups.c.operation_status,
        ads.c.call_to_action,
        ads.c.ad_format,
    )
    .join(
        adgroups,
        and_(adgroups.c.sandbox_id == ads.c.sandbox_id, adgroups.c.adgroup_id == ads.c.adgroup_id),
    )
    .join(
        campaigns,
        and_(
            campaigns.c.sandbox_id == ads.c.sandbox_id,
            campaigns.c.campaign_id == ads.c.campaign_id,
        ),
    )
    .outerjoin(
        spark_codes,
        and_(
            spark_codes.c.sandbox_id == ads.c.sandbox_id,
            spark_codes.c.auth_code == ads.c.auth_code,
        ),
    )
    .where(ads.c.sandbox_id == bindparam("sid"))
)
_FACTS = PreparedQuery(_JOINED.where(ads.c.advertiser_id == bindparam("advertiser_id")))
_FACTS_OF_POST = PreparedQuery(_JOINED.where(ads.c.tiktok_item_id == bindparam("item_id")))


# Rows come back raw (see PreparedQuery.raw): enum columns hold their values.
_STATUS = {member.value: member for member in OperationStatus}
_BUDGET_MODE = {member.value: member for member in BudgetMode}
_REVIEW = {member.value: member for member in ReviewOutcome}
_CUSTOMIZED_USER = IdentityType.CUSTOMIZED_USER.value


class DeliveryQueries(StatusHistory):
    """Part of SqlWorldRepository: the delivery model's view of an advertiser's ads, with their
    status histories."""

    _tx: Transaction
    _sid: str

    def delivery_facts(self, advertiser_id: str) -> tuple[list[DeliveryFacts], dict[str, AdLabels]]:
        """Every ad of the advertiser (deleted ones too) as DeliveryFacts, and its names."""
        params = {"sid": self._sid, "advertiser_id": advertiser_id}
        rows = _FACTS.raw(self._tx, params)
        return _facts(rows, self.status_history(advertiser_id) if rows else {})

    def delivery_facts_of_post(self, item_id: str) -> list[DeliveryFacts]:
        """Every ad, of any advertiser, that promotes the post (deleted ones too)."""
        rows = _FACTS_OF_POST.raw(self._tx, {"sid": self._sid, "item_id": item_id})
        return _facts(rows, self.status_history_of_post(item_id) if rows else {})[0]


def _facts(
    rows: list[Sequence[Any]], history: History
) -> tuple[list[DeliveryFacts], dict[str, AdLabels]]:
    facts: list[DeliveryFacts] = []
    labels: dict[str, AdLabels] = {}
    status, budget_mode, review = _STATUS.__getitem__, _BUDGET_MODE.__getitem__, _REVIEW.get
    changes = history.get
    for r in rows:
        spark = r[3] != _CUSTOMIZED_USER
        facts.append(
            DeliveryFacts(
                r[0],
                r[1],
                r[2],
                r[35],
                spark,
                r[4],
                status(r[6]),
                r[7],
                r[8],
                review(r[9]),
                r[10],
                r[11],
                status(r[12]),
                r[13],
                r[14],
                r[15],
                budget_mode(r[16]),
                r[17],
                r[18],
                status(r[19]),
                r[20],
                budget_mode(r[21]),
                r[22],
                r[23],
                r[24],
                r[25],
                r[26],
                r[27],
                spark and r[5] is not None,
                changes(("ad", r[0]), ()),
                changes(("adgroup", r[1]), ()),
                changes(("campaign", r[2]), ()),
            )
        )
        labels[r[0]] = AdLabels(*r[28:35], *r[36:45])
    return facts, labels
