"""Hostile requests on every surface, through the test client: bodies, JSON-encoded parameters,
ids and numbers out of range, path parameters, headers and content types, the sandbox clock.

Each gets a clear error in its surface's format (mirror: a nonzero envelope `code`, 40002 for a
bad parameter, never 50000; control plane: a 4xx `{"error": ...}` body), and a refused request
leaves every row of the sandbox as it was (`untouched`, in this folder's conftest). The contract
check of `tests/conftest.py` sees every answer.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask

from mockads.testing import CONTROL, MIRROR, Sandbox
from tests.api.hostile.conftest import accepted, control_refusal, mirror_refusal, token
from tests.snapshot import SANDBOX_TABLES

# -- every route that reads a JSON body -------------------------------------------------------

#: endpoint -> (method, path); every route with a body (reset takes none) is here.
BODY_ROUTES = {
    **{
        f"mirror.{path.strip('/').replace('/', '_')}": ("POST", f"{MIRROR}{path}")
        for path in [
            "/tt_video/authorize/",
            "/tt_video/unbind/",
            "/identity/create/",
            "/file/video/ad/upload/",
            "/file/image/ad/upload/",
            "/creative/portfolio/create/",
            "/oauth2/access_token/",
            "/oauth2/revoke_token/",
            *(
                f"/{prefix}{kind}/{action}/"
                for prefix in ("", "smart_plus/")
                for kind in ("campaign", "adgroup", "ad")
                for action in ("create", "update", "status/update")
            ),
        ]
    },
    "control.sandbox_create": ("POST", f"{CONTROL}/sandboxes"),
    **{
        f"control.{endpoint}": (method, f"{CONTROL}/sandboxes/{{sandbox_id}}{path}")
        for endpoint, method, path in [
            ("clock_update", "POST", "/clock"),
            ("creator_create", "POST", "/creators"),
            ("creator_update", "PATCH", "/creators/{creator_id}"),
            ("post_create", "POST", "/creators/{creator_id}/posts"),
            ("post_update", "PATCH", "/posts/{item_id}"),
            ("authorization_create", "POST", "/posts/{item_id}/authorization"),
            ("spark_posts_batch", "POST", "/advertisers/{advertiser_id}/spark-posts/batch"),
            ("review_policy_update", "PUT", "/review-policy"),
            ("review_decide", "POST", "/reviews/{ad_id}"),
            ("engagement_record", "POST", "/ads/{ad_id}/engagement"),
            ("fault_create", "POST", "/faults"),
            ("journal_verify", "POST", "/journal/verify"),
            ("state_put", "PUT", "/state"),
            ("app_create", "POST", "/apps"),
            ("auth_code_create", "POST", "/apps/{app_id}/auth_codes"),
        ]
    },
}
#: name -> (raw body, start of the refusal's message).
HOSTILE_BODIES = {
    "100000_nested_brackets": (b"[" * 100_000 + b"]" * 100_000, "body: the request body is not"),
    "100000_nested_objects": (
        b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
        "body: the request body is not valid JSON: nested too deeply.",
    ),
    "a_duplicate_key": (
        b'{"advertiser_id": "1", "advertiser_id": "1"}',
        "body: the request body is not valid JSON: the key 'advertiser_id' appears more than once",
    ),
    "a_duplicate_key_deep_inside": (b'{"x": [{"k": 1, "k": 1}]}', "body: the request body is not"),
    "nan": (b'{"budget": NaN}', "body: the request body is not valid JSON: NaN is not"),
    "infinity": (b'{"budget": Infinity}', "body: the request body is not valid JSON: Infinity"),
    "minus_infinity": (b'{"budget": -Infinity}', "body: the request body is not valid JSON: -"),
    "a_5000_digit_integer": (b'{"budget": ' + b"9" * 5000 + b"}", "body: the request body is not"),
    "invalid_utf8": (b'{"campaign_name": "\xff\xfe"}', "body: the request body is not valid UTF-8"),
    "overlong_utf8": (b'{"campaign_name": "\xc0\xae\xc0\xae"}', "body: the request body is not"),
    "a_utf16_body": ('{"campaign_name": "x"}'.encode("utf-16"), "body: the request body is not"),
    "a_utf8_bom": (b'\xef\xbb\xbf{"campaign_name": "x"}', "body: the request body is not valid"),
    "a_form_feed": (b"\x0c", "body: the request body is not valid JSON"),
    "a_raw_control_character": (b'{"campaign_name": "a\x01"}', "body: the request body is not"),
    "a_raw_nul": (b'{"campaign_name": "a\x00"}', "body: the request body is not valid JSON"),
    "an_escaped_nul": (b'{"campaign_name": "a\\u0000"}', "campaign_name: holds a NUL character"),
    "an_unpaired_surrogate": (b'{"campaign_name": "\\ud800"}', "campaign_name: holds an unpaired"),
    "a_nul_in_an_unknown_key": (b'{"x\\u0000": 1}', "body: holds a key with a NUL character"),
    "truncated": (b'{"campaign_name": ', "body: the request body is not valid JSON"),
    "an_array": (b"[]", "body: the request body must be a JSON object."),
    "a_string": (b'"{}"', "body: the request body must be a JSON object."),
    "a_huge_number": (b"1e400", "body: the request body must be a JSON object."),
    "null": (b"null", "body: the request body must be a JSON object."),
}


def test_the_battery_covers_every_route_that_reads_a_json_body(mockads_app: Flask) -> None:
    with_body = {
        rule.endpoint
        for rule in mockads_app.url_map.iter_rules()
        if (rule.methods or set()) & {"POST", "PUT", "PATCH"}
        and not rule.endpoint.startswith(
            "console."
        )  # HTML forms: tests/console/test_hostile_forms.py
    }
    assert with_body - {"control.sandbox_reset"} == set(BODY_ROUTES)


#: One body per rule of the parser goes to every route (they share the parser); every body goes
#: to one route of each surface.
CORE_BODIES = (
    "100000_nested_brackets",
    "a_duplicate_key",
    "nan",
    "invalid_utf8",
    "a_form_feed",
    "an_escaped_nul",
    "an_unpaired_surrogate",
    "an_array",
)
FULLY_TESTED = ("mirror.campaign_create", "control.creator_create")


@pytest.mark.parametrize(
    ("endpoint", "hostile"),
    [
        (endpoint, hostile)
        for endpoint in BODY_ROUTES
        for hostile in (HOSTILE_BODIES if endpoint in FULLY_TESTED else CORE_BODIES)
    ],
)
def test_a_hostile_body_is_refused_on_every_route_and_changes_nothing(
    target, ids, untouched, endpoint, hostile
):
    method, template = BODY_ROUTES[endpoint]
    data, start = HOSTILE_BODIES[hostile]
    with untouched():
        response = target.client.open(
            template.format(**ids),
            method=method,
            data=data,
            content_type="application/json",
            headers=token(target),
        )
    if endpoint.startswith("mirror."):
        mirror_refusal(response, start=start)
    else:
        assert control_refusal(response).startswith(start)


#: A state import has a limit of its own (`MOCKADS_MAX_STATE_BYTES`; tests/api/test_state.py).
_OWN_LIMIT = {"control.state_put"}


@pytest.mark.parametrize("endpoint", sorted(set(BODY_ROUTES) - _OWN_LIMIT))
def test_a_body_over_1_mib_is_refused_with_413_on_every_route(target, ids, untouched, endpoint):
    method, template = BODY_ROUTES[endpoint]
    data = json.dumps({"pad": "x" * (1 << 20)})
    with untouched():
        response = target.client.open(
            template.format(**ids),
            method=method,
            data=data,
            content_type="application/json",
            headers=token(target),
        )
    assert response.status_code == 413
    start = "body: the request body exceeds 1048576 bytes."
    if endpoint.startswith("mirror."):
        mirror_refusal(response, start=start)
    else:
        assert control_refusal(response, status=413).startswith(start)


def test_every_table_of_the_store_belongs_to_one_sandbox() -> None:
    assert SANDBOX_TABLES
    assert all("sandbox_id" in table.c for table in SANDBOX_TABLES)


# -- JSON-encoded query parameters ------------------------------------------------------------

#: (path, parameter) of every JSON-encoded query parameter of the mirror.
JSON_PARAMS = [
    *(
        (f"{prefix}{kind}/get/", param)
        for prefix in ("", "smart_plus/")
        for kind in ("campaign", "adgroup", "ad")
        for param in ("filtering", "fields")
        if (prefix, kind, param) != ("smart_plus/", "ad", "fields")
    ),
    ("advertiser/info/", "advertiser_ids"),
    ("advertiser/info/", "fields"),
    ("smart_plus/ad/review_info/", "smart_plus_ad_ids"),
    ("tt_video/list/", "item_types"),
    ("file/video/ad/info/", "video_ids"),
    ("file/video/ad/search/", "filtering"),
    *(("report/integrated/get/", param) for param in ("dimensions", "metrics", "filtering")),
]
HOSTILE_PARAMS = {
    "2000_nested_brackets": "[" * 2000 + "]" * 2000,
    "2000_nested_objects": '{"a":' * 2000 + "1" + "}" * 2000,
    "a_duplicate_key": '{"k": 1, "k": 2}',
    "a_duplicate_key_in_a_list": '[{"k": 1, "k": 2}]',
    "nan": "[NaN]",
    "infinity": '{"campaign_ids": [Infinity]}',
    "a_5000_digit_integer": "[" + "9" * 5000 + "]",
    "an_escaped_nul": '["a\\u0000"]',
    "an_unpaired_surrogate": '{"campaign_name": "\\udc80"}',
    "a_form_feed_before_it": '\x0c["a"]',
    "an_empty_value": "",
    "a_huge_list": json.dumps(["1"] * 2000),
    "a_list_of_objects": json.dumps([{"a": "b"}] * 1000),
    "not_json_at_all": "<script>alert(1)</script>",
}


CORE_PARAMS = (
    "2000_nested_brackets",
    "a_duplicate_key",
    "nan",
    "an_escaped_nul",
    "an_unpaired_surrogate",
    "a_huge_list",
)


@pytest.mark.parametrize(
    ("path", "param", "hostile"),
    [
        (path, param, hostile)
        for path, param in JSON_PARAMS
        for hostile in (HOSTILE_PARAMS if path == "campaign/get/" else CORE_PARAMS)
    ],
)
def test_a_hostile_json_encoded_parameter_is_refused_with_40002(
    target, untouched, path, param, hostile
):
    query = {"advertiser_id": target.advertiser_id, param: HOSTILE_PARAMS[hostile]}
    required = {
        "smart_plus/ad/review_info/": "smart_plus_ad_ids",
        "advertiser/info/": "advertiser_ids",
    }
    if path in required and param != required[path]:
        query[required[path]] = json.dumps([target.advertiser_id])
    if path == "report/integrated/get/":  # a lifetime report of the account, but for `param`
        query = {"report_type": "BASIC", "dimensions": '["advertiser_id"]', **query}
        query["query_lifetime"] = "true"
    with untouched():
        response = target.client.get(f"{MIRROR}/{path}", query_string=query, headers=token(target))
    mirror_refusal(response, start=f"{param}")


@pytest.mark.parametrize(
    ("raw", "start"),
    [
        ("%00", "advertiser_id: holds a NUL character"),
        ("%FF%FE", "advertiser_id: Not a valid id: expected a string of digits."),
        ("%C0%AE%C0%AE", "advertiser_id: Not a valid id"),
        ("%ED%A0%80", "advertiser_id: Not a valid id"),
        ("1e400", "advertiser_id: Not a valid id"),
        ("-1", "advertiser_id: Not a valid id"),
        ("%D9%A3", "advertiser_id: Not a valid id: expected a string of digits."),
        ("9" * 500, "advertiser_id: Not a valid id: too long (500 characters"),
    ],
)
def test_odd_bytes_in_a_query_string_are_refused_as_a_bad_parameter(target, untouched, raw, start):
    with untouched():
        response = target.client.get(
            f"{MIRROR}/campaign/get/?advertiser_id={raw}", headers=token(target)
        )
    mirror_refusal(response, start=start)


@pytest.mark.parametrize(
    ("path", "field", "limit"),
    [
        ("campaign/create/", "campaign_name", "Length must be between 1 and 512."),
        ("identity/create/", "display_name", "Length must be between 1 and 100."),
        ("tt_video/authorize/", "auth_code", "Length must be between 1 and 512."),
        ("ad/update/", "ad_text", "Length must be between 1 and 1000."),
    ],
)
def test_a_string_of_a_million_characters_is_refused_by_its_length_limit(
    target, ids, untouched, path, field, limit
):
    body = {"advertiser_id": target.advertiser_id, "ad_id": ids["ad_id"], field: "x" * 1_000_000}
    with untouched():
        response = target.client.post(f"{MIRROR}/{path}", json=body, headers=token(target))
    assert mirror_refusal(response) == f"{field}: {limit}"


def test_a_string_of_a_million_characters_in_a_query_is_refused_by_its_length_limit(
    target, untouched
):
    with untouched():
        response = target.client.get(
            f"{MIRROR}/tt_video/info/?advertiser_id={target.advertiser_id}&auth_code={'x' * 10**6}",
            headers=token(target),
        )
    assert mirror_refusal(response) == "auth_code: Length must be between 1 and 512."


def test_a_parameter_given_twice_in_a_query_counts_once_the_first_time(target, untouched):
    with untouched():
        response = target.client.get(
            f"{MIRROR}/campaign/get/?advertiser_id={target.advertiser_id}"
            "&advertiser_id=%3Cscript%3E&page_size=1&page_size=-1",
            headers=token(target),
        )
    assert response.get_json()["code"] == 0


def test_invalid_utf8_inside_a_json_filter_reads_as_a_replacement_character(target):
    """Bytes that are not UTF-8 become U+FFFD: a filter on that name matches nothing."""
    response = target.client.get(
        f"{MIRROR}/campaign/get/?advertiser_id={target.advertiser_id}"
        "&filtering=%7B%22campaign_name%22%3A%22%FF%22%7D",
        headers=token(target),
    )
    body = response.get_json()
    assert (body["code"], body["data"]["list"]) == (0, [])


# -- ids far longer than real ones, and numbers out of every range ----------------------------


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("campaign/create/", "advertiser_id", "7" * 500),
        ("campaign/create/", "advertiser_id", "x" * 500),
        ("campaign/create/", "advertiser_id", int("7" * 300)),
        ("campaign/create/", "advertiser_id", 1e25),
        ("campaign/update/", "campaign_id", "7" * 21),
        ("adgroup/update/", "adgroup_id", "7" * 10_000),
        ("ad/update/", "ad_id", "7" * 500),
        ("tt_video/unbind/", "item_id", "7" * 500),
        ("campaign/status/update/", "campaign_ids", ["7" * 500]),
    ],
)
def test_an_id_far_longer_than_real_ids_is_refused_as_too_long(
    target, untouched, path, field, value
):
    body = {"advertiser_id": target.advertiser_id, field: value}
    with untouched():
        response = target.client.post(f"{MIRROR}/{path}", json=body, headers=token(target))
    message = mirror_refusal(response, start=field)
    assert "Not a valid id: too long (" in message, message
    assert "expected a string of digits" not in message


def test_a_too_long_id_in_a_query_and_in_a_json_filter_is_refused_as_too_long(target, untouched):
    with untouched():
        plain = target.client.get(
            f"{MIRROR}/tt_video/list/?advertiser_id={'7' * 500}", headers=token(target)
        )
        filtered = target.client.get(
            f"{MIRROR}/ad/get/",
            query_string={
                "advertiser_id": target.advertiser_id,
                "filtering": json.dumps({"ad_ids": ["7" * 500]}),
            },
            headers=token(target),
        )
    assert "too long (500 characters" in mirror_refusal(plain, start="advertiser_id: ")
    assert "too long (500 characters" in mirror_refusal(filtered, start="filtering.ad_ids.0: ")


def test_a_too_long_id_in_a_control_plane_body_is_refused_as_too_long(target, ids, untouched):
    with untouched():
        response = target.client.post(
            f"{CONTROL}/sandboxes/{target.sandbox_id}/creators/{ids['creator_id']}/posts",
            json={"caption": "a duet", "duet_of": "7" * 500},
        )
    assert "too long (500 characters" in control_refusal(response)


CAMPAIGN = {"campaign_name": "numbers", "objective_type": "REACH"}


@pytest.mark.parametrize(
    ("raw", "start"),
    [
        (b"1e400", "budget: Special numeric values (nan or infinity) are not permitted."),
        (b"-1e400", "budget: Special numeric values"),
        (b"1e308", "budget: Must be greater than or equal to 0 and less than"),
        (b"-0.5", "budget: Must be greater than or equal to 0"),
        (b"1" + b"0" * 4000, "budget: Number too large."),
        (b"9" * 5000, "body: the request body is not valid JSON"),
        (b'"100"', "budget: Not a valid number."),
        (b"true", "budget: Not a valid number."),
        (b"[1]", "budget: Not a valid number."),
        (b"1e-400", "budget: must be at least"),
    ],
)
def test_a_budget_out_of_every_range_is_refused_with_40002(target, untouched, raw, start):
    body = json.dumps(
        {"advertiser_id": target.advertiser_id, **CAMPAIGN, "budget_mode": "BUDGET_MODE_DAY"}
    )
    data = body[:-1].encode() + b', "budget": ' + raw + b"}"
    with untouched():
        response = target.client.post(
            f"{MIRROR}/campaign/create/",
            data=data,
            content_type="application/json",
            headers=token(target),
        )
    mirror_refusal(response, start=start)


@pytest.mark.parametrize("param", ["page", "page_size"])
@pytest.mark.parametrize(
    "value",
    ["1e400", "NaN", "inf", "-Infinity", "-1", "0", "1.5", "9" * 5000, "", "0x10", "1 1", "%00"],
)
def test_a_page_out_of_every_range_is_refused_with_40002(target, untouched, param, value):
    with untouched():
        response = target.client.get(
            f"{MIRROR}/campaign/get/?advertiser_id={target.advertiser_id}&{param}={value}",
            headers=token(target),
        )
    mirror_refusal(response, start=f"{param}: ")


@pytest.mark.parametrize(
    ("param", "value"),
    [("cursor", "-1"), ("cursor", "9" * 5000), ("count", "1e400"), ("count", "51"), ("count", "")],
)
def test_a_cursor_or_count_out_of_range_is_refused_with_40002(target, untouched, param, value):
    identity = target.summary["identities"][0]
    query = {
        "advertiser_id": target.advertiser_id,
        "identity_type": identity["identity_type"],
        "identity_id": identity["identity_id"],
        param: value,
    }
    with untouched():
        response = target.client.get(
            f"{MIRROR}/identity/video/get/", query_string=query, headers=token(target)
        )
    mirror_refusal(response, start=f"{param}: ")


#: (control-plane path below the sandbox, field, raw JSON value) that must be refused with 400.
CONTROL_NUMBERS = (
    [
        ("/clock", "advance_seconds", value)
        for value in (b"1e400", b"-1", b"-1e-300", b"3153600001", b'"60"', b"true", b"[60]")
    ]
    + [
        ("/ads/{ad_id}/engagement", "views", value)
        for value in (b"1e400", b"-1", b"1.5", b"1" + b"0" * 30, b'"1"', b"false", b"1e10")
    ]
    + [
        ("/posts/{item_id}/authorization", "days", value)
        for value in (b"30.5", b"-30", b"1e400", b'"30"', b"31", b"0")
    ]
    + [("/review-policy", "delay_seconds", value) for value in (b"-1", b"1e400", b"2592001")]
)


@pytest.mark.parametrize(("path", "field", "raw"), CONTROL_NUMBERS)
def test_a_control_plane_number_out_of_every_range_is_refused_with_400(
    target, ids, untouched, path, field, raw
):
    method = "PUT" if path == "/review-policy" else "POST"
    extra = b'"mode": "delayed", ' if path == "/review-policy" else b""
    with untouched():
        response = target.client.open(
            f"{CONTROL}/sandboxes/{target.sandbox_id}{path.format(**ids)}",
            method=method,
            data=b"{" + extra + f'"{field}": '.encode() + raw + b"}",
            content_type="application/json",
        )
    assert control_refusal(response).startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("value", "start"),
    [
        (2**63, "seed: Must be greater than or equal to 0 and less than"),
        (-1, "seed: Must be greater than or equal to 0"),
        (1.5, "seed: Not a valid integer."),
        ("1", "seed: Not a valid integer."),
        (True, "seed: Not a valid integer."),
    ],
)
def test_a_sandbox_seed_out_of_range_is_refused_and_creates_no_sandbox(
    target, untouched, value, start
):
    with untouched():
        response = target.client.post(f"{CONTROL}/sandboxes", json={"seed": value})
    assert control_refusal(response).startswith(start)


# -- path parameters of the control plane, and /media/ ----------------------------------------

#: Raw path segments: traversal, odd encodings, injections, ids far too long.
HOSTILE_SEGMENTS = [
    "..",
    "%2e%2e",
    "..%2f..%2fetc%2fpasswd",
    "%252e%252e%252f",
    "a%00b",
    "%c0%ae%c0%ae",
    "%ED%A0%80",
    "%0d%0aSet-Cookie:%20x=1",
    quote("<script>alert(1)</script>' OR '1'='1", safe=""),
    "7" * 10_000,
]
#: (method, path below /sandboxes/, body) of every control route with a path parameter.
CONTROL_PATHS = [
    ("GET", "{sandbox_id}", None),
    ("DELETE", "{sandbox_id}", None),
    ("POST", "{sandbox_id}/reset", None),
    ("GET", "{sandbox_id}/clock", None),
    ("POST", "{sandbox_id}/clock", {"advance_seconds": 60}),
    ("GET", "{sandbox_id}/creators", None),
    ("POST", "{sandbox_id}/creators", {"handle": "hostile.path"}),
    ("GET", "{sandbox_id}/creators/{creator_id}", None),
    ("PATCH", "{sandbox_id}/creators/{creator_id}", {"allow_authorized_posts": False}),
    ("GET", "{sandbox_id}/creators/{creator_id}/posts", None),
    ("POST", "{sandbox_id}/creators/{creator_id}/posts", {"caption": "x"}),
    ("GET", "{sandbox_id}/posts/{item_id}", None),
    ("PATCH", "{sandbox_id}/posts/{item_id}", {"caption": "x"}),
    ("DELETE", "{sandbox_id}/posts/{item_id}", None),
    ("POST", "{sandbox_id}/posts/{item_id}/authorization", {"days": 30}),
    ("DELETE", "{sandbox_id}/posts/{item_id}/authorization", None),
    ("POST", "{sandbox_id}/advertisers/{advertiser_id}/spark-posts/batch", {"auth_codes": ["#a"]}),
    ("GET", "{sandbox_id}/review-policy", None),
    ("PUT", "{sandbox_id}/review-policy", {"mode": "manual"}),
    ("GET", "{sandbox_id}/reviews", None),
    ("POST", "{sandbox_id}/reviews/{ad_id}", {"decision": "approve"}),
    ("POST", "{sandbox_id}/ads/{ad_id}/engagement", {"views": 1}),
]


def _hostile_paths() -> list[tuple[str, str, str, Any]]:
    """Every segment as each route's last path parameter; a sandbox's sub-resources (whose
    last parameter is the sandbox id, already covered by `GET /sandboxes/{id}`) get `..`."""
    cases = []
    for method, template, body in CONTROL_PATHS:
        param = template.rsplit("{", 1)[1].split("}")[0]
        sub_resource = template.startswith("{sandbox_id}/") and param == "sandbox_id"
        segments = [".."] if sub_resource else HOSTILE_SEGMENTS
        cases += [(method, template, f"{param}={segment}", body) for segment in segments]
    return cases


@pytest.mark.parametrize(("method", "template", "hostile", "body"), _hostile_paths())
def test_a_hostile_path_parameter_of_the_control_plane_is_a_4xx_and_changes_nothing(
    target, ids, untouched, method, template, hostile, body
):
    param, segment = hostile.split("=", 1)
    path = template.format(**{**ids, param: segment})
    with untouched():
        response = target.client.open(f"{CONTROL}/sandboxes/{path}", method=method, json=body)
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)[:300]
    answer = response.get_json()
    assert set(answer["error"]) == {"code", "message", "details"}, answer
    assert answer["error"]["code"] in ("NOT_FOUND", "INVALID_PARAMETER", "NO_PERMISSION")


@pytest.mark.parametrize("segment", ["a%00b", "%01", "x%7F", "%09tab", "%0a"])
def test_a_path_parameter_with_control_characters_is_refused_at_routing(target, segment):
    """No id holds them: the path is not an API path, and the store is never asked."""
    response = target.client.get(f"{CONTROL}/sandboxes/{segment}")
    assert control_refusal(response, status=404).endswith("is not an API path.")


@pytest.mark.parametrize("segment", ["..", "%2e%2e", "x" * 10_000, "%c0%ae"])
def test_a_hostile_sandbox_id_is_answered_as_an_unknown_sandbox(target, segment):
    response = target.client.get(f"{CONTROL}/sandboxes/{segment}")
    assert control_refusal(response, status=404, code="NOT_FOUND").startswith("sandbox '")


@pytest.mark.parametrize(
    "path",
    [
        "/media/video/..%2f..%2f..%2fetc%2fpasswd",
        "/media/video/../../../etc/passwd",
        "/media/../open_api/v1.3/campaign/get/",
        "/media/poster/%2e%2e",
        "/media/poster/%252e%252e%252fsecret.jpeg",
        "/media/video/%c0%ae%c0%ae%c0%afpasswd",
        "/media/video/" + "a" * 32 + ".mp4%00.jpeg",
        "/media/video/" + "a" * 32 + "%00.mp4",
        "/media/video/" + "A" * 32 + ".mp4",
        "/media/video/" + "a" * 32 + ".exe",
        "/media/video/" + "a" * 10_000 + ".mp4",
        "/media/poster/" + "a" * 32 + ".jpeg?x-expires=99999999999&x-signature=%00",
        "/media/poster/" + "a" * 32 + ".jpeg?x-expires=1e400&x-signature=" + "0" * 32,
        "/media/poster/" + "a" * 32 + ".jpeg?x-expires=" + "9" * 5000,
        "/media/poster/" + "a" * 32 + ".jpeg?x-expires=-1&x-signature=%ff",
        "/media/%ff/" + "a" * 32 + ".jpeg",
        "/media/",
    ],
)
def test_a_hostile_media_path_is_a_403_or_404_and_serves_no_file(target, path):
    response = target.client.get(path)
    assert response.status_code in (403, 404), response.status_code
    assert set(response.get_json()["error"]) == {"code", "message", "details"}


def _signed_poster(sandbox: Sandbox) -> str:
    body = sandbox.get("tt_video/list/", advertiser_id=sandbox.advertiser_id, page_size=1)
    url = body["data"]["list"][0]["video_info"]["poster_url"]
    return url.removeprefix("http://localhost")


@pytest.mark.parametrize(
    "extra",
    [
        "&x-signature=" + "0" * 32,  # a second signature: the first one counts
        "&x-expires=%00",
        "&x-other=%ff%00",
    ],
)
def test_a_signed_link_with_odd_extra_parameters_still_loads(target, extra):
    assert target.client.get(_signed_poster(target) + extra).status_code == 200


@pytest.mark.parametrize(
    "range_header",
    [
        "bytes=99999999999999999999999-",
        "bytes=-0",
        "bytes=5-1",
        "bytes=0-0," * 1000 + "0-0",
        "bytes=-99999999999999999999",
        "bytes=\xff-\xfe",
        "lines=1-2",
        "bytes=" + "9" * 5000 + "-",
    ],
)
def test_a_hostile_range_header_on_a_media_link_is_never_a_5xx(target, range_header):
    response = target.client.get(_signed_poster(target), headers={"Range": range_header})
    assert response.status_code in (200, 206, 416), response.status_code


# -- headers and content types ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("\xff\xfe\xfd", 40105),  # bytes that are not UTF-8 arrive as Latin-1 text
        ("\xc3\x28", 40105),
        ("a\x00b" * 8, 40105),
        ("\x01\x02\x7f" * 8, 40105),
        ("x" * 100_000, 40105),
        ("' OR '1'='1' --" * 3, 40105),
        ("<script>alert(1)</script>", 40105),
        ("\t \t", 40104),
    ],
)
def test_a_hostile_access_token_is_refused_as_invalid_or_empty(target, untouched, value, code):
    with untouched():
        response = target.client.post(
            f"{MIRROR}/campaign/create/",
            json={"advertiser_id": target.advertiser_id, **CAMPAIGN},
            headers={"Access-Token": value},
        )
    mirror_refusal(response, code=code)


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "application/json; charset=latin-1",
        "application/xml",
        "\x00\xff",
        None,
    ],
)
def test_a_json_body_is_read_as_json_whatever_the_content_type_says(mockads_sandbox, content_type):
    """The content type is not checked on JSON routes: the body is JSON, or refused as such."""
    sandbox = mockads_sandbox
    name = f"content type {content_type!r}"
    body = json.dumps({"advertiser_id": sandbox.advertiser_id, "campaign_name": name})
    headers = {**token(sandbox), "Content-Type": content_type} if content_type else token(sandbox)
    data = body[:-1] + ', "objective_type": "REACH"}'
    response = sandbox.client.post(f"{MIRROR}/campaign/create/", data=data, headers=headers)
    answer = response.get_json()
    assert (answer["code"], answer["data"]["campaign_name"]) == (0, name), answer


def test_a_form_over_the_part_limit_is_refused_as_a_form_not_as_a_huge_body(target, untouched):
    parts = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="f%d"\r\n\r\nx\r\n' % i for i in range(1001)
    )
    with untouched():
        response = target.client.post(
            f"{MIRROR}/file/video/ad/upload/",
            data=parts + b"--b--\r\n",
            content_type="multipart/form-data; boundary=b",
            headers=token(target),
        )
    assert response.status_code == 413
    assert mirror_refusal(response, start="body: the form holds more than 1000 parts")


def _upload_form(target: Sandbox, data: bytes) -> Any:
    """`file/video/ad/upload/` with a hand-made multipart body (boundary `b`)."""
    return target.client.post(
        f"{MIRROR}/file/video/ad/upload/",
        data=data,
        content_type="multipart/form-data; boundary=b",
        headers=token(target),
    )


@pytest.mark.parametrize(
    "data",
    [
        b"garbage without a boundary",
        b'--b\r\nContent-Disposition: form-data; name="advertiser_id"\r\n\r\n\xff\xfe\r\n--b--\r\n',
        b'--b\r\nContent-Disposition: form-data; name="advertiser_id"\r\n\r\n7',
        b"--b\r\n\r\n\r\n--b--\r\n",
    ],
)
def test_a_broken_multipart_upload_is_refused_with_40002(target, untouched, data):
    with untouched():
        response = _upload_form(target, data)
    mirror_refusal(response, start="advertiser_id: ")


def test_a_form_part_whose_name_cannot_be_read_is_ignored_like_an_unknown_parameter(
    target, untouched
):
    """Found by `make fuzz` (seed 2229358978): werkzeug reads a name holding a line break as
    None, which gave a 500."""
    data = (
        b'--b\r\nContent-Disposition: form-data; name="\n"\r\n\r\nnull\r\n'
        b'--b\r\nContent-Disposition: form-data; name="advertiser_id"\r\n\r\n0*\r\n--b--\r\n'
    )
    with untouched():
        response = _upload_form(target, data)
    mirror_refusal(response, start="advertiser_id: Not a valid id")


def test_a_json_upload_is_held_to_the_1_mib_limit_of_json_bodies(target, untouched):
    body = json.dumps({"advertiser_id": target.advertiser_id, "pad": "x" * (1 << 20)})
    with untouched():
        response = target.client.post(
            f"{MIRROR}/file/video/ad/upload/",
            data=body,
            content_type="application/json",
            headers=token(target),
        )
    assert response.status_code == 413
    mirror_refusal(response, start="body: the request body exceeds 1048576 bytes.")


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/a.mp4",
        "http://[x]/a.mp4",
        "http://a:99999999/a.mp4",
        "http://a:-1/a.mp4",
        "http://\u2100/a.mp4",
        "http://a/\tb.mp4",
        "file:///etc/passwd",
        "javascript:alert(1)//.mp4",
    ],
)
def test_a_malformed_url_is_refused_with_40002_not_a_500(target, ids, untouched, url):
    with untouched():
        upload = target.post(
            "file/video/ad/upload/",
            {
                "advertiser_id": target.advertiser_id,
                "upload_type": "UPLOAD_BY_URL",
                "video_url": url,
            },
        )
        landing = target.post(
            "ad/update/",
            {"advertiser_id": target.advertiser_id, "ad_id": ids["ad_id"], "landing_page_url": url},
        )
    assert upload["code"] == 40002 and upload["message"].startswith("video_url: must be an http")
    assert landing["code"] == 40002, landing
    assert landing["message"].startswith("landing_page_url: must be an http or https URL.")


# -- the sandbox clock: only times every field can show ---------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"set": "9999-12-31 23:59:59"}, "set"),
        ({"set": "0001-01-01 00:00:00"}, "set"),
        ({"set": "1969-12-31 23:59:59"}, "set"),
        ({"set": "8950-01-01 00:00:00", "advance_seconds": 3_153_600_000}, "advance_seconds"),
    ],
)
def test_a_clock_set_outside_the_years_1970_to_9000_is_refused(target, untouched, body, field):
    with untouched():
        response = target.client.post(f"{CONTROL}/sandboxes/{target.sandbox_id}/clock", json=body)
    assert control_refusal(response, code="CLOCK_OUT_OF_RANGE").startswith(
        f"{field}: the sandbox clock must stay between 1970-01-01 00:00:00 and 9000-01-01"
    )


def test_advancing_the_clock_a_century_at_a_time_stops_before_year_9000(mockads_sandbox):
    """Each step is in range on its own; the one that would pass 9000 is refused, and the
    sandbox still answers everywhere (it used to keep a clock no time field could show)."""
    sandbox, clock = mockads_sandbox, f"{CONTROL}/sandboxes/{mockads_sandbox.sandbox_id}/clock"
    century = {"advance_seconds": 3_153_600_000}
    steps = 0
    while (response := sandbox.client.post(clock, json=century)).status_code == 200:
        steps += 1
        assert steps < 80
    assert control_refusal(response, code="CLOCK_OUT_OF_RANGE")
    assert sandbox.client.get(clock).get_json()["now"] >= "8900"
    assert sandbox.control("GET")["clock"]["now"] >= "8900"
    made = sandbox.post("campaign/create/", {"advertiser_id": sandbox.advertiser_id, **CAMPAIGN})
    assert accepted(made)["create_time"] >= "8900"
    assert accepted(sandbox.get("campaign/get/", advertiser_id=sandbox.advertiser_id))["list"]
