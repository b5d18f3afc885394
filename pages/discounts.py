"""A partner's discounts: approved maximums, a request, customers' discounts and their history."""

from datetime import timedelta

import streamlit as st

from core.money.ledger import customer_balances
from core.partners.customers import customers_of
from core.partners.discounts import (
    discount_history,
    maximums_of,
    request_discounts,
    requests_of,
    set_customer_discount,
)
from core.platform.errors import DomainError
from core.platform.locale import format_date, format_deadline
from core.platform.service_groups import SERVICE_CODES
from core.registration.membership import require_partner
from ui.context import (
    T,
    attempt,
    current_lang,
    db,
    md_escape,
    reader,
    require_applicant,
    show_domain_error,
    through_home,
    today_local,
)
from ui.discount_views import (
    group_label,
    groups_line,
    history_table,
    maximums_table,
    percent,
    requests_table,
)
from ui.kept import kept

through_home()

FLASH_KEY = "discounts_flash"

identity = require_applicant()
lang = current_lang()
today = today_local()
st.title(T("discounts.heading"))
try:
    with db() as session:
        require_partner(session, identity)
        maximums = maximums_of(session, identity, today)
        requests = requests_of(session, identity)
        customers = [link for link, _ in customer_balances(session, identity)]
        everyone = customers_of(session, identity)
        history = discount_history(session, identity)
except DomainError as error:
    show_domain_error(error)
    st.stop()
st.caption(T("discounts.intro"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

st.subheader(T("discounts.maximums"))
if maximums:
    maximums_table(maximums)
else:
    st.info(T("discounts.no_maximums"))

st.subheader(T("discounts.register"))
waiting = next((r for r in requests if r.state == "pending"), None)
if waiting is not None:
    st.info(
        T(
            "discounts.waiting",
            groups=groups_line(waiting.service_groups),
            due=format_deadline(waiting.due_at, lang),
        )
    )
else:
    groups = st.multiselect(
        T("discounts.groups"),
        list(SERVICE_CODES),
        format_func=group_label,
        placeholder=T("discounts.groups_placeholder"),
        key=kept("discounts_groups"),
    )
    why = st.text_area(T("discounts.justification"), key="discounts_why", max_chars=1000)
    if st.button(T("discounts.send"), type="primary", key="discounts_send"):
        outcome = attempt("request_discounts")
        with outcome as session:
            request_discounts(session=session, identity=identity, groups=groups, justification=why)
        if outcome.ok:
            st.session_state[FLASH_KEY] = T("discounts.sent")
            st.rerun()
if requests:
    st.markdown(f"**{T('discounts.requests')}**")
    requests_table(requests)

st.subheader(T("discounts.set_heading"))
names = {link.id: link.friendly_name or link.customer_email for link in everyone}
if not customers or not maximums:
    st.caption(T("discounts.need_active"))
else:
    left, middle = st.columns(2)
    link_id = left.selectbox(
        T("discounts.customer"),
        [link.id for link in customers],
        format_func=names.get,
        key=kept("discounts_customer"),
    )
    group = middle.selectbox(
        T("discounts.group"),
        list(maximums),
        format_func=lambda g: f"{group_label(g)} (≤ {percent(maximums[g])})",
        key=kept("discounts_group"),
    )
    left, middle = st.columns(2)
    value = left.text_input(T("discounts.percent"), key="discounts_percent", max_chars=10)
    tomorrow = today + timedelta(days=1)
    day = middle.date_input(
        T("discounts.from"),
        value=tomorrow,
        min_value=tomorrow,
        format=reader().date_input,
        key="discounts_from",
        help=T("discounts.from_help"),
    )
    if st.button(T("discounts.save"), type="primary", key="discounts_save"):
        outcome = attempt("set_customer_discount")
        with outcome as session:
            version = set_customer_discount(
                session=session,
                identity=identity,
                link_id=link_id,
                group=group,
                discount=value,
                effective_from=day,
            )
        if outcome.ok:
            st.session_state[FLASH_KEY] = T(
                "discounts.saved",
                customer=md_escape(names[link_id]),
                group=group_label(group),
                percent=percent(version.discount_bp),
                day=format_date(version.effective_from, lang),
            )
            st.rerun()

st.subheader(T("discounts.history"))
shown_for = st.selectbox(
    T("discounts.customer"),
    [None, *names],
    format_func=lambda i: T("discounts.all_customers") if i is None else names[i],
    key=kept("discounts_history_customer"),
)
if shown_for is not None:
    with db() as session:
        history = discount_history(session, identity, link_id=shown_for)
history_table(history, names)
