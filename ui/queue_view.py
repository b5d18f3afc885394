"""Everything the queue page draws: one page of rows, the headline counts and the age chart.

The rows are one keyset page read from the database on every run (a page is
cheap at any queue size); the whole queue's counts and chart are two
aggregates, cached on the newest event and the minute.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st

from core.platform.db import engine_for, session_scope
from core.platform.identity import Identity, require_staff
from core.platform.locale import LANGUAGES, locale_for, t
from core.platform.sla import AGE_BUCKETS, SlaState
from core.registration.queue import (
    PAGE_SIZE,
    Cursor,
    QueueFilter,
    age_chart_data,
    queue_counts,
    queue_page,
    review_marker,
)
from ui.context import T, reader
from ui.formatting import SLA_COLOURS, chart_config, local_strings, spreadsheet_safe
from ui.review_desk import open_row
from ui.review_detail import DESK

TABLE_COLUMNS = {
    "id": "col.id",
    "sla": "col.sla",
    "assigned_to": "col.assigned_to",
    "working_days_elapsed": "col.age",
    "working_days_left": "col.left",
    "working_days_overdue": "col.late",
    "email": "col.email",
    "company": "col.company",
    "lang_name": "col.language",
    "submitted": "col.submitted",
    "due": "col.due",
}


PAGES_KEY = "queue_pages"
PICKED_KEY = "queue_picked"


@dataclass(frozen=True)
class QueueView:
    matching: int
    ids: tuple[int, ...]
    arrow: pa.Table
    next: Cursor | None
    page_size: int = PAGE_SIZE

    closed: int = 0

    @property
    def table_key(self) -> str:
        return table_key(self.ids, self.closed)


def table_key(ids: tuple[int, ...], closed: int = 0) -> str:
    """A new key whenever the page holds other rows or an application was closed,
    so no selection outlives its rows or its application."""
    return "queue_table_" + hashlib.sha256(repr((tuple(ids), closed)).encode()).hexdigest()[:12]


def _chart(data: pd.DataFrame, lang: str, sla_labels: dict[str, str]) -> dict | None:
    if data.empty:
        return None
    data = data.assign(
        age=data["age_bucket"].map(lambda b: t(f"age.{b}", lang)),
        sla=data["sla_state"].map(sla_labels),
    )
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            # Every age band on the axis, an empty one too, its label level and whole.
            x=alt.X(
                "age:N",
                sort=[t(f"age.{b}", lang) for b in AGE_BUCKETS],
                scale=alt.Scale(domain=[t(f"age.{b}", lang) for b in AGE_BUCKETS]),
                title=t("col.age", lang),
                axis=alt.Axis(labelAngle=0, labelLimit=0),
            ),
            y=alt.Y(
                "applications:Q",
                title=t("col.applications", lang),
                axis=alt.Axis(tickMinStep=1, format="d"),  # counts: no 0.2 of an application
            ),
            color=alt.Color(
                "sla:N",
                title=t("col.sla", lang),
                scale=alt.Scale(
                    domain=[sla_labels[s] for s in SLA_COLOURS], range=list(SLA_COLOURS.values())
                ),
            ),
            tooltip=[
                alt.Tooltip("age:N", title=t("col.age", lang)),
                alt.Tooltip("sla:N", title=t("col.sla", lang)),
                alt.Tooltip("applications:Q", title=t("col.applications", lang)),
            ],
        )
        .properties(width="container")
        .configure(**chart_config(lang))
        .to_dict()
    )


def _table(rows: pd.DataFrame, lang: str, sla_labels: dict[str, str]) -> pd.DataFrame:
    written = locale_for(lang)
    return pd.DataFrame(
        {
            "id": rows["id"],
            "sla": rows["sla_state"].map(sla_labels),
            "assigned_to": rows["assigned_to"].fillna(""),
            # Working days in the reader's numbers (0.50 / 0,50), as text: the grid would
            # write them the browser's way.
            **{
                column: rows[column].map(lambda days: written.decimal_number(days, 2))
                for column in ("working_days_elapsed", "working_days_left", "working_days_overdue")
            },
            "email": rows["email"],
            "company": rows["company"],
            "lang_name": rows["language"].map(LANGUAGES),
            "submitted": local_strings(rows["submitted_at"], lang),
            "due": local_strings(rows["due_at"], lang),
        }
    ).rename(columns={key: t(label, lang) for key, label in TABLE_COLUMNS.items()})


@dataclass(frozen=True)
class QueueSummary:
    counts: dict
    chart: dict | None


# The whole queue's counts and age chart change only with an event (a submission
# or a decision) or as time passes: the newest event id and the minute key them.
@st.cache_data(max_entries=16, show_spinner=False)
def _summary(url: str, minute: datetime, marker: int, lang: str, _actor) -> QueueSummary:
    sla_labels = {s.value: t(f"sla.{s.value}", lang) for s in SlaState}
    with session_scope(engine_for(url)) as session:
        counts = queue_counts(session, _actor, minute)
        chart = _chart(age_chart_data(session, _actor, minute), lang, sla_labels)
    return QueueSummary(counts=counts, chart=chart)


def queue_summary(url: str, actor: Identity, now: datetime, lang: str) -> QueueSummary:
    """Pending, due soon, overdue and the age chart, for the whole queue: two aggregates."""
    require_staff(actor)
    with session_scope(engine_for(url)) as session:
        marker = review_marker(session)
    return _summary(url, now.replace(second=0, microsecond=0), marker, lang, actor)


def queue_view(
    url: str,
    actor: Identity,
    now: datetime,
    lang: str,
    where: QueueFilter,
    after: Cursor | None = None,
) -> QueueView:
    """One page of the queue as the page shows it; the role is checked on every call."""
    require_staff(actor)
    with session_scope(engine_for(url)) as session:
        page = queue_page(session, actor, now, where, after)
    sla_labels = {s.value: t(f"sla.{s.value}", lang) for s in SlaState}
    table = _table(page.rows, lang, sla_labels)
    return QueueView(
        matching=page.matching,
        ids=tuple(int(i) for i in page.rows["id"]),
        arrow=pa.Table.from_pandas(spreadsheet_safe(table), preserve_index=False),
        next=page.next,
        closed=st.session_state.get(DESK.closed_key, 0),
    )


def current_cursor(where: QueueFilter) -> tuple[Cursor | None, int]:
    """Where the page shown starts, and its number; a new search or filter starts at page 1."""
    pages = st.session_state.get(PAGES_KEY)
    if pages is None or pages["where"] != where:
        pages = st.session_state[PAGES_KEY] = {"where": where, "stack": []}
    stack = pages["stack"]
    return (stack[-1] if stack else None), len(stack) + 1


def _turn(forward: Cursor | None) -> None:
    stack = st.session_state[PAGES_KEY]["stack"]
    if forward is None:
        stack.pop()
    else:
        stack.append(forward)


def _first() -> None:
    st.session_state[PAGES_KEY]["stack"].clear()


def pager(view: QueueView, number: int) -> None:
    """First, previous and next page: each moves by the keyset cursor, never by an offset."""
    first, previous, label, following = st.columns([1, 1, 2, 1], vertical_alignment="center")
    first.button(T("queue.first"), key="queue_first", disabled=number == 1, on_click=_first)
    previous.button(
        T("queue.previous"),
        key="queue_previous",
        disabled=number == 1,
        on_click=_turn,
        args=(None,),
    )
    label.caption(T("queue.page", number=reader().number(number)))
    following.button(
        T("queue.next"),
        key="queue_next",
        disabled=view.next is None,
        on_click=_turn,
        args=(view.next,),
    )


def picked_row(view: QueueView, event) -> int | None:
    """The application a row selection opens, once per new selection."""
    rows = event.selection.rows if event else []
    if not rows or rows[0] >= len(view.ids):
        st.session_state.pop(PICKED_KEY, None)  # picking the same row again opens it again
        return None
    choice = (view.table_key, rows[0])
    if st.session_state.get(PICKED_KEY) == choice:
        return None
    st.session_state[PICKED_KEY] = choice
    application_id = view.ids[rows[0]]
    open_row(DESK, application_id)
    return application_id
