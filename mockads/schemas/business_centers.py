"""`bc/get/`: request and response data."""

from __future__ import annotations

from typing import Any

from mockads.domain.model import BusinessCenter
from mockads.schemas.common import Id, page_info, paginated
from mockads.services.paging import Page

__all__ = ["BcGetRequest", "bc_get_data"]


class BcGetRequest(paginated(default_size=10, max_size=50)):
    """Query of `bc/get/`."""

    bc_id = Id(load_default=None, allow_none=False)


def bc_get_data(page: Page[BusinessCenter]) -> dict[str, Any]:
    """`data` of `bc/get/`: each Business Center with the token user's roles in it."""
    return {"list": [_bc(bc) for bc in page.items], "page_info": page_info(page)}


def _bc(bc: BusinessCenter) -> dict[str, Any]:
    return {
        "bc_info": {
            "bc_id": bc.bc_id,
            "name": bc.name,
            "company": bc.company,
            "currency": bc.currency,
            "registered_area": bc.registered_area,
            "status": bc.status,
            "timezone": bc.timezone,
            "type": bc.type,
        },
        "user_role": bc.user_role,
        "ext_user_role": {"finance_role": bc.finance_role},
    }
