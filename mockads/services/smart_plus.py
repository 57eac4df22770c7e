"""Smart+ ads: one ad, several creatives from several identities, reviewed creative by creative.

Smart+ campaigns and ad groups are the manual ones with `smart_plus=True`
(services/campaigns.py, services/adgroups.py). A Smart+ ad is stored as one row per creative
sharing a `smart_plus_ad_id`, so every Spark rule and the Spark ad cap apply to each creative.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mockads.domain import errors, ids
from mockads.domain.ads import Ad, check_landing_page_url
from mockads.domain.campaigns import check_changeable, statuses_for
from mockads.domain.enums import IdentityType, OperationStatus, ReviewOutcome
from mockads.services.access import Caller, authenticate
from mockads.services.adgroups import find_adgroup
from mockads.services.ads import AdContext, AdView, Creative, add_ads
from mockads.services.lifecycle import set_operation_status
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store
from mockads.services.push import settle_push

__all__ = [
    "SmartPlusAd",
    "smart_plus_ad_create",
    "smart_plus_ad_get",
    "smart_plus_ad_review_info",
    "smart_plus_ad_status_update",
    "smart_plus_ad_update",
]

_RNG = random.SystemRandom()


@dataclass(frozen=True, slots=True)
class SmartPlusAd:
    """A Smart+ ad: its creatives (one ad row each) read at one sandbox time."""

    smart_plus_ad_id: str
    creatives: list[AdView]

    @property
    def first(self) -> Ad:
        """The creative that carries the ad's own fields (name, status, ad group)."""
        return self.creatives[0].ad

    @property
    def review_status(self) -> ReviewOutcome:
        """In review while any creative is; approved when any creative may deliver."""
        outcomes = {view.ad.review_at(view.now) for view in self.creatives}
        if ReviewOutcome.IN_REVIEW in outcomes:
            return ReviewOutcome.IN_REVIEW
        return (
            ReviewOutcome.APPROVED
            if ReviewOutcome.APPROVED in outcomes
            else (ReviewOutcome.REJECTED)
        )

    @property
    def secondary_status(self) -> str:
        """The best delivery state among the creatives (any one delivering is enough)."""
        statuses = [view.secondary_status for view in self.creatives]
        return "AD_STATUS_DELIVERY_OK" if "AD_STATUS_DELIVERY_OK" in statuses else statuses[0]


def _creatives_of(
    creatives: Sequence[Creative],
    ad_name: str,
    ad_texts: Sequence[str],
    landing_page_url: str | None,
    call_to_action: str | None,
) -> list[Creative]:
    """Each creative with the ad's shared settings; library videos (pushed ones too) take the
    ad texts in turn (a Spark creative of a post takes its caption)."""
    texts = list(ad_texts)
    shaped = []
    library = 0
    for creative in creatives:
        text = None
        if creative.identity_type is IdentityType.CUSTOMIZED_USER or creative.video_id:
            if not texts:
                raise errors.InvalidParameter(
                    "ad_text_list", "required when a creative is a library video."
                )
            text = texts[library % len(texts)]
            library += 1
        shaped.append(
            replace(
                creative,
                ad_name=ad_name,
                ad_text=text,
                landing_page_url=landing_page_url,
                call_to_action=call_to_action,
            )
        )
    return shaped


def _find(caller: Caller, advertiser_id: str, smart_plus_ad_id: str) -> SmartPlusAd:
    rows = [
        ad
        for ad in caller.world.owned(Ad, advertiser_id)
        if ad.smart_plus_ad_id == smart_plus_ad_id
    ]
    if not rows:
        raise errors.NotFound("smart_plus_ad", smart_plus_ad_id)
    context = AdContext.load(caller, advertiser_id)
    return SmartPlusAd(smart_plus_ad_id, [context.view(ad, caller.now) for ad in rows])


