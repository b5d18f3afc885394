"""A customer account: the partner's invitation, confirmed or declined by its root user."""

import streamlit as st
from sqlmodel import col, select

from core.messaging.quoting import their_words
from core.partners.customers import (
    confirm_invitation,
    decline_invitation,
    latest_link_as_customer,
    open_invitations,
)
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
    waiting = open_invitations(session, identity.sub)
    partners = {
        p.id: p
        for p in session.exec(
            select(Partner).where(col(Partner.id).in_([link.partner_id for link in waiting]))
        ).all()
    }
    latest = latest_link_as_customer(session, identity.sub) if not waiting else None
    latest_partner = session.get(Partner, latest.partner_id) if latest else None


def label_of(partner: Partner) -> str:
    """The partner's own name, quoted as its words and never a link, and its partner ID."""
    return f"{their_words(partner.company)} ({partner.partner_code})"


if not waiting:
    if latest is None:
        st.info(T("invitation.none"))
    else:
        st.info(
            T(
                "invitation.current",
                partner=md_escape(label_of(latest_partner)),
                state=T(f"customers.state.{latest.state}"),
            )
        )
    st.stop()

if len(waiting) > 1:
    st.markdown(T("invitation.choose", count=len(waiting)))
for link in waiting:
    label = label_of(partners[link.partner_id])
    with st.container(border=True, key=f"invitation_{link.id}"):
        st.markdown(
            T("invitation.body", partner=md_escape(label), role=T(f"customers.role.{link.role}"))
        )
        st.caption(T("invitation.expires", at=format_moment(link.expires_at, lang)))
        if link.needs_approval:
            st.caption(T("invitation.approval"))
        confirm, decline, _ = st.columns([1, 1, 2], gap="small")
        if confirm.button(
            T("invitation.confirm"), type="primary", key=f"invitation_confirm_{link.id}"
        ):
            outcome = attempt("confirm_invitation")
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
        if decline.button(T("invitation.decline"), key=f"invitation_decline_{link.id}"):
            outcome = attempt("decline_invitation")
            with outcome as session:
                decline_invitation(session=session, identity=identity, link_id=link.id)
            if outcome.ok:
                st.session_state[FLASH_KEY] = T("invitation.declined")
                st.rerun()
