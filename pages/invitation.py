"""A customer account: the partner's invitation, confirmed or declined by its root user."""

import streamlit as st

from core.partners.customers import confirm_invitation, decline_invitation, latest_link_as_customer
from core.platform.locale import format_moment
from core.platform.models import LinkState, Partner
from ui.context import (
    T,
    account_directory,
    attempt,
    current_lang,
    db,
    facts_source,
    md_escape,
    require_applicant,
    through_home,
)

through_home()

FLASH_KEY = "invitation_flash"

identity = require_applicant()
lang = current_lang()
st.title(T("invitation.heading"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

with db() as session:
    link = latest_link_as_customer(session, identity.sub)
    partner = session.get(Partner, link.partner_id) if link else None
if link is None:
    st.info(T("invitation.none"))
    st.stop()
label = f"{partner.company} ({partner.partner_code})"
if link.state != LinkState.INVITED:
    st.info(
        T("invitation.current", partner=md_escape(label), state=T(f"customers.state.{link.state}"))
    )
    st.stop()

st.markdown(
    T(
        "invitation.body",
        partner=md_escape(label),
        role=T(f"customers.role.{link.role}"),
    )
)
st.caption(T("invitation.expires", at=format_moment(link.expires_at, lang)))
if link.needs_approval:
    st.caption(T("invitation.approval"))

confirm, decline, _ = st.columns([1, 1, 6], gap="small")
if confirm.button(T("invitation.confirm"), type="primary", key="invitation_confirm"):
    outcome = attempt()
    with outcome as session:
        done = confirm_invitation(
            session=session,
            identity=identity,
            link_id=link.id,
            directory=account_directory(),
            facts_source=facts_source(session),
        )
    if outcome.ok:
        active = done.state == LinkState.ACTIVE
        st.session_state[FLASH_KEY] = (
            T("invitation.active", partner=md_escape(label))
            if active
            else T("invitation.confirmed")
        )
        st.rerun()
if decline.button(T("invitation.decline"), key="invitation_decline"):
    outcome = attempt()
    with outcome as session:
        decline_invitation(session=session, identity=identity, link_id=link.id)
    if outcome.ok:
        st.session_state[FLASH_KEY] = T("invitation.declined")
        st.rerun()
