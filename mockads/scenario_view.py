"""What `mockads scenario show` prints: a scenario's world for a seed, for people or as JSON.

The world is the default sandbox `mockads serve --scenario NAME --seed N` would start now,
built in memory (`services.sandboxes.preview_scenario`); its summary is the one the control
plane and the start banner show, so the token, ids and codes are the same everywhere.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from mockads.banner import app_lines, code_lines
from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.clock import format_time
from mockads.domain.enums import IdentityType
from mockads.domain.model import Identity, World
from mockads.scenario_assets import assets_json, assets_lines
from mockads.scenarios import load_scenario
from mockads.schemas.control import sandbox_data
from mockads.services.sandboxes import SampleCode, ScenarioPreview

__all__ = ["SAMPLE_ADS", "case_text", "identity_use", "scenario_json", "scenario_text"]

#: How many ads of each ad group are listed (near-cap's holds almost 10,000).
SAMPLE_ADS = 3

_CASES = {
    "READY": "ready to link",
    "POST_ALREADY_LINKED": "already linked",
    "AUTH_CODE_EXPIRED": "expired",
    "AUTH_CODE_REVOKED": "revoked by the creator",
    "AUTH_CODE_INVALIDATED": "invalidated: the post was edited",
    "POST_DELETED": "post deleted",
    "POST_NOT_PUBLIC": "post not public",
    "POST_INELIGIBLE": "post not eligible for ads",
    "AUTH_CODE_USED_BY_ANOTHER_ACCOUNT": "linked by another ad account",
    "ORIGINAL_POST_AUTH_CODE_REQUIRED": "dual creator: needs the original's code",
}


def case_text(code: SampleCode) -> str:
    """What linking the code does now, in words ("ready to link", "expired", ...)."""
    text = _CASES.get(code.case, code.case)
    if code.case == "POST_ALREADY_LINKED" and code.linked_advertiser_id:
        text += f" to {code.linked_advertiser_id}"
    return text


def identity_use(identity: Identity) -> str:
    """What an identity is for."""
    if identity.identity_type is IdentityType.TT_USER:
        return "the brand's own TikTok account: Spark ads of its posts, pushed library videos"
    if identity.identity_type is IdentityType.CUSTOMIZED_USER:
        return "a custom name and avatar: non-Spark ads of library videos"
    if identity.identity_type is IdentityType.BC_AUTH_TT:
        bc_id = identity.identity_authorized_bc_id
        return (
            "a creator's account authorized to the Business Center: Spark and pushed ads, "
            f"with identity_authorized_bc_id={bc_id}"
        )
    return "a creator's posts linked by code: Spark ads"


def scenario_json(preview: ScenarioPreview) -> dict[str, Any]:
    """The machine-readable view: the control plane's sandbox summary, with more detail."""
    summary, world = preview.summary, preview.world
    data = sandbox_data(summary)
    data["description"] = load_scenario(summary.sandbox.scenario).description
    data["times"] = "relative to now: what a server started at clock.now would show"
    data["advertisers"] = [
        {
            "advertiser_id": a.advertiser_id,
            "name": a.name,
            "country": a.country,
            "currency": a.currency,
            "timezone": a.timezone,
        }
        for a in summary.advertisers
    ]
    data["business_centers"] = [
        {
            "bc_id": bc.bc_id,
            "name": bc.name,
            "type": bc.type,
            "currency": bc.currency,
            "timezone": bc.timezone,
            "user_role": bc.user_role,
            "finance_role": bc.finance_role,
            "advertiser_ids": list(bc.advertiser_ids),
        }
        for bc in summary.business_centers
    ]
    for shown, identity in zip(data["identities"], summary.identities, strict=True):
        shown["identity_authorized_bc_id"] = identity.identity_authorized_bc_id
        shown["use"] = identity_use(identity)
    for shown, code in zip(data["sample_codes"], summary.sample_codes, strict=True):
        shown["case_text"] = case_text(code)
        shown["original_item_id"] = code.original_item_id
    data["campaigns"] = [_campaign_json(world, c) for c in _campaigns(world)]
    data.update(assets_json(world, summary.now))
    return data


