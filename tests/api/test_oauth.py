"""Onboarding through the API: apps, consent codes, `oauth2/access_token/`, scopes, revocation.

One test per refusal (wrong secret, unregistered redirect URI, reused code, expired code,
missing scope, revoked token), each with its code and nothing changed.
"""

from __future__ import annotations

from typing import Any

import pytest

from mockads.testing import MIRROR, Sandbox
from tests.api.lifecycle_helpers import unchanged

_ALL_GROUPS = [
    "ad_account_management",
    "ads_management",
    "reporting",
    "creative_management",
    "tiktok_accounts",
    "audience_management",
]


def _consent(sandbox: Sandbox, **changes: Any) -> dict[str, Any]:
    """The control plane's shortcut for the advertiser's consent: the code's answer."""
    app = sandbox.app()
    body = {
        "redirect_uri": app["redirect_uris"][0],
        "advertiser_ids": [sandbox.advertiser_id],
        **changes,
    }
    return sandbox.step("POST", f"/apps/{app['app_id']}/auth_codes", body)  # type: ignore[no-any-return]


def _exchange(sandbox: Sandbox, auth_code: str, **changes: str) -> dict[str, Any]:
    """`oauth2/access_token/` as an app's server sends it: no Access-Token header."""
    app = sandbox.app()
    body = {"app_id": app["app_id"], "secret": app["secret"], "auth_code": auth_code, **changes}
    return sandbox.client.post(f"{MIRROR}/oauth2/access_token/", json=body).get_json()  # type: ignore[no-any-return]


def _as(sandbox: Sandbox, token: str, path: str, **params: Any) -> dict[str, Any]:
    """A mirror GET with another token than the sandbox's own."""
    return Sandbox(sandbox.client, {**sandbox.summary, "access_token": token}).get(path, **params)


def test_the_default_scenario_ships_one_app_with_a_secret_of_40_hex(mockads_sandbox):
    (app,) = mockads_sandbox.step("GET", "/apps")["apps"]
    assert app["app_id"].isdigit() and len(app["app_id"]) == 19
    assert len(app["secret"]) == 40 and int(app["secret"], 16) >= 0
    assert app["redirect_uris"] == [
        "http://localhost:3000/callback",
        "http://127.0.0.1:3000/callback",
    ]
    assert mockads_sandbox.app() == {
        k: app[k] for k in ("app_id", "name", "secret", "redirect_uris")
    }


def test_an_app_is_created_listed_read_and_deleted(mockads_sandbox):
    made = mockads_sandbox.step(
        "POST", "/apps", {"name": "Acme Sync", "redirect_uris": ["https://acme.example/cb"]}
    )
    assert made["name"] == "Acme Sync" and made["redirect_uris"] == ["https://acme.example/cb"]
    assert mockads_sandbox.step("GET", f"/apps/{made['app_id']}") == made
    listed = [a["app_id"] for a in mockads_sandbox.step("GET", "/apps")["apps"]]
    assert made["app_id"] in listed and len(listed) == 2
    mockads_sandbox.step("DELETE", f"/apps/{made['app_id']}")
    response = mockads_sandbox.client.get(
        f"/_mockads/v1/sandboxes/{mockads_sandbox.sandbox_id}/apps/{made['app_id']}"
    )
    assert response.status_code == 404


def test_a_consent_code_buys_a_token_for_the_granted_accounts_and_groups(mockads_sandbox):
    code = _consent(mockads_sandbox, scopes=["reporting", "ads_management"])
    assert code["scope"] == [2, 3] and code["scopes"] == ["ads_management", "reporting"]
    body = _exchange(mockads_sandbox, code["auth_code"])
    assert body["code"] == 0, body
    data = body["data"]
    assert data["advertiser_ids"] == [mockads_sandbox.advertiser_id]
    assert data["scope"] == [2, 3]
    got = _as(
        mockads_sandbox,
        data["access_token"],
        "campaign/get/",
        advertiser_id=mockads_sandbox.advertiser_id,
    )
    assert got["code"] == 0, got


