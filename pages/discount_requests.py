"""Partner team: partners' discount requests by due time; decide per service group; all history."""

import pandas as pd
import streamlit as st

from core.partners.customers import link_names
from core.partners.discounts import change_maximum, discount_history, discount_queue, request_record
from core.platform.identity import Role
from core.platform.locale import format_deadline, format_moment
from core.platform.service_groups import SERVICE_CODES
from core.registration.partnership import partners_overview
from ui.context import (
    T,
    attempt,
    current_lang,
    db,
    reader,
    require_role,
    through_home,
    today_local,
)
from ui.discount_views import DESK, group_label, groups_line, history_table, render_request
from ui.kept import kept
from ui.review_actions import owner_choice
from ui.review_desk import explain_closed_dialog, opened_row, queue_table, resume_dialog

through_home()

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
st.title(T("discreq.heading"))
st.caption(T("discreq.intro"))
if flash := st.session_state.pop(DESK.flash_key, None):
    st.success(flash)
resume_dialog(DESK, actor)
explain_closed_dialog(DESK, actor)

owner = owner_choice("discreq_owner")
with db() as session:
    rows = discount_queue(session, actor, owner=owner)
opened = opened_row(DESK)
if not rows:
    st.info(T("discreq.empty"))
else:
    frame = pd.DataFrame(
        {
            "#": [r.id for r, _ in rows],
            T("discreq.partner"): [f"{p.company} ({p.partner_code})" for _, p in rows],
            T("discounts.col.group"): [groups_line(r.service_groups) for r, _ in rows],
            T("discounts.col.submitted"): [format_moment(r.submitted_at, lang) for r, _ in rows],
            T("links.col.due"): [format_deadline(r.due_at, lang) for r, _ in rows],
            T("links.col.assignee"): [r.assigned_to or "—" for r, _ in rows],
        }
    )
    opened = queue_table(DESK, [r.id for r, _ in rows], frame) or opened
if opened is not None:
    outcome = attempt("open_discount_request")
    with outcome as session:
        request, partner, events = request_record(session, actor, int(opened))
    if outcome.ok:
        render_request(actor, request, partner, events)

with st.expander(T("discreq.change_max")):
    with db() as session:
        partners = {
            p["id"]: f"{p['company']} ({p['partner_code']})"
            for p in partners_overview(session, actor)
        }
    partner_id = st.selectbox(
        T("discreq.partner"),
        list(partners),
        format_func=partners.get,
        key=kept("discreq_max_partner"),
    )
    left, middle, right = st.columns(3)
    group = left.selectbox(
        T("discounts.group"),
        list(SERVICE_CODES),
        format_func=group_label,
        key=kept("discreq_max_group"),
    )
    value = middle.text_input(T("discreq.new_max"), key="discreq_max_value", max_chars=6)
    day = right.date_input(
        T("discounts.from"),
        value=today_local(),
        min_value=today_local(),
        format=reader().date_input,
        key="discreq_max_from",
    )
    if partner_id is not None and st.button(T("discreq.apply_max"), key="discreq_max_apply"):
        outcome = attempt("change_maximum")
        with outcome as session:
            capped = change_maximum(
                session=session,
                actor=actor,
                partner_id=partner_id,
                group=group,
                maximum=value,
                effective_from=day,
            )
        if outcome.ok:
            st.session_state[DESK.flash_key] = T("discreq.max_set", count=capped)
            st.rerun()

st.subheader(T("discreq.all_history"))
with db() as session:
    history = discount_history(session, actor)
    names = link_names(session, [v.link_id for v in history])
history_table(history, names)
