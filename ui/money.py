"""Shared pieces of the credit pages: amounts as a reader writes them, the movement history."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st

from core.platform.locale import format_moment, locale_for
from core.platform.models import CreditMovement
from ui.context import T, attempt, current_lang
from ui.formatting import show_table
from ui.kept import forget


def vnd(amount: int) -> str:
    """5000000 -> "5,000,000" (English) or "5.000.000" (Vietnamese)."""
    return locale_for(current_lang()).number(amount)


def attempt_key(name: str) -> str:
    """The idempotency key of the attempt on screen: one per confirmation, kept across reruns."""
    return st.session_state.setdefault(f"{name}_attempt", uuid.uuid4().hex)


def new_attempt(name: str) -> None:
    st.session_state.pop(f"{name}_attempt", None)


def confirm_step(
    name: str,
    use_case: str,
    fields: tuple[str, ...],
    summary: str,
    confirm_label: str,
    move,
    done: str,
) -> None:
    """The review screen of a money movement: Confirm runs ``move(key)`` with this attempt's
    idempotency key (a second press, or the same attempt again, moves nothing more) and
    empties the form's ``fields``; Back returns to the form as it was left. ``done`` is the
    message shown once it moved."""
    st.markdown(summary)
    confirm, back, _ = st.columns([2, 1, 3])
    if confirm.button(confirm_label, type="primary", key=f"{name}_confirm"):
        outcome = attempt(use_case)
        with outcome as session:
            move(session, attempt_key(name))
        if outcome.ok:
            st.session_state.pop(f"{name}_review", None)
            new_attempt(name)
            forget(fields)
            st.session_state[f"{name}_flash"] = done
            st.rerun()
    if back.button(T("credits.cancel"), key=f"{name}_back"):
        st.session_state.pop(f"{name}_review", None)
        st.rerun()


def history_table(
    items: list[CreditMovement], labels: dict[int, str], partners: dict[int, str] | None = None
) -> None:
    """Movements newest first; ``labels`` names each top-up's customer, ``partners`` (for
    finance) each movement's partner."""
    if not items:
        st.caption(T("credits.none"))
        return
    lang = current_lang()
    frame = pd.DataFrame(
        {
            T("credits.col.at"): [format_moment(m.at, lang) for m in items],
            **(
                {T("credits.col.partner"): [partners.get(m.partner_id, "") for m in items]}
                if partners
                else {}
            ),
            T("credits.col.kind"): [T(f"credits.kind.{m.kind}") for m in items],
            T("credits.col.customer"): [
                labels.get(m.link_id, "") if m.link_id else "" for m in items
            ],
            T("credits.col.amount"): [vnd(m.amount) for m in items],
            T("credits.col.reference"): [m.reference or m.note for m in items],
            T("credits.col.by"): [m.actor_sub for m in items],
        }
    )
    show_table(frame, hide_index=True, width="stretch")
