"""Reads that fetch several entities a use case needs in one query, into the identity map.

A Spark creative of `ad/create/` needs its post, the post's creator, the advertiser's link to
the post, the link's code and the identity it runs as: five look-ups by key, one after the
other. One joined read answers them all and files each under its key (an identity not stored,
as an AUTH_CODE creative's, is filed as None), so the service's `get` calls that follow cost no
query (`SqlWorldRepository.get`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, bindparam, select

from mockads.domain.model import Creator, Identity, LinkedPost, Post, SparkCode
from mockads.store.entity_statements import entity_statements
from mockads.store.mapping import columns
from mockads.store.prepared import PreparedQuery
from mockads.store.tables import creators, identities, linked_posts, posts, spark_codes
from mockads.store.transaction import Transaction

__all__ = ["Prefetch"]

_JOINED = (Post, Creator, LinkedPost, SparkCode, Identity)
_TABLES = (posts, creators, linked_posts, spark_codes, identities)
_WIDTHS = [len(columns(table)) for table in _TABLES]
_SPARK_POST = PreparedQuery(
    select(*(column for table in _TABLES for column in columns(table)))
    .select_from(posts)
    .outerjoin(
        creators,
        and_(
            creators.c.sandbox_id == posts.c.sandbox_id, creators.c.creator_id == posts.c.creator_id
        ),
    )
    .outerjoin(
        linked_posts,
        and_(
            linked_posts.c.sandbox_id == posts.c.sandbox_id,
            linked_posts.c.advertiser_id == bindparam("advertiser_id"),
            linked_posts.c.item_id == posts.c.item_id,
        ),
    )
    .outerjoin(
        spark_codes,
        and_(
            spark_codes.c.sandbox_id == linked_posts.c.sandbox_id,
            spark_codes.c.auth_code == linked_posts.c.auth_code,
        ),
    )
    .outerjoin(
        identities,
        and_(
            identities.c.sandbox_id == posts.c.sandbox_id,
            identities.c.identity_id == bindparam("identity_id"),
            identities.c.advertiser_id == bindparam("advertiser_id"),
        ),
    )
    .where(posts.c.sandbox_id == bindparam("sid"), posts.c.item_id == bindparam("item_id"))
)


class Prefetch:
    """Part of SqlWorldRepository: joined reads filed in the transaction's identity map."""

    _tx: Transaction
    _sid: str

    def prefetch_spark_post(self, advertiser_id: str, item_id: str, identity_id: str) -> None:
        """Read a post, its creator, the advertiser's link to it, the link's code and the
        advertiser's identity `identity_id` at once (a no-op when the post, the link and the
        identity were read already)."""
        known = self._tx.entities
        post_slot = (self._sid, Post, (item_id,))
        link_slot = (self._sid, LinkedPost, (advertiser_id, item_id))
        identity_slot = (self._sid, Identity, (identity_id, advertiser_id))
        if post_slot in known and link_slot in known and identity_slot in known:
            return
        params = {
            "sid": self._sid,
            "advertiser_id": advertiser_id,
            "item_id": item_id,
            "identity_id": identity_id,
        }
        row = _SPARK_POST.first(self._tx, params)
        if row is None:
            known.setdefault(post_slot, None)
            return
        start = 0
        found: list[Any] = []
        for cls, width in zip(_JOINED, _WIDTHS, strict=True):
            values = row[start : start + width]
            start += width
            found.append(cls(*values) if values[0] is not None else None)
        post, creator, link, code, identity = found
        known.setdefault(post_slot, post)
        known.setdefault(link_slot, link)
        known.setdefault(identity_slot, identity)
        for entity in (creator, code):
            if entity is not None:
                slot = (self._sid, type(entity), entity_statements(type(entity)).key(entity))
                known.setdefault(slot, entity)
