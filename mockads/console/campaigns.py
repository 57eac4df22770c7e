"""Campaign → Create, as Ads Manager walks through it: the campaign (objective, budget), its ad
group (placement, targeting, budget, schedule, goal), then an ad (identity, then the creative
from TikTok posts or Your Library, text, call to action, a landing page built with UTM
parameters); and the list of campaigns with each ad's review status and `secondary_status`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import redirect, request, url_for

from mockads.console.auth import signed_in, workspace
from mockads.console.blueprint import console, page, store
from mockads.console.spark_posts import plain_words
from mockads.domain import errors
from mockads.domain.catalogue.adgroup import AGE_GROUPS, BILLING_EVENTS
from mockads.domain.clock import format_local_time, parse_local_time
from mockads.domain.enums import BudgetMode, IdentityType, ObjectiveType
from mockads.services import adgroups, ads, campaigns, identities, library

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
_BUDGETS = {"none": BudgetMode.BUDGET_MODE_INFINITE, "day": BudgetMode.BUDGET_MODE_DAY}


def _me() -> tuple[str, str]:
    return workspace().access_token, workspace().advertiser.advertiser_id


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def landing_page(url: str, utm: Mapping[str, str]) -> str:
    """The UTM builder: the URL with `utm_*` parameters set (those already there are replaced)."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in utm]
    query += [(k, v) for k, v in utm.items() if v]
    return urlunsplit(parts._replace(query=urlencode(query)))


@console.get("/campaigns")
@signed_in
def campaign_list() -> str:
    """Campaigns, their ad groups and ads: review status, reasons, delivery."""
    token, advertiser_id = _me()
    listed = campaigns.campaign_get(store(), token, advertiser_id, page_size=1000).items
    groups = adgroups.adgroup_get(store(), token, advertiser_id, page_size=1000).items
    shown = ads.ad_get(store(), token, advertiser_id, page_size=1000).items
    return page(
        "campaigns.html",
        campaigns=listed,
        adgroups={
            c.campaign_id: [g for g, *_ in groups if g.campaign_id == c.campaign_id] for c in listed
        },
        ads={
            g.adgroup_id: [v for v in shown if v.ad.adgroup_id == g.adgroup_id] for g, *_ in groups
        },
        objectives=OBJECTIVES,
    )


@console.route("/campaigns/new", methods=["GET", "POST"])
@signed_in
def new_campaign() -> Any:
    """Step 1: the campaign's objective, name and budget."""
    form = request.form
    if request.method == "POST":
        token, advertiser_id = _me()
        mode = _BUDGETS.get(form.get("budget_mode", ""), BudgetMode.BUDGET_MODE_INFINITE)
        try:
            made = campaigns.campaign_create(
                store(),
                token,
                advertiser_id,
                campaign_name=form.get("campaign_name", ""),
                objective_type=ObjectiveType(form.get("objective_type", "TRAFFIC")),
                budget_mode=mode,
                budget=_number(form.get("budget")),
            )
        except (errors.MockadsError, ValueError) as error:
            return _again("new_campaign.html", error, objectives=OBJECTIVES)
        return redirect(url_for("console.new_adgroup", campaign_id=made.campaign_id))
    return page("new_campaign.html", form=form, objectives=OBJECTIVES, problem=None)


@console.route("/campaigns/<campaign_id>/adgroups/new", methods=["GET", "POST"])
@signed_in
def new_adgroup(campaign_id: str) -> Any:
    """Step 2: the ad group: placement, location, audience, budget, schedule, goal."""
    token, advertiser_id = _me()
    (campaign,) = campaigns.campaign_get(
        store(), token, advertiser_id, campaign_ids=[campaign_id], page_size=1
    ).items or [None]
    if campaign is None:
        raise errors.NotFound("campaign", campaign_id)
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
    settings: dict[str, Any] = {"gender": form.get("gender", "GENDER_UNLIMITED")}
    if ages := form.getlist("age_groups"):
        settings["age_groups"] = ages
    mode = _BUDGETS.get(form.get("budget_mode", ""), BudgetMode.BUDGET_MODE_INFINITE)
    try:
        parse_local_time(form.get("schedule_start_time", ""), zone)
        made, *_ = adgroups.adgroup_create(
            store(),
            token,
            advertiser_id,
            campaign_id=campaign_id,
            adgroup_name=form.get("adgroup_name", ""),
            location_ids=form.getlist("location_ids"),
            schedule_start_time=form.get("schedule_start_time", ""),
            optimization_goal=goal,
            billing_event=form.get("billing_event", billing),
            budget_mode=mode,
            budget=_number(form.get("budget")),
            settings=settings,
        )
    except (errors.MockadsError, ValueError) as error:
        return _again("new_adgroup.html", error, **context)
    return redirect(url_for("console.new_ad", adgroup_id=made.adgroup_id))


