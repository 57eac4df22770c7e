"""How the security matrix calls every mirror operation, and what a sandbox holds for it to name.

Each operation of the contract under `/open_api/v1.3/` has a *recipe*: the parameters of one
valid call, with `{placeholders}` for the objects of a sandbox (its advertiser, campaign, ad
group, ad, Smart+ objects, identities, posts, codes, library video). Filled from the caller's own
sandbox it is a call that succeeds; filled (wholly or one placeholder at a time) from another
sandbox it asks for that sandbox's objects. An operation added to the contract without a recipe
fails the matrix until one is written here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask.testing import FlaskClient

from mockads import contract
from mockads.testing import CONTROL, Sandbox
from tests.api.helpers import ready_code
from tests.api.lifecycle_helpers import world_of

__all__ = [
    "ADVERTISER",
    "APP_CREDENTIALS",
    "APP_CREDENTIAL_OPERATIONS",
    "MIRROR_PREFIX",
    "MULTIPART_ONLY",
    "RECIPES",
    "Recipe",
    "documented_parameters",
    "fill",
    "mirror_operations",
    "placeholders",
    "prepare",
    "send",
    "sensitive_strings",
    "state_of",
    "unchanged",
]

MIRROR_PREFIX = "/open_api/v1.3/"
ADVERTISER = "advertiser_id"
_PLACEHOLDER = re.compile(r"^\{([a-z_]+)\}$")
_AD_TEXT = "Matrix collection. Shop now!"


@dataclass(frozen=True)
class Recipe:
    """One valid call of an operation; `probes` are more parameter sets, used only to name
    another sandbox's objects (e.g. binding its library video by id)."""

    params: dict[str, Any]
    probes: tuple[dict[str, Any], ...] = ()


def _adv(**params: Any) -> dict[str, Any]:
    return {"advertiser_id": "{advertiser_id}", **params}


_ADGROUP = {
    "adgroup_name": "Matrix ad group",
    "location_ids": ["6252001"],
    "schedule_start_time": "2026-01-01 00:00:00",
    "optimization_goal": "CLICK",
    "billing_event": "CPC",
}
_LIBRARY_CREATIVE = {
    "identity_type": "CUSTOMIZED_USER",
    "identity_id": "{custom_identity_id}",
    "video_id": "{video_id}",
}

