"""Smart+ ads: one ad, several creatives from several identities, reviewed creative by creative.

Smart+ campaigns and ad groups are the manual ones with `smart_plus=True`
(services/campaigns.py, services/adgroups.py). A Smart+ ad is stored as one row per creative
sharing a `smart_plus_ad_id`, so every Spark rule and the Spark ad cap apply to each creative.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mockads.domain import errors, ids
from mockads.domain.ads import Ad, check_landing_page_url
from mockads.domain.campaigns import check_changeable, statuses_for
from mockads.domain.catalogue.fields import thaw
from mockads.domain.enums import IdentityType, OperationStatus, ReviewOutcome
from mockads.domain.smart_plus_fields import (
    IDENTITY_MEMBERS,
    check_configuration_change,
    smart_plus_locations,
)
from mockads.services import adgroups
from mockads.services.access import Caller, authenticate
from mockads.services.adgroups import AdGroupView, find_adgroup
from mockads.services.ads import AdContext, AdView, Creative, add_ads
from mockads.services.lifecycle import set_operation_status
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store
from mockads.services.push import settle_push
from mockads.services.references import check_smart_plus_references

__all__ = [
    "SmartPlusAd",
    "smart_plus_ad_create",
    "smart_plus_ad_get",
    "smart_plus_ad_review_info",
    "smart_plus_ad_status_update",
    "smart_plus_ad_update",
    "smart_plus_adgroup_create",
    "smart_plus_adgroup_update",
]

_RNG = random.SystemRandom()


@dataclass(frozen=True, slots=True)
class SmartPlusAd:
    """A Smart+ ad: its creatives (one ad row each) read at one sandbox time."""

    smart_plus_ad_id: str
    creatives: list[AdView]

    @property
    def first(self) -> Ad:
        """The creative that carries the ad's own fields (name, status, ad group)."""
        return self.creatives[0].ad

    @property
    def review_status(self) -> ReviewOutcome:
        """In review while any creative is; approved when any creative may deliver."""
        outcomes = {view.ad.review_at(view.now) for view in self.creatives}
        if ReviewOutcome.IN_REVIEW in outcomes:
            return ReviewOutcome.IN_REVIEW
        return (
            ReviewOutcome.APPROVED
            if ReviewOutcome.APPROVED in outcomes
            else (ReviewOutcome.REJECTED)
        )

    @property
    def secondary_status(self) -> str:
        """The best delivery state among the creatives (any one delivering is enough)."""
        statuses = [view.secondary_status for view in self.creatives]
        return "AD_STATUS_DELIVERY_OK" if "AD_STATUS_DELIVERY_OK" in statuses else statuses[0]


def _targeting(settings: Mapping[str, Any] | None) -> tuple[dict[str, Any], Any]:
    """The settings sent, and their `targeting_spec` (stored without its locations, which the
    ad group keeps in a column of its own)."""
    sent = dict(settings or {})
    targeting = sent.get("targeting_spec")
    if targeting is not None:
        sent["targeting_spec"] = {k: v for k, v in targeting.items() if k != "location_ids"}
    return sent, targeting


def smart_plus_adgroup_create(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    location_ids: Sequence[str] | None = None,
    settings: Mapping[str, Any] | None = None,
    **fields: Any,
) -> AdGroupView:
    """A new ad group in a Smart+ campaign; its locations are `targeting_spec.location_ids`
    (or, a mockads extension, `location_ids`; the same when both are sent)."""
    sent, targeting = _targeting(settings)
    locations = smart_plus_locations(location_ids, targeting, required=True)
    return adgroups.adgroup_create(
        store,
        access_token,
        advertiser_id,
        location_ids=locations or (),
        settings=sent,
        smart_plus=True,
        **fields,
    )


def smart_plus_adgroup_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    adgroup_id: str,
    *,
    location_ids: Sequence[str] | None = None,
    settings: Mapping[str, Any] | None = None,
    **fields: Any,
) -> AdGroupView:
    """Change a Smart+ ad group; a `targeting_spec` sent replaces the one it had (its
    locations, when it names them, become the ad group's)."""
    sent, targeting = _targeting(settings)
    locations = smart_plus_locations(location_ids, targeting, required=False)
    return adgroups.adgroup_update(
        store,
        access_token,
        advertiser_id,
        adgroup_id,
        location_ids=locations,
        settings=sent,
        smart_plus=True,
        **fields,
    )


def _is_library(creative: Creative | Ad) -> bool:
    """Whether a creative shows a library video (pushed ones too) and so takes the ad texts."""
    return creative.identity_type is IdentityType.CUSTOMIZED_USER or creative.video_id is not None


