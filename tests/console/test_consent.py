"""The authorization page through the test client: sign-in, consent, refusal, error pages, and
the advertiser's connected apps."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from mockads.testing import MIRROR, Sandbox
from tests.api.lifecycle_helpers import world_of
from tests.console.conftest import Trainee


def _query(sandbox, **changes: str) -> str:
    app = sandbox.app()
    return urlencode(
        {"app_id": app["app_id"], "state": "xyz 1", "redirect_uri": app["redirect_uris"][0]}
        | changes
    )


def _consent_page(trainee: Trainee, sandbox) -> str:
    response = trainee.client.get(f"/portal/auth?{_query(sandbox)}")
    assert response.status_code == 302
    return str(response.location)


def _decide(trainee: Trainee, sandbox, consent: str, **fields: object):
    """Submit the consent form for the scenario's app (its first redirect URI) with `fields`."""
    app = sandbox.app()
    form = {"app_id": app["app_id"], "redirect_uri": app["redirect_uris"][0], **fields}
    return trainee.submit("/console/authorize", form, from_page=consent)


@pytest.mark.parametrize("path", ["/portal/auth", "/marketing_api/auth"])
def test_the_page_sends_a_signed_out_advertiser_to_sign_in_then_shows_the_app(
    mockads_app, sandbox, path
):
    person = Trainee(mockads_app)
    to_consent = person.client.get(f"{path}?{_query(sandbox)}")
    assert to_consent.status_code == 302
    to_sign_in = person.client.get(to_consent.location)
    assert to_sign_in.status_code == 302 and "/console/sign-in" in to_sign_in.location
    token = person.token(to_sign_in.location)
    signed_in = person.client.post(
        to_sign_in.location, data={"csrf_token": token, "access_token": sandbox.access_token}
    )
    assert signed_in.status_code == 302
    page = person.page(signed_in.location)
    assert 'Authorize <span data-testid="app-name">Mockads Demo App</span>' in page
    assert "Ads Management" in page and sandbox.advertiser_id in page


def test_consent_redirects_with_auth_code_code_and_state_and_the_code_buys_a_token(
    trainee, sandbox
):
    consent = _consent_page(trainee, sandbox)
    app = sandbox.app()
    response = _decide(
        trainee,
        sandbox,
        consent,
        state="xyz 1",
        advertiser_ids=[sandbox.advertiser_id],
        scopes=["reporting", "tiktok_accounts"],
        decision="authorize",
    )
    assert response.status_code == 302
    back = urlsplit(response.location)
    assert f"{back.scheme}://{back.netloc}{back.path}" == app["redirect_uris"][0]
    params = parse_qs(back.query)
    assert params["state"] == ["xyz 1"] and params["auth_code"] == params["code"]
    body = {"app_id": app["app_id"], "secret": app["secret"], "auth_code": params["code"][0]}
    data = sandbox.client.post(f"{MIRROR}/oauth2/access_token/", json=body).get_json()["data"]
    assert data["scope"] == [3, 5] and data["advertiser_ids"] == [sandbox.advertiser_id]


def test_refusing_redirects_with_the_state_alone_and_issues_no_code(trainee, sandbox):
    consent = _consent_page(trainee, sandbox)
    before = world_of(sandbox)
    response = _decide(trainee, sandbox, consent, state="xyz 1", decision="cancel")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.location).query) == {"state": ["xyz 1"]}
    assert world_of(sandbox) == before


def test_consent_without_an_ad_account_asks_again_and_issues_no_code(trainee, sandbox):
    consent = _consent_page(trainee, sandbox)
    before = world_of(sandbox)
    response = _decide(trainee, sandbox, consent, scopes=["reporting"], decision="authorize")
    assert response.status_code == 400
    assert "Choose at least one of your ad accounts." in response.get_data(as_text=True)
    assert world_of(sandbox) == before


