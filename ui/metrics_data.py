"""The metrics page's data and charts, cached until something changes in the database.

The key holds the newest event id (a decision a second ago moves it), the
minute (for "pending now" and "overdue now"), the period and the language; an
unchanged database therefore costs one indexed max() per rerun.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import streamlit as st

from core.platform.db import engine_for, session_scope
from core.platform.identity import Identity
from core.registration.assignment import assignment_load
from core.registration.metrics import Dashboard, Period, change_marker, dashboard, overdue_list
from ui import metrics_charts as charts
from ui.formatting import chart_config, spreadsheet_safe

SLA_GOAL = 0.95


@dataclass(frozen=True)
class Section:
    key: str
    spec: dict | None
    csv: bytes
    caption_values: dict


@dataclass(frozen=True)
class MetricsView:
    board: Dashboard
    sections: tuple[Section, ...]


def _sections(board: Dashboard, period: Period, lang: str) -> tuple[Section, ...]:
    goal = {"goal": f"{SLA_GOAL:.0%}"}
    built = [
        ("flow", charts.flow(board.weekly, period, lang), {}),
        ("sla", charts.compliance(board.weekly, SLA_GOAL, period, lang), goal),
        ("dist", charts.distribution(board.distribution, lang), {}),
        ("backlog", charts.backlog(board.backlog, lang), {}),
        ("reviewers", charts.reviewers(board.reviewers, lang), {}),
        ("cohorts", charts.cohort_view(board.cohorts, period, lang), {}),
    ]
    return tuple(
        Section(
            key=key,
            spec=None
            if data.empty
            else chart.properties(width="container").configure(**chart_config(lang)).to_dict(),
            csv=spreadsheet_safe(data).to_csv(index=False).encode("utf-8"),
            caption_values=values,
        )
        for key, (chart, data), values in built
    )


# cache_resource: the view is read-only; a copy per rerun would be wasted work.
@st.cache_resource(max_entries=64, show_spinner=False)
def _view(
    url: str, start: date, end: date, minute: datetime, marker: int, lang: str
) -> MetricsView:
    with engine_for(url).connect() as conn:
        board = dashboard(conn, Period(start, end), minute)
    return MetricsView(board=board, sections=_sections(board, Period(start, end), lang))


def metrics_view(url: str, period: Period, now: datetime, lang: str) -> MetricsView:
    with engine_for(url).connect() as conn:
        marker = change_marker(conn)
    return _view(url, period.start, period.end, now.replace(second=0, microsecond=0), marker, lang)


@st.cache_data(max_entries=4, show_spinner=False)
def _overdue(url: str, minute: datetime, marker: int):
    with engine_for(url).connect() as conn:
        return overdue_list(conn, minute)


def overdue_now(url: str, now: datetime):
    """The oldest applications past their due time now, whatever the period shown."""
    with engine_for(url).connect() as conn:
        marker = change_marker(conn)
    return _overdue(url, now.replace(second=0, microsecond=0), marker)


def assignment_load_now(url: str, actor: Identity, now: datetime) -> pd.DataFrame:
    """Open, due soon, overdue and waiting per reviewer: one grouped query."""
    with session_scope(engine_for(url)) as session:
        return assignment_load(session, actor, now)
