"""Partner team: partners' discount requests by due time; decide per service group; all history."""

import pandas as pd
import streamlit as st

from core.partners.customers import link_names
from core.partners.discounts import (
    REJECT_REASONS,
    assign_request,
    change_maximum,
    decide_request,
    discount_history,
    discount_queue,
)
from core.platform.errors import DomainError
from core.platform.i18n import format_deadline, format_moment
from core.platform.identity import Role
from core.platform.service_groups import SERVICE_CODES
from core.registration.partnership import partners_overview
from ui.context import (
    T,
    current_lang,
    db,
    md_escape,
    require_role,
    show_domain_error,
    through_home,
    today_local,
)
from ui.discount_views import group_label, groups_line, history_table
from ui.formatting import show_table
from ui.review_actions import owner_choice, owner_controls

through_home()

FLASH_KEY = "discreq_flash"

actor = require_role(Role.REVIEWER, Role.MANAGER)
lang = current_lang()
st.title(T("discreq.heading"))
st.caption(T("discreq.intro"))
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

owner = owner_choice("discreq_owner")
with db() as session:
    rows = discount_queue(session, actor, owner=owner)
if not rows:
    st.info(T("discreq.empty"))
else:
    show_table(
        pd.DataFrame(
            {
                "#": [r.id for r, _ in rows],
                T("discreq.partner"): [f"{p.company} ({p.partner_code})" for _, p in rows],
                T("discounts.col.group"): [groups_line(r.service_groups) for r, _ in rows],
                T("discounts.col.submitted"): [
                    format_moment(r.submitted_at, lang) for r, _ in rows
                ],
                T("links.col.due"): [format_deadline(r.due_at, lang) for r, _ in rows],
                T("links.col.assignee"): [r.assigned_to or "—" for r, _ in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    by_id = {r.id: (r, p) for r, p in rows}
    picked = st.selectbox(
        T("discreq.open"),
        list(by_id),
        index=None,
        format_func=lambda i: f"#{i}",
        key="discreq_pick",
    )
    if picked is not None:
        request, partner = by_id[picked]
        st.subheader(T("discreq.detail", id=request.id))
        st.markdown(
            f"**{T('discreq.partner')}:** {md_escape(partner.company)} ({partner.partner_code})  \n"
            f"**{T('discounts.col.group')}:** {groups_line(request.service_groups)}  \n"
            f"**{T('links.col.due')}:** {format_deadline(request.due_at, lang)}"
        )
        st.markdown(f"**{T('discreq.justification')}**")
        st.text(request.justification)  # the partner's words, as text

        owner_controls(
            actor,
            request,
            lambda session, who, assignee, seen, request=request: assign_request(
                session=session,
                actor=who,
                request_id=request.id,
                assignee=assignee,
                seen=seen,
            ),
            "discreq_assign",
        )
        maximums = {
            group: st.text_input(
                T("discreq.maximum_for", group=group_label(group)),
                key=f"discreq_max_{group}",
                max_chars=6,
            )
            for group in request.service_groups
        }
        reason = st.selectbox(
            T("discreq.reason"),
            REJECT_REASONS,
            index=None,
            format_func=lambda r: T(f"discounts.reason.{r}"),
            placeholder=T("discreq.reason_choose"),
            key="discreq_reason",
        )
        note = st.text_area(T("discreq.note"), key="discreq_note", max_chars=1000)
        instead = None
        if request.assigned_to not in (None, actor.sub) and st.checkbox(
            T("links.instead_of", who=md_escape(request.assigned_to)), key="discreq_instead"
        ):
            instead = request.assigned_to
        if st.button(T("discreq.decide"), type="primary", key="discreq_decide"):
            try:
                with db() as session:
                    decide_request(
                        session=session,
                        actor=actor,
                        request_id=request.id,
                        maximums=maximums,
                        reason_code=reason,
                        note=note,
                        instead_of=instead,
                    )
            except DomainError as error:
                show_domain_error(error)
            else:
                st.session_state[FLASH_KEY] = T("discreq.decided")
                st.rerun()

with st.expander(T("discreq.change_max")):
    with db() as session:
        partners = {
            p["id"]: f"{p['company']} ({p['partner_code']})"
            for p in partners_overview(session, actor)
        }
    partner_id = st.selectbox(
        T("discreq.partner"), list(partners), format_func=partners.get, key="discreq_max_partner"
    )
    left, middle, right = st.columns(3)
    group = left.selectbox(
        T("discounts.group"), list(SERVICE_CODES), format_func=group_label, key="discreq_max_group"
    )
    value = middle.text_input(T("discreq.new_max"), key="discreq_max_value", max_chars=6)
    day = right.date_input(
        T("discounts.from"),
        value=today_local(),
        min_value=today_local(),
        format="DD/MM/YYYY",
        key="discreq_max_from",
    )
    if partner_id is not None and st.button(T("discreq.apply_max"), key="discreq_max_apply"):
        try:
            with db() as session:
                capped = change_maximum(
                    session=session,
                    actor=actor,
                    partner_id=partner_id,
                    group=group,
                    maximum=value,
                    effective_from=day,
                )
        except DomainError as error:
            show_domain_error(error)
        else:
            st.session_state[FLASH_KEY] = T("discreq.max_set", count=capped)
            st.rerun()

st.subheader(T("discreq.all_history"))
with db() as session:
    history = discount_history(session, actor)
    names = link_names(session, [v.link_id for v in history])
history_table(history, names)
