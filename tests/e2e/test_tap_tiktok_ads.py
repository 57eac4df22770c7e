"""The Singer tap `tap-tiktok-ads`, unchanged, syncs a sandbox through proxy mode.

The tap hard-codes `https://business-api.tiktok.com` (`sandbox-ads.tiktok.com` with
`"sandbox": "true"`): it runs in a virtualenv of its own (it pins old libraries), installed from
PyPI once into `.venv-tap/` (gitignored), with `HTTPS_PROXY` and `REQUESTS_CA_BUNDLE` pointing it
at `mockads serve --proxy-port`. What it extracts is checked against the API itself.

The tap calls `user/info/` before anything else, and its five insights streams read
`report/integrated/get/`: each test skips, naming the call, while the contract lacks a call it
needs (and skips when PyPI cannot be reached to install the tap). Nothing else skips.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import subprocess
import venv
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from mockads.contract import load_spec
from tests.e2e.proxying import ProxiedServer, proxied_server

pytestmark = pytest.mark.e2e

TAP = "tap-tiktok-ads"
TAP_VERSION = "1.2.1"
REPOSITORY = Path(__file__).resolve().parents[2]
TAP_HOME = REPOSITORY / ".venv-tap" / f"{TAP}-{TAP_VERSION}"
MIRROR = "/open_api/v1.3"
MANAGEMENT_STREAMS = ["advertisers", "campaigns", "adgroups", "ads"]
INSIGHTS_STREAMS = [
    "ad_insights",
    "ad_insights_by_age_and_gender",
    "ad_insights_by_country",
    "ad_insights_by_platform",
    "campaign_insights_by_province",
]
#: Network failures in pip's output: PyPI is out of reach, the test cannot judge the tap.
UNREACHABLE = (
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "Name or service not known",
    "No route to host",
    "Connection refused",
    "Read timed out",
    "Could not fetch URL",
    "ProxyError",
)


@pytest.fixture(scope="module")
def tap() -> Path:
    """The tap's own virtualenv (made and installed once, reused by later runs); its `bin`."""
    TAP_HOME.parent.mkdir(exist_ok=True)
    with (TAP_HOME.parent / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one test run installs while another waits
        installed = TAP_HOME / ".installed"
        if not installed.exists():
            venv.create(TAP_HOME, with_pip=True, clear=True)
            pip = [str(TAP_HOME / "bin" / "python"), "-m", "pip", "install", "--quiet"]
            pip += ["--retries", "2", "--timeout", "60", "--disable-pip-version-check"]
            result = subprocess.run(
                [*pip, f"{TAP}=={TAP_VERSION}"],
                capture_output=True,
                text=True,
                timeout=600,
            )
            output = result.stdout + result.stderr
            if result.returncode != 0:
                if any(sign in output for sign in UNREACHABLE):
                    pytest.skip(f"PyPI is unreachable, so {TAP} cannot be installed:\n{output}")
                raise AssertionError(f"pip install {TAP}=={TAP_VERSION} failed:\n{output}")
            installed.touch()
    return TAP_HOME / "bin"


@pytest.fixture(scope="module")
def agency() -> Iterator[ProxiedServer]:
    """Three ad accounts under one token: the tap's `accounts` is a comma-separated string."""
    with proxied_server(args=("--scenario", "agency")) as server:
        yield server


def _needs(*calls: str) -> pytest.MarkDecorator:
    """Skip unless the contract serves every call (`user/info/`, `report/integrated/get/`)."""
    documented = set(load_spec()["paths"])
    missing = [call for call in calls if f"{MIRROR}/{call}" not in documented]
    reason = f"{TAP} calls {', '.join(missing)}, which mockads does not serve yet"
    return pytest.mark.skipif(bool(missing), reason=reason)


def _config(server: ProxiedServer, folder: Path, **more: str) -> Path:
    config = {
        "access_token": server.token,
        "accounts": ", ".join(server.advertiser_ids),
        "start_date": "2020-01-01T00:00:00Z",
        "sandbox": "false",
        "request_timeout": "30",
        **more,
    }
    path = folder / "config.json"
    path.write_text(json.dumps(config))
    return path


def _run(tap: Path, server: ProxiedServer, *args: str) -> list[dict[str, Any]]:
    """The tap's Singer messages (one JSON object per stdout line); it must end with 0."""
    result = subprocess.run(
        [str(tap / TAP), *args],
        env=server.client_env(),
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _catalog(tap: Path, folder: Path, streams: list[str]) -> Path:
    """A catalog of `streams`, selected, from the tap's own schemas and metadata (what its
    discovery writes, without the access probes the insights streams would need)."""
    script = (
        "import json, sys\n"
        "from singer import metadata\n"
        "from tap_tiktok_ads.schemas import get_schemas\n"
        "from tap_tiktok_ads.streams import STREAMS\n"
        "schemas, field_metadata = get_schemas()\n"
        "entries = []\n"
        "for name in sys.argv[1:]:\n"
        "    mdata = metadata.to_map(field_metadata[name])\n"
        "    mdata = metadata.write(mdata, (), 'selected', True)\n"
        "    entries.append({'tap_stream_id': name, 'stream': name, 'schema': schemas[name],\n"
        "                    'key_properties': STREAMS[name].key_properties,\n"
        "                    'metadata': metadata.to_list(mdata)})\n"
        "print(json.dumps({'streams': entries}))\n"
    )
    catalog = subprocess.run(
        [str(tap / "python"), "-c", script, *streams],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    path = folder / "catalog.json"
    path.write_text(catalog)
    return path


def _records(messages: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for message in messages:
        if message["type"] == "RECORD":
            found[message["stream"]].append(message["record"])
    return found


def _api(server: ProxiedServer, path: str, **params: Any) -> Any:
    """The data of one mirror call made directly (not through the proxy)."""
    answer = requests.get(
        f"{server.base_url}{MIRROR}/{path}",
        params={k: json.dumps(v) if isinstance(v, list) else v for k, v in params.items()},
        headers={"Access-Token": server.token},
        timeout=30,
    ).json()
    assert answer["code"] == 0, answer
    return answer["data"]


def _listed(server: ProxiedServer, path: str, key: str) -> dict[str, dict[str, Any]]:
    """Every object `path` (campaign/get/ ...) lists in each of the server's ad accounts."""
    return {
        item[key]: item
        for advertiser_id in server.advertiser_ids
        for item in _api(server, path, advertiser_id=advertiser_id, page_size=1000)["list"]
    }


@_needs("user/info/")
def test_the_tap_syncs_advertisers_campaigns_adgroups_and_ads_through_the_proxy(
    tap, agency, tmp_path
):
    config = _config(agency, tmp_path)
    catalog = _catalog(tap, tmp_path, MANAGEMENT_STREAMS)
    records = _records(_run(tap, agency, "--config", str(config), "--catalog", str(catalog)))

    advertisers = _api(agency, "advertiser/info/", advertiser_ids=agency.advertiser_ids)["list"]
    assert {(r["advertiser_id"], r["name"], r["currency"]) for r in records["advertisers"]} == {
        (a["advertiser_id"], a["name"], a["currency"]) for a in advertisers
    }
    for stream, path, key, name in [
        ("campaigns", "campaign/get/", "campaign_id", "campaign_name"),
        ("adgroups", "adgroup/get/", "adgroup_id", "adgroup_name"),
        ("ads", "ad/get/", "ad_id", "ad_name"),
    ]:
        expected = _listed(agency, path, key)
        extracted = {r[key]: r for r in records[stream]}
        assert extracted.keys() == expected.keys(), stream
        for object_id, record in extracted.items():
            assert record[name] == expected[object_id][name]
            assert record["advertiser_id"] == expected[object_id]["advertiser_id"]
            assert record["current_status"] == "ACTIVE"
    assert {r["advertiser_id"] for r in records["campaigns"]} == set(agency.advertiser_ids)


@_needs("user/info/")
def test_the_tap_in_sandbox_mode_calls_sandbox_ads_tiktok_com_through_the_proxy(
    tap, agency, tmp_path
):
    config = _config(agency, tmp_path, sandbox="true")
    catalog = _catalog(tap, tmp_path, ["advertisers", "campaigns"])
    messages = _run(tap, agency, "--config", str(config), "--catalog", str(catalog))
    records = _records(messages)
    assert "advertisers" not in records  # the tap skips that stream for sandbox accounts
    assert {r["campaign_id"] for r in records["campaigns"]} == set(
        _listed(agency, "campaign/get/", "campaign_id")
    )


@_needs("user/info/", "report/integrated/get/")
def test_the_tap_discovers_every_stream_and_syncs_its_insights_through_the_proxy(
    tap, agency, tmp_path
):
    """Enabled by the contract: runs once `report/integrated/get/` is served."""
    today = datetime.datetime.now(datetime.UTC).date()
    start = today - datetime.timedelta(days=6)
    config = _config(
        agency, tmp_path, start_date=f"{start}T00:00:00Z", end_date=f"{today}T00:00:00Z"
    )
    catalog = _discovered(tap, agency, config)
    assert sorted(s["tap_stream_id"] for s in catalog["streams"]) == sorted(
        MANAGEMENT_STREAMS + INSIGHTS_STREAMS
    )
    for stream in catalog["streams"]:
        top = next(m for m in stream["metadata"] if m["breadcrumb"] == [])
        top["metadata"]["selected"] = stream["tap_stream_id"] in INSIGHTS_STREAMS
    catalog_path = tmp_path / "catalog.json"
    catalog_path.write_text(json.dumps(catalog))
    messages = _run(tap, agency, "--config", str(config), "--catalog", str(catalog_path))

    schemas = {m["stream"] for m in messages if m["type"] == "SCHEMA"}
    assert schemas == set(INSIGHTS_STREAMS)
    records = _records(messages)
    expected = {
        (row["dimensions"]["ad_id"], row["dimensions"]["stat_time_day"])
        for advertiser_id in agency.advertiser_ids
        for row in _api(
            agency,
            "report/integrated/get/",
            advertiser_id=advertiser_id,
            service_type="AUCTION",
            report_type="BASIC",
            data_level="AUCTION_AD",
            dimensions=["ad_id", "stat_time_day"],
            metrics=["spend", "impressions"],
            start_date=str(start),
            end_date=str(today),
            page_size=1000,
        )["list"]
    }
    assert expected, "the agency scenario's ads delivered nothing over the last week"
    extracted = {(r["ad_id"], _day(r["stat_time_day"])) for r in records["ad_insights"]}
    assert extracted == {(ad_id, _day(day)) for ad_id, day in expected}


def _discovered(tap: Path, server: ProxiedServer, config: Path) -> dict[str, Any]:
    """The catalog `--discover` prints (one JSON document, not Singer messages)."""
    result = subprocess.run(
        [str(tap / TAP), "--config", str(config), "--discover"],
        env=server.client_env(),
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    return json.loads(result.stdout)


def _day(value: str) -> str:
    """`2026-11-24 00:00:00` and the tap's `2026-11-24T00:00:00.000000Z` as `2026-11-24`."""
    return value[:10]
