"""A Business Center for unit tests of the rules that check BC_AUTH_TT identities."""

from __future__ import annotations

from mockads.domain.model import BusinessCenter

ADVERTISER = "7100000000000000000"
BC_ID = "7200000000000000000"


def business_center(*advertiser_ids: str, bc_id: str = BC_ID) -> BusinessCenter:
    """An agency's Business Center owning `advertiser_ids`."""
    return BusinessCenter(
        bc_id=bc_id,
        name="Agency Business Center",
        company="Agency",
        currency="USD",
        timezone="America/New_York",
        registered_area="US",
        status="ENABLE",
        type="AGENCY",
        user_role="ADMIN",
        finance_role="MANAGER",
        advertiser_ids=advertiser_ids,
    )