def test_without_scopes_the_consent_grants_every_group(mockads_sandbox):
    assert _consent(mockads_sandbox)["scopes"] == _ALL_GROUPS


def test_a_wrong_secret_is_40101_and_the_code_stays_usable(mockads_sandbox):
    code = _consent(mockads_sandbox)["auth_code"]
    with unchanged(mockads_sandbox):
        body = _exchange(mockads_sandbox, code, secret="0" * 40)
    assert (body["code"], body["data"]) == (40101, {})
    assert body["message"] == "app_id/secret: the app id or secret is wrong."
    assert _exchange(mockads_sandbox, code)["code"] == 0


def test_an_app_id_no_sandbox_has_is_40101_even_with_an_unknown_code(mockads_sandbox):
    body = _exchange(mockads_sandbox, "f" * 40, app_id="7000000000000000000")
    assert (body["code"], body["data"]) == (40101, {})


def test_an_unknown_code_is_40110(mockads_sandbox):
    with unchanged(mockads_sandbox):
        body = _exchange(mockads_sandbox, "f" * 40)
    assert (body["code"], body["message"]) == (
        40110,
        "auth_code: the authorization code is unknown.",
    )


def test_a_reused_code_is_40110_and_buys_no_second_token(mockads_sandbox):
    code = _consent(mockads_sandbox)["auth_code"]
    assert _exchange(mockads_sandbox, code)["code"] == 0
    with unchanged(mockads_sandbox):
        body = _exchange(mockads_sandbox, code)
    assert (body["code"], body["data"]) == (40110, {})
    assert body["message"] == "auth_code: the authorization code was already used."


def test_a_code_expires_after_an_hour_of_sandbox_time(mockads_sandbox):
    code = _consent(mockads_sandbox)["auth_code"]
    mockads_sandbox.clock.advance(seconds=3600)
    with unchanged(mockads_sandbox):
        body = _exchange(mockads_sandbox, code)
    assert (body["code"], body["message"]) == (
        40110,
        "auth_code: the authorization code has expired.",
    )


def test_a_code_exchanged_within_the_hour_works(mockads_sandbox):
    code = _consent(mockads_sandbox)["auth_code"]
    mockads_sandbox.clock.advance(seconds=3599)
    assert _exchange(mockads_sandbox, code)["code"] == 0


def test_a_code_of_another_app_of_the_sandbox_is_40110(mockads_sandbox):
    other = mockads_sandbox.step(
        "POST", "/apps", {"name": "Other", "redirect_uris": ["https://other.example/cb"]}
    )
    code = mockads_sandbox.step(
        "POST",
        f"/apps/{other['app_id']}/auth_codes",
        {
            "redirect_uri": "https://other.example/cb",
            "advertiser_ids": [mockads_sandbox.advertiser_id],
        },
    )["auth_code"]
    with unchanged(mockads_sandbox):
        assert _exchange(mockads_sandbox, code)["code"] == 40110
    assert (
        _exchange(mockads_sandbox, code, app_id=other["app_id"], secret=other["secret"])["code"]
        == 0
    )


def test_an_unregistered_redirect_uri_gets_no_code(mockads_sandbox):
    app = mockads_sandbox.app()
    with unchanged(mockads_sandbox):
        response = mockads_sandbox.client.post(
            f"/_mockads/v1/sandboxes/{mockads_sandbox.sandbox_id}/apps/{app['app_id']}/auth_codes",
            json={
                "redirect_uri": "https://evil.example/cb",
                "advertiser_ids": [mockads_sandbox.advertiser_id],
            },
        )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "REDIRECT_URI_NOT_REGISTERED"
    assert (
        error["message"]
        == "redirect_uri: 'https://evil.example/cb' is not registered for this app."
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"advertiser_ids": ["7000000000000000001"]},
            "advertiser_ids: '7000000000000000001' is not an ad account of this sandbox.",
        ),
        ({"scopes": ["everything"]}, "scopes.0: one of the permission groups: "),
        ({"scopes": []}, "scopes: Shorter than minimum length 1."),
    ],
)
def test_a_consent_naming_what_the_sandbox_lacks_is_refused(mockads_sandbox, body, message):
    with unchanged(mockads_sandbox):
        response = mockads_sandbox.client.post(
            f"/_mockads/v1/sandboxes/{mockads_sandbox.sandbox_id}/apps/{mockads_sandbox.app()['app_id']}/auth_codes",
            json={
                "redirect_uri": "http://localhost:3000/callback",
                "advertiser_ids": [mockads_sandbox.advertiser_id],
                **body,
            },
        )
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith(message)


