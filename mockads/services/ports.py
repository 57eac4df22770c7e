"""What the services need from storage; `mockads.store` implements it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, BinaryIO, Protocol, Self, TypeVar

from mockads.domain.ads import Ad
from mockads.domain.clock import Clock
from mockads.domain.enums import ItemType, OperationStatus
from mockads.domain.library import VideoFacts
from mockads.domain.model import (
    Advertiser,
    BusinessCenter,
    Creator,
    Identity,
    LinkedPost,
    Post,
    Sandbox,
    SparkCode,
    World,
)
from mockads.domain.review import ReviewPolicy

__all__ = [
    "JsonRows",
    "MediaStore",
    "SandboxRepository",
    "SparkPostRow",
    "StagedMedia",
    "Store",
    "UnitOfWork",
    "WorldReader",
    "WorldRepository",
]

E = TypeVar("E")

#: A linked post with its code, post and creator, as `tt_video/list/` needs it.
LinkedRow = tuple[LinkedPost, SparkCode, Post, Creator]
#: A sandbox's state rows as JSON: table name -> rows (column name -> JSON value), in key order.
JsonRows = dict[str, list[dict[str, Any]]]
#: A code with its post, creator, the advertiser's link and another advertiser using the code.
SparkPostRow = tuple[SparkCode, Post, Creator, LinkedPost | None, str | None]


class SandboxRepository(Protocol):
    """The sandboxes of this server."""

    def get(self, sandbox_id: str) -> Sandbox | None: ...
    def by_token(
        self, access_token: str, advertiser_id: str | None = None
    ) -> tuple[Sandbox, bool] | None: ...
    def all(self) -> list[Sandbox]: ...
    def count(self) -> int: ...
    def add(self, sandbox: Sandbox) -> None: ...
    def update(self, sandbox: Sandbox) -> None: ...
    def set_clock(self, sandbox_id: str, clock: Clock) -> None: ...
    def set_review_policy(self, sandbox_id: str, policy: ReviewPolicy) -> None: ...
    def remove(self, sandbox_id: str) -> None: ...


class WorldReader(Protocol):
    """What a summary of a world reads: a stored sandbox's world, or a scenario's in memory."""

    def get(self, cls: type[E], *key: str) -> E | None: ...
    def advertisers(self, advertiser_ids: Sequence[str] | None = None) -> list[Advertiser]: ...
    def business_centers(self) -> list[BusinessCenter]: ...
    def identities(self, advertiser_id: str) -> list[Identity]: ...
    def creators(self) -> list[Creator]: ...
    def spark_codes(self) -> list[SparkCode]: ...
    def spark_post(
        self, auth_code: str, advertiser_id: str | None = None
    ) -> SparkPostRow | None: ...
    def linked_posts(self) -> list[LinkedPost]: ...


class WorldRepository(WorldReader, Protocol):
    """One sandbox's world; every method sees only that sandbox's rows."""

    def add(self, entity: object) -> None: ...
    def replace(self, entity: object) -> None: ...
    def remove(self, entity: object) -> None: ...
    def owned(self, cls: type[E], advertiser_id: str) -> list[E]: ...
    def count_ads(
        self,
        *,
        advertiser_id: str | None = None,
        item_id: str | None = None,
        spark_only: bool = False,
        enabled_only: bool = False,
    ) -> int: ...
    def ads_page(
        self,
        advertiser_id: str,
        *,
        statuses: Iterable[OperationStatus],
        campaign_ids: Sequence[str] = (),
        adgroup_ids: Sequence[str] = (),
        ad_ids: Sequence[str] = (),
        offset: int = 0,
        limit: int = 10,
    ) -> tuple[list[Ad], int]: ...
    def posts_of(self, creator_id: str) -> list[Post]: ...
    def codes_of(self, item_id: str) -> list[SparkCode]: ...
    def load(self, world: World) -> None: ...
    def clear(self) -> None: ...
    def export(self) -> World: ...
    def dump_rows(self) -> JsonRows: ...
    def replace_rows(self, rows: Any) -> None: ...
    def has_advertiser(self, advertiser_id: str) -> bool: ...
    def linked_creators(self, advertiser_id: str) -> list[Creator]: ...
    def linked_spark_posts(
        self,
        advertiser_id: str,
        item_types: Sequence[ItemType],
        keyword: str | None,
        offset: int,
        limit: int,
    ) -> tuple[list[LinkedRow], int]: ...


class UnitOfWork(Protocol):
    """One transaction: committed when the block ends normally, rolled back on an error."""

    sandboxes: SandboxRepository

    def world(self, sandbox_id: str) -> WorldRepository: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class Store(Protocol):
    """Where worlds live."""

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork: ...
    def load_rows(self, tables: Any) -> Any: ...


class StagedMedia(Protocol):
    """An upload on disk, hashed, not yet kept."""

    @property
    def size(self) -> int: ...
    @property
    def md5(self) -> str: ...


class MediaStore(Protocol):
    """Where uploaded media goes; `mockads.media` implements it."""

    def stage(self, stream: BinaryIO, limit: int) -> AbstractContextManager[StagedMedia]: ...
    def probe(self, staged: StagedMedia) -> VideoFacts: ...
    def keep(self, staged: StagedMedia, facts: VideoFacts) -> None: ...
    def kept(self, signature: str, video_format: str) -> bytes | None: ...
