"""Report metrics: every name `report/integrated/get/` accepts and how each is written.

A row's metrics come from its sums (`Sums`: the delivery model's COUNTS plus `result`) and
its labels (names of the campaign, ad group and ad). Counts are written as integers, money
from integer cents, rates and averages from their parts, all as strings; a metric that does
not apply to the row is `"-"`. Each metric is compiled once to a function of (sums, labels).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from mockads.domain.delivery import COUNTS

__all__ = [
    "METRICS",
    "SUM_FIELDS",
    "Labels",
    "MetricFormula",
    "compile_metrics",
    "compile_metrics_json",
    "fields_read",
    "json_text",
]

#: What a row sums: the delivery model's counts and the ads' results (by their objective).
SUM_FIELDS = (*COUNTS, "result")
_I = {name: index for index, name in enumerate(SUM_FIELDS)}
NOT_APPLICABLE = "-"


@dataclass(frozen=True, slots=True)
class Labels:
    """Attribute-like metrics of a row's object; None where the row's level has no such one."""

    campaign_id: str | None = None
    campaign_name: str | None = None
    objective_type: str | None = None
    adgroup_id: str | None = None
    adgroup_name: str | None = None
    placement_type: str | None = None
    promotion_type: str | None = None
    ad_name: str | None = None
    ad_text: str | None = None
    campaign_budget: str | None = None
    budget: str | None = None
    bid_strategy: str | None = None
    bid: str | None = None
    billing_event: str | None = None
    smart_target: str | None = None
    opt_status: str | None = None
    call_to_action: str | None = None
    image_mode: str | None = None


Sums = Sequence[int]
MetricFormula = Callable[[Sums, Labels], dict[str, str]]


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _ratio(top: float, bottom: int) -> str:
    return f"{top / bottom:.2f}" if bottom else "0.00"


def _count(name: str) -> str:
    return f"str(s[{_I[name]}])"


def _cost_per(name: str, per: int = 1) -> str:
    return f"_ratio(s[{_I['spend']}] * {per / 100!r}, s[{_I[name]}])"


def _rate(name: str, of: str) -> str:
    return f"_ratio(s[{_I[name]}] * 100.0, s[{_I[of]}])"


def _label(name: str) -> str:
    return f"'-' if l.{name} is None else l.{name}"


def _constant(text: str) -> str:
    return repr(text)


def _per_thousand(name: str, of: str) -> str:
    return f"_ratio(s[{_I[name]}] * 0.001, s[{_I[of]}])"


_ZERO_MONEY = _constant("0.00")
_ZERO = _constant("0")
_DASH = _constant(NOT_APPLICABLE)
_SPEND = f"_money(s[{_I['spend']}])"
#: Clicks, likes, comments, shares, follows and profile visits, as TikTok counts engagements.
_ENGAGEMENTS = " + ".join(
    f"s[{_I[n]}]" for n in ("clicks", "likes", "comments", "shares", "follows", "profile_visits")
)

#: Every metric name accepted, with its formula: a Python expression of the row's sums `s`
#: and labels `l`, compiled once per list of metrics (`compile_metrics`).
METRICS: Mapping[str, str] = {
    "campaign_name": _label("campaign_name"),
    "campaign_id": _label("campaign_id"),
    "objective_type": _label("objective_type"),
    "adgroup_name": _label("adgroup_name"),
    "adgroup_id": _label("adgroup_id"),
    "placement_type": _label("placement_type"),
    "placement": _label("placement_type"),
    "promotion_type": _label("promotion_type"),
    "ad_name": _label("ad_name"),
    "ad_text": _label("ad_text"),
    "campaign_budget": _label("campaign_budget"),
    "budget": _label("budget"),
    "bid_strategy": _label("bid_strategy"),
    "bid": _label("bid"),
    "billing_event": _label("billing_event"),
    "smart_target": _label("smart_target"),
    "opt_status": _label("opt_status"),
    "call_to_action": _label("call_to_action"),
    "image_mode": _label("image_mode"),
    # sandboxes hold no app, reach-and-frequency, dedicated, split-test or smart-creative objects
    "app_promotion_type": _DASH,
    "campaign_dedicate_type": _DASH,
    "rf_campaign_type": _DASH,
    "split_test": _DASH,
    "is_smart_creative": _constant("false"),
    "tt_app_id": _DASH,
    "tt_app_name": _DASH,
    "mobile_app_id": _DASH,
    "dpa_target_audience_type": _DASH,
    # delivery
    "spend": _SPEND,
    "cash_spend": _SPEND,
    "voucher_spend": _ZERO_MONEY,
    "impressions": _count("impressions"),
    "gross_impressions": _count("impressions"),
    "clicks": _count("clicks"),
    "ctr": _rate("clicks", "impressions"),
    "cpc": _cost_per("clicks"),
    "cpm": _cost_per("impressions", 1_000),
    "reach": _count("reach"),
    "cost_per_1000_reached": _cost_per("reach", 1_000),
    "frequency": f"_ratio(s[{_I['impressions']}], s[{_I['reach']}])",
    # conversions and results
    "conversion": _count("conversion"),
    "cost_per_conversion": _cost_per("conversion"),
    "conversion_rate": _rate("conversion", "clicks"),
    "real_time_conversion": _count("conversion"),
    "real_time_cost_per_conversion": _cost_per("conversion"),
    "real_time_conversion_rate": _rate("conversion", "clicks"),
    "conversion_rate_v2": _rate("conversion", "impressions"),
    "real_time_conversion_rate_v2": _rate("conversion", "impressions"),
    "result": _count("result"),
    "cost_per_result": _cost_per("result"),
    "result_rate": _rate("result", "impressions"),
    "real_time_result": _count("result"),
    "real_time_cost_per_result": _cost_per("result"),
    "real_time_result_rate": _rate("result", "impressions"),
    "secondary_goal_result": _DASH,
    "cost_per_secondary_goal_result": _DASH,
    "secondary_goal_result_rate": _DASH,
    # commerce: no ad of a sandbox sells anything
    "total_purchase_value": _ZERO_MONEY,
    "total_onsite_shopping_value": _ZERO_MONEY,
    "onsite_shopping": _ZERO,
    "vta_purchase": _ZERO,
    "vta_conversion": _ZERO,
    "cta_purchase": _ZERO,
    "cta_conversion": _count("conversion"),
    "total_pageview": _count("clicks"),
    "total_landing_page_view": _count("clicks"),
    "complete_payment": _ZERO,
    "value_per_complete_payment": _ZERO_MONEY,
    "total_complete_payment_rate": _ZERO_MONEY,
    "purchase": _ZERO,
    "registration": _ZERO,
    "sales_lead": _ZERO,
    "total_app_event_add_to_cart": _DASH,
    # video
    "video_play_actions": _count("video_play_actions"),
    "video_watched_2s": _count("video_watched_2s"),
    "video_watched_6s": _count("video_watched_6s"),
    "average_video_play": _per_thousand("play_time_ms", "video_play_actions"),
    "average_video_play_per_user": _per_thousand("play_time_ms", "reach"),
    "video_views_p25": _count("video_views_p25"),
    "video_views_p50": _count("video_views_p50"),
    "video_views_p75": _count("video_views_p75"),
    "video_views_p100": _count("video_views_p100"),
    # engagement
    "profile_visits": _count("profile_visits"),
    "profile_visits_rate": _rate("profile_visits", "impressions"),
    "likes": _count("likes"),
    "comments": _count("comments"),
    "shares": _count("shares"),
    "follows": _count("follows"),
    "clicks_on_music_disc": _count("clicks_on_music_disc"),
    "engagements": f"str({_ENGAGEMENTS})",
    "engagement_rate": f"_ratio(({_ENGAGEMENTS}) * 100.0, s[{_I['impressions']}])",
    # apps: no ad of a sandbox promotes an app
    "real_time_app_install": _DASH,
    "real_time_app_install_cost": _DASH,
    "app_install": _DASH,
    "cost_per_app_install": _DASH,
}


#: Metrics that are names (they need JSON escaping).
_LABEL_METRICS = frozenset(name for name, formula in METRICS.items() if " l." in formula)


def json_text(value: Any) -> str:
    """`json.dumps(value)`, with the common case (a string) spared the call's overhead: the
    same encoder, so the same text."""
    return encode_basestring_ascii(value) if type(value) is str else json.dumps(value)


_GLOBALS = {"_money": _money, "_ratio": _ratio, "_json": json_text}


def compile_metrics(names: Sequence[str]) -> MetricFormula:
    """One function writing the metrics asked for as a dict, in order (names checked)."""
    items = ", ".join(f"{name!r}: {METRICS[name]}" for name in names)
    return eval(f"lambda s, l: {{{items}}}", _GLOBALS)


def compile_metrics_json(names: Sequence[str]) -> Callable[[Sums, Labels], str]:
    """One function writing the metrics asked for as the members of a JSON object.

    Rows are written straight to JSON text: numbers and "-" need no escaping, names go
    through the JSON encoder.
    """
    parts: list[str] = []
    for index, name in enumerate(names):
        key = ("," if index else "") + json.dumps(name) + ":"
        expression = METRICS[name]
        if name in _LABEL_METRICS:
            parts += [repr(key), f"_json({expression})"]
        else:
            parts += [repr(key + '"'), f"({expression})", repr('"')]
    return eval(f"lambda s, l: ''.join(({', '.join(parts)},))", _GLOBALS)


def fields_read(names: Sequence[str]) -> list[int]:
    """The indices in SUM_FIELDS that the metrics `names` read."""
    return sorted({int(i) for name in names for i in re.findall(r"s\[(\d+)\]", METRICS[name])})
