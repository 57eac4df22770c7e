"""The security matrix of the control plane (creator app and spark-post batches included) and
of the trainer's pages: off loopback nothing opens without the admin token, a sandbox's access
token is not the admin token, and on loopback everything is open.

One app bound off loopback serves the module (every answer checked against the contract, as the
session app's are); the loopback cases use the session app. Each route is called as its recipe
in `tests/api/security_control.py` says; a route without a recipe fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mockads import contract
from mockads.app import create_app
from mockads.settings import Settings
from mockads.testing import CONTROL, Sandbox
from tests.api.security_control import (
    CONTROL_RECIPES,
    TRAINER_RECIPES,
    Call,
    Recipe,
    Stage,
    bare,
    control_operations,
    served_routes,
    trainer_pages,
)
from tests.api.security_mirror import state_of
from tests.conftest import contract_checked
from tests.console.conftest import Trainee

ADMIN_TOKEN = "matrix-admin-token-5f1d0c"
OPERATIONS = control_operations(contract.load_spec())
TRAINER_PAGES = sorted(TRAINER_RECIPES)
REFUSED = ["no token", "a sandbox's access token", "a wrong admin token"]


@pytest.fixture(scope="module")
def remote_app() -> Flask:
    """An app bound to every address (not loopback), with a known admin token."""
    settings = Settings(db="sqlite://", host="0.0.0.0", admin_token=ADMIN_TOKEN)
    assert not settings.on_loopback
    return contract_checked(create_app(settings))


def _admin(app: Flask) -> FlaskClient:
    """A client that sends the admin token with every request."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {ADMIN_TOKEN}"
    return client


def _new_stage(client: FlaskClient, scenario: str = "default") -> Stage:
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": scenario, "seed": 4})
    assert response.status_code == 201, response.get_data(as_text=True)
    return Stage(Sandbox(client, response.get_json()))


def _staged(client: FlaskClient) -> Iterator[Stage]:
    stage = _new_stage(client)
    yield stage
    client.delete(f"{CONTROL}/sandboxes/{stage.sandbox.sandbox_id}")


@pytest.fixture(scope="module")
def kept(remote_app: Flask) -> Iterator[Stage]:
    """A sandbox with everything the recipes name made up front, its clock stopped: the refused
    calls must leave it exactly as it is."""
    for stage in _staged(_admin(remote_app)):
        for made in ("creator_id", "item_id", "coded_item_id", "auth_code", "spark_ad_id"):
            getattr(stage, made)
        stage.sandbox.step("POST", "/clock", {"frozen": True})
        yield stage


@pytest.fixture
def fresh(remote_app: Flask) -> Iterator[Stage]:
    """A sandbox of the test's own on the app off loopback (the admin token makes it)."""
    yield from _staged(_admin(remote_app))


@pytest.fixture
def fresh_on_loopback(mockads_app: Flask) -> Iterator[Stage]:
    """A sandbox of the test's own on the session app (loopback: no token)."""
    yield from _staged(mockads_app.test_client())


def _recipe(recipes: dict[str, Recipe], operation: str) -> Recipe:
    recipe = recipes.get(operation)
    if recipe is None:
        pytest.fail(
            f"{operation} has no recipe: say how the security matrix calls it in "
            "tests/api/security_control.py"
        )
    return recipe


def _everything(app: Flask, *stages: Stage) -> Any:
    """Every sandbox's summary (clock readings aside) and the stages' whole state."""
    summaries = _admin(app).get(f"{CONTROL}/sandboxes").get_json()["sandboxes"]
    for summary in summaries:
        summary.pop("clock")
    return summaries, [state_of(stage.sandbox) for stage in stages]


@contextmanager
def _nothing_changes(app: Flask, *stages: Stage) -> Iterator[None]:
    before = _everything(app, *stages)
    yield
    assert _everything(app, *stages) == before


def _control(client: FlaskClient, operation: str, call: Call, **headers: str) -> TestResponse:
    method = operation.split(" ", 1)[0]
    return client.open(f"{CONTROL}{call.path}", method=method, json=call.body, headers=headers)


def _opened(response: TestResponse, operation: str) -> None:
    assert 200 <= response.status_code < 300, (operation, response.get_data(as_text=True))


# -- every route is in the matrix --------------------------------------------------------------


def test_every_control_plane_route_the_app_serves_is_in_the_matrix(remote_app: Flask) -> None:
    served = {
        f"{method} {path}"
        for method, path in contract.app_routes(remote_app)
        if path.startswith(CONTROL)
    }
    assert served == set(OPERATIONS)
    assert served - set(CONTROL_RECIPES) == set(), "routes the security matrix cannot call yet"


