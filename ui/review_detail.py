"""One application's full record and the Approve / Reject decision, for the queue page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.platform.identity import Identity
from core.platform.locale import LANGUAGES, format_moment, has_text, locale_for
from core.platform.models import State
from core.platform.phones import phone_for_reading
from core.registration.company import tax_code_problem
from core.registration.decisions import REASON_CODES, decide
from core.registration.eligibility import RULES
from core.registration.info_deadlines import answer_due
from core.registration.queue import application_record
from core.registration.subject import APPLICATIONS
from ui.company_form import partner_type_label
from ui.context import T, current_lang, db, settings
from ui.formatting import show_table
from ui.review_actions import ownership, request_information_button
from ui.review_desk import Desk, close_row, decision_buttons


def _decide(session, actor: Identity, application_id: int, approve: bool, instead_of, fields):
    return decide(
        session=session,
        actor=actor,
        application_id=application_id,
        approve=approve,
        instead_of=instead_of,
        **fields,
    )


def _fields(actor: Identity, application, approve: bool) -> dict:
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
        T("decide.note_approve" if approve else "decide.note_reject"), key="decide_note"
    )
    return {"reason_code": reason, "note": note}


DESK = Desk(
    subject=APPLICATIONS,
    key="queue",
    param="application",
    decide=_decide,
    fields=_fields,
    describe=lambda application: application.company,
    done_approved="decide.done_approved",
    done_rejected="decide.done_rejected",
)


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
                    T(f"facts.source.{value}") if name == "source" else fact_value(value, name)
                    for name, value in facts.items()
                ],
            }
        ),
        facts_area,
        hide_index=True,
        width="stretch",
    )


def fact_value(value: object, name: str = "") -> str:
    """A fact as the reader says it: yes/no, and the provider's codes (root, enterprise,
    prepaid …) in words where the catalogue has them."""
    if value is None:
        return T("fact.none")
    if isinstance(value, bool):
        return T("fact.yes") if value else T("fact.no")
    if isinstance(value, int):
        return locale_for(current_lang()).number(value)
    if name and has_text(f"fact.{name}.{value}"):
        return T(f"fact.{name}.{value}")
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
    close.button(T("detail.close"), key="detail_close", on_click=close_row, args=(DESK,))
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
                answer_by=format_moment(answer_due(app.paused_at, settings()), lang),
            ),
            icon=":material/hourglass_top:",
        )
        st.text(asked[-1].note if asked else "")
    if app.state == State.PENDING and answered:
        # The latest exchange, where the reviewer decides: question and answer as text,
        # each under its label, and the facts the answer changed, before and after.
        st.info(T("detail.answered", at=format_moment(answered[-1].at, lang)))
        if asked:
            st.markdown(f"**{T('detail.asked')}**")
            st.text(asked[-1].note or "")
        st.markdown(f"**{T('detail.answer')}**")
        st.text(answered[-1].note or "")
        changed = (answered[-1].data or {}).get("changed") or {}
        if changed:
            st.markdown(f"**{T('detail.changed')}**")
            show_table(
                pd.DataFrame(
                    {
                        T("detail.company_fact"): [T(f"company.{name}") for name in changed],
                        T("detail.before"): [str(old or "—") for old, _ in changed.values()],
                        T("detail.after"): [str(new or "—") for _, new in changed.values()],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
        else:
            st.caption(T("detail.unchanged"))

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
    approve_col, reject_col, ask_col, _ = st.columns([1, 1, 2, 2])
    if decision_buttons(DESK, actor, app, (approve_col, reject_col)):
        request_information_button(actor, app, ask_col)


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
        (T("company.business_phone"), phone_for_reading(app.business_phone)),
        (T("company.description"), app.description or ""),
    ]
    show_table(
        pd.DataFrame(rows, columns=[T("detail.company_fact"), T("detail.value")]),
        hide_index=True,
        width="stretch",
    )
