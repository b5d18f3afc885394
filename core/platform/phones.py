"""Phone numbers: checked and stored in one form (E.164), shown as people write them.

Parsing, validation and formatting are the ``phonenumbers`` library's (Google's
libphonenumber data): a number without a country code is Vietnamese.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

REGION = "VN"
# What a typed number may hold besides digits: spaces, dots, dashes, brackets, a plus.
TYPED = re.compile(r"[\d\s.\-()+]{1,40}")


def _parsed(raw: str):
    try:
        return phonenumbers.parse(raw, REGION)
    except NumberParseException:
        return None


def normalise_phone(raw: str) -> str | None:
    """A valid number in E.164 (+84912345678), or None for anything else."""
    text = raw.strip()
    if not TYPED.fullmatch(text):
        return None
    number = _parsed(text)
    if number is None or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def phone_for_reading(stored: str | None) -> str:
    """A stored number grouped as people read it: Vietnamese numbers in the national form
    (024 3936 5678), others in the international one (+44 20 7946 0958)."""
    if not stored:
        return ""
    number = _parsed(stored)
    if number is None or not phonenumbers.is_valid_number(number):
        return stored
    national = phonenumbers.region_code_for_number(number) == REGION
    style = PhoneNumberFormat.NATIONAL if national else PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)
