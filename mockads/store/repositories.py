"""Repositories: domain entities in and out of the tables, always scoped by sandbox."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import and_, bindparam, delete, func, or_, select

from mockads.domain.ads import Ad
from mockads.domain.enums import ItemType
from mockads.domain.model import (
    Advertiser,
    BusinessCenter,
    Creator,
    Identity,
    LinkedPost,
    Post,
    SparkCode,
    World,
)
from mockads.domain.oauth import OAuthApp
from mockads.store import state
from mockads.store.ad_queries import AdQueries
from mockads.store.delivery_queries import DeliveryQueries
from mockads.store.entity_statements import EntityStatements, entity_statements
from mockads.store.mapping import ENTITY_TABLES, columns, world_classes
from mockads.store.prefetch import Prefetch
from mockads.store.prepared import PreparedQuery
from mockads.store.spark_ad_counts import SparkAdCounts
from mockads.store.status_history import StatusHistory
from mockads.store.tables import (
    WORLD_TABLES,
    advertisers,
    creators,
    identities,
    linked_posts,
    posts,
    spark_codes,
)
from mockads.store.transaction import Transaction

__all__ = ["ENTITY_TABLES", "SqlWorldRepository"]

E = TypeVar("E")

# Statements on the hot path are built once: building a statement costs more than running it.
_SID = bindparam("sid")
_HAS_ADVERTISER = PreparedQuery(
    select(advertisers.c.advertiser_id).where(
        advertisers.c.sandbox_id == _SID, advertisers.c.advertiser_id == bindparam("advertiser_id")
    )
)
_OTHER_LINKS = linked_posts.alias("other_links")
#: Another advertiser whose link uses the code (as its own or the original's code), or NULL.
_OTHER_ADVERTISER = (
    select(func.min(_OTHER_LINKS.c.advertiser_id))
    .where(
        _OTHER_LINKS.c.sandbox_id == spark_codes.c.sandbox_id,
        or_(
            _OTHER_LINKS.c.auth_code == spark_codes.c.auth_code,
            _OTHER_LINKS.c.original_auth_code == spark_codes.c.auth_code,
        ),
        _OTHER_LINKS.c.advertiser_id != bindparam("advertiser_id"),
    )
    .scalar_subquery()
)
_SPARK_POST = PreparedQuery(
    select(
        *columns(spark_codes),
        *columns(posts),
        *columns(creators),
        *columns(linked_posts),
        _OTHER_ADVERTISER,
    )
    .join(
        posts,
        and_(
            posts.c.sandbox_id == spark_codes.c.sandbox_id, posts.c.item_id == spark_codes.c.item_id
        ),
    )
    .join(
        creators,
        and_(
            creators.c.sandbox_id == posts.c.sandbox_id, creators.c.creator_id == posts.c.creator_id
        ),
    )
    .outerjoin(
        linked_posts,
        and_(
            linked_posts.c.sandbox_id == posts.c.sandbox_id,
            linked_posts.c.item_id == posts.c.item_id,
            linked_posts.c.advertiser_id == bindparam("advertiser_id"),
        ),
    )
    .where(spark_codes.c.sandbox_id == _SID, spark_codes.c.auth_code == bindparam("auth_code"))
)
_N_CODE = len(columns(spark_codes))
_N_POST = len(columns(posts))
_N_CREATOR = len(columns(creators))


class SqlWorldRepository(AdQueries, DeliveryQueries, StatusHistory, SparkAdCounts, Prefetch):
    """One sandbox's world."""

    def __init__(self, transaction: Transaction, sandbox_id: str) -> None:
        self._tx = transaction
        self._sid = sandbox_id

    def _select(self, cls: type, *where: Any, order_by: Iterable[Any] = ()) -> list[Any]:
        table = ENTITY_TABLES[cls]
        query = (
            select(*columns(table))
            .where(table.c.sandbox_id == self._sid, *where)
            .order_by(*order_by, *table.primary_key.columns)
        )
        return [cls(*row) for row in self._tx.connection.execute(query)]

    def get(self, cls: type[E], *key: str) -> E | None:
        """The entity of type `cls` with this primary key (sandbox id aside), or None; read
        once per transaction."""
        known = self._tx.entities
        slot = (self._sid, cls, key)
        if slot in known:
            return known[slot]  # type: ignore[no-any-return]
        found = entity_statements(cls).fetch(self._tx, self._sid, key)
        known[slot] = found
        return found  # type: ignore[no-any-return]

    def add(self, entity: Any) -> None:
        """Insert a new entity."""
        self.add_all([entity])

    def add_all(self, entities: Sequence[Any], *, claimed: bool = False) -> None:
        """Insert new entities of one class (one driver call); `claimed`: new Spark ads among
        them were counted already (`claim_spark_ads`)."""
        if entities:
            statements = entity_statements(type(entities[0]))
            statements.add(self._tx, self._sid, entities)
            self._remember(statements, entities)
            if statements.entity_class is Ad and not claimed:
                self._count_added(entities)
            self._record_creations(entities)

    def replace(self, entity: Any) -> None:
        """Overwrite a stored entity with this version of it."""
        statements = entity_statements(type(entity))
        if isinstance(entity, Ad):
            self._follow(entity)
        self._record_change(entity)
        statements.replace(self._tx, self._sid, entity)
        self._remember(statements, [entity])

    def remove(self, entity: Any) -> None:
        """Delete a stored entity."""
        statements = entity_statements(type(entity))
        if isinstance(entity, Ad):
            self._follow(entity, removed=True)
        statements.remove(self._tx, self._sid, entity)
        self._tx.entities[self._sid, statements.entity_class, statements.key(entity)] = None

    def _remember(self, statements: EntityStatements, entities: Sequence[Any]) -> None:
        for entity in entities:
            self._tx.entities[self._sid, statements.entity_class, statements.key(entity)] = entity

    def owned(self, cls: type[E], advertiser_id: str) -> list[E]:
        """Every object of type `cls` an advertiser owns (deleted ones too), oldest first."""
        table = ENTITY_TABLES[cls]
        return self._select(
            cls, table.c.advertiser_id == advertiser_id, order_by=[table.c.create_time]
        )

    def every(self, cls: type[E]) -> list[E]:
        """Every object of type `cls` in the sandbox, by primary key."""
        return self._select(cls)

    def posts_of(self, creator_id: str) -> list[Post]:
        """A creator's posts (deleted ones too), newest first."""
        return self._select(
            Post, posts.c.creator_id == creator_id, order_by=[posts.c.create_time.desc()]
        )

    def codes_of(self, item_id: str) -> list[SparkCode]:
        """Every code generated for a post, oldest first."""
        return self._select(
            SparkCode, spark_codes.c.item_id == item_id, order_by=[spark_codes.c.auth_start_time]
        )

    def load(self, world: World) -> None:
        """Insert every entity of `world` (bulk: one prepared statement per table)."""
        for f in fields(World):
            entities = getattr(world, f.name)
            if entities:
                entity_statements(type(entities[0])).add(self._tx, self._sid, entities)
        self._complete_history()
        self._tx.entities.clear()
        self._drop_spark_ad_counts()

    def clear(self) -> None:
        """Delete every row of this sandbox's world."""
        for table in WORLD_TABLES:
            self._tx.connection.execute(delete(table).where(table.c.sandbox_id == self._sid))
        self._clear_history()
        self._tx.entities.clear()
        self._drop_spark_ad_counts()

    def export(self) -> World:
        """The whole world, every table in primary-key order."""
        return World(**{f.name: tuple(self._select(cls)) for f, cls in world_classes()})

    def dump_rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every state row of this sandbox as JSON values (`store/state.py`)."""
        return state.dump_rows(self._tx.connection, self._sid)

    def replace_rows(self, rows: state.StateRows) -> None:
        """Replace every state row of this sandbox with rows `SqlStore.load_rows` checked."""
        state.replace_rows(self._tx.connection, self._sid, rows)
        self._complete_history()
        self._tx.entities.clear()
        self._drop_spark_ad_counts()

    def advertisers(self, advertiser_ids: Sequence[str] | None = None) -> list[Advertiser]:
        """Advertisers, all or those named."""
        where = [] if advertiser_ids is None else [advertisers.c.advertiser_id.in_(advertiser_ids)]
        return self._select(Advertiser, *where)

    def business_centers(self) -> list[BusinessCenter]:
        """Every Business Center the sandbox's token reaches, by id."""
        return self._select(BusinessCenter)

    def oauth_apps(self) -> list[OAuthApp]:
        """The apps registered in the sandbox, by id."""
        return self._select(OAuthApp)

    def has_advertiser(self, advertiser_id: str) -> bool:
        """Whether the advertiser exists in this sandbox."""
        params = {"sid": self._sid, "advertiser_id": advertiser_id}
        return _HAS_ADVERTISER.first(self._tx, params) is not None

    def identities(self, advertiser_id: str) -> list[Identity]:
        """Stored identities of an advertiser (TT_USER, BC_AUTH_TT, CUSTOMIZED_USER)."""
        return self._select(
            Identity,
            identities.c.advertiser_id == advertiser_id,
            order_by=[identities.c.create_time],
        )

    def creators(self) -> list[Creator]:
        """Every creator."""
        return self._select(Creator, order_by=[creators.c.create_time])

    def linked_creators(self, advertiser_id: str) -> list[Creator]:
        """Creators with at least one post linked to the advertiser."""
        linked_items = (
            select(posts.c.creator_id)
            .join(
                linked_posts,
                and_(
                    linked_posts.c.sandbox_id == posts.c.sandbox_id,
                    linked_posts.c.item_id == posts.c.item_id,
                ),
            )
            .where(posts.c.sandbox_id == self._sid, linked_posts.c.advertiser_id == advertiser_id)
        )
        return self._select(Creator, creators.c.creator_id.in_(linked_items))

    def spark_codes(self) -> list[SparkCode]:
        """Every code ever generated in this sandbox."""
        return self._select(SparkCode, order_by=[spark_codes.c.auth_start_time])

    def spark_post(
        self, auth_code: str, advertiser_id: str | None = None
    ) -> tuple[SparkCode, Post, Creator, LinkedPost | None, str | None] | None:
        """A code with its post, the post's creator, the advertiser's link to it and another
        advertiser whose link uses the code; or None."""
        params = {"sid": self._sid, "auth_code": auth_code, "advertiser_id": advertiser_id}
        row = _SPARK_POST.first(self._tx, params)
        if row is None:
            return None
        code, post, creator = _split_code_post_creator(row)
        linked_values = row[_N_CODE + _N_POST + _N_CREATOR : -1]
        linked = LinkedPost(*linked_values) if linked_values[0] else None
        return code, post, creator, linked, row[-1]

    def linked_posts(self) -> list[LinkedPost]:
        """Every link of every advertiser in this sandbox."""
        return self._select(LinkedPost)

    def linked_spark_posts(
        self,
        advertiser_id: str,
        item_types: Sequence[ItemType],
        keyword: str | None,
        offset: int,
        limit: int,
    ) -> tuple[list[tuple[LinkedPost, SparkCode, Post, Creator]], int]:
        """One page of the advertiser's linked posts, newest link first, and the total count."""
        where = [
            linked_posts.c.sandbox_id == self._sid,
            linked_posts.c.advertiser_id == advertiser_id,
        ]
        if item_types:
            where.append(posts.c.item_type.in_(item_types))
        if keyword:
            where.append(posts.c.caption.contains(keyword, autoescape=True))
        joined = (
            linked_posts.join(
                spark_codes,
                and_(
                    spark_codes.c.sandbox_id == linked_posts.c.sandbox_id,
                    spark_codes.c.auth_code == linked_posts.c.auth_code,
                ),
            )
            .join(
                posts,
                and_(
                    posts.c.sandbox_id == linked_posts.c.sandbox_id,
                    posts.c.item_id == linked_posts.c.item_id,
                ),
            )
            .join(
                creators,
                and_(
                    creators.c.sandbox_id == posts.c.sandbox_id,
                    creators.c.creator_id == posts.c.creator_id,
                ),
            )
        )
        total = self._tx.connection.execute(
            select(func.count()).select_from(joined).where(*where)
        ).scalar_one()
        query = (
            select(
                *columns(linked_posts),
                *columns(spark_codes),
                *columns(posts),
                *columns(creators),
            )
            .select_from(joined)
            .where(*where)
            .order_by(linked_posts.c.linked_at.desc(), linked_posts.c.item_id)
            .offset(offset)
            .limit(limit)
        )
        n_linked = len(columns(linked_posts))
        page = [
            (LinkedPost(*row[:n_linked]), *_split_code_post_creator(row[n_linked:]))
            for row in self._tx.connection.execute(query)
        ]
        return page, total


def _split_code_post_creator(row: Sequence[Any]) -> tuple[SparkCode, Post, Creator]:
    code_end = _N_CODE
    post_end = code_end + _N_POST
    creator_end = post_end + _N_CREATOR
    return (
        SparkCode(*row[:code_end]),
        Post(*row[code_end:post_end]),
        Creator(*row[post_end:creator_end]),
    )
