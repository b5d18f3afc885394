"""Managers: emails that failed or are waiting to retry, with their last error."""

import pandas as pd
import streamlit as st

from core.messaging.outbox import failing_or_waiting
from core.platform.identity import Role
from ui.context import T, db, require_role, through_home
from ui.formatting import show_table

through_home()

require_role(Role.MANAGER)
st.title(T("nav.outbox"))
st.caption(T("outbox.caption"))
with db() as session:
    rows = failing_or_waiting(session)
if not rows:
    st.success(T("outbox.all_clear"))
    st.stop()
show_table(
    pd.DataFrame(
        [
            {
                "id": r.id,
                "application": r.application_id,
                "kind": r.kind,
                "recipient": r.recipient,
                "status": r.status,
                "attempts": r.attempts,
                "next attempt": r.next_attempt_at,
                "last error": r.last_error,
            }
            for r in rows
        ]
    ),
    hide_index=True,
    width="stretch",
)
