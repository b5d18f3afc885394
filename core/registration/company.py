"""The company facts an applicant confirms: each field validated, each problem named.

The tax code is Vietnam's mã số thuế, checked (check digit included) by
python-stdnum's ``stdnum.vn.mst``; the phone follows the partner profile's rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError
from stdnum.vn import mst

from core.platform.phones import normalise_phone
from core.platform.text import (
    clean_line,
    has_hidden_characters,
    starts_like_formula,
    strip_controls,
)
from core.registration.profile import ProfileInvalid, checked, clean_company_name

if TYPE_CHECKING:
    from core.platform.settings import ClaimNames

DESCRIPTION_MAX = 500
WEBSITE_MAX = 200
FIELDS = ("legal_name", "tax_code", "website", "partner_type", "business_phone", "description")


@dataclass(frozen=True)
class CompanyFacts:
    legal_name: str = ""
    tax_code: str = ""
    website: str = ""
    partner_type: str = ""
    business_phone: str = ""
    description: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class CompanyInvalid(ProfileInvalid):
    """Field name -> catalogue key of what is wrong with it, for the company form."""


def tax_code_problem(raw: str) -> str | None:
    """None for a valid mã số thuế, else the catalogue key that says why it is not."""
    try:
        mst.validate(raw)
    except InvalidChecksum:
        return "company.error.tax_code_checksum"
    except InvalidLength:
        return "company.error.tax_code_length"
    except ValidationError:
        return "company.error.tax_code_format"
    return None


def tax_code_company(code: str) -> str:
    """The ten digits naming the company (a branch's 13-digit code starts with them)."""
    return mst.compact(code)[:10]


def normalise_website(raw: str) -> str | None:
    """An http(s) address with a host name; "acme.vn" becomes "https://acme.vn"."""
    value = raw.strip()
    if not value or len(value) > WEBSITE_MAX or has_hidden_characters(value) or " " in value:
        return None
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        return None
    labels = host.split(".")
    if (
        parts.scheme not in ("http", "https")
        or parts.username is not None
        or len(labels) < 2
        or not all(label and label.replace("-", "").isalnum() for label in labels)
        or labels[-1].isdigit()
    ):
        return None
    return value if len(value) <= WEBSITE_MAX else None


def validate_company(facts: CompanyFacts, partner_types: tuple[str, ...]) -> CompanyFacts:
    """The cleaned facts, or CompanyInvalid naming every bad field."""
    problems: dict[str, str] = {}
    legal_name = checked(
        problems, "legal_name", clean_company_name(facts.legal_name), "company.error.legal_name"
    )
    tax_problem = tax_code_problem(facts.tax_code)
    if tax_problem:
        problems["tax_code"] = tax_problem
    website = checked(
        problems, "website", normalise_website(facts.website), "company.error.website"
    )
    if facts.partner_type not in partner_types:
        problems["partner_type"] = "company.error.partner_type"
    phone = checked(
        problems, "business_phone", normalise_phone(facts.business_phone), "profile.error.phone"
    )
    description = checked(
        problems, "description", description_text(facts.description), "company.error.description"
    )
    if problems:
        raise CompanyInvalid(problems)
    return CompanyFacts(
        legal_name=legal_name,
        tax_code=mst.format(facts.tax_code),
        website=website,
        partner_type=facts.partner_type,
        business_phone=phone,
        description=description,
    )


def description_text(raw: str) -> str | None:
    """The optional description with line breaks kept; None when too long or unsafe."""
    if "\x00" in raw:
        return None
    text = strip_controls(raw, keep_newlines=True).strip()
    if len(text) > DESCRIPTION_MAX or starts_like_formula(text):
        return None
    return text


def prefill(claims: Mapping[str, Any], names: ClaimNames, fallback_company: str) -> CompanyFacts:
    """What the account service already knows, for the applicant to confirm or correct.

    Claims are untrusted: only display-safe text is taken, and everything is
    validated again when the applicant submits.
    """
    return CompanyFacts(
        legal_name=clean_line(claims.get(names.company), 200) or fallback_company,
        tax_code=clean_line(claims.get(names.tax_code), 20),
        website=clean_line(claims.get(names.website), WEBSITE_MAX),
        business_phone=clean_line(claims.get(names.phone), 30),
    )


def with_changes(facts: CompanyFacts, changes: Mapping[str, str]) -> CompanyFacts:
    return replace(facts, **{k: v for k, v in changes.items() if k in FIELDS})
