"""Managers: is the 3-working-day promise kept, how much comes in, who decides."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from core.platform.clock import utcnow
from core.platform.identity import Role
from core.platform.locale import format_date
from core.registration.metrics import Period
from ui.context import (
    T,
    current_lang,
    reader,
    require_role,
    settings,
    still_signed_in,
    through_home,
    today_local,
)
from ui.formatting import change_metric, local_strings, show_table
from ui.metrics_data import assignment_load_now, metrics_view, overdue_now

through_home()

actor = require_role(Role.MANAGER)
st.title(T("nav.metrics"))
lang = current_lang()
today = today_local()


# The period and everything measured over it rerun alone when the period changes:
# the navigation and the overdue list below are neither recomputed nor re-sent.
@st.fragment
def period_view() -> None:
    still_signed_in(Role.MANAGER)
    presets = {"4w": 28, "quarter": 91, "12m": 365}
    choice = st.segmented_control(
        T("metrics.period"),
        [*presets, "custom"],
        format_func=lambda key: T(f"metrics.period.{key}"),
        default="4w",
        key="metrics_period",
    )
    if choice == "custom":
        picked = st.date_input(
            T("metrics.range"),
            value=(today - timedelta(days=27), today),
            format=reader().date_input,
            key="metrics_range",
        )
        if len(picked) != 2 or picked[0] > picked[1]:
            st.warning(T("metrics.range_invalid"))
            return
        period = Period(picked[0], picked[1])
    else:
        period = Period(today - timedelta(days=presets[choice or "4w"] - 1), today)

    previous = period.previous()
    st.caption(
        T(
            "metrics.compared",
            start=format_date(period.start, lang),
            end=format_date(period.end, lang),
            prev_start=format_date(previous.start, lang),
            prev_end=format_date(previous.end, lang),
        )
    )
    view = metrics_view(settings().database_url, period, utcnow(), lang)
    board = view.board
    now, before = board.current, board.previous

    # Against a period with no applications at all, a change means nothing: say so instead.
    no_earlier = not before["received"] and not before["decided"]

    written = reader()

    def change(key: str, scale: float = 1.0) -> float | None:
        if no_earlier or now[key] is None or before[key] is None:
            return None
        return (now[key] - before[key]) * scale

    def percent(value) -> str:
        return "–" if value is None else written.share(value)

    def days(value) -> str:
        return "–" if value is None else written.decimal_number(value, 2)

    def count(key: str) -> str:
        return written.number(now[key])

    points = " " + T("metrics.points")
    row1 = st.columns(4)
    change_metric(row1[0], T("metrics.received"), count("received"), change("received"))
    change_metric(row1[1], T("metrics.decided"), count("decided"), change("decided"))
    change_metric(
        row1[2],
        T("metrics.approval_rate"),
        percent(now["approval_rate"]),
        change("approval_rate", 100),
        digits=1,
        unit=points,
    )
    change_metric(
        row1[3],
        T("metrics.within_sla"),
        percent(now["within_sla_share"]),
        change("within_sla_share", 100),
        digits=1,
        unit=points,
    )
    row2 = st.columns(4)
    for area, label, key in (
        (row2[0], "metrics.median", "median_working_days"),
        (row2[1], "metrics.p90", "p90_working_days"),
    ):
        change_metric(
            area,
            T(label),
            days(now[key]),
            change(key),
            digits=2,
            inverse=True,
            help=T("metrics.working_days_help"),
        )
    row2[2].metric(T("metrics.pending_now"), count("pending_now"))
    row2[3].metric(T("metrics.overdue_now"), count("overdue_now"))
    row3 = st.columns(4)
    change_metric(
        row3[0],
        T("metrics.info_request_rate"),
        percent(now["info_request_rate"]),
        change("info_request_rate", 100),
        digits=1,
        unit=points,
        inverse=True,
        help=T("metrics.info_request_rate_help"),
    )
    row3[1].metric(T("metrics.waiting_now"), count("waiting_now"))
    if no_earlier:
        st.caption(T("metrics.no_earlier"))

    for section in view.sections:
        st.subheader(T(f"metrics.{section.key}.title"))
        st.caption(T(f"metrics.{section.key}.caption", **section.caption_values))
        if section.spec is None:
            st.info(T("metrics.no_data"))
            continue
        st.vega_lite_chart(section.spec, width="stretch")
        st.download_button(
            T("metrics.download"),
            section.csv,
            file_name=f"{section.key}-{period.start}-{period.end}.csv",
            mime="text/csv",
            key=f"metrics_csv_{section.key}",
        )


period_view()

st.subheader(T("metrics.overdue.title"))
overdue = overdue_now(settings().database_url, utcnow())
if overdue.empty:
    st.success(T("metrics.overdue.none"))
else:
    show_table(
        pd.DataFrame(
            {
                T("col.id"): overdue["id"],
                T("col.email"): overdue["email"],
                T("col.company"): overdue["company"],
                T("col.submitted"): local_strings(overdue["submitted_at"], lang),
                T("col.due"): local_strings(overdue["due_at"], lang),
            }
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(T("metrics.load.title"))
st.caption(T("metrics.load.caption"))
load = assignment_load_now(settings().database_url, actor, utcnow())
show_table(
    pd.DataFrame(
        {
            T("col.assigned_to"): load["assigned_to"].fillna(T("metrics.load.unassigned")),
            T("metrics.load.open"): load["open"],
            T("sla.due_soon"): load["due_soon"],
            T("sla.overdue"): load["overdue"],
            T("queue.waiting"): load["waiting"],
        }
    ),
    hide_index=True,
    width="stretch",
)