#: "METHOD path" as the contract names it -> how the matrix calls it.
RECIPES: dict[str, Recipe] = {
    "GET /open_api/v1.3/oauth2/advertiser/get/": Recipe(
        {"app_id": "{app_id}", "secret": "{app_secret}"}
    ),
    "POST /open_api/v1.3/oauth2/access_token/": Recipe(
        {"app_id": "{app_id}", "secret": "{app_secret}", "auth_code": "{oauth_code}"}
    ),
    "POST /open_api/v1.3/oauth2/revoke_token/": Recipe(
        {"app_id": "{app_id}", "secret": "{app_secret}", "access_token": "{app_access_token}"}
    ),
    "GET /open_api/v1.3/advertiser/info/": Recipe({"advertiser_ids": ["{advertiser_id}"]}),
    "GET /open_api/v1.3/bc/get/": Recipe({"bc_id": "{bc_id}"}),
    "GET /open_api/v1.3/identity/get/": Recipe(_adv()),
    "POST /open_api/v1.3/identity/create/": Recipe(_adv(display_name="Matrix brand")),
    "GET /open_api/v1.3/identity/video/get/": Recipe(
        _adv(identity_type="TT_USER", identity_id="{tt_user_id}"),
        probes=(
            _adv(
                identity_type="BC_AUTH_TT",
                identity_id="{bc_identity_id}",
                identity_authorized_bc_id="{bc_id}",
            ),
        ),
    ),
    "GET /open_api/v1.3/identity/video/info/": Recipe(
        _adv(identity_type="TT_USER", identity_id="{tt_user_id}", item_id="{brand_item_id}")
    ),
    "GET /open_api/v1.3/tt_video/info/": Recipe(_adv(auth_code="{auth_code}")),
    "POST /open_api/v1.3/tt_video/authorize/": Recipe(_adv(auth_code="{auth_code}")),
    "GET /open_api/v1.3/tt_video/list/": Recipe(_adv()),
    "POST /open_api/v1.3/tt_video/unbind/": Recipe(_adv(item_id="{linked_item_id}")),
    "POST /open_api/v1.3/campaign/create/": Recipe(
        _adv(campaign_name="Matrix campaign", objective_type="TRAFFIC")
    ),
    "GET /open_api/v1.3/campaign/get/": Recipe(_adv(filtering={"campaign_ids": ["{campaign_id}"]})),
    "POST /open_api/v1.3/campaign/update/": Recipe(
        _adv(campaign_id="{campaign_id}", campaign_name="Matrix renamed")
    ),
    "POST /open_api/v1.3/campaign/status/update/": Recipe(
        _adv(campaign_ids=["{campaign_id}"], operation_status="DISABLE")
    ),
    "POST /open_api/v1.3/adgroup/create/": Recipe(_adv(campaign_id="{campaign_id}", **_ADGROUP)),
    "GET /open_api/v1.3/adgroup/get/": Recipe(_adv(filtering={"adgroup_ids": ["{adgroup_id}"]})),
    "POST /open_api/v1.3/adgroup/update/": Recipe(
        _adv(adgroup_id="{adgroup_id}", adgroup_name="Matrix renamed")
    ),
    "POST /open_api/v1.3/adgroup/status/update/": Recipe(
        _adv(adgroup_ids=["{adgroup_id}"], operation_status="DISABLE")
    ),
    "POST /open_api/v1.3/ad/create/": Recipe(
        _adv(
            adgroup_id="{adgroup_id}",
            creatives=[{"ad_name": "Matrix ad", "ad_text": _AD_TEXT, **_LIBRARY_CREATIVE}],
        ),
        probes=(
            _adv(
                adgroup_id="{adgroup_id}",
                creatives=[
                    {
                        "ad_name": "Matrix Spark ad",
                        "identity_type": "TT_USER",
                        "identity_id": "{tt_user_id}",
                        "tiktok_item_id": "{brand_item_id}",
                    }
                ],
            ),
        ),
    ),
    "GET /open_api/v1.3/ad/get/": Recipe(_adv(filtering={"ad_ids": ["{ad_id}"]})),
    "POST /open_api/v1.3/ad/update/": Recipe(
        _adv(
            adgroup_id="{adgroup_id}",
            creatives=[{"ad_id": "{ad_id}", "ad_name": "Matrix renamed", "ad_text": _AD_TEXT}],
        ),
        probes=(_adv(ad_id="{ad_id}", ad_name="Matrix renamed"),),
    ),
    "POST /open_api/v1.3/ad/status/update/": Recipe(
        _adv(ad_ids=["{ad_id}"], operation_status="DISABLE")
    ),
    "POST /open_api/v1.3/smart_plus/campaign/create/": Recipe(
        _adv(campaign_name="Matrix Smart+", objective_type="TRAFFIC")
    ),
    "GET /open_api/v1.3/smart_plus/campaign/get/": Recipe(
        _adv(filtering={"campaign_ids": ["{smart_plus_campaign_id}"]})
    ),
    "POST /open_api/v1.3/smart_plus/campaign/update/": Recipe(
        _adv(campaign_id="{smart_plus_campaign_id}", campaign_name="Matrix renamed")
    ),
    "POST /open_api/v1.3/smart_plus/campaign/status/update/": Recipe(
        _adv(campaign_ids=["{smart_plus_campaign_id}"], operation_status="DISABLE")
    ),
    "POST /open_api/v1.3/smart_plus/adgroup/create/": Recipe(
        _adv(campaign_id="{smart_plus_campaign_id}", **_ADGROUP)
    ),
    "GET /open_api/v1.3/smart_plus/adgroup/get/": Recipe(
        _adv(filtering={"adgroup_ids": ["{smart_plus_adgroup_id}"]})
    ),
    "POST /open_api/v1.3/smart_plus/adgroup/update/": Recipe(
        _adv(adgroup_id="{smart_plus_adgroup_id}", adgroup_name="Matrix renamed")
    ),
    "POST /open_api/v1.3/smart_plus/adgroup/status/update/": Recipe(
        _adv(adgroup_ids=["{smart_plus_adgroup_id}"], operation_status="DISABLE")
    ),
    "POST /open_api/v1.3/smart_plus/ad/create/": Recipe(
        _adv(
            adgroup_id="{smart_plus_adgroup_id}",
            ad_name="Matrix Smart+ ad",
            creative_list=[
                {
                    "creative_info": {
                        "identity_type": "CUSTOMIZED_USER",
                        "identity_id": "{custom_identity_id}",
                        "video_info": {"video_id": "{video_id}"},
                    }
                }
            ],
            ad_text_list=[{"ad_text": _AD_TEXT}],
        )
    ),
    "GET /open_api/v1.3/smart_plus/ad/get/": Recipe(
        _adv(filtering={"smart_plus_ad_ids": ["{smart_plus_ad_id}"]})
    ),
    "POST /open_api/v1.3/smart_plus/ad/update/": Recipe(
        _adv(smart_plus_ad_id="{smart_plus_ad_id}", ad_name="Matrix renamed")
    ),
    "POST /open_api/v1.3/smart_plus/ad/status/update/": Recipe(
        _adv(smart_plus_ad_ids=["{smart_plus_ad_id}"], operation_status="DISABLE")
    ),
    "GET /open_api/v1.3/smart_plus/ad/review_info/": Recipe(
        _adv(smart_plus_ad_ids=["{smart_plus_ad_id}"])
    ),
    "POST /open_api/v1.3/file/video/ad/upload/": Recipe(
        _adv(upload_type="UPLOAD_BY_URL", video_url="https://cdn.example.com/matrix.mp4"),
        probes=(_adv(upload_type="UPLOAD_BY_VIDEO_ID", video_id="{video_id}"),),
    ),
    "GET /open_api/v1.3/file/video/ad/info/": Recipe(_adv(video_ids=["{video_id}"])),
    "GET /open_api/v1.3/file/video/ad/search/": Recipe(
        _adv(filtering={"video_ids": ["{video_id}"]})
    ),
    # ETL start and stream calls (issue 15)
    "GET /open_api/v1.3/user/info/": Recipe({}),
    "POST /open_api/v1.3/file/image/ad/upload/": Recipe(
        _adv(upload_type="UPLOAD_BY_URL", image_url="https://cdn.example.com/matrix.png")
    ),
    "GET /open_api/v1.3/file/image/ad/info/": Recipe(_adv(image_ids=["{image_id}"])),
    "GET /open_api/v1.3/file/image/ad/search/": Recipe(
        _adv(filtering={"image_ids": ["{image_id}"]})
    ),
    "GET /open_api/v1.3/file/music/get/": Recipe(_adv(filtering={"music_ids": ["{music_id}"]})),
    "GET /open_api/v1.3/creative/portfolio/list/": Recipe(_adv()),
    "POST /open_api/v1.3/creative/portfolio/create/": Recipe(
        _adv(creative_portfolio_type="CTA", portfolio_content=[{"asset_content": "Shop now"}])
    ),
    "GET /open_api/v1.3/creative/portfolio/get/": Recipe(
        _adv(creative_portfolio_id="{portfolio_id}")
    ),
    "GET /open_api/v1.3/dmp/custom_audience/list/": Recipe(
        _adv(custom_audience_ids=["{audience_id}"])
    ),
    "GET /open_api/v1.3/report/integrated/get/": Recipe(
        _adv(
            report_type="BASIC",
            data_level="AUCTION_AD",
            dimensions=["ad_id"],
            metrics=["spend", "ad_name", "campaign_name"],
            query_lifetime=True,
            filtering={"ad_ids": ["{ad_id}"]},
        )
    ),
}
#: Operations an app calls with its credentials and no Access-Token: the token tests skip them,
#: and the app's credentials (`{app_id}`, `{app_secret}`) stand where a token would.
APP_CREDENTIAL_OPERATIONS = frozenset(
    {"POST /open_api/v1.3/oauth2/access_token/", "POST /open_api/v1.3/oauth2/revoke_token/"}
)
#: Placeholders that are an app's credentials: naming another sandbox's is 40101.
APP_CREDENTIALS = frozenset({"app_id", "app_secret"})
#: Writes whose recipe cannot succeed as JSON: an image is uploaded only as a multipart file
#: (`tests/api/test_images.py` proves its isolation with one).
MULTIPART_ONLY = frozenset({"POST /open_api/v1.3/file/image/ad/upload/"})