def smart_plus_ad_create(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    adgroup_id: str,
    ad_name: str,
    creatives: Sequence[Creative],
    ad_texts: Sequence[str] = (),
    landing_page_urls: Sequence[str] = (),
    call_to_actions: Sequence[str] = (),
) -> SmartPlusAd:
    """A Smart+ ad in a Smart+ ad group: Spark posts and library videos, mixed identities."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        adgroup = find_adgroup(caller, advertiser_id, adgroup_id, smart_plus=True)
        landing = landing_page_urls[0] if landing_page_urls else None
        action = call_to_actions[0] if call_to_actions else None
        shaped = _creatives_of(creatives, ad_name, ad_texts, landing, action)
        smart_plus_ad_id = ids.new_numeric_id(_RNG)
        options = (tuple(ad_texts), tuple(call_to_actions))
        add_ads(caller, advertiser_id, adgroup, shaped, smart_plus_ad_id, options)
        return _find(caller, advertiser_id, smart_plus_ad_id)


def smart_plus_ad_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    smart_plus_ad_ids: Sequence[str] = (),
    adgroup_ids: Sequence[str] = (),
    campaign_ids: Sequence[str] = (),
    primary_status: str = "STATUS_NOT_DELETE",
    page: int = 1,
    page_size: int = 10,
) -> Page[SmartPlusAd]:
    """The advertiser's Smart+ ads, filtered (deleted ones only when asked for), oldest first."""
    statuses = statuses_for(primary_status)
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        grouped: dict[str, list[Ad]] = {}
        for ad in caller.world.owned(Ad, advertiser_id):
            if ad.smart_plus_ad_id is not None:
                grouped.setdefault(ad.smart_plus_ad_id, []).append(ad)
        wanted = [
            rows
            for key, rows in grouped.items()
            if rows[0].operation_status in statuses
            and (not smart_plus_ad_ids or key in smart_plus_ad_ids)
            and (not adgroup_ids or rows[0].adgroup_id in adgroup_ids)
            and (not campaign_ids or rows[0].campaign_id in campaign_ids)
        ]
        context = AdContext.load(caller, advertiser_id)
        found = [
            SmartPlusAd(rows[0].smart_plus_ad_id or "", [context.view(a, caller.now) for a in rows])
            for rows in wanted
        ]
    return paginate(found, page, page_size)


def smart_plus_ad_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    smart_plus_ad_id: str,
    *,
    ad_name: str | None = None,
    landing_page_url: str | None = None,
) -> SmartPlusAd:
    """Rename a Smart+ ad or change its landing page; its creatives go back to review."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        current = _find(caller, advertiser_id, smart_plus_ad_id)
        check_changeable("smart_plus_ad", smart_plus_ad_id, current.first.operation_status)
        check_landing_page_url(landing_page_url)
        now = int(caller.now)
        policy = caller.sandbox.review_policy
        for view in current.creatives:
            ad = view.ad
            if ad_name is not None:
                ad = replace(ad, ad_name=ad_name)
            if landing_page_url is not None:
                ad = replace(ad, landing_page_url=landing_page_url)
            outcome, reason, due = policy.submit(now, ad.ad_text, ad.landing_page_url)
            ad = replace(
                ad, review_outcome=outcome, review_reason=reason, review_due_at=due, modify_time=now
            )
            caller.world.replace(settle_push(caller.world, ad, caller.now))
        return _find(caller, advertiser_id, smart_plus_ad_id)


def smart_plus_ad_status_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    smart_plus_ad_ids: Sequence[str],
    operation_status: OperationStatus,
) -> list[str]:
    """Enable, disable or delete Smart+ ads with all their creatives; all or none."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = [_find(caller, advertiser_id, i) for i in dict.fromkeys(smart_plus_ad_ids)]
        for smart in found:
            check_changeable("smart_plus_ad", smart.smart_plus_ad_id, smart.first.operation_status)
        now = int(caller.now)
        creatives = [view.ad for smart in found for view in smart.creatives]
        set_operation_status(caller.world, creatives, operation_status, now)
        return [smart.smart_plus_ad_id for smart in found]


def smart_plus_ad_review_info(
    store: Store, access_token: str | None, advertiser_id: str, smart_plus_ad_ids: Sequence[str]
) -> list[SmartPlusAd]:
    """Review of each Smart+ ad, creative by creative (unknown ids: 40700)."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        return [_find(caller, advertiser_id, i) for i in dict.fromkeys(smart_plus_ad_ids)]
