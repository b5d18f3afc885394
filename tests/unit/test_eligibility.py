import pytest

from core.platform.settings import get_settings
from core.registration.eligibility import ClaimsFactsSource, evaluate
from tests.factories import identity

SOURCE = ClaimsFactsSource(get_settings().claims)


def check(email: str, **overrides: object):
    return evaluate(SOURCE.facts_for(identity(email, **overrides)))


def test_eligible_account_passes_every_rule():
    result = check("eligible@acme.example")
    assert result.eligible
    assert result.passed == ("registered", "root_user", "enterprise", "not_partner_customer")


@pytest.mark.parametrize(
    ("email", "failure"),
    [
        ("personal@home.example", "not_enterprise"),
        ("iamuser@acme.example", "not_root"),
        ("customer@client.example", "partner_customer"),
    ],
)
def test_each_demo_account_fails_its_own_rule(email, failure):
    result = check(email)
    assert not result.eligible
    assert result.failures == (failure,)


def test_several_failures_are_all_reported():
    result = check("eligible@acme.example", user_type="iam", account_class="personal")
    assert result.failures == ("not_root", "not_enterprise")


@pytest.mark.parametrize(
    "overrides",
    [
        {"user_type": None},
        {"user_type": 42},
        {"user_type": "superuser"},
        {"account_class": ["enterprise"]},
        {"account_class": ""},
        {"partner_customer_of": {"id": 1}},
    ],
)
def test_malformed_claims_are_unverifiable_not_eligible(overrides):
    assert check("eligible@acme.example", **overrides).failures == ("unverifiable",)


def test_missing_claims_are_unverifiable():
    who = identity("eligible@acme.example")
    claims = {k: v for k, v in who.claims.items() if k not in ("partner_customer_of",)}
    stripped = type(who)(**{**who.__dict__, "claims": claims})
    assert evaluate(SOURCE.facts_for(stripped)).failures == ("unverifiable",)


def test_claim_names_come_from_configuration(monkeypatch):
    monkeypatch.setenv("CLAIM_ACCOUNT_CLASS", "gn_tier")
    get_settings.cache_clear()
    try:
        source = ClaimsFactsSource(get_settings().claims)
        who = identity("eligible@acme.example", gn_tier="enterprise", account_class="personal")
        assert evaluate(source.facts_for(who)).eligible
    finally:
        get_settings.cache_clear()


def test_snapshot_records_facts_and_outcome():
    snapshot = check("personal@home.example").snapshot()
    assert snapshot["eligible"] is False
    assert snapshot["failures"] == ["not_enterprise"]
    assert snapshot["facts"]["account_class"] == "personal"
