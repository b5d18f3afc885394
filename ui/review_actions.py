"""Beside an application: who owns it (assign / unassign) and Request information."""

from __future__ import annotations

import streamlit as st

from core.platform.errors import DomainError
from core.platform.identity import Identity
from core.platform.locale import format_moment
from core.platform.models import Application
from core.registration.assignment import assignable
from core.registration.info_requests import QUESTION_MAX, QUESTION_MIN, request_information
from core.registration.subject import APPLICATIONS
from core.review import workflow
from core.review.workflow import Subject
from ui.context import T, attempt, current_lang, db, md_escape
from ui.kept import kept

ASK_KEY = "queue_ask_open"
FLASH_KEY = "queue_flash"


def ownership(actor: Identity, application: Application) -> None:
    """Assigned to whom, and the buttons that change it; opening never assigns."""
    owner_controls(actor, application, APPLICATIONS, "assign")


def owner_choice(key: str) -> str:
    """All / Mine / Unassigned for a queue: "", "mine" or "unassigned"."""
    owners = {"": T("queue.owner.all"), "mine": T("queue.owner.mine")}
    owners["unassigned"] = T("queue.owner.unassigned")
    chosen = st.segmented_control(
        T("queue.filter.owner"), list(owners), format_func=owners.get, default="", key=key
    )
    return chosen or ""


def owner_controls(actor: Identity, item, subject: Subject, prefix: str) -> None:
    """Who owns ``item`` (an application, a customer link, a discount request: a row of
    ``subject``), with Assign to me / Assign to … / Unassign.

    A refusal shows above the buttons on the next run. ``prefix`` keeps the widget keys apart.
    """
    error_key = f"{prefix}_error"
    if error := st.session_state.pop(error_key, None):
        st.error(error)
    owner = item.assigned_to

    def on_assign(who: Identity, assignee: str | None) -> None:
        try:
            with db() as session:
                workflow.assign(
                    session=session,
                    subject=subject,
                    actor=who,
                    row_id=item.id,
                    assignee=assignee,
                    seen=owner,
                )
        except DomainError as refused:
            st.session_state[error_key] = T(refused.key, **refused.values)
            return
        st.toast(T("assign.done", who=md_escape(assignee)) if assignee else T("assign.done_nobody"))

    if owner:
        when = format_moment(item.assigned_at, current_lang()) if item.assigned_at else ""
        mine = T("assign.you") if owner == actor.sub else ""
        st.markdown(T("assign.owner", who=md_escape(owner), since=when) + mine)
    else:
        st.markdown(T("assign.nobody"))
    with db() as session:
        members = [a.sub for a in assignable(session, actor)]
    me, other, pick, unassign = st.columns([1, 1, 2, 1], vertical_alignment="bottom")
    me.button(
        T("assign.me"),
        key=f"{prefix}_me",
        disabled=owner == actor.sub,
        on_click=on_assign,
        args=(actor, actor.sub),
    )
    choices = [m for m in members if m != owner]
    chosen = pick.selectbox(
        T("assign.to_label"),
        choices,
        index=None,
        placeholder=T("assign.to_placeholder"),
        key=kept(f"{prefix}_to_{item.id}"),
    )
    other.button(
        T("assign.to"),
        key=f"{prefix}_to",
        disabled=chosen is None,
        on_click=on_assign,
        args=(actor, chosen),
    )
    unassign.button(
        T("assign.unassign"),
        key=f"{prefix}_none",
        disabled=owner is None,
        on_click=on_assign,
        args=(actor, None),
    )


def _ask(actor: Identity, application: Application) -> None:
    st.markdown(T("ask.intro", id=application.id))
    question = st.text_area(
        T("ask.question"),
        max_chars=QUESTION_MAX,
        help=T("ask.question_help", minimum=QUESTION_MIN, maximum=QUESTION_MAX),
        key="ask_question",
    )
    send, cancel = st.columns(2)
    if send.button(T("ask.send"), type="primary", key="ask_send"):
        # A refusal shows here and leaves the dialog as it was, Cancel included.
        outcome = attempt("request_information")
        with outcome as session:
            request_information(
                session=session, actor=actor, application_id=application.id, question=question
            )
        if outcome.ok:
            st.session_state.pop(ASK_KEY, None)
            st.session_state[FLASH_KEY] = T("ask.done", id=application.id)
            st.rerun()
    if cancel.button(T("decide.cancel"), key="ask_cancel"):
        st.session_state.pop(ASK_KEY, None)
        st.rerun()


def request_information_button(actor: Identity, application: Application, area) -> None:
    """Request information: a dialog asks for the question; the clock pauses once it is sent."""
    if area.button(T("ask.button"), key="detail_ask"):
        st.session_state[ASK_KEY] = application.id
    if st.session_state.get(ASK_KEY) == application.id:
        dialog = st.dialog(T("ask.button"), width="large", dismissible=False)
        dialog(_ask)(actor, application)
