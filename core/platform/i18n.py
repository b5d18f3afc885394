"""Every user-facing string, in English and Vietnamese, from one catalogue (core/platform/messages)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from core.platform.messages import CATALOGUE
from core.platform.workdays import local

LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_LANGUAGE = "en"


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (English when the language is unknown)."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def normalise_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def language_of_locale(locale: object) -> str | None:
    """The portal language for a browser locale such as ``vi-VN`` or ``en-GB``; None if neither."""
    if not isinstance(locale, str):
        return None
    primary = locale.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else None


MOMENT_FORMATS = {"en": "%a %d %b %Y, %H:%M (GMT+7)", "vi": "%H:%M, %d/%m/%Y (GMT+7)"}


def moment_format(lang: str) -> str:
    """strftime pattern for a local date and time in the reader's convention."""
    return MOMENT_FORMATS.get(lang, MOMENT_FORMATS[DEFAULT_LANGUAGE])


DATE_FORMATS = {"en": "%d %b %Y", "vi": "%d/%m/%Y"}


def format_date(day: date, lang: str) -> str:
    """A calendar date in the reader's convention (07 Dec 2026 / 07/12/2026)."""
    return day.strftime(DATE_FORMATS.get(lang, DATE_FORMATS[DEFAULT_LANGUAGE]))


def format_moment(moment: datetime, lang: str) -> str:
    """A local (Asia/Ho_Chi_Minh) date and time in the reader's convention."""
    return local(moment).strftime(moment_format(lang))


WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "vi": ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"),
}
DAY_END_FORMATS = {"en": "the end of {weekday} %d %b %Y", "vi": "cuối ngày {weekday}, %d/%m/%Y"}
DEADLINE_FORMATS = {"en": "%a %d %b %Y, %H:%M", "vi": "%H:%M, %d/%m/%Y"}


def format_deadline(moment: datetime, lang: str) -> str:
    """A due time in words, for a sentence that names Vietnam time once.

    A deadline at local midnight is the end of the day before ("the end of
    Wednesday 02 Dec 2026"), not the start of the next one; the instant is unchanged.
    """
    lang = normalise_language(lang)
    at = local(moment)
    if at.time() == time(0, 0):
        day = at - timedelta(days=1)
        pattern = DAY_END_FORMATS[lang].format(weekday=WEEKDAYS[lang][day.weekday()])
        return day.strftime(pattern)
    return at.strftime(DEADLINE_FORMATS[lang])