@cache
def _spec() -> dict[str, Any]:
    """The contract, parsed once for the matrix (read only)."""
    return contract.load_spec()


def mirror_operations() -> list[str]:
    """Every mirror operation of the contract, as "METHOD path" (the app serves exactly these)."""
    spec = _spec()
    return sorted(
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        if path.startswith(MIRROR_PREFIX)
        for method in item
        if method in contract.HTTP_METHODS
    )


def documented_parameters(operation: str) -> list[tuple[set[str], set[str]]]:
    """What the contract documents for an operation, as (every parameter, the required ones)
    for each shape it takes: the query parameters of a GET; the top-level properties of a
    POST's JSON body, one pair per alternative of an `anyOf`/`oneOf`."""
    spec = _spec()
    method, path = operation.split(" ", 1)
    op = spec["paths"][path][method.lower()]
    if method == "GET":
        params = [_resolve(spec, p) for p in op.get("parameters", [])]
        return [({p["name"] for p in params}, {p["name"] for p in params if p.get("required")})]
    schema = _resolve(spec, op["requestBody"]["content"]["application/json"]["schema"])
    shapes = schema.get("anyOf") or schema.get("oneOf") or [schema]
    return [_properties(spec, _resolve(spec, shape)) for shape in shapes]


def _properties(spec: dict[str, Any], schema: dict[str, Any]) -> tuple[set[str], set[str]]:
    names: set[str] = set()
    required: set[str] = set()
    for part in [schema, *[_resolve(spec, s) for s in schema.get("allOf", [])]]:
        names |= set(part.get("properties", {}))
        required |= set(part.get("required", []))
    return names, required


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def placeholders(params: Any) -> set[str]:
    """The placeholder names a parameter set holds."""
    if isinstance(params, dict):
        return set().union(*(placeholders(v) for v in params.values()))
    if isinstance(params, list):
        return set().union(*(placeholders(v) for v in params))
    found = _PLACEHOLDER.match(params) if isinstance(params, str) else None
    return {found.group(1)} if found else set()


