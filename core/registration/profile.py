"""Validation of the partner company profile; each problem names its field."""

from __future__ import annotations

from dataclasses import dataclass

from core.platform.identity import verified_email
from core.platform.locale import LANGUAGES
from core.platform.phones import normalise_phone
from core.platform.text import has_hidden_characters, starts_like_formula

COMPANY_MIN, COMPANY_MAX = 2, 200


@dataclass(frozen=True)
class ProfileInput:
    company: str
    contact_email: str
    contact_phone: str
    language: str


class ProfileInvalid(ValueError):
    """Field name -> catalogue key of what is wrong with it."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__(problems)
        self.problems = problems


def contact_email(raw: str) -> str | None:
    """One deliverable-looking address a spreadsheet cannot mistake for a formula."""
    address = verified_email(raw.strip())
    if not address or starts_like_formula(address):
        return None
    return address


def clean_company_name(raw: str) -> str | None:
    """A company name on one line, 2–200 characters, nothing hidden, no formula."""
    company = " ".join(raw.split())
    if (
        not COMPANY_MIN <= len(company) <= COMPANY_MAX
        or has_hidden_characters(company)
        or starts_like_formula(company)
    ):
        return None
    return company


def checked(problems: dict[str, str], field: str, value, refusal: str):
    """``value`` as cleaned; None (unusable) records ``refusal`` under ``field``."""
    if value is None:
        problems[field] = refusal
    return value


def validate_profile(data: ProfileInput) -> ProfileInput:
    """The cleaned profile, or ProfileInvalid naming every bad field."""
    problems: dict[str, str] = {}
    company = checked(
        problems, "company", clean_company_name(data.company), "profile.error.company"
    )
    email = checked(
        problems, "contact_email", contact_email(data.contact_email), "profile.error.email"
    )
    phone = checked(
        problems, "contact_phone", normalise_phone(data.contact_phone), "profile.error.phone"
    )
    if data.language not in LANGUAGES:
        problems["language"] = "profile.error.language"
    if problems:
        raise ProfileInvalid(problems)
    return ProfileInput(
        company=company, contact_email=email, contact_phone=phone, language=data.language
    )
