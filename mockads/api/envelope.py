"""The mirror's wire conventions: request ids, the `{code, message, request_id, data}` envelope."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import orjson
from flask import Response, current_app, g, request

from mockads.domain.errors import InvalidParameter, MockadsError
from mockads.schemas.body import parse_json_object
from mockads.schemas.common import RequestSchema
from mockads.services.access import check_access_token
from mockads.services.ports import Store

__all__ = [
    "EnvelopeResponse",
    "access_token",
    "envelope_error",
    "fault_envelope",
    "json_body",
    "load_body",
    "load_params",
    "load_query",
    "new_request_id",
    "ok",
    "ok_with_list",
    "store",
]


def new_request_id() -> str:
    """A request id like TikTok's: UTC `YYYYMMDDHHMMSS` and 20 upper-case hex digits."""
    return _utc_stamp(int(time.time())) + secrets.token_hex(10).upper()


@lru_cache(maxsize=4)
def _utc_stamp(second: int) -> str:
    return time.strftime("%Y%m%d%H%M%S", time.gmtime(second))


class EnvelopeResponse(Response):
    """A mirror answer that says what it answered (for the journal, without decoding it)."""

    api_code: int
    api_message: str


#: Stands for a list written elsewhere (no parameter or stored text holds a NUL).
_RAW_LIST = "\x00mockads-raw-list\x00"
_RAW_LIST_JSON = orjson.dumps(_RAW_LIST)


def _json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON, as `json.dumps(value, ensure_ascii=False, separators=(",", ":"))`
    writes it, by orjson (several times faster on a response's dictionaries). What orjson
    refuses, an integer past 64 bits, goes through the standard library instead."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _envelope(
    code: int, message: str, data: Any, status: int = 200, raw_list: list[str] | None = None
) -> EnvelopeResponse:
    rid = new_request_id()
    body = _json_bytes({"code": code, "message": message, "request_id": rid, "data": data})
    if raw_list is not None:
        body = body.replace(_RAW_LIST_JSON, f"[{','.join(raw_list)}]".encode(), 1)
    response = EnvelopeResponse(
        body, status=status, content_type="application/json", headers={"X-Tt-Logid": rid}
    )
    response.api_code = code
    response.api_message = message
    return response


def ok(data: Any) -> Response:
    """A success envelope around `data`."""
    return _envelope(0, "OK", data)


def ok_with_list(data: dict[str, Any], items: list[str]) -> Response:
    """A success envelope around `data` with `data.list` made of items already written as
    JSON texts (report rows: writing them directly costs a fraction of encoding them)."""
    return _envelope(0, "OK", {"list": _RAW_LIST, **data}, raw_list=items)


def envelope_error(error: MockadsError, status: int = 200) -> Response:
    """An error envelope: the error's API code and message, `data: {}`."""
    return _envelope(error.api_code, error.message, {}, status)


def fault_envelope(code: int, message: str, status: int) -> Response:
    """The envelope a fault answers with: its code and message, `data: {}`, its HTTP status."""
    return _envelope(code, message, {}, status)


def store() -> Store:
    """The store of this app."""
    return current_app.extensions["mockads"].store


def access_token() -> str | None:
    """The `Access-Token` header, stripped, or None."""
    token = request.headers.get("Access-Token", "").strip()
    return token or None


def load_query(schema: RequestSchema) -> dict[str, Any]:
    """Validated query parameters of a GET call (a body, which some clients send, is ignored)."""
    return load_params(schema, lambda: request.args.to_dict())


def load_body(schema: RequestSchema) -> dict[str, Any]:
    """Validated JSON-object body of a POST call; an empty body counts as `{}`."""
    return load_params(schema, json_body)


def load_params(schema: RequestSchema, read: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Parameters read by `read`, validated; a bad token is reported before bad parameters."""
    try:
        return schema.load_params(read())
    except InvalidParameter:
        # A bad token outranks bad parameters, as on the real API. Checked only on this error
        # path, so that a valid request pays for one token look-up, not two.
        check_access_token(store(), access_token())
        raise


def json_body() -> dict[str, Any]:
    """The JSON-object body of a POST call; a body of JSON whitespace only counts as `{}`.

    Kept for the request's journal entry, which then need not decode the body again.
    """
    body = parse_json_object(request.get_data(cache=True))
    g.mockads_json_body = body
    return body