@pytest.mark.parametrize(
    ("changes", "status", "says"),
    [
        ({"redirect_uri": "https://evil.example/cb"}, 400, "is not registered for this app"),
        ({"app_id": "7000000000000000000"}, 404, "app &#39;7000000000000000000&#39; does not"),
    ],
)
def test_an_unknown_app_or_unregistered_redirect_uri_shows_an_error_and_never_redirects(
    mockads_app, trainee, sandbox, changes, status, says
):
    for person in (Trainee(mockads_app), trainee):
        for path in ("/portal/auth", "/marketing_api/auth", "/console/authorize"):
            response = person.client.get(f"{path}?{_query(sandbox, **changes)}")
            if path.startswith("/console") and person is not trainee:
                continue  # signed out: the console asks to sign in first
            assert response.status_code == status, (path, response.location)
            assert says in response.get_data(as_text=True)


def test_a_forged_consent_for_an_unregistered_redirect_uri_is_refused(trainee, sandbox):
    consent = _consent_page(trainee, sandbox)
    before = world_of(sandbox)
    response = trainee.submit(
        "/console/authorize",
        {
            "app_id": sandbox.app()["app_id"],
            "redirect_uri": "https://evil.example/cb",
            "advertiser_ids": [sandbox.advertiser_id],
            "scopes": ["reporting"],
            "decision": "authorize",
        },
        from_page=consent,
    )
    assert response.status_code == 400 and response.location is None
    assert world_of(sandbox) == before


def test_consent_without_its_csrf_token_is_refused(trainee, sandbox):
    app = sandbox.app()
    before = world_of(sandbox)
    response = trainee.client.post(
        "/console/authorize",
        data={
            "app_id": app["app_id"],
            "redirect_uri": app["redirect_uris"][0],
            "advertiser_ids": [sandbox.advertiser_id],
            "scopes": ["reporting"],
            "decision": "authorize",
        },
    )
    assert response.status_code == 400
    assert world_of(sandbox) == before


def test_the_console_lists_connected_apps_and_disconnecting_revokes_their_tokens(trainee, sandbox):
    assert "No app has access" in trainee.page("/console/apps")
    token = sandbox.connect_app(scopes=["reporting"])["access_token"]
    page = trainee.page("/console/apps")
    assert "Mockads Demo App" in page and "Reporting" in page
    app_id = sandbox.app()["app_id"]
    response = trainee.submit(f"/console/apps/{app_id}/disconnect", {}, from_page="/console/apps")
    assert response.status_code == 302
    assert "No app has access" in trainee.page("/console/apps")
    body = sandbox.client.get(
        f"{MIRROR}/report/integrated/get/",
        query_string={"advertiser_id": sandbox.advertiser_id},
        headers={"Access-Token": token},
    ).get_json()
    assert body["code"] == 40105


def test_a_revoked_token_signs_its_console_session_out(mockads_app, sandbox):
    app = sandbox.app()
    token = sandbox.connect_app()["access_token"]
    person = Trainee(mockads_app)
    person.sign_in(token)
    assert person.client.get("/console/apps").status_code == 200
    revoke = {"app_id": app["app_id"], "secret": app["secret"], "access_token": token}
    assert (
        sandbox.client.post(f"{MIRROR}/oauth2/revoke_token/", json=revoke).get_json()["code"] == 0
    )
    response = person.client.get("/console/apps")
    assert response.status_code == 302 and "/console/sign-in" in response.location
    refused = person.client.post(
        "/console/sign-in", data={"csrf_token": person.token(), "access_token": token}
    )
    assert refused.status_code == 401


def test_an_apps_token_in_the_console_sees_only_the_granted_ad_accounts(mockads_app, client):
    agency = client.post(
        "/_mockads/v1/sandboxes", json={"scenario": "agency", "seed": 1}
    ).get_json()
    sandbox = Sandbox(client, agency)
    first = agency["advertiser_ids"][0]
    token = sandbox.connect_app(advertiser_ids=[first])["access_token"]
    person = Trainee(mockads_app)
    person.sign_in(token)
    page = person.page("/console/apps")
    assert first in page
    assert all(other not in page for other in agency["advertiser_ids"][1:])


@pytest.mark.parametrize("path", ["/portal/auth", "/marketing_api/auth"])
def test_the_page_refuses_text_no_store_can_look_up(mockads_app, sandbox, path):
    query = _query(sandbox, app_id="7\x00")
    response = Trainee(mockads_app).client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
