"""The creative library's images: what an image upload must be, and the images it adds."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from typing import ClassVar

from mockads.domain import errors, ids
from mockads.domain.model import Timed

__all__ = [
    "IMAGE_FORMATS",
    "MAX_IMAGE_BYTES",
    "ImageFacts",
    "LibraryImage",
    "check_image",
    "check_image_name_free",
    "check_image_signature",
    "default_image_name",
    "new_library_image",
]

#: Image formats the library accepts, by the name `format` reports.
IMAGE_FORMATS = ("jpeg", "png")
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_NAME = 100
#: The smallest side a carousel image may have (unsure: the real rule is not documented).
_CAROUSEL_MIN_SIDE = 100


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """What an image file is, as read from the file itself."""

    format: str
    width: int
    height: int
    size: int
    signature: str


@dataclass(frozen=True, slots=True)
class LibraryImage(Timed):
    """An image of the advertiser's creative library (covers, carousels, avatars)."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time", "modify_time")

    image_id: str
    advertiser_id: str
    material_id: str
    file_name: str
    format: str
    width: int
    height: int
    size: int
    signature: str
    create_time: int
    modify_time: int

    @property
    def is_carousel_usable(self) -> bool:
        """Whether a carousel may show it: both sides at least 100 pixels."""
        return min(self.width, self.height) >= _CAROUSEL_MIN_SIDE


def check_image_signature(expected: str, actual: str) -> None:
    """`image_signature` must be the MD5 of the file sent (hex, any case)."""
    if expected.strip().lower() != actual:
        raise errors.ImageSignatureMismatch(given=expected, actual=actual)


def check_image(facts: ImageFacts) -> None:
    """Refuse what the library refuses: another format, an empty frame."""
    if facts.format not in IMAGE_FORMATS:
        raise errors.ImageFormatUnsupported(format=facts.format, allowed=", ".join(IMAGE_FORMATS))
    if facts.width < 1 or facts.height < 1:
        raise errors.NotAnImage(detail="it has no pixels")


def default_image_name(name: str | None) -> str:
    """The name an image gets when the client names none: the file's own, at most 100 chars."""
    return ((name or "").replace("\x00", "") or "image.jpeg")[:MAX_IMAGE_NAME]


def check_image_name_free(file_name: str, library: list[LibraryImage]) -> None:
    """Images of one advertiser may not share a file name."""
    if any(image.file_name == file_name for image in library):
        raise errors.ImageNameDuplicated(file_name=file_name)


def new_library_image(
    rng: random.Random, advertiser_id: str, facts: ImageFacts, file_name: str, now: int
) -> LibraryImage:
    """An image added to an advertiser's library, with a new id."""
    return LibraryImage(
        image_id=ids.new_image_id(rng),
        advertiser_id=advertiser_id,
        material_id=ids.new_numeric_id(rng),
        file_name=file_name,
        **asdict(facts),
        create_time=now,
        modify_time=now,
    )
