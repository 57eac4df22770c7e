"""The creative library: `file/video/ad/upload|info|search/` and the `/media/...` links they give.

Uploads go through the session app (every response checked against the contract) as the
official SDK sends them. The size limit is proven on a second app whose limit is 50,000 bytes.
Search and the media route are also tested on scenario videos, which need no upload.
"""

from __future__ import annotations

import io
import time
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from flask import Flask

from mockads.app import create_app
from mockads.domain.clock import format_time
from mockads.media.probe import poster_jpeg
from mockads.schemas.media import LINK_LIFETIME, MediaLinks
from mockads.settings import Settings
from mockads.testing import CONTROL, MIRROR, Sandbox
from tests.api.library_helpers import (
    HOST,
    ISO_TIME,
    SAMPLE,
    SAMPLE_BYTES,
    SAMPLE_MD5,
    TIME,
    UPLOAD,
    VIDEO_ID,
    invalid,
    library,
    library_ids,
    local,
    md5,
    media_of,
    refused,
    search,
    stored_files,
    the_video,
    upload_file,
    upload_url,
)
from tests.api.lifecycle_helpers import freeze, unchanged
from tests.mediagen import make_video

UNKNOWN_VIDEO_ID = "v10033g50000aaaaaaaaaaaaaaaaaaaa"
URL = "https://cdn.example.com/ads/spring/launch.mp4"
SMALL_LIMIT = 50_000
BAD_TOKEN = "f" * 40
#: Fields of a video that are links, signed anew in each response.
LINK_FIELDS = ("video_cover_url", "poster_url", "preview_url", "preview_url_expire_time")
MIME = {
    "mp4": "video/mp4",
    "mov": "video/quicktime",
    "avi": "video/x-msvideo",
    "3gp": "video/3gpp",
    "mpeg": "video/mpeg",
}


@pytest.fixture(scope="module")
def videos(tmp_path_factory):
    """Real videos, encoded once for the module: name -> path."""
    folder = tmp_path_factory.mktemp("videos")
    specs = {
        "mov": {"container": "mov", "seconds": 1},
        "avi": {"container": "avi", "seconds": 1},
        "3gp": {"container": "3gp", "seconds": 1},
        "mpeg": {"container": "mpeg", "seconds": 1, "fps": 25},
        "horizontal": {"width": 960, "height": 540, "seconds": 1},
        "short": {"seconds": 1},
        "matroska": {"container": "matroska", "seconds": 1},
        "low": {"width": 320, "height": 568, "seconds": 1},
        "long": {"width": 64, "height": 64, "seconds": 601, "fps": 1},
        # A valid video only ever sent in refused uploads: no test may keep it.
        "never_kept": {"width": 544, "height": 960, "seconds": 1, "fps": 10},
    }
    return {name: make_video(folder / f"{name}.bin", **spec) for name, spec in specs.items()}


def _info(sandbox, video_ids, advertiser_id=None):
    return sandbox.get(
        "file/video/ad/info/",
        advertiser_id=advertiser_id or sandbox.advertiser_id,
        video_ids=video_ids,
    )


def _info_list(sandbox, video_ids, advertiser_id=None):
    body = _info(sandbox, video_ids, advertiser_id)
    assert body["code"] == 0, body
    return body["data"]["list"]


def _fetch(client, url, **headers):
    return client.get(local(url), headers=headers)


def _staging_is_empty(media):
    assert list((media.root / "staging").iterdir()) == []


def _error(body, code):
    assert (body["code"], body["data"]) == (code, {}), body


# -- upload by file ---------------------------------------------------------------------------


def test_upload_by_file_answers_one_video_with_the_facts_of_the_file(mockads_sandbox):
    video = the_video(upload_file(mockads_sandbox))
    assert VIDEO_ID.match(video["video_id"]), video
    assert {k: video[k] for k in ("width", "height", "duration", "size", "format")} == {
        "width": 540,
        "height": 960,
        "duration": 6.0,
        "size": 74_611,
        "format": "mp4",
    }
    assert video["signature"] == SAMPLE_MD5
    assert video["file_name"] == "sample.mp4"
    assert video["material_id"].isdigit()
    assert video["bit_rate"] > 0
    assert ISO_TIME.match(video["create_time"]) and ISO_TIME.match(video["modify_time"])
    assert video["create_time"] == video["modify_time"]
    assert TIME.match(video["preview_url_expire_time"]), video
    for link in ("video_cover_url", "poster_url", "preview_url"):
        assert video[link].startswith(f"{HOST}/media/"), video[link]
    assert video["poster_url"] == video["video_cover_url"]
    assert "url" not in video
    assert (video["displayable"], video["allow_download"]) == (True, True)


def test_upload_time_is_the_sandbox_clock(mockads_sandbox):
    now = freeze(mockads_sandbox)
    video = the_video(upload_file(mockads_sandbox))
    assert video["create_time"] == now.replace(" ", "T") + "Z"


def test_an_uploaded_video_comes_first_in_the_library_as_uploaded(mockads_sandbox):
    before = library_ids(mockads_sandbox)
    video = the_video(upload_file(mockads_sandbox))
    assert library_ids(mockads_sandbox) == [video["video_id"], *before]
    (listed,) = library(mockads_sandbox, video_ids=[video["video_id"]])
    assert {k: listed[k] for k in listed if k not in LINK_FIELDS} == {
        k: video[k] for k in video if k not in LINK_FIELDS
    }


def test_upload_type_left_out_means_upload_by_file(mockads_sandbox):
    video = the_video(upload_file(mockads_sandbox, upload_type=None))
    assert (video["signature"], video["size"]) == (SAMPLE_MD5, 74_611)


def test_video_signature_is_compared_case_insensitively(mockads_sandbox):
    video = the_video(upload_file(mockads_sandbox, signature=SAMPLE_MD5.upper()))
    assert video["signature"] == SAMPLE_MD5


def test_file_name_given_is_used_instead_of_the_sent_name(mockads_sandbox):
    video = the_video(upload_file(mockads_sandbox, file_name="Summer Sale v2.mp4"))
    assert video["file_name"] == "Summer Sale v2.mp4"


