"""The `sandboxes` table: each sandbox's token, clock and review policy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update

from mockads.domain.clock import Clock
from mockads.domain.enums import ReviewMode
from mockads.domain.model import Sandbox
from mockads.domain.review import ReviewPolicy
from mockads.store.locks import lock_sandbox, lock_sandbox_of_token
from mockads.store.prepared import PreparedQuery
from mockads.store.repositories import SqlWorldRepository
from mockads.store.tables import advertisers, sandboxes
from mockads.store.transaction import Transaction

__all__ = ["SqlSandboxRepository"]

_SANDBOX_BY_TOKEN = PreparedQuery(
    select(
        sandboxes,
        select(advertisers.c.advertiser_id)
        .where(
            advertisers.c.sandbox_id == sandboxes.c.sandbox_id,
            advertisers.c.advertiser_id == bindparam("advertiser_id"),
        )
        .exists()
        .label("advertiser_known"),
    ).where(sandboxes.c.access_token == bindparam("access_token"))
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
        lock_sandbox_of_token(self._tx, access_token)
        row = _SANDBOX_BY_TOKEN.first(
            self._tx, {"access_token": access_token, "advertiser_id": advertiser_id}
        )
        return (_sandbox(row[:-1]), bool(row[-1])) if row else None

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
