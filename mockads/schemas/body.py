"""One rule for JSON on the wire: request bodies and JSON-encoded query parameters alike.

A body that holds only JSON whitespace (space, tab, LF, CR) is empty and counts as `{}`;
anything else must be one JSON object in UTF-8. Everywhere, JSON means RFC 8259: no duplicate
keys, no NaN or Infinity, no nesting deeper than Python's parser can take. A body that breaks
the rule is refused with InvalidParameter (40002 on the mirror, 400 on the control plane).
"""

from __future__ import annotations

import json
from typing import Any

from mockads.domain.errors import InvalidParameter

__all__ = ["JSON_WHITESPACE", "NotJson", "loads", "parse_json_object"]

#: RFC 8259's whitespace; `bytes.strip()` would also strip form feed and vertical tab.
JSON_WHITESPACE = b" \t\n\r"


class NotJson(ValueError):
    """A text that is not strict JSON; the message says why."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        keys = [key for key, _ in pairs]
        duplicate = next(key for i, key in enumerate(keys) if key in keys[:i])
        raise NotJson(f"the key {duplicate!r} appears more than once in one object")
    return obj


def _no_constant(name: str) -> Any:
    raise NotJson(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_constant=_no_constant)


def loads(text: str) -> Any:
    """The value of a strict JSON text, or NotJson saying what is wrong with it."""
    try:
        return _DECODER.decode(text)
    except NotJson:
        raise
    except RecursionError:
        raise NotJson("nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, or an integer of over 4,300 digits
        raise NotJson(str(error).split(":")[0].lower()) from None


def parse_json_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in `raw`; `{}` for a body of JSON whitespace only."""
    text = raw.strip(JSON_WHITESPACE)
    if not text:
        return {}
    try:
        body = loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidParameter("body", "the request body is not valid UTF-8.") from None
    except NotJson as error:
        raise InvalidParameter("body", f"the request body is not valid JSON: {error}.") from None
    if not isinstance(body, dict):
        raise InvalidParameter("body", "the request body must be a JSON object.")
    return body
