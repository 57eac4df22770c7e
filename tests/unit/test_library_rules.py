"""Rules of the creative library (`mockads.domain.library`), without HTTP; and the media layer
(`mockads.media.probe`, `mockads.media.files`) on real videos encoded for the module."""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import replace

import av
import pytest

from mockads.domain import errors
from mockads.domain.library import (
    MAX_DURATION_SECONDS,
    MAX_FILE_NAME,
    SUPPORTED_FORMATS,
    VideoFacts,
    check_file_name_free,
    check_signature,
    check_video,
    default_file_name,
    new_library_video,
    url_file_name,
    url_video_facts,
)
from mockads.media.files import SAMPLE_VIDEO, MediaFiles
from mockads.media.probe import poster_jpeg, probe_video
from tests.mediagen import SAMPLE, make_video

NOW = 1_800_000_000
ADVERTISER = "7100000000000000000"
MD5 = "0123456789abcdef0123456789abcdef"
FACTS = VideoFacts(
    format="mp4", duration=10.0, width=540, height=960, bit_rate=1_000, size=1_250, signature=MD5
)
MIN_FRAMES = {"vertical": (540, 960), "square": (640, 640), "horizontal": (960, 540)}


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


# -- check_video ------------------------------------------------------------------------------


@pytest.mark.parametrize("video_format", SUPPORTED_FORMATS)
@pytest.mark.parametrize("orientation", list(MIN_FRAMES))
def test_each_format_is_accepted_at_the_minimum_frame(video_format, orientation):
    width, height = MIN_FRAMES[orientation]
    check_video(replace(FACTS, format=video_format, width=width, height=height))


@pytest.mark.parametrize(
    ("width", "height", "orientation", "minimum"),
    [
        (539, 960, "vertical", "540x960"),
        (540, 959, "vertical", "540x960"),
        (639, 639, "square", "640x640"),
        (959, 540, "horizontal", "960x540"),
        (960, 539, "horizontal", "960x540"),
        # Nearly square but vertical: the vertical minimum applies.
        (640, 641, "vertical", "540x960"),
    ],
)
def test_a_frame_just_below_the_minimum_is_refused(width, height, orientation, minimum):
    with pytest.raises(errors.VideoResolutionTooLow) as refused:
        check_video(replace(FACTS, width=width, height=height))
    assert (refused.value.orientation, refused.value.minimum) == (orientation, minimum)
    assert refused.value.message.startswith("[VIDEO_RESOLUTION_TOO_LOW] video_file: ")
    assert f"{width}x{height}" in refused.value.message


def test_a_larger_frame_of_each_orientation_is_accepted():
    for width, height in ((1080, 1920), (1080, 1080), (1920, 1080), (1000, 999)):
        check_video(replace(FACTS, width=width, height=height))


@pytest.mark.parametrize("video_format", ["matroska", "flv", "asf", "mpegts", "MP4", ""])
def test_another_format_is_refused(video_format):
    with pytest.raises(errors.VideoFormatUnsupported) as refused:
        check_video(replace(FACTS, format=video_format))
    assert refused.value.message.startswith("[VIDEO_FORMAT_UNSUPPORTED] video_file: ")
    assert "mp4, mov, mpeg, 3gp, avi" in refused.value.message


@pytest.mark.parametrize("duration", [0.001, 1.0, 599.999, MAX_DURATION_SECONDS])
def test_a_duration_up_to_600_seconds_is_accepted(duration):
    assert MAX_DURATION_SECONDS == 600.0
    check_video(replace(FACTS, duration=duration))


@pytest.mark.parametrize("duration", [600.001, 601.0, 0.0, -1.0])
def test_a_duration_over_600_seconds_or_of_nothing_is_refused(duration):
    with pytest.raises(errors.VideoDurationOutOfRange) as refused:
        check_video(replace(FACTS, duration=duration))
    assert refused.value.message.startswith("[VIDEO_DURATION_OUT_OF_RANGE] video_file: ")


def test_the_format_is_checked_first_then_the_duration_then_the_frame():
    bad = replace(FACTS, format="flv", duration=0.0, width=10, height=10)
    with pytest.raises(errors.VideoFormatUnsupported):
        check_video(bad)
    with pytest.raises(errors.VideoDurationOutOfRange):
        check_video(replace(bad, format="mp4"))
    with pytest.raises(errors.VideoResolutionTooLow):
        check_video(replace(bad, format="mp4", duration=1.0))


