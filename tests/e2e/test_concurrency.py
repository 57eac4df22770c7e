"""Concurrent writers (and readers) against two real `mockads serve` processes on one database.

Each race lines its requests up on a barrier and sends them at once, alternating between the
processes, and is repeated a fixed number of rounds; what is asserted holds for every
interleaving, so a pass needs no luck (a store that lets writers interleave fails in the first
rounds). Runs on a SQLite file and, when `MOCKADS_TEST_POSTGRES_URL` is set, on PostgreSQL.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ok
from tests.e2e.processes import BACKENDS, pretty, race
from tests.e2e.shared_database import (
    CONTROL,
    Sandbox,
    Shared,
    created,
    new_sandbox,
    spark_ad_body,
    two_servers,
)

pytestmark = pytest.mark.e2e

ROUNDS = 8
CAP = 10_000
_names = itertools.count(1)


@pytest.fixture(scope="module", params=BACKENDS)
def shared(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shared]:
    with two_servers(request.param, Path(tmp_path_factory.mktemp(request.param))) as pair:
        yield pair


@pytest.fixture
def sandbox(shared: Shared) -> Iterator[Sandbox]:
    with new_sandbox(shared, seed=5) as made:
        yield made


# -- one database, two processes --------------------------------------------------------------


def test_two_servers_started_together_on_an_empty_database_share_one_default_sandbox(
    shared: Shared,
) -> None:
    """`shared` started both processes at once on a database without tables: both came up
    (neither tripped over the other creating tables or the `default` sandbox), and both serve
    the same one."""
    summaries = [ok(s.call("GET", f"{CONTROL}/sandboxes/default")) for s in shared.servers]
    assert summaries[0]["access_token"] == summaries[1]["access_token"]
    listed = ok(shared.on(1).call("GET", f"{CONTROL}/sandboxes"))["sandboxes"]
    assert [s["sandbox_id"] for s in listed].count("default") == 1


# -- no lost update ---------------------------------------------------------------------------


def _campaign(sandbox: Sandbox) -> str:
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_name": f"race {next(_names)}",
        "objective_type": "TRAFFIC",
        "budget_mode": "BUDGET_MODE_DAY",
        "budget": 100,
    }
    return created(sandbox.mirror("campaign/create/", body))["campaign_id"]


def _adgroup(sandbox: Sandbox, campaign_id: str) -> str:
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "campaign_id": campaign_id,
        "adgroup_name": f"race {next(_names)}",
        "location_ids": ["6252001"],
        "schedule_start_time": "2026-01-01 00:00:00",
        "optimization_goal": "CLICK",
        "billing_event": "CPC",
        "budget_mode": "BUDGET_MODE_DAY",
        "budget": 100,
    }
    return created(sandbox.mirror("adgroup/create/", body))["adgroup_id"]


def _library_creative(sandbox: Sandbox, name: str) -> dict[str, Any]:
    """A non-Spark creative: the scenario's custom identity and library video."""
    seeded = sandbox.read("ad/get/", advertiser_id=sandbox.advertiser_id)["list"]
    library = next(a for a in seeded if a["identity_type"] == "CUSTOMIZED_USER")
    return {
        "ad_name": name,
        "identity_type": "CUSTOMIZED_USER",
        "identity_id": library["identity_id"],
        "video_id": library["video_id"],
        "ad_text": name,
    }


def _library_ad(sandbox: Sandbox, adgroup_id: str) -> str:
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "adgroup_id": adgroup_id,
        "creatives": [_library_creative(sandbox, "race")],
    }
    (ad_id,) = created(sandbox.mirror("ad/create/", body))["ad_ids"]
    return ad_id