def _creatives_of(
    creatives: Sequence[Creative],
    ad_name: str,
    ad_texts: Sequence[str],
    landing_page_url: str | None,
    call_to_action: str | None,
) -> list[Creative]:
    """Each creative with the ad's shared settings; library videos (pushed ones too) take the
    ad texts in turn (a Spark creative of a post takes its caption)."""
    texts = list(ad_texts)
    shaped = []
    library = 0
    for creative in creatives:
        text = None
        if _is_library(creative):
            if not texts:
                raise errors.InvalidParameter(
                    "ad_text_list", "required when a creative is a library video."
                )
            text = texts[library % len(texts)]
            library += 1
        shaped.append(
            replace(
                creative,
                ad_name=ad_name,
                ad_text=text,
                landing_page_url=landing_page_url,
                call_to_action=call_to_action,
            )
        )
    return shaped


def _find(caller: Caller, advertiser_id: str, smart_plus_ad_id: str) -> SmartPlusAd:
    rows = [
        ad
        for ad in caller.world.owned(Ad, advertiser_id)
        if ad.smart_plus_ad_id == smart_plus_ad_id
    ]
    if not rows:
        raise errors.NotFound("smart_plus_ad", smart_plus_ad_id)
    context = AdContext.load(caller, advertiser_id)
    return SmartPlusAd(smart_plus_ad_id, [context.view(ad, caller.now) for ad in rows])


def smart_plus_ad_create(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    adgroup_id: str,
    ad_name: str,
    creatives: Sequence[Creative],
    ad_texts: Sequence[str] = (),
    landing_page_urls: Sequence[str] = (),
    call_to_actions: Sequence[str] = (),
    ad_configuration: Mapping[str, Any] | None = None,
    operation_status: OperationStatus = OperationStatus.ENABLE,
    settings: Mapping[str, Any] | None = None,
) -> SmartPlusAd:
    """A Smart+ ad in a Smart+ ad group: Spark posts and library videos, mixed identities.

    Each creative keeps the ad's fields (`ad_configuration` and the `settings` of the other
    lists) with its own; `ad_configuration.dark_post_status` applies to every creative.
    """
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        adgroup = find_adgroup(caller, advertiser_id, adgroup_id, smart_plus=True)
        check_smart_plus_references(
            caller.world, advertiser_id, [c.settings for c in creatives], ad_configuration
        )
        landing = landing_page_urls[0] if landing_page_urls else None
        action = call_to_actions[0] if call_to_actions else None
        ad_level = {**(settings or {})}
        if ad_configuration is not None:
            ad_level["ad_configuration"] = ad_configuration
        dark_post = (ad_configuration or {}).get("dark_post_status", "OFF")
        shaped = [
            replace(
                creative,
                dark_post_status=dark_post,
                operation_status=operation_status,
                settings={**creative.settings, **ad_level},
            )
            for creative in _creatives_of(creatives, ad_name, ad_texts, landing, action)
        ]
        smart_plus_ad_id = ids.new_numeric_id(_RNG)
        options = (tuple(ad_texts), tuple(call_to_actions))
        add_ads(caller, advertiser_id, adgroup, shaped, smart_plus_ad_id, options)
        return _find(caller, advertiser_id, smart_plus_ad_id)


def smart_plus_ad_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    smart_plus_ad_ids: Sequence[str] = (),
    adgroup_ids: Sequence[str] = (),
    campaign_ids: Sequence[str] = (),
    primary_status: str = "STATUS_NOT_DELETE",
    page: int = 1,
    page_size: int = 10,
) -> Page[SmartPlusAd]:
    """The advertiser's Smart+ ads, filtered (deleted ones only when asked for), oldest first."""
    statuses = statuses_for(primary_status)
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        grouped: dict[str, list[Ad]] = {}
        for ad in caller.world.owned(Ad, advertiser_id):
            if ad.smart_plus_ad_id is not None:
                grouped.setdefault(ad.smart_plus_ad_id, []).append(ad)
        wanted = [
            rows
            for key, rows in grouped.items()
            if rows[0].operation_status in statuses
            and (not smart_plus_ad_ids or key in smart_plus_ad_ids)
            and (not adgroup_ids or rows[0].adgroup_id in adgroup_ids)
            and (not campaign_ids or rows[0].campaign_id in campaign_ids)
        ]
        context = AdContext.load(caller, advertiser_id)
        found = [
            SmartPlusAd(rows[0].smart_plus_ad_id or "", [context.view(a, caller.now) for a in rows])
            for rows in wanted
        ]
    return paginate(found, page, page_size)


