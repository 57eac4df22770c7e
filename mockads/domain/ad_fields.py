"""Rules between an ad creative's catalogue fields, as the SDK's field descriptions state them.

Only rules the descriptions state plainly: an IAS post-bid partner needs its wrapped VAST URL;
a TEXT_LINK disclaimer needs its clickable texts (at most 3, 40 characters together) and a
TEXT_ONLY one its text, and a disclaimer cannot be removed once added; fallback WEBSITE needs a
landing page; duets and stitches can only be enabled with the promotional music allowed
(`promotional_music_disabled` false); a SINGLE_VIDEO creative takes one image, its cover.
mockads adds one rule of its own: an ad's identity, post or video and format stay what they were
(update takes them only unchanged). Sent `utm_params` are the ad's; without them, the landing
page's `utm_*` query parameters are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockads.domain import errors
from mockads.domain.ads import utm_params
from mockads.domain.catalogue.ad import UNCHANGEABLE_CONTENT

__all__ = ["check_creative_fields", "check_field_changes", "read_utm_params"]

#: Characters the clickable disclaimer texts of one creative hold together.
MAX_CLICKABLE_TEXT = 40


def _require(fields: Mapping[str, Any], name: str, when: str, prefix: str) -> None:
    if fields.get(name) in (None, [], (), ""):
        raise errors.InvalidParameter(f"{prefix}{name}", f"required when {when}.")


def check_creative_fields(fields: Mapping[str, Any], prefix: str = "") -> None:
    """Refuse a creative (its columns and settings, as JSON) whose fields break a documented
    rule: 40002 naming the field, after `prefix` (e.g. `creatives.0.`)."""
    for partner in ("brand_safety", "viewability"):
        if fields.get(f"{partner}_postbid_partner") == "IAS":
            _require(fields, f"{partner}_vast_url", f"{partner}_postbid_partner is IAS", prefix)
    disclaimer = fields.get("disclaimer_type")
    if disclaimer == "TEXT_LINK":
        _require(fields, "disclaimer_clickable_texts", "disclaimer_type is TEXT_LINK", prefix)
        texts = fields["disclaimer_clickable_texts"]
        if sum(len(item.get("text") or "") for item in texts) > MAX_CLICKABLE_TEXT:
            raise errors.InvalidParameter(
                f"{prefix}disclaimer_clickable_texts",
                f"the texts may hold at most {MAX_CLICKABLE_TEXT} characters together.",
            )
    elif disclaimer == "TEXT_ONLY":
        _require(fields, "disclaimer_text", "disclaimer_type is TEXT_ONLY", prefix)
    if fields.get("fallback_type") == "WEBSITE":
        _require(fields, "landing_page_url", "fallback_type is WEBSITE", prefix)
    for name in ("item_duet_status", "item_stitch_status"):
        if fields.get(name) == "ENABLE" and fields.get("promotional_music_disabled", True):
            raise errors.InvalidParameter(
                f"{prefix}{name}", "ENABLE needs promotional_music_disabled false."
            )
    images = fields.get("image_ids") or ()
    if fields.get("ad_format", "SINGLE_VIDEO") == "SINGLE_VIDEO" and len(images) > 1:
        raise errors.InvalidParameter(
            f"{prefix}image_ids", "a SINGLE_VIDEO creative takes one image, its cover."
        )


def check_field_changes(
    before: Mapping[str, Any], sent: Mapping[str, Any], after: Mapping[str, Any], prefix: str = ""
) -> None:
    """Refuse what `ad/update/` may not do: change what the ad is made of (its identity, post or
    video and format: sent again, they must be unchanged) or remove its disclaimer."""
    for name in UNCHANGEABLE_CONTENT:
        if name in sent and sent[name] != before.get(name):
            raise errors.InvalidParameter(
                f"{prefix}{name}",
                "cannot be changed after creation (mockads keeps an ad's identity, post or "
                "video and format; send it unchanged or leave it out).",
            )
    if before.get("disclaimer_type") and not after.get("disclaimer_type"):
        raise errors.InvalidParameter(
            f"{prefix}disclaimer_type", "a disclaimer cannot be removed once added."
        )


def read_utm_params(sent: Any, landing_page_url: str | None) -> list[dict[str, str]]:
    """The ad's `utm_params` as a read shows them: those sent, or else the landing page's."""
    if sent is not None:
        return [{"key": item["key"], "value": item["value"]} for item in sent]
    return [{"key": key, "value": value} for key, value in utm_params(landing_page_url)]
