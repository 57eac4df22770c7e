"""Configuration: one typed object from defaults, then `MOCKADS_*` variables, then CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["DEFAULT_PORT", "UPLOAD_OVERHEAD", "Settings"]

DEFAULT_PORT = 8765
#: Room for a multipart body's boundaries and form fields around an uploaded video.
UPLOAD_OVERHEAD = 64 * 1024
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Settings:
    """Everything that configures one mockads server."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    scenario: str = "default"
    seed: int = 1
    db: str = "sqlite://"
    threads: int = 8
    #: Processes serving together (`serve --workers`); more than one needs a shared `db`.
    workers: int = 1
    max_body_bytes: int = 1_048_576
    max_video_bytes: int = 500 * 1024 * 1024
    #: A state import (`PUT .../state`) carries a whole world and its videos, base64-encoded.
    max_state_bytes: int = 256 * 1024 * 1024
    #: A state file the default sandbox starts from (`serve --state`), instead of the scenario.
    state: str | None = None
    media_dir: str | None = None
    check_contract: bool = True
    admin_token: str | None = None
    #: Signs the console's session cookies; one per process when unset (a restart signs out).
    secret_key: str | None = None
    #: Mirror calls each sandbox's journal keeps (the oldest are dropped first).
    journal_limit: int = 10_000
    #: Proxy mode (`serve --proxy-port`): an HTTPS proxy on 127.0.0.1 answering for TikTok's
    #: API hosts; None: off, 0: a free port.
    proxy_port: int | None = None
    #: Where proxy mode keeps its local CA [default: `$XDG_DATA_HOME/mockads/ca`].
    ca_dir: str | None = None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, overridden by `MOCKADS_<FIELD>` variables (an empty one counts as unset),
        overridden by `overrides`."""
        environ = dict(os.environ) if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"MOCKADS_{f.name.upper()}", "")
            if raw.strip():
                values[f.name] = _parse(f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    @property
    def shares_database(self) -> bool:
        """Whether `db` can be shared by processes: a SQLite file or a server, not memory."""
        return self.db not in ("sqlite://", "sqlite:///:memory:")

    @property
    def on_loopback(self) -> bool:
        """Whether the server is reachable from this machine only."""
        return self.host in LOOPBACK_HOSTS or self.host.startswith("127.")


def _parse(type_name: Any, raw: str) -> Any:
    text = str(type_name)
    if text.startswith("int"):
        return int(raw)
    if text.startswith("bool"):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return raw
