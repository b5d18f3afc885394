"""Entry point: page config, sign-in gate, role -> pages, st.navigation."""

import logging

import streamlit as st

from core.partners.customers import latest_link_as_customer
from core.platform.settings import SettingsInvalid
from core.registration.records import latest_application
from core.registration.terms import TermsMissing
from ui.context import (
    SIGN_IN_NOTICE,
    SignInStatus,
    T,
    db,
    deployment_problems,
    guarded,
    language_picker,
    logged_run,
    md_escape,
    settings,
    sign_in_status,
    sign_out,
    start_session,
    terms_catalogue,
)
from ui.deep_links import keep_link_for_sign_in, open_link_after_sign_in
from ui.kept import restore as restore_kept
from ui.navigation import landing_page_by_name, offered_pages
from ui.oidc_routes import SIGNED_OUT_STATES
from ui.sign_in_flow import sign_in_came_back_unfinished, sign_in_completed

PAGES_WITH_THEIR_OWN_PICKER = ("pages/sign_in.py", "pages/apply.py")

st.set_page_config(page_title="GreenNode Partner Portal", page_icon="🌿", layout="wide")

try:
    settings()
except SettingsInvalid as invalid:
    # Which variable and why goes to the log (and `python -m core …` prints it), not to visitors.
    logging.getLogger("portal").error("refusing to serve: %s", invalid)
    st.error(T("deployment.not_configured"))
    st.stop()

try:
    terms_catalogue()
except TermsMissing as missing:
    st.error(T("error.terms_missing", detail=str(missing)))
    st.stop()

if deployment_problems():
    # The details go to the log and to `python -m core check-production`, never to visitors.
    st.error(T("deployment.not_configured"))
    st.stop()

status = SignInStatus(None)
with guarded():
    status = sign_in_status()
identity = status.identity
if status.unverifiable:
    # Signed in, but the token's claims cannot be trusted as a whole.
    st.error(T("fail.unverifiable", support=settings().support.email))
    st.button(T("signout.button"), on_click=st.logout)
    st.stop()
if status.ended is not None:
    st.session_state[SIGN_IN_NOTICE] = f"session.ended.{status.ended}"
if identity is None and st.query_params.get("state") in SIGNED_OUT_STATES:
    # Back from Sign out (through the provider's end-session endpoint, or not).
    st.session_state[SIGN_IN_NOTICE] = f"signout.done.{st.query_params['state']}"
    del st.query_params["state"]
returned = None
with guarded():
    if identity is None and not st.user.is_logged_in:
        returned = sign_in_came_back_unfinished()
    elif identity is not None and st.session_state.get("_sign_in_completed") != identity.sub:
        returned = sign_in_completed()
        st.session_state["_sign_in_completed"] = identity.sub

application_state, customer_link = None, None
with guarded():
    start_session(identity, returned)
    if identity is not None and not identity.is_team:
        with db() as session:
            latest = latest_application(session, identity.sub)
            application_state = latest.state if latest else None
            link = latest_link_as_customer(session, identity.sub)
            customer_link = link.state if link else None

offered = offered_pages(
    identity, application_state=application_state, settings=settings(), customer_link=customer_link
)
if identity is None:
    keep_link_for_sign_in(offered)
else:
    open_link_after_sign_in(returned, offered)
landing_page_by_name(offered)
pages: dict[str, list[st.Page]] = {}
path_of: dict[int, str] = {}
for spec in offered:
    section = T(spec.section_key) if spec.section_key else ""
    built = st.Page(spec.path, title=T(spec.title_key), icon=spec.icon, default=spec.default)
    pages.setdefault(section, []).append(built)
    path_of[id(built)] = spec.path

page = st.navigation(pages)
# The sign-in and apply pages have the language picker in their text: one picker a page.
if path_of.get(id(page)) not in PAGES_WITH_THEIR_OWN_PICKER:
    language_picker("sidebar")
if identity is not None:
    st.sidebar.caption(T("signed_in_as", email=md_escape(identity.email or identity.sub)))
    st.sidebar.button(T("signout.button"), on_click=sign_out, key="signout")
restore_kept()
with logged_run(identity, path_of.get(id(page))), guarded():
    page.run()
