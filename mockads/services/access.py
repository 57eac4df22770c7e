"""Who is calling the mirror: the sandbox an access token opens, and its clock."""

from __future__ import annotations

import time
from contextvars import ContextVar
from dataclasses import dataclass

from mockads.domain import errors
from mockads.domain.model import Sandbox, SandboxRef
from mockads.domain.oauth import PermissionGroup, TokenScope
from mockads.services.ports import Instruments, Store, UnitOfWork, WorldRepository

__all__ = [
    "Caller",
    "authenticate",
    "check_access_token",
    "clock_reading",
    "forget_clock_reading",
    "open_sandbox",
    "open_world",
    "real_time",
    "required_permission",
    "sandbox_of_token",
]

#: The sandbox time the current request's caller was last authenticated at: the journal dates
#: an entry with the time its handler saw, at no cost of its own.
_CLOCK_READING: ContextVar[float | None] = ContextVar("mockads_clock_reading", default=None)

#: The permission group the current mirror call needs (set by the mirror for each call; None
#: elsewhere): an app's token without it is refused in `authenticate`.
required_permission: ContextVar[PermissionGroup | None] = ContextVar(
    "mockads_required_permission", default=None
)


def real_time() -> float:
    """The machine's time in Unix seconds (sandbox clocks shift or freeze it)."""
    return time.time()


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated mirror request: its sandbox, that sandbox's world and clock reading."""

    sandbox: Sandbox
    world: WorldRepository
    now: float
    #: What an app's token was granted; None for a sandbox's own token (it may do everything).
    scope: TokenScope | None = None

    def require_advertiser(self, advertiser_id: str) -> None:
        """Refuse an advertiser this token cannot reach (40001)."""
        if self.scope is not None:
            self.scope.require_advertiser(advertiser_id)
        if not self.world.has_advertiser(advertiser_id):
            raise errors.NoPermission("advertiser_id", advertiser_id)

    def reaches(self, advertiser_id: str) -> bool:
        """Whether this token may act for the advertiser (an app's: only those granted)."""
        return self.scope is None or advertiser_id in self.scope.advertiser_ids


def authenticate(
    uow: UnitOfWork, access_token: str | None, advertiser_id: str | None = None
) -> Caller:
    """The caller behind an Access-Token (40104 when empty, 40105 when unknown or revoked).

    With `advertiser_id`, also refuse an advertiser the token cannot reach (40001), in the
    same query. An app's token is also refused (40001) a call outside the permission groups
    and ad accounts its advertiser granted: set lookups on what that query read.
    """
    if not access_token:
        raise errors.AccessTokenMissing()
    if "\x00" in access_token:  # no token holds NUL, and PostgreSQL cannot even look one up
        raise errors.AccessTokenInvalid()
    found = uow.sandboxes.access_of_token(access_token, advertiser_id)
    if found is None:
        raise errors.AccessTokenInvalid()
    sandbox, advertiser_known, scope = found
    now = sandbox.clock.now(real_time())
    _CLOCK_READING.set(now)
    if scope is not None:
        scope.require(required_permission.get())
        if advertiser_id is not None:
            scope.require_advertiser(advertiser_id)
    if advertiser_id is not None and not advertiser_known:
        raise errors.NoPermission("advertiser_id", advertiser_id)
    return Caller(sandbox, uow.world(sandbox.sandbox_id), now, scope)


def check_access_token(store: Store, access_token: str | None) -> None:
    """Raise 40104 or 40105 unless the token opens a sandbox."""
    with store.unit_of_work(read_only=True) as uow:
        authenticate(uow, access_token)


def forget_clock_reading() -> None:
    """Start a request: no clock was read for it yet (threads serve one request after another)."""
    _CLOCK_READING.set(None)


def clock_reading() -> float | None:
    """The sandbox time this request's caller was authenticated at, if it was."""
    return _CLOCK_READING.get()


def sandbox_of_token(
    store: Store, instruments: Instruments, access_token: str | None
) -> SandboxRef | None:
    """The sandbox a token opens, or None: looked up once, then cached (tokens never change;
    deleting a sandbox drops its entry). Unknown tokens are not cached: one may open a
    sandbox created later."""
    if not access_token:
        return None
    known = instruments.sandbox_of(access_token)
    if known is not None:
        return known
    if "\x00" in access_token:
        return None
    with store.unit_of_work(read_only=True) as uow:
        found = uow.sandboxes.by_token(access_token)
    if found is None:
        return None
    sandbox = SandboxRef(found[0].sandbox_id, found[0].seed)
    instruments.remember(access_token, sandbox)
    return sandbox


def open_sandbox(uow: UnitOfWork, sandbox_id: str) -> Caller:
    """A control-plane or console call's view of a sandbox: the sandbox, its world in this unit
    of work and its clock's now (NotFound when there is no such sandbox). The operator comes
    without a token, so without a scope: they may do everything."""
    sandbox = uow.sandboxes.get(sandbox_id)
    if sandbox is None:
        raise errors.NotFound("sandbox", sandbox_id)
    return Caller(sandbox, uow.world(sandbox_id), sandbox.clock.now(real_time()))


def open_world(uow: UnitOfWork, sandbox_id: str) -> tuple[WorldRepository, float]:
    """`open_sandbox`'s world and clock reading, for the calls that need nothing more."""
    caller = open_sandbox(uow, sandbox_id)
    return caller.world, caller.now
