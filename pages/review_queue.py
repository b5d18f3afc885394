"""Partner team: the pending queue by SLA, its age chart, and one application to decide."""

import streamlit as st

from core.i18n import LANGUAGES
from core.identity import Role
from core.review import QueueFilter
from core.sla import SlaState
from core.workdays import utcnow
from ui.context import T, current_lang, require_role, settings, through_home
from ui.queue_view import queue_view
from ui.review_detail import (
    FLASH_KEY,
    OPEN_KEY,
    explain_closed_dialog,
    render_detail,
    resume_dialog,
)

through_home()

SEARCH_MAX = 200

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
st.title(T("nav.queue"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

search = st.text_input(T("queue.search"), key="queue_search")
if len(search) > SEARCH_MAX:
    # Longer text is not refused silently: the search says what it used.
    st.caption(T("queue.search_clipped", max=SEARCH_MAX))
    search = search[:SEARCH_MAX]
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

where = QueueFilter(
    sla_states=tuple(states),
    languages=tuple(languages),
    submitted_from=dates[0] if len(dates) >= 1 else None,
    submitted_to=dates[-1] if len(dates) >= 1 else None,
    search=search,
)
view = queue_view(settings().database_url, actor, utcnow(), lang, where)
resume_dialog(actor, set(view.options))
explain_closed_dialog(actor, set(view.options) if where == QueueFilter() else None)

m1, m2, m3 = st.columns(3)
m1.metric(T("queue.pending"), view.counts["pending"])
m2.metric(T("sla.due_soon"), view.counts[SlaState.DUE_SOON])
m3.metric(T("sla.overdue"), view.counts[SlaState.OVERDUE])
st.caption(T("queue.count", shown=len(view.table), total=view.total))

if view.table.empty:
    st.info(T("queue.no_match", total=view.total) if view.total else T("queue.empty"))
    st.stop()

st.dataframe(
    view.arrow,
    hide_index=True,
    width="stretch",
    column_config={
        T(key): st.column_config.NumberColumn(format="%.2f")
        for key in ("col.age", "col.left", "col.late")
    },
)
st.subheader(T("queue.chart.title"))
st.caption(T("queue.chart.caption"))
if view.chart:
    st.vega_lite_chart(view.chart, width="stretch")

chosen = st.selectbox(
    T("detail.open"), list(view.options), format_func=view.options.get, key=OPEN_KEY
)
if chosen is not None:
    render_detail(actor, int(chosen))
