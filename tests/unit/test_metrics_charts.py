"""The metrics charts: the same colours in every language, weeks as weeks, no English in Vietnamese."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from core.registration.metrics import Period
from ui import metrics_charts as charts

# Thursday 05 Nov to Wednesday 02 Dec 2026: the first and last weeks are cut by the period.
PERIOD = Period(date(2026, 11, 5), date(2026, 12, 2))
WEEKLY = pd.DataFrame(
    {
        "week": [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 30)],
        "received": [3, 10, 12, 4],
        "decided": [2, 9, 11, 5],
        "within_sla": [2, 8, 11, 5],
        "sla_share": [1.0, 8 / 9, 1.0, 1.0],
    }
)
ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def spec(chart) -> dict:
    return chart.properties(width="container").to_dict()


def test_received_and_decided_keep_their_colours_in_both_languages():
    scales = {}
    for lang in ("en", "vi"):
        colour = spec(charts.flow(WEEKLY, PERIOD, lang)[0])["encoding"]["color"]
        scales[lang] = colour["scale"]["range"]
        assert colour["scale"]["domain"][0] in ("Received", "Đã nhận")
    assert scales["en"] == scales["vi"]


def test_weeks_are_bands_and_cut_weeks_say_partial():
    labels = list(charts.week_labels(WEEKLY["week"], PERIOD, "en"))
    assert labels == ["02 Nov (partial)", "09 Nov", "16 Nov", "30 Nov (partial)"]
    for chart in (
        charts.flow(WEEKLY, PERIOD, "en")[0],
        charts.compliance(WEEKLY, 0.95, PERIOD, "en")[0],
    ):
        text = json.dumps(spec(chart), default=str)
        assert '"week_label"' in text and '"type": "ordinal"' in text


def test_vietnamese_charts_carry_no_english_month_names():
    labels = " ".join(charts.week_labels(WEEKLY["week"], PERIOD, "vi"))
    assert "chưa trọn tuần" in labels
    assert not any(month in labels for month in ENGLISH_MONTHS)
    backlog = pd.DataFrame(
        {"day": pd.to_datetime(["2026-11-05", "2026-11-06"]), "backlog": [3, 4], "overdue": [0, 1]}
    )
    axis = spec(charts.backlog(backlog, "vi")[0])["encoding"]["x"]["axis"]
    assert axis["format"] == "%d/%m"
