"""The creative library: `file/video/ad/upload|info|search/`."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import BinaryIO

from mockads.domain import errors
from mockads.domain import library as rules
from mockads.domain.library import LibraryVideo, VideoFacts
from mockads.services.access import Caller, authenticate
from mockads.services.creative_assets import owned_among, search_owned
from mockads.services.paging import Page, paginate
from mockads.services.ports import MediaStore, Store

__all__ = [
    "MATERIAL_SOURCE",
    "upload_by_file",
    "upload_by_file_id",
    "upload_by_url",
    "upload_by_video_id",
    "video_info",
    "video_search",
]

_RNG = random.SystemRandom()
#: `video_material_sources` of every video mockads holds: all come through the API.
MATERIAL_SOURCE = "UPLOADED_TO_TIKTOK_ADS_MANAGER"


def _check_name_free(caller: Caller, advertiser_id: str, file_name: str) -> None:
    rules.check_file_name_free(file_name, caller.world.owned(LibraryVideo, advertiser_id))


def _add(
    store: Store, access_token: str | None, advertiser_id: str, facts: VideoFacts, file_name: str
) -> LibraryVideo:
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        _check_name_free(caller, advertiser_id, file_name)
        video = rules.new_library_video(_RNG, advertiser_id, facts, file_name, int(caller.now))
        caller.world.add(video)
        return video


def upload_by_file(
    store: Store,
    media: MediaStore,
    access_token: str | None,
    advertiser_id: str,
    *,
    stream: BinaryIO,
    sent_name: str | None,
    video_signature: str,
    file_name: str | None = None,
    limit: int = rules.MAX_VIDEO_BYTES,
) -> LibraryVideo:
    """Add an uploaded file: its MD5 must match, and it must be a video the library accepts.

    Access and the name are checked before the file is read; the file is kept only once it
    passed every check, and the video is added only once its file is kept.
    """
    file_name = file_name or rules.default_file_name(sent_name)
    with store.unit_of_work(read_only=True) as uow:
        _check_name_free(authenticate(uow, access_token, advertiser_id), advertiser_id, file_name)
    with media.stage(stream, limit) as staged:
        rules.check_signature(video_signature, staged.md5)
        facts = media.probe(staged)
        rules.check_video(facts)
        media.keep(staged, facts)
    return _add(store, access_token, advertiser_id, facts, file_name)


def upload_by_url(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    video_url: str,
    file_name: str | None = None,
) -> LibraryVideo:
    """Add a video known by URL: recorded, not downloaded; its facts derive from the URL."""
    facts = rules.url_video_facts(video_url)
    rules.check_video(facts)
    return _add(
        store, access_token, advertiser_id, facts, file_name or rules.url_file_name(video_url)
    )


def upload_by_video_id(
    store: Store, access_token: str | None, advertiser_id: str, *, video_id: str
) -> LibraryVideo:
    """Bind a video of another library this token reaches; the video keeps its id."""
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        world = caller.world
        own = world.get(LibraryVideo, video_id, advertiser_id)
        if own is not None:
            return own
        source = next(
            (
                video
                for advertiser in world.advertisers()
                if (video := world.get(LibraryVideo, video_id, advertiser.advertiser_id))
            ),
            None,
        )
        if source is None:
            raise errors.NotFound("video", video_id)
        _check_name_free(caller, advertiser_id, source.file_name)
        video = rules.new_library_video(
            _RNG,
            advertiser_id,
            rules.media_of(source),
            source.file_name,
            int(caller.now),
            video_id=source.video_id,
            material_id=source.material_id,
        )
        world.add(video)
        return video


def upload_by_file_id(
    store: Store, access_token: str | None, advertiser_id: str, *, file_id: str
) -> LibraryVideo:
    """Add a file of the file repository by its id. mockads keeps no file repository (TikTok's
    chunked `file/...` upload calls), so no file id is ever known: always refused."""
    with store.unit_of_work(read_only=True) as uow:
        authenticate(uow, access_token, advertiser_id)
    raise errors.InvalidParameter(
        "file_id",
        f"no file has the id {file_id!r}: mockads keeps no file repository to issue file ids; "
        "upload with UPLOAD_BY_FILE, UPLOAD_BY_URL or UPLOAD_BY_VIDEO_ID.",
    )


def video_info(
    store: Store, access_token: str | None, advertiser_id: str, video_ids: Sequence[str]
) -> list[LibraryVideo]:
    """The advertiser's videos among `video_ids`, in the order asked; others are left out."""
    return owned_among(store, access_token, advertiser_id, LibraryVideo, video_ids)


def video_search(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    video_ids: Sequence[str] = (),
    material_ids: Sequence[str] = (),
    video_name: str | None = None,
    video_material_sources: Sequence[str] = (),
    page: int = 1,
    page_size: int = 20,
) -> Page[LibraryVideo]:
    """The advertiser's library, filtered, most recently modified first (every video has
    MATERIAL_SOURCE: asking only for other sources finds none)."""
    found = search_owned(
        store,
        access_token,
        advertiser_id,
        LibraryVideo,
        id_field="video_id",
        ids=video_ids,
        material_ids=material_ids,
        name=video_name,
        page=page,
        page_size=page_size,
    )
    if video_material_sources and MATERIAL_SOURCE not in video_material_sources:
        return paginate([], page, page_size)
    return found
