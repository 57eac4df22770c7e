"""The sandbox clock drives authorization expiry on the mirror."""

from __future__ import annotations

from tests.api.helpers import leaves_unchanged, ready_code

DAY = 86_400


def _advance(sandbox, seconds):
    sandbox.control("POST", "/clock", {"advance_seconds": seconds})


def _statuses(sandbox):
    body = sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id)
    return [p["auth_info"]["ad_auth_status"] for p in body["data"]["list"]]


def test_advancing_the_clock_400_days_expires_every_linked_post(mockads_sandbox):
    assert _statuses(mockads_sandbox) == ["AUTHORIZED", "AUTHORIZED"]
    _advance(mockads_sandbox, 400 * DAY)
    assert _statuses(mockads_sandbox) == ["EXPIRED", "EXPIRED"]


def test_advancing_the_clock_a_day_keeps_linked_posts_authorized(mockads_sandbox):
    _advance(mockads_sandbox, DAY)
    assert _statuses(mockads_sandbox) == ["AUTHORIZED", "AUTHORIZED"]


def test_advancing_the_clock_400_days_makes_a_ready_code_expired(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    _advance(mockads_sandbox, 400 * DAY)
    with leaves_unchanged(mockads_sandbox):
        body = mockads_sandbox.post(
            "tt_video/authorize/",
            {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": code},
        )
    assert body["code"] == 40002
    assert body["message"].startswith("[AUTH_CODE_EXPIRED] auth_code: ")


def test_advancing_the_clock_400_days_shows_every_sample_code_expired_or_cancelled(mockads_sandbox):
    _advance(mockads_sandbox, 400 * DAY)
    statuses = {c["ad_auth_status"] for c in mockads_sandbox.control("GET")["sample_codes"]}
    assert statuses == {"EXPIRED", "CANCELLED"}


def test_tt_video_info_reports_expired_after_the_clock_passes_auth_end_time(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    _advance(mockads_sandbox, 400 * DAY)
    body = mockads_sandbox.get(
        "tt_video/info/", advertiser_id=mockads_sandbox.advertiser_id, auth_code=code
    )
    assert body["data"]["auth_info"]["ad_auth_status"] == "EXPIRED"


def test_setting_the_clock_to_auth_end_time_expires_the_code(mockads_sandbox):
    code = ready_code(mockads_sandbox)
    end = next(
        c["auth_end_time"]
        for c in mockads_sandbox.summary["sample_codes"]
        if c["auth_code"] == code
    )
    mockads_sandbox.control("POST", "/clock", {"frozen": True, "set": end})
    body = mockads_sandbox.post(
        "tt_video/authorize/", {"advertiser_id": mockads_sandbox.advertiser_id, "auth_code": code}
    )
    assert body["message"].startswith("[AUTH_CODE_EXPIRED] auth_code: ")
