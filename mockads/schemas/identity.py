"""`identity/get/`: request and response data."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from mockads.domain.enums import IdentityType
from mockads.domain.model import Identity
from mockads.schemas.common import Id, page_info, paginated
from mockads.services.paging import Page

__all__ = ["IdentityGetRequest", "identity_get_data"]


class IdentityGetRequest(paginated(default_size=20, max_size=50)):
    """Query of `identity/get/`."""

    advertiser_id = Id(required=True)
    identity_type = fields.Enum(IdentityType, load_default=None, allow_none=False)
    identity_authorized_bc_id = Id(load_default=None, allow_none=False)


def identity_get_data(page: Page[Identity]) -> dict[str, Any]:
    """`data` of `identity/get/`."""
    return {"identity_list": [_identity(i) for i in page.items], "page_info": page_info(page)}


def _identity(identity: Identity) -> dict[str, Any]:
    return {
        "identity_id": identity.identity_id,
        "identity_type": identity.identity_type.value,
        "display_name": identity.display_name,
        "profile_image": identity.profile_image,
        "can_push_video": identity.can_push_video,
        "can_pull_video": identity.can_pull_video,
        "can_use_live_ads": identity.can_use_live_ads,
        "identity_authorized_bc_id": identity.identity_authorized_bc_id,
    }