def test_default_file_name_is_the_sent_name_cut_to_100_characters(mockads_sandbox):
    video = the_video(upload_file(mockads_sandbox, sent_name="n" * 120 + ".mp4"))
    assert video["file_name"] == "n" * 100


def test_the_same_file_under_two_names_makes_two_videos(mockads_sandbox):
    first = the_video(upload_file(mockads_sandbox, file_name="one.mp4"))
    second = the_video(upload_file(mockads_sandbox, file_name="two.mp4"))
    assert first["video_id"] != second["video_id"]
    assert first["material_id"] != second["material_id"]
    assert first["signature"] == second["signature"] == SAMPLE_MD5


def test_the_video_is_kept_under_its_md5_with_a_poster(mockads_sandbox, videos):
    data = videos["short"].read_bytes()
    the_video(upload_file(mockads_sandbox, data, "short.mp4"))
    media, signature = media_of(mockads_sandbox), md5(data)
    assert stored_files(media, signature) == [
        media.root / "posters" / f"{signature}.jpeg",
        media.root / "videos" / f"{signature}.mp4",
    ]
    assert (media.root / "videos" / f"{signature}.mp4").read_bytes() == data
    _staging_is_empty(media)


@pytest.mark.parametrize("container", ["mov", "avi", "3gp", "mpeg"])
def test_other_supported_containers_are_accepted(mockads_sandbox, videos, container):
    data = videos[container].read_bytes()
    video = the_video(upload_file(mockads_sandbox, data, f"clip.{container}"))
    assert (video["format"], video["width"], video["height"]) == (container, 540, 960)
    assert video["duration"] == pytest.approx(1.0, abs=0.1)
    assert (video["size"], video["signature"]) == (len(data), md5(data))


def test_a_horizontal_video_at_the_minimum_frame_is_accepted(mockads_sandbox, videos):
    data = videos["horizontal"].read_bytes()
    video = the_video(upload_file(mockads_sandbox, data, "wide.mp4"))
    assert (video["width"], video["height"]) == (960, 540)


def test_a_wrong_signature_is_refused_and_nothing_is_stored(mockads_sandbox, videos):
    data = videos["never_kept"].read_bytes()
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, data, "clip.mp4", signature="0" * 32)
    message = refused(body, "VIDEO_SIGNATURE_MISMATCH", "video_signature")
    assert md5(data) in message
    media = media_of(mockads_sandbox)
    assert stored_files(media, md5(data)) == []
    _staging_is_empty(media)


def _png() -> bytes:
    import av

    encoder = av.CodecContext.create("png", "w")
    encoder.width, encoder.height, encoder.pix_fmt = 64, 64, "rgb24"
    frame = av.VideoFrame(64, 64, "rgb24")
    return b"".join(bytes(p) for p in encoder.encode(frame) + encoder.encode(None))


@pytest.mark.parametrize(
    "make",
    [
        lambda: b"just some words, not a video at all\n" * 20,
        lambda: poster_jpeg(SAMPLE),
        _png,
        lambda: SAMPLE_BYTES[:20_000],
        lambda: b"",
    ],
    ids=["text", "jpeg", "png", "truncated mp4", "empty"],
)
def test_a_file_that_is_not_a_video_is_refused(mockads_sandbox, make):
    data = make()
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, data, "clip.mp4")
    refused(body, "NOT_A_VIDEO")
    media = media_of(mockads_sandbox)
    assert stored_files(media, md5(data)) == []
    _staging_is_empty(media)


def test_an_unsupported_container_is_refused(mockads_sandbox, videos):
    data = videos["matroska"].read_bytes()
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, data, "clip.mkv")
    assert "matroska" in refused(body, "VIDEO_FORMAT_UNSUPPORTED")
    assert stored_files(media_of(mockads_sandbox), md5(data)) == []


def test_a_too_low_resolution_is_refused(mockads_sandbox, videos):
    data = videos["low"].read_bytes()
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, data, "small.mp4")
    message = refused(body, "VIDEO_RESOLUTION_TOO_LOW")
    assert "320x568" in message and "540x960" in message
    assert stored_files(media_of(mockads_sandbox), md5(data)) == []


def test_a_video_longer_than_ten_minutes_is_refused(mockads_sandbox, videos):
    data = videos["long"].read_bytes()
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, data, "long.mp4")
    assert "601" in refused(body, "VIDEO_DURATION_OUT_OF_RANGE")
    assert stored_files(media_of(mockads_sandbox), md5(data)) == []


def test_a_file_name_of_a_scenario_video_is_refused(mockads_sandbox, videos):
    taken = library(mockads_sandbox)[0]["file_name"]
    data = videos["never_kept"].read_bytes()
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, data, "clip.mp4", file_name=taken)
    assert repr(taken) in refused(body, "FILE_NAME_DUPLICATED", "file_name")
    assert stored_files(media_of(mockads_sandbox), md5(data)) == []


def test_a_sent_name_of_a_scenario_video_is_refused(mockads_sandbox, videos):
    taken = library(mockads_sandbox)[0]["file_name"]
    data = videos["never_kept"].read_bytes()
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, data, sent_name=taken)
    refused(body, "FILE_NAME_DUPLICATED", "file_name")


def test_a_file_name_already_uploaded_is_refused(mockads_sandbox):
    the_video(upload_file(mockads_sandbox, file_name="promo.mp4"))
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, file_name="promo.mp4")
    assert "'promo.mp4'" in refused(body, "FILE_NAME_DUPLICATED", "file_name")


def test_the_same_file_name_in_another_sandbox_is_free(mockads_sandbox, other_sandbox):
    the_video(upload_file(mockads_sandbox, file_name="promo.mp4"))
    video = the_video(upload_file(other_sandbox, file_name="promo.mp4"))
    assert video["file_name"] == "promo.mp4"