def test_a_token_without_the_routes_group_is_40001_naming_it(mockads_sandbox):
    token = mockads_sandbox.connect_app(scopes=["reporting"])["access_token"]
    with unchanged(mockads_sandbox):
        body = _as(
            mockads_sandbox, token, "campaign/get/", advertiser_id=mockads_sandbox.advertiser_id
        )
    assert (body["code"], body["data"]) == (40001, {})
    assert body["message"] == (
        "Access-Token: no permission for this call: the advertiser did not grant the app "
        "the 'Ads Management' permission (scope 2)."
    )


def test_a_write_without_the_group_changes_nothing(mockads_sandbox):
    token = mockads_sandbox.connect_app(scopes=["reporting"])["access_token"]
    body = {
        "advertiser_id": mockads_sandbox.advertiser_id,
        "campaign_name": "Scoped",
        "objective_type": "TRAFFIC",
        "budget_mode": "BUDGET_MODE_INFINITE",
    }
    with unchanged(mockads_sandbox):
        answer = mockads_sandbox.client.post(
            f"{MIRROR}/campaign/create/", json=body, headers={"Access-Token": token}
        ).get_json()
    assert answer["code"] == 40001 and "'Ads Management'" in answer["message"]


def test_a_token_reaches_only_the_granted_ad_accounts(mockads_sandbox):
    agency = mockads_sandbox.client.post(
        "/_mockads/v1/sandboxes", json={"scenario": "agency", "seed": 1}
    ).get_json()
    sandbox = Sandbox(mockads_sandbox.client, agency)
    first, second, _ = agency["advertiser_ids"]
    token = sandbox.connect_app(advertiser_ids=[first])["access_token"]
    assert _as(sandbox, token, "campaign/get/", advertiser_id=first)["code"] == 0
    refused = _as(sandbox, token, "campaign/get/", advertiser_id=second)
    assert (refused["code"], refused["data"]) == (40001, {})
    app = sandbox.app()
    listed = _as(
        sandbox, token, "oauth2/advertiser/get/", app_id=app["app_id"], secret=app["secret"]
    )
    assert [a["advertiser_id"] for a in listed["data"]["list"]] == [first]
    info = _as(sandbox, token, "advertiser/info/", advertiser_ids=[first, second])
    assert info["code"] == 40001


def test_oauth2_advertiser_get_refuses_a_wrong_secret_with_40101(mockads_sandbox):
    app = mockads_sandbox.app()
    body = mockads_sandbox.get("oauth2/advertiser/get/", app_id=app["app_id"], secret="0" * 40)
    assert (body["code"], body["data"]) == (40101, {})


def test_oauth2_advertiser_get_refuses_another_apps_token(mockads_sandbox):
    other = mockads_sandbox.step(
        "POST", "/apps", {"name": "Other", "redirect_uris": ["https://other.example/cb"]}
    )
    token = mockads_sandbox.connect_app()["access_token"]
    body = _as(
        mockads_sandbox,
        token,
        "oauth2/advertiser/get/",
        app_id=other["app_id"],
        secret=other["secret"],
    )
    assert body["code"] == 40101


def test_the_scenarios_own_token_keeps_every_permission(mockads_sandbox):
    for path in ("campaign/get/", "report/integrated/get/", "dmp/custom_audience/list/"):
        body = mockads_sandbox.get(path, advertiser_id=mockads_sandbox.advertiser_id)
        assert body["code"] != 40001, (path, body)


