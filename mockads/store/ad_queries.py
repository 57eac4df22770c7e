"""Queries over ads: the Spark ad cap, unbind and privacy checks, and paged `ad/get`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select

from mockads.domain.ads import Ad
from mockads.domain.enums import IdentityType, OperationStatus
from mockads.store.mapping import columns
from mockads.store.tables import ads
from mockads.store.transaction import Transaction

__all__ = ["AdQueries"]


class AdQueries:
    """Part of SqlWorldRepository: one sandbox's ads, counted and paged in SQL."""

    _tx: Transaction
    _sid: str

    def count_ads(
        self,
        *,
        advertiser_id: str | None = None,
        item_id: str | None = None,
        spark_only: bool = False,
        enabled_only: bool = False,
    ) -> int:
        """How many ads that are not deleted match (the Spark cap, unbind, privacy lock)."""
        where = [ads.c.sandbox_id == self._sid, ads.c.operation_status != OperationStatus.DELETE]
        if advertiser_id is not None:
            where.append(ads.c.advertiser_id == advertiser_id)
        if item_id is not None:
            where.append(ads.c.tiktok_item_id == item_id)
        if spark_only:
            where.append(ads.c.identity_type != IdentityType.CUSTOMIZED_USER)
        if enabled_only:
            where.append(ads.c.operation_status == OperationStatus.ENABLE)
        query = select(func.count()).select_from(ads).where(*where)
        return self._tx.connection.execute(query).scalar_one()

    def ads_page(
        self,
        advertiser_id: str,
        *,
        statuses: Iterable[OperationStatus],
        campaign_ids: Sequence[str] = (),
        adgroup_ids: Sequence[str] = (),
        ad_ids: Sequence[str] = (),
        offset: int = 0,
        limit: int = 10,
    ) -> tuple[list[Ad], int]:
        """One page of an advertiser's ads (not Smart+ creatives), oldest first, and how many
        match in all."""
        where = [
            ads.c.sandbox_id == self._sid,
            ads.c.advertiser_id == advertiser_id,
            ads.c.operation_status.in_(list(statuses)),
            ads.c.smart_plus_ad_id.is_(None),
        ]
        for column, wanted in (
            (ads.c.campaign_id, campaign_ids),
            (ads.c.adgroup_id, adgroup_ids),
            (ads.c.ad_id, ad_ids),
        ):
            if wanted:
                where.append(column.in_(list(wanted)))
        count = select(func.count()).select_from(ads).where(*where)
        total = self._tx.connection.execute(count).scalar_one()
        query = (
            select(*columns(ads))
            .where(*where)
            .order_by(ads.c.create_time, ads.c.ad_id)
            .offset(offset)
            .limit(limit)
        )
        return [Ad(*row) for row in self._tx.connection.execute(query)], total
