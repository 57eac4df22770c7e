"""Entities to rows and back: every table mirrors one entity dataclass, field for field."""

from __future__ import annotations

from dataclasses import Field, fields
from typing import Any

from sqlalchemy import Column, Table

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
from mockads.store.tables import (
    adgroups,
    ads,
    advertisers,
    business_centers,
    campaigns,
    creative_portfolios,
    creators,
    custom_audiences,
    identities,
    library_images,
    library_videos,
    linked_posts,
    musics,
    oauth_apps,
    oauth_auth_codes,
    oauth_grants,
    posts,
    spark_codes,
    users,
)

__all__ = ["ENTITY_TABLES", "columns", "row_values", "world_classes"]

#: Which table holds which entity. Table columns after `sandbox_id` are the entity's fields, in
#: order (a unit test proves it), so rows turn into entities positionally, without per-row dicts.
ENTITY_TABLES: dict[type, Table] = {
    Advertiser: advertisers,
    Creator: creators,
    Post: posts,
    SparkCode: spark_codes,
    Identity: identities,
    LinkedPost: linked_posts,
    LibraryVideo: library_videos,
    Campaign: campaigns,
    AdGroup: adgroups,
    Ad: ads,
    BusinessCenter: business_centers,
    User: users,
    LibraryImage: library_images,
    Music: musics,
    CreativePortfolio: creative_portfolios,
    CustomAudience: custom_audiences,
    OAuthApp: oauth_apps,
    AuthCode: oauth_auth_codes,
    AccessGrant: oauth_grants,
}


def columns(table: Table) -> list[Column[Any]]:
    """A table's columns but `sandbox_id`: the entity's fields, in order."""
    return [column for column in table.c if column.name != "sandbox_id"]


def row_values(sandbox_id: str, entity: Any) -> dict[str, Any]:
    """An entity as the row that stores it in a sandbox."""
    values = {f.name: getattr(entity, f.name) for f in fields(entity)}
    values["sandbox_id"] = sandbox_id
    return values


def world_classes() -> list[tuple[Field[Any], type]]:
    """Each field of World with the entity class its tuple holds."""
    by_table = {table.name: cls for cls, table in ENTITY_TABLES.items()}
    return [(f, by_table[f.name]) for f in fields(World)]
