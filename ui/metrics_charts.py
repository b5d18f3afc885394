"""Altair charts for the metrics page; each takes the few rows its query returned."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import altair as alt
import pandas as pd

from core.platform.locale import locale_for, t
from core.registration.metrics import COHORT_BUCKETS, SLA_DAYS, Period, all_weeks
from ui.formatting import SLA_COLOURS

DECISION_COLOURS = {"approved": SLA_COLOURS["on_track"], "rejected": SLA_COLOURS["overdue"]}
FLOW_COLOURS = ("#2563eb", SLA_COLOURS["on_track"])  # received, decided: the same in every language
# Dates on axes in the reader's convention; numbers only in Vietnamese, so no English month names.
COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")  # counts of applications: whole numbers


def week_labels(weeks: pd.Series, period: Period, lang: str) -> pd.Series:
    """Each week (its Monday) as an axis label; a week the period cuts says it is partial,
    so a low count there is not read as a slow week."""

    def label(week) -> str:
        text = week.strftime(locale_for(lang).chart_date)
        partial = week < period.start or week + timedelta(days=6) > period.end
        return t("metrics.week_partial", lang, week=text) if partial else text

    return weeks.map(label)


def _week_axis(period: Period, lang: str) -> alt.X:
    # Ordinal, not temporal: one band per week, so bars are as wide as the chart allows
    # and labels name weeks, not days. Every chart of the period has every week of it, so
    # they start and end together (a week without applications is an empty band).
    weeks = week_labels(pd.Series(all_weeks(period), dtype="object"), period, lang)
    return alt.X(
        "week_label:O",
        sort=None,
        scale=alt.Scale(domain=list(weeks)),
        title=t("col.week", lang),
        axis=alt.Axis(labelAngle=-45, labelLimit=0),
    )


def _target_line(axis: str, value: float) -> alt.Chart:
    """A dashed line marking a goal or the SLA on one axis."""
    return (
        alt.Chart(pd.DataFrame({"target": [value]}))
        .mark_rule(color=SLA_COLOURS["overdue"], strokeDash=[6, 4])
        .encode(**{axis: "target:Q"})
    )


def flow(weekly: pd.DataFrame, period: Period, lang: str) -> tuple[alt.Chart, pd.DataFrame]:
    T = partial(t, lang=lang)
    series = [T("metrics.received"), T("metrics.decided")]
    data = weekly.rename(
        columns={"received": T("metrics.received"), "decided": T("metrics.decided")}
    ).assign(week_label=week_labels(weekly["week"], period, lang))
    long = data.melt(
        id_vars=["week_label"],
        value_vars=[T("metrics.received"), T("metrics.decided")],
        var_name="series",
        value_name="count",
    )
    chart = (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=_week_axis(period, lang),
            y=alt.Y("count:Q", title=T("col.applications"), axis=COUNT_AXIS),
            color=alt.Color(
                "series:N",
                title=T("col.series"),
                sort=series,
                scale=alt.Scale(domain=series, range=list(FLOW_COLOURS)),
            ),
            tooltip=[
                alt.Tooltip("week_label:O", title=T("col.week")),
                alt.Tooltip("series:N", title=T("col.series")),
                alt.Tooltip("count:Q", title=T("col.count")),
            ],
        )
    )
    return chart, weekly[["week", "received", "decided"]]


def compliance(
    weekly: pd.DataFrame, goal: float, period: Period, lang: str
) -> tuple[alt.Chart, pd.DataFrame]:
    T = partial(t, lang=lang)
    data = weekly[weekly["decided"] > 0][["week", "decided", "within_sla", "sla_share"]]
    labelled = data.assign(week_label=week_labels(data["week"], period, lang))
    bars = (
        alt.Chart(labelled)
        .mark_bar(color=SLA_COLOURS["on_track"])
        .encode(
            x=_week_axis(period, lang),
            y=alt.Y(
                "sla_share:Q",
                title=T("col.share"),
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            tooltip=[
                alt.Tooltip("week_label:O", title=T("col.week")),
                alt.Tooltip("sla_share:Q", title=T("metrics.within_sla"), format=".1%"),
                alt.Tooltip("within_sla:Q", title=T("metrics.within_sla")),
                alt.Tooltip("decided:Q", title=T("metrics.decided")),
            ],
        )
    )
    return bars + _target_line("y", goal), data


def distribution(frame: pd.DataFrame, lang: str) -> tuple[alt.Chart, pd.DataFrame]:
    T = partial(t, lang=lang)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("from_working_days:Q", bin="binned", title=T("col.working_days")),
            x2="to_working_days:Q",
            y=alt.Y("decisions:Q", title=T("metrics.decided"), axis=COUNT_AXIS),
            tooltip=[
                alt.Tooltip("from_working_days:Q", title=T("col.working_days")),
                alt.Tooltip("to_working_days:Q", title="–"),
                alt.Tooltip("decisions:Q", title=T("metrics.decided")),
            ],
        )
    )
    return bars + _target_line("x", SLA_DAYS), frame


def backlog(frame: pd.DataFrame, lang: str) -> tuple[alt.Chart, pd.DataFrame]:
    T = partial(t, lang=lang)
    data = frame.rename(columns={"backlog": T("col.backlog"), "overdue": T("col.overdue")})
    long = data.melt(id_vars=["day"], var_name="series", value_name="count")
    chart = (
        alt.Chart(long)
        .mark_line()
        .encode(
            x=alt.X("day:T", title=T("col.day"), axis=alt.Axis(format=locale_for(lang).chart_date)),
            y=alt.Y("count:Q", title=T("col.applications"), axis=COUNT_AXIS),
            color=alt.Color(
                "series:N",
                title=T("col.series"),
                scale=alt.Scale(
                    domain=[T("col.backlog"), T("col.overdue")],
                    range=[SLA_COLOURS["due_soon"], SLA_COLOURS["overdue"]],
                ),
            ),
            tooltip=[
                alt.Tooltip("day:T", title=T("col.day"), format=locale_for(lang).chart_date),
                alt.Tooltip("series:N", title=T("col.series")),
                alt.Tooltip("count:Q", title=T("col.count")),
            ],
        )
    )
    return chart, frame


def reviewers(frame: pd.DataFrame, lang: str) -> tuple[alt.Chart, pd.DataFrame]:
    T = partial(t, lang=lang)
    data = frame.assign(label=frame["decision"].map(lambda d: T(f"state.{d}")))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("reviewer:N", title=T("col.reviewer"), axis=alt.Axis(labelLimit=0)),
            x=alt.X("decisions:Q", stack="zero", title=T("metrics.decided"), axis=COUNT_AXIS),
            color=alt.Color(
                "label:N",
                title=T("col.decision"),
                scale=alt.Scale(
                    domain=[T("state.approved"), T("state.rejected")],
                    range=list(DECISION_COLOURS.values()),
                ),
            ),
            tooltip=[
                alt.Tooltip("reviewer:N", title=T("col.reviewer")),
                alt.Tooltip("label:N", title=T("col.decision")),
                alt.Tooltip("decisions:Q", title=T("col.count")),
            ],
        )
    )
    return chart, frame


def cohort_view(frame: pd.DataFrame, period: Period, lang: str) -> tuple[alt.Chart, pd.DataFrame]:
    T = partial(t, lang=lang)
    order = [T(f"cohort.{b}") for b in COHORT_BUCKETS]
    data = frame.assign(
        label=frame["bucket"].map(lambda b: T(f"cohort.{b}")),
        week_label=week_labels(frame["week"], period, lang),
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=_week_axis(period, lang),
            y=alt.Y("share:Q", stack="normalize", title=T("col.share"), axis=alt.Axis(format="%")),
            color=alt.Color(
                "label:N",
                title=T("col.bucket"),
                sort=order,
                scale=alt.Scale(domain=order, scheme="greenblue"),
            ),
            tooltip=[
                alt.Tooltip("week_label:O", title=T("col.week")),
                alt.Tooltip("label:N", title=T("col.bucket")),
                alt.Tooltip("applications:Q", title=T("col.applications")),
                alt.Tooltip("share:Q", title=T("col.share"), format=".1%"),
            ],
        )
    )
    return chart, frame
