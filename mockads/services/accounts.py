"""Advertiser accounts: `advertiser/info/` (`oauth2/advertiser/get/` is in `oauth`)."""

from __future__ import annotations

from collections.abc import Sequence

from mockads.domain.model import Advertiser
from mockads.services.access import authenticate
from mockads.services.ports import Store

__all__ = ["advertiser_info"]


def advertiser_info(
    store: Store, access_token: str | None, advertiser_ids: Sequence[str]
) -> list[Advertiser]:
    """The named advertisers; 40001 if any of them is out of the token's reach."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token)
        for advertiser_id in advertiser_ids:
            caller.require_advertiser(advertiser_id)
        found = {a.advertiser_id: a for a in caller.world.advertisers(advertiser_ids)}
        return [found[advertiser_id] for advertiser_id in dict.fromkeys(advertiser_ids)]