def fill(params: Any, values: dict[str, str], *, others: dict[str, str] | None = None) -> Any:
    """The parameters with each placeholder replaced: from `others` where it names one, else
    from `values`."""
    if isinstance(params, dict):
        return {k: fill(v, values, others=others) for k, v in params.items()}
    if isinstance(params, list):
        return [fill(v, values, others=others) for v in params]
    found = _PLACEHOLDER.match(params) if isinstance(params, str) else None
    if not found:
        return params
    name = found.group(1)
    return (others or {}).get(name, values[name])


def send(
    client: FlaskClient, operation: str, params: dict[str, Any], token: str | None
) -> dict[str, Any]:
    """One mirror call: GET parameters in the query (lists and objects JSON-encoded), POST as
    a JSON body; `token` as `Access-Token` (None: no header). The envelope."""
    method, path = operation.split(" ", 1)
    headers = {} if token is None else {"Access-Token": token}
    if method == "GET":
        query = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
        response = client.get(path, query_string=query, headers=headers)
    else:
        response = client.open(path, method=method, json=params, headers=headers)
    body = response.get_json()
    assert response.status_code == 200 and isinstance(body, dict), (operation, body)
    return body


# -- what a sandbox holds -----------------------------------------------------------------------


def prepare(sandbox: Sandbox) -> dict[str, str]:
    """Make what the recipes name but the default scenario lacks (a Smart+ campaign, ad group
    and ad; reviews decided at once), and return every placeholder's value in this sandbox."""
    status = sandbox.client.put(
        f"{CONTROL}/sandboxes/{sandbox.sandbox_id}/review-policy", json={"mode": "instant"}
    ).status_code
    assert status == 200
    values = _survey(sandbox)
    for operation, key, name in (
        ("POST /open_api/v1.3/smart_plus/campaign/create/", "campaign_id", "campaign"),
        ("POST /open_api/v1.3/smart_plus/adgroup/create/", "adgroup_id", "adgroup"),
        ("POST /open_api/v1.3/smart_plus/ad/create/", "smart_plus_ad_id", "ad"),
    ):
        params = fill(RECIPES[operation].params, values)
        params[f"{name}_name"] += " (prepared)"  # names are unique: the recipe makes another
        body = send(sandbox.client, operation, params, sandbox.access_token)
        assert body["code"] == 0, (operation, body)
        values[f"smart_plus_{name}_id"] = body["data"][key]
    return {**values, **_onboarding(sandbox)}


