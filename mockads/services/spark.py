"""Spark posts linked by code: `tt_video/info|authorize|list|unbind/` and batch authorization."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from mockads.domain import errors
from mockads.domain.enums import ItemType
from mockads.domain.model import LinkedPost, Post, SparkCode
from mockads.domain.spark import (
    MAX_BATCH_CODES,
    SparkPost,
    check_auth_code_format,
    check_linkable,
    check_original_code,
    check_unbindable,
    is_dual_creator,
)
from mockads.services.access import authenticate, open_sandbox
from mockads.services.delivery import with_delivered_engagement
from mockads.services.paging import Page
from mockads.services.ports import Store, WorldRepository

__all__ = [
    "BatchResult",
    "batch_authorize",
    "preview_link",
    "tt_video_authorize",
    "tt_video_info",
    "tt_video_list",
    "tt_video_unbind",
]


def _spark_post(
    world: WorldRepository, now: float, advertiser_id: str, auth_code: str, field: str
) -> SparkPost:
    check_auth_code_format(auth_code, field)
    found = world.spark_post(auth_code, advertiser_id)
    if found is None:
        raise errors.AuthCodeNotFound(field)
    code, post, creator, linked, other_advertiser_id = found
    original = world.get(Post, post.original_item_id) if post.original_item_id else None
    return SparkPost(post, creator, code, now, linked, original, other_advertiser_id)


def _link(
    world: WorldRepository,
    now: float,
    advertiser_id: str,
    auth_code: str,
    original_post_auth_code: str | None,
) -> LinkedPost:
    """Check a code (and the original's, for a Duet/Stitch) and link its post."""
    spark_post = _spark_post(world, now, advertiser_id, auth_code, "auth_code")
    previous = spark_post.linked
    previous_code = world.get(SparkCode, previous.auth_code) if previous else None
    check_linkable(spark_post, linked_code=previous_code)
    original = None
    if original_post_auth_code is not None and is_dual_creator(
        spark_post.post, spark_post.original
    ):
        original = _spark_post(
            world, now, advertiser_id, original_post_auth_code, "original_post_auth_code"
        )
    check_original_code(spark_post, original)
    linked = LinkedPost(
        advertiser_id=advertiser_id,
        item_id=spark_post.post.item_id,
        auth_code=auth_code,
        linked_at=int(now),
        original_auth_code=original.code.auth_code if original else None,
    )
    if previous is None:
        world.add(linked)
    else:  # a renewal: the post stays linked, now through the new code
        world.replace(linked)
    return linked


def tt_video_info(
    store: Store, access_token: str | None, advertiser_id: str, auth_code: str
) -> SparkPost:
    """The post behind a code, before linking (Apply for Authorization → Search), its counters
    with what Spark ads delivered to it."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        spark_post = _spark_post(caller.world, caller.now, advertiser_id, auth_code, "auth_code")
    if spark_post.post.deleted:
        raise errors.PostDeleted()
    post = with_delivered_engagement(store, caller.sandbox, spark_post.post, caller.now)
    return replace(spark_post, post=post)


def preview_link(
    store: Store, access_token: str | None, advertiser_id: str, auth_code: str
) -> SparkPost:
    """Search in Ads Manager: the post behind a code, refused (as linking would refuse it)
    when it cannot be linked; a Duet's or Stitch's original code is asked for at Confirm."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        spark_post = _spark_post(caller.world, caller.now, advertiser_id, auth_code, "auth_code")
        previous = spark_post.linked
        previous_code = caller.world.get(SparkCode, previous.auth_code) if previous else None
    check_linkable(spark_post, linked_code=previous_code)
    return spark_post


def tt_video_authorize(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    auth_code: str,
    original_post_auth_code: str | None = None,
) -> None:
    """Link the post behind a code to the advertiser (Apply for Authorization → Link)."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        _link(caller.world, caller.now, advertiser_id, auth_code, original_post_auth_code)


def tt_video_list(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    item_types: Sequence[ItemType] = (),
    keyword: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[SparkPost]:
    """Posts linked to the advertiser, newest link first, each with its authorization period."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        rows, total = caller.world.linked_spark_posts(
            advertiser_id, item_types, keyword, (page - 1) * page_size, page_size
        )
    items = [
        SparkPost(post, creator, code, caller.now, linked) for linked, code, post, creator in rows
    ]
    return Page(items, page, page_size, total)


def tt_video_unbind(
    store: Store, access_token: str | None, advertiser_id: str, item_id: str
) -> None:
    """Unlink a post; refused while an ad that is not deleted uses it (design rule 8)."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        linked = caller.world.get(LinkedPost, advertiser_id, item_id)
        ads_using = caller.world.count_ads(advertiser_id=advertiser_id, item_id=item_id)
        check_unbindable(item_id, linked, ads_using)
        caller.world.remove(linked)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What happened to one code of a batch."""

    auth_code: str
    linked: LinkedPost | None
    error: errors.SparkError | None


def batch_authorize(
    store: Store,
    sandbox_id: str,
    advertiser_id: str,
    entries: Sequence[tuple[str, str | None]],
) -> list[BatchResult]:
    """Apply for Authorization with up to 20 codes: one result per distinct code (rule 4).

    `entries` are (auth_code, original_post_auth_code or None). More than 20 is refused whole;
    each code is linked or refused on its own, and a refused code changes nothing.
    """
    if len(entries) > MAX_BATCH_CODES:
        raise errors.BatchTooLarge(MAX_BATCH_CODES, len(entries))
    distinct: dict[str, str | None] = {}
    for auth_code, original in entries:  # the first original given for a code counts
        if distinct.get(auth_code) is None:
            distinct[auth_code] = original
    with store.unit_of_work() as uow:
        opened = open_sandbox(uow, sandbox_id)
        world, now = opened.world, opened.now
        if not world.has_advertiser(advertiser_id):
            raise errors.NotFound("advertiser", advertiser_id)
        results = []
        for auth_code, _ in entries:
            if auth_code not in distinct:
                continue
            original = distinct.pop(auth_code)
            try:
                linked = _link(world, now, advertiser_id, auth_code, original)
                results.append(BatchResult(auth_code, linked, None))
            except errors.SparkError as refusal:
                results.append(BatchResult(auth_code, None, refusal))
        return results
