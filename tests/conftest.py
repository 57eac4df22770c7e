"""Fixtures shared by every suite; `mockads_sandbox` comes from the mockads.testing plugin.

The session's app is wrapped so that every response any test receives is validated against
`mockads/openapi/mockads.yaml`: a response that breaks the contract fails the test that caused it.
An answer a fault rule injected (header `X-Mockads-Fault`) is off-contract on purpose: skipped.
"""

from __future__ import annotations

import pytest
from flask import Flask, Response, request
from flask.testing import FlaskClient
from hypothesis import settings
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.templating.paths.exceptions import PathNotFound

from mockads import contract
from mockads.api.instruments import FAULT_HEADER
from mockads.app import create_app
from mockads.contract import CONSOLE_PATHS
from mockads.settings import Settings
from tests import generation


class ContractBroken(AssertionError):
    """A response does not match the OpenAPI document."""


class _ContractRequest(WerkzeugOpenAPIRequest):
    """The request as the contract names it: the mirror serves paths without the final slash too."""

    def get_path(self, path: str) -> str:
        if path.startswith("/open_api/") and not path.endswith("/"):
            path += "/"
        return super().get_path(path)


def _validator() -> OpenAPI:
    spec = contract.load_spec()
    spec["servers"] = [{"url": "http://localhost"}]
    return OpenAPI.from_dict(spec)


#: Statuses for requests outside any documented operation (unknown path or method, huge body).
_TRANSPORT_ERRORS = (404, 405, 413)


def _check_transport_error(response: Response) -> None:
    """Routing errors answer in the surface's own error format too."""
    body = response.get_json(silent=True)
    if request.path.startswith("/open_api/"):
        ok = isinstance(body, dict) and body.get("code") not in (None, 0) and body.get("data") == {}
    else:
        ok = isinstance(body, dict) and set(body.get("error", {})) == {"code", "message", "details"}
    if not ok:
        raise ContractBroken(f"{request.path} -> {response.status_code} without an error body")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Every Hypothesis test draws from the run's seed, with no example database.

    The profile starts from Hypothesis's `default`, not from the profile in force: Hypothesis
    loads its `ci` profile (derandomized) when `CI` is set, which would draw other examples on CI.
    """
    settings.register_profile(
        "mockads",
        parent=settings.get_profile("default"),
        database=None,
        deadline=None,
        print_blob=True,
    )
    settings.load_profile("mockads")
    if config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(generation.SEED)


def pytest_report_header(config: pytest.Config) -> str:
    mode = "make fuzz (long search)" if generation.FUZZ else "make test (fixed seed)"
    return (
        f"generated tests: {mode}, seed {config.getoption('hypothesis_seed')} "
        f"(replay with SEED={config.getoption('hypothesis_seed')})"
    )


@pytest.fixture(scope="session")
def mockads_app() -> Flask:
    """The session's app, every response checked against the contract."""
    return contract_checked(create_app(Settings(db="sqlite://")))


def contract_checked(app: Flask) -> Flask:
    """`app`, checking every response it gives against the contract (ContractBroken if not)."""
    openapi = _validator()

    @app.after_request
    def _check_against_contract(response: Response) -> Response:
        if request.method in ("HEAD", "OPTIONS") or request.path == "/openapi.yaml":
            return response
        if request.path.startswith(CONSOLE_PATHS):  # pages for people, not the API contract
            return response
        if FAULT_HEADER in response.headers:  # an injected failure, off-contract on purpose
            return response
        if response.status_code in _TRANSPORT_ERRORS:
            _check_transport_error(response)
            return response
        if response.direct_passthrough:  # a file sent as a stream: buffer it, close the file
            _buffer(response)
        try:
            openapi.validate_response(_ContractRequest(request), WerkzeugOpenAPIResponse(response))
        except PathNotFound:
            raise ContractBroken(f"{request.path} answered but is not in the contract") from None
        except Exception as error:  # openapi-core raises a family of validation errors
            raise ContractBroken(
                f"{request.method} {request.path} -> {response.status_code}: {error!r} "
                f"{getattr(error, '__cause__', '')!r}\n{response.get_data(as_text=True)[:500]}"
            ) from error
        return response

    return app


def _buffer(response: Response) -> None:
    """Read a streamed file into the response once, so that checking it leaves no file open."""
    stream = response.response
    response.direct_passthrough = False
    response.set_data(b"".join(stream))
    stream.close()  # type: ignore[attr-defined]


@pytest.fixture
def client(mockads_app: Flask) -> FlaskClient:
    """A test client of the session's app."""
    return mockads_app.test_client()
