"""SQL expressions for local (Asia/Ho_Chi_Minh) days and weeks, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

LOCAL_OFFSET_SECONDS = 7 * 3600  # Vietnam has no daylight saving time
EPOCH = date(1970, 1, 1)  # a Thursday


class local_day(FunctionElement):
    """Days since 1970-01-01 of a UTC timestamp's local date."""

    type = Integer()
    inherit_cache = True


@compiles(local_day, "sqlite")
def _local_day_sqlite(element, compiler, **kw):
    (column,) = element.clauses
    return (
        f"CAST((CAST(strftime('%s', {compiler.process(column, **kw)}) AS INTEGER)"
        f" + {LOCAL_OFFSET_SECONDS}) / 86400 AS INTEGER)"
    )


@compiles(local_day, "postgresql")
def _local_day_postgresql(element, compiler, **kw):
    (column,) = element.clauses
    return (
        f"CAST(floor((extract(epoch from {compiler.process(column, **kw)})"
        f" + {LOCAL_OFFSET_SECONDS}) / 86400) AS INTEGER)"
    )


class floor_int(FunctionElement):
    """floor() of a non-negative number, as an integer."""

    type = Integer()
    inherit_cache = True


@compiles(floor_int, "sqlite")
def _floor_sqlite(element, compiler, **kw):
    (value,) = element.clauses
    return f"CAST({compiler.process(value, **kw)} AS INTEGER)"


@compiles(floor_int, "postgresql")
def _floor_postgresql(element, compiler, **kw):
    (value,) = element.clauses
    return f"CAST(floor({compiler.process(value, **kw)}) AS INTEGER)"


def day_from_number(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


def week_start(week: int) -> date:
    """The Monday that starts week number ``week`` (week 0 starts Monday 1969-12-29)."""
    return EPOCH + timedelta(days=int(week) * 7 - 3)
