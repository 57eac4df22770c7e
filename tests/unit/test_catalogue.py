"""The field catalogue against the official SDK's models (`tests/data/sdk_models/`), and its
frozen value mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
    FieldValues,
)
from mockads.domain.catalogue.adgroup import OPTIMIZATION_GOALS, PROMOTION_TYPES
from mockads.domain.catalogue.fields import KINDS, by_name
from mockads.domain.catalogue.smart_plus import SMART_PLUS_CREATIVE_INFO, TARGETING_SPEC
from mockads.domain.enums import ObjectiveType

DATA = Path(__file__).resolve().parents[1] / "data" / "sdk_models"
MODELS = json.loads((DATA / "models.json").read_text(encoding="utf-8"))
ENUMS = json.loads((DATA / "enums.json").read_text(encoding="utf-8"))
#: SDK types and the catalogue kinds that carry them on the wire.
KINDS_OF_TYPE = {
    "string": {"string", "id", "time"},
    "number": {"number"},
    "integer": {"integer"},
    "boolean": {"boolean"},
    "array<string>": {"string_list", "id_list"},
    "array<integer>": {"integer_list"},
}
CALLS = [
    ("campaign/create/", CAMPAIGN_CREATE),
    ("campaign/update/", CAMPAIGN_UPDATE),
    ("adgroup/create/", ADGROUP_CREATE),
    ("adgroup/update/", ADGROUP_UPDATE),
    ("ad/create/", AD_CREATE),
    ("ad/update/", AD_UPDATE),
    ("_nested/AdcreateCreatives", AD_CREATIVE_CREATE),
    ("_nested/AdupdateCreatives", AD_CREATIVE_UPDATE),
    ("smart_plus/campaign/create/", SMART_PLUS_CAMPAIGN_CREATE),
    ("smart_plus/campaign/update/", SMART_PLUS_CAMPAIGN_UPDATE),
    ("smart_plus/adgroup/create/", SMART_PLUS_ADGROUP_CREATE),
    ("smart_plus/adgroup/update/", SMART_PLUS_ADGROUP_UPDATE),
    ("smart_plus/ad/create/", SMART_PLUS_AD_CREATE),
    ("smart_plus/ad/update/", SMART_PLUS_AD_UPDATE),
    ("_nested/SmartPlusAdgroupCreateBodyTargetingSpec", TARGETING_SPEC),
    ("_nested/SmartPlusAdCreateBodyCreativeInfo", SMART_PLUS_CREATIVE_INFO),
]
#: Fields mockads takes beyond the SDK model, per call, and why.
EXTENSIONS = {
    # Every Smart+ client of mockads (tests, scenarios, README) sent the ad group's locations at
    # the top level before targeting_spec was in the catalogue; both are taken (the same ids).
    "smart_plus/adgroup/create/": {"location_ids"},
    "smart_plus/adgroup/update/": {"location_ids"},
    # The only change smart_plus/ad/update/ took before the catalogue; kept beside the list.
    "smart_plus/ad/update/": {"landing_page_url"},
}
#: Fields of the SDK model mockads refuses, per call, and why.
REFUSED_BY_MOCKADS = {
    # mockads keeps a Smart+ ad's creatives (each an ad with its own review and Spark slot):
    # creative_list on update is refused with 40002, never taken and dropped.
    "smart_plus/ad/update/": {"creative_list"},
}
#: Where mockads deliberately requires what the SDK leaves optional, and why.
REQUIRED_BY_MOCKADS = {
    # Every ad mockads makes speaks as an identity and has a name (its rules need them).
    "_nested/AdcreateCreatives": {"ad_name", "identity_type", "identity_id"},
    # Each creative of an update names the ad it edits.
    "_nested/AdupdateCreatives": {"ad_id"},
    # Older SDKs (0.1.0) required the locations; mockads has always required them.
    "adgroup/create/": {"location_ids"},
    # A Smart+ ad is made of its creatives: mockads has always required at least one.
    "smart_plus/ad/create/": {"creative_list"},
}
#: Where the SDK requires what mockads gives a default, and why: mockads took these calls
#: without them before the 2026 SDK marked them required, and the defaults are the API's own.
DEFAULTED_BY_MOCKADS = {
    "adgroup/create/": {"budget", "budget_mode", "pacing", "schedule_type"},
    # mockads has no idempotency to key: request_id is taken and stored, never required.
    "smart_plus/campaign/create/": {"request_id"},
    # request_id as above; promotion_type (WEBSITE) and schedule_type (SCHEDULE_FROM_NOW) keep
    # the manual ad group's defaults, as Smart+ ad groups had them before the catalogue;
    # targeting_spec may give way to the top-level location_ids (one of the two is required).
    "smart_plus/adgroup/create/": {
        "request_id",
        "promotion_type",
        "schedule_type",
        "targeting_spec",
    },
    # A creative without ad_format is a SINGLE_VIDEO, as mockads's Smart+ clients send it.
    "_nested/SmartPlusAdCreateBodyCreativeInfo": {"ad_format"},
}
#: Where mockads reads a whole number for an SDK `number`: the update model (and the rule,
#: "1 <= frequency <= frequency_schedule * 3") count impressions and days.
WHOLE_NUMBERS = {"frequency", "frequency_schedule"}
#: Where mockads's default is not the SDK model's, and why.
DEFAULT_EXCEPTIONS = {
    # The SDK's PLACEMENT_TYPE_NORMAL would make `placements` required of every client that
    # sends neither; mockads keeps automatic placement, the API's documented default.
    "placement_type": "PLACEMENT_TYPE_AUTOMATIC",
}
#: Where mockads takes other values than the SDK documents, per call, and why.
ENUM_EXCEPTIONS_BY_CALL = {
    # ENGAGED_VIEW: mockads took it before the catalogue; no SDK text lists ad group goals.
    "adgroup/create/": {"optimization_goal": OPTIMIZATION_GOALS},
    # The SDK only mentions three Smart+ objectives; mockads takes every campaign objective
    # (its Smart+ clients create TRAFFIC campaigns), as it did before the catalogue.
    "smart_plus/campaign/create/": {"objective_type": tuple(o.value for o in ObjectiveType)},
    # Smart+ ad groups take the manual ad group's goals and promotion types (the SDK lists none).
    "smart_plus/adgroup/create/": {
        "optimization_goal": OPTIMIZATION_GOALS,
        "promotion_type": PROMOTION_TYPES,
    },
}
#: Where mockads takes other values than the SDK documents, and why.
ENUM_EXCEPTIONS = {
    # api-reference §5 names CAROUSEL_ADS, which no SDK text lists; mockads takes it too.
    "ad_format": ("SINGLE_IMAGE", "SINGLE_VIDEO", "LIVE_CONTENT", "CAROUSEL_ADS"),
    # Only a third-party list exists (authority "third-party"): mockads takes any text.
    "call_to_action": None,
}


def _model(call):
    if call.startswith("_nested/"):
        return MODELS["_nested"][call.removeprefix("_nested/")]
    return MODELS[call]


def _sdk(call):
    return _model(call)["fields"]


def _kinds_of(sdk_type):
    if sdk_type.startswith("array<object"):
        return {"object_list"}
    if sdk_type.startswith("object"):
        return {"object"}
    return KINDS_OF_TYPE[sdk_type]


@pytest.mark.parametrize(("call", "specs"), CALLS)
def test_catalogue_has_each_field_of_the_sdk_model_once(call, specs):
    names = [spec.name for spec in specs]
    assert len(names) == len(set(names))
    extra = set(names) - set(_sdk(call)) - EXTENSIONS.get(call, set())
    # mockads keeps budget_mode updatable, as older SDKs had it.
    assert extra <= set(_model(call).get("older_sdk_only_fields", {})), extra
    assert set(_sdk(call)) - REFUSED_BY_MOCKADS.get(call, set()) <= set(names)


def test_campaign_update_adds_only_budget_mode_to_the_sdk_model():
    assert {s.name for s in CAMPAIGN_UPDATE} - set(_sdk("campaign/update/")) == {"budget_mode"}


@pytest.mark.parametrize(("call", "specs"), CALLS)
def test_catalogue_requires_what_the_sdk_model_requires(call, specs):
    required = {name for name, field in _sdk(call).items() if field["required"]}
    required |= REQUIRED_BY_MOCKADS.get(call, set())
    required -= DEFAULTED_BY_MOCKADS.get(call, set())
    assert {spec.name for spec in specs if spec.required} == required


@pytest.mark.parametrize(("call", "specs"), CALLS)
def test_catalogue_kinds_match_the_sdk_types(call, specs):
    sdk = _sdk(call)
    for spec in specs:
        if spec.name in sdk:
            kinds = _kinds_of(sdk[spec.name]["type"])
            if spec.name in WHOLE_NUMBERS:
                kinds |= {"integer"}
            assert spec.kind in kinds, spec.name


@pytest.mark.parametrize(("call", "specs"), CALLS)
def test_catalogue_enums_are_those_the_sdk_documents(call, specs):
    sdk = by_name(specs)
    exceptions = {**ENUM_EXCEPTIONS, **ENUM_EXCEPTIONS_BY_CALL.get(call, {})}
    for name, field in _sdk(call).items():
        if name in REFUSED_BY_MOCKADS.get(call, set()):
            continue
        spec = sdk[name]
        if name in exceptions:
            assert spec.enum == exceptions[name], name
        elif field["enum"]:  # stated for this very field (authority sdk-doc)
            assert spec.enum == tuple(field["enum"]), name
        elif "enum_ref" in field:  # no list for this field: a subset of what the SDK mentions
            assert spec.enum, name
            assert set(spec.enum) <= set(ENUMS[field["enum_ref"]]["values"]), name


@pytest.mark.parametrize(("call", "specs"), CALLS)
def test_catalogue_defaults_are_the_sdk_model_defaults(call, specs):
    sdk = by_name(specs)
    for name, field in _sdk(call).items():
        if "default" in field:
            assert sdk[name].default == DEFAULT_EXCEPTIONS.get(name, field["default"]), name


def test_campaign_get_returns_every_field_the_sources_name_and_every_create_field():
    returned = {spec.name for spec in CAMPAIGN_GET}
    assert set(_sdk("campaign/get/")) <= returned
    assert {s.name for s in CAMPAIGN_CREATE if s.shown} <= returned
    assert {s.name for s in CAMPAIGN_CREATE if not s.shown} == {"request_id"}


def test_ad_get_returns_every_field_the_sources_name_and_every_creative_field():
    returned = [spec.name for spec in AD_GET]
    assert len(returned) == len(set(returned))
    assert set(_sdk("ad/get/")) <= set(returned)
    assert {s.name for s in (*AD_CREATIVE_CREATE, *AD_CREATIVE_UPDATE)} <= set(returned)


def test_adgroup_get_returns_every_field_the_sources_name_and_every_field_sent():
    returned = [spec.name for spec in ADGROUP_GET]
    assert len(returned) == len(set(returned))
    assert set(_sdk("adgroup/get/")) <= set(returned)
    sent = {s.name for s in (*ADGROUP_CREATE, *ADGROUP_UPDATE) if s.shown}
    assert sent <= set(returned)


@pytest.mark.parametrize(
    ("call", "specs"),
    [
        ("_nested/AdcreateCreatives", AD_CREATIVE_CREATE),
        ("adgroup/create/", ADGROUP_CREATE),
        ("adgroup/update/", ADGROUP_UPDATE),
        ("smart_plus/adgroup/create/", SMART_PLUS_ADGROUP_CREATE),
        ("smart_plus/ad/create/", SMART_PLUS_AD_CREATE),
        ("_nested/SmartPlusAdCreateBodyCreativeInfo", SMART_PLUS_CREATIVE_INFO),
    ],
)
def test_object_members_follow_the_sdk_nested_models(call, specs):
    for spec in specs:
        if spec.kind.startswith("object") and spec.members:
            model = _sdk(call)[spec.name]["type"].split(":")[1]
            assert [m.name for m in spec.members] == list(_sdk(f"_nested/{model.rstrip('>')}"))


SMART_PLUS = (
    *SMART_PLUS_CAMPAIGN_CREATE,
    *SMART_PLUS_CAMPAIGN_UPDATE,
    *SMART_PLUS_CAMPAIGN_GET,
    *SMART_PLUS_ADGROUP_CREATE,
    *SMART_PLUS_ADGROUP_UPDATE,
    *SMART_PLUS_ADGROUP_GET,
    *SMART_PLUS_AD_CREATE,
    *SMART_PLUS_AD_UPDATE,
    *SMART_PLUS_AD_GET,
)


def _with_members(specs):
    for spec in specs:
        yield spec
        yield from _with_members(spec.members)


def test_smart_plus_reads_return_every_field_sent_and_every_field_of_the_manual_read():
    for read, calls, manual in [
        (
            SMART_PLUS_CAMPAIGN_GET,
            (SMART_PLUS_CAMPAIGN_CREATE, SMART_PLUS_CAMPAIGN_UPDATE),
            CAMPAIGN_GET,
        ),
        (
            SMART_PLUS_ADGROUP_GET,
            (SMART_PLUS_ADGROUP_CREATE, SMART_PLUS_ADGROUP_UPDATE),
            ADGROUP_GET,
        ),
        (SMART_PLUS_AD_GET, (SMART_PLUS_AD_CREATE, SMART_PLUS_AD_UPDATE), ()),
    ]:
        returned = [spec.name for spec in read]
        assert len(returned) == len(set(returned))
        sent = {s.name for specs in calls for s in specs if s.shown}
        # landing_page_url (the mockads extension of update) shows in landing_page_url_list.
        assert sent - {"landing_page_url"} <= set(returned)
        assert {s.name for s in manual} <= set(returned)


def test_smart_plus_specs_of_a_shared_field_are_the_manual_ones():
    """A field Smart+ shares with a manual call keeps its shape there (facts live once)."""
    manual = by_name((*ADGROUP_UPDATE, *ADGROUP_CREATE))
    for spec in TARGETING_SPEC:
        if spec.name in manual:
            assert (spec.kind, spec.enum, spec.max_items) == (
                manual[spec.name].kind,
                manual[spec.name].enum,
                manual[spec.name].max_items,
            ), spec.name


def test_every_smart_plus_field_has_a_known_kind_a_description_and_limits():
    for spec in _with_members(SMART_PLUS):
        assert spec.kind in KINDS, spec.name
        assert spec.doc, spec.name
        assert spec.enum is None or len(spec.enum) > 0, spec.name
        if spec.kind in ("string", "string_list") and not spec.enum:
            assert spec.max_length is not None, spec.name
        if spec.is_list and not spec.derived and spec.name != "location":
            assert spec.max_items is not None, spec.name


def test_every_field_has_a_known_kind_and_a_description():
    for spec in (
        *CAMPAIGN_CREATE,
        *CAMPAIGN_UPDATE,
        *CAMPAIGN_GET,
        *ADGROUP_CREATE,
        *ADGROUP_UPDATE,
        *ADGROUP_GET,
        *AD_CREATIVE_CREATE,
        *AD_CREATIVE_UPDATE,
        *AD_GET,
    ):
        assert spec.kind in KINDS, spec.name
        assert spec.doc, spec.name


def test_every_enum_field_has_values_and_text_fields_a_length_limit():
    every = (*CAMPAIGN_CREATE, *CAMPAIGN_GET, *ADGROUP_CREATE, *ADGROUP_UPDATE)
    for spec in (*every, *AD_CREATIVE_CREATE, *AD_CREATIVE_UPDATE):
        assert spec.enum is None or len(spec.enum) > 0, spec.name
        if spec.kind in ("string", "string_list") and not spec.enum:
            assert spec.max_length is not None, spec.name
        if spec.is_list and not spec.derived:
            assert spec.max_items is not None, spec.name


def test_only_documented_fields_are_updatable():
    updatable = {spec.name for spec in CAMPAIGN_CREATE if spec.updatable}
    assert updatable == {spec.name for spec in CAMPAIGN_UPDATE} - {"campaign_id", "advertiser_id"}
    updatable = {spec.name for spec in AD_CREATIVE_CREATE if spec.updatable}
    # vast_moat_enabled is only in the update model (create had it in older SDKs).
    assert updatable == {spec.name for spec in AD_CREATIVE_UPDATE} - {"ad_id", "vast_moat_enabled"}
    updatable = {spec.name for spec in ADGROUP_CREATE if spec.updatable}
    update_only = {"auto_targeting_enabled", "exclude_age_under_eighteen", "targeting_expansion"}
    expected = {spec.name for spec in ADGROUP_UPDATE} - {"adgroup_id", "advertiser_id"}
    assert updatable == expected - update_only


def test_a_field_without_a_default_reads_as_null_and_one_with_a_default_does_not():
    assert FieldSpec("po_number", "string").may_be_null
    assert not FieldSpec("catalog_enabled", "boolean", default=False).may_be_null
    assert FieldSpec("special_industries", "string_list", default=()).read_default() == []


# -- FieldValues ------------------------------------------------------------------------------


def test_field_values_are_frozen_hashable_and_read_back_as_json():
    values = FieldValues.of(
        {"special_industries": ["HOUSING"], "po_number": "PO-1", "o": {"a": [1]}}
    )
    assert hash(values) == hash(FieldValues.of(values.as_dict()))
    assert values.get("special_industries") == ("HOUSING",)
    assert values.as_dict() == {
        "special_industries": ["HOUSING"],
        "po_number": "PO-1",
        "o": {"a": [1]},
    }
    assert "po_number" in values and "rta_id" not in values
    assert values.get("rta_id", "none") == "none"


def test_field_values_updated_keeps_the_others_and_leaves_the_original_alone():
    values = FieldValues.of({"po_number": "PO-1", "special_industries": ["CREDIT"]})
    changed = values.updated({"special_industries": []})
    assert changed.as_dict() == {"po_number": "PO-1", "special_industries": []}
    assert values.get("special_industries") == ("CREDIT",)