def scenario_text(preview: ScenarioPreview) -> str:
    """The view for people: ids, identities, codes and campaigns, with what each is for."""
    summary = preview.summary
    sandbox = summary.sandbox
    spec = load_scenario(sandbox.scenario)
    lines = [
        f"Scenario {spec.name}, seed {sandbox.seed}: {spec.headline}",
        f"  The default sandbox of `mockads serve --scenario {spec.name} --seed {sandbox.seed}`.",
        f"  Times are relative to now ({format_time(summary.now)} UTC), as a server started now",
        "  would show them.",
        f"  Access-Token  {sandbox.access_token}",
        *app_lines(summary),
    ]
    for bc in summary.business_centers:
        role = bc.user_role + (f", finance {bc.finance_role}" if bc.finance_role else "")
        lines += [
            f"  Business Center {bc.bc_id}  {bc.name}",
            f"    {bc.type}, {bc.currency}, {bc.timezone}; the token's user: {role}",
            f"    owns {', '.join(bc.advertiser_ids)}",
        ]
    lines.append("  Ad accounts (advertiser_id):")
    for a in summary.advertisers:
        lines.append(f"    {a.advertiser_id}  {a.name}  ({a.country}, {a.currency}, {a.timezone})")
    lines += _identity_lines(preview)
    lines.append("  Creators (handle, creator_id, name):")
    for c in summary.creators:
        lines.append(f"    @{c.handle}  {c.creator_id}  {c.display_name}")
    lines += code_lines(summary, case_text, end_times=True)
    lines += _campaign_lines(preview.world)
    lines += assets_lines(preview.world, summary.now)
    return "\n".join(lines)


def _identity_lines(preview: ScenarioPreview) -> list[str]:
    lines = ["  Identities (identity_type, identity_id, name: what for), by ad account:"]
    for advertiser in preview.summary.advertisers:
        lines.append(f"    {advertiser.advertiser_id}")
        for i in preview.summary.identities:
            if i.advertiser_id == advertiser.advertiser_id:
                kind = i.identity_type.value
                lines.append(
                    f"      {kind:<15}  {i.identity_id}  {i.display_name}: {identity_use(i)}"
                )
    return lines


def _campaigns(world: World) -> list[Campaign]:
    return sorted(world.campaigns, key=lambda c: (c.advertiser_id, c.campaign_id))


def _adgroups(world: World, campaign: Campaign) -> list[AdGroup]:
    found = [g for g in world.adgroups if g.campaign_id == campaign.campaign_id]
    return sorted(found, key=lambda g: g.adgroup_id)


def _ads(world: World, adgroup: AdGroup) -> list[Ad]:
    found = [a for a in world.ads if a.adgroup_id == adgroup.adgroup_id]
    return sorted(found, key=lambda a: (not a.is_spark, a.ad_id))


def _ad_counts(ads: list[Ad]) -> dict[str, int]:
    kinds = Counter("spark" if ad.is_spark else "non_spark" for ad in ads)
    return {"total": len(ads), "spark": kinds["spark"], "non_spark": kinds["non_spark"]}


def _ad_json(ad: Ad) -> dict[str, Any]:
    return {
        "ad_id": ad.ad_id,
        "ad_name": ad.ad_name,
        "identity_type": ad.identity_type.value,
        "identity_id": ad.identity_id,
        "tiktok_item_id": ad.tiktok_item_id,
        "video_id": ad.video_id,
    }


def _campaign_json(world: World, campaign: Campaign) -> dict[str, Any]:
    return {
        "campaign_id": campaign.campaign_id,
        "advertiser_id": campaign.advertiser_id,
        "campaign_name": campaign.campaign_name,
        "objective_type": campaign.objective_type.value,
        "operation_status": campaign.operation_status.value,
        "adgroups": [_adgroup_json(world, g) for g in _adgroups(world, campaign)],
    }


def _adgroup_json(world: World, adgroup: AdGroup) -> dict[str, Any]:
    ads = _ads(world, adgroup)
    return {
        "adgroup_id": adgroup.adgroup_id,
        "adgroup_name": adgroup.adgroup_name,
        "ad_counts": _ad_counts(ads),
        "ads": [_ad_json(ad) for ad in ads[:SAMPLE_ADS]],
    }


def _campaign_lines(world: World) -> list[str]:
    campaigns = _campaigns(world)
    if not campaigns:
        return ["  Campaigns: none yet."]
    lines = ["  Campaigns (by ad account):"]
    for campaign in campaigns:
        lines.append(
            f"    {campaign.campaign_id}  {campaign.campaign_name}  "
            f"({campaign.objective_type.value}, {campaign.operation_status.value}) "
            f"in {campaign.advertiser_id}"
        )
        for adgroup in _adgroups(world, campaign):
            ads = _ads(world, adgroup)
            counts = _ad_counts(ads)
            lines.append(
                f"      ad group {adgroup.adgroup_id}  {adgroup.adgroup_name}: "
                f"{counts['total']:,} ads ({counts['spark']:,} Spark, "
                f"{counts['non_spark']:,} non-Spark)"
            )
            for ad in ads[:SAMPLE_ADS]:
                lines.append(f"        ad {ad.ad_id}  {ad.ad_name}  {_promotes(ad)}")
            if len(ads) > SAMPLE_ADS:
                lines.append(f"        ... and {len(ads) - SAMPLE_ADS:,} more")
    return lines


def _promotes(ad: Ad) -> str:
    kind = ad.identity_type.value
    if ad.tiktok_item_id is not None:
        return f"{kind}, post {ad.tiktok_item_id}"
    return f"{kind}, library video {ad.video_id}"
