"""Partner team: the pending queue by SLA, a page at a time, its age chart, and one application."""

import streamlit as st

from core.platform.clock import utcnow
from core.platform.identity import Role
from core.platform.locale import LANGUAGES
from core.platform.sla import SlaState
from core.registration.queue import Owner, QueueFilter
from ui.context import (
    T,
    current_lang,
    reader,
    require_role,
    settings,
    still_signed_in,
    through_home,
)
from ui.kept import kept
from ui.queue_view import current_cursor, pager, picked_row, queue_summary, queue_view
from ui.review_desk import explain_closed_dialog, opened_row, resume_dialog
from ui.review_detail import DESK, render_detail

through_home()

SEARCH_MAX = 200

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
st.title(T("nav.queue"))
if flash := st.session_state.pop(DESK.flash_key, None):
    st.success(flash)
resume_dialog(DESK, actor)
explain_closed_dialog(DESK, actor)
summary = queue_summary(settings().database_url, actor, utcnow(), lang)
total = summary.counts["pending"]
m1, m2, m3, m4 = st.columns(4)
m1.metric(T("queue.pending"), reader().number(total))
m2.metric(T("sla.due_soon"), reader().number(summary.counts[SlaState.DUE_SOON]))
m3.metric(T("sla.overdue"), reader().number(summary.counts[SlaState.OVERDUE]))
m4.metric(T("queue.waiting"), reader().number(summary.counts["waiting"]))


# The workspace reruns alone when a reviewer searches, filters, turns a page or
# opens an application: the navigation, the sidebar and the title stay as they are.
@st.fragment
def workspace() -> None:
    actor = still_signed_in(Role.REVIEWER, Role.MANAGER)
    opened = opened_row(DESK)

    search = st.text_input(T("queue.search"), key="queue_search")
    if len(search) > SEARCH_MAX:
        # Longer text is not refused silently: the search says what it used.
        st.caption(T("queue.search_clipped", max=SEARCH_MAX))
        search = search[:SEARCH_MAX]
    sla_labels = {
        state.value: T(f"sla.{state.value}") for state in SlaState if state != SlaState.PAUSED
    }
    owners = {"": T("queue.owner.all")} | {
        who.value: T(f"queue.owner.{who.value}") for who in Owner
    }
    top1, top2 = st.columns([1, 2])
    owner = top1.segmented_control(
        T("queue.filter.owner"),
        list(owners),
        format_func=owners.get,
        default="",
        key=kept("queue_owner"),
    )
    waiting = top2.segmented_control(
        T("queue.filter.stage"),
        [False, True],
        format_func=lambda w: T("queue.stage.waiting" if w else "queue.stage.team"),
        default=False,
        key=kept("queue_waiting"),
    )
    with st.expander(T("queue.filters"), expanded=False):
        f1, f2, f3 = st.columns(3)
        states = f1.multiselect(
            T("queue.filter.sla"),
            list(sla_labels),
            format_func=sla_labels.get,
            placeholder=T("queue.filter.any"),
            key=kept("queue_sla"),
            disabled=bool(waiting),
        )
        languages = f2.multiselect(
            T("queue.filter.language"),
            list(LANGUAGES),
            format_func=LANGUAGES.get,
            placeholder=T("queue.filter.any"),
            key=kept("queue_lang"),
        )
        dates = f3.date_input(
            T("queue.filter.submitted"), value=(), format=reader().date_input, key="queue_dates"
        )

    where = QueueFilter(
        sla_states=tuple(states),
        languages=tuple(languages),
        submitted_from=dates[0] if len(dates) >= 1 else None,
        submitted_to=dates[-1] if len(dates) >= 1 else None,
        search=search,
        owner=owner or "",
        waiting=bool(waiting),
    )
    after, number = current_cursor(where)
    view = queue_view(settings().database_url, actor, utcnow(), lang, where, after)

    if not view.ids:
        # Counted in the stage on screen: the team's queue, or those waiting for applicants.
        in_stage = summary.counts["waiting"] if waiting else total
        stage = "waiting" if waiting else "team"
        st.info(
            T(f"queue.no_match.{stage}", count=in_stage, total=reader().number(in_stage))
            if in_stage
            else T(f"queue.empty.{stage}")
        )
    else:
        first = (number - 1) * view.page_size + 1
        st.caption(
            T(
                "queue.count",
                first=reader().number(first),
                last=reader().number(first + len(view.ids) - 1),
                matching=reader().number(view.matching),
                total=reader().number(total),
            )
            + " "
            + T("queue.pick_row")
        )
        picked = st.dataframe(
            view.arrow,
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key=view.table_key,
            column_config={
                T(key): st.column_config.TextColumn(alignment="right")
                for key in ("col.age", "col.left", "col.late")
            },
        )
        opened = picked_row(view, picked) or opened
        pager(view, number)

    if opened is not None:
        render_detail(actor, int(opened))


workspace()

# The whole queue's age profile, outside the workspace: turning a page or searching
# neither recomputes nor re-sends it.
if summary.chart:
    st.subheader(T("queue.chart.title"))
    st.caption(T("queue.chart.caption"))
    st.vega_lite_chart(summary.chart, width="stretch")
