"""Small helpers that build identities and applications for tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime

from sqlmodel import Session

from core.platform.db import session_scope
from core.platform.demo import demo_claims
from core.platform.identity import Identity, identity_from_claims
from core.platform.models import Application
from core.platform.paths import PROJECT_ROOT
from core.platform.settings import Settings, get_settings
from core.registration.applications import submit_application
from core.registration.company import CompanyFacts, prefill, tax_code_problem
from core.registration.decisions import decide
from core.registration.eligibility import ClaimsFactsSource
from core.registration.profile import clean_company_name
from core.registration.terms import TermsDocument, load_terms


def settings() -> Settings:
    return get_settings()


def identity(email: str, **overrides: object) -> Identity:
    claims = {**demo_claims(email), **overrides}
    found = identity_from_claims(claims, settings())
    assert found is not None
    return found


def synthetic_identity(n: int) -> Identity:
    claims = {
        **demo_claims("eligible@acme.example"),
        "sub": f"applicant{n}@company{n}.example",
        "email": f"applicant{n}@company{n}.example",
        "company": f"Company {n} JSC",
    }
    found = identity_from_claims(claims, settings())
    assert found is not None
    return found


VALID_TAX_CODE = "0312687878"


def company_facts(who: Identity, **overrides: str) -> CompanyFacts:
    """The company form as an applicant confirms it: the account's facts, made valid."""
    facts = prefill(who.claims, settings().claims, who.company)
    if tax_code_problem(facts.tax_code):
        facts = replace(facts, tax_code=VALID_TAX_CODE)
    if clean_company_name(facts.legal_name) is None:
        facts = replace(facts, legal_name="Demo Company JSC")
    return replace(
        facts,
        website=facts.website or "https://example.com",
        business_phone=facts.business_phone or "+84 28 3822 0000",
        partner_type="reseller",
        **overrides,
    )


def current_terms(lang: str = "en") -> TermsDocument:
    return load_terms(settings().terms_dir).current(lang, date(2026, 6, 1))


def submit(
    session: Session, who: Identity, *, lang: str = "en", now: datetime | None = None
) -> tuple[Application, bool]:
    terms = current_terms(lang)
    return submit_application(
        session=session,
        identity=who,
        facts_source=ClaimsFactsSource(settings().claims),
        terms=terms,
        accepted_sha256=terms.sha256,
        language=lang,
        company=company_facts(who),
        now=now,
    )


def applied(engine, email: str, **kwargs) -> Application:
    """A submitted application of the demo account ``email``."""
    with session_scope(engine) as session:
        return submit(session, identity(email), **kwargs)[0]


def decided(
    engine,
    application_id: int,
    *,
    approve: bool,
    reviewer: str = "reviewer@greennode.example",
    reason_code: str = "other",
    note: str | None = None,
    now: datetime | None = None,
) -> Application:
    """Approve or reject through the real use case."""
    with session_scope(engine) as session:
        return decide(
            session=session,
            actor=identity(reviewer),
            application_id=application_id,
            approve=approve,
            reason_code=None if approve else reason_code,
            note=note if note is not None or approve else "Rejected for the purpose of a test.",
            now=now,
        )


def approved_partner(engine, email: str = "eligible@acme.example", **kwargs) -> Application:
    """``email`` applies and is approved: an approved partner."""
    return decided(engine, applied(engine, email).id, approve=True, **kwargs)


def worker_process(database_url: str, smtp_port: int, **env: str) -> subprocess.Popen:
    """A real `python -m core worker` process delivering to ``smtp_port``."""
    return subprocess.Popen(
        [sys.executable, "-m", "core", "worker", "--poll", "0.2"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "SMTP_PORT": str(smtp_port), **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def partner_with_customers(engine, partner: str = "partner@reseller.example") -> tuple[int, int]:
    """``partner`` approved, with knowncustomer active and newcustomer only invited: link ids."""
    from core.partners.customers import InviteRow, confirm_invitation, invite_customers
    from core.platform.directory import DemoDirectory

    approved_partner(engine, partner)
    with session_scope(engine) as session:
        active, invited = (
            o.link_id
            for o in invite_customers(
                session=session,
                identity=identity(partner),
                rows=[
                    InviteRow("knowncustomer@bakery.example"),
                    InviteRow("newcustomer@retail.example"),
                ],
                directory=DemoDirectory(),
            )
        )
    with session_scope(engine) as session:
        confirm_invitation(
            session=session,
            identity=identity("knowncustomer@bakery.example"),
            link_id=active,
            directory=DemoDirectory(),
            facts_source=ClaimsFactsSource(settings().claims),
        )
    return active, invited


def granted(engine, amount: int, *, partner_id: int = 1, key: str = "factory-grant-1"):
    """Finance grants ``amount`` VND to a partner (against a made-up invoice)."""
    from core.money.ledger import grant_credit

    with session_scope(engine) as session:
        return grant_credit(
            session=session,
            actor=identity("finance@greennode.example"),
            partner_id=partner_id,
            amount=amount,
            reference=f"INV-{key}"[:80],
            idempotency_key=key,
        )


def topped_up(
    engine, link_id: int, key: str, amount: int = 100_000, partner: str = "partner@reseller.example"
):
    """The partner tops up ``link_id`` with ``amount`` VND (another top-up of the same amount
    meant, not a mistaken repeat)."""
    from core.money.ledger import Limits, top_up

    with session_scope(engine) as session:
        return top_up(
            session=session,
            identity=identity(partner),
            link_id=link_id,
            amount=amount,
            note="",
            idempotency_key=key,
            limits=Limits(1_000, 10_000_000),
            again=True,
        )
