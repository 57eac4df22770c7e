"""What ETL clients read at start and per stream (issue 15): `user/info/`, `file/music/get/`,
`creative/portfolio/list|create|get/` and `dmp/custom_audience/list/`, over the scenario's data."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from mockads.testing import MIRROR, Sandbox
from tests.api.library_helpers import ISO_TIME, TIME, invalid

DAY = 86_400


def _ok(body: dict) -> dict:
    assert (body["code"], body["message"]) == (0, "OK"), body
    return body["data"]


# -- user/info/ ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["user/info/", "user/info"])
def test_user_info_answers_the_tokens_user_with_message_ok(
    client: FlaskClient, pristine: Sandbox, path: str
):
    response = client.get(f"{MIRROR}/{path}", headers={"Access-Token": pristine.access_token})
    body = response.get_json()
    user = _ok(body)
    assert sorted(user) == ["create_time", "display_name", "email", "id"]
    assert user["id"].isdigit() and "@" in user["email"]
    assert isinstance(user["create_time"], int)


def test_user_info_takes_a_json_body_on_get_as_etl_clients_send(
    client: FlaskClient, pristine: Sandbox
):
    response = client.get(
        f"{MIRROR}/user/info/", json={}, headers={"Access-Token": pristine.access_token}
    )
    assert _ok(response.get_json())["id"]


def test_user_info_without_a_token_is_40104_and_with_an_unknown_one_40105(client: FlaskClient):
    assert client.get(f"{MIRROR}/user/info/").get_json()["code"] == 40104
    unknown = client.get(f"{MIRROR}/user/info/", headers={"Access-Token": "0" * 40})
    assert unknown.get_json()["code"] == 40105


def test_each_sandbox_has_its_own_user(pristine: Sandbox, foreign: Sandbox):
    assert _ok(pristine.get("user/info/"))["id"] != _ok(foreign.get("user/info/"))["id"]


# -- file/music/get/ -----------------------------------------------------------------------------


def _musics(sandbox: Sandbox, **params) -> dict:
    return _ok(sandbox.get("file/music/get/", advertiser_id=sandbox.advertiser_id, **params))


def test_file_music_get_lists_the_scenarios_music_under_musics(pristine: Sandbox):
    data = _musics(pristine)
    assert data["page_info"] == {"page": 1, "page_size": 20, "total_number": 3, "total_page": 1}
    music = data["musics"][0]
    assert sorted(music) == sorted(
        [
            "music_id",
            "material_id",
            "sources",
            "author",
            "liked",
            "cover_url",
            "url",
            "duration",
            "style",
            "signature",
            "name",
            "file_name",
            "copyright",
            "create_time",
            "modify_time",
        ]
    )
    assert ISO_TIME.match(music["create_time"])
    times = [m["create_time"] for m in data["musics"]]
    assert times == sorted(times, reverse=True)


def test_file_music_get_pages_and_filters(pristine: Sandbox):
    every = _musics(pristine)["musics"]
    pages = [_musics(pristine, page=n, page_size=2) for n in (1, 2)]
    assert [m["music_id"] for p in pages for m in p["musics"]] == [m["music_id"] for m in every]
    assert pages[1]["page_info"] == {"page": 2, "page_size": 2, "total_number": 3, "total_page": 2}
    one = every[1]
    by_id = _musics(pristine, filtering={"music_ids": [one["music_id"]]})["musics"]
    assert by_id == [one]
    by_word = _musics(pristine, filtering={"keyword": one["author"].split()[0].upper()})
    assert one in by_word["musics"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 101}, "page_size"),
        ({"page": 0}, "page"),
        ({"music_scene": "RADIO"}, "music_scene"),
        ({"filtering": "{"}, "filtering"),
    ],
)
def test_file_music_get_refuses_bad_parameters_by_name(pristine: Sandbox, params, field):
    invalid(pristine.get("file/music/get/", advertiser_id=pristine.advertiser_id, **params), field)


def test_file_music_get_of_another_advertiser_is_40001(pristine: Sandbox, foreign: Sandbox):
    body = pristine.get("file/music/get/", advertiser_id=foreign.advertiser_id)
    assert (body["code"], body["data"]) == (40001, {})


# -- creative/portfolio/list|create/ -------------------------------------------------------------


def _portfolios(sandbox: Sandbox, **params) -> dict:
    params = {"advertiser_id": sandbox.advertiser_id, **params}
    return _ok(sandbox.get("creative/portfolio/list/", **params))


def test_creative_portfolio_list_lists_the_scenarios_portfolios(pristine: Sandbox):
    data = _portfolios(pristine)
    assert data["page_info"]["total_number"] == 2
    assert sorted(data["creative_portfolios"][0]) == [
        "creative_portfolio_id",
        "creative_portfolio_preview_url",
        "creative_portfolio_type",
    ]


def test_a_created_portfolio_is_listed_first(mockads_sandbox: Sandbox):
    body = mockads_sandbox.post(
        "creative/portfolio/create/",
        {
            "advertiser_id": mockads_sandbox.advertiser_id,
            "creative_portfolio_type": "GIFT_CODE",
            "portfolio_content": [{"asset_content": "SPRING25", "asset_ids": []}],
        },
    )
    portfolio_id = _ok(body)["creative_portfolio_id"]
    first = _portfolios(mockads_sandbox, page_size=1)
    assert first["creative_portfolios"][0]["creative_portfolio_id"] == portfolio_id
    assert first["creative_portfolios"][0]["creative_portfolio_type"] == "GIFT_CODE"
    assert first["page_info"] == {"page": 1, "page_size": 1, "total_number": 3, "total_page": 3}
    rows = mockads_sandbox.export_state()["tables"]["creative_portfolios"]
    stored = next(r for r in rows if r["creative_portfolio_id"] == portfolio_id)
    assert stored["portfolio_content"] == [{"asset_content": "SPRING25", "asset_ids": []}]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"creative_portfolio_type": "BANNER"}, "creative_portfolio_type"),
        ({"portfolio_content": []}, "portfolio_content"),
        ({"portfolio_content": [{"a": 1}] * 21}, "portfolio_content"),
        ({"portfolio_content": ["text"]}, "portfolio_content"),
        ({"creative_portfolio_type": None}, "creative_portfolio_type"),
    ],
)
def test_creative_portfolio_create_refuses_bad_parameters_and_changes_nothing(
    mockads_sandbox: Sandbox, changes, field
):
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "creative_portfolio_type": "CTA",
        "portfolio_content": [{"asset_content": "Shop now"}],
        **changes,
    }
    invalid(mockads_sandbox.post("creative/portfolio/create/", body), field)
    assert _portfolios(mockads_sandbox)["page_info"]["total_number"] == 2


def test_creative_portfolio_get_answers_a_created_portfolio_with_its_content(
    mockads_sandbox: Sandbox,
):
    content = [{"asset_content": "Shop now", "asset_ids": []}]
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "creative_portfolio_type": "CTA",
        "portfolio_content": content,
    }
    portfolio_id = _ok(mockads_sandbox.post("creative/portfolio/create/", body))[
        "creative_portfolio_id"
    ]
    got = mockads_sandbox.get(
        "creative/portfolio/get/",
        advertiser_id=mockads_sandbox.advertiser_id,
        creative_portfolio_id=portfolio_id,
    )
    assert _ok(got) == {
        "creative_portfolio_id": portfolio_id,
        "creative_portfolio_type": "CTA",
        "portfolio_content": content,
    }


def test_creative_portfolio_get_refuses_another_advertisers_or_an_unknown_portfolio(
    pristine: Sandbox, foreign: Sandbox
):
    theirs = _portfolios(foreign)["creative_portfolios"][0]["creative_portfolio_id"]
    for portfolio_id in (theirs, "7" * 19):
        body = pristine.get(
            "creative/portfolio/get/",
            advertiser_id=pristine.advertiser_id,
            creative_portfolio_id=portfolio_id,
        )
        assert body["code"] == 40001, body
        assert body["message"].startswith("creative_portfolio_id:"), body
    missing = pristine.get("creative/portfolio/get/", advertiser_id=pristine.advertiser_id)
    invalid(missing, "creative_portfolio_id")


# -- dmp/custom_audience/list/ -------------------------------------------------------------------


def _audiences(sandbox: Sandbox, **params) -> dict:
    params = {"advertiser_id": sandbox.advertiser_id, **params}
    return _ok(sandbox.get("dmp/custom_audience/list/", **params))


def test_custom_audiences_read_their_validity_on_the_sandbox_clock(mockads_sandbox: Sandbox):
    audiences = _audiences(mockads_sandbox)["list"]
    assert len(audiences) == 3
    assert all(TIME.match(a["create_time"]) and TIME.match(a["expired_time"]) for a in audiences)
    flags = sorted((a["is_valid"], a["is_expiring"]) for a in audiences)
    assert flags == [(False, False), (True, False), (True, True)]
    mockads_sandbox.step("POST", "/clock", {"advance_seconds": 400 * DAY})
    assert not any(a["is_valid"] for a in _audiences(mockads_sandbox)["list"])


def test_custom_audience_list_pages_and_filters_by_id(pristine: Sandbox):
    every = _audiences(pristine)
    assert every["page_info"] == {"page": 1, "page_size": 10, "total_number": 3, "total_page": 1}
    second = _audiences(pristine, page=2, page_size=2)
    assert [a["audience_id"] for a in second["list"]] == [every["list"][2]["audience_id"]]
    wanted = every["list"][1]["audience_id"]
    assert _audiences(pristine, custom_audience_ids=[wanted])["list"] == [every["list"][1]]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"page_size": 0}, "page_size"), ({"custom_audience_ids": ["x"]}, "custom_audience_ids")],
)
def test_custom_audience_list_refuses_bad_parameters(pristine: Sandbox, params, field):
    params = {"advertiser_id": pristine.advertiser_id, **params}
    invalid(pristine.get("dmp/custom_audience/list/", **params), field)


def test_an_ad_group_targets_only_audiences_of_its_advertiser(mockads_sandbox: Sandbox):
    advertiser_id = mockads_sandbox.advertiser_id
    adgroup_id = mockads_sandbox.get("adgroup/get/", advertiser_id=advertiser_id)["data"]["list"][
        0
    ]["adgroup_id"]
    audiences = [a["audience_id"] for a in _audiences(mockads_sandbox)["list"]]
    update = {"advertiser_id": advertiser_id, "adgroup_id": adgroup_id}
    body = mockads_sandbox.post(
        "adgroup/update/",
        {**update, "excluded_audience_ids": [audiences[0], "7000000000000000001"]},
    )
    assert (body["code"], body["message"].split(":")[0]) == (40001, "excluded_audience_ids.1")
    _ok(mockads_sandbox.post("adgroup/update/", {**update, "audience_ids": audiences[:2]}))
    got = mockads_sandbox.get(
        "adgroup/get/", advertiser_id=advertiser_id, filtering={"adgroup_ids": [adgroup_id]}
    )
    assert got["data"]["list"][0]["audience_ids"] == audiences[:2]
