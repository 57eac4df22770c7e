"""The `sandboxes` table: each sandbox's token, clock and review policy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, null, select, union_all, update

from mockads.domain.clock import Clock
from mockads.domain.enums import ReviewMode
from mockads.domain.model import Sandbox
from mockads.domain.oauth import TokenScope
from mockads.domain.review import ReviewPolicy
from mockads.store.locks import lock_sandbox, lock_sandbox_of_token
from mockads.store.prepared import PreparedQuery
from mockads.store.repositories import ENTITY_TABLES, SqlWorldRepository
from mockads.store.tables import advertisers, oauth_grants, sandboxes
from mockads.store.transaction import Transaction

__all__ = ["SqlSandboxRepository"]


def _advertiser_known() -> Any:
    return (
        select(advertisers.c.advertiser_id)
        .where(
            advertisers.c.sandbox_id == sandboxes.c.sandbox_id,
            advertisers.c.advertiser_id == bindparam("advertiser_id"),
        )
        .exists()
        .label("advertiser_known")
    )


#: One statement for both kinds of token: an app's token (with what it was granted) and a
#: sandbox's own token (every permission: NULL grant columns). The grant half comes first so
#: the result columns carry the grant columns' types.
_SANDBOX_BY_TOKEN = PreparedQuery(
    union_all(
        select(
            sandboxes,
            _advertiser_known(),
            oauth_grants.c.app_id,
            oauth_grants.c.advertiser_ids,
            oauth_grants.c.scopes,
        )
        .select_from(
            oauth_grants.join(sandboxes, sandboxes.c.sandbox_id == oauth_grants.c.sandbox_id)
        )
        .where(oauth_grants.c.access_token == bindparam("access_token")),
        select(
            sandboxes,
            _advertiser_known(),
            null().label("app_id"),
            null().label("advertiser_ids"),
            null().label("scopes"),
        ).where(sandboxes.c.access_token == bindparam("access_token")),
    )  # type: ignore[arg-type]
)
_SANDBOX_BY_ID = PreparedQuery(select(sandboxes).where(sandboxes.c.sandbox_id == bindparam("sid")))


class SqlSandboxRepository:
    """The `sandboxes` table."""

    def __init__(self, transaction: Transaction) -> None:
        self._tx = transaction

    def get(self, sandbox_id: str) -> Sandbox | None:
        """The sandbox, or None (a writer waits for the sandbox's writers ahead of it)."""
        lock_sandbox(self._tx, sandbox_id)
        row = _SANDBOX_BY_ID.first(self._tx, {"sid": sandbox_id})
        return _sandbox(row) if row else None

    def by_token(
        self, access_token: str, advertiser_id: str | None = None
    ) -> tuple[Sandbox, bool] | None:
        """The sandbox a token opens and whether it holds `advertiser_id`, or None (a writer
        waits for the sandbox's writers ahead of it)."""
        found = self.access_of_token(access_token, advertiser_id)
        return found[:2] if found else None

    def access_of_token(
        self, access_token: str, advertiser_id: str | None = None
    ) -> tuple[Sandbox, bool, TokenScope | None] | None:
        """`by_token`, with what an app's token was granted (None: a sandbox's own token,
        which may do everything), read in the same statement."""
        lock_sandbox_of_token(self._tx, access_token)
        row = _SANDBOX_BY_TOKEN.first(
            self._tx, {"access_token": access_token, "advertiser_id": advertiser_id}
        )
        if row is None:
            return None
        app_id, advertiser_ids, scopes = row[-3:]
        scope = (
            None
            if app_id is None
            else TokenScope(app_id, frozenset(advertiser_ids), frozenset(scopes))
        )
        return _sandbox(row[:-4]), bool(row[-4]), scope

    def holding(self, cls: type, key: str) -> list[str]:
        """The ids of the sandboxes holding an entity of `cls` with this (single) key, such as
        an app's code or token, which arrive without a sandbox's token."""
        table = ENTITY_TABLES[cls]
        (column,) = [c for c in table.primary_key.columns if c.name != "sandbox_id"]
        query = select(table.c.sandbox_id).where(column == key).order_by(table.c.sandbox_id)
        return list(self._tx.connection.execute(query).scalars())

    def all(self) -> list[Sandbox]:
        """Every sandbox, oldest first."""
        rows = self._tx.connection.execute(select(sandboxes).order_by(sandboxes.c.created_at))
        return [_sandbox(row) for row in rows]

    def count(self) -> int:
        """How many sandboxes exist."""
        return self._tx.connection.execute(select(func.count()).select_from(sandboxes)).scalar_one()

    def add(self, sandbox: Sandbox) -> None:
        """Insert a new sandbox row (its world is loaded separately)."""
        lock_sandbox(self._tx, sandbox.sandbox_id)
        self._tx.connection.execute(
            sandboxes.insert().values(
                sandbox_id=sandbox.sandbox_id,
                name=sandbox.name,
                scenario=sandbox.scenario,
                seed=sandbox.seed,
                access_token=sandbox.access_token,
                created_at=sandbox.created_at,
                clock_offset=sandbox.clock.offset,
                clock_frozen_at=sandbox.clock.frozen_at,
                **_review_columns(sandbox.review_policy),
            )
        )

    def update(self, sandbox: Sandbox) -> None:
        """Store everything of an existing sandbox but its id and creation time."""
        lock_sandbox(self._tx, sandbox.sandbox_id)
        self._tx.connection.execute(
            update(sandboxes)
            .where(sandboxes.c.sandbox_id == sandbox.sandbox_id)
            .values(
                name=sandbox.name,
                scenario=sandbox.scenario,
                seed=sandbox.seed,
                access_token=sandbox.access_token,
                clock_offset=sandbox.clock.offset,
                clock_frozen_at=sandbox.clock.frozen_at,
                **_review_columns(sandbox.review_policy),
            )
        )

    def set_clock(self, sandbox_id: str, clock: Clock) -> None:
        """Store a sandbox's clock."""
        lock_sandbox(self._tx, sandbox_id)
        self._tx.connection.execute(
            update(sandboxes)
            .where(sandboxes.c.sandbox_id == sandbox_id)
            .values(clock_offset=clock.offset, clock_frozen_at=clock.frozen_at)
        )

    def set_review_policy(self, sandbox_id: str, policy: ReviewPolicy) -> None:
        """Store how a sandbox reviews ads."""
        lock_sandbox(self._tx, sandbox_id)
        self._tx.connection.execute(
            update(sandboxes)
            .where(sandboxes.c.sandbox_id == sandbox_id)
            .values(**_review_columns(policy))
        )

    def remove(self, sandbox_id: str) -> None:
        """Delete a sandbox and its world."""
        lock_sandbox(self._tx, sandbox_id)
        SqlWorldRepository(self._tx, sandbox_id).clear()
        self._tx.connection.execute(delete(sandboxes).where(sandboxes.c.sandbox_id == sandbox_id))


def _sandbox(row: Sequence[Any]) -> Sandbox:
    (sandbox_id, name, scenario, seed, access_token, created_at, offset, frozen_at) = row[:8]
    mode, delay, terms = row[8:11]
    return Sandbox(
        sandbox_id=sandbox_id,
        name=name,
        scenario=scenario,
        seed=seed,
        access_token=access_token,
        created_at=created_at,
        clock=Clock(offset=offset, frozen_at=frozen_at),
        review_policy=ReviewPolicy(ReviewMode(mode), delay, tuple(terms)),
    )


def _review_columns(policy: ReviewPolicy) -> dict[str, Any]:
    return {
        "review_mode": policy.mode.value,
        "review_delay_seconds": policy.delay_seconds,
        "review_reject_terms": policy.reject_terms,
    }
