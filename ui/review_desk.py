"""One review desk for the three things the partner team decides, configured per page.

A desk is a queue whose rows open by a click (and by `?<param>=N`, so a link in
an email opens one), a detail the page draws, Approve and Reject buttons, and a
decision dialog that closes only by Confirm or Cancel. The open dialog is
remembered in the database (core.review.workflow), so a reviewer whose app server
is lost finds it open again on another; a decision taken meanwhile by someone
else closes it, saying who decided and how.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from sqlmodel import Session

from core.platform.errors import DomainError
from core.platform.identity import Identity
from core.review.duties import concerns_actor
from core.review.ownership import AssignedToAnother
from core.review.workflow import (
    AlreadyDecided,
    Subject,
    forget_open_decision,
    open_decision_of,
    remember_open_decision,
)
from ui.context import T, already_decided_message, current_identity, db, md_escape
from ui.formatting import show_table

ID_DIGITS = 12


@dataclass(frozen=True)
class Desk:
    """What one page decides and how its dialog asks; everything else is shared."""

    subject: Subject
    # Session-state prefix and the address parameter that opens a row (?link=5).
    key: str
    param: str
    # decide(session, actor, row_id, approve, instead_of, fields) -> the decided row
    decide: Callable[[Session, Identity, int, bool, str | None, dict], Any]
    # fields(actor, row, approve) draws the dialog's own inputs and returns their values
    fields: Callable[[Identity, Any, bool], dict]
    # How the dialog names the row ("application #3 of Acme").
    describe: Callable[[Any], str]
    # The flash after a decision, by outcome.
    done_approved: str
    done_rejected: str
    # The dialog's question, by outcome ({id} and {company}).
    confirm_approve: str = "decide.confirm_approve"
    confirm_reject: str = "decide.confirm_reject"
    # The hint above the queue and the label that closes an open row.
    pick_row: str = "queue.pick_row"
    close: str = "detail.close"

    @property
    def open_key(self) -> str:
        return f"{self.key}_open"

    @property
    def dialog_key(self) -> str:
        return f"{self.key}_dialog"

    @property
    def resumed_key(self) -> str:
        return f"{self.key}_dialog_resumed"

    @property
    def closed_key(self) -> str:
        return f"{self.key}_closed"

    @property
    def flash_key(self) -> str:
        return f"{self.key}_flash"


# --- the row that is open ---------------------------------------------------------


def open_row(desk: Desk, row_id: int) -> None:
    st.session_state[desk.open_key] = row_id
    st.query_params[desk.param] = str(row_id)


def close_row(desk: Desk) -> None:
    """Close the row; the queue table takes a new key, so no selection outlives it."""
    st.session_state.pop(desk.open_key, None)
    st.query_params.pop(desk.param, None)
    st.session_state[desk.closed_key] = st.session_state.get(desk.closed_key, 0) + 1


def opened_row(desk: Desk) -> int | None:
    """The row open on this page: from the session, else from the address (checked first)."""
    linked = st.query_params.get(desk.param)
    if linked is not None and linked != str(st.session_state.get(desk.open_key)):
        if linked.isascii() and linked.isdigit() and len(linked) <= ID_DIGITS:
            st.session_state[desk.open_key] = int(linked)
        else:
            st.query_params.pop(desk.param, None)
            st.error(T("error.not_found"))
    return st.session_state.get(desk.open_key)


def table_key(desk: Desk, ids: tuple[int, ...], closed: int | None = None) -> str:
    """A new key whenever the queue holds other rows or a row was closed."""
    closed = st.session_state.get(desk.closed_key, 0) if closed is None else closed
    digest = hashlib.sha256(repr((ids, closed)).encode()).hexdigest()[:12]
    return f"{desk.key}_table_{digest}"


def close_button(desk: Desk, area) -> None:
    """The button that closes the open row (the queue shows it unselected again)."""
    area.button(T(desk.close), key="detail_close", on_click=close_row, args=(desk,))


def queue_table(desk: Desk, ids: list[int], frame: pd.DataFrame) -> int | None:
    """The queue; clicking a row opens it. Returns the row a new click opened."""
    st.caption(T(desk.pick_row))
    key = table_key(desk, tuple(ids))
    event = show_table(
        frame,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    rows = event.selection.rows if event is not None else []
    picked_key = f"{desk.key}_picked"
    if not rows or rows[0] >= len(ids):
        st.session_state.pop(picked_key, None)
        return None
    if st.session_state.get(picked_key) == (key, rows[0]):
        return None
    st.session_state[picked_key] = (key, rows[0])
    open_row(desk, ids[rows[0]])
    return ids[rows[0]]


# --- the decision dialog ----------------------------------------------------------


def _open_dialog(desk: Desk, actor: Identity, row_id: int, approve: bool) -> None:
    st.session_state[desk.dialog_key] = (row_id, approve)
    with db() as session:
        remember_open_decision(
            session=session, subject=desk.subject, actor=actor, row_id=row_id, approve=approve
        )


def close_dialog(desk: Desk) -> None:
    st.session_state.pop(desk.dialog_key, None)
    st.session_state.pop(desk.resumed_key, None)
    actor = current_identity()
    if actor is not None and actor.is_staff:
        with db() as session:
            forget_open_decision(session=session, actor=actor)


def resume_dialog(desk: Desk, actor: Identity) -> None:
    """Reopen a decision dialog this reviewer had open on an app server that is gone."""
    marker = f"{desk.key}_resumed_for"
    if st.session_state.get(marker) == actor.sub:
        return
    st.session_state[marker] = actor.sub
    if desk.dialog_key in st.session_state:
        return
    with db() as session:
        opened = open_decision_of(session, desk.subject, actor)
    if opened is None:
        return
    st.session_state[desk.dialog_key] = (opened.subject_id, opened.approve)
    st.session_state[desk.resumed_key] = True
    open_row(desk, opened.subject_id)


def explain_closed_dialog(desk: Desk, actor: Identity) -> None:
    """If the row in an open dialog was decided meanwhile, close it and say by whom and how."""
    opened = st.session_state.get(desk.dialog_key)
    if not opened:
        return
    with db() as session:
        row = session.get(desk.subject.model, opened[0])
    if row is not None and row.state == desk.subject.waiting:
        return
    close_dialog(desk)
    close_row(desk)
    if row is not None:
        st.warning(already_decided_message(AlreadyDecided(row)))


def _decide(desk: Desk, actor: Identity, row_id: int, approve: bool, instead, fields) -> None:
    try:
        with db() as session:
            desk.decide(session, actor, row_id, approve, instead, fields)
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
    st.session_state[desk.flash_key] = T(
        desk.done_approved if approve else desk.done_rejected, id=row_id
    )
    close_row(desk)
    close_dialog(desk)
    st.rerun()


def _dialog_body(desk: Desk, actor: Identity, row: Any, approve: bool) -> None:
    if st.session_state.get(desk.resumed_key):
        st.info(T("decide.resumed"))
    instead_of = None
    assignee = row.assigned_to
    if assignee and assignee != actor.sub:
        st.warning(T("decide.assigned_to", who=md_escape(assignee)))
        if st.checkbox(T("decide.instead_of", who=md_escape(assignee)), key="decide_instead"):
            instead_of = assignee
    question = desk.confirm_approve if approve else desk.confirm_reject
    st.markdown(T(question, id=row.id, company=md_escape(desk.describe(row))))
    fields = desk.fields(actor, row, approve)
    confirm, cancel = st.columns(2)
    if confirm.button(T("decide.confirm"), type="primary", key="decide_confirm"):
        _decide(desk, actor, row.id, approve, instead_of, fields)
    if cancel.button(T("decide.cancel"), key="decide_cancel", on_click=close_dialog, args=(desk,)):
        st.rerun()


def decision_buttons(desk: Desk, actor: Identity, row: Any, columns=None) -> bool:
    """Approve and Reject beside an open row waiting for a decision, and the dialog they open.

    Nothing is offered on a row that concerns an account the reviewer signs in with.
    ``columns`` (two) place the buttons; by default they sit at the left of a new row.
    """
    if row.state != desk.subject.waiting:
        st.info(already_decided_message(AlreadyDecided(row)))
        return False
    with db() as session:
        subject = desk.subject
        own = concerns_actor(
            session, actor, subject.concerns(session, row), subject.concerned_emails(session, row)
        )
    if own:
        st.info(T("error.own_account"))
        return False
    approve_col, reject_col = columns or st.columns([1, 1, 4])[:2]
    if approve_col.button(T("decide.approve"), type="primary", key="detail_approve"):
        _open_dialog(desk, actor, row.id, True)
    if reject_col.button(T("decide.reject"), key="detail_reject"):
        _open_dialog(desk, actor, row.id, False)
    opened = st.session_state.get(desk.dialog_key)
    if opened and opened[0] == row.id:
        title = T("decide.approve" if opened[1] else "decide.reject")
        # Not dismissible: Esc or a click outside would throw away a typed note and reason
        # without a word; Cancel says what it does.
        dialog = st.dialog(title, width="large", dismissible=False)
        dialog(_dialog_body)(desk, actor, row, opened[1])
    return True
