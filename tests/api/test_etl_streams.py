"""An ETL sync against mockads, as the declarative client of api-reference §10 makes it.

It checks the token with `user/info/` (only `message == "OK"` passes), lists the advertisers,
then reads every stream of each advertiser page by page: GET, `Content-Type:
application/json` and a body `{}`, `page=1, 2, ...` until a page comes back shorter than
`page_size`. Any nonzero code ends its sync; here the sync must run to the end. Reports are
another helper's part and are left out.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from mockads.testing import MIRROR, Sandbox

#: stream -> (path, where its records are, the client's page_size, primary key)
STREAMS = {
    "audiences": ("dmp/custom_audience/list/", "list", 100, "audience_id"),
    "creative_assets_music": ("file/music/get/", "musics", 100, "music_id"),
    "creative_assets_portfolios": (
        "creative/portfolio/list/",
        "creative_portfolios",
        100,
        "creative_portfolio_id",
    ),
    "campaigns": ("campaign/get/", "list", 1000, "campaign_id"),
    "ad_groups": ("adgroup/get/", "list", 1000, "adgroup_id"),
    "ads": ("ad/get/", "list", 1000, "ad_id"),
    "creative_assets_images": ("file/image/ad/search/", "list", 100, "image_id"),
    "creative_assets_videos": ("file/video/ad/search/", "list", 100, "video_id"),
}
#: Streams whose records the client keeps by `modify_time` (semi-incremental).
BY_MODIFY_TIME = {
    "campaigns",
    "ad_groups",
    "ads",
    "creative_assets_images",
    "creative_assets_videos",
}
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ")


class EtlClient:
    """The declarative client's requests: every GET with a JSON body `{}`."""

    def __init__(self, client: FlaskClient, sandbox: Sandbox) -> None:
        self.client, self.token, self.calls = client, sandbox.access_token, 0
        app = sandbox.app()
        self.app = {"app_id": app["app_id"], "secret": app["secret"]}

    def get(self, path: str, **params: Any) -> dict[str, Any]:
        query = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
        self.calls += 1
        response = self.client.get(
            f"{MIRROR}/{path}",
            query_string=query,
            data="{}",
            headers={"Access-Token": self.token, "Content-Type": "application/json"},
        )
        body = response.get_json()
        assert response.status_code == 200 and body["code"] == 0, (path, params, body)
        return body

    def pages(self, path: str, records: str, page_size: int, **params: Any) -> list[dict]:
        """Every record of a paged stream, as its page-increment paginator walks it."""
        found: list[dict] = []
        page = 1
        while True:
            data = self.get(path, page=page, page_size=page_size, **params)["data"]
            found += data[records]
            if len(data[records]) < page_size:
                return found
            page += 1


def _modify_time(record: dict[str, Any]) -> datetime:
    for pattern in _TIME_FORMATS:
        try:
            return datetime.strptime(record["modify_time"], pattern)
        except ValueError:
            continue
    raise AssertionError(f"modify_time {record['modify_time']!r} is in neither format")


def sync(etl: EtlClient, page_size: int | None = None) -> dict[str, list[dict]]:
    """A whole sync; `page_size` overrides the client's to make each stream take many pages."""
    assert etl.get("user/info/")["message"] == "OK"
    etl.get("user/info")  # some clients leave the slash out
    ids = [a["advertiser_id"] for a in etl.get("oauth2/advertiser/get/", **etl.app)["data"]["list"]]
    # advertiser/info/ is not paged: its up to 100 ids fit one page of the client's 100
    synced = {"advertisers": etl.pages("advertiser/info/", "list", 100, advertiser_ids=ids)}
    for stream, (path, records, client_size, _) in STREAMS.items():
        synced[stream] = []
        for advertiser_id in ids:
            synced[stream] += etl.pages(
                path, records, page_size or client_size, advertiser_id=advertiser_id
            )
    start = datetime(2016, 9, 1)
    for stream in BY_MODIFY_TIME:
        assert all(_modify_time(r) >= start for r in synced[stream]), stream
    return synced


@pytest.mark.parametrize("scenario", ["default", "agency"])
def test_an_etl_sync_reads_every_stream_to_the_end(client: FlaskClient, scenario: str):
    sandbox = _sandbox(client, scenario)
    synced = sync(EtlClient(client, sandbox))
    assert len(synced["advertisers"]) == len(sandbox.summary["advertiser_ids"])
    for stream, (_, _, _, key) in STREAMS.items():
        assert synced[stream], f"{stream}: the scenario holds none"
        assert len({r[key] for r in synced[stream]}) == len(synced[stream]), stream


def test_a_sync_one_record_a_page_reads_the_same_records(client: FlaskClient):
    sandbox = _sandbox(client, "default")
    whole = sync(EtlClient(client, sandbox))
    etl = EtlClient(client, sandbox)
    assert sync(etl, page_size=1) == whole
    # user/info/ twice, the advertisers in two calls; then one page per record of a stream and
    # one more that comes back empty (the default scenario has one advertiser)
    records = sum(len(whole[stream]) for stream in STREAMS)
    assert etl.calls == 2 + 2 + records + len(STREAMS)


def _sandbox(client: FlaskClient, scenario: str) -> Sandbox:
    response = client.post("/_mockads/v1/sandboxes", json={"scenario": scenario, "seed": 5})
    assert response.status_code == 201
    return Sandbox(client, response.get_json())
