"""The OpenAPI document is the contract: load it, and check the app's routes against it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from flask import Flask

__all__ = [
    "SPEC_PATH",
    "ContractMismatch",
    "app_routes",
    "check_routes",
    "load_spec",
    "spec_routes",
]

#: Shipped inside the package, so an installed mockads serves its contract from anywhere.
SPEC_PATH = Path(__file__).resolve().parent / "openapi" / "mockads.yaml"
HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete"})
#: Routes that serve the contract itself or static files, not operations.
UNDOCUMENTED = frozenset({"/static/{filename}"})
#: The training console's pages and the authorization page are HTML for people, not part of
#: the API contract.
CONSOLE_PATHS = ("/console", "/portal/", "/marketing_api/")


class ContractMismatch(RuntimeError):
    """The app's routes and the OpenAPI document disagree."""


@lru_cache(maxsize=1)
def load_spec_text() -> str:
    """The OpenAPI document as served."""
    return SPEC_PATH.read_text(encoding="utf-8")


def load_spec() -> dict[str, Any]:
    """The OpenAPI document, parsed."""
    return yaml.safe_load(load_spec_text())


def spec_routes(spec: dict[str, Any]) -> set[tuple[str, str]]:
    """(METHOD, path) of every operation in the document, paths without trailing slash."""
    return {
        (method.upper(), _normal(path))
        for path, item in spec["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def app_routes(app: Flask) -> set[tuple[str, str]]:
    """(METHOD, path) of every route the app serves, in OpenAPI path syntax."""
    routes = set()
    for rule in app.url_map.iter_rules():
        path = _normal(re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule))
        if path in UNDOCUMENTED or path.startswith(CONSOLE_PATHS):
            continue
        for method in rule.methods or ():
            if method.lower() in HTTP_METHODS:
                routes.add((method, path))
    return routes


def check_routes(app: Flask) -> None:
    """Raise ContractMismatch unless the app serves exactly the document's operations."""
    documented = spec_routes(load_spec())
    served = app_routes(app)
    if documented != served:
        raise ContractMismatch(
            "routes and mockads/openapi/mockads.yaml disagree: "
            f"served but not documented {sorted(served - documented)}; "
            f"documented but not served {sorted(documented - served)}"
        )


def _normal(path: str) -> str:
    return path.rstrip("/") or "/"
