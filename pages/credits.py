"""A partner's credit: its balance, its customers' credit, a top-up with a confirmation step."""

import pandas as pd
import streamlit as st

from core.money.billing import pending_by_link
from core.money.ledger import (
    Limits,
    customer_balances,
    movements,
    own_balance,
    same_top_up_recently,
    top_up,
    top_up_amount,
)
from core.platform.clock import utcnow
from core.platform.errors import DomainError
from core.platform.locale import format_moment
from core.registration.membership import require_partner
from ui.context import (
    T,
    current_lang,
    db,
    md_escape,
    require_applicant,
    settings,
    show_domain_error,
    through_home,
)
from ui.formatting import show_table
from ui.kept import kept
from ui.money import confirm_step, history_table, new_attempt, vnd

through_home()

REVIEW_KEY = "credits_review"
FLASH_KEY = "credits_flash"

identity = require_applicant()
st.title(T("credits.heading"))
try:
    with db() as session:
        own_partner_id = require_partner(session, identity)[0].id
        balance = own_balance(session, identity)
        customers = customer_balances(session, identity)
        pending = pending_by_link(session, [link.id for link, _ in customers])
        recent = movements(session, identity)
except DomainError as error:
    show_domain_error(error)
    st.stop()
st.caption(T("credits.intro"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)
st.metric(T("credits.balance"), T("credits.vnd", amount=vnd(balance)))

names = {link.id: link.friendly_name or link.customer_email for link, _ in customers}
st.subheader(T("credits.customers"))
if not customers:
    st.info(T("credits.no_active"))
else:
    show_table(
        pd.DataFrame(
            {
                T("credits.col.customer"): [names[link.id] for link, _ in customers],
                T("customers.email"): [link.customer_email for link, _ in customers],
                T("credits.col.topped_total"): [vnd(amount) for _, amount in customers],
                T("credits.col.pending"): [vnd(pending.get(link.id, 0)) for link, _ in customers],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(T("credits.pending_help"))

    st.subheader(T("credits.topup_heading"))
    limits = Limits.configured(settings())
    review = st.session_state.get(REVIEW_KEY)
    if review is None:
        link_id = st.selectbox(
            T("credits.customer"),
            list(names),
            format_func=names.get,
            key=kept("credits_customer"),
            persist_state="page",
        )
        amount = st.text_input(
            T("credits.amount"),
            key=kept("credits_amount"),
            persist_state="page",
            max_chars=30,
            help=T("credits.limits", minimum=vnd(limits.minimum), maximum=vnd(limits.maximum)),
        )
        note = st.text_input(
            T("credits.note"), key=kept("credits_note"), persist_state="page", max_chars=500
        )
        if st.button(T("credits.review"), type="primary", key="credits_review_button"):
            try:
                value = top_up_amount(amount, limits, balance)
            except DomainError as error:
                show_domain_error(error)
            else:
                new_attempt("credits")
                st.session_state[REVIEW_KEY] = (link_id, value, note)
                st.rerun()
    else:
        link_id, value, note = review
        with db() as session:
            made = same_top_up_recently(session, own_partner_id, link_id, value, utcnow())
        again = False
        if made is not None:
            st.warning(
                T(
                    "credits.same_recently_question",
                    amount=vnd(value),
                    customer=md_escape(names.get(link_id, "")),
                    at=format_moment(made.at, current_lang()),
                )
            )
            again = st.checkbox(T("credits.again"), key="credits_again")
        summary = T(
            "credits.confirm_text",
            amount=vnd(value),
            customer=md_escape(names.get(link_id, "")),
            before=vnd(balance),
            after=vnd(balance - value),
        )
        confirm_step(
            "credits",
            "top_up",
            ("credits_customer", "credits_amount", "credits_note", "credits_again"),
            summary,
            T("credits.confirm"),
            lambda session, key: top_up(
                session=session,
                identity=identity,
                link_id=link_id,
                amount=value,
                note=note,
                idempotency_key=key,
                again=again,
            ),
            T("credits.topped_up", amount=vnd(value), customer=md_escape(names[link_id])),
        )

st.subheader(T("credits.history"))
history_table(recent, names)
