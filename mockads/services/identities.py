"""Identities an advertiser can run ads as: `identity/get/`."""

from __future__ import annotations

from mockads.domain.enums import IdentityType
from mockads.domain.model import Creator, Identity
from mockads.services.access import authenticate
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store

__all__ = ["identity_get"]


def identity_get(
    store: Store,
    access_token: str | None,
    advertiser_id: str,
    *,
    identity_type: IdentityType | None = None,
    identity_authorized_bc_id: str | None = None,
    page: int = 1,
    page_size: int = 20,
) -> Page[Identity]:
    """The advertiser's identities: stored ones, and one AUTH_CODE identity per linked creator."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token, advertiser_id)
        found = caller.world.identities(advertiser_id)
        found += [
            _auth_code_identity(advertiser_id, c)
            for c in caller.world.linked_creators(advertiser_id)
        ]
    if identity_type is not None:
        found = [i for i in found if i.identity_type is identity_type]
    if identity_authorized_bc_id is not None:
        found = [i for i in found if i.identity_authorized_bc_id == identity_authorized_bc_id]
    return paginate(found, page, page_size)


def _auth_code_identity(advertiser_id: str, creator: Creator) -> Identity:
    return Identity(
        identity_id=creator.identity_id,
        advertiser_id=advertiser_id,
        identity_type=IdentityType.AUTH_CODE,
        display_name=creator.display_name,
        profile_image=creator.profile_image,
        creator_id=creator.creator_id,
        identity_authorized_bc_id=None,
        can_push_video=False,
        can_pull_video=False,
        can_use_live_ads=False,
        create_time=creator.create_time,
    )
