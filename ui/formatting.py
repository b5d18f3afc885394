"""Display helpers shared by the staff pages."""

from __future__ import annotations

import pandas as pd

from core.i18n import format_moment
from core.sla import SlaState

SLA_COLOURS = {
    SlaState.ON_TRACK.value: "#1f9d55",
    SlaState.DUE_SOON.value: "#d97706",
    SlaState.OVERDUE.value: "#dc2626",
}


def moments(series: pd.Series, lang: str) -> pd.Series:
    return series.map(lambda v: format_moment(v.to_pydatetime(), lang) if pd.notna(v) else "")


def sla_style(labels: dict[str, str]):
    """A Styler function colouring the SLA column by state."""
    by_label = {labels[state]: colour for state, colour in SLA_COLOURS.items()}

    def colour(value: str) -> str:
        shade = by_label.get(value)
        return f"background-color: {shade}; color: white" if shade else ""

    return colour
