"""SQL expressions for local (Asia/Ho_Chi_Minh) days and weeks, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

LOCAL_OFFSET_SECONDS = 7 * 3600  # Vietnam has no daylight saving time
EPOCH = date(1970, 1, 1)  # a Thursday


def _integer_function(name: str, doc: str, **dialects: str) -> type[FunctionElement]:
    """An integer SQL function of one argument, written per dialect as a template of ``{x}``."""
    element = type(
        name, (FunctionElement,), {"__doc__": doc, "type": Integer(), "inherit_cache": True}
    )
    for dialect, template in dialects.items():

        def _compile(fn, compiler, _template=template, **kw):
            (argument,) = fn.clauses
            return _template.format(x=compiler.process(argument, **kw))

        compiles(element, dialect)(_compile)
    return element


local_day = _integer_function(
    "local_day",
    "Days since 1970-01-01 of a UTC timestamp's local date.",
    sqlite=f"CAST((CAST(strftime('%s', {{x}}) AS INTEGER) + {LOCAL_OFFSET_SECONDS}) / 86400"
    " AS INTEGER)",
    postgresql=f"CAST(floor((extract(epoch from {{x}}) + {LOCAL_OFFSET_SECONDS}) / 86400)"
    " AS INTEGER)",
)
floor_int = _integer_function(
    "floor_int",
    "floor() of a non-negative number, as an integer.",
    sqlite="CAST({x} AS INTEGER)",
    postgresql="CAST(floor({x}) AS INTEGER)",
)


def day_from_number(number: int) -> date:
    return EPOCH + timedelta(days=int(number))


def week_start(week: int) -> date:
    """The Monday that starts week number ``week`` (week 0 starts Monday 1969-12-29)."""
    return EPOCH + timedelta(days=int(week) * 7 - 3)
