"""The creative library: what a video upload must be, and the videos it adds."""

from __future__ import annotations

import hashlib
import random
from dataclasses import asdict, dataclass
from posixpath import basename
from typing import ClassVar
from urllib.parse import unquote, urlsplit

from mockads.domain import errors, ids
from mockads.domain.model import Timed
from mockads.domain.urls import split_http_url

__all__ = [
    "MAX_DURATION_SECONDS",
    "MAX_FILE_NAME",
    "MAX_VIDEO_BYTES",
    "SUPPORTED_FORMATS",
    "LibraryVideo",
    "UploadType",
    "VideoFacts",
    "check_file_name_free",
    "check_signature",
    "check_video",
    "default_file_name",
    "media_of",
    "new_library_video",
    "url_file_name",
    "url_video_facts",
]

#: Containers the library accepts, by the name `format` reports.
SUPPORTED_FORMATS = ("mp4", "mov", "mpeg", "3gp", "avi")
MAX_VIDEO_BYTES = 500 * 1024 * 1024
MAX_DURATION_SECONDS = 600.0
MAX_FILE_NAME = 100
#: The smallest frame per orientation (width, height): vertical, square, horizontal.
_MIN_FRAME = {"vertical": (540, 960), "square": (640, 640), "horizontal": (960, 540)}


class UploadType:
    """`upload_type` values of `file/video/ad/upload/`."""

    BY_FILE = "UPLOAD_BY_FILE"
    BY_URL = "UPLOAD_BY_URL"
    BY_FILE_ID = "UPLOAD_BY_FILE_ID"
    BY_VIDEO_ID = "UPLOAD_BY_VIDEO_ID"
    ALL = (BY_FILE, BY_URL, BY_FILE_ID, BY_VIDEO_ID)


@dataclass(frozen=True, slots=True)
class LibraryVideo(Timed):
    """A video of the advertiser's creative library."""

    time_fields: ClassVar[tuple[str, ...]] = ("create_time", "modify_time")

    video_id: str
    advertiser_id: str
    file_name: str
    format: str
    duration: float
    width: int
    height: int
    size: int
    bit_rate: int
    signature: str
    create_time: int
    material_id: str
    modify_time: int


@dataclass(frozen=True, slots=True)
class VideoFacts:
    """What a video file is, as read from the file itself."""

    format: str
    duration: float
    width: int
    height: int
    bit_rate: int
    size: int
    signature: str


def media_of(video: object) -> VideoFacts:
    """The media facts of anything that carries them (a library video, a post)."""
    return VideoFacts(**{name: getattr(video, name) for name in VideoFacts.__dataclass_fields__})


def check_signature(expected: str, actual: str) -> None:
    """`video_signature` must be the MD5 of the file sent (hex, any case)."""
    if expected.strip().lower() != actual:
        raise errors.VideoSignatureMismatch(given=expected, actual=actual)


def _orientation(width: int, height: int) -> str:
    if width == height:
        return "square"
    return "vertical" if height > width else "horizontal"


def check_video(facts: VideoFacts) -> None:
    """Refuse what the library refuses: another container, too long, too small a frame."""
    if facts.format not in SUPPORTED_FORMATS:
        raise errors.VideoFormatUnsupported(
            format=facts.format, allowed=", ".join(SUPPORTED_FORMATS)
        )
    if not 0 < facts.duration <= MAX_DURATION_SECONDS:
        raise errors.VideoDurationOutOfRange(duration=facts.duration, limit=MAX_DURATION_SECONDS)
    orientation = _orientation(facts.width, facts.height)
    min_width, min_height = _MIN_FRAME[orientation]
    if facts.width < min_width or facts.height < min_height:
        raise errors.VideoResolutionTooLow(
            width=facts.width,
            height=facts.height,
            orientation=orientation,
            minimum=f"{min_width}x{min_height}",
        )


def default_file_name(name: str | None) -> str:
    """The name a video gets when the client names none: the file's own, at most 100 chars.

    NUL characters (a multipart file name or a URL's `%00` may hold them) are dropped: no
    text mockads keeps holds one.
    """
    return ((name or "").replace("\x00", "") or "video.mp4")[:MAX_FILE_NAME]


def check_file_name_free(file_name: str, library: list[LibraryVideo]) -> None:
    """Videos of one advertiser may not share a file name."""
    if any(video.file_name == file_name for video in library):
        raise errors.FileNameDuplicated(file_name=file_name)


def url_video_facts(url: str) -> VideoFacts:
    """Facts of a video known only by URL: mockads does not download it, so they are derived
    from the URL itself: the same URL always gives the same video, an unknown extension is mp4.
    """
    parts = split_http_url(url, "video_url")
    digest = hashlib.md5(url.encode(), usedforsecurity=False)
    rng = random.Random(digest.digest())
    extension = basename(parts.path).rpartition(".")[2].lower()
    video_format = extension if extension in SUPPORTED_FORMATS else "mp4"
    duration = round(rng.uniform(6, 45), 3)
    bit_rate = rng.randint(1_000_000, 4_000_000)
    width, height = rng.choice([(720, 1280), (1080, 1920), (1080, 1080), (1920, 1080)])
    return VideoFacts(
        format=video_format,
        duration=duration,
        width=width,
        height=height,
        bit_rate=bit_rate,
        size=int(bit_rate * duration / 8),
        signature=digest.hexdigest(),
    )


def url_file_name(url: str) -> str:
    """The file-name part of a URL's path (TikTok's default name for URL uploads)."""
    return default_file_name(unquote(basename(urlsplit(url).path)) or None)


def new_library_video(
    rng: random.Random,
    advertiser_id: str,
    facts: VideoFacts,
    file_name: str,
    now: int,
    *,
    video_id: str | None = None,
    material_id: str | None = None,
) -> LibraryVideo:
    """A video added to an advertiser's library (a new id unless re-bound by `video_id`)."""
    return LibraryVideo(
        video_id=video_id or ids.new_video_id(rng),
        advertiser_id=advertiser_id,
        file_name=file_name,
        **asdict(facts),
        create_time=now,
        material_id=material_id or ids.new_numeric_id(rng),
        modify_time=now,
    )
