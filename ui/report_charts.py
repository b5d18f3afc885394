"""Altair charts and tables of a partner's monthly report (a few rows per customer each)."""

from __future__ import annotations

from functools import partial

import altair as alt
import pandas as pd

from core.money.reports import MonthReport
from core.platform.locale import locale_for, t


def vnd_axis(lang: str) -> alt.Axis:
    """Whole VND with thousands grouped (the chart's locale writes the separator)."""
    return alt.Axis(format=",d")


def as_text(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with every amount as text in the reader's convention, for the screen."""
    number = locale_for(lang).number
    return frame.assign(
        **{
            str(c): frame[c].map(number)
            for c in frame.columns
            if pd.api.types.is_integer_dtype(frame[c])
        }
    )


def group_frame(report: MonthReport, lang: str) -> pd.DataFrame:
    """Per customer and service group: gross, discount and revenue in VND (what the CSV holds)."""
    T = partial(t, lang=lang)
    return pd.DataFrame(
        {
            T("reports.col.customer"): [
                report.names.get(r[0], f"#{r[0]}") for r in report.by_group
            ],
            T("reports.col.group"): [T(f"service.{r[1]}") for r in report.by_group],
            T("reports.col.gross"): [r[2] for r in report.by_group],
            T("reports.col.discount"): [r[3] for r in report.by_group],
            T("reports.col.revenue"): [r[4] for r in report.by_group],
        }
    )


def credits_frame(report: MonthReport, lang: str) -> pd.DataFrame:
    T = partial(t, lang=lang)
    return pd.DataFrame(
        {
            T("reports.col.customer"): [report.names.get(r[0], f"#{r[0]}") for r in report.credits],
            T("reports.col.topped_up"): [r[1] for r in report.credits],
            T("reports.col.used"): [r[2] for r in report.credits],
        }
    )


def stacked(frame: pd.DataFrame, value: str, lang: str) -> alt.Chart:
    """One bar per customer, stacked by service group, with every number in the tooltip."""
    T = partial(t, lang=lang)
    customer, group = T("reports.col.customer"), T("reports.col.group")
    amounts = [c for c in frame.columns if c not in (customer, group)]
    shown = as_text(frame[amounts], lang).add_suffix(" ")  # text twins for the tooltip
    data = pd.concat([frame, shown], axis=1)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{customer}:N", sort="-y", title=customer),
            y=alt.Y(f"sum({value}):Q", title=f"{value}", axis=vnd_axis(lang)),
            color=alt.Color(f"{group}:N", title=group),
            tooltip=[
                alt.Tooltip(f"{customer}:N"),
                alt.Tooltip(f"{group}:N"),
                *[alt.Tooltip(f"{c} :N", title=c) for c in amounts],
            ],
        )
        .properties(height=280)
    )


def credits_chart(frame: pd.DataFrame, lang: str) -> alt.Chart:
    """Topped up against used, side by side for each customer."""
    T = partial(t, lang=lang)
    customer = T("reports.col.customer")
    long = frame.melt(id_vars=[customer], var_name=T("reports.col.series"), value_name="VND")
    long["amount"] = as_text(long[["VND"]], lang)["VND"]
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X(f"{customer}:N", title=customer),
            xOffset=alt.XOffset(f"{T('reports.col.series')}:N"),
            y=alt.Y("VND:Q", axis=vnd_axis(lang)),
            color=alt.Color(f"{T('reports.col.series')}:N", title=T("reports.col.series")),
            tooltip=[
                alt.Tooltip(f"{customer}:N"),
                alt.Tooltip(f"{T('reports.col.series')}:N"),
                alt.Tooltip("amount:N", title="VND"),
            ],
        )
        .properties(height=280)
    )
