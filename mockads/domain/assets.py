"""What an ETL client reads beside campaigns: the token's user, the music library, creative
portfolios and custom audiences of an advertiser."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, ClassVar

from mockads.domain import errors, ids
from mockads.domain.model import Timed

__all__ = [
    "AUDIENCE_TYPES",
    "EXPIRING_WITHIN",
    "MUSIC_SOURCES",
    "PORTFOLIO_TYPES",
    "CreativePortfolio",
    "CustomAudience",
    "Music",
    "User",
    "new_portfolio",
]

#: `sources` a music of the library can come from (unsure: the real list is not documented).
MUSIC_SOURCES = ("CUSTOM", "PIXABAY", "CREATIVE_CENTER")
#: `creative_portfolio_type` values mockads takes (unsure: from third-party transcriptions).
PORTFOLIO_TYPES = ("CTA", "DISPLAY_CARD", "GIFT_CODE", "DOWNLOAD_CARD", "STICKER")
#: `audience_type` of `dmp/custom_audience/list/`, as the real API words them.
AUDIENCE_TYPES = (
    "Customer File Audience",
    "Engagement Audience",
    "App Activity Audience",
    "Website Traffic Audience",
    "Lookalike Audience",
)
#: An audience whose expiry is this close (seconds) reads `is_expiring: true`.
EXPIRING_WITHIN = 30 * 86_400
MAX_PORTFOLIO_ITEMS = 20


@dataclass(frozen=True, slots=True)
class User(Timed):
    """The person behind a sandbox's access token (`user/info/`)."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time",)

    user_id: str
    display_name: str
    email: str
    create_time: int


@dataclass(frozen=True, slots=True)
class Music(Timed):
    """A track of an advertiser's music library (`file/music/get/`)."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time", "modify_time")

    music_id: str
    advertiser_id: str
    material_id: str
    name: str
    author: str
    file_name: str
    duration: float
    style: str
    signature: str
    sources: tuple[str, ...]
    copyright: str
    liked: bool
    create_time: int
    modify_time: int


@dataclass(frozen=True, slots=True)
class CreativePortfolio(Timed):
    """A creative portfolio (interactive add-on, card, CTA set) ads may name by id."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time",)

    creative_portfolio_id: str
    advertiser_id: str
    creative_portfolio_type: str
    portfolio_content: tuple[Any, ...]
    create_time: int


@dataclass(frozen=True, slots=True)
class CustomAudience(Timed):
    """A custom audience of an advertiser (`dmp/custom_audience/list/`)."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time", "expired_time")

    audience_id: str
    advertiser_id: str
    name: str
    audience_type: str
    calculate_type: str
    cover_num: int
    is_creator: bool
    shared: bool
    create_time: int
    expired_time: int

    def is_valid_at(self, now: float) -> bool:
        """Whether the audience can be targeted at sandbox time `now` (not expired)."""
        return now < self.expired_time

    def is_expiring_at(self, now: float) -> bool:
        """Whether it is still valid but expires within 30 days."""
        return self.is_valid_at(now) and self.expired_time - now <= EXPIRING_WITHIN


def new_portfolio(
    rng: random.Random,
    advertiser_id: str,
    portfolio_type: str,
    content: list[dict[str, Any]],
    now: int,
) -> CreativePortfolio:
    """A portfolio as `creative/portfolio/create/` makes it: a known type, 1-20 items."""
    if portfolio_type not in PORTFOLIO_TYPES:
        raise errors.InvalidParameter(
            "creative_portfolio_type", f"must be one of {', '.join(PORTFOLIO_TYPES)}."
        )
    if not 1 <= len(content) <= MAX_PORTFOLIO_ITEMS:
        raise errors.InvalidParameter(
            "portfolio_content", f"give 1 to {MAX_PORTFOLIO_ITEMS} items ({len(content)} given)."
        )
    return CreativePortfolio(
        creative_portfolio_id=ids.new_numeric_id(rng),
        advertiser_id=advertiser_id,
        creative_portfolio_type=portfolio_type,
        portfolio_content=tuple(content),
        create_time=now,
    )
