"""The creative library's images: `file/image/ad/upload|info|search/`."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import BinaryIO, NoReturn

from mockads.domain import errors
from mockads.domain import images as rules
from mockads.domain.images import LibraryImage
from mockads.services.access import Caller, authenticate
from mockads.services.creative_assets import owned_among, search_owned
from mockads.services.paging import Page
from mockads.services.ports import MediaStore, Store

__all__ = [
    "file_image_ad_info",
    "file_image_ad_search",
    "refuse_image_upload",
    "upload_image_by_file",
]

_RNG = random.SystemRandom()


def _check_name_free(caller: Caller, advertiser_id: str, file_name: str) -> None:
    rules.check_image_name_free(file_name, caller.world.owned(LibraryImage, advertiser_id))


def upload_image_by_file(
    store: Store,
    media: MediaStore,
    access_token: str | None,
    advertiser_id: str,
    *,
    stream: BinaryIO,
    sent_name: str | None,
    image_signature: str,
    file_name: str | None = None,
    limit: int = rules.MAX_IMAGE_BYTES,
) -> LibraryImage:
    """Add an uploaded image: its MD5 must match, and it must be a jpeg or png.

    Access and the name are checked before the file is read; the image is added only once its
    file is kept.
    """
    file_name = file_name or rules.default_image_name(sent_name)
    with store.unit_of_work(read_only=True) as uow:
        _check_name_free(authenticate(uow, access_token, advertiser_id), advertiser_id, file_name)
    try:
        with media.stage(stream, limit) as staged:
            rules.check_image_signature(image_signature, staged.md5)
            facts = media.probe_image(staged)
            rules.check_image(facts)
            media.keep_image(staged, facts)
    except errors.VideoTooLarge:
        raise errors.ImageTooLarge(limit=limit) from None
    with store.unit_of_work() as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        _check_name_free(caller, advertiser_id, file_name)
        image = rules.new_library_image(_RNG, advertiser_id, facts, file_name, int(caller.now))
        caller.world.add(image)
        return image


def refuse_image_upload(
    store: Store, access_token: str | None, advertiser_id: str, upload_type: str
) -> NoReturn:
    """Refuse an image upload not by file: mockads never fetches the internet (an image's
    frame cannot be made up from its URL) and keeps no file repository issuing file ids."""
    with store.unit_of_work(read_only=True) as uow:
        authenticate(uow, access_token, advertiser_id)
    why = "does not download images" if upload_type == "UPLOAD_BY_URL" else "issues no file ids"
    raise errors.InvalidParameter(
        "upload_type", f"{upload_type} is not served: mockads {why}; upload with UPLOAD_BY_FILE."
    )


def file_image_ad_info(
    store: Store, access_token: str | None, advertiser_id: str, image_ids: Sequence[str]
) -> list[LibraryImage]:
    """The advertiser's images among `image_ids`, in the order asked; others are left out."""
    return owned_among(store, access_token, advertiser_id, LibraryImage, image_ids)


def file_image_ad_search(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    image_ids: Sequence[str] = (),
    material_ids: Sequence[str] = (),
    image_name: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[LibraryImage]:
    """The advertiser's images, filtered, most recently modified first."""
    return search_owned(
        store,
        access_token,
        advertiser_id,
        LibraryImage,
        id_field="image_id",
        ids=image_ids,
        material_ids=material_ids,
        name=image_name,
        page=page,
        page_size=page_size,
    )
