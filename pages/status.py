"""Where the applicant's application stands, with its history, emails and support."""

import streamlit as st

from core.platform.clock import utcnow
from core.platform.errors import DomainError
from core.platform.locale import LANGUAGES, format_deadline, format_moment
from core.platform.models import State
from core.platform.sla import SlaState, assess_one
from core.registration.applications import application_wait, last_email_sent_at, resend_email
from core.registration.company import CompanyInvalid
from core.registration.eligibility import SOURCE_SIGN_IN, evaluate
from core.registration.info_deadlines import answer_due, open_question
from core.registration.info_requests import (
    ANSWER_MAX,
    ANSWER_MIN,
    answer_information,
    current_facts,
)
from core.registration.membership import partner_of
from core.registration.partnership import withdraw
from core.registration.records import events_of, latest_application
from ui.company_form import company_fields
from ui.context import (
    T,
    attempt,
    current_lang,
    db,
    facts_source,
    link_to,
    reader,
    require_applicant,
    settings,
    show_domain_error,
    support_line,
    through_home,
)
from ui.sign_in_history import show_sign_in_history

through_home()

PROBLEMS_KEY = "status_company_problems"

identity = require_applicant()
lang = current_lang()
st.title(T("status.heading"))

with db() as session:
    application = latest_application(session, identity.sub)
    events = events_of(session, application.id) if application else []
    sent_at = last_email_sent_at(session, application.id) if application else None
    wait = application_wait(session, identity.sub)
    partner = partner_of(session, identity.sub)


def withdraw_box() -> None:
    """Withdraw, with a confirmation step before anything is written."""
    if not st.session_state.get("status_withdraw_asked"):
        if st.button(T("withdraw.button"), key="status_withdraw"):
            st.session_state["status_withdraw_asked"] = True
            st.rerun()
        return
    with st.container(border=True):
        st.warning(T("withdraw.confirm_text", id=application.id))
        yes, no = st.columns(2)
        if yes.button(T("withdraw.confirm"), type="primary", key="status_withdraw_yes"):
            st.session_state.pop("status_withdraw_asked", None)
            outcome = attempt("withdraw")
            with outcome as session:
                withdraw(session=session, identity=identity)
            if outcome.ok:
                st.session_state["status_flash"] = T("withdraw.done")
                st.rerun()
        if no.button(T("decide.cancel"), key="status_withdraw_no"):
            st.session_state.pop("status_withdraw_asked", None)
            st.rerun()


def answer_box(application) -> None:
    """The reviewer's question, shown as text, and the applicant's answer."""
    with db() as session:
        question = open_question(session, application)
    st.markdown(f"**{T('status.question')}**")
    st.text(question.note if question else "")
    with st.container(border=True):
        answer = st.text_area(
            T("status.answer"),
            max_chars=ANSWER_MAX,
            help=T("status.answer_help", minimum=ANSWER_MIN, maximum=ANSWER_MAX),
            key="status_answer",
        )
        current = current_facts(application)
        with st.expander(T("status.answer_facts")):
            st.caption(T("status.answer_facts_help"))
            typed = company_fields("status_company", current, PROBLEMS_KEY)
        if st.button(T("status.answer_send"), type="primary", key="status_answer_send"):
            changes = {
                name: value
                for name, value in typed.as_dict().items()
                if value != getattr(current, name)
            }
            try:
                with db() as session:
                    answer_information(
                        session=session, identity=identity, answer=answer, changes=changes
                    )
            except CompanyInvalid as invalid:
                st.session_state[PROBLEMS_KEY] = dict(invalid.problems)
                st.rerun()
            except DomainError as error:
                show_domain_error(error)
            else:
                st.session_state.pop(PROBLEMS_KEY, None)
                st.session_state["status_flash"] = T("status.answer_done")
                st.rerun()
        elif st.session_state.get(PROBLEMS_KEY):
            st.error(T("company.fix_fields"))


def reapply_link(previous) -> None:
    if wait is not None:
        st.info(T(wait.key, at=format_moment(wait.available_at, lang)))
    else:
        link_to("pages/apply.py", T("reapply.button"), ":material/restart_alt:")


