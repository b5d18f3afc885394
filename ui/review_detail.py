"""One application's full record and the Approve / Reject decision, for the queue page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.platform.errors import DomainError
from core.platform.i18n import LANGUAGES, format_moment
from core.platform.identity import Identity
from core.platform.models import State
from core.registration.company import tax_code_problem
from core.registration.decisions import REASON_CODES, decide
from core.registration.eligibility import RULES
from core.registration.info_requests import answer_due
from core.registration.queue import ID_DIGITS, application_record
from core.registration.subject import APPLICATIONS
from core.review.ownership import AssignedToAnother
from core.review.workflow import (
    AlreadyDecided,
    forget_open_decision,
    open_decision_of,
    remember_open_decision,
)
from ui.company_form import partner_type_label
from ui.context import T, already_decided_message, current_identity, current_lang, db, md_escape
from ui.formatting import show_table
from ui.review_actions import FLASH_KEY, ownership, request_information_button

OPEN_KEY = "queue_open"
# The open application is also in the address (?application=123): a link opens it.
LINK_PARAM = "application"
DIALOG_KEY = "queue_dialog"
RESUMED_KEY = "queue_dialog_resumed"


def _open_dialog(actor: Identity, application_id: int, approve: bool) -> None:
    """Open the decision dialog; the database remembers it for a failover."""
    st.session_state[DIALOG_KEY] = (application_id, approve)
    with db() as session:
        remember_open_decision(
            session=session,
            subject=APPLICATIONS,
            actor=actor,
            row_id=application_id,
            approve=approve,
        )


def _close_dialog() -> None:
    st.session_state.pop(DIALOG_KEY, None)
    st.session_state.pop(RESUMED_KEY, None)
    actor = current_identity()
    if actor is not None and actor.is_staff:
        with db() as session:
            forget_open_decision(session=session, actor=actor)


def resume_dialog(actor: Identity) -> None:
    """Reopen a decision dialog this reviewer had open on an app server that is gone.

    A new browser session (after a failover) starts without the dialog in its
    session state; the database remembers it for every server.
    """
    if st.session_state.get("_decisions_resumed_for") == actor.sub:
        return
    st.session_state["_decisions_resumed_for"] = actor.sub
    if DIALOG_KEY in st.session_state:
        return
    with db() as session:
        opened = open_decision_of(session, APPLICATIONS, actor)
    if opened is None:
        return
    st.session_state[DIALOG_KEY] = (opened.subject_id, opened.approve)
    st.session_state[RESUMED_KEY] = True
    open_application(opened.subject_id)


def open_application(application_id: int) -> None:
    st.session_state[OPEN_KEY] = application_id
    st.query_params[LINK_PARAM] = str(application_id)


# Counts closings: the queue table takes it into its key, so a closed application's
# row is no longer shown selected and a click on it opens it again.
CLOSED_KEY = "queue_closed"


def close_application() -> None:
    st.session_state.pop(OPEN_KEY, None)
    st.query_params.pop(LINK_PARAM, None)
    st.session_state[CLOSED_KEY] = st.session_state.get(CLOSED_KEY, 0) + 1


def opened_application() -> int | None:
    """The application this reviewer has open: from the session, else from the address.

    A link's number is checked before use; one that is no application number at
    all opens nothing and says so.
    """
    linked = st.query_params.get(LINK_PARAM)
    if linked is not None and linked != str(st.session_state.get(OPEN_KEY)):
        if linked.isdigit() and len(linked) <= ID_DIGITS:
            st.session_state[OPEN_KEY] = int(linked)
        else:
            st.query_params.pop(LINK_PARAM, None)
            st.error(T("error.not_found"))
    return st.session_state.get(OPEN_KEY)


def _decide(actor: Identity, application_id: int, approve: bool, reason, note, instead_of) -> None:
    try:
        with db() as session:
            decide(
                session=session,
                actor=actor,
                application_id=application_id,
                approve=approve,
                reason_code=reason,
                note=note,
                instead_of=instead_of,
            )
    except AssignedToAnother as error:
        st.error(T("error.assigned_to_another", who=md_escape(error.assignee)))
        return
    except AlreadyDecided:
        # Nothing is left to decide: the whole page reruns, and explain_closed_dialog
        # closes the dialog and says who decided, as for any dialog overtaken.
        st.rerun()
    except DomainError as error:
        st.error(T(error.key, **error.values))
        return
    done = "decide.done_approved" if approve else "decide.done_rejected"
    st.session_state[FLASH_KEY] = T(done, id=application_id)
    close_application()
    _close_dialog()
    st.rerun()


def _confirm_decision(
    actor: Identity, application_id: int, company: str, approve: bool, assignee: str | None
) -> None:
    question = "decide.confirm_approve" if approve else "decide.confirm_reject"
    if st.session_state.get(RESUMED_KEY):
        st.info(T("decide.resumed"))
    instead_of = None
    if assignee and assignee != actor.sub:
        st.warning(T("decide.assigned_to", who=md_escape(assignee)))
        if st.checkbox(T("decide.instead_of", who=md_escape(assignee)), key="decide_instead"):
            instead_of = assignee
    st.markdown(T(question, id=application_id, company=md_escape(company)))
    reason = None
    if not approve:
        reason = st.radio(
            T("decide.reason"),
            REASON_CODES,
            index=None,
            format_func=lambda code: T(f"reason.{code}"),
            key="decide_reason",
        )
    note = st.text_area(
        T("decide.note_approve" if approve else "decide.note_reject"),
        key="decide_note",
    )
    confirm, cancel = st.columns(2)
    if confirm.button(T("decide.confirm"), type="primary", key="decide_confirm"):
        _decide(actor, application_id, approve, reason, note, instead_of)
    if cancel.button(T("decide.cancel"), key="decide_cancel", on_click=_close_dialog):
        st.rerun()


def confirm_decision(
    actor: Identity, application_id: int, company: str, approve: bool, assignee: str | None
) -> None:
    """Ask for confirmation (and the reason) in a dialog titled in the reader's language.

    The open dialog is remembered in session state so that it stays open while
    the reviewer fills it in, until confirmed or cancelled.
    """
    title = T("decide.approve" if approve else "decide.reject")
    # Not dismissible: Esc or a click outside would throw away a typed note and reason
    # without a word; Cancel says what it does.
    dialog = st.dialog(title, width="large", dismissible=False)
    dialog(_confirm_decision)(actor, application_id, company, approve, assignee)


def explain_closed_dialog(actor: Identity) -> None:
    """If the application in an open dialog was decided meanwhile, say by whom and how."""
    opened = st.session_state.get(DIALOG_KEY)
    if not opened:
        return
    with db() as session:
        record = application_record(session, actor, opened[0])
    if record is not None and record.application.state == State.PENDING:
        return
    _close_dialog()
    close_application()  # the queue moves on; the warning says who decided
    if record is not None:
        st.warning(already_decided_message(AlreadyDecided(record.application)))


def show_eligibility(snapshot: dict, rules_area, facts_area) -> None:
    """The eligibility snapshot as two small tables: each rule's outcome, then the facts."""
    passed, failures = snapshot.get("passed", []), snapshot.get("failures", [])
    if "unverifiable" not in failures:
        show_table(
            pd.DataFrame(
                {
                    T("detail.rule"): [T(f"rule.{rule}") for rule in RULES],
                    T("detail.outcome"): [
                        T("rule.met") if rule in passed else T("rule.not_met") for rule in RULES
                    ],
                }
            ),
            rules_area,
            hide_index=True,
            width="stretch",
        )
    else:
        rules_area.warning(T("detail.unverifiable"))
    facts = snapshot.get("facts") or {}
    show_table(
        pd.DataFrame(
            {
                T("detail.fact"): [T(f"fact.{name}") for name in facts],
                T("detail.value"): [
                    T(f"facts.source.{value}") if name == "source" else fact_value(value)
                    for name, value in facts.items()
                ],
            }
        ),
        facts_area,
        hide_index=True,
        width="stretch",
    )


