"""The application factory: the one place that wires settings, store and blueprints."""

from __future__ import annotations

import atexit
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from werkzeug.exceptions import BadHost, HTTPException, MethodNotAllowed, RequestEntityTooLarge
from werkzeug.routing import BaseConverter, Rule

from mockads import contract
from mockads.api import mirror
from mockads.api.blueprint import PREFIX as MIRROR_PREFIX
from mockads.api.envelope import envelope_error
from mockads.api.instruments import DropConnections
from mockads.api.media import media
from mockads.console import PREFIX as CONSOLE_PREFIX
from mockads.console import ConsoleSessionInterface, console, csrf, portal
from mockads.control import control
from mockads.control.blueprint import PREFIX as CONTROL_PREFIX
from mockads.control.responses import control_error
from mockads.domain import errors
from mockads.media import MediaFiles
from mockads.schemas.media import MEDIA_PATH
from mockads.schemas.state import parse_state
from mockads.services import assets, sandboxes, state
from mockads.services.ports import Instruments, Store
from mockads.settings import Settings
from mockads.store import create_store
from mockads.store.instruments import MemoryInstruments
from mockads.store.shared_instruments import SharedInstruments
from mockads.store.sql import SqlStore

__all__ = ["PathSegment", "Runtime", "StateFileRefused", "create_app", "media_files"]


class PathSegment(BaseConverter):
    """A path parameter: one segment without control characters, which no id or name holds.

    Such a path answers 404 at routing; it never reaches the store (PostgreSQL cannot even
    look up a NUL).
    """

    regex = "[^/\\x00-\\x1f\\x7f]+"


class LazyBuilderRule(Rule):
    """A route whose URL builders (what `url_for` runs) are compiled on first use.

    Werkzeug compiles two builder functions per route as it is added, about half of the
    cost of registering the app's routes at start; most are never used.
    """

    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        compile_builder = super()._compile_builder
        compiled: list[Callable[..., tuple[str, str]]] = []

        def build(rule: Rule, /, **values: Any) -> tuple[str, str]:
            if not compiled:
                compiled.append(compile_builder(append_unknown))
            return compiled[0](rule, **values)

        return build


@dataclass(frozen=True)
class Runtime:
    """What views reach through `current_app.extensions["mockads"]`."""

    settings: Settings
    store: Store
    admin_token: str | None
    media: MediaFiles
    media_secret: bytes
    #: Faults and request journals: in this process's memory, or in the database that
    #: `--workers` processes share.
    instruments: Instruments


def _console(app: Flask, settings: Settings) -> None:
    """The training console: its blueprint, signed session cookies (path `/console`, a key
    per process unless `MOCKADS_SECRET_KEY` gives one) and CSRF checks on its forms only."""
    app.secret_key = settings.secret_key or secrets.token_bytes(32)
    app.session_interface = ConsoleSessionInterface()
    app.config.update(
        SESSION_COOKIE_PATH=CONSOLE_PREFIX,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_CHECK_DEFAULT=False,
        WTF_CSRF_TIME_LIMIT=None,
    )
    csrf.init_app(app)
    app.register_blueprint(console)
    app.register_blueprint(portal)


