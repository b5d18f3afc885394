"""Claims at their longest still go all the way through approval (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlmodel import select

from core.db import session_scope
from core.decisions import decide
from core.demo import demo_claims
from core.identity import identity_from_claims
from core.models import Partner
from core.settings import get_settings
from tests.factories import identity, submit


def test_an_account_with_a_250_character_email_and_no_company_can_be_approved(engine):
    email = "a" * 64 + "@" + ".".join(["b" * 60, "c" * 60, "d" * 55]) + ".example"
    assert 245 <= len(email) <= 254
    claims = {**demo_claims("eligible@acme.example"), "sub": "long", "email": email, "company": ""}
    who = identity_from_claims(claims, get_settings())
    assert who.email == email
    with session_scope(engine) as session:
        application, _ = submit(session, who)
        decide(
            session=session,
            actor=identity("reviewer@greennode.example"),
            application_id=application.id,
            approve=True,
        )
    with session_scope(engine) as session:
        partner = session.exec(select(Partner)).one()
    assert partner.contact_email == email
    assert len(partner.company) <= 200


def test_a_300_character_company_claim_fits_every_column(engine):
    who = identity("eligible@acme.example", company="Công ty " + "x" * 300)
    assert len(who.company) == 200
    with session_scope(engine) as session:
        application, _ = submit(session, who)
        decide(
            session=session,
            actor=identity("reviewer@greennode.example"),
            application_id=application.id,
            approve=True,
        )
    with session_scope(engine) as session:
        assert session.exec(select(Partner)).one().company == who.company
