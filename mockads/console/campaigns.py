"""Campaign → Create, as Ads Manager walks through it: the campaign (manual or Smart+, objective,
budget), its ad group (placement, targeting, budget, schedule, goal), then an ad (identity, then
the creative from TikTok posts or Your Library; a Smart+ ad takes several, from several
identities), text, call to action, a landing page built with UTM parameters; and the list of
campaigns with each ad's review status and `secondary_status`.

Each step builds the body the API would receive and loads it with the API's own request schema,
so the console and the API refuse the same things with the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import redirect, request, url_for

from mockads.console.auth import signed_in, workspace
from mockads.console.blueprint import console, page, store
from mockads.console.spark_posts import plain_words
from mockads.domain import errors
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.catalogue.adgroup import AGE_GROUPS, BILLING_EVENTS
from mockads.domain.clock import format_local_time
from mockads.domain.enums import IdentityType
from mockads.schemas.ads import AdCreateRequest
from mockads.schemas.campaigns import (
    AdgroupCreateRequest,
    CampaignCreateRequest,
)
from mockads.schemas.smart_plus import (
    SmartPlusAdCreateRequest,
    SmartPlusAdgroupCreateRequest,
    SmartPlusCampaignCreateRequest,
)
from mockads.services import adgroups, ads, campaigns, identities, library, smart_plus

__all__ = ["OBJECTIVES", "landing_page"]

#: Objectives as Ads Manager names them, with the goal and billing it suggests for each.
OBJECTIVES: dict[str, tuple[str, str, str]] = {
    "REACH": ("Reach", "REACH", "CPM"),
    "TRAFFIC": ("Traffic", "CLICK", "CPC"),
    "VIDEO_VIEWS": ("Video views", "ENGAGED_VIEW", "CPV"),
    "ENGAGEMENT": ("Community interaction", "FOLLOWERS", "OCPM"),
    "APP_PROMOTION": ("App promotion", "INSTALL", "OCPM"),
    "LEAD_GENERATION": ("Lead generation", "LEAD_GENERATION", "OCPM"),
    "WEB_CONVERSIONS": ("Website conversions", "CONVERT", "OCPM"),
    "PRODUCT_SALES": ("Product sales", "CONVERT", "OCPM"),
}
LOCATIONS = {
    "6252001": "United States",
    "2635167": "United Kingdom",
    "2921044": "Germany",
    "3017382": "France",
    "1861060": "Japan",
    "3469034": "Brazil",
}
CALLS_TO_ACTION = ("LEARN_MORE", "SHOP_NOW", "SIGN_UP", "DOWNLOAD", "CONTACT_US", "WATCH_NOW")
_BUDGET_MODES = {"none": "BUDGET_MODE_INFINITE", "day": "BUDGET_MODE_DAY"}
_UTM = ("utm_source", "utm_medium", "utm_campaign")


def _me() -> tuple[str, str]:
    return workspace().access_token, workspace().advertiser.advertiser_id


def _budget(form: Mapping[str, str], default_mode: str) -> dict[str, Any]:
    """`budget_mode` and `budget` as the API takes them (a typed number stays text: refused)."""
    mode = _BUDGET_MODES.get(form.get("budget_mode", default_mode), "BUDGET_MODE_INFINITE")
    body: dict[str, Any] = {"budget_mode": mode}
    if mode != "BUDGET_MODE_INFINITE":
        text = form.get("budget", "").strip()
        try:
            body["budget"] = float(text)
        except ValueError:
            body["budget"] = text
    return body


def landing_page(url: str, utm: Mapping[str, str]) -> str:
    """The UTM builder: the URL with `utm_*` parameters set (those already there are replaced)."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in utm]
    query += [(k, v) for k, v in utm.items() if v]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _landing(form: Mapping[str, str]) -> str | None:
    url = form.get("landing_page_url", "").strip()
    return landing_page(url, {name: form.get(name, "").strip() for name in _UTM}) if url else None


