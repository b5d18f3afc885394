"""Every user-facing string, in English and Vietnamese, from one catalogue (core/messages)."""

from __future__ import annotations

from datetime import datetime

from core.messages import CATALOGUE
from core.workdays import local

LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT_LANGUAGE = "en"


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang`` (English when the language is unknown)."""
    entry = CATALOGUE[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def normalise_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


MOMENT_FORMATS = {"en": "%a %d %b %Y, %H:%M (GMT+7)", "vi": "%H:%M, %d/%m/%Y (GMT+7)"}


def moment_format(lang: str) -> str:
    """strftime pattern for a local date and time in the reader's convention."""
    return MOMENT_FORMATS.get(lang, MOMENT_FORMATS[DEFAULT_LANGUAGE])


def format_moment(moment: datetime, lang: str) -> str:
    """A local (Asia/Ho_Chi_Minh) date and time in the reader's convention."""
    return local(moment).strftime(moment_format(lang))
