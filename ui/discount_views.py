"""Tables of the discount pages: maximums, requests and the history of customers' discounts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.partners.discounts import percent as percent_in
from core.platform.i18n import format_date, format_moment
from core.platform.models import CustomerDiscount, DiscountRequest
from ui.context import T, current_lang
from ui.formatting import show_table


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