def _campaign(campaign_id: str) -> Campaign:
    """One of the advertiser's campaigns, manual or Smart+."""
    token, advertiser_id = _me()
    for kind in (False, True):
        found = campaigns.campaign_get(
            store(), token, advertiser_id, campaign_ids=[campaign_id], smart_plus=kind
        ).items
        if found:
            return found[0]
    raise errors.NotFound("campaign", campaign_id)


def _adgroup(adgroup_id: str) -> tuple[AdGroup, Campaign]:
    """One of the advertiser's ad groups, manual or Smart+, with its campaign."""
    token, advertiser_id = _me()
    for kind in (False, True):
        found = adgroups.adgroup_get(
            store(), token, advertiser_id, adgroup_ids=[adgroup_id], smart_plus=kind
        ).items
        if found:
            return found[0][0], found[0][1]
    raise errors.NotFound("adgroup", adgroup_id)


@console.get("/campaigns")
@signed_in
def campaign_list() -> str:
    """Campaigns, their ad groups and ads: review status, reasons, delivery."""
    token, advertiser_id = _me()
    found = [
        campaign
        for kind in (False, True)
        for campaign in campaigns.campaign_get(
            store(), token, advertiser_id, page_size=1000, smart_plus=kind
        ).items
    ]
    groups = [
        view[0]
        for kind in (False, True)
        for view in adgroups.adgroup_get(
            store(), token, advertiser_id, page_size=1000, smart_plus=kind
        ).items
    ]
    manual = ads.ad_get(store(), token, advertiser_id, page_size=1000).items
    smart = smart_plus.smart_plus_ad_get(store(), token, advertiser_id, page_size=1000).items
    return page(
        "campaigns.html",
        campaigns=found,
        adgroups={
            c.campaign_id: [g for g in groups if g.campaign_id == c.campaign_id] for c in found
        },
        ads={g.adgroup_id: [v for v in manual if v.ad.adgroup_id == g.adgroup_id] for g in groups},
        smart_ads={
            g.adgroup_id: [s for s in smart if s.first.adgroup_id == g.adgroup_id] for g in groups
        },
        objectives=OBJECTIVES,
    )


@console.route("/campaigns/new", methods=["GET", "POST"])
@signed_in
def new_campaign() -> Any:
    """Step 1: manual or Smart+, the objective, the name and the budget."""
    form = request.form
    if request.method == "GET":
        return page("new_campaign.html", form=form, objectives=OBJECTIVES, problem=None)
    token, advertiser_id = _me()
    smart = form.get("campaign_kind") == "smart_plus"
    schema = SmartPlusCampaignCreateRequest() if smart else CampaignCreateRequest()
    body = {
        "advertiser_id": advertiser_id,
        "campaign_name": form.get("campaign_name", ""),
        "objective_type": form.get("objective_type", "TRAFFIC"),
        **_budget(form, "none"),
    }
    try:
        params = schema.load_params(body)
        made = campaigns.campaign_create(store(), token, **params, smart_plus=smart)
    except errors.MockadsError as error:
        return _again("new_campaign.html", error, objectives=OBJECTIVES)
    return redirect(url_for("console.new_adgroup", campaign_id=made.campaign_id))


