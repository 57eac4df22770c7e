"""Measuring a WSGI app in process: a request made without sockets, its CPU, and a
pyinstrument profile of it whose self time is summed by layer.

A request is one call of the app with a prepared environ, which is what waitress hands an app
after parsing the request. A layer is the package the file of each sampled frame belongs to; a
built-in or generated function counts to its caller, except sqlite3's cursor and connection
methods, which count to the database.
"""

from __future__ import annotations

import io
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyinstrument import Profiler
from pyinstrument.frame import Frame
from pyinstrument.session import Session
from werkzeug.test import EnvironBuilder

CALLS = 1_000
PROFILE_INTERVAL_S = 0.001

#: Layers by the path of a frame's file, first match wins.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Flask and Werkzeug", ("/flask/", "/werkzeug/")),
    ("SQLAlchemy and the database driver", ("/sqlalchemy/", "/sqlite3/", "/psycopg")),
    ("marshmallow", ("/marshmallow/",)),
    ("mockads schemas", ("/mockads/schemas/",)),
    ("mockads HTTP layer (routes, hooks, envelope)", ("/mockads/api/", "/mockads/control/")),
    ("mockads app", ("/mockads/app.py",)),
    ("mockads services", ("/mockads/services/",)),
    ("mockads domain", ("/mockads/domain/",)),
    ("mockads store", ("/mockads/store/",)),
    ("mockads scenarios", ("/mockads/scenarios/",)),
    ("Faker", ("/faker/",)),
    ("the bare app's handlers", ("/bench/bare_app.py",)),
)
OTHER_LAYER = "the standard library and the rest"
#: The bench's own files: their loops drive the calls and count to no layer.
DRIVER = str(Path(__file__).resolve().parent) + "/"


@dataclass(frozen=True)
class WsgiCall:
    """One request to a WSGI app, ready to be made again and again."""

    app: Callable[..., Iterable[bytes]]
    environ: dict[str, Any]
    body: bytes

    @classmethod
    def build(
        cls,
        app: Callable[..., Iterable[bytes]],
        method: str,
        url: str,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
    ) -> WsgiCall:
        path, _, query = url.partition("?")
        body = b"" if json_body is None else json.dumps(json_body).encode()
        builder = EnvironBuilder(
            path=path,
            method=method,
            query_string=query,
            headers=headers,
            data=body,
            content_type="application/json" if body else None,
        )
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        return cls(app, environ, body)

    def __call__(self) -> bytes:
        """Make the request; the answer's body."""
        environ = dict(self.environ)
        environ["wsgi.input"] = io.BytesIO(self.body)
        statuses: list[str] = []

        def start_response(status: str, _headers: Any, _exc_info: Any = None) -> Any:
            statuses.append(status)
            return lambda _data: None

        answer = self.app(environ, start_response)
        try:
            body = b"".join(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        if not statuses or not statuses[0].startswith(("200", "201", "204")):
            raise RuntimeError(f"{environ['PATH_INFO']} answered {statuses}: {body[:300]!r}")
        return body


def checked(call: WsgiCall) -> WsgiCall:
    """The call, once made and found to answer mockads' `"code": 0` (the bare app: any 2xx)."""
    body = json.loads(call())
    if isinstance(body, dict) and body.get("code", 0) != 0:
        raise RuntimeError(f"{call.environ['PATH_INFO']} answered {body}")
    return call


def cpu_us_per_call(
    call: Callable[[], object], calls: int = CALLS, warm_up: int = CALLS // 4
) -> float:
    """CPU microseconds a call costs, on average over `calls` after `warm_up` calls."""
    for _ in range(warm_up):
        call()
    started = time.process_time()
    for _ in range(calls):
        call()
    return (time.process_time() - started) * 1e6 / calls


DATABASE_LAYER = LAYERS[1][0]
#: Frames without a file of their own: built-ins and generated code (dataclass `__init__`).
UNFILED = ("<built-in>", "<string>")


def _layer_of(frame: Frame, caller_layer: str) -> str | None:
    """The layer a frame's self time counts to: its file's, or, for a built-in or generated
    function, its caller's (sqlite3's cursor and connection methods: the database's)."""
    path = frame.file_path
    if path is None or path in UNFILED:
        if frame.function.startswith(("Cursor.", "Connection.")):
            return DATABASE_LAYER
        return caller_layer
    for name, markers in LAYERS:
        if any(marker in path for marker in markers):
            return name
    return None if path.startswith(DRIVER) else OTHER_LAYER


def _self_times(root: Frame) -> Iterator[tuple[Frame, str | None]]:
    """Every real frame under root with the layer its self time counts to."""
    stack: list[tuple[Frame, str]] = [(root, OTHER_LAYER)]
    while stack:
        frame, caller_layer = stack.pop()
        layer = _layer_of(frame, caller_layer)
        yield frame, layer
        inherited = OTHER_LAYER if layer is None else layer
        stack.extend((child, inherited) for child in frame.children if not child.is_synthetic)


@dataclass(frozen=True)
class Profile:
    """Sampled time (seconds): in all, the self time per layer, and the inclusive time of the
    functions asked for by name. Sampling slows call-heavy code more than the rest, so read
    it as shares of the CPU measured without the profiler."""

    total: float
    layers: dict[str, float]
    functions: dict[str, float]

    def share(self, seconds: float) -> float:
        return seconds / self.total if self.total else 0.0


def profile(action: Callable[[], object], calls: int, functions: Iterable[str] = ()) -> Profile:
    """Sample `calls` runs of `action` with pyinstrument."""
    profiler = Profiler(interval=PROFILE_INTERVAL_S)
    profiler.start()
    for _ in range(calls):
        action()
    return profile_of(profiler.stop(), functions)


def profile_of(session: Session, functions: Iterable[str] = ()) -> Profile:
    """The layers of a pyinstrument session, and the inclusive time of `functions`
    (`Class.method` or a bare name)."""
    wanted = set(functions)
    layers: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    root = session.root_frame()
    if root is not None:
        for frame, layer in _self_times(root):
            if layer is not None:
                layers[layer] += frame.total_self_time
            name = _qualified(frame)
            if name in wanted and not _inside(frame, name):
                inclusive[name] += frame.time
    total = root.time if root is not None else 0.0
    return Profile(total, dict(layers), dict(inclusive))


def _qualified(frame: Frame) -> str:
    """A frame's function as `Class.method`, or its bare name outside a class."""
    return f"{frame.class_name}.{frame.function}" if frame.class_name else frame.function


def _inside(frame: Frame, name: str) -> bool:
    """Whether a caller of the frame is already that function (recursion counted once)."""
    parent = frame.parent
    while parent is not None:
        if _qualified(parent) == name:
            return True
        parent = parent.parent
    return False
