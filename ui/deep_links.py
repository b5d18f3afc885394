"""A link into the portal opened signed out (an email's "open #1931") opens once signed in.

Signed out, only the sign-in page is offered, so Streamlit would answer a link to
another page with "Page not found" over it. Instead the link (page and query) is kept
with this browser's sign-in attempt, the sign-in page is served, and the first run after
the sign-in opens the page with its query, when that page is offered to who signed in.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.platform.sessions import ReturnedAttempt
from ui.navigation import PageSpec

KEY = "_deep_link"
PAGE_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
PARAM = re.compile(r"[A-Za-z0-9_.-]{1,40}")
MAX_PARAMS = 5


def _manager():
    return getattr(get_script_run_ctx(), "pages_manager", None)


def _names(pages: list[PageSpec]) -> set[str]:
    return {Path(spec.path).stem for spec in pages}


def link_text(page: str, params: dict[str, str]) -> str | None:
    """``page?query`` when the page name and every parameter look like the portal's own."""
    if not PAGE_NAME.fullmatch(page) or len(params) > MAX_PARAMS:
        return None
    if not all(PARAM.fullmatch(k) and PARAM.fullmatch(v) for k, v in params.items()):
        return None
    return f"{page}?{urlencode(params)}" if params else page


def parse_link(text: str | None) -> tuple[str, dict[str, str]] | None:
    if not text:
        return None
    page, _, query = text.partition("?")
    params = dict(parse_qsl(query, keep_blank_values=False))
    return (page, params) if link_text(page, params) == text else None


def keep_link_for_sign_in(offered: list[PageSpec]) -> None:
    """Signed out, on a link to a page only a signed-in person has: keep the link for the
    sign-in and serve the sign-in page as the page asked for (no "Page not found")."""
    manager = _manager()
    if manager is None or manager.intended_page_script_hash:
        return
    page = manager.intended_page_name
    if not page or page in _names(offered):
        return
    st.session_state[KEY] = link_text(page, {k: st.query_params[k] for k in st.query_params})
    manager.set_script_intent("", "")
    st.query_params.clear()


def kept_link() -> str | None:
    """The link to open after the sign-in this browser is about to start."""
    return st.session_state.get(KEY)


def open_link_after_sign_in(returned: ReturnedAttempt | None, offered: list[PageSpec]) -> None:
    """The first run after a sign-in: open the link it was started from, when offered."""
    link = parse_link(returned.return_to if returned else None)
    manager = _manager()
    if link is None or manager is None:
        return
    page, params = link
    if page not in _names(offered):
        return
    st.query_params.from_dict(params)
    manager.set_script_intent("", page)
