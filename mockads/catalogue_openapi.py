"""The OpenAPI document's catalogue schemas, generated from the field catalogue.

The document (`openapi/mockads.yaml`) stays the hand-written contract, but its request and
response schemas of the catalogue's calls sit between two marker lines and are written by
`python -m mockads.catalogue_openapi` (`--check` only compares); a test fails when they and the
catalogue disagree, so a field is added once, in the catalogue.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from mockads.domain.catalogue import (
    AD_CREATE,
    AD_CREATIVE_CREATE,
    AD_CREATIVE_UPDATE,
    AD_GET,
    AD_UPDATE,
    ADGROUP_CREATE,
    ADGROUP_GET,
    ADGROUP_UPDATE,
    CAMPAIGN_CREATE,
    CAMPAIGN_GET,
    CAMPAIGN_UPDATE,
    SMART_PLUS_AD_CREATE,
    SMART_PLUS_AD_GET,
    SMART_PLUS_AD_UPDATE,
    SMART_PLUS_ADGROUP_CREATE,
    SMART_PLUS_ADGROUP_GET,
    SMART_PLUS_ADGROUP_UPDATE,
    SMART_PLUS_CAMPAIGN_CREATE,
    SMART_PLUS_CAMPAIGN_GET,
    SMART_PLUS_CAMPAIGN_UPDATE,
    FieldSpec,
)

__all__ = ["BEGIN", "END", "components", "main", "render", "with_components"]

BEGIN = "    # >>> generated from the field catalogue by `python -m mockads.catalogue_openapi`"
END = "    # <<< end of the generated schemas"
_REF = "#/components/schemas/"
_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": _REF + name}


def _scalar(spec: FieldSpec, *, body: bool) -> dict[str, Any]:
    """The schema of one value (a list's item for list kinds)."""
    kind = spec.kind.removesuffix("_list")
    if kind == "id":
        return _ref("BodyId" if body else "Id")
    if kind == "time":
        return _ref("TimeInput" if body else "Time")
    if kind == "object":
        return _members(spec, body=body) if spec.members else {"type": "object"}
    schema: dict[str, Any] = {"type": _TYPES[kind]}
    if spec.enum:
        schema["enum"] = list(spec.enum)
    if body and kind == "string":
        if spec.pattern is not None:
            schema["pattern"] = spec.pattern
        if spec.min_length:
            schema["minLength"] = spec.min_length
        if spec.max_length is not None:
            schema["maxLength"] = spec.max_length
    if body and kind in ("integer", "number"):
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
    return schema


def field_schema(spec: FieldSpec, *, body: bool) -> dict[str, Any]:
    """A field's schema in a request body (`body`) or in a read."""
    if spec.is_list:
        schema: dict[str, Any] = {"type": "array", "items": _scalar(spec, body=body)}
        if body and spec.min_items:
            schema["minItems"] = spec.min_items
        if body and spec.max_items is not None:
            schema["maxItems"] = spec.max_items
    else:
        schema = _scalar(spec, body=body)
    if not body and spec.may_be_null:
        if "$ref" in schema:
            schema = {"anyOf": [schema, {"type": "null"}]}
        else:
            schema["type"] = [schema["type"], "null"]
            if "enum" in schema:
                schema["enum"] = [*schema["enum"], None]
    return {**schema, "description": spec.doc} if spec.doc and "$ref" not in schema else schema


def _members(spec: FieldSpec, *, body: bool) -> dict[str, Any]:
    """An object field's schema, member by member (a read shows the members that were sent)."""
    required = [m.name for m in spec.members if m.required] if body else []
    return {
        "type": "object",
        **({"required": required} if required else {}),
        "properties": {m.name: field_schema(m, body=body) for m in spec.members},
    }


def _object(specs: Iterable[FieldSpec], description: str, *, body: bool) -> dict[str, Any]:
    specs = list(specs)
    required = [spec.name for spec in specs if spec.required] if body else []
    return {
        "type": "object",
        "description": description,
        **({"required": required} if required else {}),
        "properties": {spec.name: field_schema(spec, body=body) for spec in specs},
    }


def _with_creatives(body: dict[str, Any], item: str) -> dict[str, Any]:
    """A body whose `creatives` items are the `item` component (not spelled out inline)."""
    creatives = body["properties"]["creatives"]
    body["properties"]["creatives"] = {
        "type": "array",
        "minItems": 1,
        "maxItems": creatives["maxItems"],
        "items": _ref(item),
        "description": creatives["description"],
    }
    return body


def _ad_components() -> dict[str, Any]:
    return {
        "AdCreateBody": _with_creatives(
            _object(AD_CREATE, "Body of `ad/create/`: one ad per creative.", body=True),
            "AdCreativeCreate",
        ),
        "AdCreativeCreate": _object(
            AD_CREATIVE_CREATE, "A creative of `ad/create/`: every catalogue field.", body=True
        ),
        "AdUpdateBody": _with_creatives(
            _object(AD_UPDATE, "Body of `ad/update/` as the SDK sends it.", body=True),
            "AdCreativeUpdate",
        ),
        "AdCreativeUpdate": _object(
            AD_CREATIVE_UPDATE,
            "A creative of `ad/update/`; the other fields of create are refused (40002).",
            body=True,
        ),
        "Ad": _object(
            AD_GET, "An ad; `ad/get/` returns the fields asked for in `fields`.", body=False
        ),
        "AdField": {"type": "string", "enum": [spec.name for spec in AD_GET]},
    }


def components() -> dict[str, Any]:
    """The generated component schemas, by name."""
    return {
        "CampaignCreateBody": _object(
            CAMPAIGN_CREATE, "Body of `campaign/create/`: every catalogue field.", body=True
        ),
        "CampaignUpdateBody": _object(
            CAMPAIGN_UPDATE,
            "Body of `campaign/update/`; the other fields of create are refused (40002).",
            body=True,
        ),
        "Campaign": _object(
            CAMPAIGN_GET,
            "A campaign; `campaign/get/` returns the fields asked for in `fields`.",
            body=False,
        ),
        "CampaignField": _names(CAMPAIGN_GET),
        "AdgroupCreateBody": _object(
            ADGROUP_CREATE, "Body of `adgroup/create/`: every catalogue field.", body=True
        ),
        "AdgroupUpdateBody": _object(
            ADGROUP_UPDATE,
            "Body of `adgroup/update/`; the other fields of create are refused (40002).",
            body=True,
        ),
        "AdGroup": _object(
            ADGROUP_GET,
            "An ad group (schedule times in the advertiser's time zone); `adgroup/get/` returns "
            "the fields asked for in `fields`.",
            body=False,
        ),
        "AdGroupField": _names(ADGROUP_GET),
        **_ad_components(),
        **_smart_plus_components(),
    }


def _smart_plus_components() -> dict[str, Any]:
    """The Smart+ calls' bodies and reads (Smart+ has no documented read: every field sent)."""
    return {
        "SmartPlusCampaignCreateBody": _object(
            SMART_PLUS_CAMPAIGN_CREATE,
            "Body of `smart_plus/campaign/create/`: every catalogue field.",
            body=True,
        ),
        "SmartPlusCampaignUpdateBody": _object(
            SMART_PLUS_CAMPAIGN_UPDATE,
            "Body of `smart_plus/campaign/update/`; the other fields of create are refused "
            "(40002).",
            body=True,
        ),
        "SmartPlusCampaign": _object(
            SMART_PLUS_CAMPAIGN_GET,
            "A Smart+ campaign; `smart_plus/campaign/get/` returns the fields asked for in "
            "`fields`.",
            body=False,
        ),
        "SmartPlusCampaignField": _names(SMART_PLUS_CAMPAIGN_GET),
        "SmartPlusAdgroupCreateBody": _object(
            SMART_PLUS_ADGROUP_CREATE,
            "Body of `smart_plus/adgroup/create/`: every catalogue field; the locations in "
            "`targeting_spec.location_ids` or `location_ids`.",
            body=True,
        ),
        "SmartPlusAdgroupUpdateBody": _object(
            SMART_PLUS_ADGROUP_UPDATE,
            "Body of `smart_plus/adgroup/update/`; the other fields of create are refused (40002).",
            body=True,
        ),
        "SmartPlusAdGroup": _object(
            SMART_PLUS_ADGROUP_GET,
            "A Smart+ ad group (schedule times in the advertiser's time zone); "
            "`smart_plus/adgroup/get/` returns the fields asked for in `fields`.",
            body=False,
        ),
        "SmartPlusAdGroupField": _names(SMART_PLUS_ADGROUP_GET),
        "SmartPlusAdCreateBody": _object(
            SMART_PLUS_AD_CREATE,
            "Body of `smart_plus/ad/create/`: every catalogue field.",
            body=True,
        ),
        "SmartPlusAdUpdateBody": _object(
            SMART_PLUS_AD_UPDATE,
            "Body of `smart_plus/ad/update/`; creative_list and the other fields of create are "
            "refused (40002).",
            body=True,
        ),
        "SmartPlusAd": _object(SMART_PLUS_AD_GET, "A Smart+ ad with its creatives.", body=False),
    }


def _names(specs: Iterable[FieldSpec]) -> dict[str, Any]:
    """The values `fields=` of a get call takes."""
    return {"type": "string", "enum": [spec.name for spec in specs]}


def render() -> str:
    """The generated block, marker lines included, as it stands in the document."""
    text = yaml.safe_dump(components(), sort_keys=False, width=100, default_flow_style=None)
    body = "".join(f"    {line}\n" if line else "\n" for line in text.splitlines())
    return f"{BEGIN}\n{body}{END}\n"


def with_components(document: str) -> str:
    """The document with its generated block replaced by a fresh one."""
    start = document.index(BEGIN)
    end = document.index(END, start) + len(END) + 1
    return document[:start] + render() + document[end:]


def main(argv: list[str] | None = None) -> int:
    """Rewrite the document's generated block; with `--check`, only say whether it is current."""
    from mockads.contract import SPEC_PATH

    args = sys.argv[1:] if argv is None else argv
    path = Path(SPEC_PATH)
    current = path.read_text(encoding="utf-8")
    fresh = with_components(current)
    if "--check" in args:
        if fresh != current:
            print(f"{path}: the catalogue schemas are out of date; run python -m {__name__}")
            return 1
        return 0
    path.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
