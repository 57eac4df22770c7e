"""The report read at the cap: an ETL client's 30-day daily ad report of the near-cap account.

`make bench` creates a `near-cap` sandbox (10,000 ads) and reads `report/integrated/get/` page
by page, 1,000 rows a page and the 80 metric names the ETL client of api-reference.md §10
sends, as that client does: goal at most 100 ms a page, first page included, and 30 s in all.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import urllib.parse
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import servers
from client import UnexpectedResponse, expect_status, request
from report import p95, table

from mockads.testing.reports import ETL_REPORT_METRICS

REPORT_PATH = "/open_api/v1.3/report/integrated/get/"
SANDBOXES_PATH = "/_mockads/v1/sandboxes"
PAGE_GOAL_MS = 100.0
TOTAL_GOAL_S = 30.0
NEAR_CAP = {"scenario": "near-cap", "seed": 1}


@dataclass(frozen=True)
class ReportTimings:
    """Client-observed milliseconds of each page, and what the pages held."""

    create_ms: float
    page_ms: list[float]
    rows: int
    total_number: int


def report_query(sandbox: dict[str, Any]) -> dict[str, str]:
    """The ETL client's 30-day daily ad report of a sandbox's first advertiser (summary as
    `POST /_mockads/v1/sandboxes` answers it), but for the page number."""
    today = date.fromisoformat(sandbox["clock"]["now"][:10])
    return {
        "advertiser_id": sandbox["advertiser_ids"][0],
        "service_type": "AUCTION",
        "report_type": "BASIC",
        "data_level": "AUCTION_AD",
        "dimensions": json.dumps(["ad_id", "stat_time_day"], indent=4),
        "metrics": json.dumps(ETL_REPORT_METRICS, indent=4),
        "start_date": str(today - timedelta(days=29)),
        "end_date": str(today),
        "page_size": "1000",
    }


def read_near_cap_report(base_url: str) -> ReportTimings:
    """Create a near-cap sandbox, then read its 30-day daily ad report page by page."""
    created = request("POST", base_url + SANDBOXES_PATH, body=NEAR_CAP)
    sandbox = expect_status(created, 201).json()
    query = report_query(sandbox)
    headers = {"Access-Token": sandbox["access_token"]}
    page_ms: list[float] = []
    rows, page, total_page, total_number = 0, 1, 1, 0
    while page <= total_page:
        url = f"{base_url}{REPORT_PATH}?{urllib.parse.urlencode({**query, 'page': page})}"
        response = expect_status(request("GET", url, headers=headers), 200)
        body = response.json()
        if body.get("code") != 0:
            raise UnexpectedResponse(f"report page {page}: {response.describe()}")
        page_ms.append(response.elapsed_ms)
        rows += len(body["data"]["list"])
        total_page = body["data"]["page_info"]["total_page"]
        total_number = body["data"]["page_info"]["total_number"]
        page += 1
    request("DELETE", f"{base_url}{SANDBOXES_PATH}/{sandbox['sandbox_id']}")
    return ReportTimings(created.elapsed_ms, page_ms, rows, total_number)


def report_table(timings: ReportTimings) -> str:
    """Render the pages' times against the goals."""
    pages = timings.page_ms
    total_s = sum(pages) / 1000
    slowest = max(pages)
    rows = [
        ["sandbox create (near-cap)", f"{timings.create_ms:.0f} ms", ""],
        ["rows read / total_number", f"{timings.rows} / {timings.total_number}", ""],
        ["pages", str(len(pages)), ""],
        ["first page", f"{pages[0]:.0f} ms", _verdict(pages[0] <= PAGE_GOAL_MS)],
        ["median page", f"{statistics.median(pages):.0f} ms", ""],
        ["p95 page", f"{p95(pages):.0f} ms", ""],
        ["slowest page", f"{slowest:.0f} ms", _verdict(slowest <= PAGE_GOAL_MS)],
        ["all pages", f"{total_s:.1f} s", _verdict(total_s <= TOTAL_GOAL_S)],
    ]
    header = ["measure", "value", f"goal ≤ {PAGE_GOAL_MS:g} ms a page, ≤ {TOTAL_GOAL_S:g} s"]
    return table(header, rows)


def _verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def main() -> int:
    """Serve mockads and read the report alone (`python bench/reports.py`), without wrk."""
    port = servers.free_port()
    command = servers.mockads_command(port, int(os.environ.get("BENCH_THREADS", "4")))
    with servers.running("mockads", command, port, servers.HEALTH_PATH) as mockads:
        print(report_table(read_near_cap_report(mockads.base_url)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