if flash := st.session_state.pop("status_flash", None):
    st.success(flash)

if application is None:
    st.info(T("status.none"))
    # An account that cannot apply yet is told so, and shown why, not invited to start.
    if evaluate(facts_source().facts_for(identity)).eligible:
        link_to("pages/apply.py", T("status.start"), ":material/handshake:")
    else:
        st.warning(T("status.not_eligible"))
        link_to("pages/apply.py", T("status.why_not"), ":material/help:")
    st.stop()

st.subheader(T("status.application", id=application.id))
state_line = f"**{T('state.' + application.state)}**"
decided = format_moment(application.decided_at, lang) if application.decided_at else ""
if application.state == State.PENDING:
    due = format_deadline(application.due_at, lang)
    body = "status.pending_body" if application.email else "status.pending_body_no_email"
    st.info(f"{state_line}\n\n" + T(body, due=due))
    sla = assess_one(application.submitted_at, application.due_at, utcnow())
    if sla["sla_state"] == SlaState.OVERDUE:
        late = reader().decimal_number(sla["working_days_overdue"])
        st.error(T("overdue.body", late=late, support=support_line()), icon=":material/schedule:")
    withdraw_box()
elif application.state == State.INFO_REQUESTED:
    st.warning(
        f"{state_line}\n\n"
        + T(
            "status.info_body",
            answer_by=format_deadline(answer_due(application.paused_at, settings()), lang),
        ),
        icon=":material/help:",
    )
    answer_box(application)
    withdraw_box()
elif application.state == State.APPROVED:
    st.success(f"{state_line}\n\n" + T("status.approved_body", decided=decided))
    if application.decision_note:
        st.text(application.decision_note)
    if partner is not None:
        # Where an approved partner goes next, with the ID it will be asked for.
        st.markdown(T("status.partner_code", code=partner.partner_code))
        link_to("pages/partner.py", T("status.open_partner_area"), icon=":material/verified:")
elif application.state == State.REJECTED:
    st.error(f"{state_line}\n\n" + T("status.rejected_body", decided=decided))
    reason = T(f"reason.{application.reason_code or 'other'}")
    st.markdown(f"**{T('status.reason')}** {reason}")
    if application.decision_note:
        st.text(application.decision_note)
    reapply_link(application)
else:
    body = (
        "status.auto_withdrawn_body"
        if application.decided_by == "system"
        else "status.withdrawn_body"
    )
    st.warning(f"{state_line}\n\n" + T(body, decided=decided))
    reapply_link(application)

facts = [f"**{T('status.submitted')}:** {format_moment(application.submitted_at, lang)}"]
if application.state == State.PENDING:
    facts.append(f"**{T('status.due')}:** {T('status.due_value', due=due)}")
terms_language = LANGUAGES.get(application.terms_language, application.terms_language)
facts.append(f"**{T('status.terms')}:** {application.terms_version} ({terms_language})")
source = ((application.eligibility or {}).get("facts") or {}).get("source", SOURCE_SIGN_IN)
facts.append(f"**{T('fact.source')}:** {T(f'facts.source.{source}')}")
st.markdown("  \n".join(facts))

email_line = st.empty()
# Without an address nothing was queued and nothing can be resent; the demo partner's
# application was written by the demo seeding, not sent.
if application.email and not application.demo:
    sent = T("email.last_sent", at=format_moment(sent_at, lang)) if sent_at else None
    email_line.caption(sent or T("email.queued"))
if (
    application.email
    and application.state not in (State.WITHDRAWN, State.INFO_REQUESTED)
    and st.button(T("email.resend"), key="status_resend")
):
    outcome = attempt("resend_email")
    with outcome as session:
        resend_email(session=session, identity=identity)
    if outcome.ok:
        st.success(T("email.resent"))

st.subheader(T("status.timeline"))
for event in events:
    st.markdown(f"- {format_moment(event.at, lang)} — {T('event.' + event.kind)}")

st.subheader(T("support.heading"))
support = settings().support
st.markdown(T("support.body", email=support.email, phone=support.phone, url=support.url))

show_sign_in_history(identity)
