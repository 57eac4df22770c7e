"""`mockads scenarios` and `mockads scenario show`, through click's CliRunner, and the in-memory
summary they print against the one a served sandbox gives."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mockads.cli import main
from mockads.scenarios import list_scenarios
from mockads.schemas.control import sandbox_data
from mockads.services import sandboxes
from mockads.store import SqlStore, create_store

SCENARIOS = [spec.name for spec in list_scenarios()]
#: Keys of `scenario show --json` beyond the control plane's sandbox summary.
EXTRA_KEYS = {"description", "times", "advertisers", "campaigns", "user", "assets"}


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def _shown(name: str, seed: int = 1) -> dict[str, Any]:
    result = _run("scenario", "show", name, "--seed", str(seed), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _without_times(summary: dict[str, Any]) -> dict[str, Any]:
    """A summary without what depends on the second it was made."""
    kept = {k: v for k, v in summary.items() if k not in {"created_at", "clock"}}
    kept["sample_codes"] = [
        {k: v for k, v in c.items() if k != "auth_end_time"} for c in summary["sample_codes"]
    ]
    if "assets" in summary:  # a custom audience expires relative to now
        kept["assets"] = [
            {
                **assets,
                "custom_audiences": [
                    {k: v for k, v in a.items() if k != "expired_time"}
                    for a in assets["custom_audiences"]
                ],
            }
            for assets in summary["assets"]
        ]
    return kept


@pytest.fixture
def store() -> Iterator[SqlStore]:
    store = create_store("sqlite://")
    yield store
    store.dispose()


# -- mockads scenarios ------------------------------------------------------------------------


def test_scenarios_lists_every_scenario_with_its_first_sentence_aligned():
    result = _run("scenarios")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == SCENARIOS
    assert "agency" in SCENARIOS
    starts = {
        len(line) - len(line[len(name) :].lstrip())
        for line, name in zip(lines, SCENARIOS, strict=True)
    }
    assert len(starts) == 1  # every description starts in the same column
    for line, spec in zip(lines, list_scenarios(), strict=True):
        assert line.endswith(spec.headline)
        assert spec.headline.endswith(".") and len(spec.headline) < 100


# -- mockads scenario show --------------------------------------------------------------------


def test_scenario_show_prints_the_agency_world_for_people():
    result = _run("scenario", "show", "agency", "--seed", "1")
    assert result.exit_code == 0, result.output
    shown = _shown("agency")
    text = result.output
    assert "Times are relative to now" in text
    assert f"Access-Token  {shown['access_token']}" in text
    (bc,) = shown["business_centers"]
    assert f"Business Center {bc['bc_id']}" in text
    for advertiser_id in shown["advertiser_ids"]:
        assert advertiser_id in text
    for identity in shown["identities"]:
        assert identity["identity_id"] in text
    assert "BC_AUTH_TT" in text and f"identity_authorized_bc_id={bc['bc_id']}" in text
    for code in shown["sample_codes"]:
        assert code["auth_code"] in text
    for case in ("ready to link", "expired", "dual creator: needs the original's code"):
        assert case in text
    for campaign in shown["campaigns"]:
        assert campaign["campaign_id"] in text


def test_scenario_show_json_is_the_served_summary_with_more_detail():
    shown = _shown("agency")
    assert set(shown) >= EXTRA_KEYS
    assert shown["times"].startswith("relative to now")
    assert {a["currency"] for a in shown["advertisers"]} == {"USD", "GBP", "EUR"}
    (bc,) = shown["business_centers"]
    assert set(bc) == {
        "bc_id",
        "name",
        "type",
        "currency",
        "timezone",
        "user_role",
        "finance_role",
        "advertiser_ids",
    }
    assert {i["identity_type"] for i in shown["identities"]} == {
        "TT_USER",
        "CUSTOMIZED_USER",
        "BC_AUTH_TT",
    }
    assert all(i["use"] for i in shown["identities"])
    cases = {c["case"]: c["case_text"] for c in shown["sample_codes"]}
    assert cases["READY"] == "ready to link"
    assert cases["ORIGINAL_POST_AUTH_CODE_REQUIRED"] == "dual creator: needs the original's code"
    assert len(shown["campaigns"]) == 3
    for campaign in shown["campaigns"]:
        (adgroup,) = campaign["adgroups"]
        assert adgroup["ad_counts"] == {"total": 2, "spark": 1, "non_spark": 1}


def test_scenario_show_lists_a_few_ads_of_a_crowded_ad_group():
    (campaign,) = _shown("near-cap")["campaigns"]
    (adgroup,) = campaign["adgroups"]
    assert adgroup["ad_counts"] == {"total": 9996, "spark": 9995, "non_spark": 1}
    assert len(adgroup["ads"]) == 3
    text = _run("scenario", "show", "near-cap").output
    assert "9,996 ads (9,995 Spark, 1 non-Spark)" in text
    assert "... and 9,993 more" in text


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_show_gives_what_a_server_started_with_it_holds(store, name):
    served = sandboxes.create_sandbox(
        store,
        scenario=name,
        seed=3,
        name="default",
        sandbox_id=sandboxes.DEFAULT_SANDBOX_ID,
        access_token=sandboxes.default_access_token(3),
    )
    shown = _shown(name, seed=3)
    common = {k: v for k, v in shown.items() if k not in EXTRA_KEYS}
    expected = _without_times(sandbox_data(served))
    got = _without_times(common)
    # show adds detail to business centers, identities and codes; the served keys agree
    got["business_centers"] = [
        {k: bc[k] for k in ("bc_id", "name", "advertiser_ids")} for bc in got["business_centers"]
    ]
    got["identities"] = [
        {k: v for k, v in i.items() if k not in {"use", "identity_authorized_bc_id"}}
        for i in got["identities"]
    ]
    got["sample_codes"] = [
        {k: v for k, v in c.items() if k not in {"case_text", "original_item_id"}}
        for c in got["sample_codes"]
    ]
    assert got == expected


def test_scenario_show_seeds_change_the_world_and_the_token():
    first, second = _shown("agency", 1), _shown("agency", 2)
    assert first["access_token"] != second["access_token"]
    assert set(first["advertiser_ids"]).isdisjoint(second["advertiser_ids"])
    assert _without_times(_shown("agency", 1)) == _without_times(first)


def test_scenario_show_of_an_unknown_scenario_lists_the_known_ones_and_exits_2():
    result = _run("scenario", "show", "no-such-world")
    assert result.exit_code == 2
    assert "scenario 'no-such-world' does not exist." in result.output
    assert f"Known scenarios: {', '.join(SCENARIOS)}." in result.output


@pytest.mark.parametrize("seed", ["-1", "nine", str(2**63)])
def test_scenario_show_refuses_a_seed_out_of_range(seed):
    result = _run("scenario", "show", "default", "--seed", seed)
    assert result.exit_code == 2
    assert "--seed" in result.output


def test_scenario_show_starts_neither_flask_nor_a_database():
    code = (
        "import sys; from click.testing import CliRunner; from mockads.cli import main; "
        "r = CliRunner().invoke(main, ['scenario', 'show', 'agency']); "
        "assert r.exit_code == 0, r.output; "
        "print(sorted(m for m in sys.modules if m in {'flask', 'sqlalchemy', 'mockads.app'}))"
    )
    root = Path(__file__).resolve().parents[2]
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"


# -- the README's examples --------------------------------------------------------------------

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_section() -> str:
    return README.read_text(encoding="utf-8").split("\n## Scenarios\n", 1)[1].split("\n## ", 1)[0]


def test_the_readme_scenario_commands_run_and_print_what_it_shows():
    blocks = _readme_section().split("```")[1::2]  # the insides of the fenced blocks
    commands = blocks[0].removeprefix("sh\n").splitlines()
    outputs = []
    for command in commands:
        args = command.split("#", 1)[0].split()
        assert args[0] == "mockads"
        result = _run(*args[1:])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    json.loads(outputs[1])
    shown = [line for line in blocks[1].splitlines() if line.strip() not in ("", "...")]
    assert len(shown) == 4
    for line in shown:
        assert line in outputs[0].splitlines(), line


def test_the_readme_lists_the_keys_scenario_show_adds():
    listed = set(re.findall(r"^\| `(\w+)` \|", _readme_section(), flags=re.MULTILINE))
    assert listed == EXTRA_KEYS
    summary = _readme_section().split("sandbox summary (", 1)[1].split(")", 1)[0]
    assert set(_shown("default")) == set(re.findall(r"`(\w+)`", summary)) | EXTRA_KEYS