def fact_value(value: object) -> str:
    if value is None:
        return T("fact.none")
    if isinstance(value, bool):
        return T("fact.yes") if value else T("fact.no")
    return str(value)


def render_detail(actor: Identity, application_id: int) -> None:
    lang = current_lang()
    with db() as session:
        record = application_record(session, actor, application_id)
    if record is None:
        st.error(T("error.not_found"))
        return
    app = record.application
    heading, close = st.columns([5, 1], vertical_alignment="bottom")
    heading.subheader(T("detail.heading", id=app.id))
    close.button(T("detail.close"), key="detail_close", on_click=close_application)
    if app.state in (State.PENDING, State.INFO_REQUESTED):
        ownership(actor, app)
    # The event log is already loaded: the questions and answers are in it.
    asked = [e for e in record.events if e.kind == "info_requested"]
    answered = [e for e in record.events if e.kind == "info_answered"]
    if app.state == State.INFO_REQUESTED:
        st.warning(
            T(
                "detail.waiting",
                since=format_moment(app.paused_at, lang),
                answer_by=format_moment(answer_due(app.paused_at), lang),
            ),
            icon=":material/hourglass_top:",
        )
        st.text(asked[-1].note if asked else "")
    if app.state == State.PENDING and answered:
        # The latest exchange, where the reviewer decides: question and answer as text.
        st.info(T("detail.answered", at=format_moment(answered[-1].at, lang)))
        if asked:
            st.caption(T("detail.asked"))
            st.text(asked[-1].note or "")
        st.text(answered[-1].note or "")

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{T('detail.account')}**")
        account = record.account
        st.text(
            "\n".join(
                [
                    f"{T('col.email')}: {app.email}",
                    f"{T('col.company')}: {app.company}",
                    f"{T('detail.name')}: {account.display_name if account else ''}",
                    f"{T('col.language')}: {LANGUAGES.get(app.language, app.language)}",
                    f"{T('detail.sub')}: {app.account_sub}",
                ]
            )
        )
    with right:
        st.markdown(f"**{T('detail.terms')}**")
        st.text(
            T(
                "detail.terms_line",
                version=app.terms_version,
                language=LANGUAGES.get(app.terms_language, app.terms_language),
                at=format_moment(app.terms_accepted_at, lang),
                sha=app.terms_sha256,
            )
        )
    st.markdown(f"**{T('detail.company')}**")
    show_company(app, lang)
    if record.same_tax_code:
        st.warning(T("detail.same_tax_code", count=len(record.same_tax_code)))
        show_table(
            _applications_frame(record.same_tax_code, lang, with_email=True),
            hide_index=True,
            width="stretch",
        )
    st.markdown(f"**{T('detail.eligibility')}**")
    rules, facts = st.columns(2)
    show_eligibility(app.eligibility, rules, facts)

    st.markdown(f"**{T('detail.earlier')}**")
    if record.earlier:
        show_table(_applications_frame(record.earlier, lang), hide_index=True, width="stretch")
    else:
        st.caption(T("detail.no_earlier"))

    st.markdown(f"**{T('detail.history')}**")
    show_table(
        pd.DataFrame(
            [
                {
                    T("col.when"): format_moment(e.at, lang),
                    T("col.event"): T(f"event.{e.kind}"),
                    T("col.by"): e.actor_sub,
                    T("col.note"): e.note or "",
                }
                for e in record.events
            ]
        ),
        hide_index=True,
        width="stretch",
    )

    if app.state == State.INFO_REQUESTED:
        return  # nothing to decide until the applicant answers
    if app.state != State.PENDING:
        st.info(already_decided_message(AlreadyDecided(app)))
        return
    if app.account_sub == actor.sub:
        st.info(T("detail.own"))
        return
    approve_col, reject_col, ask_col, _ = st.columns([1, 1, 2, 2])
    if approve_col.button(T("decide.approve"), type="primary", key="detail_approve"):
        _open_dialog(actor, app.id, True)
    if reject_col.button(T("decide.reject"), key="detail_reject"):
        _open_dialog(actor, app.id, False)
    request_information_button(actor, app, ask_col)
    opened = st.session_state.get(DIALOG_KEY)
    if opened and opened[0] == app.id and app.state == State.PENDING:
        confirm_decision(actor, app.id, app.company, approve=opened[1], assignee=app.assigned_to)