def test_a_file_name_of_another_sandbox_is_free(mockads_sandbox, foreign):
    """Without a successful upload: a name another sandbox's library holds passes the name
    check here (the upload goes on to fail on its signature, checked after the name)."""
    foreign_name = library(foreign)[0]["file_name"]
    assert foreign_name not in {v["file_name"] for v in library(mockads_sandbox)}
    body = upload_file(mockads_sandbox, file_name=foreign_name, signature="0" * 32)
    refused(body, "VIDEO_SIGNATURE_MISMATCH", "video_signature")


def test_multipart_flags_may_be_true(mockads_sandbox):
    flags = {"is_third_party": "true", "flaw_detect": "true", "auto_bind_enabled": "true"}
    assert the_video(upload_file(mockads_sandbox, **flags))["signature"] == SAMPLE_MD5


@pytest.mark.parametrize("flag", ["is_third_party", "flaw_detect", "auto_fix_enabled"])
def test_a_flag_that_is_not_a_boolean_is_refused(mockads_sandbox, flag):
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, **{flag: "maybe"})
    invalid(body, flag)


@pytest.mark.parametrize("field", ["video_signature", "video_file"])
def test_upload_by_file_needs_the_signature_and_the_file(mockads_sandbox, field):
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, **{field: None})
    assert "UPLOAD_BY_FILE" in invalid(body, field)


@pytest.mark.parametrize("upload_type", ["UPLOAD_BY_MAGIC", "upload_by_file", ""])
def test_an_unknown_upload_type_is_refused(mockads_sandbox, upload_type):
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, upload_type=upload_type)
    invalid(body, "upload_type")


@pytest.mark.parametrize("file_name", ["x" * 101, ""], ids=["101 characters", "empty"])
def test_a_file_name_of_more_than_100_characters_or_none_is_refused(mockads_sandbox, file_name):
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, file_name=file_name)
    invalid(body, "file_name")


def test_a_file_name_of_exactly_100_characters_is_accepted(mockads_sandbox):
    video = the_video(upload_file(mockads_sandbox, file_name="x" * 100))
    assert video["file_name"] == "x" * 100


@pytest.mark.parametrize("advertiser_id", ["abc", None], ids=["malformed", "missing"])
def test_a_malformed_or_missing_advertiser_id_is_refused(mockads_sandbox, advertiser_id):
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, advertiser_id=advertiser_id)
    invalid(body, "advertiser_id")


@pytest.mark.parametrize(("token", "code"), [(None, 40104), (BAD_TOKEN, 40105)])
def test_an_upload_without_a_valid_token_is_refused(mockads_sandbox, videos, token, code):
    data = videos["never_kept"].read_bytes()
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, data, "clip.mp4", token=token)
    _error(body, code)
    assert stored_files(media_of(mockads_sandbox), md5(data)) == []


@pytest.mark.parametrize(
    "fields",
    [{"upload_type": "UPLOAD_BY_MAGIC"}, {"file_name": "x" * 101}, {"advertiser_id": "abc"}],
    ids=["upload_type", "file_name", "advertiser_id"],
)
def test_a_bad_token_outranks_bad_parameters(mockads_sandbox, fields):
    with unchanged(mockads_sandbox):
        body = upload_file(mockads_sandbox, token=BAD_TOKEN, **fields)
    _error(body, 40105)


@pytest.mark.parametrize("field", ["video_signature", "video_file"])
def test_a_bad_token_outranks_a_missing_file_field(mockads_sandbox, field):
    body = upload_file(mockads_sandbox, token=BAD_TOKEN, **{field: None})
    _error(body, 40105)


@pytest.mark.parametrize(
    "upload_type", ["UPLOAD_BY_URL", "UPLOAD_BY_VIDEO_ID", "UPLOAD_BY_FILE_ID"]
)
def test_a_bad_token_outranks_a_missing_field_of_the_upload_type(client, pristine, upload_type):
    body = client.post(
        UPLOAD,
        json={"advertiser_id": pristine.advertiser_id, "upload_type": upload_type},
        headers={"Access-Token": BAD_TOKEN},
    ).get_json()
    _error(body, 40105)


def test_a_bad_token_outranks_a_bad_video_url(client, pristine):
    body = client.post(
        UPLOAD,
        json={
            "advertiser_id": pristine.advertiser_id,
            "upload_type": "UPLOAD_BY_URL",
            "video_url": "ftp://cdn.example.com/clip.mp4",
        },
        headers={"Access-Token": BAD_TOKEN},
    ).get_json()
    _error(body, 40105)


def test_an_advertiser_of_another_sandbox_is_refused(mockads_sandbox, foreign, videos):
    data = videos["never_kept"].read_bytes()
    with unchanged(mockads_sandbox), unchanged(foreign):
        body = upload_file(mockads_sandbox, data, "clip.mp4", advertiser_id=foreign.advertiser_id)
    _error(body, 40001)
    assert body["message"].startswith("advertiser_id: "), body
    assert stored_files(media_of(mockads_sandbox), md5(data)) == []


# -- the size limit, on a server whose limit is 50,000 bytes ----------------------------------


@pytest.fixture(scope="module")
def small_app() -> Flask:
    return create_app(Settings(db="sqlite://", max_video_bytes=SMALL_LIMIT))


@pytest.fixture(scope="module")
def small(small_app):
    """A sandbox of the small server."""
    client = small_app.test_client()
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "default", "seed": 1})
    assert response.status_code == 201, response.get_data(as_text=True)
    return Sandbox(client, response.get_json())


class _HugeStream(io.RawIOBase):
    """A request body that claims `size` bytes and fails if anyone reads it."""

    def __init__(self, size: int) -> None:
        self.size, self.position, self.reads = size, 0, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.position = self.size + offset if whence == io.SEEK_END else offset
        return self.position

    def readinto(self, buffer) -> int:
        self.reads += 1
        raise AssertionError("the body was read")


def test_a_body_announced_larger_than_the_limit_is_refused_before_it_is_read(small):
    stream = _HugeStream(999_999_999)
    with unchanged(small):
        response = small.client.post(
            UPLOAD,
            input_stream=stream,
            headers={
                "Content-Type": "multipart/form-data; boundary=x",
                "Access-Token": small.access_token,
            },
        )
    assert response.request.headers["Content-Length"] == "999999999"
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"code", "message", "request_id", "data"}
    assert str(SMALL_LIMIT) in refused(body, "VIDEO_TOO_LARGE")
    assert stream.reads == 0


