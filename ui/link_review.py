"""The partner team's customer-link queue and one link's detail: facts, history, decision."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.partners.customer_review import (
    LINK_REASONS,
    LINKS,
    LinkRecord,
    decide_link,
)
from core.partners.customers import END_REASON_MAX, end_link
from core.platform.errors import DomainError
from core.platform.identity import Identity
from core.platform.locale import format_deadline, format_moment
from core.platform.models import CustomerLink, LinkState, Partner
from core.platform.sla import SlaState, assess_one
from ui.context import T, current_lang, db, md_escape
from ui.formatting import done_by, show_table
from ui.review_actions import owner_controls
from ui.review_desk import Desk, close_button, decision_buttons
from ui.review_detail import fact_value

FACTS = (
    "user_type",
    "account_class",
    "partner_customer_of",
    "credit_balance",
    "uses_services",
    "has_discounts",
    "in_poc",
    "billing",
    "greennode_customer",
)


def queue_frame(rows: list[tuple[CustomerLink, Partner]], lang: str, now) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "#": [link.id for link, _ in rows],
            T("customers.col.customer"): [
                link.customer_company or link.customer_email for link, _ in rows
            ],
            T("links.col.partner"): [f"{p.company} ({p.partner_code})" for _, p in rows],
            T("links.col.due"): [format_deadline(link.due_at, lang) for link, _ in rows],
            T("col.sla"): [T(f"sla.{_sla(link, now)}") for link, _ in rows],
            T("links.col.assignee"): [link.assigned_to or "—" for link, _ in rows],
        }
    )


def _sla(link: CustomerLink, now) -> str:
    return assess_one(link.confirmed_at, link.due_at, now)["sla_state"]


def _facts_table(record: LinkRecord) -> pd.DataFrame:
    steps = [e for e in record.events if "facts" in (e.data or {})]
    frame = pd.DataFrame({T("links.fact"): [T(f"fact.{name}") for name in FACTS]})
    for event in steps:
        facts = event.data["facts"]
        column = f"{T(f'links.step.{event.kind}')} · {format_moment(event.at, current_lang())}"
        frame[column] = [fact_value(facts.get(name), name) for name in FACTS]
    return frame


def _history(record: LinkRecord, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            T("col.when"): [format_moment(e.at, lang) for e in record.events],
            T("col.event"): [T(f"link_event.{e.kind}") for e in record.events],
            T("col.by"): [done_by(e) for e in record.events],
            T("col.note"): [e.note or "" for e in record.events],
        }
    )


def _ownership(actor: Identity, link: CustomerLink) -> None:
    owner_controls(actor, link, LINKS, "link_assign")


def _decide(session, actor: Identity, link_id: int, approve: bool, instead_of, fields):
    return decide_link(
        session=session,
        actor=actor,
        link_id=link_id,
        approve=approve,
        instead_of=instead_of,
        **fields,
    )


def _fields(actor: Identity, link: CustomerLink, approve: bool) -> dict:
    reason = None
    if not approve:
        reason = st.radio(
            T("links.reason"),
            LINK_REASONS,
            index=None,
            format_func=lambda r: T(f"customers.reason.{r}"),
            key="decide_reason",
        )
    note = st.text_area(T("links.note"), key="decide_note", max_chars=2000)
    return {"reason_code": reason, "note": note}


DESK = Desk(
    subject=LINKS,
    key="links",
    param="link",
    decide=_decide,
    fields=_fields,
    describe=lambda link: link.customer_company or link.customer_email,
    done_approved="links.approved",
    done_rejected="links.rejected",
    confirm_approve="links.confirm_approve",
    confirm_reject="links.confirm_reject",
    pick_row="links.pick_row",
    close="desk.close",
)


def _end(actor: Identity, link: CustomerLink) -> None:
    reason = st.text_area(
        T("customers.end_reason"), key="link_end_reason", max_chars=END_REASON_MAX
    )
    if st.button(T("customers.end"), key="link_end"):
        try:
            with db() as session:
                end_link(session=session, actor=actor, link_id=link.id, reason=reason)
        except DomainError as error:
            st.error(T(error.key, **error.values))
        else:
            st.session_state[DESK.flash_key] = T("customers.ended")
            st.rerun()


def render_link(actor: Identity, record: LinkRecord, now) -> None:
    """One link: who, the partner, the facts at each step, the history, and what can be done."""
    lang = current_lang()
    link, partner = record.link, record.partner
    heading, close = st.columns([5, 1], vertical_alignment="bottom")
    heading.subheader(T("links.detail", id=link.id))
    close_button(DESK, close)
    st.markdown(
        f"**{T('customers.col.customer')}:** "
        f"{md_escape(link.customer_company or link.customer_email)} · "
        f"{md_escape(link.customer_email)}  \n"
        f"**{T('links.col.partner')}:** {md_escape(partner.company)} ({partner.partner_code})  \n"
        f"**{T('customers.friendly_name')}:** {md_escape(link.friendly_name or '—')} · "
        f"**{T('links.role')}:** {T(f'customers.role.{link.role}')}  \n"
        f"**{T('customers.col.state')}:** {T(f'customers.state.{link.state}')}"
    )
    if link.due_at is not None and link.state == LinkState.CONFIRMED:
        state = _sla(link, now)
        badge = {SlaState.OVERDUE: "red", SlaState.DUE_SOON: "orange"}.get(state, "green")
        st.markdown(
            f":{badge}-badge[{T(f'sla.{state}')}] "
            f"{T('links.col.due')}: {format_deadline(link.due_at, lang)}"
        )
    if link.note:
        st.text(link.note)  # a reason someone typed, shown as text
    st.markdown(f"**{T('links.facts')}**")
    show_table(_facts_table(record), hide_index=True, width="stretch")
    st.markdown(f"**{T('links.history')}**")
    show_table(_history(record, lang), hide_index=True, width="stretch")
    if link.state == LinkState.CONFIRMED:
        _ownership(actor, link)
        decision_buttons(DESK, actor, link)
    elif link.state == LinkState.ACTIVE:
        _end(actor, link)
