"""State files from tests: a sandbox's state out (`GET .../state`) and back in (`PUT`)."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mockads.testing.helper import CONTROL, ControlError

if TYPE_CHECKING:
    from flask.testing import FlaskClient

    from mockads.testing.http import HttpClient

__all__ = ["StateSource", "put_state", "read_state", "state_bytes"]

#: A state document, or the path of a state file.
StateSource = Mapping[str, Any] | str | os.PathLike[str]


def _failed(response: Any) -> ControlError:
    answer = response.get_json() if response.get_data() else None
    return ControlError(response.status_code, (answer or {}).get("error", {}))


def state_bytes(client: FlaskClient | HttpClient, sandbox_id: str) -> bytes:
    """The sandbox's state document, byte for byte as the server encodes it."""
    response = client.open(f"{CONTROL}/sandboxes/{sandbox_id}/state", method="GET")
    if response.status_code != 200:
        raise _failed(response)
    return response.get_data()


def read_state(state: StateSource) -> dict[str, Any]:
    """A state document as given, or read from a state file."""
    if isinstance(state, Mapping):
        return dict(state)
    return json.loads(Path(state).read_bytes())


def put_state(
    client: FlaskClient | HttpClient, state: StateSource, sandbox_id: str | None = None
) -> dict[str, Any]:
    """`PUT .../state`: the sandbox replaced (or created, under a new id when none is given);
    its summary."""
    sandbox_id = sandbox_id or "sbx_" + secrets.token_hex(6)
    response = client.open(
        f"{CONTROL}/sandboxes/{sandbox_id}/state", method="PUT", json=read_state(state)
    )
    if response.status_code not in (200, 201):
        raise _failed(response)
    return response.get_json()