@console.route("/adgroups/<adgroup_id>/ads/new", methods=["GET", "POST"])
@signed_in
def new_ad(adgroup_id: str) -> Any:
    """Step 3: the ad. Choose the identity first; the creative drawer then offers its TikTok
    posts and Your Library (a library video with a TikTok account is pushed as a new post)."""
    token, advertiser_id = _me()
    (found,) = adgroups.adgroup_get(
        store(), token, advertiser_id, adgroup_ids=[adgroup_id], page_size=1
    ).items or [None]
    if found is None:
        raise errors.NotFound("adgroup", adgroup_id)
    known = identities.identity_get(store(), token, advertiser_id, page_size=100).items
    chosen_key = request.values.get("identity", "")
    chosen = next((i for i in known if _key(i) == chosen_key), None)
    posts = (
        identities.identity_video_get(
            store(),
            token,
            advertiser_id,
            identity_type=chosen.identity_type,
            identity_id=chosen.identity_id,
            identity_authorized_bc_id=chosen.identity_authorized_bc_id,
            count=50,
        )[0]
        if chosen is not None and chosen.identity_type is not IdentityType.CUSTOMIZED_USER
        else []
    )
    videos = library.video_search(store(), token, advertiser_id, page_size=50).items
    context = {
        "adgroup": found[0],
        "campaign": found[1],
        "identities": known,
        "identity_key": _key,
        "chosen": chosen,
        "posts": posts,
        "videos": videos,
        "calls_to_action": CALLS_TO_ACTION,
    }
    if request.method == "GET" or chosen is None:
        return page("new_ad.html", form=request.form, problem=None, **context)
    try:
        creative = _creative(request.form, chosen)
        ads.ad_create(store(), token, advertiser_id, adgroup_id, [creative])
    except errors.MockadsError as error:
        return _again("new_ad.html", error, **context)
    return redirect(url_for("console.campaign_list", _anchor=f"adgroup-{adgroup_id}"))


def _key(identity: Any) -> str:
    return f"{identity.identity_type.value}:{identity.identity_id}"


def _creative(form: Mapping[str, str], identity: Any) -> ads.Creative:
    kind, _, value = form.get("creative", "").partition(":")
    if kind not in ("post", "video") or not value:
        raise errors.InvalidParameter(
            "creative", "choose a TikTok post or a video of Your Library."
        )
    url = form.get("landing_page_url", "").strip()
    utm = {
        name: form.get(name, "").strip() for name in ("utm_source", "utm_medium", "utm_campaign")
    }
    return ads.Creative(
        ad_name=form.get("ad_name", ""),
        identity_type=identity.identity_type,
        identity_id=identity.identity_id,
        identity_authorized_bc_id=identity.identity_authorized_bc_id,
        tiktok_item_id=value if kind == "post" else None,
        video_id=value if kind == "video" else None,
        ad_text=form.get("ad_text", "").strip() or None,
        call_to_action=form.get("call_to_action") or None,
        landing_page_url=landing_page(url, utm) if url else None,
        dark_post_status="ON" if form.get("dark_post_status") == "ON" else "OFF",
    )


def _again(template: str, error: Exception, **context: Any) -> tuple[str, int]:
    """The step's form again, as it was filled, with what was wrong in plain words."""
    problem = plain_words(error) if isinstance(error, errors.MockadsError) else str(error)
    return page(template, form=request.form, problem=problem, **context), 422
