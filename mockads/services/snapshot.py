"""A built world read in memory, as the store reads a sandbox's (for `mockads scenario show`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any, TypeVar

from mockads.domain.ads import Ad
from mockads.domain.assets import CreativePortfolio, CustomAudience, Music, User
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.images import LibraryImage
from mockads.domain.library import LibraryVideo
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
from mockads.domain.oauth import AccessGrant, AuthCode, OAuthApp
from mockads.services.ports import SparkPostRow

__all__ = ["WorldSnapshot"]

E = TypeVar("E")

#: The fields that name one entity of each kind, as the store's primary keys do.
_KEYS: dict[type, tuple[str, ...]] = {
    Advertiser: ("advertiser_id",),
    BusinessCenter: ("bc_id",),
    Creator: ("creator_id",),
    Post: ("item_id",),
    SparkCode: ("auth_code",),
    Identity: ("identity_id", "advertiser_id"),
    LinkedPost: ("advertiser_id", "item_id"),
    LibraryVideo: ("video_id", "advertiser_id"),
    Campaign: ("campaign_id",),
    AdGroup: ("adgroup_id",),
    Ad: ("ad_id",),
    User: ("user_id",),
    LibraryImage: ("image_id", "advertiser_id"),
    Music: ("music_id", "advertiser_id"),
    CreativePortfolio: ("creative_portfolio_id",),
    CustomAudience: ("audience_id",),
    OAuthApp: ("app_id",),
    AuthCode: ("auth_code",),
    AccessGrant: ("access_token",),
}


class WorldSnapshot:
    """A `WorldReader` over a `World` held in memory; lists come in the store's order."""

    def __init__(self, world: World) -> None:
        self.world = world
        self._by_key: dict[tuple[type, tuple[str, ...]], Any] = {}
        for f in fields(world):
            for entity in getattr(world, f.name):
                cls = type(entity)
                key = tuple(getattr(entity, name) for name in _KEYS[cls])
                self._by_key[(cls, key)] = entity

    def get(self, cls: type[E], *key: str) -> E | None:
        """The entity of type `cls` with this key, or None."""
        found: E | None = self._by_key.get((cls, key))
        return found

    def advertisers(self, advertiser_ids: Sequence[str] | None = None) -> list[Advertiser]:
        """Advertisers, all or those named, by id."""
        found = sorted(self.world.advertisers, key=lambda a: a.advertiser_id)
        return [a for a in found if advertiser_ids is None or a.advertiser_id in advertiser_ids]

    def business_centers(self) -> list[BusinessCenter]:
        """Business Centers, by id."""
        return sorted(self.world.business_centers, key=lambda bc: bc.bc_id)

    def oauth_apps(self) -> list[OAuthApp]:
        """Registered apps, by id."""
        return sorted(self.world.oauth_apps, key=lambda app: app.app_id)

    def identities(self, advertiser_id: str) -> list[Identity]:
        """Stored identities of an advertiser, oldest first."""
        found = [i for i in self.world.identities if i.advertiser_id == advertiser_id]
        return sorted(found, key=lambda i: (i.create_time, i.identity_id))

    def creators(self) -> list[Creator]:
        """Every creator, oldest first."""
        return sorted(self.world.creators, key=lambda c: (c.create_time, c.creator_id))

    def spark_codes(self) -> list[SparkCode]:
        """Every code, oldest first."""
        return sorted(self.world.spark_codes, key=lambda c: (c.auth_start_time, c.auth_code))

    def linked_posts(self) -> list[LinkedPost]:
        """Every link, by advertiser and post."""
        return sorted(self.world.linked_posts, key=lambda k: (k.advertiser_id, k.item_id))

    def spark_post(self, auth_code: str, advertiser_id: str | None = None) -> SparkPostRow | None:
        """A code with its post, creator, the advertiser's link to the post and another
        advertiser whose link uses the code (as its own or the original's); or None."""
        code = self.get(SparkCode, auth_code)
        if code is None:
            return None
        post = self.get(Post, code.item_id)
        creator = self.get(Creator, post.creator_id) if post else None
        if post is None or creator is None:
            return None
        if advertiser_id is None:  # as in SQL, where nothing equals NULL
            return code, post, creator, None, None
        linked = self.get(LinkedPost, advertiser_id, post.item_id)
        others = [
            k.advertiser_id
            for k in self.world.linked_posts
            if auth_code in (k.auth_code, k.original_auth_code) and k.advertiser_id != advertiser_id
        ]
        return code, post, creator, linked, min(others, default=None)
