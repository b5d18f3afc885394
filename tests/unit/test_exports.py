"""Exports and tables never carry a live spreadsheet formula; the profile refuses one."""

from __future__ import annotations

import pandas as pd
import pytest

from core.platform.text import neutralise_cell
from core.registration.profile import ProfileInput, ProfileInvalid, validate_profile
from ui.formatting import spreadsheet_safe

LEADERS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("https://evil.example")']


@pytest.mark.parametrize("value", LEADERS)
def test_formula_leading_cells_are_defused(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Acme JSC", "a=b", "", "Đặng Thị Ánh", 12, None, 1.5])
def test_ordinary_cells_are_untouched(value):
    assert neutralise_cell(value) == value


def test_every_text_column_of_a_table_is_defused_and_numbers_stay_numbers():
    frame = pd.DataFrame(
        {"company": ["=1+1", "Acme"], "email": ["@x", "a@b.example"], "age": [1.5, -2.0]}
    )
    safe = spreadsheet_safe(frame)
    assert list(safe["company"]) == ["'=1+1", "Acme"]
    assert list(safe["email"]) == ["'@x", "a@b.example"]
    assert list(safe["age"]) == [1.5, -2.0]
    csv = safe.to_csv(index=False)
    assert "\n=" not in csv and ",=" not in csv and ",@" not in csv


@pytest.mark.parametrize(
    ("field", "company", "email"),
    [
        ("company", "=1+1", "sales@acme.vn"),
        ("company", "+84 Holdings", "sales@acme.vn"),
        ("company", "@acme", "sales@acme.vn"),
        ("company", "Acme\u202e JSC", "sales@acme.vn"),
        ("contact_email", "Acme JSC", "=1+1@evil.example"),
        ("contact_email", "Acme JSC", "-x@evil.example"),
        ("contact_email", "Acme JSC", "a@x.example, b@y.example"),
        ("contact_email", "Acme JSC", "a@x\u2028.example"),
    ],
)
def test_the_profile_refuses_formulas_and_hidden_characters(field, company, email):
    with pytest.raises(ProfileInvalid) as invalid:
        validate_profile(ProfileInput(company, email, "0912345678", "en"))
    assert field in invalid.value.problems


def test_a_normal_profile_passes_with_the_address_normalised():
    clean = validate_profile(ProfileInput("  Acme   JSC ", "Sales@ACME.VN", "0912345678", "vi"))
    assert clean.company == "Acme JSC"
    assert clean.contact_email == "sales@acme.vn"