# -- check_signature --------------------------------------------------------------------------


@pytest.mark.parametrize("given", [MD5, MD5.upper(), f"  {MD5}\n", MD5[:16].upper() + MD5[16:]])
def test_the_signature_matches_in_any_case_and_spacing(given):
    check_signature(given, MD5)


@pytest.mark.parametrize("given", ["", "0" * 32, MD5[:-1], MD5 + "0", MD5.replace("0", "O")])
def test_another_signature_is_refused(given):
    with pytest.raises(errors.VideoSignatureMismatch) as refused:
        check_signature(given, MD5)
    error = refused.value
    assert (error.api_code, error.field, error.given, error.actual) == (
        40002,
        "video_signature",
        given,
        MD5,
    )
    assert error.message.startswith("[VIDEO_SIGNATURE_MISMATCH] video_signature: ")
    assert MD5 in error.message


# -- file names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "name"),
    [
        ("clip.mp4", "clip.mp4"),
        (None, "video.mp4"),
        ("", "video.mp4"),
        ("a" * 100, "a" * 100),
        ("a" * 99 + "bcd.mp4", "a" * 99 + "b"),
    ],
)
def test_default_file_name_is_the_sent_name_at_most_100_characters(sent, name):
    assert MAX_FILE_NAME == 100
    assert default_file_name(sent) == name


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://cdn.example.com/a/b/launch.mp4", "launch.mp4"),
        ("https://cdn.example.com/a/Summer%20Sale.mov?x=1#y", "Summer Sale.mov"),
        ("https://cdn.example.com/", "video.mp4"),
        ("https://cdn.example.com", "video.mp4"),
        ("https://cdn.example.com/" + "n" * 150, "n" * 100),
    ],
)
def test_url_file_name_is_the_last_path_segment(url, name):
    assert url_file_name(url) == name


def _library(*names):
    rng = random.Random(5)
    return [new_library_video(rng, ADVERTISER, FACTS, name, NOW) for name in names]


def test_a_free_file_name_passes():
    check_file_name_free("new.mp4", _library("a.mp4", "b.mp4"))
    check_file_name_free("a.mp4", [])


def test_a_file_name_of_the_library_is_refused():
    with pytest.raises(errors.FileNameDuplicated) as refused:
        check_file_name_free("b.mp4", _library("a.mp4", "b.mp4"))
    assert refused.value.message.startswith("[FILE_NAME_DUPLICATED] file_name: ")
    assert "'b.mp4'" in refused.value.message


def test_file_names_differing_in_case_are_different():
    check_file_name_free("A.MP4", _library("a.mp4"))


# -- videos known by URL ----------------------------------------------------------------------


def test_a_url_always_gives_the_same_facts():
    url = "https://cdn.example.com/ads/launch.mp4"
    assert url_video_facts(url) == url_video_facts(url)
    assert url_video_facts(url).signature == _md5(url.encode())
    assert url_video_facts(url) != url_video_facts(url + "?v=2")


def test_url_facts_are_facts_the_library_accepts():
    for n in range(50):
        facts = url_video_facts(f"https://cdn.example.com/v/{n}.mp4")
        check_video(facts)
        assert 6 <= facts.duration <= 45
        assert (facts.width, facts.height) in {
            (720, 1280),
            (1080, 1920),
            (1080, 1080),
            (1920, 1080),
        }
        assert 1_000_000 <= facts.bit_rate <= 4_000_000
        assert facts.size == int(facts.bit_rate * facts.duration / 8)


@pytest.mark.parametrize(
    ("name", "video_format"),
    [
        ("a.mov", "mov"),
        ("a.MOV", "mov"),
        ("a.avi", "avi"),
        ("a.3gp", "3gp"),
        ("a.mpeg", "mpeg"),
        ("a.mp4", "mp4"),
        ("a.mkv", "mp4"),
        ("a.mpg", "mp4"),
        ("a", "mp4"),
        ("a.mov/", "mp4"),
    ],
)
def test_url_format_comes_from_the_extension(name, video_format):
    assert url_video_facts(f"https://cdn.example.com/{name}?format=avi").format == video_format


