"""Company facts: each field's rule, with python-stdnum checking the tax code."""

import pytest

from core.registration.company import (
    CompanyFacts,
    CompanyInvalid,
    normalise_website,
    tax_code_company,
    tax_code_problem,
    validate_company,
)

TYPES = ("reseller", "referral", "technology", "managed_services")
GOOD = CompanyFacts(
    legal_name="  Acme   Việt Nam JSC ",
    tax_code="0312687878",
    website="acme.example.vn",
    partner_type="reseller",
    business_phone="028 3822 1234",
    description="Cloud reseller for retail.\nTwo offices.",
)


def test_valid_facts_are_cleaned():
    clean = validate_company(GOOD, TYPES)
    assert clean.legal_name == "Acme Việt Nam JSC"
    assert clean.website == "https://acme.example.vn"
    assert clean.business_phone == "+842838221234"
    assert clean.description == "Cloud reseller for retail.\nTwo offices."


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("0312687878", None),
        ("0312687878-001", None),
        ("0312 687 878", None),
        ("0312687879", "company.error.tax_code_checksum"),
        ("031268787", "company.error.tax_code_length"),
        ("03126878780", "company.error.tax_code_length"),
        ("03126A7878", "company.error.tax_code_format"),
        ("", "company.error.tax_code_length"),
    ],
)
def test_tax_codes_are_checked_by_stdnum_check_digit_included(code, problem):
    assert tax_code_problem(code) == problem


def test_a_branch_code_is_stored_in_its_written_form_and_names_its_company():
    clean = validate_company(CompanyFacts(**{**GOOD.as_dict(), "tax_code": "0312687878001"}), TYPES)
    assert clean.tax_code == "0312687878-001"
    assert tax_code_company(clean.tax_code) == "0312687878"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://acme.vn/about", "https://acme.vn/about"),
        ("acme.vn", "https://acme.vn"),
        ("http://xn--vit-nam-7va.vn", "http://xn--vit-nam-7va.vn"),
        ("javascript:alert(1)", None),
        ("ftp://acme.vn", None),
        ("https://user:pw@acme.vn", None),
        ("https://localhost", None),
        ("https://1.2.3.4", None),
        ("acme vn", None),
        ("https://acme.vn:abc", None),
        ("", None),
        ("https://" + "a" * 200 + ".vn", None),
    ],
)
def test_websites(raw, expected):
    assert normalise_website(raw) == expected


def test_every_bad_field_is_named_at_once():
    bad = CompanyFacts(
        legal_name="=HYPERLINK()",
        tax_code="0312687879",
        website="not a site",
        partner_type="spy",
        business_phone="12",
        description="x" * 501,
    )
    with pytest.raises(CompanyInvalid) as refused:
        validate_company(bad, TYPES)
    assert refused.value.problems == {
        "legal_name": "company.error.legal_name",
        "tax_code": "company.error.tax_code_checksum",
        "website": "company.error.website",
        "partner_type": "company.error.partner_type",
        "business_phone": "profile.error.phone",
        "description": "company.error.description",
    }


def test_the_description_is_optional():
    assert validate_company(CompanyFacts(**{**GOOD.as_dict(), "description": ""}), TYPES)