def _onboarding(sandbox: Sandbox) -> dict[str, str]:
    """The sandbox's app, a consent's code not yet exchanged, and a token the app holds."""
    app = sandbox.app()
    consent = {"redirect_uri": app["redirect_uris"][0], "advertiser_ids": [sandbox.advertiser_id]}
    code = sandbox.step("POST", f"/apps/{app['app_id']}/auth_codes", consent)["auth_code"]
    return {
        "app_id": app["app_id"],
        "app_secret": app["secret"],
        "oauth_code": code,
        "app_access_token": sandbox.connect_app()["access_token"],
    }


def _survey(sandbox: Sandbox) -> dict[str, str]:
    """The scenario's objects the recipes name, read through the mirror with the sandbox's token."""

    def data(path: str, **params: Any) -> Any:
        body = sandbox.get(path, advertiser_id=sandbox.advertiser_id, **params)
        assert body["code"] == 0, (path, body)
        return body["data"]

    ads = data("ad/get/", filtering={"primary_status": "STATUS_ALL"}, page_size=100)["list"]
    library_ad = next(a for a in ads if a["identity_type"] == "CUSTOMIZED_USER")
    identities = data("identity/get/", page_size=50)["identity_list"]
    tt_user = next(i for i in identities if i["identity_type"] == "TT_USER")
    bc = next(i for i in identities if i["identity_type"] == "BC_AUTH_TT")
    brand_posts = data(
        "identity/video/get/", identity_type="TT_USER", identity_id=tt_user["identity_id"]
    )["video_list"]
    promoted = {a["tiktok_item_id"] for a in ads}
    linked = [p["item_info"]["item_id"] for p in data("tt_video/list/", page_size=50)["list"]]
    assets = {
        "image_id": data("file/image/ad/search/")["list"][0]["image_id"],
        "music_id": data("file/music/get/")["musics"][0]["music_id"],
        "audience_id": data("dmp/custom_audience/list/")["list"][0]["audience_id"],
        "portfolio_id": data("creative/portfolio/list/")["creative_portfolios"][0][
            "creative_portfolio_id"
        ],
    }
    return {
        **assets,
        "advertiser_id": sandbox.advertiser_id,
        "campaign_id": library_ad["campaign_id"],
        "adgroup_id": library_ad["adgroup_id"],
        "ad_id": library_ad["ad_id"],
        "custom_identity_id": library_ad["identity_id"],
        "video_id": library_ad["video_id"],
        "tt_user_id": tt_user["identity_id"],
        "bc_identity_id": bc["identity_id"],
        "bc_id": bc["identity_authorized_bc_id"],
        "brand_item_id": next(p["item_id"] for p in brand_posts if p["item_id"] not in promoted),
        "linked_item_id": next(i for i in linked if i not in promoted),
        "auth_code": ready_code(sandbox),
    }


_ID_KEYS = re.compile(r"(^|_)(id|ids|auth_code|access_token)$")


def sensitive_strings(sandbox: Sandbox, values: dict[str, str]) -> set[str]:
    """Every id, code and token the sandbox's summary and its own reads show (nothing of it may
    reach another sandbox's caller)."""
    found = {sandbox.access_token, *values.values()}
    answers: list[Any] = [sandbox.summary]
    for operation in mirror_operations():
        if operation.startswith("GET ") and operation in RECIPES:
            answers.append(
                send(
                    sandbox.client,
                    operation,
                    fill(RECIPES[operation].params, values),
                    sandbox.access_token,
                )
            )
    for answer in answers:
        found |= set(_id_values(answer))
    return {s for s in found if len(s) >= 8}


def _id_values(node: Any, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _id_values(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _id_values(v, key)
    elif isinstance(node, str) and _ID_KEYS.search(key):
        yield node


def state_of(sandbox: Sandbox) -> tuple[Any, ...]:
    """What any request could change in a sandbox: its whole stored world and clock, its summary
    (clock reading aside) and review policy."""
    client, base = sandbox.client, f"{CONTROL}/sandboxes/{sandbox.sandbox_id}"
    summary = client.get(base).get_json()
    summary.pop("clock", None)
    policy = client.get(f"{base}/review-policy").get_json()
    return world_of(sandbox), summary, policy


@contextmanager
def unchanged(*sandboxes: Sandbox) -> Iterator[None]:
    """Assert that the block changes nothing in these sandboxes."""
    before = [state_of(s) for s in sandboxes]
    yield
    for sandbox, then in zip(sandboxes, before, strict=True):
        assert state_of(sandbox) == then, f"sandbox {sandbox.sandbox_id} changed"
