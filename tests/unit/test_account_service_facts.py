"""Eligibility facts from GreenNode's account service, when one is configured."""

from __future__ import annotations

import pytest

from core.platform.demo import demo_claims
from core.platform.directory import DemoDirectory, HttpDirectory
from core.platform.errors import DomainError
from core.platform.identity import identity_from_claims
from core.platform.settings import Settings
from core.registration.eligibility import (
    SOURCE_ACCOUNT_SERVICE,
    ClaimsFactsSource,
    DirectoryFactsSource,
    evaluate,
)
from tests.e2e.stack import free_port

SETTINGS = Settings.from_env()


def facts(claims: dict, directory=None):
    source = DirectoryFactsSource(directory or DemoDirectory(), ClaimsFactsSource(SETTINGS.claims))
    return source.facts_for(identity_from_claims(claims, SETTINGS))


def test_the_account_service_answers_over_what_the_token_says():
    # The token claims Enterprise and no partner; the account service knows better.
    lying = {**demo_claims("personal@home.example"), "account_class": "enterprise"}
    result = evaluate(facts(lying))
    assert result.facts.source == SOURCE_ACCOUNT_SERVICE
    assert result.failures == ("not_enterprise",)
    customer = {**demo_claims("customer@client.example"), "partner_customer_of": None}
    assert evaluate(facts(customer)).failures == ("partner_customer",)


def test_an_eligible_account_is_eligible_by_the_account_service():
    result = evaluate(facts({**demo_claims("eligible@acme.example"), "account_class": None}))
    assert result.eligible and result.snapshot()["facts"]["source"] == SOURCE_ACCOUNT_SERVICE


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "someone-else", "email": "eligible@acme.example", "user_type": "root"},
        {"sub": "nobody@nowhere.example", "email": "nobody@nowhere.example", "user_type": "root"},
        {"sub": "eligible@acme.example", "email": "", "user_type": "root"},
    ],
)
def test_an_answer_about_another_account_or_none_is_unverifiable(claims):
    assert evaluate(facts(claims)).failures == ("unverifiable",)


def test_an_account_service_that_does_not_answer_says_so():
    down = HttpDirectory(f"http://127.0.0.1:{free_port()}", timeout=0.2, attempts=1)
    with pytest.raises(DomainError) as refused:
        facts(demo_claims("eligible@acme.example"), directory=down)
    assert refused.value.key == "eligibility.directory_down"
