"""One rule for JSON on the wire: request bodies and JSON-encoded query parameters alike.

A body that holds only JSON whitespace (space, tab, LF, CR) is empty and counts as `{}`;
anything else must be one JSON object in UTF-8. Everywhere, JSON means RFC 8259: no duplicate
keys, no NaN or Infinity, no nesting deeper than Python's parser can take. A body that breaks
the rule is refused with InvalidParameter (40002 on the mirror, 400 on the control plane).

Text, wherever a request carries it, holds no NUL (U+0000, which PostgreSQL cannot store) and
no unpaired UTF-16 surrogate (`"\\ud800"`: not a character, and not encodable as UTF-8): JSON
that decodes to such a string is refused (BadText, naming where it is), and so is a query or form
parameter that holds one (`parameter_problem`). Every other character, control characters and
markup included, is kept as sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from mockads.domain.errors import InvalidParameter

__all__ = [
    "JSON_WHITESPACE",
    "BadText",
    "NotJson",
    "loads",
    "parameter_problem",
    "parse_json_object",
]

#: RFC 8259's whitespace; `bytes.strip()` would also strip form feed and vertical tab.
JSON_WHITESPACE = b" \t\n\r"


#: The only JSON escapes that can decode to a NUL or a surrogate; JSON without them needs no walk.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


class NotJson(ValueError):
    """A text that is not strict JSON; the message says why."""


class BadText(NotJson):
    """JSON holding a string no text may hold: `where` it is (a dotted path) and `why`."""

    def __init__(self, where: str, why: str) -> None:
        super().__init__(why)
        self.where = where
        self.why = why


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()  # a set: an object of 100,000 keys is checked in linear time
        for key, _ in pairs:
            if key in seen:
                raise NotJson(f"the key {key!r} appears more than once in one object")
            seen.add(key)
    return obj


def _no_constant(name: str) -> Any:
    raise NotJson(f"{name} is not a JSON number")


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys, parse_constant=_no_constant)


def loads(text: str) -> Any:
    """The value of a strict JSON text, or NotJson (BadText) saying what is wrong with it."""
    try:
        value = _DECODER.decode(text)
    except NotJson:
        raise
    except RecursionError:
        raise NotJson("nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, or an integer of over 4,300 digits
        raise NotJson(str(error).split(":")[0].lower()) from None
    # Strict JSON has no raw control characters in strings, and text decoded from UTF-8 has no
    # surrogates: only escapes can bring them in, so only JSON that holds one is walked.
    if _SUSPECT_ESCAPE.search(text) and (found := _text_problem(value)) is not None:
        raise BadText(*found)
    return value


def parse_json_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in `raw`; `{}` for a body of JSON whitespace only."""
    text = raw.strip(JSON_WHITESPACE)
    if not text:
        return {}
    try:
        body = loads(text.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidParameter("body", "the request body is not valid UTF-8.") from None
    except BadText as error:
        raise InvalidParameter(error.where or "body", error.why) from None
    except NotJson as error:
        raise InvalidParameter("body", f"the request body is not valid JSON: {error}.") from None
    if not isinstance(body, dict):
        raise InvalidParameter("body", "the request body must be a JSON object.")
    return body


def parameter_problem(params: Mapping[str, Any]) -> tuple[str, str] | None:
    """(name, why) of the first query or form parameter (name or value) no text may hold.

    A form part whose name werkzeug cannot read comes with the name None: it names no parameter,
    so, like an unknown one, it is ignored.
    """
    for name, value in params.items():
        if not isinstance(name, str):
            continue
        if (what := _bad_character(name)) is not None:
            return "request", _held(what, key=True)
        if isinstance(value, str) and (what := _bad_character(value)) is not None:
            return name, _held(what)
    return None


def _held(what: str, *, key: bool = False) -> str:
    return f"holds {'a key with ' if key else ''}{what}, which no text may hold."


def _text_problem(value: Any) -> tuple[str, str] | None:
    """(where, why) of the first string or key of a decoded value that no text may hold.

    `where` is a dotted path (`creatives.0.ad_text`), "" for `value` itself. Iterative, so that
    a value nested as deeply as the JSON parser allows cannot exhaust the stack.
    """
    pending: list[tuple[str, Any]] = [("", value)]
    while pending:
        path, item = pending.pop()
        if isinstance(item, str):
            if (what := _bad_character(item)) is not None:
                return path, _held(what)
        elif isinstance(item, dict):
            for key in item:
                if (what := _bad_character(key)) is not None:
                    return path, _held(what, key=True)
            children = [(f"{path}.{key}" if path else key, v) for key, v in item.items()]
            pending.extend(reversed(children))
        elif isinstance(item, list):
            children = [(f"{path}.{i}" if path else str(i), v) for i, v in enumerate(item)]
            pending.extend(reversed(children))
    return None


def _bad_character(text: str) -> str | None:
    if "\x00" in text:
        return "a NUL character (U+0000)"
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"an unpaired surrogate (U+{ord(text[error.start]):04X})"
    return None
