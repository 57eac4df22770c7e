"""`mockads serve --workers 4`: four gunicorn processes on one database keep every single truth.

Sixteen clients race each other through one server of four worker processes, each call on a
connection of its own (so the kernel hands the calls to whichever worker accepts first): the
Spark ad cap and one link per code stay exact, a sandbox made through one call is there for the
next whatever worker answers, a write makes every worker's cached reports stale, and a signed
media link made by one worker loads through the others. Runs on a SQLite file and, when
`MOCKADS_TEST_POSTGRES_URL` is set, on PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from tests.e2e.conftest import ok
from tests.e2e.processes import BACKENDS, database_url, pretty, race, start
from tests.e2e.shared_database import (
    CONTROL,
    Sandbox,
    Shared,
    add_advertisers,
    authorize,
    linked_posts,
    new_code,
    new_sandbox,
    ready_creator,
    spark_ad_body,
)

pytestmark = pytest.mark.e2e

WORKERS = 4
CLIENTS = 16
CAP = 10_000


@pytest.fixture(scope="module", params=BACKENDS)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shared]:
    """One `serve --workers 4` on a new database; every racer talks to it."""
    url = database_url(request.param, Path(tmp_path_factory.mktemp(request.param)))
    server = start(url, threads=4, args=["--workers", str(WORKERS)])
    try:
        yield Shared(url, (server, server))
    finally:
        server.stop()


def test_the_banner_says_how_many_processes_share_which_database(served: Shared) -> None:
    banner = served.servers[0].banner
    assert f"workers       {WORKERS} processes (gunicorn) sharing " in banner
    assert "mockads:mockads@" not in banner  # a PostgreSQL password is not printed


def test_several_workers_without_a_database_are_refused() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mockads", "serve", "--workers", "2", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--workers 2 needs --db: a database in memory cannot be shared" in done.stderr


# -- the Spark ad cap -------------------------------------------------------------------------


def _spark_ads(sandbox: Sandbox) -> int:
    """Spark ads that are not deleted (the near-cap scenario's one non-Spark ad aside)."""
    page = sandbox.read("ad/get/", advertiser_id=sandbox.advertiser_id, page_size=1)
    return page["page_info"]["total_number"] - 1


def test_sixteen_clients_filling_the_cap_through_four_workers_make_exactly_the_free_slots(
    served: Shared,
) -> None:
    with new_sandbox(served, scenario="near-cap") as sandbox:
        body = spark_ad_body(sandbox)
        free = CAP - _spark_ads(sandbox)
        assert free > 0

        def fill() -> int:
            made = 0
            while True:
                answer = sandbox.mirror("ad/create/", body)
                if answer["code"] != 0:
                    assert answer["code"] == 40002, answer
                    assert answer["message"].startswith("[SPARK_AD_LIMIT_REACHED] creatives: ")
                    return made
                made += 1

        made = race(*([fill] * CLIENTS))
        assert sum(made) == free, made
        assert _spark_ads(sandbox) == CAP


# -- one link per code ------------------------------------------------------------------------


@pytest.fixture
def sandbox(served: Shared) -> Iterator[Sandbox]:
    with new_sandbox(served, seed=5) as made:
        yield made


def test_sixteen_ad_accounts_linking_one_code_at_once_link_it_once(
    served: Shared, sandbox: Sandbox
) -> None:
    advertisers = [sandbox.advertiser_id, *add_advertisers(served, sandbox, CLIENTS - 1)]
    item_id, auth_code = new_code(sandbox, ready_creator(sandbox))
    answers = race(*(partial(authorize, sandbox, adv, auth_code, via=0) for adv in advertisers))
    winners = [adv for adv, a in zip(advertisers, answers, strict=True) if a["code"] == 0]
    assert len(winners) == 1, pretty(answers)
    losers = [a for a in answers if a["code"] != 0]
    assert {a["code"] for a in losers} == {40002}
    assert all(
        a["message"].startswith("[AUTH_CODE_USED_BY_ANOTHER_ACCOUNT] auth_code: ") for a in losers
    ), pretty(losers)
    assert [adv for adv in advertisers if item_id in linked_posts(sandbox, adv)] == winners


def test_one_ad_account_linking_one_code_sixteen_times_at_once_links_it_once(
    sandbox: Sandbox,
) -> None:
    item_id, auth_code = new_code(sandbox, ready_creator(sandbox))
    adv = sandbox.advertiser_id
    answers = race(*([partial(authorize, sandbox, adv, auth_code, via=0)] * CLIENTS))
    assert sorted(a["code"] for a in answers) == [0] + [40002] * (CLIENTS - 1), pretty(answers)
    assert all(
        a["code"] == 0 or a["message"].startswith("[POST_ALREADY_LINKED] auth_code: ")
        for a in answers
    )
    assert linked_posts(sandbox, adv)[item_id]["item_info"]["auth_code"] == auth_code


# -- what one worker did, every worker sees ---------------------------------------------------


def test_a_sandbox_made_through_one_call_answers_the_next_calls_whatever_worker_answers(
    served: Shared,
) -> None:
    server = served.servers[0]
    for _ in range(3):
        made = ok(server.call("POST", f"{CONTROL}/sandboxes", {"seed": 9}), 201)
        token, adv = made["access_token"], made["advertiser_ids"][0]
        path = "/open_api/v1.3/advertiser/info/"
        query = {"advertiser_ids": json.dumps([adv])}
        answers = race(*([partial(server.call, "GET", path, token=token, **query)] * CLIENTS))
        assert all(status == 200 and a["code"] == 0 for status, a in answers), pretty(answers)
        sandbox_path = f"{CONTROL}/sandboxes/{made['sandbox_id']}"
        assert server.call("DELETE", sandbox_path)[0] == 204
        answers = race(*([partial(server.call, "GET", path, token=token, **query)] * CLIENTS))
        assert {a["code"] for _, a in answers} == {40105}, pretty(answers)


def _ad_rows(sandbox: Sandbox) -> int:
    report = sandbox.read(
        "report/integrated/get/",
        advertiser_id=sandbox.advertiser_id,
        report_type="BASIC",
        data_level="AUCTION_AD",
        dimensions=json.dumps(["ad_id"]),
        query_lifetime="true",
    )
    return int(report["page_info"]["total_number"])


def test_a_write_through_one_worker_makes_every_workers_cached_report_stale(
    sandbox: Sandbox,
) -> None:
    before = race(*([partial(_ad_rows, sandbox)] * CLIENTS))  # every worker caches it
    assert len(set(before)) == 1 and before[0] >= 2, before
    listed = sandbox.read("ad/get/", advertiser_id=sandbox.advertiser_id)["list"]
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "ad_ids": [listed[0]["ad_id"]],
        "operation_status": "DELETE",
    }
    assert sandbox.mirror("ad/status/update/", body)["code"] == 0
    after = race(*([partial(_ad_rows, sandbox)] * CLIENTS))
    assert after == [before[0] - 1] * CLIENTS