@pytest.mark.parametrize(
    "url",
    [
        "ftp://cdn.example.com/a.mp4",
        "file:///tmp/a.mp4",
        "cdn.example.com/a.mp4",
        "https:///a.mp4",
        "https://cdn.example.com/a b.mp4",
        "",
    ],
)
def test_a_url_that_is_not_http_is_refused(url):
    with pytest.raises(errors.InvalidParameter) as refused:
        url_video_facts(url)
    assert refused.value.field == "video_url"
    assert refused.value.message.startswith("video_url: ")


# -- new_library_video ------------------------------------------------------------------------


def test_a_new_library_video_has_new_ids_and_the_facts():
    rng = random.Random(3)
    video = new_library_video(rng, ADVERTISER, FACTS, "clip.mp4", NOW)
    other = new_library_video(rng, ADVERTISER, FACTS, "clip.mp4", NOW)
    assert video.video_id.startswith("v10033g50000") and len(video.video_id) == 32
    assert video.material_id.isdigit() and len(video.material_id) == 19
    assert (video.video_id, video.material_id) != (other.video_id, other.material_id)
    assert (video.create_time, video.modify_time) == (NOW, NOW)
    assert (video.advertiser_id, video.file_name) == (ADVERTISER, "clip.mp4")
    assert (video.format, video.duration, video.width, video.height) == ("mp4", 10.0, 540, 960)
    assert (video.bit_rate, video.size, video.signature) == (1_000, 1_250, MD5)


def test_a_bound_library_video_keeps_its_ids():
    video = new_library_video(
        random.Random(3), ADVERTISER, FACTS, "clip.mp4", NOW, video_id="v1", material_id="72"
    )
    assert (video.video_id, video.material_id) == ("v1", "72")


@pytest.mark.parametrize(
    "error",
    [
        errors.VideoSignatureMismatch(given="a", actual="b"),
        errors.NotAVideo(detail="x"),
        errors.VideoTooLarge(limit=1),
        errors.VideoFormatUnsupported(format="flv", allowed="mp4"),
        errors.VideoDurationOutOfRange(duration=601.0, limit=600.0),
        errors.VideoResolutionTooLow(width=1, height=2, orientation="vertical", minimum="3x4"),
        errors.FileNameDuplicated(file_name="a.mp4"),
    ],
    ids=lambda error: error.reason,
)
def test_library_refusals_are_40002_named_reason_then_field(error):
    assert isinstance(error, errors.VideoRejected)
    assert (error.api_code, error.http_status) == (40002, 422)
    assert error.message.startswith(f"[{error.reason}] {error.field}: ")


# -- probing real files -----------------------------------------------------------------------

_SPECS = {
    "mp4": {"container": "mp4", "seconds": 2},
    "mov": {"container": "mov", "seconds": 2},
    "avi": {"container": "avi", "seconds": 2},
    "3gp": {"container": "3gp", "seconds": 2},
    "mpeg": {"container": "mpeg", "seconds": 2, "fps": 25},
    "horizontal": {"width": 960, "height": 540, "seconds": 1},
    "matroska": {"container": "matroska", "seconds": 1},
}


@pytest.fixture(scope="module")
def encoded(tmp_path_factory):
    """Videos encoded once for the module: name -> path."""
    folder = tmp_path_factory.mktemp("encoded")
    return {name: make_video(folder / f"{name}.bin", **spec) for name, spec in _SPECS.items()}


def _probe(path):
    data = path.read_bytes()
    return probe_video(path, len(data), _md5(data))


@pytest.mark.parametrize("video_format", ["mp4", "mov", "avi", "3gp", "mpeg"])
def test_probe_reads_format_frame_and_duration(encoded, video_format):
    path = encoded[video_format]
    facts = _probe(path)
    assert (facts.format, facts.width, facts.height) == (video_format, 540, 960)
    assert facts.duration == pytest.approx(2.0, abs=0.1)
    assert (facts.size, facts.signature) == (path.stat().st_size, _md5(path.read_bytes()))
    assert facts.bit_rate > 0


def test_probe_reads_a_horizontal_frame(encoded):
    assert (_probe(encoded["horizontal"]).width, _probe(encoded["horizontal"]).height) == (960, 540)


def test_probe_names_matroska_as_such(encoded):
    assert _probe(encoded["matroska"]).format == "matroska"


def test_probe_of_the_sample():
    facts = _probe(SAMPLE)
    assert (facts.format, facts.width, facts.height, facts.duration) == ("mp4", 540, 960, 6.0)
    assert facts.size == 74_611


