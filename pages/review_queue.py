"""Partner team: pending applications, most urgent first."""

import streamlit as st

from core.identity import Role
from core.review import pending_queue
from ui.context import T, db, require_role

require_role(Role.REVIEWER, Role.MANAGER)
st.title(T("nav.queue"))
with db() as session:
    queue = pending_queue(session)
st.caption(f"{len(queue)} pending")
st.dataframe(queue, hide_index=True, width="stretch")
