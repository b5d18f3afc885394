"""Every user-facing string and format, through the reader's Locale (core/platform/locale.py)."""

from __future__ import annotations

from datetime import date, datetime

from core.platform.locale import DEFAULT_LANGUAGE, locale_for, locales

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "has_text", "t"]


def _languages() -> dict[str, str]:
    return {code: locale.name for code, locale in locales().items()}


LANGUAGES = _languages()


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (the default language's when the language lacks it)."""
    locale = locale_for(lang)
    if key not in locale.messages:
        locale = locale_for(DEFAULT_LANGUAGE)
    return locale.text(key, **values)


def has_text(key: str) -> bool:
    return key in locale_for(DEFAULT_LANGUAGE).messages


def normalise_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def language_of_locale(locale: object) -> str | None:
    """The portal language for a browser locale such as ``vi-VN`` or ``en-GB``; None if neither."""
    if not isinstance(locale, str):
        return None
    primary = locale.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else None


def moment_format(lang: str) -> str:
    """strftime pattern for a local date and time in the reader's convention."""
    return locale_for(lang).moment


def format_date(day: date, lang: str) -> str:
    """A calendar date in the reader's convention (07 Dec 2026 / 07/12/2026)."""
    return locale_for(lang).format_date(day)


def format_moment(moment: datetime, lang: str) -> str:
    """A local (Asia/Ho_Chi_Minh) date and time in the reader's convention."""
    return locale_for(lang).format_moment(moment)


def format_deadline(moment: datetime, lang: str) -> str:
    """A due time in words (the end of a day where it falls at midnight)."""
    return locale_for(lang).format_deadline(moment)


def format_number(value: int, lang: str) -> str:
    return locale_for(lang).number(value)
