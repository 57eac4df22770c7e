"""What the training console knows of the person signed in: their sandbox, advertiser and time."""

from __future__ import annotations

from dataclasses import dataclass

from mockads.domain import errors
from mockads.domain.model import Advertiser
from mockads.services.access import authenticate
from mockads.services.ports import Store

__all__ = ["Workspace", "open_workspace"]


@dataclass(frozen=True, slots=True)
class Workspace:
    """A sandbox as one console user sees it: every page shows its name, advertiser and clock."""

    sandbox_id: str
    sandbox_name: str
    access_token: str
    advertisers: tuple[Advertiser, ...]
    advertiser: Advertiser
    now: float


def open_workspace(
    store: Store, access_token: str | None, advertiser_id: str | None = None
) -> Workspace:
    """The sandbox a token opens (40104/40105 otherwise), with one of its advertisers chosen:
    `advertiser_id` if the token reaches it (40001 otherwise), else the first."""
    with store.unit_of_work(read_only=True) as uow:
        caller = authenticate(uow, access_token)
        advertisers = tuple(
            a for a in caller.world.advertisers() if caller.reaches(a.advertiser_id)
        )
    chosen = advertisers[0] if advertiser_id is None else None
    for advertiser in advertisers:
        if advertiser.advertiser_id == advertiser_id:
            chosen = advertiser
    if chosen is None:
        raise errors.NoPermission("advertiser_id", str(advertiser_id))
    sandbox = caller.sandbox
    # The token signed in with: an app's token keeps its own reach, and ends when revoked.
    assert access_token is not None  # authenticate refused an empty one
    return Workspace(
        sandbox.sandbox_id, sandbox.name, access_token, advertisers, chosen, caller.now
    )
