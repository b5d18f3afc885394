"""One Locale per language: its catalogue, and how it writes dates, times, numbers and money.

A language is two files under core/platform/locales/: `<code>.json` (name, date
and time patterns, weekday names, deadline wording, number separators) and
`<code>.messages.json` (every user-facing string). Adding a language is adding
those two files; nothing else indexes by a language code. A pseudo-language
(accented, 40 % longer) can be switched on with PSEUDO_LOCALE=1 to find strings
that bypass the catalogue and layouts that cut text off.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from core.platform.clock import local

LOCALE_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"
PSEUDO = "zz"


@dataclass(frozen=True)
class Locale:
    code: str
    name: str
    messages: Mapping[str, str]
    moment: str
    date: str
    deadline: str
    day_end: str
    weekdays: tuple[str, ...]
    chart_date: str
    thousands: str
    decimal: str
    # How a percentage is written around its number ("{value}%"), and the pattern of a
    # date picker ("DD/MM/YYYY").
    percent_pattern: str = "{value}%"
    date_input: str = "DD/MM/YYYY"

    def text(self, key: str, **values: object) -> str:
        """The message ``key``, with ``values`` filled in (KeyError for an unknown key).

        A ``count`` of exactly 1 takes ``<key>.one`` where the language has one (English
        "1 row was not added"; Vietnamese needs no singular)."""
        if values.get("count") == 1 and f"{key}.one" in self.messages:
            key = f"{key}.one"
        message = self.messages[key]
        return message.format(**values) if values else message

    def format_date(self, day: date) -> str:
        return day.strftime(self.date)

    def format_moment(self, moment: datetime) -> str:
        """A local (Asia/Ho_Chi_Minh) date and time."""
        return local(moment).strftime(self.moment)

    def format_deadline(self, moment: datetime) -> str:
        """A due time in words, for a sentence that names Vietnam time once.

        A deadline at local midnight is the end of the day before ("the end of
        Wednesday 02 Dec 2026"), not the start of the next one; the instant is unchanged.
        """
        at = local(moment)
        if at.time() == time(0, 0):
            day = at - timedelta(days=1)
            return day.strftime(self.day_end.format(weekday=self.weekdays[day.weekday()]))
        return at.strftime(self.deadline)

    def number(self, value: int) -> str:
        """A whole number with its thousands grouped: 5,000,000 / 5.000.000."""
        return f"{value:,}".replace(",", self.thousands)

    def decimal_number(self, value: float, digits: int = 1) -> str:
        """A decimal number: 72.7 / 72,7 (thousands grouped too)."""
        grouped = f"{value:,.{digits}f}"
        return grouped.replace(",", "\0").replace(".", self.decimal).replace("\0", self.thousands)

    def signed(self, value: float, digits: int = 0) -> str:
        """A change with its sign: +1,234 / −0.25 (a zero has no sign)."""
        text = self.decimal_number(abs(value), digits) if digits else self.number(round(abs(value)))
        rounded = round(value, digits)
        return text if rounded == 0 else ("+" if rounded > 0 else "−") + text

    def percent(self, basis_points: int) -> str:
        """Basis points as a percentage with at most two decimals: 1250 -> 12.5% / 12,5%."""
        text = f"{basis_points / 100:.2f}".rstrip("0").rstrip(".")
        return self.percent_pattern.format(value=text.replace(".", self.decimal))

    def share(self, fraction: float, digits: int = 1) -> str:
        """A fraction as a percentage: 0.727 -> 72.7% / 72,7%."""
        return self.percent_pattern.format(value=self.decimal_number(fraction * 100, digits))


def _load(code: str) -> Locale:
    formats = json.loads((LOCALE_DIR / f"{code}.json").read_text(encoding="utf-8"))
    messages = json.loads((LOCALE_DIR / f"{code}.messages.json").read_text(encoding="utf-8"))
    return Locale(
        code=code,
        name=formats["name"],
        messages=messages,
        moment=formats["moment"],
        date=formats["date"],
        deadline=formats["deadline"],
        day_end=formats["day_end"],
        weekdays=tuple(formats["weekdays"]),
        chart_date=formats["chart_date"],
        thousands=formats["thousands"],
        decimal=formats["decimal"],
        percent_pattern=formats["percent"],
        date_input=formats["date_input"],
    )


# What the pseudo-language must leave alone: placeholders, link targets, icons, URLs,
# addresses and strftime directives.
PROTECTED = re.compile(
    r"\{[^{}]*\}|\]\([^)]*\)|:[a-z_-]+/[a-z_]+:|:[a-z]+-badge\[|https?://\S+|\S+@\S+|%[a-zA-Z]"
)
ACCENTED = str.maketrans(
    "abcdeghiklmnoprstuwyzABCDEGHIKLMNOPRSTUWYZ",
    "ȧƀçđêğĥîķłɱñöƥŕšŧûŵýžÅƁÇĐÊĞĤÎĶŁṀÑÖƤŔŠŦÛŴÝŽ",
)


def pseudo_text(text: str) -> str:
    """⟦Ŧĥê ŕêṽîêŵ ɋûêûê ··⟧: accented, about 40 % longer, protected parts untouched."""
    if not text:
        return text
    out, last = [], 0
    for match in PROTECTED.finditer(text):
        out.append(text[last : match.start()].translate(ACCENTED))
        out.append(match.group(0))
        last = match.end()
    out.append(text[last:].translate(ACCENTED))
    padding = "·" * max(2, round(len(text) * 0.4))
    return f"⟦{''.join(out)} {padding}⟧"


def pseudo_locale(base: Locale) -> Locale:
    return replace(
        base,
        code=PSEUDO,
        name="Ƥšêûđö",
        messages={key: pseudo_text(text) for key, text in base.messages.items()},
        weekdays=tuple(pseudo_text(day) for day in base.weekdays),
        day_end=pseudo_text(base.day_end),
        moment="%d.%m.%Y %H:%M " + pseudo_text("(Vietnam time)"),
        date="%d.%m.%Y",
        deadline="%d.%m.%Y %H:%M",
        thousands=" ",
        decimal=",",
    )


@cache
def locales() -> dict[str, Locale]:
    """Every language the portal speaks, by code: the files under locales/, and the
    pseudo-language when PSEUDO_LOCALE is set."""
    found = {
        path.name.split(".")[0]: _load(path.name.split(".")[0])
        for path in sorted(LOCALE_DIR.glob("*.json"))
        if not path.name.endswith(".messages.json")
    }
    ordered = {DEFAULT_LANGUAGE: found.pop(DEFAULT_LANGUAGE), **found}
    if os.environ.get("PSEUDO_LOCALE", "").strip().lower() in ("1", "true", "yes"):
        ordered[PSEUDO] = pseudo_locale(ordered[DEFAULT_LANGUAGE])
    return ordered


def written_languages() -> list[str]:
    """The languages with files of their own (the Terms and emails exist in each)."""
    return [code for code in locales() if code != PSEUDO]


def locale_for(code: object) -> Locale:
    """The locale of ``code``, or the default language's for anything else."""
    return locales().get(code if isinstance(code, str) else "", locales()[DEFAULT_LANGUAGE])


# The reader's language, by code: what pages, emails and use cases call.


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
