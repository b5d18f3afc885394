"""What the applicant reads when the provider's claims say something the portal must act on."""

from __future__ import annotations

from core.platform.demo import demo_claims
from tests.app.helpers import app_as, apply_now, texts

UNVERIFIED = "Your email address is not verified at GreenNode"


def test_an_unverified_email_is_not_used_and_the_applicant_is_told_to_verify_it(app_env):
    at = app_as(claims={**demo_claims("eligible@acme.example"), "email_verified": False})
    assert not at.exception
    assert UNVERIFIED in texts(at)
    assert not [b for b in at.button if b.key == "apply_submit"]


def test_a_verified_email_applies_and_the_status_page_says_the_sign_in_answered(app_env):
    at = app_as(claims={**demo_claims("eligible@acme.example"), "email_verified": True})
    assert UNVERIFIED not in texts(at)
    assert "Your account's facts were checked with your GreenNode sign-in." in texts(at)
    apply_now(at)
    at.switch_page("pages/status.py").run()
    assert "**Checked with:** your GreenNode sign-in" in texts(at)


def test_a_missing_partner_customer_of_claim_means_none(app_env):
    claims = {k: v for k, v in demo_claims("eligible@acme.example").items()}
    del claims["partner_customer_of"]
    at = app_as(claims=claims)
    assert "Your account meets every requirement to apply." in texts(at)
    assert "We could not verify your account information" not in texts(at)
