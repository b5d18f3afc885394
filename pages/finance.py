"""Finance: partners' credit balances, and a grant against an invoice or payment reference."""

import pandas as pd
import streamlit as st

from core.money.billing import deliveries_needing_attention, retry_delivery
from core.money.ledger import (
    grant_amount,
    grant_credit,
    grant_reference,
    movements,
    partner_balances,
)
from core.money.usage import held_usage
from core.partners.customers import link_names
from core.platform.errors import DomainError
from core.platform.identity import Role
from core.platform.locale import format_date
from ui.context import (
    T,
    attempt,
    current_lang,
    db,
    md_escape,
    require_role,
    settings,
    show_domain_error,
    through_home,
)
from ui.formatting import show_table
from ui.kept import kept
from ui.money import confirm_step, history_table, new_attempt, vnd

through_home()

REVIEW_KEY = "finance_review"
FLASH_KEY = "finance_flash"

actor = require_role(Role.FINANCE)
st.title(T("finance.heading"))
st.caption(T("finance.intro"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

with db() as session:
    rows = partner_balances(session, actor)
    recent = movements(session, actor)
st.subheader(T("finance.partners"))
if not rows:
    st.info(T("finance.no_partners"))
    st.stop()
show_table(
    pd.DataFrame(
        {
            T("credits.col.partner"): [f"{p.company} ({p.partner_code})" for p, _ in rows],
            T("credits.col.balance"): [vnd(amount) for _, amount in rows],
        }
    ),
    hide_index=True,
    width="stretch",
)

st.subheader(T("finance.grant_heading"))
names = {p.id: f"{p.company} ({p.partner_code})" for p, _ in rows}
review = st.session_state.get(REVIEW_KEY)
if review is None:
    partner_id = st.selectbox(
        T("finance.partner"),
        list(names),
        index=None,
        format_func=names.get,
        placeholder=T("finance.partner_placeholder"),
        key=kept("finance_partner"),
        persist_state="page",
    )
    amount = st.text_input(
        T("credits.amount"), key=kept("finance_amount"), persist_state="page", max_chars=30
    )
    reference = st.text_input(
        T("finance.reference"), key=kept("finance_reference"), persist_state="page", max_chars=80
    )
    if st.button(T("finance.review"), type="primary", key="finance_review_button"):
        try:
            if partner_id is None:
                raise DomainError("finance.choose_partner")
            value = grant_amount(amount, settings())
            reference = grant_reference(reference)
        except DomainError as error:
            show_domain_error(error)
        else:
            new_attempt("finance")
            st.session_state[REVIEW_KEY] = (partner_id, value, reference)
            st.rerun()
else:
    partner_id, value, reference = review
    summary = T(
        "finance.confirm_text",
        amount=vnd(value),
        partner=md_escape(names[partner_id]),
        reference=md_escape(reference),
    )
    confirm_step(
        "finance",
        "grant_credit",
        ("finance_partner", "finance_amount", "finance_reference"),
        summary,
        T("finance.confirm"),
        lambda session, key: grant_credit(
            session=session,
            actor=actor,
            partner_id=partner_id,
            amount=value,
            reference=reference,
            idempotency_key=key,
        ),
        T("finance.granted", amount=vnd(value), partner=md_escape(names[partner_id])),
    )

st.subheader(T("billing.heading"))
with db() as session:
    troubled = deliveries_needing_attention(session, actor)
if not troubled:
    st.caption(T("billing.all_well"))
else:
    show_table(
        pd.DataFrame(
            {
                "#": [d.id for d in troubled],
                T("billing.col.topup"): [d.movement_id for d in troubled],
                T("credits.col.amount"): [vnd(d.amount) for d in troubled],
                T("billing.col.status"): [T(f"billing.status.{d.status}") for d in troubled],
                T("billing.col.attempts"): [d.attempts for d in troubled],
                T("billing.col.error"): [d.last_error or "" for d in troubled],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    failed = [d.id for d in troubled if d.status == "failed"]
    if failed:
        pick, send, _ = st.columns([2, 1, 2], vertical_alignment="bottom")
        chosen = pick.selectbox(T("billing.pick"), failed, key=kept("finance_failed"))
        if send.button(T("billing.retry"), key="finance_retry"):
            outcome = attempt("retry_delivery")
            with outcome as session:
                retry_delivery(session=session, actor=actor, delivery_id=chosen)
            if outcome.ok:
                st.session_state[FLASH_KEY] = T("billing.retried", id=chosen)
                st.rerun()


def _field(held: dict) -> str:
    """The part of billing's row that failed (its details stay in the log and the row)."""
    return str(held.get("reason", "")).split(":", 1)[0][:40]


st.subheader(T("usage.held_heading"))
with db() as session:
    held_days = held_usage(session, actor)
if not held_days:
    st.caption(T("usage.held_none"))
else:
    st.caption(T("usage.held_help"))
    show_table(
        pd.DataFrame(
            {
                T("usage.col.day"): [format_date(d.day, current_lang()) for d in held_days],
                T("usage.col.imported"): [d.rows for d in held_days],
                T("usage.col.held"): [d.held for d in held_days],
                T("usage.col.reasons"): [
                    "; ".join(
                        sorted({T("usage.held_reason", field=_field(h)) for h in d.held_rows})
                    )
                    for d in held_days
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(T("credits.history"))
with db() as session:
    customers = link_names(session, [m.link_id for m in recent if m.link_id])
history_table(recent, customers, {p.id: f"{p.company} ({p.partner_code})" for p, _ in rows})
