"""Untrusted text (claims, notes, profile fields, search terms) made safe to keep and show."""

from __future__ import annotations

import unicodedata

# Explicit direction marks, embeddings, overrides and isolates: they reorder
# what a reader sees (U+202E makes "gpj.exe" read "exe.jpg").
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# OWASP: a cell starting with one of these is a formula to a spreadsheet.
FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(value: str, *, keep_newlines: bool = False) -> str:
    """``value`` without control characters, bidi controls or line/paragraph separators."""
    kept = []
    for ch in value:
        if keep_newlines and ch == "\n":
            kept.append(ch)
        elif ch in BIDI_CONTROLS or ch in "\u2028\u2029" or unicodedata.category(ch) == "Cc":
            continue
        else:
            kept.append(ch)
    return "".join(kept)


def clean_line(value: object, max_length: int) -> str:
    """One line of display text from an untrusted value, within ``max_length``."""
    if not isinstance(value, str):
        return ""
    return " ".join(strip_controls(value).split())[:max_length]


def has_hidden_characters(value: str) -> bool:
    """True when ``value`` holds control, format or bidi characters a person cannot see."""
    return any(
        ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in value
    )


def starts_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_LEADERS)


def neutralise_cell(value: object) -> object:
    """A spreadsheet cell that can never run as a formula (OWASP CSV-injection rule)."""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value