def test_a_truthful_body_far_over_the_limit_is_refused(small):
    data = b"\0" * 200_000
    with unchanged(small):
        body = upload_file(small, data, "big.mp4")
    refused(body, "VIDEO_TOO_LARGE")
    assert stored_files(media_of(small), md5(data)) == []


def test_a_file_over_the_limit_within_the_form_allowance_is_refused_while_staged(small):
    """The sample (74,611 bytes) fits the form's 64 KiB allowance, so the announced length
    passes the first check: staging counts the bytes and refuses the file past the limit."""
    with unchanged(small):
        response = small.client.post(
            UPLOAD,
            data={
                "advertiser_id": small.advertiser_id,
                "video_signature": SAMPLE_MD5,
                "video_file": (io.BytesIO(SAMPLE_BYTES), "sample.mp4"),
            },
            headers={"Access-Token": small.access_token},
            content_type="multipart/form-data",
        )
    assert SMALL_LIMIT < int(response.request.headers["Content-Length"]) < SMALL_LIMIT + 65_536
    refused(response.get_json(), "VIDEO_TOO_LARGE")
    media = media_of(small)
    assert stored_files(media, SAMPLE_MD5) == []
    _staging_is_empty(media)


def test_a_video_under_the_limit_is_accepted_by_the_small_server(small, videos):
    """The counterpart of the refusals above (this app does not check the contract)."""
    data = videos["short"].read_bytes()
    assert len(data) < SMALL_LIMIT
    video = the_video(upload_file(small, data, "short.mp4"))
    assert (video["size"], video["signature"]) == (len(data), md5(data))
    assert video["video_id"] in library_ids(small)


# -- upload by URL ----------------------------------------------------------------------------


def test_a_url_gives_the_same_facts_in_every_sandbox(mockads_sandbox, other_sandbox):
    first = the_video(upload_url(mockads_sandbox, URL))
    second = the_video(upload_url(other_sandbox, URL))
    facts = ("duration", "width", "height", "signature", "format", "size", "bit_rate")
    assert {k: first[k] for k in facts} == {k: second[k] for k in facts}
    assert first["video_id"] != second["video_id"]


def test_a_url_video_has_the_facts_of_a_video_the_library_accepts(mockads_sandbox):
    video = the_video(upload_url(mockads_sandbox, URL))
    assert VIDEO_ID.match(video["video_id"])
    assert video["signature"] == md5(URL.encode())
    assert 0 < video["duration"] <= 600
    frames = {(720, 1280), (1080, 1920), (1080, 1080), (1920, 1080)}
    assert (video["width"], video["height"]) in frames


@pytest.mark.parametrize(
    ("path", "video_format"),
    [
        ("clip.mov", "mov"),
        ("CLIP.MOV", "mov"),
        ("clip.avi", "avi"),
        ("clip.3gp", "3gp"),
        ("clip.mpeg", "mpeg"),
        ("clip.mp4", "mp4"),
        ("clip.mkv", "mp4"),
        ("clip", "mp4"),
    ],
)
def test_a_url_video_format_comes_from_the_extension(mockads_sandbox, path, video_format):
    video = the_video(upload_url(mockads_sandbox, f"https://cdn.example.com/v/{path}?sig=1"))
    assert video["format"] == video_format


@pytest.mark.parametrize(
    ("url", "file_name"),
    [
        ("https://cdn.example.com/ads/launch.mp4", "launch.mp4"),
        ("http://cdn.example.com/a/b/Summer%20Sale.mov?token=x#t=1", "Summer Sale.mov"),
        ("https://cdn.example.com/", "video.mp4"),
    ],
    ids=["plain", "encoded with query", "no name"],
)
def test_a_url_video_is_named_after_the_last_path_segment(mockads_sandbox, url, file_name):
    assert the_video(upload_url(mockads_sandbox, url))["file_name"] == file_name


def test_a_url_video_may_be_given_a_file_name(mockads_sandbox):
    video = the_video(upload_url(mockads_sandbox, URL, file_name="Launch (final).mp4"))
    assert video["file_name"] == "Launch (final).mp4"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://cdn.example.com/clip.mp4",
        "cdn.example.com/clip.mp4",
        "https:///clip.mp4",
        "https://cdn.example.com/my clip.mp4",
        "javascript:alert(1)",
    ],
)
def test_a_url_that_is_not_http_is_refused(mockads_sandbox, url):
    with unchanged(mockads_sandbox):
        body = upload_url(mockads_sandbox, url)
    invalid(body, "video_url")


def test_a_url_upload_needs_a_video_url(mockads_sandbox):
    with unchanged(mockads_sandbox):
        body = mockads_sandbox.post(
            "file/video/ad/upload/",
            {"advertiser_id": mockads_sandbox.advertiser_id, "upload_type": "UPLOAD_BY_URL"},
        )
    assert "UPLOAD_BY_URL" in invalid(body, "video_url")


def test_a_url_upload_refuses_a_file_name_of_the_library(mockads_sandbox):
    taken = library(mockads_sandbox)[0]["file_name"]
    with unchanged(mockads_sandbox):
        body = upload_url(mockads_sandbox, f"https://cdn.example.com/x/{taken}")
    assert repr(taken) in refused(body, "FILE_NAME_DUPLICATED", "file_name")


def test_a_url_upload_to_another_sandboxes_advertiser_is_refused(mockads_sandbox, foreign):
    with unchanged(mockads_sandbox), unchanged(foreign):
        body = upload_url(mockads_sandbox, URL, advertiser_id=foreign.advertiser_id)
    _error(body, 40001)


