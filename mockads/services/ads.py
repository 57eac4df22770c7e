"""Ads: `ad/create|get|update|status/update/` with Spark rules, review and the Spark ad cap."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from mockads.domain import ad_fields, errors, ids
from mockads.domain import ads as rules
from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign, check_changeable, statuses_for
from mockads.domain.catalogue import AD_COLUMNS, FieldValues
from mockads.domain.enums import AdAuthStatus, AdFormat, IdentityType, OperationStatus
from mockads.domain.library import LibraryVideo
from mockads.domain.model import Creator, Identity, LinkedPost, Post, SparkCode
from mockads.domain.push import PUSH_IDENTITIES
from mockads.services.access import Caller, authenticate
from mockads.services.adgroups import find_adgroup
from mockads.services.business_centers import named_business_center
from mockads.services.lifecycle import set_operation_status
from mockads.services.paging import Page
from mockads.services.ports import Store
from mockads.services.push import push_fields, settle_push
from mockads.services.references import check_asset_references

__all__ = [
    "AdContext",
    "AdView",
    "Creative",
    "ad_create",
    "ad_get",
    "ad_status_update",
    "ad_update",
    "add_ads",
    "find_ad",
]

_RNG = random.SystemRandom()


@dataclass(frozen=True, slots=True)
class Creative:
    """One creative of `ad/create/` as the client sent it."""

    ad_name: str
    identity_type: IdentityType
    identity_id: str
    ad_format: AdFormat = AdFormat.SINGLE_VIDEO
    identity_authorized_bc_id: str | None = None
    tiktok_item_id: str | None = None
    video_id: str | None = None
    ad_text: str | None = None
    call_to_action: str | None = None
    landing_page_url: str | None = None
    display_name: str | None = None
    dark_post_status: str = "OFF"
    operation_status: OperationStatus = OperationStatus.ENABLE
    #: The other catalogue fields that were sent, checked for shape (`AD_CREATIVE_CREATE`).
    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AdView:
    """An ad with what its status depends on: campaign, ad group, its code, the time."""

    ad: Ad
    campaign: Campaign
    adgroup: AdGroup
    authorization: AdAuthStatus | None
    now: float

    @property
    def secondary_status(self) -> str:
        """Review and delivery in one word."""
        return self.ad.secondary_status(self.now, self.campaign, self.adgroup, self.authorization)

    @property
    def tiktok_item_id(self) -> str | None:
        """The post the ad promotes (a pushed ad's, once published)."""
        return self.ad.item_id_at(self.now)


@dataclass(frozen=True, slots=True)
class AdContext:
    """What ad views of one advertiser are read against, loaded once for a whole page."""

    campaigns: dict[str, Campaign]
    adgroups: dict[str, AdGroup]
    links: dict[str, str]  # item_id -> the code the advertiser's link goes through now
    codes: dict[str, SparkCode]

    @classmethod
    def load(cls, caller: Caller, advertiser_id: str) -> AdContext:
        world = caller.world
        return cls(
            campaigns={c.campaign_id: c for c in world.owned(Campaign, advertiser_id)},
            adgroups={g.adgroup_id: g for g in world.owned(AdGroup, advertiser_id)},
            links={
                link.item_id: link.auth_code
                for link in world.linked_posts()
                if link.advertiser_id == advertiser_id
            },
            codes={code.auth_code: code for code in world.spark_codes()},
        )

    def view(self, ad: Ad, now: float) -> AdView:
        auth_code = ad.auth_code
        if ad.identity_type is IdentityType.AUTH_CODE and ad.tiktok_item_id:
            # A renewed link carries the post's current code: the ad follows it.
            auth_code = self.links.get(ad.tiktok_item_id, auth_code)
        code = self.codes.get(auth_code) if auth_code else None
        authorization = code.status_at(now) if code is not None else None
        return AdView(
            ad, self.campaigns[ad.campaign_id], self.adgroups[ad.adgroup_id], authorization, now
        )


def _view(caller: Caller, ad: Ad) -> AdView:
    return AdContext.load(caller, ad.advertiser_id).view(ad, caller.now)


#: The ad columns a creative carries (the others come from its post, video or review).
_CREATIVE_COLUMNS = tuple(sorted(AD_COLUMNS.intersection(Creative.__dataclass_fields__)))


def _creative_values(creative: Creative) -> dict[str, Any]:
    """A creative's fields as JSON values, its columns and its settings, for the field rules."""
    values = {}
    for name in _CREATIVE_COLUMNS:
        value = getattr(creative, name)
        if value is not None:
            values[name] = getattr(value, "value", value)
    values.update(creative.settings)
    return values


def _ad_values(ad: Ad) -> dict[str, Any]:
    """An ad's creative fields as JSON values, its columns and its settings."""
    values = {name: getattr(ad, name) for name in AD_COLUMNS}
    values = {k: getattr(v, "value", v) for k, v in values.items() if v is not None}
    return {**values, **ad.settings.as_dict()}


def _spark_fields(caller: Caller, advertiser_id: str, creative: Creative) -> dict[str, Any]:
    """A Spark creative's post checked against its identity; its text is the caption."""
    if creative.video_id is not None and creative.identity_type in PUSH_IDENTITIES:
        return push_fields(caller, advertiser_id, creative)
    if creative.video_id is not None:
        raise errors.InvalidParameter(
            "video_id", "AUTH_CODE ads promote a linked post: give tiktok_item_id."
        )
    if creative.tiktok_item_id is None:
        raise errors.InvalidParameter("tiktok_item_id", "required for a Spark ad.")
    world, item_id = caller.world, creative.tiktok_item_id
    world.prefetch_spark_post(advertiser_id, item_id, creative.identity_id)  # the reads below
    post = world.get(Post, item_id)
    if post is not None and not post.published_by(caller.now):
        post = None  # a pushed post still waiting for its ad's review
    creator = world.get(Creator, post.creator_id) if post else None
    linked = world.get(LinkedPost, advertiser_id, item_id)
    code = world.get(SparkCode, linked.auth_code) if linked else None
    identity = world.get(Identity, creative.identity_id, advertiser_id)
    usable = rules.spark_post_for_ad(
        item_id,
        creative.identity_type,
        creative.identity_id,
        creative.identity_authorized_bc_id,
        identity,
        named_business_center(world, creative.identity_authorized_bc_id),
        post,
        creator,
        linked,
        code,
        caller.now,
    )
    if usable is not post:  # a private post of the brand's own account goes public (rule 7)
        world.replace(usable)
    return {
        "tiktok_item_id": item_id,
        "auth_code": code.auth_code if code else None,
        "video_id": None,
        "ad_text": rules.spark_ad_text(usable.caption, creative.ad_text),
        "display_name": None,
    }


def _library_fields(caller: Caller, advertiser_id: str, creative: Creative) -> dict[str, Any]:
    """A non-Spark creative: a library video, a custom identity, the advertiser's own text."""
    identity = caller.world.get(Identity, creative.identity_id, advertiser_id)
    if identity is None or identity.identity_type is not IdentityType.CUSTOMIZED_USER:
        raise errors.NoPermission("identity_id", creative.identity_id)
    if creative.tiktok_item_id is not None:
        raise errors.InvalidParameter("tiktok_item_id", "CUSTOMIZED_USER ads use a library video.")
    if creative.video_id is None:
        raise errors.InvalidParameter("video_id", "required for a CUSTOMIZED_USER ad.")
    video = caller.world.get(LibraryVideo, creative.video_id, advertiser_id)
    if video is None:
        raise errors.NoPermission("video_id", creative.video_id)
    if not creative.ad_text:
        raise errors.InvalidParameter("ad_text", "required for a non-Spark ad.")
    return {
        "tiktok_item_id": None,
        "auth_code": None,
        "video_id": video.video_id,
        "ad_text": creative.ad_text,
        "display_name": creative.display_name or identity.display_name,
    }


def add_ads(
    caller: Caller,
    advertiser_id: str,
    adgroup: AdGroup,
    creatives: Sequence[Creative],
    smart_plus_ad_id: str | None = None,
    options: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
) -> list[Ad]:
    """Check and store one ad per creative (all or none, within the caller's transaction).

    Spark creatives count toward the cap (design rule 6); each ad goes to review. A Smart+
    ad's creatives share `smart_plus_ad_id` and keep its text and call-to-action `options`.
    """
    check_changeable("adgroup", adgroup.adgroup_id, adgroup.operation_status)
    field = "creative_list" if smart_plus_ad_id else "creatives"
    spark = [c for c in creatives if c.identity_type is not IdentityType.CUSTOMIZED_USER]
    if spark:  # counted now, checked in the same statement; rolled back with any refusal
        held = caller.world.claim_spark_ads(advertiser_id, len(spark), rules.MAX_SPARK_ADS)
        if held is not None:
            rules.check_spark_ad_limit(held, len(spark), field)
    policy, now = caller.sandbox.review_policy, int(caller.now)
    # Ascending ids keep creatives made in the same second in the order they were sent.
    new_ids = sorted(ids.new_numeric_ids(_RNG, len(creatives)))
    added = []
    for number, (ad_id, creative) in enumerate(zip(new_ids, creatives, strict=True)):
        rules.check_landing_page_url(creative.landing_page_url)
        values = _creative_values(creative)
        ad_fields.check_creative_fields(values, f"{field}.{number}.")
        check_asset_references(caller.world, advertiser_id, values, f"{field}.{number}.")
        if creative.identity_type is IdentityType.CUSTOMIZED_USER:
            content = _library_fields(caller, advertiser_id, creative)
        else:
            content = _spark_fields(caller, advertiser_id, creative)
        outcome, reason, due = policy.submit(now, content["ad_text"], creative.landing_page_url)
        ad = Ad(
            ad_id=ad_id,
            advertiser_id=advertiser_id,
            campaign_id=adgroup.campaign_id,
            adgroup_id=adgroup.adgroup_id,
            ad_name=creative.ad_name,
            ad_format=creative.ad_format,
            identity_type=creative.identity_type,
            identity_id=creative.identity_id,
            identity_authorized_bc_id=creative.identity_authorized_bc_id,
            call_to_action=creative.call_to_action,
            landing_page_url=creative.landing_page_url,
            dark_post_status=creative.dark_post_status,
            operation_status=creative.operation_status,
            review_outcome=outcome,
            review_reason=reason,
            review_due_at=due,
            create_time=now,
            modify_time=now,
            smart_plus_ad_id=smart_plus_ad_id,
            text_options=options[0],
            call_to_action_options=options[1],
            settings=FieldValues.of(creative.settings),
            **content,
        )
        added.append(settle_push(caller.world, ad, caller.now))
    caller.world.add_all(added, claimed=True)
    return added


def ad_create(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    adgroup_id: str,
    creatives: Sequence[Creative],
) -> list[str]:
    """New ads in an ad group: all or none; each goes to review (design rules 5-7)."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        adgroup = find_adgroup(caller, advertiser_id, adgroup_id, smart_plus=False)
        return [ad.ad_id for ad in add_ads(caller, advertiser_id, adgroup, creatives)]


def find_ad(caller: Caller, advertiser_id: str, ad_id: str) -> Ad:
    """One of the advertiser's ads (40700 when unknown or another advertiser's)."""
    ad = caller.world.get(Ad, ad_id)
    if ad is None or ad.advertiser_id != advertiser_id or ad.smart_plus_ad_id is not None:
        raise errors.NotFound("ad", ad_id)
    return ad


def ad_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    campaign_ids: Sequence[str] = (),
    adgroup_ids: Sequence[str] = (),
    ad_ids: Sequence[str] = (),
    primary_status: str = "STATUS_NOT_DELETE",
    page: int = 1,
    page_size: int = 10,
) -> Page[AdView]:
    """The advertiser's ads, filtered (deleted ones only when asked for), oldest first."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found, total = caller.world.ads_page(
            advertiser_id,
            statuses=statuses_for(primary_status),
            campaign_ids=campaign_ids,
            adgroup_ids=adgroup_ids,
            ad_ids=ad_ids,
            offset=(page - 1) * page_size,
            limit=page_size,
        )
        context = AdContext.load(caller, advertiser_id)
        return Page([context.view(ad, caller.now) for ad in found], page, page_size, total)