def _applications_frame(applications, lang: str, with_email: bool = False) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                T("col.id"): a.id,
                **(
                    {T("col.email"): a.email, T("company.tax_code"): a.tax_code}
                    if with_email
                    else {}
                ),
                T("col.state"): T(f"state.{a.state}"),
                T("col.submitted"): format_moment(a.submitted_at, lang),
                T("col.decided"): format_moment(a.decided_at, lang) if a.decided_at else "",
                T("col.reason"): T(f"reason.{a.reason_code}") if a.reason_code else "",
                T("col.note"): a.decision_note or "",
            }
            for a in applications
        ]
    )


def show_company(app, lang: str) -> None:
    """The company facts the applicant confirmed, with the tax code checked again here."""
    problem = tax_code_problem(app.tax_code) if app.tax_code else "company.error.tax_code_missing"
    validity = T("detail.tax_code_valid") if problem is None else T(problem)
    rows = [
        (T("company.legal_name"), app.legal_name),
        (T("company.tax_code"), f"{app.tax_code} — {validity}"),
        (T("company.website"), app.website),
        (
            T("company.partner_type"),
            partner_type_label(app.partner_type, lang) if app.partner_type else "",
        ),
        (T("company.business_phone"), app.business_phone),
        (T("company.description"), app.description or ""),
    ]
    show_table(
        pd.DataFrame(rows, columns=[T("detail.company_fact"), T("detail.value")]),
        hide_index=True,
        width="stretch",
    )