def test_a_revoked_token_is_40105_on_the_mirror(mockads_sandbox):
    app = mockads_sandbox.app()
    token = mockads_sandbox.connect_app()["access_token"]
    revoke = {"app_id": app["app_id"], "secret": app["secret"], "access_token": token}
    answer = mockads_sandbox.client.post(f"{MIRROR}/oauth2/revoke_token/", json=revoke).get_json()
    assert (answer["code"], answer["data"]) == (0, {})
    body = _as(mockads_sandbox, token, "campaign/get/", advertiser_id=mockads_sandbox.advertiser_id)
    assert (body["code"], body["data"]) == (40105, {})
    again = mockads_sandbox.client.post(f"{MIRROR}/oauth2/revoke_token/", json=revoke).get_json()
    assert again["code"] == 40105


def test_revoking_with_a_wrong_secret_is_40101_and_the_token_still_works(mockads_sandbox):
    app = mockads_sandbox.app()
    token = mockads_sandbox.connect_app()["access_token"]
    revoke = {"app_id": app["app_id"], "secret": "0" * 40, "access_token": token}
    with unchanged(mockads_sandbox):
        answer = mockads_sandbox.client.post(
            f"{MIRROR}/oauth2/revoke_token/", json=revoke
        ).get_json()
    assert answer["code"] == 40101
    assert (
        _as(mockads_sandbox, token, "campaign/get/", advertiser_id=mockads_sandbox.advertiser_id)[
            "code"
        ]
        == 0
    )


def test_the_sandboxs_own_token_cannot_be_revoked_by_an_app(mockads_sandbox):
    app = mockads_sandbox.app()
    revoke = {
        "app_id": app["app_id"],
        "secret": app["secret"],
        "access_token": mockads_sandbox.access_token,
    }
    with unchanged(mockads_sandbox):
        answer = mockads_sandbox.client.post(
            f"{MIRROR}/oauth2/revoke_token/", json=revoke
        ).get_json()
    assert answer["code"] == 40105


def test_deleting_the_app_ends_its_tokens(mockads_sandbox):
    app = mockads_sandbox.app()
    token = mockads_sandbox.connect_app()["access_token"]
    mockads_sandbox.step("DELETE", f"/apps/{app['app_id']}")
    body = _as(mockads_sandbox, token, "campaign/get/", advertiser_id=mockads_sandbox.advertiser_id)
    assert body["code"] == 40105


def test_state_export_and_import_carry_apps_codes_and_tokens(mockads_sandbox):
    token = mockads_sandbox.connect_app(scopes=["reporting"])["access_token"]
    code = _consent(mockads_sandbox)["auth_code"]
    state = mockads_sandbox.export_state()
    assert {"oauth_apps", "oauth_auth_codes", "oauth_grants"} <= set(state["tables"])
    mockads_sandbox.step("DELETE", f"/apps/{mockads_sandbox.app()['app_id']}")
    mockads_sandbox.import_state(state)
    body = _as(mockads_sandbox, token, "campaign/get/", advertiser_id=mockads_sandbox.advertiser_id)
    assert body["code"] == 40001  # back, with its scope
    assert _exchange(mockads_sandbox, code)["code"] == 0


def test_reset_brings_back_the_scenarios_app_and_ends_issued_tokens(mockads_sandbox):
    app = mockads_sandbox.app()
    token = mockads_sandbox.connect_app()["access_token"]
    mockads_sandbox.step("DELETE", f"/apps/{app['app_id']}")
    mockads_sandbox.step("POST", "/reset")
    (back,) = mockads_sandbox.step("GET", "/apps")["apps"]
    assert back["secret"] == app["secret"]
    body = _as(mockads_sandbox, token, "campaign/get/", advertiser_id=mockads_sandbox.advertiser_id)
    assert body["code"] == 40105


def test_a_state_holding_another_sandboxs_app_token_is_refused(mockads_sandbox, other_sandbox):
    mockads_sandbox.connect_app()
    state = mockads_sandbox.export_state()
    with unchanged(other_sandbox):
        response = other_sandbox.client.put(
            f"/_mockads/v1/sandboxes/{other_sandbox.sandbox_id}/state", json=state
        )
    assert response.status_code == 409
    assert response.get_json()["error"]["message"] == (
        "tables.oauth_grants[0].access_token: already a token of another sandbox."
    )
