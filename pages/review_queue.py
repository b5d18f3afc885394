"""Partner team: the pending queue by SLA, its age chart, and one application to decide."""

import altair as alt
import streamlit as st

from core.i18n import LANGUAGES, format_moment
from core.identity import Role
from core.review import QueueFilter, age_chart_data, pending_queue, queue_counts
from core.sla import AGE_BUCKETS, SlaState
from core.workdays import utcnow
from ui.context import T, current_lang, db, require_role
from ui.formatting import SLA_COLOURS, moments, sla_style
from ui.review_detail import FLASH_KEY, OPEN_KEY, explain_closed_dialog, render_detail

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
now = utcnow()
st.title(T("nav.queue"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

sla_labels = {state.value: T(f"sla.{state.value}") for state in SlaState}
with st.expander(T("queue.filters"), expanded=False):
    f1, f2, f3 = st.columns(3)
    states = f1.multiselect(
        T("queue.filter.sla"), list(sla_labels), format_func=sla_labels.get, key="queue_sla"
    )
    languages = f2.multiselect(
        T("queue.filter.language"), list(LANGUAGES), format_func=LANGUAGES.get, key="queue_lang"
    )
    dates = f3.date_input(T("queue.filter.submitted"), value=(), key="queue_dates")
    search = st.text_input(T("queue.search"), key="queue_search", max_chars=200)

date_from = dates[0] if len(dates) >= 1 else None
date_to = dates[1] if len(dates) == 2 else date_from
where = QueueFilter(
    sla_states=tuple(states),
    languages=tuple(languages),
    submitted_from=date_from,
    submitted_to=date_to,
    search=search,
)
with db() as session:
    everything = pending_queue(session, actor, now)
    queue = pending_queue(session, actor, now, where) if where != QueueFilter() else everything

explain_closed_dialog(actor, set(everything["id"].astype(int)) if not everything.empty else set())
counts = queue_counts(everything)
m1, m2, m3 = st.columns(3)
m1.metric(T("queue.pending"), counts["pending"])
m2.metric(T("sla.due_soon"), counts[SlaState.DUE_SOON])
m3.metric(T("sla.overdue"), counts[SlaState.OVERDUE])
st.caption(T("queue.count", shown=len(queue), total=len(everything)))

if queue.empty:
    st.info(T("queue.empty"))
    st.stop()

in_review = queue["in_review_by"].fillna("") + queue["in_review_since"].map(
    lambda v: f" ({format_moment(v.to_pydatetime(), lang)})" if v is not None and v == v else ""
)
table = queue.assign(
    sla=queue["sla_state"].map(sla_labels),
    submitted=moments(queue["submitted_at"], lang),
    due=moments(queue["due_at"], lang),
    lang_name=queue["language"].map(LANGUAGES),
    in_review=in_review,
)[
    [
        "id",
        "sla",
        "working_days_elapsed",
        "working_days_left",
        "working_days_overdue",
        "email",
        "company",
        "lang_name",
        "submitted",
        "due",
        "in_review",
    ]
]
table.columns = [
    T("col.id"),
    T("col.sla"),
    T("col.age"),
    T("col.left"),
    T("col.late"),
    T("col.email"),
    T("col.company"),
    T("col.language"),
    T("col.submitted"),
    T("col.due"),
    T("col.in_review"),
]
st.dataframe(
    table.style.map(sla_style(sla_labels), subset=[T("col.sla")]).format(precision=2),
    hide_index=True,
    width="stretch",
)

st.subheader(T("queue.chart.title"))
st.caption(T("queue.chart.caption"))
chart_data = age_chart_data(queue).assign(
    age=lambda d: d["age_bucket"].map(lambda b: T(f"age.{b}")),
    sla=lambda d: d["sla_state"].map(sla_labels),
)
chart = (
    alt.Chart(chart_data)
    .mark_bar()
    .encode(
        x=alt.X("age:N", sort=[T(f"age.{b}") for b in AGE_BUCKETS], title=T("col.age")),
        y=alt.Y("applications:Q", title=T("col.applications")),
        color=alt.Color(
            "sla:N",
            title=T("col.sla"),
            scale=alt.Scale(
                domain=[sla_labels[s] for s in SLA_COLOURS], range=list(SLA_COLOURS.values())
            ),
        ),
        tooltip=[
            alt.Tooltip("age:N", title=T("col.age")),
            alt.Tooltip("sla:N", title=T("col.sla")),
            alt.Tooltip("applications:Q", title=T("col.applications")),
        ],
    )
)
st.altair_chart(chart, width="stretch")

labels = {
    int(row.id): f"#{row.id} · {sla_labels[row.sla_state]} · {row.company} · {row.email}"
    for row in queue.itertuples()
}
chosen = st.selectbox(T("detail.open"), list(labels), format_func=labels.get, key=OPEN_KEY)
if chosen is not None:
    render_detail(actor, int(chosen))
