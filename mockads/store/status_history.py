"""The status history: each change of a campaign's, ad group's or ad's `operation_status`.

The store writes it as objects are written: a row when one is created (change 0), a row when
`replace` stores another status than the stored one (one INSERT ... SELECT that compares them,
so an unchanged status writes nothing), and, for objects it holds without any row (a scenario's
world, a state file or a database from before the history), one row of their current status at
their `modify_time`. Delivery reads it grouped by object (`DeliveryFacts.*_history`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
)

from mockads.domain.ads import Ad
from mockads.domain.campaigns import AdGroup, Campaign
from mockads.domain.enums import OperationStatus
from mockads.store.prepared import PreparedQuery, PreparedWrite
from mockads.store.tables import adgroups, ads, campaigns, status_changes
from mockads.store.transaction import Transaction

__all__ = ["History", "StatusHistory", "complete_history"]

#: (object kind, object id) -> its changes as (time, on), in order.
History = dict[tuple[str, str], tuple[tuple[int, bool], ...]]

#: Object kind, table and id column of each entity with an operation status.
_KINDS: dict[type, tuple[str, Table, str]] = {
    Campaign: ("campaign", campaigns, "campaign_id"),
    AdGroup: ("adgroup", adgroups, "adgroup_id"),
    Ad: ("ad", ads, "ad_id"),
}
_H = status_changes.c
_COLUMNS = ["sandbox_id", "object_kind", "object_id", "seq", "advertiser_id", "changed_at"]
_STATUS = bindparam("status", type_=_H.operation_status.type)


def _kind(kind: str) -> Any:
    """An object kind as SQL text (kinds are fixed names): prepared statements take only named
    parameters (`store/prepared.py`)."""
    return literal_column(f"'{kind}'")


def _of_object(kind: str, table: Table, id_column: str) -> Any:
    return and_(
        _H.sandbox_id == table.c.sandbox_id,
        _H.object_kind == _kind(kind),
        _H.object_id == table.c[id_column],
    )


def _change(kind: str, table: Table, id_column: str) -> PreparedWrite:
    """Insert the change to :status at :changed_at when the stored object has another status
    (constants as SQL text: a prepared statement takes only named parameters)."""
    next_seq = select(
        func.coalesce(func.max(_H.seq), literal_column("-1")) + literal_column("1")
    ).where(_of_object(kind, table, id_column))
    rows = select(
        table.c.sandbox_id,
        _kind(kind),
        table.c[id_column],
        next_seq.scalar_subquery(),
        table.c.advertiser_id,
        bindparam("changed_at", type_=_H.changed_at.type),
        # Cast: PostgreSQL deduces one type per parameter, and the selected value alone reads
        # as text while the comparison below reads as the column's varchar.
        cast(_STATUS, _H.operation_status.type),
    ).where(
        table.c.sandbox_id == bindparam("sid"),
        table.c[id_column] == bindparam("object_id"),
        table.c.operation_status != _STATUS,
    )
    return PreparedWrite(insert(status_changes).from_select([*_COLUMNS, "operation_status"], rows))


def _completion(kind: str, table: Table, id_column: str, one_sandbox: bool) -> Any:
    """Insert, for each object without history, its status at its `modify_time`."""
    where = [~exists().where(_of_object(kind, table, id_column))]
    if one_sandbox:
        where.append(table.c.sandbox_id == bindparam("sid"))
    rows = select(
        table.c.sandbox_id,
        literal(kind),
        table.c[id_column],
        literal(0),
        table.c.advertiser_id,
        table.c.modify_time,
        table.c.operation_status,
    ).where(*where)
    return insert(status_changes).from_select([*_COLUMNS, "operation_status"], rows)


_INSERT = PreparedWrite(insert(status_changes))
_CHANGES = {cls: _change(*spec) for cls, spec in _KINDS.items()}
_COMPLETE_SANDBOX = [_completion(*spec, one_sandbox=True) for spec in _KINDS.values()]
_COMPLETE_ALL = [_completion(*spec, one_sandbox=False) for spec in _KINDS.values()]
_ORDER = (_H.object_kind, _H.object_id, _H.seq)
_COLUMNS_READ = (_H.object_kind, _H.object_id, _H.changed_at, _H.operation_status)
_OF_ADVERTISER = PreparedQuery(
    select(*_COLUMNS_READ)
    .where(_H.sandbox_id == bindparam("sid"), _H.advertiser_id == bindparam("advertiser_id"))
    .order_by(*_ORDER)
)


def _promoting(id_column: str) -> Any:
    return select(ads.c[id_column]).where(
        ads.c.sandbox_id == bindparam("sid"), ads.c.tiktok_item_id == bindparam("item_id")
    )


_OF_POST = PreparedQuery(
    select(*_COLUMNS_READ)
    .where(
        _H.sandbox_id == bindparam("sid"),
        or_(
            *(
                and_(
                    _H.object_kind == literal_column(f"'{kind}'"),
                    _H.object_id.in_(_promoting(id_column)),
                )
                for kind, _, id_column in _KINDS.values()
            )
        ),
    )
    .order_by(*_ORDER)
)
_ON = OperationStatus.ENABLE.value


def complete_history(connection: Connection) -> None:
    """Give every object of every sandbox that has no history its current status at its
    `modify_time` (a database kept by a mockads older than the history)."""
    for statement in _COMPLETE_ALL:
        connection.execute(statement)


class StatusHistory:
    """Part of SqlWorldRepository: writes and reads the status history."""

    _tx: Transaction
    _sid: str

    def _record_creations(self, entities: Sequence[Any]) -> None:
        """After `add_all` stores new entities of one class: each one's first status."""
        spec = _KINDS.get(type(entities[0])) if entities else None
        if spec is None:
            return
        kind, _, id_column = spec
        _INSERT.execute_many(
            self._tx,
            [
                {
                    "sandbox_id": self._sid,
                    "object_kind": kind,
                    "object_id": getattr(entity, id_column),
                    "seq": 0,
                    "advertiser_id": entity.advertiser_id,
                    "changed_at": entity.modify_time,
                    "operation_status": entity.operation_status,
                }
                for entity in entities
            ],
        )

    def _record_change(self, entity: Any) -> None:
        """Before `replace` stores `entity`: its status change, if it changes it."""
        statement = _CHANGES.get(type(entity))
        if statement is None:
            return
        id_column = _KINDS[type(entity)][2]
        statement.execute(
            self._tx,
            {
                "sid": self._sid,
                "object_id": getattr(entity, id_column),
                "changed_at": entity.modify_time,
                "status": entity.operation_status,
            },
        )

    def _complete_history(self) -> None:
        for statement in _COMPLETE_SANDBOX:
            self._tx.connection.execute(statement, {"sid": self._sid})

    def _clear_history(self) -> None:
        self._tx.connection.execute(delete(status_changes).where(_H.sandbox_id == self._sid))

    def status_history(self, advertiser_id: str) -> History:
        """Every status change of the advertiser's campaigns, ad groups and ads."""
        rows = _OF_ADVERTISER.raw(self._tx, {"sid": self._sid, "advertiser_id": advertiser_id})
        return group_history(rows)

    def status_history_of_post(self, item_id: str) -> History:
        """Every status change of the ads promoting a post, their ad groups and campaigns."""
        return group_history(_OF_POST.raw(self._tx, {"sid": self._sid, "item_id": item_id}))


def group_history(rows: Sequence[Sequence[Any]]) -> History:
    """Rows of (kind, id, changed_at, status value), ordered by object then seq, grouped."""
    grouped: dict[tuple[str, str], list[tuple[int, bool]]] = {}
    for kind, object_id, changed_at, status in rows:
        grouped.setdefault((kind, object_id), []).append((changed_at, status == _ON))
    return {key: tuple(changes) for key, changes in grouped.items()}