def test_a_media_link_signed_by_one_worker_loads_through_every_worker(sandbox: Sandbox) -> None:
    (post, *_) = sandbox.read("tt_video/list/", advertiser_id=sandbox.advertiser_id)["list"]
    link = post["video_info"]["poster_url"]
    server = sandbox.shared.servers[0]
    assert race(*([partial(server.fetch, link)] * CLIENTS)) == [200] * CLIENTS


# -- faults and the journal -------------------------------------------------------------------


def test_a_fault_added_through_one_worker_fails_exactly_its_times_across_all_of_them(
    sandbox: Sandbox,
) -> None:
    rule = {"path": "advertiser/info/", "code": 40100, "times": 5}
    assert sandbox.control("POST", "/faults", rule)[0] == 201
    query = {"advertiser_ids": json.dumps([sandbox.advertiser_id])}
    answers = race(*([partial(sandbox.read_envelope, "advertiser/info/", **query)] * CLIENTS))
    assert sorted(a["code"] for a in answers) == [0] * (CLIENTS - 5) + [40100] * 5
    status, listed = sandbox.control("GET", "/faults")
    assert status == 200, listed
    (fault,) = listed["faults"]
    assert (fault["applied"], fault["remaining"]) == (5, 0), fault


def test_every_call_any_worker_answers_lands_once_in_the_one_journal(sandbox: Sandbox) -> None:
    assert sandbox.control("DELETE", "/journal")[0] == 204
    query = {"advertiser_ids": json.dumps([sandbox.advertiser_id])}
    race(*([partial(sandbox.read_envelope, "advertiser/info/", **query)] * CLIENTS))
    status, journal = sandbox.control("GET", "/journal")
    assert status == 200, journal
    entries = journal["entries"]
    assert [e["seq"] for e in entries] == list(range(1, CLIENTS + 1))
    assert {e["path"] for e in entries} == {"advertiser/info/"}
    assert len({e["request_id"] for e in entries}) == CLIENTS
    check = {"path": "advertiser/info/", "code": 0, "times": CLIENTS}
    assert sandbox.control("POST", "/journal/verify", check)[1]["ok"] is True
