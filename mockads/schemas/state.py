"""The state document: a whole sandbox as one JSON file, read and written byte for byte.

    {"format_version": 1,
     "sandbox": {"name", "scenario", "seed", "clock": {"offset", "frozen_at"},
                 "review_policy": {"mode", "delay_seconds", "reject_terms"}},
     "tables": {"<table>": [{"<column>": value, ...}, ...], ...},
     "media": {"<md5>": "<base64 of the video or image file>", ...}}

One encoding (`state_json`): keys sorted, two-space indents, ASCII only, a final newline; rows
come in primary-key order. So export, import and export again give the same bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from mockads.domain.clock import Clock
from mockads.domain.enums import ReviewMode
from mockads.domain.errors import InvalidParameter
from mockads.domain.review import ReviewPolicy
from mockads.schemas.body import JSON_WHITESPACE, NotJson, loads
from mockads.schemas.common import List, RequestSchema, StrictInteger, StrictNumber
from mockads.services.sandboxes import MAX_SEED
from mockads.services.state import FORMAT_VERSION, SandboxState

__all__ = ["StateDocument", "load_state", "parse_state", "state_data", "state_json"]

_MD5 = validate.Regexp(r"^[0-9a-f]{32}\Z", error="media are keyed by MD5 (32 lowercase hex).")


class _Base64(fields.Field):
    """Bytes as standard base64 text."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bytes:
        if not isinstance(value, str):
            raise ValidationError("expected base64 text.")
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError("not valid base64.") from None


class _Version(StrictInteger):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        version = super()._deserialize(value, attr, data, **kwargs)
        if version != FORMAT_VERSION:
            raise ValidationError(
                f"unknown format version {version}; this mockads reads version {FORMAT_VERSION}."
            )
        return version


class _ClockState(Schema):
    offset = StrictNumber(required=True, allow_nan=False)
    frozen_at = StrictNumber(required=True, allow_none=True, allow_nan=False)


class _ReviewPolicyState(Schema):
    mode = fields.Enum(ReviewMode, by_value=True, required=True)
    delay_seconds = StrictInteger(required=True, validate=validate.Range(min=0, max=30 * 86_400))
    reject_terms = List(
        fields.String(validate=validate.Length(min=1, max=100)),
        required=True,
        validate=validate.Length(max=100),
    )


class _SandboxState(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    scenario = fields.String(required=True, validate=validate.Length(min=1, max=64))
    seed = StrictInteger(required=True, validate=validate.Range(min=0, max=MAX_SEED))
    clock = fields.Nested(_ClockState, required=True)
    review_policy = fields.Nested(_ReviewPolicyState, required=True)


class StateDocument(RequestSchema):
    """A state document; its `tables` are checked column by column when imported."""

    class Meta:
        unknown = RAISE

    format_version = _Version(required=True)
    sandbox = fields.Nested(_SandboxState, required=True)
    tables = fields.Dict(keys=fields.String(), required=True)
    media = fields.Dict(keys=fields.String(validate=_MD5), values=_Base64(), required=True)


_DOCUMENT = StateDocument()


def parse_state(raw: bytes) -> SandboxState:
    """The state in a JSON file's bytes, or InvalidParameter naming what is wrong."""
    try:
        document = loads(raw.strip(JSON_WHITESPACE).decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidParameter("state", "not valid UTF-8.") from None
    except NotJson as error:
        raise InvalidParameter(getattr(error, "where", "") or "state", str(error)) from None
    if not isinstance(document, Mapping):
        raise InvalidParameter("state", "a state document is a JSON object.")
    return load_state(document)


def load_state(document: Mapping[str, Any]) -> SandboxState:
    """The state in a decoded JSON document, or InvalidParameter naming what is wrong."""
    loaded = _DOCUMENT.load_params(document)
    sandbox = loaded["sandbox"]
    clock, policy = sandbox["clock"], sandbox["review_policy"]
    return SandboxState(
        name=sandbox["name"],
        scenario=sandbox["scenario"],
        seed=sandbox["seed"],
        clock=Clock(offset=clock["offset"], frozen_at=clock["frozen_at"]),
        review_policy=ReviewPolicy(
            policy["mode"], policy["delay_seconds"], tuple(policy["reject_terms"])
        ),
        tables=loaded["tables"],
        media=loaded["media"],
    )


def state_data(state: SandboxState) -> dict[str, Any]:
    """A state as its JSON document."""
    policy = state.review_policy
    return {
        "format_version": FORMAT_VERSION,
        "sandbox": {
            "name": state.name,
            "scenario": state.scenario,
            "seed": state.seed,
            "clock": {"offset": state.clock.offset, "frozen_at": state.clock.frozen_at},
            "review_policy": {
                "mode": policy.mode.value,
                "delay_seconds": policy.delay_seconds,
                "reject_terms": list(policy.reject_terms),
            },
        },
        "tables": state.tables,
        "media": {md5: base64.b64encode(data).decode("ascii") for md5, data in state.media.items()},
    }


def state_json(state: SandboxState) -> bytes:
    """A state in its one encoding (the same state always gives the same bytes)."""
    text = json.dumps(
        state_data(state), sort_keys=True, indent=2, ensure_ascii=True, allow_nan=False
    )
    return text.encode("ascii") + b"\n"