def test_each_url_upload_makes_a_new_video(mockads_sandbox):
    first = the_video(upload_url(mockads_sandbox, URL, file_name="a.mp4"))
    second = the_video(upload_url(mockads_sandbox, URL, file_name="b.mp4"))
    assert first["video_id"] != second["video_id"]
    assert first["material_id"] != second["material_id"]
    assert first["signature"] == second["signature"]
    assert {first["video_id"], second["video_id"]} <= set(library_ids(mockads_sandbox))


def test_a_second_url_upload_under_the_same_name_is_refused(mockads_sandbox):
    the_video(upload_url(mockads_sandbox, URL))
    with unchanged(mockads_sandbox):
        body = upload_url(mockads_sandbox, URL)
    assert "'launch.mp4'" in refused(body, "FILE_NAME_DUPLICATED", "file_name")


def test_a_url_upload_accepts_json_booleans(mockads_sandbox):
    flags = {"is_third_party": True, "flaw_detect": False, "auto_bind_enabled": True}
    assert the_video(upload_url(mockads_sandbox, URL, **flags))["file_name"] == "launch.mp4"


# -- upload by video id, by file id ------------------------------------------------------------


def _by_video_id(sandbox, video_id, advertiser_id=None):
    return sandbox.post(
        "file/video/ad/upload/",
        {
            "advertiser_id": advertiser_id or sandbox.advertiser_id,
            "upload_type": "UPLOAD_BY_VIDEO_ID",
            "video_id": video_id,
        },
    )


def _scenario_sandbox(client, tmp_path, monkeypatch, **spec):
    """A sandbox of a scenario written for the test (`MOCKADS_SCENARIOS_DIR`)."""
    text = "".join(f"{key}: {value}\n" for key, value in spec.items())
    (tmp_path / "library-test.yaml").write_text(text)
    monkeypatch.setenv("MOCKADS_SCENARIOS_DIR", str(tmp_path))
    response = client.post(f"{CONTROL}/sandboxes", json={"scenario": "library-test", "seed": 3})
    assert response.status_code == 201, response.get_data(as_text=True)
    return Sandbox(client, response.get_json())


@pytest.fixture
def two_advertisers(client, tmp_path, monkeypatch):
    """A sandbox of two advertisers with one library video each."""
    sandbox = _scenario_sandbox(client, tmp_path, monkeypatch, advertisers=2, library_videos=1)
    assert len(sandbox.summary["advertiser_ids"]) == 2
    yield sandbox
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


@pytest.fixture(scope="module")
def rich(mockads_app, tmp_path_factory):
    """A sandbox of two advertisers with 23 library videos each, that no test changes."""
    client = mockads_app.test_client()
    with pytest.MonkeyPatch.context() as monkeypatch:
        sandbox = _scenario_sandbox(
            client,
            tmp_path_factory.mktemp("scenarios"),
            monkeypatch,
            advertisers=2,
            library_videos=23,
        )
    yield sandbox
    client.delete(f"{CONTROL}/sandboxes/{sandbox.sandbox_id}")


def test_binding_a_video_of_the_other_advertiser_keeps_its_id(two_advertisers):
    first, second = two_advertisers.summary["advertiser_ids"]
    (source,) = library(two_advertisers)
    video = the_video(_by_video_id(two_advertisers, source["video_id"], advertiser_id=second))
    kept = ("video_id", "material_id", "signature", "file_name", "format", "size", "duration")
    assert {k: video[k] for k in kept} == {k: source[k] for k in kept}
    (bound,) = _info_list(two_advertisers, [source["video_id"]], advertiser_id=second)
    assert bound["material_id"] == source["material_id"]
    (still,) = _info_list(two_advertisers, [source["video_id"]], advertiser_id=first)
    assert still["material_id"] == source["material_id"]


def test_binding_again_returns_the_bound_video(two_advertisers):
    _, second = two_advertisers.summary["advertiser_ids"]
    (source,) = library(two_advertisers)
    bound = the_video(_by_video_id(two_advertisers, source["video_id"], advertiser_id=second))
    with unchanged(two_advertisers):
        again = the_video(_by_video_id(two_advertisers, source["video_id"], advertiser_id=second))
    assert (again["video_id"], again["material_id"]) == (bound["video_id"], bound["material_id"])


def test_binding_refuses_a_file_name_the_target_library_has(two_advertisers):
    _, second = two_advertisers.summary["advertiser_ids"]
    (source,) = library(two_advertisers)
    body = {
        "advertiser_id": second,
        "upload_type": "UPLOAD_BY_URL",
        "video_url": URL,
        "file_name": source["file_name"],
    }
    the_video(two_advertisers.post("file/video/ad/upload/", body))
    with unchanged(two_advertisers):
        body = _by_video_id(two_advertisers, source["video_id"], advertiser_id=second)
    refused(body, "FILE_NAME_DUPLICATED", "file_name")


def test_binding_an_own_video_returns_it_unchanged(mockads_sandbox):
    own = library(mockads_sandbox)[0]
    with unchanged(mockads_sandbox):
        again = the_video(_by_video_id(mockads_sandbox, own["video_id"]))
    assert {k: again[k] for k in again if k not in LINK_FIELDS} == {
        k: own[k] for k in own if k not in LINK_FIELDS
    }


def test_binding_an_unknown_video_id_is_not_found(mockads_sandbox):
    with unchanged(mockads_sandbox):
        body = _by_video_id(mockads_sandbox, UNKNOWN_VIDEO_ID)
    _error(body, 40700)


def test_binding_a_video_of_another_sandbox_is_not_found(mockads_sandbox, foreign):
    foreign_id = library_ids(foreign)[0]
    with unchanged(mockads_sandbox), unchanged(foreign):
        body = _by_video_id(mockads_sandbox, foreign_id)
    _error(body, 40700)


def test_binding_needs_a_video_id(mockads_sandbox):
    with unchanged(mockads_sandbox):
        body = mockads_sandbox.post(
            "file/video/ad/upload/",
            {"advertiser_id": mockads_sandbox.advertiser_id, "upload_type": "UPLOAD_BY_VIDEO_ID"},
        )
    invalid(body, "video_id")


