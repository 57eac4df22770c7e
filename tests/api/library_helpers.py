"""Helpers of the creative-library suite: uploads as the official SDK sends them, the library as
`file/video/ad/search/` lists it, media links, and the error shapes of the library.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from mockads.media.files import MediaFiles
from mockads.testing import MIRROR, Sandbox
from tests.mediagen import SAMPLE

__all__ = [
    "HOST",
    "ISO_TIME",
    "SAMPLE",
    "SAMPLE_BYTES",
    "SAMPLE_MD5",
    "TIME",
    "UPLOAD",
    "VIDEO_ID",
    "invalid",
    "library",
    "library_ids",
    "local",
    "md5",
    "media_of",
    "refused",
    "search",
    "stored_files",
    "the_video",
    "upload_file",
    "upload_url",
]

UPLOAD = f"{MIRROR}/file/video/ad/upload/"
HOST = "http://localhost"
SAMPLE_BYTES = SAMPLE.read_bytes()
VIDEO_ID = re.compile(r"^v10033g50000[0-9a-z]{20}$")
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


SAMPLE_MD5 = md5(SAMPLE_BYTES)


def upload_file(
    sandbox: Sandbox,
    data: bytes = SAMPLE_BYTES,
    sent_name: str = "sample.mp4",
    *,
    signature: str | None = None,
    token: str | None = "",
    client: FlaskClient | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """UPLOAD_BY_FILE as the official SDK sends it: a multipart form, booleans as strings.

    `signature` defaults to the data's MD5; `None` in `fields` leaves that field out;
    `token=""` is the sandbox's token, `None` sends no Access-Token header.
    """
    form: dict[str, Any] = {
        "advertiser_id": sandbox.advertiser_id,
        "upload_type": "UPLOAD_BY_FILE",
        "video_signature": md5(data) if signature is None else signature,
        "is_third_party": "false",
        "flaw_detect": "false",
        "auto_fix_enabled": "false",
        "auto_bind_enabled": "false",
    }
    form.update(fields)
    form = {k: v for k, v in form.items() if v is not None}
    if sent_name is not None and "video_file" not in fields:
        form["video_file"] = (io.BytesIO(data), sent_name)
    headers = {} if token is None else {"Access-Token": token or sandbox.access_token}
    response = (client or sandbox.client).post(
        UPLOAD, data=form, headers=headers, content_type="multipart/form-data"
    )
    assert response.status_code in (200, 500), response.get_data(as_text=True)
    return response.get_json()


def upload_url(sandbox: Sandbox, video_url: str, **fields: Any) -> dict[str, Any]:
    """UPLOAD_BY_URL with a JSON body."""
    body = {"advertiser_id": sandbox.advertiser_id, "upload_type": "UPLOAD_BY_URL"}
    return sandbox.post("file/video/ad/upload/", {**body, "video_url": video_url, **fields})


def search(sandbox: Sandbox, **params: Any) -> dict[str, Any]:
    """`file/video/ad/search/` of the sandbox's advertiser (successful); its `data`."""
    body = sandbox.get("file/video/ad/search/", advertiser_id=sandbox.advertiser_id, **params)
    assert body["code"] == 0, body
    return body["data"]


def library(sandbox: Sandbox, **filtering: Any) -> list[dict[str, Any]]:
    """The whole library (at most 100 videos) of the sandbox's advertiser."""
    return search(sandbox, page_size=100, filtering=filtering)["list"]


def library_ids(sandbox: Sandbox, **filtering: Any) -> list[str]:
    return [video["video_id"] for video in library(sandbox, **filtering)]


def the_video(body: dict[str, Any]) -> dict[str, Any]:
    """The one video of a successful upload's `data`."""
    assert (body["code"], body["message"]) == (0, "OK"), body
    (video,) = body["data"]
    return video


def refused(body: dict[str, Any], reason: str, field: str = "video_file") -> str:
    """Assert a library refusal: 40002, `[REASON] field: ...`, empty data; the message."""
    assert (body["code"], body["data"]) == (40002, {}), body
    assert body["message"].startswith(f"[{reason}] {field}: "), body["message"]
    return body["message"]


def invalid(body: dict[str, Any], field: str) -> str:
    """Assert a 40002 parameter error naming `field` (or an item of it) first; the message."""
    assert (body["code"], body["data"]) == (40002, {}), body
    assert re.match(rf"{re.escape(field)}(\.[\w.]+)?: ", body["message"]), body["message"]
    return body["message"]


def local(url: str) -> str:
    """A link of a response as the test client requests it (no scheme and host)."""
    assert url.startswith(f"{HOST}/media/"), url
    return url.removeprefix(HOST)


def media_of(sandbox: Sandbox) -> MediaFiles:
    """The media directory of the sandbox's app."""
    return sandbox.client.application.extensions["mockads"].media


def stored_files(media: MediaFiles, signature: str) -> list[Path]:
    """Every file the media directory keeps for a video of that MD5."""
    return sorted(
        [*media.root.glob(f"videos/{signature}.*"), *media.root.glob(f"posters/{signature}.*")]
    )
