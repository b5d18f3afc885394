"""Starting a sign-in, and telling the person when one came back without signing them in."""

from __future__ import annotations

import hashlib

import streamlit as st

from core.platform.sessions import (
    ReturnedAttempt,
    finish_attempt,
    start_attempt,
    unfinished_attempt,
)
from ui.context import LANG_CHOSEN_KEY, SIGN_IN_NOTICE, T, current_lang, db, support_line
from ui.deep_links import kept_link

XSRF_COOKIE = "_streamlit_xsrf"


def browser_key() -> str | None:
    """A stable, opaque key for this browser: the hash of its XSRF token (None without one)."""
    raw = st.context.cookies.get(XSRF_COOKIE)
    if not raw:
        return None
    try:
        from streamlit.web.server.starlette.starlette_app_utils import decode_xsrf_token_string
    except ImportError:  # another server implementation: no explanation, nothing breaks
        return None
    token, _ = decode_xsrf_token_string(raw)
    return hashlib.sha256(token).hexdigest() if token else None


def _page_session() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return context.session_id if context else ""


def begin_sign_in(provider: str) -> None:
    """Button callback: remember the attempt, then go to the identity provider."""
    st.session_state.pop(SIGN_IN_NOTICE, None)
    key = browser_key()
    if key:
        with db() as session:
            start_attempt(
                session=session,
                browser_key=key,
                provider=provider,
                started_by=_page_session(),
                language=current_lang(),
                language_chosen=bool(st.session_state.get(LANG_CHOSEN_KEY)),
                return_to=kept_link(),
            )
    st.login(provider)


def sign_in_came_back_unfinished() -> ReturnedAttempt | None:
    """A sign-in that returned without a session; a recent one gets a notice on the sign-in page."""
    key = browser_key()
    if not key:
        return None
    with db() as session:
        returned = unfinished_attempt(session=session, browser_key=key, current=_page_session())
    if returned is not None and returned.recent:
        st.session_state[SIGN_IN_NOTICE] = "signin.incomplete"
    return returned


def show_sign_in_notice() -> None:
    """Why this browser is on the sign-in page, in the current language, until it signs in again."""
    if notice := st.session_state.get(SIGN_IN_NOTICE):
        st.info(T(notice, support=support_line()))


def sign_in_completed() -> ReturnedAttempt | None:
    """The sign-in this browser started has come back signed in: how it started (its language)."""
    key = browser_key()
    if not key:
        return None
    with db() as session:
        return finish_attempt(session=session, browser_key=key)
