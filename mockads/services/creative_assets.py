"""Reads the creative library's images and videos share: by id, and searched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from mockads.domain.images import LibraryImage
from mockads.domain.library import LibraryVideo
from mockads.services.access import authenticate
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store

__all__ = ["owned_among", "search_owned"]

Asset = TypeVar("Asset", LibraryImage, LibraryVideo)


def owned_among(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    kind: type[Asset],
    ids: Sequence[str],
) -> list[Asset]:
    """The advertiser's assets of `kind` among `ids`, in the order asked (each once); ids of
    other advertisers' assets, or of none, are left out."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = (caller.world.get(kind, i, advertiser_id) for i in dict.fromkeys(ids))
        return [asset for asset in found if asset is not None]


def search_owned(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    kind: type[Asset],
    *,
    id_field: str,
    ids: Sequence[str],
    material_ids: Sequence[str],
    name: str | None,
    page: int,
    page_size: int,
) -> Page[Asset]:
    """The advertiser's assets of `kind` whose id (`id_field`) and material id are among those
    given (when given) and whose file name holds `name` (any case), most recently modified
    first."""
    with store.unit_of_work(read_only=True) as uow:
        assets = authenticate(uow, access_token, advertiser_id).world.owned(kind, advertiser_id)
    part = name.lower() if name else None
    matching = [
        asset
        for asset in assets
        if (not ids or getattr(asset, id_field) in ids)
        and (not material_ids or asset.material_id in material_ids)
        and (part is None or part in asset.file_name.lower())
    ]
    matching.sort(key=lambda asset: (-asset.modify_time, getattr(asset, id_field)))
    return paginate(matching, page, page_size)
