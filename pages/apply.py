"""Language, eligibility, Terms, company facts and the "Become a GreenNode Partner" button."""

import streamlit as st

from core.partners.customers import partner_label
from core.platform.errors import DomainError, NotEligible
from core.platform.locale import format_date
from core.platform.models import State
from core.registration.applications import active_application, application_wait, submit_application
from core.registration.company import CompanyInvalid, prefill
from core.registration.eligibility import RULES, evaluate
from core.registration.partnership import reapply
from core.registration.records import latest_application
from ui.company_form import company_fields
from ui.context import (
    T,
    current_lang,
    db,
    facts_source,
    language_picker,
    link_to,
    md_escape,
    require_applicant,
    settings,
    show_domain_error,
    support_line,
    terms_catalogue,
    through_home,
    today_local,
)
from ui.formatting import rule_line

through_home()

SHOWN_SHA_KEY = "apply_terms_shown_sha"
PROBLEMS_KEY = "apply_company_problems"

identity = require_applicant()
st.title(T("apply.heading"))
st.subheader(T("apply.language_step"))
language_picker("main")
lang = current_lang()

with db() as session:
    existing = active_application(session, identity.sub)
    previous = latest_application(session, identity.sub)
    wait = application_wait(session, identity.sub)
if existing is not None:
    st.info(T("submit.already"))
    link_to("pages/status.py", T("submit.open_status"), ":material/description:")
    st.stop()
again = previous is not None and previous.state in (State.REJECTED, State.WITHDRAWN)
if previous is not None and previous.state == State.REJECTED:
    st.info(T("reapply.intro", reason=T(f"reason.{previous.reason_code or 'other'}")))
    if previous.decision_note:
        st.markdown(f"**{T('reapply.note')}**")
        st.text(previous.decision_note)  # the reviewer's own words, shown as text
if wait is not None:
    show_domain_error(wait)
    st.stop()

st.subheader(T("eligibility.heading"))
result = evaluate(facts_source().facts_for(identity))
st.caption(T("eligibility.source", source=T(f"facts.source.{result.facts.source}")))
if "unverifiable" not in result.failures:
    for rule in RULES:
        met = rule in result.passed
        st.markdown(rule_line(met, T("rule." + rule), T("rule.met"), T("rule.not_met")))
if not result.eligible:
    st.error(T("eligibility.not_ok"))
    partner = ""
    if result.facts.partner_customer_of:
        with db() as session:
            partner = md_escape(partner_label(session, result.facts.partner_customer_of))
    for failure in result.failures:
        st.warning(
            T(
                f"fail.{failure}",
                support=support_line(),
                signup_url=settings().signup_url,
                partner=partner,
            ),
            icon=":material/warning:",
        )
    st.stop()
st.success(T("eligibility.ok"))
if identity.email_unverified:
    st.warning(T("email.unverified"), icon=":material/mark_email_unread:")
    st.stop()

terms = terms_catalogue().current(lang, today_local())
shown_sha = st.session_state.get(SHOWN_SHA_KEY)
st.subheader(T("terms.heading"))
st.caption(T("terms.version", version=terms.version, effective=format_date(terms.effective, lang)))
with st.container(height=420, border=True, key="terms_text"):
    st.markdown(terms.screen_body)
st.session_state[SHOWN_SHA_KEY] = terms.sha256

accepted = st.checkbox(T("terms.accept", version=terms.version), key="apply_accept")

st.subheader(T("company.heading"))
st.caption(T("company.intro"))
typed = company_fields(
    "apply_company",
    prefill(identity.claims, settings().claims, identity.company),
    PROBLEMS_KEY,
)
if not accepted:
    st.caption(T("terms.tick_first"))
if st.button(T("submit.button"), type="primary", disabled=not accepted, key="apply_submit"):
    try:
        with db() as session:
            (reapply if again else submit_application)(
                session=session,
                identity=identity,
                facts_source=facts_source(session),
                terms=terms,
                accepted_sha256=shown_sha or "",
                language=lang,
                company=typed,
            )
    except CompanyInvalid as invalid:
        # Nothing was submitted: each problem shows under its field.
        st.session_state[PROBLEMS_KEY] = dict(invalid.problems)
        st.rerun()
    except NotEligible:
        st.error(T("error.not_eligible"))
    except DomainError as error:
        show_domain_error(error)
    else:
        st.session_state.pop(PROBLEMS_KEY, None)
        st.switch_page("pages/status.py")
elif st.session_state.get(PROBLEMS_KEY):
    st.error(T("company.fix_fields"))