#: Columns a whole-creative update (`patch_update` false) sets back when they are not sent;
#: the other columns (name, text, identity, post or video, format) keep their values.
_RESET_COLUMNS = {"call_to_action": None, "landing_page_url": None, "dark_post_status": "OFF"}


def _edited(ad: Ad, sent: Mapping[str, Any], patch: bool, now: float, prefix: str) -> Ad:
    """The ad with one creative of `ad/update/` applied (`sent`: the fields sent, as JSON)."""
    before = _ad_values(ad)
    columns = {k: v for k, v in sent.items() if k in AD_COLUMNS}
    settings = {k: v for k, v in sent.items() if k not in AD_COLUMNS}
    if not patch:
        columns = {**{k: v for k, v in _RESET_COLUMNS.items() if k not in sent}, **columns}
    ad_fields.check_field_changes(before, sent, {**before, **sent}, prefix)
    for name in ("identity_type", "identity_id", "identity_authorized_bc_id"):
        columns.pop(name, None)  # unchanged (checked above): the ad keeps its own
    columns.pop("ad_format", None)
    columns.pop("tiktok_item_id", None)
    columns.pop("video_id", None)
    if "ad_text" in columns and ad.text_locked(now):
        rules.spark_ad_text(ad.ad_text, columns["ad_text"])
    rules.check_landing_page_url(columns.get("landing_page_url"))
    kept = ad.settings.as_dict() if patch else {}
    edited = replace(ad, **columns, settings=FieldValues.of({**kept, **settings}))
    after = _ad_values(edited)
    ad_fields.check_field_changes(before, sent, after, prefix)
    ad_fields.check_creative_fields(after, prefix)
    return edited


