"""The ETL side of a scenario's world (issue 15): the token's user, and each advertiser's
images, music, creative portfolios and custom audiences."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from mockads.domain import ids
from mockads.domain.assets import (
    AUDIENCE_TYPES,
    MUSIC_SOURCES,
    PORTFOLIO_TYPES,
    CreativePortfolio,
    CustomAudience,
    Music,
    User,
)
from mockads.domain.images import LibraryImage
from mockads.domain.model import Advertiser
from mockads.scenarios.catalog import ScenarioSpec

if TYPE_CHECKING:
    from faker import Faker

__all__ = ["AssetsWorldMixin"]

DAY = 86_400
_MUSIC_STYLES = ("Pop", "Hip Hop", "Electronic", "Acoustic", "Rock", "Lo-fi")
_IMAGE_SIZES = ((1080, 1920), (1200, 628), (720, 1280), (640, 640), (98, 98))
_CALCULATE_TYPES = ("EMAIL_SHA256", "PHONE_SHA256", "IDFA_SHA256", "MULTIPLE_TYPES")


def _md5(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


class AssetsWorldMixin:
    """Builds the ETL assets; the world builder supplies the random sources."""

    spec: ScenarioSpec
    rng: random.Random
    fake: Faker

    def _assets(self, advertisers: list[Advertiser]) -> dict[str, tuple[Any, ...]]:
        """Every asset of the scenario, keyed by World field."""
        made: dict[str, list[Any]] = {
            "library_images": [],
            "musics": [],
            "creative_portfolios": [],
            "custom_audiences": [],
        }
        user = self._user()
        for advertiser in advertisers:
            made["library_images"] += [
                self._image(advertiser, n) for n in range(self.spec.library_images)
            ]
            made["musics"] += [self._music(advertiser) for _ in range(self.spec.musics)]
            made["creative_portfolios"] += [
                self._portfolio(advertiser, n) for n in range(self.spec.creative_portfolios)
            ]
            made["custom_audiences"] += [
                self._audience(advertiser, n) for n in range(self.spec.custom_audiences)
            ]
        return {"users": (user,), **{name: tuple(items) for name, items in made.items()}}

    def _user(self) -> User:
        name = self.fake.name()
        return User(
            user_id=ids.new_numeric_id(self.rng),
            display_name=name,
            email=self.fake.free_email(),
            create_time=-self.rng.randint(900, 2_500) * DAY,
        )

    def _created(self, advertiser: Advertiser) -> int:
        """A time after the ad account was opened and before now."""
        return self.rng.randint(advertiser.create_time + DAY, -DAY)

    def _image(self, advertiser: Advertiser, index: int) -> LibraryImage:
        width, height = _IMAGE_SIZES[index % len(_IMAGE_SIZES)]
        image_format = self.rng.choice(["jpeg", "png"])
        created = self._created(advertiser)
        return LibraryImage(
            image_id=ids.new_image_id(self.rng),
            advertiser_id=advertiser.advertiser_id,
            material_id=ids.new_numeric_id(self.rng),
            file_name=f"{self.fake.slug()}.{image_format}",
            format=image_format,
            width=width,
            height=height,
            size=self.rng.randint(20_000, 900_000),
            signature=_md5(self.rng),
            create_time=created,
            modify_time=created,
        )

    def _music(self, advertiser: Advertiser) -> Music:
        created = self._created(advertiser)
        source = self.rng.choice(MUSIC_SOURCES)
        return Music(
            music_id=ids.new_numeric_id(self.rng),
            advertiser_id=advertiser.advertiser_id,
            material_id=ids.new_numeric_id(self.rng),
            name=self.fake.catch_phrase(),
            author=self.fake.name(),
            file_name=f"{self.fake.slug()}.mp3",
            duration=round(self.rng.uniform(15, 180), 3),
            style=self.rng.choice(_MUSIC_STYLES),
            signature=_md5(self.rng),
            sources=(source,),
            copyright="COPYRIGHT_FREE" if source != "CUSTOM" else "UPLOADED_BY_ADVERTISER",
            liked=self.rng.random() < 0.3,
            create_time=created,
            modify_time=created,
        )

    def _portfolio(self, advertiser: Advertiser, index: int) -> CreativePortfolio:
        portfolio_type = PORTFOLIO_TYPES[index % len(PORTFOLIO_TYPES)]
        content = {"asset_content": self.fake.catch_phrase()[:40], "asset_ids": []}
        return CreativePortfolio(
            creative_portfolio_id=ids.new_numeric_id(self.rng),
            advertiser_id=advertiser.advertiser_id,
            creative_portfolio_type=portfolio_type,
            portfolio_content=(content,),
            create_time=self._created(advertiser),
        )

    def _audience(self, advertiser: Advertiser, index: int) -> CustomAudience:
        audience_type = AUDIENCE_TYPES[index % len(AUDIENCE_TYPES)]
        # Audiences last a year: the first is valid, the second expires within 30 days (its
        # `is_expiring`), the third has expired; then again.
        age = (self.rng.randint(1, 300), self.rng.randint(340, 360), 400)[index % 3]
        created = -age * DAY - self.rng.randint(0, DAY)
        return CustomAudience(
            audience_id=ids.new_numeric_id(self.rng),
            advertiser_id=advertiser.advertiser_id,
            name=f"{self.fake.word().title()} {audience_type.split()[0].lower()} audience",
            audience_type=audience_type,
            calculate_type=self.rng.choice(_CALCULATE_TYPES),
            cover_num=self.rng.randint(1_000, 2_000_000),
            is_creator=True,
            shared=False,
            create_time=created,
            expired_time=created + 365 * DAY,
        )