@pytest.mark.parametrize(
    "make",
    [
        lambda: b"this is a text file, not a video\n" * 40,
        lambda: poster_jpeg(SAMPLE),
        lambda: SAMPLE.read_bytes()[:20_000],
        lambda: b"",
        lambda: random.Random(1).randbytes(50_000),
    ],
    ids=["text", "jpeg", "truncated mp4", "empty", "noise"],
)
def test_probe_of_what_is_not_a_video_raises_not_a_video(tmp_path, make):
    path = tmp_path / "upload.mp4"
    path.write_bytes(make())
    with pytest.raises(errors.NotAVideo) as refused:
        probe_video(path, path.stat().st_size, "x")
    assert refused.value.message.startswith("[NOT_A_VIDEO] video_file: ")


def test_poster_is_the_first_frame_as_a_jpeg(encoded):
    jpeg = poster_jpeg(encoded["horizontal"])
    assert jpeg.startswith(b"\xff\xd8") and jpeg.endswith(b"\xff\xd9")
    with av.open(io.BytesIO(jpeg)) as image:
        frame = next(image.decode(video=0))
    assert (frame.width, frame.height) == (960, 540)


# -- the media directory ----------------------------------------------------------------------


@pytest.fixture
def media(tmp_path):
    return MediaFiles(tmp_path / "media")


def _staging(media):
    return list((media.root / "staging").iterdir())


def test_media_files_make_their_folders(media):
    assert sorted(p.name for p in media.root.iterdir()) == [
        "images",
        "posters",
        "staging",
        "videos",
    ]
    assert media.sample == SAMPLE_VIDEO == SAMPLE


def test_stage_copies_and_hashes_then_removes_the_copy(media):
    data = b"some bytes" * 1000
    with media.stage(io.BytesIO(data), limit=len(data)) as staged:
        assert (staged.size, staged.md5) == (len(data), _md5(data))
        assert staged.path.parent == media.root / "staging"
        assert staged.path.read_bytes() == data
    assert _staging(media) == []


@pytest.mark.parametrize("size", [101, 3 * (1 << 20)], ids=["one byte over", "megabytes over"])
def test_stage_refuses_past_the_limit_and_leaves_nothing(media, size):
    limit = 100 if size == 101 else (1 << 20) + 10
    stream = io.BytesIO(b"\0" * size)
    with pytest.raises(errors.VideoTooLarge) as refused, media.stage(stream, limit):
        pytest.fail("the block must not run")
    assert refused.value.limit == limit
    assert _staging(media) == []
    # Refused as soon as the limit is passed: at most one more chunk (1 MiB) is read.
    assert stream.tell() <= limit + (1 << 20)


def test_stage_removes_the_copy_when_the_block_fails(media):
    with pytest.raises(errors.NotAVideo), media.stage(io.BytesIO(b"text"), 100) as staged:
        media.probe(staged)
    assert _staging(media) == []


def test_keep_stores_the_video_under_its_md5_with_a_poster(media, encoded):
    path = encoded["mov"]
    data = path.read_bytes()
    with media.stage(io.BytesIO(data), limit=len(data)) as staged:
        facts = media.probe(staged)
        media.keep(staged, facts)
    signature = _md5(data)
    video = media.root / "videos" / f"{signature}.mov"
    poster = media.root / "posters" / f"{signature}.jpeg"
    assert video.read_bytes() == data
    assert poster.read_bytes() == poster_jpeg(path)
    assert _staging(media) == []
    assert media.video_file(signature, "mov") == video
    assert media.poster_file(signature) == poster


def test_keeping_the_same_file_twice_keeps_one_copy(media, encoded):
    data = encoded["mp4"].read_bytes()
    for _ in range(2):
        with media.stage(io.BytesIO(data), limit=len(data)) as staged:
            media.keep(staged, media.probe(staged))
    assert [p.name for p in (media.root / "videos").iterdir()] == [f"{_md5(data)}.mp4"]
    assert [p.name for p in (media.root / "posters").iterdir()] == [f"{_md5(data)}.jpeg"]
    assert _staging(media) == []


def test_unknown_media_is_served_by_the_sample(media):
    assert media.video_file(MD5, "mp4") == SAMPLE
    assert media.video_file(MD5, "mov") == SAMPLE
    poster = media.poster_file(MD5)
    assert poster == media.root / "posters" / "sample.jpeg"
    assert poster.read_bytes() == poster_jpeg(SAMPLE)
