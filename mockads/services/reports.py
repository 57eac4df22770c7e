"""`report/integrated/get/`: an advertiser's delivery, as rows of dimensions and metrics.

What a report reads is cached in this process: an advertiser's delivery facts per store
generation (any committed write makes a new one), and each query's row set per generation and
clock hour, so the pages after the first reuse the row index and compute only their rows.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from mockads.domain.delivery import HOUR, DeliveryFacts
from mockads.domain.report_query import check_report_query
from mockads.domain.reports import AdLabels, Report, Row
from mockads.services.access import authenticate
from mockads.services.paging import Page
from mockads.services.ports import Store

__all__ = ["ReportPage", "delivery_key", "report_integrated_get"]

_CACHE_SIZE = 32


@dataclass(frozen=True, slots=True)
class ReportPage:
    """One page of a report, and the totals when they were asked for."""

    rows: Page[Row]
    total_metrics: dict[str, str] | None


class _Lru:
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


_FACTS = _Lru(_CACHE_SIZE)
_REPORTS = _Lru(_CACHE_SIZE)


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
    generation = store.generation()  # before the transaction: see SqlStore.generation
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        query = check_report_query(**params)
        sandbox = caller.sandbox
        now = int(caller.now // HOUR) * HOUR
        report_key = (generation, sandbox.sandbox_id, advertiser_id, now, query)
        report: Report | None = _REPORTS.get(report_key)
        if report is None:
            facts_key = (generation, sandbox.sandbox_id, advertiser_id)
            loaded: tuple[list[DeliveryFacts], dict[str, AdLabels], str] | None
            loaded = _FACTS.get(facts_key)
            if loaded is None:
                facts, labels = caller.world.delivery_facts(advertiser_id)
                country = caller.world.advertisers([advertiser_id])[0].country
                loaded = (facts, labels, country)
                _FACTS.put(facts_key, loaded)
            facts, labels, country = loaded
            report = Report(
                query,
                delivery_key(sandbox.seed),
                facts,
                labels,
                advertiser_id=advertiser_id,
                country=country,
                now=now,
            )
            _REPORTS.put(report_key, report)
    rows = Page(report.page(page, page_size), page, page_size, report.total)
    totals = report.total_metrics() if enable_total_metrics else None
    return ReportPage(rows, totals)
