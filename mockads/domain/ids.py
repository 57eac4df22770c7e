"""Identifiers shaped like the real ones, drawn from a caller's random source."""

from __future__ import annotations

import base64
import hashlib
import random
import re
import string
import uuid

__all__ = [
    "AUTH_CODE_PATTERN",
    "new_access_token",
    "new_auth_code",
    "new_identity_id",
    "new_image_id",
    "new_numeric_id",
    "new_numeric_ids",
    "new_video_id",
    "numeric_id_for",
]

AUTH_CODE_BYTES = 48
AUTH_CODE_PATTERN = re.compile(r"#[A-Za-z0-9+/]{64}")
_VIDEO_ID_CHARS = string.ascii_lowercase + string.digits


def new_numeric_id(rng: random.Random, digits: int = 19) -> str:
    """A decimal id string of `digits` digits starting with 7, like TikTok's."""
    if isinstance(rng, random.SystemRandom):
        # No sequence to reproduce: one draw from the OS instead of one a digit (same spread).
        return "7" + str(rng.randrange(10 ** (digits - 1))).zfill(digits - 1)
    return "7" + "".join(rng.choice(string.digits) for _ in range(digits - 1))


def new_numeric_ids(rng: random.Random, count: int, digits: int = 19) -> list[str]:
    """`count` ids of `new_numeric_id`; from the OS, all from one draw of 128 bits an id (their
    remainder below the id's span is as good as uniform)."""
    if not isinstance(rng, random.SystemRandom):
        return [new_numeric_id(rng, digits) for _ in range(count)]
    drawn, span = rng.getrandbits(128 * count) if count else 0, 10 ** (digits - 1)
    mask = (1 << 128) - 1
    return ["7" + str(((drawn >> (128 * i)) & mask) % span).zfill(digits - 1) for i in range(count)]


def numeric_id_for(text: str, digits: int = 19) -> str:
    """A decimal id derived from `text`: the same text always gives the same id."""
    number = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    return "7" + str(number).zfill(digits - 1)[-(digits - 1) :]


def new_identity_id(rng: random.Random) -> str:
    """An identity id (UUID-shaped)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def new_auth_code(rng: random.Random) -> str:
    """A Spark code: `#` and 64 base64 characters (case-sensitive, may hold + and /)."""
    return "#" + base64.b64encode(rng.randbytes(AUTH_CODE_BYTES)).decode("ascii")


def new_video_id(rng: random.Random) -> str:
    """A creative-library video id such as `v10033g50000c4m0sc3c77u3a0l8h9m0`."""
    return "v10033g50000" + "".join(rng.choice(_VIDEO_ID_CHARS) for _ in range(20))


def new_image_id(rng: random.Random) -> str:
    """A creative-library image id such as `ad-site-i18n-sg/5e3f...` (a storage key)."""
    return f"ad-site-i18n-sg/{rng.getrandbits(128):032x}"


def new_access_token(rng: random.Random) -> str:
    """An access token: 40 lower-case hex characters."""
    return f"{rng.getrandbits(160):040x}"
