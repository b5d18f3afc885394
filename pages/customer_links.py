"""Partner team: customer links waiting for approval, by due time, and one link in detail."""

import streamlit as st

from core.partners.customer_review import link_queue, link_record
from core.platform.errors import DomainError
from core.platform.identity import Role
from core.platform.workdays import utcnow
from ui.context import T, current_lang, db, require_role, show_domain_error, through_home
from ui.link_review import FLASH_KEY, queue_table, render_link
from ui.review_actions import owner_choice

through_home()

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
now = utcnow()
st.title(T("links.heading"))
st.caption(T("links.intro"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

owner = owner_choice("links_owner")
with db() as session:
    rows = link_queue(session, actor, owner=owner)
if rows:
    queue_table(rows, lang, now)
else:
    st.info(T("links.empty"))

# A link opens from the queue, or from an alert's ?link=N (any state: an active link can be ended).
asked = st.query_params.get("link", "")
choices = [link.id for link, _ in rows]
if asked.isdigit() and int(asked) not in choices:
    choices.insert(0, int(asked))
picked = st.selectbox(
    T("links.open"),
    choices,
    index=choices.index(int(asked)) if asked.isdigit() else None,
    format_func=lambda i: f"#{i}",
    key="links_pick",
)
if picked is not None:
    try:
        with db() as session:
            record = link_record(session, actor, picked)
    except DomainError as error:
        show_domain_error(error)
    else:
        render_link(actor, record, now)
