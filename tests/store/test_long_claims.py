"""Claims at their longest still go all the way through approval (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlmodel import select

from core.platform.db import session_scope
from core.platform.demo import demo_claims
from core.platform.identity import identity_from_claims
from core.platform.models import Partner
from core.platform.settings import get_settings
from tests.factories import decided, submit


def approve_as_partner(engine, claims: dict) -> Partner:
    who = identity_from_claims({**demo_claims("eligible@acme.example"), **claims}, get_settings())
    with session_scope(engine) as session:
        application, _ = submit(session, who)
    decided(engine, application.id, approve=True)
    with session_scope(engine) as session:
        return session.exec(select(Partner)).one()


def test_an_account_with_a_250_character_email_and_no_company_can_be_approved(engine):
    email = "a" * 64 + "@" + ".".join(["b" * 60, "c" * 60, "d" * 55]) + ".example"
    assert 245 <= len(email) <= 254
    partner = approve_as_partner(engine, {"sub": "long", "email": email, "company": ""})
    assert partner.contact_email == email
    assert len(partner.company) <= 200


def test_a_300_character_company_claim_fits_every_column(engine):
    partner = approve_as_partner(engine, {"company": "Công ty " + "x" * 300})
    assert partner.company == ("Công ty " + "x" * 300)[:200]
