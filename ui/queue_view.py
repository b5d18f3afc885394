"""Everything the queue page draws, built once per change and cached.

Formatting 2,000 rows and validating a chart are the expensive parts of the
page; they depend only on the data, the filters and the reader's language,
so they are cached on exactly those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st

from core.db import engine_for, session_scope
from core.i18n import LANGUAGES, t
from core.identity import Identity, require_staff
from core.review import (
    QueueFilter,
    age_chart_data,
    filter_queue,
    pending_queue,
    queue_counts,
    review_marker,
)
from core.sla import AGE_BUCKETS, SlaState
from ui.formatting import SLA_COLOURS, local_strings, spreadsheet_safe

TABLE_COLUMNS = {
    "id": "col.id",
    "sla": "col.sla",
    "in_review": "col.in_review",
    "working_days_elapsed": "col.age",
    "working_days_left": "col.left",
    "working_days_overdue": "col.late",
    "email": "col.email",
    "company": "col.company",
    "lang_name": "col.language",
    "submitted": "col.submitted",
    "due": "col.due",
}


@dataclass(frozen=True)
class QueueView:
    counts: dict
    total: int
    table: pd.DataFrame
    arrow: pa.Table
    chart: dict | None
    options: dict[int, str]


def _chart(frame: pd.DataFrame, lang: str, sla_labels: dict[str, str]) -> dict | None:
    data = age_chart_data(frame)
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
            x=alt.X(
                "age:N", sort=[t(f"age.{b}", lang) for b in AGE_BUCKETS], title=t("col.age", lang)
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
        .to_dict()
    )


# cache_resource, not cache_data: the view is read-only, and copying 2,000 rows
# on every rerun would be wasted work.
@st.cache_resource(max_entries=32, show_spinner=False)
def _view(
    url: str, minute: datetime, marker: tuple, lang: str, where: QueueFilter, _actor
) -> QueueView:
    with session_scope(engine_for(url)) as session:
        everything = pending_queue(session, _actor, minute)
    queue = filter_queue(everything, where) if where != QueueFilter() else everything
    sla_labels = {s.value: t(f"sla.{s.value}", lang) for s in SlaState}
    in_review = queue["in_review_by"].fillna("")
    since = local_strings(queue["in_review_since"], lang)
    table = pd.DataFrame(
        {
            "id": queue["id"],
            "sla": queue["sla_state"].map(sla_labels),
            "in_review": in_review.where(in_review == "", in_review + " (" + since + ")"),
            "working_days_elapsed": queue["working_days_elapsed"],
            "working_days_left": queue["working_days_left"],
            "working_days_overdue": queue["working_days_overdue"],
            "email": queue["email"],
            "company": queue["company"],
            "lang_name": queue["language"].map(LANGUAGES),
            "submitted": local_strings(queue["submitted_at"], lang),
            "due": local_strings(queue["due_at"], lang),
        }
    ).rename(columns={key: t(label, lang) for key, label in TABLE_COLUMNS.items()})
    options = {
        int(i): f"#{i} · {sla_labels[s]} · {c} · {e}"
        for i, s, c, e in zip(
            queue["id"], queue["sla_state"], queue["company"], queue["email"], strict=True
        )
    }
    return QueueView(
        counts=queue_counts(everything),
        total=len(everything),
        table=table,
        arrow=pa.Table.from_pandas(spreadsheet_safe(table), preserve_index=False),
        chart=_chart(queue, lang, sla_labels),
        options=options,
    )


def queue_view(
    url: str, actor: Identity, now: datetime, lang: str, where: QueueFilter
) -> QueueView:
    """The queue as the page shows it; the role is checked on every call."""
    require_staff(actor)
    with session_scope(engine_for(url)) as session:
        marker = review_marker(session)
    return _view(url, now.replace(second=0, microsecond=0), marker, lang, where, actor)
