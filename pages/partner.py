"""Approved partners: partner ID, status, Terms accepted, and the company profile."""

import streamlit as st

from core.platform.accounts import saved_language
from core.platform.clock import local
from core.platform.errors import DomainError
from core.platform.locale import LANGUAGES, format_date, format_moment
from core.platform.phones import phone_for_reading
from core.registration.membership import require_partner
from core.registration.partnership import accept_terms, terms_to_accept, update_partner_profile
from core.registration.profile import ProfileInput, ProfileInvalid
from ui.context import (
    T,
    attempt,
    current_lang,
    db,
    link_to,
    md_escape,
    remember_language,
    require_applicant,
    show_domain_error,
    terms_catalogue,
    through_home,
    today_local,
)
from ui.sign_in_history import show_sign_in_history

through_home()

SHOWN_SHA_KEY = "partner_terms_shown_sha"

identity = require_applicant()
lang = current_lang()
st.title(T("partner.heading"))
try:
    with db() as session:
        partner, application = require_partner(session, identity)
        preferred = saved_language(session, identity.sub)
except DomainError as error:
    show_domain_error(error)
    link_to("pages/status.py", T("nav.status"), ":material/description:")
    st.stop()

new_terms = terms_to_accept(partner, terms_catalogue(), lang, today_local())
if new_terms is not None:
    shown = st.session_state.get(SHOWN_SHA_KEY)
    st.warning(T("partner.new_terms"))
    st.subheader(T("terms.heading"))
    st.caption(
        T(
            "terms.version",
            version=new_terms.version,
            effective=format_date(new_terms.effective, lang),
        )
    )
    with st.container(height=420, border=True, key="terms_text"):
        st.markdown(new_terms.screen_body)
    st.session_state[SHOWN_SHA_KEY] = new_terms.sha256
    ticked = st.checkbox(T("terms.accept", version=new_terms.version), key="partner_accept")
    if st.button(
        T("partner.accept_button"), type="primary", disabled=not ticked, key="partner_accept_submit"
    ):
        outcome = attempt("accept_terms")
        with outcome as session:
            accept_terms(
                session=session, identity=identity, terms=new_terms, accepted_sha256=shown or ""
            )
        if outcome.ok:
            st.session_state["partner_flash"] = ("partner.terms_accepted", new_terms.version)
            st.rerun()
    st.stop()

if flash := st.session_state.pop("partner_flash", None):
    key, version = flash  # translated now: saving may have changed the language
    st.success(T(key, version=version))
left, middle, right = st.columns(3)
left.metric(T("partner.id"), partner.partner_code)
middle.metric(T("partner.status"), T("partner.active"))
right.metric(T("partner.since"), format_date(local(partner.partner_since).date(), lang))
st.markdown(
    f"**{T('partner.terms')}:** "
    + T(
        "partner.terms_line",
        version=partner.terms_version,
        language=LANGUAGES.get(partner.terms_language, partner.terms_language),
        at=format_moment(partner.terms_accepted_at, lang),
    )
)
st.subheader(T("partner.tasks"))
st.caption(T("partner.tasks_body"))
link_to("pages/customers.py", T("nav.customers"), ":material/group_add:")

st.subheader(T("partner.profile"))
if partner.pending_company:
    st.info(
        T(
            "partner.name_pending",
            new=md_escape(partner.pending_company),
            current=md_escape(partner.company),
        )
    )
problems = st.session_state.pop("partner_problems", {})
if st.session_state.pop("partner_flash_error", False):
    st.error(T("profile.not_saved"))  # above the form, where the eye is
with st.form("partner_profile"):
    company = st.text_input(T("profile.company"), value=partner.pending_company or partner.company)
    if "company" in problems:
        st.error(T(problems["company"]))
    contact_email = st.text_input(T("profile.email"), value=partner.contact_email)
    if "contact_email" in problems:
        st.error(T(problems["contact_email"]))
    contact_phone = st.text_input(
        T("profile.phone"), value=phone_for_reading(partner.contact_phone)
    )
    if "contact_phone" in problems:
        st.error(T(problems["contact_phone"]))
    language = st.radio(
        T("profile.language"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(preferred),
        format_func=LANGUAGES.get,
        horizontal=True,
    )
    saved = st.form_submit_button(T("profile.save"), type="primary")
if saved:
    try:
        with db() as session:
            update_partner_profile(
                session=session,
                identity=identity,
                profile=ProfileInput(company, contact_email, contact_phone, language),
            )
    except ProfileInvalid as invalid:
        st.session_state["partner_problems"] = invalid.problems
        st.session_state["partner_flash_error"] = True
        st.rerun()
    except DomainError as error:
        show_domain_error(error)
    else:
        remember_language(language)
        st.session_state["partner_flash"] = ("profile.saved", "")
        st.rerun()

show_sign_in_history(identity)