@pytest.mark.parametrize("extra", [{"file_id": "ad-site-i18n-sg/2023abc"}, {}], ids=["id", "none"])
def test_upload_by_file_id_is_refused_naming_file_id(mockads_sandbox, extra):
    with unchanged(mockads_sandbox):
        body = mockads_sandbox.post(
            "file/video/ad/upload/",
            {
                "advertiser_id": mockads_sandbox.advertiser_id,
                "upload_type": "UPLOAD_BY_FILE_ID",
                **extra,
            },
        )
    invalid(body, "file_id")


# -- info -------------------------------------------------------------------------------------


def test_info_gives_the_videos_asked_in_that_order_with_a_url(pristine):
    listed = {v["video_id"]: v for v in library(pristine)}
    ids = list(listed)
    assert len(ids) == 3
    asked = [ids[2], ids[0], ids[1]]
    videos = _info_list(pristine, asked)
    assert [v["video_id"] for v in videos] == asked
    for video in videos:
        assert video["url"] == video["preview_url"]
        assert {k: v for k, v in video.items() if k != "url"} == listed[video["video_id"]]


def test_info_leaves_out_unknown_ids_and_repeats(pristine):
    ids = library_ids(pristine)
    videos = _info_list(pristine, [UNKNOWN_VIDEO_ID, ids[1], ids[1], "nonsense"])
    assert [v["video_id"] for v in videos] == [ids[1]]


def test_info_does_not_show_a_video_of_another_sandbox(pristine, foreign):
    foreign_ids = library_ids(foreign)
    assert set(foreign_ids).isdisjoint(library_ids(pristine))
    assert _info_list(pristine, foreign_ids) == []


def test_info_does_not_show_a_video_of_another_advertiser(rich):
    first, second = rich.summary["advertiser_ids"]
    theirs = library_ids(rich)[:5]
    assert _info_list(rich, theirs, advertiser_id=second) == []
    assert [v["video_id"] for v in _info_list(rich, theirs, advertiser_id=first)] == theirs


def test_info_takes_at_most_60_ids(pristine):
    ids = library_ids(pristine)
    sixty = [*ids, *(f"v10033g50000{n:020d}" for n in range(57))]
    assert len(_info_list(pristine, sixty)) == 3
    invalid(_info(pristine, [*sixty, UNKNOWN_VIDEO_ID]), "video_ids")


@pytest.mark.parametrize(
    "video_ids",
    [None, [], "v10033g50000aaaa", [""]],
    ids=["missing", "empty", "not JSON", "empty id"],
)
def test_info_needs_a_json_list_of_video_ids(pristine, video_ids):
    params = {"advertiser_id": pristine.advertiser_id}
    if video_ids is not None:
        params["video_ids"] = video_ids
    invalid(pristine.get("file/video/ad/info/", **params), "video_ids")


def test_info_of_another_sandboxes_advertiser_is_refused(pristine, foreign):
    _error(_info(pristine, library_ids(foreign), advertiser_id=foreign.advertiser_id), 40001)


@pytest.mark.parametrize(
    ("headers", "code"), [({}, 40104), ({"Access-Token": BAD_TOKEN}, 40105)], ids=["none", "bad"]
)
def test_info_without_a_valid_token_is_refused(client, pristine, headers, code):
    # `video_ids` is bad too: the token outranks it.
    query = {"advertiser_id": pristine.advertiser_id, "video_ids": "[]"}
    body = client.get(f"{MIRROR}/file/video/ad/info/", query_string=query, headers=headers)
    _error(body.get_json(), code)


# -- search -----------------------------------------------------------------------------------


def test_search_gives_20_videos_a_page_by_default(rich):
    first = search(rich)
    assert len(first["list"]) == 20
    assert first["page_info"] == {"page": 1, "page_size": 20, "total_number": 23, "total_page": 2}
    second = search(rich, page=2)
    assert len(second["list"]) == 3
    assert second["page_info"] == {"page": 2, "page_size": 20, "total_number": 23, "total_page": 2}
    paged = [v["video_id"] for v in first["list"] + second["list"]]
    assert paged == library_ids(rich)
    assert len(set(paged)) == 23


def test_search_pages_of_any_size_cover_the_library_once(rich):
    everything = library_ids(rich)
    pages = [search(rich, page=n, page_size=7) for n in (1, 2, 3, 4)]
    assert [p["page_info"]["total_page"] for p in pages] == [4, 4, 4, 4]
    assert [v["video_id"] for p in pages for v in p["list"]] == everything


def test_search_lists_the_most_recently_modified_first(rich):
    videos = library(rich)
    order = [(v["modify_time"], v["video_id"]) for v in videos]
    by_id = sorted(order, key=lambda o: o[1])
    assert order == sorted(by_id, key=lambda o: o[0], reverse=True)  # ties: by video_id
    assert len({v["modify_time"] for v in videos}) > 1


def test_search_shows_only_the_advertisers_own_library(rich):
    _, second = rich.summary["advertiser_ids"]
    mine = library_ids(rich)
    theirs = rich.get("file/video/ad/search/", advertiser_id=second, page_size=100)
    theirs_ids = [v["video_id"] for v in theirs["data"]["list"]]
    assert len(mine) == len(theirs_ids) == 23
    assert set(mine).isdisjoint(theirs_ids)


def test_search_page_beyond_the_last_is_empty(pristine):
    data = search(pristine, page=5, page_size=2)
    assert data["list"] == []
    assert data["page_info"] == {"page": 5, "page_size": 2, "total_number": 3, "total_page": 2}


@pytest.mark.parametrize("page_size", [100, 1])
def test_search_page_size_may_be_1_to_100(rich, page_size):
    data = search(rich, page_size=page_size)
    assert data["page_info"]["page_size"] == page_size
    assert len(data["list"]) == min(page_size, 23)


@pytest.mark.parametrize("params", [{"page_size": 101}, {"page_size": 0}, {"page": 0}])
def test_search_refuses_a_page_out_of_range(pristine, params):
    body = pristine.get("file/video/ad/search/", advertiser_id=pristine.advertiser_id, **params)
    invalid(body, next(iter(params)))


