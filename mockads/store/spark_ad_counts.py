"""The Spark ad cap's count, kept per advertiser instead of counted per new ad (issue 16).

`spark_ad_counts` holds, per advertiser, how many of its ads are Spark ads and not deleted.
The repository keeps it in step with `ads` in the same transaction as every change: an insert
adds the new live Spark ads, an update or a removal of a Spark ad follows its row (a deleted ad
no longer counts), and writing
many rows at once (a scenario, a reset, a state import, a sandbox deleted) drops the sandbox's
counts. A count that is missing (dropped, or a database made before the table existed) is
counted from `ads` once, on first use, and kept from then on.

Exact under concurrency for the same reason the count it replaces was: writers of a sandbox
take turns (SQLite's write lock, or the sandbox's advisory lock on PostgreSQL,
`store/locks.py`), so the check and the write of one `ad/create/` see no other writer between
them, in one process or many.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import bindparam, delete, func, select, update

from mockads.domain.ads import Ad
from mockads.domain.enums import IdentityType, OperationStatus
from mockads.store.prepared import PreparedQuery, PreparedWrite
from mockads.store.tables import ads, spark_ad_counts
from mockads.store.transaction import Transaction

__all__ = ["SparkAdCounts"]

_SID = bindparam("sid")
_OF_ADVERTISER = (
    spark_ad_counts.c.sandbox_id == _SID,
    spark_ad_counts.c.advertiser_id == bindparam("advertiser_id"),
)
_LIVE = ads.c.operation_status != bindparam("deleted")
_COUNT = PreparedQuery(select(spark_ad_counts.c.spark_ads).where(*_OF_ADVERTISER))
_COUNT_ADS = PreparedQuery(
    select(func.count())
    .select_from(ads)
    .where(
        ads.c.sandbox_id == _SID,
        ads.c.advertiser_id == bindparam("advertiser_id"),
        _LIVE,
        ads.c.identity_type != bindparam("custom"),
    )
)
_INSERT = PreparedWrite(spark_ad_counts.insert())
_ADD = PreparedWrite(
    update(spark_ad_counts)
    .where(*_OF_ADVERTISER)
    .values(spark_ads=spark_ad_counts.c.spark_ads + bindparam("added"))
)
#: `_ADD` when the count stays within the limit: the cap's check and count in one statement.
_CLAIM = PreparedWrite(
    update(spark_ad_counts)
    .where(*_OF_ADVERTISER, spark_ad_counts.c.spark_ads + bindparam("added") <= bindparam("limit"))
    .values(spark_ads=spark_ad_counts.c.spark_ads + bindparam("added"))
)
#: The count follows one ad's row about to change: plus `live` (whether the new row counts),
#: minus whether the stored row counts (run before the ad's row changes).
_FOLLOW = PreparedWrite(
    update(spark_ad_counts)
    .where(*_OF_ADVERTISER)
    .values(
        spark_ads=spark_ad_counts.c.spark_ads
        + bindparam("live")
        - select(func.count())
        .select_from(ads)
        .where(ads.c.sandbox_id == _SID, ads.c.ad_id == bindparam("ad_id"), _LIVE)
        .scalar_subquery()
    )
)
_DROP = PreparedWrite(delete(spark_ad_counts).where(spark_ad_counts.c.sandbox_id == _SID))
_DELETED = OperationStatus.DELETE.value


class SparkAdCounts:
    """Part of SqlWorldRepository: the Spark ads each advertiser holds."""

    _tx: Transaction
    _sid: str

    def spark_ad_count(self, advertiser_id: str) -> int:
        """How many Spark ads of the advertiser are not deleted."""
        params = {"sid": self._sid, "advertiser_id": advertiser_id}
        row = _COUNT.first(self._tx, params)
        if row is not None:
            return int(row[0])
        counted = _COUNT_ADS.first(
            self._tx, {**params, "deleted": _DELETED, "custom": IdentityType.CUSTOMIZED_USER.value}
        )
        count = int(counted[0]) if counted else 0
        row_values = {"sandbox_id": self._sid, "advertiser_id": advertiser_id, "spark_ads": count}
        _INSERT.execute(self._tx, row_values)
        return count

    def claim_spark_ads(self, advertiser_id: str, adding: int, limit: int) -> int | None:
        """Count `adding` new Spark ads of the advertiser if it then holds at most `limit`
        (one UPDATE): None when counted; otherwise how many it holds, nothing counted. The
        ads themselves follow in `add_all(..., claimed=True)`."""
        params = {"sid": self._sid, "advertiser_id": advertiser_id, "added": adding}
        if _CLAIM.execute(self._tx, {**params, "limit": limit}):
            return None
        held = self.spark_ad_count(advertiser_id)  # over the limit, or not counted yet
        if held + adding > limit:
            return held
        _ADD.execute(self._tx, params)
        return None

    def _count_added(self, added: Sequence[Ad]) -> None:
        """Count ads just inserted."""
        live = Counter(
            ad.advertiser_id
            for ad in added
            if ad.is_spark and ad.operation_status is not OperationStatus.DELETE
        )
        for advertiser_id, count in live.items():
            _ADD.execute(
                self._tx, {"sid": self._sid, "advertiser_id": advertiser_id, "added": count}
            )

    def _follow(self, ad: Ad, *, removed: bool = False) -> None:
        """Count a Spark ad whose row is about to be replaced by `ad` (or removed) as it
        will be."""
        if ad.is_spark:
            live = not removed and ad.operation_status is not OperationStatus.DELETE
            params = {"sid": self._sid, "advertiser_id": ad.advertiser_id, "ad_id": ad.ad_id}
            _FOLLOW.execute(self._tx, {**params, "live": int(live), "deleted": _DELETED})

    def _drop_spark_ad_counts(self) -> None:
        """Forget the sandbox's counts after rows were written wholesale (counted again on use)."""
        _DROP.execute(self._tx, {"sid": self._sid})