@console.route("/campaigns/<campaign_id>/adgroups/new", methods=["GET", "POST"])
@signed_in
def new_adgroup(campaign_id: str) -> Any:
    """Step 2: the ad group: placement, location, audience, budget, schedule, goal (a Smart+ ad
    group takes its audience as `targeting_spec`)."""
    campaign = _campaign(campaign_id)
    _, goal, billing = OBJECTIVES[campaign.objective_type.value]
    zone = workspace().advertiser.timezone
    context = {
        "campaign": campaign,
        "locations": LOCATIONS,
        "ages": AGE_GROUPS,
        "billing_events": BILLING_EVENTS,
        "goal": goal,
        "billing": billing,
        "start": format_local_time(workspace().now, zone),
        "zone": zone,
    }
    form = request.form
    if request.method == "GET":
        return page("new_adgroup.html", form=form, problem=None, **context)
    token, advertiser_id = _me()
    audience: dict[str, Any] = {"gender": form.get("gender", "GENDER_UNLIMITED")}
    if ages := form.getlist("age_groups"):
        audience["age_groups"] = ages
    body: dict[str, Any] = {
        "advertiser_id": advertiser_id,
        "campaign_id": campaign_id,
        "adgroup_name": form.get("adgroup_name", ""),
        "location_ids": form.getlist("location_ids"),
        "schedule_start_time": form.get("schedule_start_time", ""),
        "optimization_goal": goal,
        "billing_event": form.get("billing_event", billing),
        **_budget(form, "day"),
    }
    try:
        if campaign.is_smart_plus:
            params = SmartPlusAdgroupCreateRequest().load_params(
                {**body, "targeting_spec": audience}
            )
            made, *_ = smart_plus.smart_plus_adgroup_create(store(), token, **params)
        else:
            params = AdgroupCreateRequest().load_params({**body, **audience})
            made, *_ = adgroups.adgroup_create(store(), token, **params)
    except errors.MockadsError as error:
        return _again("new_adgroup.html", error, **context)
    return redirect(url_for("console.new_ad", adgroup_id=made.adgroup_id))


@console.route("/adgroups/<adgroup_id>/ads/new", methods=["GET", "POST"])
@signed_in
def new_ad(adgroup_id: str) -> Any:
    """Step 3: the ad. Choose the identity first; the creative drawer then offers its TikTok
    posts and Your Library (a library video with a TikTok account is pushed as a new post). A
    Smart+ ad offers every identity's posts and the library at once, to take several."""
    adgroup, campaign = _adgroup(adgroup_id)
    token, advertiser_id = _me()
    known = identities.identity_get(store(), token, advertiser_id, page_size=100).items
    videos = library.video_search(store(), token, advertiser_id, page_size=50).items
    context: dict[str, Any] = {
        "adgroup": adgroup,
        "campaign": campaign,
        "identities": known,
        "identity_key": _key,
        "videos": videos,
        "calls_to_action": CALLS_TO_ACTION,
    }
    if campaign.is_smart_plus:
        return _new_smart_plus_ad(adgroup, known, context)
    chosen = next((i for i in known if _key(i) == request.values.get("identity", "")), None)
    context["chosen"] = chosen
    context["posts"] = _posts_of(chosen) if chosen is not None else []
    if request.method == "GET" or chosen is None:
        return page("new_ad.html", form=request.form, problem=None, **context)
    try:
        creative = {**_creative(request.form, chosen), **_ad_fields(request.form)}
        body = {"advertiser_id": advertiser_id, "adgroup_id": adgroup_id, "creatives": [creative]}
        params = AdCreateRequest().load_params(body)
        ads.ad_create(store(), token, **params)
    except errors.MockadsError as error:
        return _again("new_ad.html", error, **context)
    return redirect(url_for("console.campaign_list", _anchor=f"adgroup-{adgroup_id}"))