def _landing_page(url: str | None, listed: Sequence[str] | None) -> str | None:
    """The landing page an update sets, from `landing_page_url` or `landing_page_url_list`."""
    from_list = (listed[0] if listed else None) if listed is not None else url
    if url is not None and listed is not None and url != from_list:
        raise errors.InvalidParameter(
            "landing_page_url", "differs from landing_page_url_list; send the landing page once."
        )
    return from_list


def smart_plus_ad_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    smart_plus_ad_id: str,
    *,
    ad_name: str | None = None,
    landing_page_url: str | None = None,
    ad_text_list: Sequence[str] | None = None,
    landing_page_url_list: Sequence[str] | None = None,
    call_to_action_list: Sequence[str] | None = None,
    ad_configuration: Mapping[str, Any] | None = None,
    settings: Mapping[str, Any] | None = None,
) -> SmartPlusAd:
    """Change a Smart+ ad: its name, landing page, texts, calls to action, `ad_configuration`
    and other lists (each sent replaces what the ad had); its creatives go back to review."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        current = _find(caller, advertiser_id, smart_plus_ad_id)
        check_changeable("smart_plus_ad", smart_plus_ad_id, current.first.operation_status)
        changes: dict[str, Any] = {}
        if ad_name is not None:
            changes["ad_name"] = ad_name
        if landing_page_url is not None or landing_page_url_list is not None:
            changes["landing_page_url"] = _landing_page(landing_page_url, landing_page_url_list)
            check_landing_page_url(changes["landing_page_url"])
        if call_to_action_list is not None:
            changes["call_to_action_options"] = tuple(call_to_action_list)
            changes["call_to_action"] = call_to_action_list[0] if call_to_action_list else None
        if ad_text_list is not None:
            changes["text_options"] = tuple(ad_text_list)
        ad_level = dict(settings or {})
        if ad_configuration is not None:
            before = thaw(current.first.settings.get("ad_configuration")) or {}
            check_configuration_change(before, ad_configuration)
            check_smart_plus_references(caller.world, advertiser_id, (), ad_configuration)
            kept = {name: before.get(name) for name in IDENTITY_MEMBERS if name in before}
            ad_level["ad_configuration"] = {**kept, **ad_configuration}
            if "dark_post_status" in ad_configuration:
                changes["dark_post_status"] = ad_configuration["dark_post_status"]
        now = int(caller.now)
        policy = caller.sandbox.review_policy
        library, edited = 0, list[Ad]()
        for view in current.creatives:
            ad = replace(view.ad, **changes)
            if ad_text_list is not None and _is_library(ad) and not ad.text_locked(caller.now):
                if not ad_text_list:
                    raise errors.InvalidParameter(
                        "ad_text_list", "required when a creative is a library video."
                    )
                ad = replace(ad, ad_text=ad_text_list[library % len(ad_text_list)])
                library += 1
            if ad_level:
                ad = replace(ad, settings=ad.settings.updated(ad_level))
            outcome, reason, due = policy.submit(now, ad.ad_text, ad.landing_page_url)
            ad = replace(
                ad, review_outcome=outcome, review_reason=reason, review_due_at=due, modify_time=now
            )
            edited.append(ad)
        for ad in edited:  # all or none
            caller.world.replace(settle_push(caller.world, ad, caller.now))
        return _find(caller, advertiser_id, smart_plus_ad_id)


def smart_plus_ad_status_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    smart_plus_ad_ids: Sequence[str],
    operation_status: OperationStatus,
) -> list[str]:
    """Enable, disable or delete Smart+ ads with all their creatives; all or none."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = [_find(caller, advertiser_id, i) for i in dict.fromkeys(smart_plus_ad_ids)]
        for smart in found:
            check_changeable("smart_plus_ad", smart.smart_plus_ad_id, smart.first.operation_status)
        now = int(caller.now)
        creatives = [view.ad for smart in found for view in smart.creatives]
        set_operation_status(caller.world, creatives, operation_status, now)
        return [smart.smart_plus_ad_id for smart in found]


def smart_plus_ad_review_info(
    store: Store, access_token: str | None, advertiser_id: str, smart_plus_ad_ids: Sequence[str]
) -> list[SmartPlusAd]:
    """Review of each Smart+ ad, creative by creative (unknown ids: 40700)."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        return [_find(caller, advertiser_id, i) for i in dict.fromkeys(smart_plus_ad_ids)]
