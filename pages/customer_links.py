"""Partner team: customer links waiting for approval, by due time; a click opens one."""

import streamlit as st

from core.partners.customer_review import link_queue, link_record
from core.platform.clock import utcnow
from core.platform.identity import Role
from ui.context import T, attempt, current_lang, db, require_role, through_home
from ui.link_review import DESK, queue_frame, render_link
from ui.review_actions import owner_choice
from ui.review_desk import explain_closed_dialog, opened_row, queue_table, resume_dialog

through_home()

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
now = utcnow()
st.title(T("links.heading"))
st.caption(T("links.intro"))
if flash := st.session_state.pop(DESK.flash_key, None):
    st.success(flash)
resume_dialog(DESK, actor)
explain_closed_dialog(DESK, actor)

owner = owner_choice("links_owner")
with db() as session:
    rows = link_queue(session, actor, owner=owner)
opened = opened_row(DESK)
if rows:
    opened = (
        queue_table(DESK, [link.id for link, _ in rows], queue_frame(rows, lang, now)) or opened
    )
else:
    st.info(T("links.empty"))

# A link opens from the queue, or from an alert's ?link=N (any state: an active link can be ended).
if opened is not None:
    outcome = attempt("open_customer_link")
    with outcome as session:
        record = link_record(session, actor, int(opened))
    if outcome.ok:
        render_link(actor, record, now)