def test_search_filters_by_video_ids(pristine):
    ids = library_ids(pristine)
    assert library_ids(pristine, video_ids=[ids[2], ids[0], UNKNOWN_VIDEO_ID]) == [ids[0], ids[2]]


def test_search_filters_by_material_ids(pristine):
    videos = library(pristine)
    wanted = [videos[2]["material_id"], videos[1]["material_id"]]
    assert library_ids(pristine, material_ids=wanted) == [v["video_id"] for v in videos[1:]]
    assert library_ids(pristine, material_ids=["7000000000000000009"]) == []


def test_search_filters_by_a_part_of_the_name_in_any_case(rich):
    videos = library(rich)
    name = videos[-1]["file_name"]
    part = name[1:-5].swapcase()
    assert part and part != part.lower()
    expected = [v["video_id"] for v in videos if part.lower() in v["file_name"].lower()]
    assert videos[-1]["video_id"] in expected
    assert library_ids(rich, video_name=part) == expected
    assert library_ids(rich, video_name="no video has this name") == []


def test_search_finds_an_uploaded_video_by_a_part_of_its_name(mockads_sandbox):
    spring = the_video(upload_url(mockads_sandbox, URL, file_name="Spring LAUNCH teaser.mp4"))
    assert library_ids(mockads_sandbox, video_name="launch TEA") == [spring["video_id"]]


@pytest.mark.parametrize(
    ("sources", "matches"),
    [
        (["UPLOADED_TO_TIKTOK_ADS_MANAGER"], True),
        (["UPLOADED_TO_CATALOG", "UPLOADED_TO_TIKTOK_ADS_MANAGER"], True),
        (["UPLOADED_TO_CATALOG"], False),
        (["CREATIVE_TOOL_SMART_VIDEO", "OTHER"], False),
        ([], True),
    ],
)
def test_search_filters_by_material_source(pristine, sources, matches):
    everything = library_ids(pristine)
    assert len(everything) == 3
    found = library_ids(pristine, video_material_sources=sources)
    assert found == (everything if matches else [])


def test_search_refuses_an_unknown_material_source(pristine):
    body = pristine.get(
        "file/video/ad/search/",
        advertiser_id=pristine.advertiser_id,
        filtering={"video_material_sources": ["UPLOADED_BY_MAGIC"]},
    )
    assert "video_material_sources" in invalid(body, "filtering")


def test_search_of_another_sandboxes_advertiser_is_refused(pristine, foreign):
    _error(pristine.get("file/video/ad/search/", advertiser_id=foreign.advertiser_id), 40001)


def test_search_with_a_bad_token_and_bad_parameters_answers_40105(client, pristine):
    body = client.get(
        f"{MIRROR}/file/video/ad/search/",
        query_string={"advertiser_id": pristine.advertiser_id, "page_size": "0"},
        headers={"Access-Token": BAD_TOKEN},
    ).get_json()
    _error(body, 40105)


# -- media links of scenario videos (no file: the sample stands in) ---------------------------


def _query(url):
    return dict(parse_qsl(urlsplit(url).query))


def _with_query(url, **changes):
    """The link with query parameters replaced (None: left out)."""
    params = {**_query(url), **changes}
    path = urlsplit(url).path
    return f"{HOST}{path}?{urlencode({k: v for k, v in params.items() if v is not None})}"


def _links(sandbox, expires, secret=None):
    secret = secret or sandbox.client.application.extensions["mockads"].media_secret
    return MediaLinks(HOST, secret, expires)


def test_a_scenario_video_without_a_file_is_served_by_the_sample(pristine):
    video = library(pristine)[0]
    assert video["signature"] != SAMPLE_MD5
    poster = _fetch(pristine.client, video["video_cover_url"])
    assert (poster.status_code, poster.mimetype) == (200, "image/jpeg")
    assert poster.data.startswith(b"\xff\xd8")
    assert poster.data == poster_jpeg(SAMPLE)
    preview = _fetch(pristine.client, video["preview_url"])
    assert (preview.status_code, preview.mimetype) == (200, "video/mp4")
    assert preview.data == SAMPLE_BYTES


def test_a_preview_url_answers_a_range_with_206(pristine):
    video = library(pristine)[0]
    response = _fetch(pristine.client, video["preview_url"], Range="bytes=0-99")
    assert response.status_code == 206
    assert response.data == SAMPLE_BYTES[:100]
    assert response.headers["Content-Range"] == f"bytes 0-99/{len(SAMPLE_BYTES)}"


def test_the_info_url_plays(pristine):
    (video,) = _info_list(pristine, library_ids(pristine)[:1])
    response = _fetch(pristine.client, video["url"])
    assert (response.status_code, response.data) == (200, SAMPLE_BYTES)


def test_links_expire_six_hours_after_the_response_at_the_next_full_minute(pristine):
    before = int(time.time())
    video = library(pristine)[0]
    after = int(time.time())
    expires = int(_query(video["preview_url"])["x-expires"])
    assert before + LINK_LIFETIME <= expires <= after + LINK_LIFETIME + 60
    assert expires % 60 == 0
    assert int(_query(video["video_cover_url"])["x-expires"]) == expires
    assert video["preview_url_expire_time"] == format_time(expires)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda v, q: _with_query(v["preview_url"], **{"x-signature": "0" * 32}),
        lambda v, q: _with_query(v["preview_url"], **{"x-expires": int(q["x-expires"]) + 1}),
        lambda v, q: _with_query(v["preview_url"], **{"x-signature": None}),
        lambda v, q: _with_query(v["preview_url"], **{"x-expires": None}),
        lambda v, q: v["preview_url"].partition("?")[0],
        # The cover's signature does not open the video.
        lambda v, q: _with_query(
            v["preview_url"], **{"x-signature": _query(v["video_cover_url"])["x-signature"]}
        ),
        # Nor another video's link this one's file.
        lambda v, q: v["preview_url"].replace(v["signature"], SAMPLE_MD5),
    ],
    ids=[
        "signature",
        "expires",
        "no signature",
        "no expires",
        "no query",
        "cover signature",
        "other file",
    ],
)
def test_a_tampered_link_is_forbidden(pristine, tamper):
    video = library(pristine)[0]
    assert _fetch(pristine.client, video["preview_url"]).status_code == 200
    url = tamper(video, _query(video["preview_url"]))
    assert _fetch(pristine.client, url).status_code == 403


