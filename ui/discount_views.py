"""Tables of the discount pages: maximums, requests and the history of customers' discounts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.partners.discounts import REJECT_REASONS, REQUESTS, decide_request
from core.partners.discounts import percent as percent_in
from core.platform.identity import Identity
from core.platform.locale import format_date, format_deadline, format_moment
from core.platform.models import CustomerDiscount, DiscountRequest, DiscountRequestEvent, Partner
from ui.context import T, current_lang, db, md_escape
from ui.formatting import done_by, show_table
from ui.review_actions import owner_controls
from ui.review_desk import Desk, close_button, decision_buttons


def percent(bp: int | None) -> str:
    return percent_in(bp, current_lang())


def group_label(code: str) -> str:
    return T(f"service.{code}")


def groups_line(codes: list[str]) -> str:
    return ", ".join(group_label(code) for code in codes)


def maximums_table(maximums: dict[str, int]) -> None:
    show_table(
        pd.DataFrame(
            {
                T("discounts.col.group"): [group_label(g) for g in maximums],
                T("discounts.col.maximum"): [percent(bp) for bp in maximums.values()],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def decision_line(request: DiscountRequest) -> str:
    if request.state == "rejected":
        return T(f"discounts.reason.{request.reason_code or 'other'}")
    return ", ".join(f"{group_label(g)} {percent(bp)}" for g, bp in request.decision.items() if bp)


def requests_table(requests: list[DiscountRequest]) -> None:
    lang = current_lang()
    show_table(
        pd.DataFrame(
            {
                "#": [r.id for r in requests],
                T("discounts.col.submitted"): [
                    format_moment(r.submitted_at, lang) for r in requests
                ],
                T("discounts.col.group"): [groups_line(r.service_groups) for r in requests],
                T("discounts.col.state"): [T(f"discounts.state.{r.state}") for r in requests],
                T("discounts.col.decision"): [decision_line(r) for r in requests],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def history_table(versions: list[CustomerDiscount], names: dict[int, str]) -> None:
    """Who, when, old → new and from when, for every version (newest first)."""
    if not versions:
        st.caption(T("discounts.no_history"))
        return
    lang = current_lang()
    show_table(
        pd.DataFrame(
            {
                T("discounts.col.when"): [format_moment(v.at, lang) for v in versions],
                T("discounts.col.customer"): [
                    names.get(v.link_id, f"#{v.link_id}") for v in versions
                ],
                T("discounts.col.group"): [group_label(v.service_group) for v in versions],
                T("discounts.col.change"): [
                    f"{percent(v.previous_bp or 0)} → {percent(v.discount_bp)}" for v in versions
                ],
                T("discounts.col.from"): [format_date(v.effective_from, lang) for v in versions],
                T("discounts.col.cause"): [T(f"discounts.cause.{v.cause}") for v in versions],
                T("discounts.col.by"): [v.set_by for v in versions],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _decide(session, actor: Identity, request_id: int, approve: bool, instead_of, fields):
    return decide_request(
        session=session,
        actor=actor,
        request_id=request_id,
        maximums=fields["maximums"] if approve else {},
        reason_code=None if approve else fields["reason_code"],
        note=fields["note"],
        instead_of=instead_of,
    )


def _fields(actor: Identity, request: DiscountRequest, approve: bool) -> dict:
    maximums, reason = {}, None
    if approve:
        maximums = {
            group: st.text_input(
                T("discreq.maximum_for", group=group_label(group)),
                key=f"discreq_max_{group}",
                max_chars=6,
            )
            for group in request.service_groups
        }
    else:
        reason = st.radio(
            T("discreq.reason"),
            REJECT_REASONS,
            index=None,
            format_func=lambda r: T(f"discounts.reason.{r}"),
            key="decide_reason",
        )
    note = st.text_area(T("discreq.note"), key="decide_note", max_chars=1000)
    return {"maximums": maximums, "reason_code": reason, "note": note}


def _partner_name(request: DiscountRequest) -> str:
    with db() as session:
        partner = session.get(Partner, request.partner_id)
    return f"{partner.company} ({partner.partner_code})" if partner else ""


DESK = Desk(
    subject=REQUESTS,
    key="discreq",
    param="request",
    decide=_decide,
    fields=_fields,
    describe=lambda request: _partner_name(request),
    done_approved="discreq.decided",
    done_rejected="discreq.decided",
    confirm_approve="discreq.confirm_approve",
    confirm_reject="discreq.confirm_reject",
    pick_row="discreq.pick_row",
    close="desk.close",
)


def _history(events: list[DiscountRequestEvent], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            T("col.when"): [format_moment(e.at, lang) for e in events],
            T("col.event"): [T(f"discreq_event.{e.kind}") for e in events],
            T("col.by"): [done_by(e) for e in events],
            T("col.note"): [e.note or "" for e in events],
        }
    )


def render_request(
    actor: Identity,
    request: DiscountRequest,
    partner: Partner,
    events: list[DiscountRequestEvent],
) -> None:
    """One request: the partner, the groups, its reasons (as text), history and the decision."""
    lang = current_lang()
    heading, close = st.columns([5, 1], vertical_alignment="bottom")
    heading.subheader(T("discreq.detail", id=request.id))
    close_button(DESK, close)
    st.markdown(
        f"**{T('discreq.partner')}:** {md_escape(partner.company)} ({partner.partner_code})  \n"
        f"**{T('discounts.col.group')}:** {groups_line(request.service_groups)}  \n"
        f"**{T('links.col.due')}:** {format_deadline(request.due_at, lang)}"
    )
    st.markdown(f"**{T('discreq.justification')}**")
    st.text(request.justification)  # the partner's words, as text
    st.markdown(f"**{T('links.history')}**")
    show_table(_history(events, lang), hide_index=True, width="stretch")
    if request.state == REQUESTS.waiting:
        owner_controls(actor, request, REQUESTS, "discreq_assign")
    decision_buttons(DESK, actor, request)