class MockadsFlask(Flask):
    """Flask, checking each hook and view once for `async def` rather than at every call (a
    mirror request runs half a dozen of them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ensured: dict[Callable[..., Any], Callable[..., Any]] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        try:
            return self._ensured[func]
        except KeyError:
            ensured = self._ensured[func] = super().ensure_sync(func)
            return ensured


def create_app(settings: Settings | None = None, store: Store | None = None) -> Flask:
    """A mockads app serving the mirror, the control plane and the contract."""
    settings = settings or Settings.from_env()
    store = store or create_store(settings.db)
    app = MockadsFlask(__name__)
    app.url_rule_class = LazyBuilderRule
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.url_map.strict_slashes = False
    app.url_map.converters["default"] = PathSegment
    admin_token = settings.admin_token
    if admin_token is None and not settings.on_loopback:
        admin_token = secrets.token_urlsafe(24)
    files = media_files(settings)
    app.extensions["mockads"] = Runtime(
        settings,
        store,
        admin_token,
        files,
        secrets.token_bytes(32),
        _instruments(settings, store),
    )
    app.wsgi_app = DropConnections(app.wsgi_app)  # type: ignore[method-assign]

    app.register_blueprint(mirror)
    app.register_blueprint(control)
    _console(app, settings)
    app.register_blueprint(media)
    app.add_url_rule("/openapi.yaml", "openapi_document", _openapi_document)
    app.register_error_handler(errors.MockadsError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    if settings.check_contract:
        contract.check_routes(app)
    sandboxes.complete_business_centers(store)
    assets.complete_assets(store)
    if settings.state is not None:
        _load_default_sandbox(store, files, settings.state)
    else:
        _ensure_default_sandbox(store, settings)
    return app


def _instruments(settings: Settings, store: Store) -> Instruments:
    """Faults and journals where every process serving the app sees them."""
    if settings.workers > 1 and isinstance(store, SqlStore):
        return SharedInstruments(store, max_entries=settings.journal_limit)
    return MemoryInstruments(max_entries=settings.journal_limit)


def media_files(settings: Settings) -> MediaFiles:
    """Media beside a database file, in `--media-dir`, or in a temporary directory."""
    if settings.media_dir:
        return MediaFiles(Path(settings.media_dir))
    db_file = settings.db.removeprefix("sqlite:///")
    if settings.db.startswith("sqlite:///") and db_file not in ("", ":memory:"):
        return MediaFiles(Path(db_file + ".media"))
    files = MediaFiles.temporary()
    atexit.register(_remove_at_exit, files, os.getpid())
    return files


def _remove_at_exit(files: MediaFiles, owner: int) -> None:
    """Remove a temporary media directory when the process that made it ends (not when a
    forked `--workers` process does: the others still serve from it)."""
    if os.getpid() == owner:
        files.remove_all()


def _ensure_default_sandbox(store: Store, settings: Settings) -> None:
    """Create the `default` sandbox unless the database already holds one."""
    try:
        sandboxes.get_sandbox(store, sandboxes.DEFAULT_SANDBOX_ID)
    except errors.NotFound:
        try:
            sandboxes.create_sandbox(
                store,
                scenario=settings.scenario,
                seed=settings.seed,
                name="default",
                sandbox_id=sandboxes.DEFAULT_SANDBOX_ID,
                access_token=sandboxes.default_access_token(settings.seed),
                keep_template=True,
            )
        except errors.Conflict:  # another server starting on this database made it first
            sandboxes.get_sandbox(store, sandboxes.DEFAULT_SANDBOX_ID)


class StateFileRefused(ValueError):
    """The state file given to start from cannot be read or imported; the message says why."""


def _load_default_sandbox(store: Store, files: MediaFiles, path: str) -> None:
    """The `default` sandbox from a state file, replacing any the database holds (the file
    wins), its token the default one of the file's seed, as if built from that seed."""
    try:
        loaded = parse_state(Path(path).read_bytes())
        state.import_state(
            store,
            files,
            sandboxes.DEFAULT_SANDBOX_ID,
            loaded,
            access_token=sandboxes.default_access_token(loaded.seed),
        )
    except OSError as error:
        raise StateFileRefused(f"cannot read {path}: {error.strerror or error}") from None
    except errors.MockadsError as error:
        raise StateFileRefused(
            f"{path} is not a state this mockads can load: {error.message}"
        ) from None


def _openapi_document() -> Response:
    return Response(contract.load_spec_text(), mimetype="application/yaml")


def _domain_error(error: errors.MockadsError) -> Response:
    """The one translation of domain errors: envelope on the mirror, REST error elsewhere."""
    if request.path.startswith(MIRROR_PREFIX):
        return envelope_error(error)
    return control_error(error)


def _too_large() -> errors.InvalidParameter:
    """A body over the size limit, or a form with more parts or a larger field than is read."""
    limit = request.max_content_length
    length = request.content_length
    if limit is not None and (length is None or length > limit):
        return errors.InvalidParameter("body", f"the request body exceeds {limit} bytes.")
    return errors.InvalidParameter(
        "body",
        f"the form holds more than {request.max_form_parts} parts, or a field (other than a "
        f"file) over {request.max_form_memory_size} bytes.",
    )


def _http_error(error: HTTPException) -> Response | HTTPException:
    """Routing and transport errors (404, 405, 413, 400) in each surface's own format."""
    status = error.code or 500
    if isinstance(error, RequestEntityTooLarge):
        domain_error = _too_large()
    elif status == 404:
        domain_error = errors.InvalidParameter("path", f"{request.path} is not an API path.")
    elif status == 405:
        domain_error = errors.InvalidParameter("method", f"{request.method} is not allowed here.")
    elif status == 403:
        domain_error = errors.InvalidParameter(
            "x-signature", "the link was not signed here, or expired."
        )
    elif isinstance(error, BadHost):
        domain_error = errors.InvalidParameter("Host", "the Host header is not a valid host.")
    elif status >= 500:
        domain_error = errors.InternalError()
    else:
        domain_error = errors.InvalidParameter("request", error.description or error.name)
    if request.path.startswith(MIRROR_PREFIX):
        response = envelope_error(domain_error, status=status)
    elif request.path.startswith((CONTROL_PREFIX, MEDIA_PATH)):
        response = control_error(domain_error)
        response.status_code = status
    else:
        return error
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response