def test_every_trainer_page_is_in_the_matrix(remote_app: Flask) -> None:
    assert set(trainer_pages(remote_app)) == set(TRAINER_RECIPES)


# -- the control plane -------------------------------------------------------------------------


@pytest.mark.parametrize("credentials", REFUSED)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_off_loopback_the_control_plane_refuses_without_the_admin_token(
    remote_app: Flask, kept: Stage, operation: str, credentials: str
) -> None:
    """401 ADMIN_TOKEN_REQUIRED in the control plane's error body, and nothing changes, even
    for a call that the admin token would have made succeed."""
    call = _recipe(CONTROL_RECIPES, operation)(kept)
    token = kept.sandbox.access_token
    headers = {
        "no token": {},
        "a sandbox's access token": {"Authorization": f"Bearer {token}", "Access-Token": token},
        "a wrong admin token": {"Authorization": f"Bearer {ADMIN_TOKEN}x"},
    }[credentials]
    with _nothing_changes(remote_app, kept):
        response = _control(remote_app.test_client(), operation, call, **headers)
    assert response.status_code == 401, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "ADMIN_TOKEN_REQUIRED"
    assert error["message"].startswith("this server is not on loopback")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_off_loopback_the_admin_token_opens_the_control_plane(
    remote_app: Flask, fresh: Stage, operation: str
) -> None:
    call = _recipe(CONTROL_RECIPES, operation)(fresh)
    response = _control(_admin(remote_app), operation, call)
    _opened(response, operation)
    if operation == "POST /_mockads/v1/sandboxes":
        _admin(remote_app).delete(f"{CONTROL}/sandboxes/{response.get_json()['sandbox_id']}")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_on_loopback_the_control_plane_is_open(
    mockads_app: Flask, fresh_on_loopback: Stage, operation: str
) -> None:
    call = _recipe(CONTROL_RECIPES, operation)(fresh_on_loopback)
    client = mockads_app.test_client()
    response = _control(client, operation, call)
    _opened(response, operation)
    if operation == "POST /_mockads/v1/sandboxes":
        client.delete(f"{CONTROL}/sandboxes/{response.get_json()['sandbox_id']}")


# -- the trainer's pages -----------------------------------------------------------------------


