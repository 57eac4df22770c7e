"""Who is calling the mirror: the sandbox an access token opens, and its clock."""

from __future__ import annotations

import time
from dataclasses import dataclass

from mockads.domain import errors
from mockads.domain.model import Sandbox
from mockads.services.ports import Store, UnitOfWork, WorldRepository

__all__ = ["Caller", "authenticate", "check_access_token", "real_time"]


def real_time() -> float:
    """The machine's time in Unix seconds (sandbox clocks shift or freeze it)."""
    return time.time()


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated mirror request: its sandbox, that sandbox's world and clock reading."""

    sandbox: Sandbox
    world: WorldRepository
    now: float

    def require_advertiser(self, advertiser_id: str) -> None:
        """Refuse an advertiser this token cannot reach (40001)."""
        if not self.world.has_advertiser(advertiser_id):
            raise errors.NoPermission("advertiser_id", advertiser_id)


def authenticate(
    uow: UnitOfWork, access_token: str | None, advertiser_id: str | None = None
) -> Caller:
    """The caller behind an Access-Token (40104 when empty, 40105 when unknown).

    With `advertiser_id`, also refuse an advertiser the token cannot reach (40001), in the
    same query.
    """
    if not access_token:
        raise errors.AccessTokenMissing()
    if "\x00" in access_token:  # no token holds NUL, and PostgreSQL cannot even look one up
        raise errors.AccessTokenInvalid()
    found = uow.sandboxes.by_token(access_token, advertiser_id)
    if found is None:
        raise errors.AccessTokenInvalid()
    sandbox, advertiser_known = found
    if advertiser_id is not None and not advertiser_known:
        raise errors.NoPermission("advertiser_id", advertiser_id)
    return Caller(sandbox, uow.world(sandbox.sandbox_id), sandbox.clock.now(real_time()))


def check_access_token(store: Store, access_token: str | None) -> None:
    """Raise 40104 or 40105 unless the token opens a sandbox."""
    with store.unit_of_work(read_only=True) as uow:
        authenticate(uow, access_token)