def _new_smart_plus_ad(adgroup: AdGroup, known: list[Any], context: dict[str, Any]) -> Any:
    """A Smart+ ad: creatives checked from every identity's posts and the library."""
    drawer = [(identity, _posts_of(identity)) for identity in known]
    context["drawer"] = drawer
    if request.method == "GET":
        return page("new_smart_plus_ad.html", form=request.form, problem=None, **context)
    form = request.form
    by_key = {_key(identity): identity for identity in known}
    picked = [choice.rpartition("|") for choice in form.getlist("creative")]
    token, advertiser_id = _me()
    text, url, action = form.get("ad_text", "").strip(), _landing(form), form.get("call_to_action")
    body: dict[str, Any] = {
        "advertiser_id": advertiser_id,
        "adgroup_id": adgroup.adgroup_id,
        "ad_name": form.get("ad_name", ""),
        "ad_text_list": [{"ad_text": text}] if text else [],
        "landing_page_url_list": [{"landing_page_url": url}] if url else [],
        "call_to_action_list": [{"call_to_action": action}] if action else [],
    }
    try:
        body["creative_list"] = [
            {"creative_info": _smart_plus_info(_creative({"creative": value}, by_key[key]))}
            for key, _, value in picked
            if key in by_key
        ]
        params = SmartPlusAdCreateRequest().load_params(body)
        smart_plus.smart_plus_ad_create(store(), token, **params)
    except errors.MockadsError as error:
        return _again("new_smart_plus_ad.html", error, **context)
    return redirect(url_for("console.campaign_list", _anchor=f"adgroup-{adgroup.adgroup_id}"))


def _posts_of(identity: Any) -> list[Any]:
    """An identity's posts for the drawer (a custom identity has none)."""
    if identity.identity_type is IdentityType.CUSTOMIZED_USER:
        return []
    token, advertiser_id = _me()
    posts, _, _ = identities.identity_video_get(
        store(),
        token,
        advertiser_id,
        identity_type=identity.identity_type,
        identity_id=identity.identity_id,
        identity_authorized_bc_id=identity.identity_authorized_bc_id,
        count=50,
    )
    return posts


def _key(identity: Any) -> str:
    return f"{identity.identity_type.value}:{identity.identity_id}"


def _creative(form: Mapping[str, str], identity: Any) -> dict[str, Any]:
    """The identity and the post or video chosen, as a creative of `ad/create/`."""
    kind, _, value = form.get("creative", "").partition(":")
    if kind not in ("post", "video") or not value:
        raise errors.InvalidParameter(
            "creative", "choose a TikTok post or a video of Your Library."
        )
    creative: dict[str, Any] = {
        "identity_type": identity.identity_type.value,
        "identity_id": identity.identity_id,
        "tiktok_item_id" if kind == "post" else "video_id": value,
    }
    if identity.identity_authorized_bc_id:
        creative["identity_authorized_bc_id"] = identity.identity_authorized_bc_id
    return creative


def _smart_plus_info(creative: dict[str, Any]) -> dict[str, Any]:
    """A creative of `ad/create/` as a Smart+ `creative_info`."""
    info = {k: v for k, v in creative.items() if k != "video_id"}
    if "video_id" in creative:
        info["video_info"] = {"video_id": creative["video_id"]}
    return info


def _ad_fields(form: Mapping[str, str]) -> dict[str, Any]:
    """The rest of a manual ad's creative: name, text, call to action, landing page, ads only."""
    fields: dict[str, Any] = {
        "ad_name": form.get("ad_name", ""),
        "dark_post_status": "ON" if form.get("dark_post_status") == "ON" else "OFF",
    }
    if text := form.get("ad_text", "").strip():
        fields["ad_text"] = text
    if action := form.get("call_to_action"):
        fields["call_to_action"] = action
    if url := _landing(form):
        fields["landing_page_url"] = url
    return fields


def _again(template: str, error: errors.MockadsError, **context: Any) -> tuple[str, int]:
    """The step's form again, as it was filled, with what was wrong in plain words."""
    return page(template, form=request.form, problem=_in_words(error), **context), 422


def _in_words(error: errors.MockadsError) -> str:
    """A refusal for a person: the field by its name on the form (`creatives.0.ad_name` is
    "Ad name"), then why."""
    if isinstance(error, errors.InvalidParameter):
        named = [part for part in error.field.split(".") if not part.isdigit()] or ["request"]
        label = named[-1].replace("_", " ").capitalize()
        return f"{label}: {plain_words(error)}"
    return plain_words(error)
