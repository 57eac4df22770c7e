"""The creative library's images: `file/image/ad/upload|info|search/` and their media links."""

from __future__ import annotations

import io
from fractions import Fraction
from typing import Any

import av
import pytest

from mockads.testing import MIRROR, Sandbox
from tests.api.library_helpers import ISO_TIME, invalid, local, md5, media_of, refused
from tests.api.security_mirror import state_of

UPLOAD = f"{MIRROR}/file/image/ad/upload/"
FIELDS = sorted(
    [
        "image_id",
        "material_id",
        "width",
        "height",
        "format",
        "size",
        "signature",
        "image_url",
        "file_name",
        "displayable",
        "is_carousel_usable",
        "create_time",
        "modify_time",
    ]
)


def make_image(width: int = 320, height: int = 240, codec: str = "png") -> bytes:
    """An image encoded with PyAV: `png` or `mjpeg` (a JPEG)."""
    encoder = av.CodecContext.create(codec, "w")
    pix_fmt = "rgb24" if codec == "png" else "yuvj420p"
    encoder.width, encoder.height, encoder.pix_fmt = width, height, pix_fmt
    encoder.time_base = Fraction(1, 25)
    frame = av.VideoFrame(width, height, "rgb24").reformat(format=pix_fmt)
    return b"".join(bytes(p) for p in encoder.encode(frame) + encoder.encode(None))


PNG = make_image()


def upload(
    sandbox: Sandbox, data: bytes = PNG, name: str = "cover.png", **fields: Any
) -> dict[str, Any]:
    """UPLOAD_BY_FILE as a multipart form; `None` in `fields` leaves that field out."""
    form: dict[str, Any] = {
        "advertiser_id": sandbox.advertiser_id,
        "upload_type": "UPLOAD_BY_FILE",
        "image_signature": md5(data),
        "image_file": (io.BytesIO(data), name),
        **fields,
    }
    form = {k: v for k, v in form.items() if v is not None}
    response = sandbox.client.post(
        UPLOAD,
        data=form,
        headers={"Access-Token": sandbox.access_token},
        content_type="multipart/form-data",
    )
    return response.get_json()


def _search(sandbox: Sandbox, **params: Any) -> dict[str, Any]:
    body = sandbox.get("file/image/ad/search/", advertiser_id=sandbox.advertiser_id, **params)
    assert body["code"] == 0, body
    return body["data"]


def test_an_uploaded_png_is_probed_stored_and_served(mockads_sandbox: Sandbox):
    body = upload(mockads_sandbox)
    assert (body["code"], body["message"]) == (0, "OK"), body
    image = body["data"]
    assert sorted(image) == FIELDS
    assert (image["width"], image["height"], image["format"]) == (320, 240, "png")
    assert (image["size"], image["signature"], image["file_name"]) == (
        len(PNG),
        md5(PNG),
        "cover.png",
    )
    assert image["is_carousel_usable"] and image["displayable"]
    assert ISO_TIME.match(image["create_time"])
    served = mockads_sandbox.client.get(local(image["image_url"]))
    assert (served.status_code, served.mimetype, served.data) == (200, "image/png", PNG)
    assert _search(mockads_sandbox, page_size=1)["list"] == [image]


def test_a_jpeg_reads_as_jpeg_and_a_tiny_one_is_not_carousel_usable(mockads_sandbox: Sandbox):
    jpeg = make_image(64, 48, codec="mjpeg")
    image = upload(mockads_sandbox, jpeg, "small.jpg")["data"]
    assert (image["format"], image["width"], image["height"]) == ("jpeg", 64, 48)
    assert image["is_carousel_usable"] is False


def test_file_image_ad_info_answers_the_images_asked_for_in_order(mockads_sandbox: Sandbox):
    scenario = _search(mockads_sandbox)["list"]
    asked = [scenario[1]["image_id"], "ad-site-i18n-sg/unknown", scenario[0]["image_id"]]
    body = mockads_sandbox.get(
        "file/image/ad/info/", advertiser_id=mockads_sandbox.advertiser_id, image_ids=asked
    )
    assert [i["image_id"] for i in body["data"]["list"]] == [asked[0], asked[2]]


