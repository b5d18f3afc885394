"""A partner's customers: the list, add customer accounts, cancel or end a link, CSV."""

import streamlit as st

from core.partners.customers import customers_of
from core.platform.errors import DomainError
from core.platform.models import LinkState
from core.registration.membership import require_partner
from ui.context import (
    T,
    current_lang,
    db,
    require_applicant,
    show_domain_error,
    through_home,
)
from ui.customer_views import (
    FLASH_KEY,
    add_customers_form,
    customers_csv,
    customers_frame,
    manage_links,
)
from ui.formatting import show_table
from ui.kept import kept

through_home()


identity = require_applicant()
lang = current_lang()
st.title(T("customers.heading"))
try:
    with db() as session:
        require_partner(session, identity)
except DomainError as error:
    show_domain_error(error)
    st.stop()
st.caption(T("customers.intro"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

st.subheader(T("customers.list_heading"))
states = [state.value for state in LinkState]
left, right = st.columns([2, 3])
chosen = left.multiselect(
    T("customers.filter_state"),
    states,
    format_func=lambda s: T(f"customers.state.{s}"),
    placeholder=T("customers.filter_all"),
    key=kept("customers_states"),
)
search = right.text_input(T("customers.search"), key="customers_search", max_chars=200)
with db() as session:
    everything = customers_of(session, identity)
    links = customers_of(session, identity, states=chosen, search=search)
if not everything:
    st.info(T("customers.none"))
elif not links:
    st.info(T("customers.none_match"))
else:
    frame = customers_frame(links, lang)
    show_table(frame, hide_index=True, width="stretch")
    st.download_button(
        T("customers.download"),
        customers_csv(frame),
        file_name="customers.csv",
        mime="text/csv",
        key="customers_csv",
    )

if everything:
    manage_links(identity, everything)
add_customers_form(identity)