def test_a_link_signed_with_the_apps_secret_opens_until_it_expires(pristine):
    signature = library(pristine)[0]["signature"]
    valid = _links(pristine, int(time.time()) + 60)
    assert _fetch(pristine.client, valid.video(signature, "mp4")).data == SAMPLE_BYTES
    assert _fetch(pristine.client, valid.poster(signature)).status_code == 200
    expired = _links(pristine, int(time.time()) - 1)
    assert _fetch(pristine.client, expired.video(signature, "mp4")).status_code == 403
    assert _fetch(pristine.client, expired.poster(signature)).status_code == 403


def test_a_link_signed_with_another_secret_is_forbidden(pristine):
    signature = library(pristine)[0]["signature"]
    forged = _links(pristine, int(time.time()) + 60, secret=b"not the secret")
    assert _fetch(pristine.client, forged.video(signature, "mp4")).status_code == 403
    assert _fetch(pristine.client, forged.poster(signature)).status_code == 403


def test_an_expired_link_is_forbidden(pristine, monkeypatch):
    """A link of a response, once its six hours have passed (the machine's clock, patched)."""
    video = library(pristine)[0]
    expires = int(_query(video["preview_url"])["x-expires"])
    monkeypatch.setattr(time, "time", lambda: expires + 1.0)
    assert _fetch(pristine.client, video["preview_url"]).status_code == 403
    assert _fetch(pristine.client, video["video_cover_url"]).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "video/nothex.mp4",
        f"video/{SAMPLE_MD5}.mkv",
        f"video/{SAMPLE_MD5}.jpeg",
        f"poster/{SAMPLE_MD5}.mp4",
        f"video/{SAMPLE_MD5.upper()}.mp4",
        f"video/{SAMPLE_MD5[:-1]}.mp4",
    ],
)
def test_a_malformed_media_name_is_not_found(pristine, name):
    # Signed properly, so that only the name can be the reason.
    links = _links(pristine, int(time.time()) + 60)
    path = f"/media/{name}"
    url = f"{path}?x-expires={links.expires}&x-signature={links._sign(path, links.expires)}"
    assert pristine.client.get(url).status_code == 404


@pytest.mark.parametrize("expires", ["²", "9" * 5000], ids=["superscript two", "5000 digits"])
def test_a_malformed_x_expires_is_forbidden(pristine, expires):
    video = library(pristine)[0]
    response = _fetch(pristine.client, _with_query(video["preview_url"], **{"x-expires": expires}))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "signature", ["é" * 32, "", "0" * 1000], ids=["non-ascii", "empty", "long"]
)
def test_a_malformed_x_signature_is_forbidden(pristine, signature):
    video = library(pristine)[0]
    url = _with_query(video["video_cover_url"], **{"x-signature": signature})
    assert _fetch(pristine.client, url).status_code == 403


def test_a_range_of_a_mov_link_answers_206(pristine):
    signature = library(pristine)[0]["signature"]
    link = _links(pristine, int(time.time()) + 60).video(signature, "mov")
    assert _fetch(pristine.client, link).mimetype == "video/quicktime"
    response = _fetch(pristine.client, link, Range="bytes=0-99")
    assert (response.status_code, response.data) == (206, SAMPLE_BYTES[:100])


# -- media links of uploaded videos -----------------------------------------------------------


def test_the_cover_url_of_an_upload_is_its_first_frame(mockads_sandbox, videos):
    # Not the sample's frame (which the stand-in poster shows): another size.
    data = videos["horizontal"].read_bytes()
    video = the_video(upload_file(mockads_sandbox, data, "wide.mp4"))
    response = _fetch(mockads_sandbox.client, video["video_cover_url"])
    assert (response.status_code, response.mimetype) == (200, "image/jpeg")
    assert response.data.startswith(b"\xff\xd8")
    assert response.data == poster_jpeg(videos["horizontal"]) != poster_jpeg(SAMPLE)


def test_the_preview_url_of_an_upload_serves_its_bytes(mockads_sandbox, videos):
    data = videos["short"].read_bytes()
    video = the_video(upload_file(mockads_sandbox, data, "short.mp4"))
    response = _fetch(mockads_sandbox.client, video["preview_url"])
    assert (response.status_code, response.mimetype) == (200, "video/mp4")
    assert response.data == data
    ranged = _fetch(mockads_sandbox.client, video["preview_url"], Range="bytes=0-99")
    assert (ranged.status_code, ranged.data) == (206, data[:100])


def test_the_sample_uploaded_serves_itself(mockads_sandbox):
    video = the_video(upload_file(mockads_sandbox))
    (info,) = _info_list(mockads_sandbox, [video["video_id"]])
    assert _fetch(mockads_sandbox.client, info["url"]).data == SAMPLE_BYTES
    assert _fetch(mockads_sandbox.client, video["video_cover_url"]).data[:2] == b"\xff\xd8"


@pytest.mark.parametrize("container", ["mov", "avi", "3gp", "mpeg"])
def test_each_container_is_served_with_its_own_type(mockads_sandbox, videos, container):
    data = videos[container].read_bytes()
    video = the_video(upload_file(mockads_sandbox, data, f"clip.{container}"))
    response = _fetch(mockads_sandbox.client, video["preview_url"])
    assert (response.status_code, response.mimetype) == (200, MIME[container])
    assert response.data == data


def test_a_url_video_is_served_by_the_sample(mockads_sandbox):
    video = the_video(upload_url(mockads_sandbox, URL))
    assert _fetch(mockads_sandbox.client, video["preview_url"]).data == SAMPLE_BYTES
    assert _fetch(mockads_sandbox.client, video["video_cover_url"]).data == poster_jpeg(SAMPLE)
