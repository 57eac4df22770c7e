"""Prepared statements for the hot path: built once, compiled once per dialect, run on the driver.

SQLAlchemy's execution machinery costs several times more than SQLite takes to answer a
primary-key look-up or to insert a row. For the SELECTs every mirror request makes and the
writes of the write path, the statement is compiled once per dialect and sent straight to the
DBAPI cursor of the unit of work's connection (so it stays inside the same transaction).
Results go through the columns' own result processors and parameters of writes through their
bind processors, so values go in and come back exactly as SQLAlchemy would convert them
(booleans, enums, JSON columns, numerics).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Delete, Insert, Select, Update
from sqlalchemy.engine import Dialect

from mockads.store.transaction import Transaction

__all__ = ["PreparedQuery", "PreparedWrite"]

Processors = tuple[tuple[int, Callable[[Any], Any]], ...]  # (column index, processor)


def _parameters_by_position(
    positional: Sequence[str] | None,
) -> Callable[[Mapping[str, Any]], Sequence[Any] | Mapping[str, Any]]:
    """What turns named parameters into those the driver takes: as they are for a driver of
    named parameters, else a tuple in the statement's order (one `itemgetter` call)."""
    if positional is None:
        return lambda params: params
    if len(positional) == 1:
        (name,) = positional
        return lambda params: (params[name],)
    return itemgetter(*positional)  # type: ignore[return-value]


@dataclass(slots=True)
class _Plan:
    sql: str
    parameters: Callable[[Mapping[str, Any]], Sequence[Any] | Mapping[str, Any]]
    types: tuple[Any, ...]
    processors: Processors | None = field(default=None)

    def processors_for(self, dialect: Dialect, description: Sequence[Any]) -> Processors:
        """The result processors, learnt from the first cursor (PostgreSQL needs its types)."""
        if self.processors is None:
            found = (
                (index, sa_type._cached_result_processor(dialect, column[1]))
                for index, (sa_type, column) in enumerate(zip(self.types, description, strict=True))
            )
            self.processors = tuple((i, p) for i, p in found if p is not None)
        return self.processors


def _process(processors: Processors, row: Sequence[Any]) -> Sequence[Any]:
    if not processors:
        return row
    values = list(row)
    for index, process in processors:
        value = values[index]
        if value is not None:
            values[index] = process(value)
    return values


class PreparedQuery:
    """A SELECT whose parameters need no bind processing (plain strings and numbers)."""

    def __init__(self, statement: Select[Any]) -> None:
        self._statement = statement
        self._plans: dict[str, _Plan] = {}

    def _plan(self, dialect: Dialect) -> _Plan:
        plan = self._plans.get(dialect.name)
        if plan is None:
            compiled = self._statement.compile(dialect=dialect)
            positional = compiled.positiontup
            plan = _Plan(
                sql=str(compiled),
                parameters=_parameters_by_position(positional),
                types=tuple(column.type for column in compiled._result_columns),
            )
            self._plans[dialect.name] = plan
        return plan

    def all(self, transaction: Transaction, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        """Every row."""
        dialect = transaction.dialect
        plan = self._plan(dialect)
        cursor = transaction.driver_cursor()
        try:
            cursor.execute(plan.sql, plan.parameters(params))
            processors = plan.processors_for(dialect, cursor.description)
            return [_process(processors, row) for row in cursor.fetchall()]
        finally:
            cursor.close()

    def raw(self, transaction: Transaction, params: Mapping[str, Any]) -> list[Sequence[Any]]:
        """Every row as the driver gives it: no result processing (enums stay strings), for
        reads of many rows that convert what they need themselves."""
        plan = self._plan(transaction.dialect)
        cursor = transaction.driver_cursor()
        try:
            cursor.execute(plan.sql, plan.parameters(params))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def first(self, transaction: Transaction, params: Mapping[str, Any]) -> Sequence[Any] | None:
        """The first row, or None."""
        rows = self.all(transaction, params)
        return rows[0] if rows else None


@dataclass(slots=True)
class _WritePlan:
    sql: str
    positional: tuple[str, ...] | None
    processors: tuple[tuple[str, Callable[[Any], Any]], ...]  # (parameter, bind processor)
    #: Each positional parameter with its bind processor, or None (a driver with positional
    #: parameters, such as SQLite's, gets one tuple built in one pass).
    steps: tuple[tuple[str, Callable[[Any], Any] | None], ...] = ()

    def parameters(self, params: Mapping[str, Any]) -> Sequence[Any] | Mapping[str, Any]:
        if self.positional is not None:
            return tuple([params[n] if p is None else p(params[n]) for n, p in self.steps])
        if self.processors:
            params = dict(params)
            for name, process in self.processors:
                params[name] = process(params[name])
        return params


class PreparedWrite:
    """An INSERT, UPDATE or DELETE whose parameters are all named bind parameters (an INSERT
    built without values takes one per column, named after it)."""

    def __init__(self, statement: Insert | Update | Delete) -> None:
        self._statement = statement
        self._plans: dict[str, _WritePlan] = {}

    def _plan(self, dialect: Dialect) -> _WritePlan:
        plan = self._plans.get(dialect.name)
        if plan is None:
            compiled = self._statement.compile(dialect=dialect)
            positional = compiled.positiontup
            found = (
                (name, bind.type._cached_bind_processor(dialect))
                for name, bind in ((b.key, b) for b in compiled.binds.values())
            )
            processors = tuple((name, p) for name, p in found if p is not None)
            by_name = dict(processors)
            plan = _WritePlan(
                sql=str(compiled),
                positional=tuple(positional) if positional is not None else None,
                processors=processors,
                steps=tuple((name, by_name.get(name)) for name in positional or ()),
            )
            self._plans[dialect.name] = plan
        return plan

    def execute(self, transaction: Transaction, params: Mapping[str, Any]) -> int:
        """Run once; how many rows it changed."""
        plan = self._plan(transaction.dialect)
        cursor = transaction.driver_cursor()
        try:
            cursor.execute(plan.sql, plan.parameters(params))
            return int(cursor.rowcount)
        finally:
            cursor.close()

    def execute_many(self, transaction: Transaction, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run once per parameter set, in one driver call."""
        if not rows:
            return
        plan = self._plan(transaction.dialect)
        cursor = transaction.driver_cursor()
        try:
            cursor.executemany(plan.sql, [plan.parameters(row) for row in rows])
        finally:
            cursor.close()