def _class_stage(app: Flask, person: Trainee, sandboxes: FlaskClient) -> Stage:
    """A class of one trainee made by `person` on the trainer page; the trainee's sandbox."""
    name = f"Security matrix {id(person)}"
    response = person.submit(
        "/console/trainer/classes",
        {"class_name": name, "names": "Ann"},
        from_page="/console/trainer",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    listed = sandboxes.get(f"{CONTROL}/sandboxes").get_json()["sandboxes"]
    summary = next(s for s in listed if s["name"].startswith(f"{name} / "))
    return Stage(Sandbox(sandboxes, summary), class_name=name)


def _trainer(app: Flask, admin_token: str) -> tuple[Trainee, TestResponse]:
    """A person who signed in on the trainer's sign-in page with `admin_token`."""
    person = Trainee(app)
    token = person.token("/console/trainer/sign-in")
    response = person.client.post(
        "/console/trainer/sign-in", data={"csrf_token": token, "admin_token": admin_token}
    )
    return person, response


@pytest.fixture(scope="module")
def remote_class(remote_app: Flask) -> Stage:
    person, _ = _trainer(remote_app, ADMIN_TOKEN)
    return _class_stage(remote_app, person, _admin(remote_app))


@pytest.fixture(scope="module")
def loopback_class(mockads_app: Flask) -> Stage:
    return _class_stage(mockads_app, Trainee(mockads_app), mockads_app.test_client())


def _visit(person: Trainee, trainer_page: str, call: Call) -> TestResponse:
    """A page as the browser asks for it: a GET, or its form posted with a CSRF token."""
    if trainer_page.startswith("GET "):
        return person.client.get(call.path)
    return person.submit(call.path, call.body, from_page="/console/sign-in")


def _refused_person(app: Flask, stage: Stage, credentials: str) -> Trainee:
    if credentials == "no sign-in":
        return Trainee(app)
    if credentials == "a trainee's sign-in":
        person = Trainee(app)
        person.sign_in(stage.sandbox.access_token)
        return person
    wrong = ADMIN_TOKEN + "x" if credentials == "a wrong admin token" else None
    person, response = _trainer(app, wrong or stage.sandbox.access_token)
    assert response.status_code == 401
    return person


@pytest.mark.parametrize(
    "credentials",
    ["no sign-in", "a trainee's sign-in", "a wrong admin token", "a sandbox's access token"],
)
@pytest.mark.parametrize("trainer_page", TRAINER_PAGES)
def test_off_loopback_a_trainer_page_needs_the_admin_token(
    remote_app: Flask, remote_class: Stage, trainer_page: str, credentials: str
) -> None:
    person = _refused_person(remote_app, remote_class, credentials)
    call = _recipe(TRAINER_RECIPES, trainer_page)(remote_class)
    with _nothing_changes(remote_app, remote_class):
        response = _visit(person, trainer_page, call)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.location.endswith("/console/trainer/sign-in")


@pytest.mark.parametrize("trainer_page", TRAINER_PAGES)
def test_off_loopback_the_admin_token_opens_the_trainer_pages(
    remote_app: Flask, remote_class: Stage, trainer_page: str
) -> None:
    person, signed_in = _trainer(remote_app, ADMIN_TOKEN)
    assert signed_in.status_code == 302
    response = _visit(person, trainer_page, _recipe(TRAINER_RECIPES, trainer_page)(remote_class))
    assert response.status_code in (200, 302), response.get_data(as_text=True)
    assert not (response.location or "").endswith("/sign-in")


@pytest.mark.parametrize("trainer_page", TRAINER_PAGES)
def test_on_loopback_the_trainer_pages_are_open(
    mockads_app: Flask, loopback_class: Stage, trainer_page: str
) -> None:
    response = _visit(
        Trainee(mockads_app), trainer_page, _recipe(TRAINER_RECIPES, trainer_page)(loopback_class)
    )
    assert response.status_code in (200, 302), response.get_data(as_text=True)
    assert not (response.location or "").endswith("/sign-in")


# -- every other route: the console's own sign-in, or public by design ------------------------

#: Open to anyone by design: the contract, signed media links (the signature is the permission,
#: as for TikTok's CDN links), static files, the console's sign-in and sign-out and its start
#: page (a redirect).
PUBLIC_BY_DESIGN = {
    "GET /openapi.yaml",
    "GET /media/<kind>/<name>",
    "GET /static/<filename>",
    "GET /console/static/<filename>",
    "GET /console/",
    "GET /console/sign-in",
    "POST /console/sign-in",
    "POST /console/sign-out",
    "GET /console/trainer/sign-in",
    "POST /console/trainer/sign-in",
    # TikTok's authorization page: it checks the app and redirect URI, changes nothing, and
    # sends the advertiser on to the console's sign-in and consent (tests/console).
    "GET /portal/auth",
    "GET /marketing_api/auth",
}


def _console_pages(app: Flask) -> list[str]:
    """Console pages for signed-in people: every console route but the trainer's and those
    public by design."""
    return sorted(
        route
        for route in served_routes(app)
        if route.split(" ", 1)[1].startswith("/console/")
        and not route.split(" ", 1)[1].startswith("/console/trainer")
        and route not in PUBLIC_BY_DESIGN
    )


def test_every_route_is_in_a_matrix_or_public_by_design(remote_app: Flask) -> None:
    """The mirror and the control plane have their matrices, the trainer's pages theirs, every
    other console page needs a sign-in (next test); what is left must be public by design, so a
    new route elsewhere fails here until someone says where it belongs."""
    rest = {
        route
        for route in served_routes(remote_app)
        if not route.split(" ", 1)[1].startswith(("/open_api/", f"{CONTROL}/"))
    }
    rest -= set(TRAINER_RECIPES) | set(_console_pages(remote_app))
    assert rest == PUBLIC_BY_DESIGN


def test_off_loopback_a_console_page_needs_a_sandbox_sign_in(remote_app: Flask) -> None:
    """Without signing in (the console's own sign-in, with a sandbox's access token) every
    page of the console sends its visitor to the sign-in page, and changes nothing."""
    pages = _console_pages(remote_app)
    assert len(pages) > 10
    for route in pages:
        method, rule = route.split(" ", 1)
        path = bare(rule, "7000000000000000001")
        person = Trainee(remote_app)
        with _nothing_changes(remote_app):
            if method == "GET":
                response = person.client.get(path)
            else:
                response = person.submit(path, {}, from_page="/console/sign-in")
        assert response.status_code == 302, (route, response.status_code)
        assert response.location.startswith("/console/sign-in"), (route, response.location)