def ad_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    adgroup_id: str | None,
    creatives: Sequence[Mapping[str, Any]],
    *,
    patch_update: bool = False,
    prefix: str = "creatives.{}.",
) -> list[AdView]:
    """Edit ads of one ad group, all or none; each edited ad goes back to review.

    Each creative names its `ad_id` and carries the fields sent under `settings`. With
    `patch_update` only those change; without it each creative is the whole ad: its optional
    fields not sent go back to their defaults. `adgroup_id` None (the flat shape) skips the
    ad group check; `prefix` (formatted with the creative's index) leads the field names of
    refusals.
    """
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        if adgroup_id is not None:
            find_adgroup(caller, advertiser_id, adgroup_id, smart_plus=False)
        edited: dict[str, Ad] = {}
        now = int(caller.now)
        for number, creative in enumerate(creatives):
            ad_id, at = creative["ad_id"], prefix.format(number)
            ad = find_ad(caller, advertiser_id, ad_id)
            if adgroup_id is not None and ad.adgroup_id != adgroup_id:
                raise errors.InvalidParameter(
                    f"{at}ad_id", f"ad {ad_id!r} is not an ad of ad group {adgroup_id!r}."
                )
            if ad_id in edited:
                raise errors.InvalidParameter(f"{at}ad_id", f"ad {ad_id!r} is sent twice.")
            check_changeable("ad", ad_id, ad.operation_status)
            ad = _edited(ad, creative["settings"], patch_update, caller.now, at)
            check_asset_references(caller.world, advertiser_id, creative["settings"], at)
            outcome, reason, due = caller.sandbox.review_policy.submit(
                now, ad.ad_text, ad.landing_page_url
            )
            ad = replace(
                ad, review_outcome=outcome, review_reason=reason, review_due_at=due, modify_time=now
            )
            edited[ad_id] = settle_push(caller.world, ad, caller.now)
        for ad in edited.values():
            caller.world.replace(ad)
        return [_view(caller, ad) for ad in edited.values()]


def ad_status_update(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    ad_ids: Sequence[str],
    operation_status: OperationStatus,
) -> list[str]:
    """Enable, disable or delete ads; all or none. Deleting frees a Spark ad slot."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = [find_ad(caller, advertiser_id, i) for i in dict.fromkeys(ad_ids)]
        for ad in found:
            check_changeable("ad", ad.ad_id, ad.operation_status)
        now = int(caller.now)
        set_operation_status(caller.world, found, operation_status, now)
        return [ad.ad_id for ad in found]
