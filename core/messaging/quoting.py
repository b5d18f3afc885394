"""Words a partner wrote, shown in GreenNode's emails as theirs and never as a link.

A partner names its company and writes reasons; GreenNode's emails carry them to
customers. Such text is kept on one line, cut to a length, quoted (“…”), and anything a
mail client would turn into a link is defanged (``https[:]//evil[.]example``), so a
name like "GreenNode Security - verify at https://…" reads as the partner's words.
"""

from __future__ import annotations

import re

from core.platform.text import clean_line

SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,15})://")
DOT_IN_NAME = re.compile(r"(?<=[0-9A-Za-z])\.(?=[A-Za-z]{2,})")
AT_IN_ADDRESS = re.compile(r"(?<=[0-9A-Za-z])@(?=[0-9A-Za-z])")


def defanged(text: str) -> str:
    """``text`` with schemes, host-name dots and address signs broken for link finders."""
    text = SCHEME.sub(r"\1[:]//", text)
    text = AT_IN_ADDRESS.sub("[at]", text)
    return DOT_IN_NAME.sub("[.]", text)


def their_words(text: object, limit: int = 200) -> str:
    """Partner-written text, quoted and defanged, on one line of at most ``limit``."""
    line = clean_line(text, limit)
    return f"“{defanged(line)}”" if line else "“”"


def their_note(text: object, limit: int = 1000) -> str:
    """A partner's longer note (line breaks kept), defanged; quoting is the template's."""
    kept = "\n".join(clean_line(part, limit) for part in str(text or "").splitlines())
    return defanged(kept.strip())[:limit]
