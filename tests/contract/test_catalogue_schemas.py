"""The OpenAPI document's catalogue schemas are those the field catalogue generates, and the
request schemas the app loads with agree with both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from marshmallow import validate

from mockads import catalogue_openapi
from mockads.contract import load_spec, load_spec_text
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
)
from mockads.domain.catalogue.smart_plus import SMART_PLUS_CREATIVE_INFO
from mockads.schemas.ads import AD_FIELDS, CreativeSchema, CreativeUpdateSchema
from mockads.schemas.campaigns import (
    ADGROUP_FIELDS,
    CAMPAIGN_FIELDS,
    AdgroupCreateRequest,
    AdgroupUpdateRequest,
    CampaignCreateRequest,
    CampaignUpdateRequest,
)
from mockads.schemas.smart_plus import (
    SMART_PLUS_ADGROUP_FIELDS,
    SMART_PLUS_CAMPAIGN_FIELDS,
    SmartPlusAdCreateRequest,
    SmartPlusAdgroupCreateRequest,
    SmartPlusAdgroupUpdateRequest,
    SmartPlusAdUpdateRequest,
    SmartPlusCampaignCreateRequest,
    SmartPlusCampaignUpdateRequest,
)

MIRROR = "/open_api/v1.3"


def _body_schema(path):
    operation = load_spec()["paths"][f"{MIRROR}/{path}"]["post"]
    return operation["requestBody"]["content"]["application/json"]["schema"]


def test_the_document_holds_the_schemas_the_catalogue_generates():
    text = load_spec_text()
    assert catalogue_openapi.with_components(text) == text, (
        "run `python -m mockads.catalogue_openapi` to regenerate the document's catalogue schemas"
    )
    schemas = load_spec()["components"]["schemas"]
    for name, schema in catalogue_openapi.components().items():
        assert schemas[name] == schema, name


def test_the_document_lists_every_catalogue_field_with_its_type():
    schemas = load_spec()["components"]["schemas"]
    for component, specs in [
        ("CampaignCreateBody", CAMPAIGN_CREATE),
        ("CampaignUpdateBody", CAMPAIGN_UPDATE),
        ("Campaign", CAMPAIGN_GET),
        ("AdgroupCreateBody", ADGROUP_CREATE),
        ("AdgroupUpdateBody", ADGROUP_UPDATE),
        ("AdGroup", ADGROUP_GET),
        ("AdCreateBody", AD_CREATE),
        ("AdUpdateBody", AD_UPDATE),
        ("AdCreativeCreate", AD_CREATIVE_CREATE),
        ("AdCreativeUpdate", AD_CREATIVE_UPDATE),
        ("Ad", AD_GET),
        ("SmartPlusCampaignCreateBody", SMART_PLUS_CAMPAIGN_CREATE),
        ("SmartPlusCampaignUpdateBody", SMART_PLUS_CAMPAIGN_UPDATE),
        ("SmartPlusCampaign", SMART_PLUS_CAMPAIGN_GET),
        ("SmartPlusAdgroupCreateBody", SMART_PLUS_ADGROUP_CREATE),
        ("SmartPlusAdgroupUpdateBody", SMART_PLUS_ADGROUP_UPDATE),
        ("SmartPlusAdGroup", SMART_PLUS_ADGROUP_GET),
        ("SmartPlusAdCreateBody", SMART_PLUS_AD_CREATE),
        ("SmartPlusAdUpdateBody", SMART_PLUS_AD_UPDATE),
        ("SmartPlusAd", SMART_PLUS_AD_GET),
    ]:
        properties = schemas[component]["properties"]
        assert list(properties) == [spec.name for spec in specs], component
        for spec in specs:
            schema = properties[spec.name]
            assert "type" in schema or "$ref" in schema or "anyOf" in schema, spec.name
            if spec.enum:
                listed = schema.get("enum") or schema.get("items", {}).get("enum")
                assert [v for v in listed if v is not None] == list(spec.enum), spec.name


def test_campaign_create_and_update_use_the_generated_body_schemas():
    assert _body_schema("campaign/create/") == {"$ref": "#/components/schemas/CampaignCreateBody"}
    assert _body_schema("campaign/update/") == {"$ref": "#/components/schemas/CampaignUpdateBody"}


def test_adgroup_create_and_update_use_the_generated_body_schemas():
    assert _body_schema("adgroup/create/") == {"$ref": "#/components/schemas/AdgroupCreateBody"}
    assert _body_schema("adgroup/update/") == {"$ref": "#/components/schemas/AdgroupUpdateBody"}


def test_ad_create_uses_the_generated_body_schema_and_update_takes_it():
    assert _body_schema("ad/create/") == {"$ref": "#/components/schemas/AdCreateBody"}
    assert {"$ref": "#/components/schemas/AdUpdateBody"} in _body_schema("ad/update/")["anyOf"]


@pytest.mark.parametrize("kind", ["campaign", "ad"])
def test_smart_plus_create_and_update_use_the_generated_body_schemas(kind):
    ref = "#/components/schemas/SmartPlus" + kind.title()
    assert _body_schema(f"smart_plus/{kind}/create/") == {"$ref": f"{ref}CreateBody"}
    assert _body_schema(f"smart_plus/{kind}/update/") == {"$ref": f"{ref}UpdateBody"}


def test_smart_plus_adgroup_create_and_update_use_the_generated_body_schemas():
    ref = "#/components/schemas/SmartPlusAdgroup"
    assert _body_schema("smart_plus/adgroup/create/") == {"$ref": f"{ref}CreateBody"}
    assert _body_schema("smart_plus/adgroup/update/") == {"$ref": f"{ref}UpdateBody"}


def test_smart_plus_reads_use_the_generated_schemas():
    paths = load_spec()["paths"]
    for kind, read in [
        ("campaign", "SmartPlusCampaign"),
        ("adgroup", "SmartPlusAdGroup"),
        ("ad", "SmartPlusAd"),
    ]:
        text = str(paths[f"{MIRROR}/smart_plus/{kind}/get/"])
        assert f"'#/components/schemas/{read}'" in text, kind
    for kind, field in [
        ("campaign", "SmartPlusCampaignField"),
        ("adgroup", "SmartPlusAdGroupField"),
    ]:
        assert f"schemas/{field}'" in str(paths[f"{MIRROR}/smart_plus/{kind}/get/"]), kind


def test_the_smart_plus_request_schemas_take_every_catalogue_field():
    for create, update, create_specs, update_specs in [
        (
            SmartPlusCampaignCreateRequest,
            SmartPlusCampaignUpdateRequest,
            SMART_PLUS_CAMPAIGN_CREATE,
            SMART_PLUS_CAMPAIGN_UPDATE,
        ),
        (
            SmartPlusAdgroupCreateRequest,
            SmartPlusAdgroupUpdateRequest,
            SMART_PLUS_ADGROUP_CREATE,
            SMART_PLUS_ADGROUP_UPDATE,
        ),
        (
            SmartPlusAdCreateRequest,
            SmartPlusAdUpdateRequest,
            SMART_PLUS_AD_CREATE,
            SMART_PLUS_AD_UPDATE,
        ),
    ]:
        assert set(create().fields) == {spec.name for spec in create_specs}
        refused = {s.name for s in create_specs} - {s.name for s in update_specs}
        assert set(update().fields) == {s.name for s in update_specs} | refused
    assert [spec.name for spec in SMART_PLUS_CAMPAIGN_GET] == SMART_PLUS_CAMPAIGN_FIELDS
    assert [spec.name for spec in SMART_PLUS_ADGROUP_GET] == SMART_PLUS_ADGROUP_FIELDS


def test_the_creative_schemas_take_every_catalogue_field():
    assert set(CreativeSchema().fields) == {spec.name for spec in AD_CREATIVE_CREATE}
    refused = {s.name for s in AD_CREATIVE_CREATE} - {s.name for s in AD_CREATIVE_UPDATE}
    assert set(CreativeUpdateSchema().fields) == {s.name for s in AD_CREATIVE_UPDATE} | refused
    assert [spec.name for spec in AD_GET] == list(AD_FIELDS)


def test_the_request_schemas_take_every_catalogue_field():
    assert set(CampaignCreateRequest().fields) == {spec.name for spec in CAMPAIGN_CREATE}
    refused = {spec.name for spec in CAMPAIGN_CREATE} - {spec.name for spec in CAMPAIGN_UPDATE}
    assert set(CampaignUpdateRequest().fields) == {s.name for s in CAMPAIGN_UPDATE} | refused
    assert [spec.name for spec in CAMPAIGN_GET] == CAMPAIGN_FIELDS
    assert set(AdgroupCreateRequest().fields) == {spec.name for spec in ADGROUP_CREATE}
    refused = {spec.name for spec in ADGROUP_CREATE} - {spec.name for spec in ADGROUP_UPDATE}
    assert set(AdgroupUpdateRequest().fields) == {s.name for s in ADGROUP_UPDATE} | refused
    assert [spec.name for spec in ADGROUP_GET] == ADGROUP_FIELDS


@pytest.mark.parametrize(
    ("schema", "specs"),
    [
        (CampaignCreateRequest, CAMPAIGN_CREATE),
        (AdgroupCreateRequest, ADGROUP_CREATE),
        (AdgroupUpdateRequest, ADGROUP_UPDATE),
        (CreativeSchema, AD_CREATIVE_CREATE),
        (SmartPlusCampaignCreateRequest, SMART_PLUS_CAMPAIGN_CREATE),
        (SmartPlusAdgroupCreateRequest, SMART_PLUS_ADGROUP_CREATE),
        (SmartPlusAdgroupUpdateRequest, SMART_PLUS_ADGROUP_UPDATE),
    ],
)
def test_hand_written_fields_take_the_values_the_catalogue_lists(schema, specs):
    fields = schema().fields
    for spec in specs:
        field = fields[spec.name]
        field = getattr(field, "inner", field)  # a list's items
        enum = getattr(field, "enum", None)
        taken = [member.value for member in enum] if enum is not None else None
        for check in field.validators:
            if isinstance(check, validate.OneOf):
                taken = [getattr(choice, "value", choice) for choice in check.choices]
        if taken is not None:
            assert tuple(taken) == spec.enum, spec.name


@pytest.mark.parametrize(
    ("start", "specs"),
    [
        ("| `campaign/create/` |", CAMPAIGN_CREATE),
        ("| `adgroup/create/` |", ADGROUP_CREATE),
        ("| `ad/create/` (each of `creatives`) |", AD_CREATIVE_CREATE),
        ("| `smart_plus/campaign/create/` |", SMART_PLUS_CAMPAIGN_CREATE),
        ("| `smart_plus/adgroup/create/` |", SMART_PLUS_ADGROUP_CREATE),
        ("| `smart_plus/ad/create/` |", SMART_PLUS_AD_CREATE),
        ("| `smart_plus/ad/create/` (each `creative_info`) |", SMART_PLUS_CREATIVE_INFO),
    ],
)
def test_the_readme_fields_table_sorts_every_create_field(start, specs):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith(start)]
    with_rules, _, as_given = row.removeprefix(start).strip(" |").partition(" | ")
    assert re.findall(r"`(\w+)`", with_rules) == [s.name for s in specs if not s.stored_as_given]
    assert re.findall(r"`(\w+)`", as_given) == [s.name for s in specs if s.stored_as_given]
