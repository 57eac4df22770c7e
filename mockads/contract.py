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
    "spec_text_routes",
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


_PATH_LINE = re.compile(r"  (/\S*):\s*$")
_METHOD_LINE = re.compile(r"    (get|post|put|patch|delete):\s*$")


def spec_text_routes(text: str) -> set[tuple[str, str]]:
    """`spec_routes` read from the document's lines, without parsing the YAML (a start-up
    cost of hundreds of ms): paths are the keys two spaces in under the top-level `paths:`,
    methods the keys four spaces in under a path. A test keeps the two readings equal."""
    routes = set()
    in_paths = False
    path = None
    for line in text.splitlines():
        if line and not line[0].isspace():
            in_paths = line.rstrip() == "paths:"
            path = None
            continue
        if not in_paths:
            continue
        if found := _PATH_LINE.fullmatch(line):
            path = _normal(found.group(1))
        elif path is not None and (found := _METHOD_LINE.fullmatch(line)):
            routes.add((found.group(1).upper(), path))
    return routes


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
    documented = spec_text_routes(load_spec_text())
    served = app_routes(app)
    if documented != served:
        raise ContractMismatch(
            "routes and mockads/openapi/mockads.yaml disagree: "
            f"served but not documented {sorted(served - documented)}; "
            f"documented but not served {sorted(documented - served)}"
        )


def _normal(path: str) -> str:
    return path.rstrip("/") or "/"
