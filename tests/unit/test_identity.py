"""Claims are validated at the boundary; roles come only from the staff sign-in."""

from __future__ import annotations

import pytest

from core.platform.demo import demo_claims
from core.platform.identity import Role, identity_from_claims
from core.platform.settings import get_settings

MANAGER = demo_claims("manager@greennode.example")
APPLICANT = demo_claims("eligible@acme.example")


def identity(claims):
    return identity_from_claims(claims, get_settings())


def test_the_staff_sign_in_with_a_listed_group_grants_the_role():
    assert identity(MANAGER).roles == {Role.APPLICANT, Role.MANAGER}


@pytest.mark.parametrize("provider", ["root", "default", "", None, "Staff", "staff "])
def test_any_other_sign_in_never_grants_a_role_whatever_its_groups(provider):
    claims = {**MANAGER, "groups": ["partner-managers", "partner-reviewers"]}
    claims["provider"] = provider
    assert identity(claims).roles == {Role.APPLICANT}


@pytest.mark.parametrize(
    "groups",
    [
        "partner-managers",
        ["partner-managers", 7],
        [["partner-managers"]],
        {"partner-managers": True},
        ("partner-managers",),
        ["Partner-Managers"],
        ["partner-managers "],
    ],
)
def test_groups_must_be_a_list_of_exactly_matching_strings(groups):
    assert identity({**MANAGER, "groups": groups}).roles == {Role.APPLICANT}


@pytest.mark.parametrize(
    "email",
    [
        "a@x.example, victim@y.example",
        "a@x.example;victim@y.example",
        "victim@y.example\r\nBcc: a@x.example",
        "x\u2028y@a.example",
        "\u202eelpmaxe.x@a",
        "not-an-address",
        "a@" + "b" * 250 + ".example",
        ["a@x.example"],
        42,
    ],
)
def test_an_unusable_email_claim_makes_the_identity_unverifiable(email):
    assert identity({**APPLICANT, "email": email}) is None


def test_a_missing_email_claim_is_allowed_and_empty():
    claims = {k: v for k, v in APPLICANT.items() if k != "email"}
    assert identity(claims).email == ""


def test_display_claims_lose_hidden_characters_and_fit_their_columns():
    who = identity(
        {
            **APPLICANT,
            "name": "Nguy\u202eễn\u0000 Văn\u2066 An",
            "company": "Acme\u200f " + "x" * 400,
        }
    )
    assert who.name == "Nguyễn Văn An"
    assert who.company.startswith("Acme x") and len(who.company) == 200
    assert "\u200f" not in who.company


@pytest.mark.parametrize("sub", ["", "   ", "a\u202eb", "a\u0000b", "x" * 256, 12])
def test_an_unusable_subject_makes_the_identity_unverifiable(sub):
    assert identity({**APPLICANT, "sub": sub}) is None


def test_issued_at_is_read_from_the_token():
    who = identity({**APPLICANT, "iat": 1_800_000_000})
    assert who.issued_at is not None and who.issued_at.year == 2027
    assert identity({**APPLICANT, "iat": "yesterday"}).issued_at is None
