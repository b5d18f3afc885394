"""Entry point: page config, sign-in gate, role -> pages, st.navigation."""

import streamlit as st

from core.applications import latest_application
from core.terms import TermsMissing
from ui.context import (
    T,
    current_identity,
    db,
    deployment_problems,
    guarded,
    language_picker,
    md_escape,
    settings,
    start_session,
    terms_catalogue,
)
from ui.navigation import offered_pages

st.set_page_config(page_title="GreenNode Partner Portal", page_icon="🌿", layout="wide")

try:
    terms_catalogue()
except TermsMissing as missing:
    st.error(T("error.terms_missing", detail=str(missing)))
    st.stop()

if problems := deployment_problems():
    st.error("This deployment is marked production (APP_ENV=production) but is not fit for it:")
    st.text("\n".join(f"• {problem}" for problem in problems))
    st.stop()

identity = current_identity()
if st.user.is_logged_in and identity is None:
    # Signed in, but the token has no usable subject: nothing can be trusted.
    st.error(T("fail.unverifiable", support=settings().support.email))
    st.button(T("signout.button"), on_click=st.logout)
    st.stop()

application_state = None
with guarded():
    start_session(identity)
    if identity is not None and not identity.is_staff:
        with db() as session:
            latest = latest_application(session, identity.sub)
            application_state = latest.state if latest else None

pages: dict[str, list[st.Page]] = {}
for spec in offered_pages(identity, application_state=application_state, settings=settings()):
    section = T(spec.section_key) if spec.section_key else ""
    pages.setdefault(section, []).append(
        st.Page(spec.path, title=T(spec.title_key), icon=spec.icon, default=spec.default)
    )

language_picker("sidebar")
if identity is not None:
    st.sidebar.caption(T("signed_in_as", email=md_escape(identity.email or identity.sub)))
    st.sidebar.button(T("signout.button"), on_click=st.logout, key="signout")

page = st.navigation(pages)
with guarded():
    page.run()