def _race(sandbox: Sandbox, *requests: tuple[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Mirror POSTs sent at once, alternating between the processes; every envelope."""
    adv = {"advertiser_id": sandbox.advertiser_id}
    return race(
        *(
            partial(sandbox.mirror, path, {**adv, **body}, via=i)
            for i, (path, body) in enumerate(requests)
        )
    )


def _all_succeed(answers: list[dict[str, Any]]) -> None:
    for answer in answers:
        created(answer)


def test_concurrent_campaign_updates_of_different_fields_all_take_effect(sandbox: Sandbox) -> None:
    """A rename, a budget change and a status change of one campaign at once: the campaign
    shows all three afterwards, round after round."""
    campaign_id = _campaign(sandbox)
    for n in range(ROUNDS):
        status = "DISABLE" if n % 2 == 0 else "ENABLE"
        _all_succeed(
            _race(
                sandbox,
                ("campaign/update/", {"campaign_id": campaign_id, "campaign_name": f"renamed {n}"}),
                ("campaign/update/", {"campaign_id": campaign_id, "budget": 200 + n}),
                (
                    "campaign/status/update/",
                    {"campaign_ids": [campaign_id], "operation_status": status},
                ),
            )
        )
        (campaign,) = sandbox.read(
            "campaign/get/",
            via=n,
            advertiser_id=sandbox.advertiser_id,
            filtering={"campaign_ids": [campaign_id]},
        )["list"]
        seen = (campaign["campaign_name"], campaign["budget"], campaign["operation_status"])
        assert seen == (f"renamed {n}", 200 + n, status), f"round {n}: {pretty(campaign)}"


def test_concurrent_adgroup_updates_of_different_fields_all_take_effect(sandbox: Sandbox) -> None:
    """Name, budget, locations and status of one ad group at once: all four stick."""
    adgroup_id = _adgroup(sandbox, _campaign(sandbox))
    for n in range(ROUNDS):
        status = "DISABLE" if n % 2 == 0 else "ENABLE"
        locations = [str(6252001 + n)]
        _all_succeed(
            _race(
                sandbox,
                ("adgroup/update/", {"adgroup_id": adgroup_id, "adgroup_name": f"renamed {n}"}),
                ("adgroup/update/", {"adgroup_id": adgroup_id, "budget": 300 + n}),
                ("adgroup/update/", {"adgroup_id": adgroup_id, "location_ids": locations}),
                (
                    "adgroup/status/update/",
                    {"adgroup_ids": [adgroup_id], "operation_status": status},
                ),
            )
        )
        (adgroup,) = sandbox.read(
            "adgroup/get/",
            via=n,
            advertiser_id=sandbox.advertiser_id,
            filtering={"adgroup_ids": [adgroup_id]},
        )["list"]
        seen = (
            adgroup["adgroup_name"],
            adgroup["budget"],
            adgroup["location_ids"],
            adgroup["operation_status"],
        )
        assert seen == (f"renamed {n}", 300 + n, locations, status), f"round {n}: {pretty(adgroup)}"


def test_concurrent_ad_updates_of_different_fields_all_take_effect(sandbox: Sandbox) -> None:
    """Name, text, landing page, call to action and status of one ad at once: all five stick."""
    ad_id = _library_ad(sandbox, _adgroup(sandbox, _campaign(sandbox)))
    for n in range(ROUNDS):
        status = "DISABLE" if n % 2 == 0 else "ENABLE"
        page = f"https://example.com/{n}"
        _all_succeed(
            _race(
                sandbox,
                ("ad/update/", {"ad_id": ad_id, "ad_name": f"renamed {n}"}),
                ("ad/update/", {"ad_id": ad_id, "ad_text": f"text {n}"}),
                ("ad/update/", {"ad_id": ad_id, "landing_page_url": page}),
                ("ad/update/", {"ad_id": ad_id, "call_to_action": f"LEARN_MORE_{n}"}),
                ("ad/status/update/", {"ad_ids": [ad_id], "operation_status": status}),
            )
        )
        (ad,) = sandbox.read(
            "ad/get/", via=n, advertiser_id=sandbox.advertiser_id, filtering={"ad_ids": [ad_id]}
        )["list"]
        seen = tuple(
            ad[k]
            for k in (
                "ad_name",
                "ad_text",
                "landing_page_url",
                "call_to_action",
                "operation_status",
            )
        )
        expected = (f"renamed {n}", f"text {n}", page, f"LEARN_MORE_{n}", status)
        assert seen == expected, f"round {n}: {pretty(ad)}"


# -- the Spark ad cap -------------------------------------------------------------------------

CAP_RACERS = 12
CAP_ROUNDS = [0, 7, 3]  # Spark ads deleted before each round (the scenario leaves 5 free)


def _spark_ads(sandbox: Sandbox) -> int:
    """Spark ads that are not deleted (the scenario's one non-Spark ad aside)."""
    page = sandbox.read("ad/get/", advertiser_id=sandbox.advertiser_id, page_size=1)
    return page["page_info"]["total_number"] - 1


def _delete_spark_ads(sandbox: Sandbox, count: int) -> None:
    listed = sandbox.read("ad/get/", advertiser_id=sandbox.advertiser_id, page_size=count + 1)
    ids = [a["ad_id"] for a in listed["list"] if a["identity_type"] != "CUSTOMIZED_USER"][:count]
    body = {"advertiser_id": sandbox.advertiser_id, "ad_ids": ids, "operation_status": "DELETE"}
    created(sandbox.mirror("ad/status/update/", body))


def test_racers_on_two_processes_fill_the_spark_ad_cap_exactly(shared: Shared) -> None:
    """Twelve clients, six per process, create Spark ads one by one until refused: together
    they make exactly the free slots, and the account ends at exactly 10,000 (rule 6)."""
    with new_sandbox(shared, scenario="near-cap") as sandbox:
        body = spark_ad_body(sandbox)

        def fill(via: int) -> int:
            made = 0
            while True:
                answer = sandbox.mirror("ad/create/", body, via=via)
                if answer["code"] != 0:
                    assert answer["message"].startswith("[SPARK_AD_LIMIT_REACHED] creatives: ")
                    return made
                made += 1

        for freed in CAP_ROUNDS:
            if freed:
                _delete_spark_ads(sandbox, freed)
            free = CAP - _spark_ads(sandbox)
            made = race(*(partial(fill, i) for i in range(CAP_RACERS)))
            assert sum(made) == free, made
            assert _spark_ads(sandbox) == CAP


# -- readers ----------------------------------------------------------------------------------

READS = 40
WRITES = 20


def test_a_reader_sees_one_snapshot_while_writers_add_ads(sandbox: Sandbox) -> None:
    """`ad/get/` counts and lists in two statements; while ads are being created, every answer
    still agrees with itself (`total_number` is the length of the one full page) and never
    shrinks: a reader's statements all read one snapshot."""
    adgroup_id = _adgroup(sandbox, _campaign(sandbox))
    body = {
        "advertiser_id": sandbox.advertiser_id,
        "adgroup_id": adgroup_id,
        "creatives": [_library_creative(sandbox, "more")],
    }

    def write(via: int) -> None:
        for _ in range(WRITES):
            created(sandbox.mirror("ad/create/", body, via=via))

    def read(via: int) -> list[tuple[int, int]]:
        seen = []
        for _ in range(READS):
            page = sandbox.read(
                "ad/get/",
                via=via,
                advertiser_id=sandbox.advertiser_id,
                filtering={"adgroup_ids": [adgroup_id]},
                page_size=1000,
            )
            seen.append((page["page_info"]["total_number"], len(page["list"])))
        return seen

    answers = race(partial(write, 0), partial(write, 1), partial(read, 0), partial(read, 1))
    for seen in answers[2:]:
        assert all(total == listed for total, listed in seen), seen
        assert [t for t, _ in seen] == sorted(t for t, _ in seen)
