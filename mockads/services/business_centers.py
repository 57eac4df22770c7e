"""Business Centers: `bc/get/`, and the Business Center a BC_AUTH_TT identity names."""

from __future__ import annotations

from mockads.domain.model import BusinessCenter
from mockads.services.access import authenticate
from mockads.services.paging import Page, paginate
from mockads.services.ports import Store, WorldReader

__all__ = ["bc_get", "named_business_center"]


def bc_get(
    store: Store,
    access_token: str | None,
    *,
    bc_id: str | None = None,
    page: int = 1,
    page_size: int = 10,
) -> Page[BusinessCenter]:
    """The Business Centers the token reaches (only `bc_id`'s when given), by id."""
    with store.unit_of_work(read_only=True) as uow:
        found = authenticate(uow, access_token).world.business_centers()
    if bc_id is not None:
        found = [bc for bc in found if bc.bc_id == bc_id]
    return paginate(found, page, page_size)


def named_business_center(world: WorldReader, bc_id: str | None) -> BusinessCenter | None:
    """The Business Center `bc_id` names in this sandbox, or None (also when no id is given)."""
    return world.get(BusinessCenter, bc_id) if bc_id is not None else None
