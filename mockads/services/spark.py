"""Spark posts linked by code: `tt_video/info/`, `tt_video/authorize/`, `tt_video/list/`."""

from __future__ import annotations

from collections.abc import Sequence

from mockads.domain import errors
from mockads.domain.enums import ItemType
from mockads.domain.model import LinkedPost
from mockads.domain.spark import SparkPost, check_auth_code_format, check_linkable
from mockads.services.access import Caller, authenticate
from mockads.services.paging import Page
from mockads.services.ports import Store

__all__ = ["tt_video_authorize", "tt_video_info", "tt_video_list"]


def _spark_post(caller: Caller, advertiser_id: str, auth_code: str) -> SparkPost:
    check_auth_code_format(auth_code)
    found = caller.world.spark_post(auth_code, advertiser_id)
    if found is None:
        raise errors.AuthCodeNotFound()
    code, post, creator, linked = found
    return SparkPost(post, creator, code, caller.now, linked)


def tt_video_info(
    store: Store, access_token: str | None, advertiser_id: str, auth_code: str
) -> SparkPost:
    """The post behind a code, before linking (Apply for Authorization → Search)."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        spark_post = _spark_post(caller, advertiser_id, auth_code)
    if spark_post.post.deleted:
        raise errors.PostDeleted()
    return spark_post


def tt_video_authorize(
    store: Store, access_token: str | None, advertiser_id: str, auth_code: str
) -> None:
    """Link the post behind a code to the advertiser (Apply for Authorization → Link)."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        spark_post = _spark_post(caller, advertiser_id, auth_code)
        check_linkable(spark_post)
        caller.world.add_linked_post(
            LinkedPost(advertiser_id, spark_post.post.item_id, auth_code, int(caller.now))
        )


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
