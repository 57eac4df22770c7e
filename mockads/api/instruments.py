"""Faults and the journal on the mirror: a hook before each call applies the sandbox's fault
rules, a hook after it records the call in the sandbox's journal.

Both run for every request under `/open_api/v1.3/`, routed or not (an unknown path is worth
seeing in the journal), and only for a token that opens a sandbox. A fault that answers keeps
the handler from running, so the call changes nothing. A dropped connection is carried out
by `DropConnections` around the WSGI app: it raises `ConnectionDropped` (an OSError) before a
byte is written, which waitress answers by closing the socket, and which a test client
raises into the test.
"""

from __future__ import annotations

import errno
import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Request, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from mockads.api.blueprint import PREFIX, mirror
from mockads.api.envelope import fault_envelope
from mockads.domain.errors import MockadsError
from mockads.domain.faults import FaultRule
from mockads.domain.model import SandboxRef
from mockads.schemas.body import parse_json_object
from mockads.services import faults, journal
from mockads.services.access import forget_clock_reading, sandbox_of_token
from mockads.settings import UPLOAD_OVERHEAD

__all__ = ["FAULT_HEADER", "MAX_PARAMS_BYTES", "ConnectionDropped", "DropConnections"]

#: Names the rule behind an injected answer (or delay), so it is never taken for a real one.
FAULT_HEADER = "X-Mockads-Fault"
#: Parameters heavier than this on the wire are not kept (the entry's `params` is null).
MAX_PARAMS_BYTES = 64 * 1024
_MIRROR = PREFIX + "/"
_DROP = "mockads.drop_connection"
_CALL = "mockads.call"


class ConnectionDropped(ConnectionAbortedError):
    """A fault rule dropped the connection: the server closed it without an answer."""


class DropConnections:
    """WSGI middleware that carries out `drop_connection` faults."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        answer = self.app(environ, start_response)
        fault_id = environ.get(_DROP)
        if fault_id is None:
            return answer
        close = getattr(answer, "close", None)
        if close is not None:
            close()
        # As a reset: servers close the socket without a word (gunicorn logs other errors).
        raise ConnectionDropped(errno.ECONNRESET, f"fault {fault_id} dropped the connection")


@dataclass(frozen=True, slots=True)
class _Call:
    """A mirror call of a sandbox in progress (proxies looked up once: this runs per call)."""

    request: Request
    runtime: Any
    sandbox: SandboxRef
    started: float
    fault: FaultRule | None


@mirror.before_app_request
def _apply_faults() -> Response | None:
    """Delay, answer in the handler's place, or mark the connection to drop, as a rule says."""
    req: Request = request._get_current_object()  # type: ignore[attr-defined]
    if not req.path.startswith(_MIRROR):
        return None
    forget_clock_reading()
    started = time.time()
    runtime = current_app.extensions["mockads"]
    token = req.headers.get("Access-Token", "").strip()
    sandbox = sandbox_of_token(runtime.store, runtime.instruments, token)
    if sandbox is None:
        return None
    fault = faults.fault_for(runtime.instruments, sandbox, req.method, req.path)
    req.environ[_CALL] = _Call(req, runtime, sandbox, started, fault)
    if fault is None:
        return None
    if fault.latency_ms:
        time.sleep(fault.latency_ms / 1000)
    if fault.drop_connection:
        req.environ[_DROP] = fault.fault_id
        answer = fault_envelope(50000, "mockads: this connection is dropped.", 500)
    elif fault.code is not None and fault.message is not None:
        answer = fault_envelope(fault.code, fault.message, fault.http_status or 200)
    else:
        return None  # a delay only: the handler answers
    answer.headers[FAULT_HEADER] = fault.fault_id
    return answer


@mirror.after_app_request
def _record_call(response: Response) -> Response:
    """Add the call, with what it was answered, to its sandbox's journal."""
    call: _Call | None = request.environ.get(_CALL)
    if call is None:
        return response
    fault = call.fault
    if fault is not None:
        response.headers[FAULT_HEADER] = fault.fault_id
    dropped = fault is not None and fault.drop_connection
    params, size = _params(call.request, response)
    journal.record_call(
        call.runtime.store,
        call.runtime.instruments,
        call.sandbox,
        started=call.started,
        method=call.request.method,
        request_path=call.request.path,
        params=params,
        size=size,
        code=None if dropped else getattr(response, "api_code", None),
        message=None if dropped else getattr(response, "api_message", None),
        http_status=None if dropped else response.status_code,
        request_id=None if dropped else response.headers.get("X-Tt-Logid"),
        fault_id=None if fault is None else fault.fault_id,
    )
    return response


def _params(req: Request, response: Response) -> tuple[Mapping[str, Any] | None, int]:
    """The call's parameters and their weight on the wire; None when too heavy or unreadable."""
    if req.method == "GET":
        size = len(req.query_string)
        return (req.args.to_dict(), size) if size <= MAX_PARAMS_BYTES else (None, 0)
    if response.status_code == 413:
        return None, 0
    try:
        if req.mimetype == "multipart/form-data":
            return _form_params(req)
        size = req.content_length or 0
        if size > MAX_PARAMS_BYTES:
            return None, 0
        if req.mimetype == "application/x-www-form-urlencoded":
            return req.form.to_dict(), size
        body = g.get("mockads_json_body")
        if body is None:  # a body the handler refused, or never read (a fault answered)
            body = parse_json_object(req.get_data(cache=True))
        return body, size
    except (HTTPException, MockadsError, OSError):  # a body that cannot be read as parameters
        return None, 0


def _form_params(req: Request) -> tuple[Mapping[str, Any] | None, int]:
    """A form's fields, and each file's name, size and MD5 (never its bytes)."""
    limit = current_app.extensions["mockads"].settings.max_video_bytes + UPLOAD_OVERHEAD
    if (req.content_length or 0) > limit:
        return None, 0
    req.max_content_length = limit  # as the upload call reads it
    # A part whose name werkzeug cannot read comes named None: it names no parameter.
    params: dict[str, Any] = {k: v for k, v in req.form.items() if isinstance(k, str)}
    size = sum(len(key) + len(value) for key, value in params.items())
    if size > MAX_PARAMS_BYTES:
        return None, 0
    for name, sent in req.files.items():
        if not isinstance(name, str):
            continue
        stream = sent.stream
        stream.seek(0)
        md5 = hashlib.file_digest(stream, "md5").hexdigest()  # type: ignore[arg-type]
        params[name] = {"filename": sent.filename, "size": stream.tell(), "md5": md5}
        size += len(name) + len(sent.filename or "")
    return params, size
