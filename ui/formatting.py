"""Display helpers shared by the staff pages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.platform.clock import LOCAL_TZ
from core.platform.locale import has_text, locale_for, moment_format
from core.platform.sla import SlaState
from core.platform.text import neutralise_cell
from ui.context import T, current_lang

SLA_COLOURS = {
    SlaState.ON_TRACK.value: "#1f9d55",
    SlaState.DUE_SOON.value: "#d97706",
    SlaState.OVERDUE.value: "#dc2626",
}


def rule_line(met: bool, label: str, met_word: str, not_met_word: str) -> str:
    """One eligibility rule as markdown: a badge that says the outcome in words, then the rule."""
    if met:
        return f":green-badge[:material/check_circle: {met_word}] {label}"
    return f":red-badge[:material/cancel: {not_met_word}] {label}"


def local_strings(series: pd.Series, lang: str) -> pd.Series:
    """Vectorised format_moment for a column of UTC timestamps (empty where missing)."""
    stamps = pd.to_datetime(series, utc=True).dt.tz_convert(LOCAL_TZ)
    return stamps.dt.strftime(moment_format(lang)).fillna("")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that a spreadsheet would run as a formula defused."""
    text_columns = [
        c
        for c in frame.columns
        if frame[c].dtype == object or str(frame[c].dtype) in ("string", "str")
    ]
    if not text_columns:
        return frame
    return frame.assign(**{str(c): frame[c].map(neutralise_cell) for c in text_columns})


def show_table(frame: pd.DataFrame, area=None, **options):
    """st.dataframe (in ``area``, a column or container) whose toolbar download can never
    carry a live formula; returns what st.dataframe returns (a selection, when asked)."""
    return (area or st).dataframe(spreadsheet_safe(frame), **options)


def change_metric(
    area,
    label: str,
    value: str,
    change: float | None,
    *,
    digits: int = 0,
    unit: str = "",
    inverse: bool = False,
    help: str | None = None,
) -> None:
    """A figure with its change from the period before, in the reader's numbers: an arrow
    up or down (green where that is good), and none for no change."""
    if change is None:
        area.metric(label, value, help=help)
        return
    written = locale_for(current_lang())
    size = (
        written.decimal_number(abs(change), digits)
        if digits
        else written.number(round(abs(change)))
    )
    if round(change, digits) == 0:
        area.metric(label, value, size + unit, delta_color="off", delta_arrow="off", help=help)
        return
    # Streamlit reads the direction from a leading ASCII minus.
    sign = "-" if change < 0 else "+"
    colour = "inverse" if inverse else "normal"
    area.metric(label, value, sign + size + unit, delta_color=colour, help=help)


def done_by(event) -> str:
    """Who did an event, with their role in the reader's words: "an@x.vn (partner)"."""
    key = f"actor.{event.actor_role}"
    role = T(key) if has_text(key) else event.actor_role
    return f"{event.actor_sub} ({role})"


def chart_config(lang: str) -> dict:
    """A chart's configuration in the reader's numbers (Vega's locale): 1,234.5 / 1.234,5."""
    written = locale_for(lang)
    number = {"decimal": written.decimal, "thousands": written.thousands, "grouping": [3]}
    return {"locale": {"number": {**number, "currency": ["", ""]}}}
