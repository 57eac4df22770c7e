"""Links to media that mockads serves itself, signed and valid for six hours, like TikTok's CDN
links (`?x-expires=<unix seconds>&x-signature=...`)."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from functools import lru_cache

from mockads.domain.images import IMAGE_FORMATS
from mockads.domain.library import SUPPORTED_FORMATS

__all__ = ["LINK_LIFETIME", "MEDIA_PATH", "MediaLinks", "media_file"]

LINK_LIFETIME = 6 * 3600
MEDIA_PATH = "/media"
_NAME = re.compile(r"([0-9a-f]{32})\.([a-z0-9]+)")
_EXPIRES = re.compile(r"[0-9]{1,12}")
_MIME_TYPES = {
    "mp4": "video/mp4",
    "mov": "video/quicktime",
    "mpeg": "video/mpeg",
    "3gp": "video/3gpp",
    "avi": "video/x-msvideo",
}


@dataclass(frozen=True, slots=True)
class MediaLinks:
    """Signs links to media for one response; `expires` is real time (Unix seconds)."""

    base_url: str
    secret: bytes
    expires: int

    def _sign(self, path: str, expires: int) -> str:
        message = f"{path}\n{expires}".encode()
        return hashlib.blake2b(message, key=self.secret, digest_size=16).hexdigest()

    def _link(self, path: str) -> str:
        return _signed_link(self, path)

    def video(self, signature: str, video_format: str) -> str:
        """A playable link to the video whose MD5 is `signature`."""
        return self._link(f"{MEDIA_PATH}/video/{signature}.{video_format}")

    def image(self, signature: str, image_format: str) -> str:
        """A link to the library image whose MD5 is `signature`."""
        return self._link(f"{MEDIA_PATH}/image/{signature}.{image_format}")

    def poster(self, signature: str) -> str:
        """A link to that video's cover (its first frame)."""
        return self._link(f"{MEDIA_PATH}/poster/{signature}.jpeg")

    def verify(self, path: str, expires: str, signature: str, now: float) -> bool:
        """Whether a link was signed here and has not expired at real time `now`."""
        if not _EXPIRES.fullmatch(expires) or int(expires) < now:
            return False
        # As bytes: compare_digest refuses non-ASCII text, and a link's query may hold any.
        expected = self._sign(path, int(expires)).encode()
        return hmac.compare_digest(expected, signature.encode())


@lru_cache(maxsize=4096)
def _signed_link(links: MediaLinks, path: str) -> str:
    """A signed link. Answers repeat the same media (one post in many answers, within the
    minute that links share an expiry), so each link is signed once."""
    signature = links._sign(path, links.expires)
    return f"{links.base_url}{path}?x-expires={links.expires}&x-signature={signature}"


def media_file(kind: str, name: str) -> tuple[str, str, str] | None:
    """(MD5, format, MIME type) a media path names, or None if it names nothing servable."""
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    signature, extension = match.groups()
    if kind == "poster" and extension == "jpeg":
        return signature, extension, "image/jpeg"
    if kind == "image" and extension in IMAGE_FORMATS:
        return signature, extension, f"image/{extension}"
    if kind == "video" and extension in SUPPORTED_FORMATS:
        return signature, extension, _MIME_TYPES[extension]
    return None
