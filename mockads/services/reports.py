"""`report/integrated/get/`: an advertiser's delivery, as rows of dimensions and metrics.

What a report reads is cached in this process: an advertiser's delivery facts per store
generation (any committed write makes a new one), and each query's row set per generation and
clock hour, so the pages after the first reuse the row index and compute only their rows.
"""

from __future__ import annotations

import gc
import hashlib
from dataclasses import dataclass
from typing import Any

from mockads.domain.delivery import HOUR
from mockads.domain.report_query import check_report_query
from mockads.domain.reports import AccountDelivery, Report
from mockads.services.access import authenticate
from mockads.services.lru import Lru
from mockads.services.paging import Page
from mockads.services.ports import Store

__all__ = [
    "ReportPage",
    "account_delivery",
    "delivery_key",
    "report_integrated_get",
    "warm_deliveries",
]

_CACHE_SIZE = 32
#: Ads from which an account's delivery is kept out of the garbage collector's scans.
_LARGE_ACCOUNT = 1_000


@dataclass(frozen=True, slots=True)
class ReportPage:
    """One page of a report, and the totals when they were asked for."""

    #: Each row as JSON text (`{"dimensions": {...}, "metrics": {...}}`).
    rows: Page[str]
    total_metrics: dict[str, str] | None


_DELIVERIES = Lru(_CACHE_SIZE)
_REPORTS = Lru(_CACHE_SIZE)


def delivery_key(seed: int) -> bytes:
    """The key of a sandbox's delivery draws (blake2b), from its seed."""
    return hashlib.blake2b(f"mockads-delivery:{seed}".encode(), digest_size=32).digest()


def report_integrated_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    page: int,
    page_size: int,
    enable_total_metrics: bool,
    **params: Any,
) -> ReportPage:
    """One page of the report `params` ask for (see `check_report_query`), as it stands at
    the sandbox clock's last whole hour."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        query = check_report_query(**params)
        sandbox = caller.sandbox
        now = int(caller.now // HOUR) * HOUR
    # Read after the token's transaction, before the one reading the facts: see
    # SqlStore.generation.
    generation = store.generation(sandbox.sandbox_id)
    report_key = (sandbox.sandbox_id, generation, advertiser_id, now, query)
    report: Report | None = _REPORTS.get(report_key)
    if report is None:
        delivery = account_delivery(store, sandbox.sandbox_id, sandbox.seed, advertiser_id, now)
        report = Report(query, delivery)
        _REPORTS.put(report_key, report)
    rows = Page(report.page(page, page_size), page, page_size, report.total)
    totals = report.total_metrics() if enable_total_metrics else None
    return ReportPage(rows, totals)


def account_delivery(
    store: Store, sandbox_id: str, seed: int, advertiser_id: str, now: int
) -> AccountDelivery:
    """The advertiser's delivery at `now` (a whole hour), from the cache when it is current."""
    generation = store.generation(sandbox_id)
    key = (sandbox_id, generation, advertiser_id, now)
    delivery: AccountDelivery | None = _DELIVERIES.get(key)
    if delivery is None:
        with store.unit_of_work(read_only=True) as uow:
            world = uow.world(sandbox_id)
            facts, labels = world.delivery_facts(advertiser_id)
            found = world.advertisers([advertiser_id])
        country = found[0].country if found else ""
        delivery = AccountDelivery(facts, labels, key=delivery_key(seed), country=country, now=now)
        _DELIVERIES.put(key, delivery)
        if len(facts) >= _LARGE_ACCOUNT:
            # Long-lived and made of many small objects: left to the collector, they would be
            # rescanned by the full collections the next requests trigger (tens of ms each at
            # 10,000 ads). Frozen, they are still freed when the cache drops them.
            gc.freeze()
    return delivery


def warm_deliveries(store: Store, sandbox_id: str, seed: int, now: float) -> None:
    """Compute every advertiser's delivery of a sandbox just written whole (created, reset or
    imported), so that its first report reads it from memory."""
    with store.unit_of_work(read_only=True) as uow:
        advertiser_ids = [a.advertiser_id for a in uow.world(sandbox_id).advertisers()]
    for advertiser_id in advertiser_ids:
        account_delivery(store, sandbox_id, seed, advertiser_id, int(now // HOUR) * HOUR)
