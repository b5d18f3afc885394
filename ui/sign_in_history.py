"""The account's recent sign-ins, shown to applicants and partners."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.platform.clock import utcnow
from core.platform.identity import Identity
from core.platform.locale import format_moment
from core.platform.models import SignInSession
from core.platform.sessions import HISTORY_LENGTH, max_age, session_key, sign_in_history
from core.platform.user_agents import browser_and_system
from ui.context import T, current_lang, db, settings
from ui.formatting import show_table


def _state(row: SignInSession, identity: Identity, this_key: str) -> str:
    if row.ended_reason:
        return T(f"history.state.{row.ended_reason}")
    if row.key == this_key:
        return T("history.state.this")
    if utcnow() - row.issued_at > max_age(identity, settings()):
        return T("history.state.expired")
    return T("history.state.active")


def _browser(user_agent: str) -> str:
    browser, system = browser_and_system(user_agent)
    if browser and system:
        return T("history.browser_on", browser=browser, system=system)
    return browser or system or T("history.browser_unknown")


def show_sign_in_history(identity: Identity) -> None:
    """The last sign-ins of the signed-in account, newest first."""
    with db() as session:
        rows = sign_in_history(session, identity.sub)
    lang, this_key = current_lang(), session_key(identity)
    st.subheader(T("history.heading"))
    st.caption(T("history.caption", count=HISTORY_LENGTH))
    history = pd.DataFrame(
        {
            T("history.signed_in"): [format_moment(r.first_seen, lang) for r in rows],
            T("history.last_seen"): [format_moment(r.last_seen, lang) for r in rows],
            T("history.status"): [_state(r, identity, this_key) for r in rows],
            T("history.browser"): [_browser(r.user_agent) for r in rows],
            T("history.address"): [r.address or T("history.address_unknown") for r in rows],
        }
    )
    show_table(history, hide_index=True, width="stretch")
