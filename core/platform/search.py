"""Text folded for searching, the same way where it is written and where it is looked for."""

from __future__ import annotations

import unicodedata


def search_key(value: object) -> str:
    """Text folded for searching: case and Vietnamese diacritics ignored ("Việt" -> "viet")."""
    text = unicodedata.normalize("NFKD", str(value or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def application_search_text(email: object, company: object) -> str:
    """What the review queue's search looks in, folded once when an application is written."""
    return search_key(f"{email or ''}\n{company or ''}")


def partner_search_text(code: object, company: object, email: object) -> str:
    """What the Partners page's search looks in: partner ID, company and contact address."""
    return search_key(f"{code or ''}\n{company or ''}\n{email or ''}")