def test_file_image_ad_search_pages_and_filters(pristine: Sandbox):
    every = _search(pristine)
    assert every["page_info"] == {"page": 1, "page_size": 20, "total_number": 3, "total_page": 1}
    modified = [i["modify_time"] for i in every["list"]]
    assert modified == sorted(modified, reverse=True)
    pages = [_search(pristine, page=n, page_size=2)["list"] for n in (1, 2)]
    assert pages[0] + pages[1] == every["list"]
    one = every["list"][2]
    assert _search(pristine, filtering={"image_ids": [one["image_id"]]})["list"] == [one]
    assert _search(pristine, filtering={"material_ids": [one["material_id"]]})["list"] == [one]
    name = one["file_name"][:4].upper()
    assert one in _search(pristine, filtering={"image_name": name})["list"]


def test_a_scenario_image_is_served_by_a_stand_in(pristine: Sandbox):
    image = _search(pristine)["list"][0]
    served = pristine.client.get(local(image["image_url"]))
    assert served.status_code == 200 and served.data


@pytest.mark.parametrize(
    ("fields", "reason", "field"),
    [
        ({"image_signature": "0" * 32}, "IMAGE_SIGNATURE_MISMATCH", "image_signature"),
    ],
)
def test_an_upload_with_a_wrong_signature_is_refused(mockads_sandbox, fields, reason, field):
    before = state_of(mockads_sandbox)
    refused(upload(mockads_sandbox, **fields), reason, field)
    assert state_of(mockads_sandbox) == before


def test_a_file_that_is_not_an_image_is_refused(mockads_sandbox: Sandbox):
    refused(upload(mockads_sandbox, b"hello, not an image", "a.png"), "NOT_AN_IMAGE", "image_file")


def test_a_gif_is_refused_as_an_unsupported_format(mockads_sandbox: Sandbox):
    gif = bytes.fromhex(
        "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
    )
    refused(upload(mockads_sandbox, gif, "a.gif"), "IMAGE_FORMAT_UNSUPPORTED", "image_file")


def test_a_second_image_of_the_same_name_is_refused(mockads_sandbox: Sandbox):
    assert upload(mockads_sandbox)["code"] == 0
    other = make_image(200, 200)
    refused(upload(mockads_sandbox, other, "cover.png"), "IMAGE_NAME_DUPLICATED", "file_name")


@pytest.mark.parametrize("missing", ["image_file", "image_signature"])
def test_an_upload_by_file_needs_the_file_and_its_signature(mockads_sandbox, missing):
    invalid(upload(mockads_sandbox, **{missing: None}), missing)


@pytest.mark.parametrize("upload_type", ["UPLOAD_BY_URL", "UPLOAD_BY_FILE_ID"])
def test_uploads_not_by_file_are_refused_naming_upload_type(mockads_sandbox, upload_type):
    body = mockads_sandbox.post(
        "file/image/ad/upload/",
        {
            "advertiser_id": mockads_sandbox.advertiser_id,
            "upload_type": upload_type,
            "image_url": "https://cdn.example.com/a.png",
        },
    )
    message = invalid(body, "upload_type")
    assert "UPLOAD_BY_FILE" in message


def test_an_upload_in_one_sandbox_changes_nothing_in_another(
    mockads_sandbox: Sandbox, other_sandbox: Sandbox
):
    before = state_of(other_sandbox)
    assert upload(mockads_sandbox)["code"] == 0
    assert state_of(other_sandbox) == before


def test_an_upload_to_another_sandboxs_advertiser_is_40001(
    mockads_sandbox: Sandbox, other_sandbox: Sandbox
):
    body = upload(mockads_sandbox, advertiser_id=other_sandbox.advertiser_id)
    assert (body["code"], body["data"]) == (40001, {})


def test_a_state_carries_an_uploaded_image_to_another_media_directory(mockads_sandbox: Sandbox):
    image = upload(mockads_sandbox)["data"]
    document = mockads_sandbox.export_state()
    assert md5(PNG) in document["media"]
    kept = media_of(mockads_sandbox).root / "images" / f"{md5(PNG)}.png"
    kept.unlink()  # as on a server that never saw the upload
    put = mockads_sandbox.client.put(
        f"/_mockads/v1/sandboxes/{mockads_sandbox.sandbox_id}/state", json=document
    )
    assert put.status_code == 200, put.get_json()
    served = mockads_sandbox.client.get(local(image["image_url"]))
    assert (served.status_code, served.data) == (200, PNG)
