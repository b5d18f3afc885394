"""After the decision: withdraw, apply again, the partner profile and new Terms versions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from core.platform.clock import utcnow
from core.platform.errors import DomainError
from core.platform.identity import Identity, require_staff
from core.platform.models import OPEN_STATES, Account, Application, Partner, State
from core.platform.search import search_key
from core.platform.text import strip_controls
from core.platform.workdays import local_day_number
from core.registration.applications import submit_application
from core.registration.membership import require_partner
from core.registration.profile import ProfileInput, validate_profile
from core.registration.records import latest_application, record_event
from core.review.duties import refuse_own
from core.review.events import Step

if TYPE_CHECKING:
    from core.registration.company import CompanyFacts
    from core.registration.eligibility import AccountFactsSource
    from core.registration.terms import TermsCatalogue, TermsDocument


def withdraw(*, session: Session, identity: Identity, now: datetime | None = None) -> Application:
    """The applicant takes back a pending application; it leaves the queue at once."""
    now = now or utcnow()
    latest = latest_application(session, identity.sub)
    if latest is None or latest.state not in OPEN_STATES:
        raise DomainError("error.cannot_withdraw")
    was = latest.state
    changed = session.exec(
        update(Application)
        .where(Application.id == latest.id, Application.state == was)
        .values(
            state=State.WITHDRAWN,
            decided_at=now,
            decided_day=local_day_number(now),
            decided_by=identity.sub,
        )
    )
    if changed.rowcount != 1:
        raise DomainError("error.cannot_withdraw")
    session.refresh(latest)
    record_event(session, latest, Step("withdrawn", was, State.WITHDRAWN), identity, now)
    return latest


def reapply(
    *,
    session: Session,
    identity: Identity,
    facts_source: AccountFactsSource,
    terms: TermsDocument,
    accepted_sha256: str,
    language: str,
    company: CompanyFacts,
    now: datetime | None = None,
) -> Application:
    """A new application after a rejection or a withdrawal, once any cool-down has passed."""
    now = now or utcnow()
    latest = latest_application(session, identity.sub)
    if latest is None or latest.state not in (State.REJECTED, State.WITHDRAWN):
        raise DomainError("error.cannot_reapply")
    application, created = submit_application(
        session=session,
        identity=identity,
        facts_source=facts_source,
        terms=terms,
        accepted_sha256=accepted_sha256,
        language=language,
        company=company,
        now=now,
    )
    if not created:
        raise DomainError("error.cannot_reapply")
    return application


def update_partner_profile(
    *, session: Session, identity: Identity, profile: ProfileInput, now: datetime | None = None
) -> Partner:
    """Save the company profile; bad input raises ProfileInvalid and saves nothing.

    A new company name is the one thing GreenNode's emails show to customers in the
    partner's name: it waits for the partner team (``decide_name_change``), and the
    current name stays in use until then."""
    now = now or utcnow()
    partner, application = require_partner(session, identity)
    clean = validate_profile(profile)
    before = {
        "company": partner.company,
        "contact_email": partner.contact_email,
        "contact_phone": partner.contact_phone,
    }
    if clean.company != partner.company and clean.company != partner.pending_company:
        partner.pending_company = clean.company
        change = {"from": partner.company, "to": clean.company}
        record_event(session, application, "name_change_requested", identity, now, data=change)
    elif clean.company == partner.company:
        partner.pending_company = None  # asked back for the name in use
    partner.contact_email = clean.contact_email
    partner.contact_phone, partner.updated_at = clean.contact_phone, now
    account = session.get(Account, identity.sub)
    if account is not None:
        account.language = clean.language
        session.add(account)
    session.add(partner)
    update = {"before": before, "language": clean.language}
    record_event(session, application, "profile_updated", identity, now, data=update)
    return partner


def name_changes(session: Session, actor: Identity) -> list[Partner]:
    """The partner team: partners whose new company name waits for approval."""
    require_staff(actor)
    return list(
        session.exec(
            select(Partner)
            .where(col(Partner.pending_company).is_not(None))
            .order_by(col(Partner.updated_at))
        ).all()
    )


def decide_name_change(
    *,
    session: Session,
    actor: Identity,
    partner_id: int,
    approve: bool,
    now: datetime | None = None,
) -> Partner:
    """Approve (the new name is used from now on) or refuse a partner's new company name."""
    require_staff(actor)
    now = now or utcnow()
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise DomainError("partners.not_found")
    refuse_own(session, actor, {partner.account_sub})
    if partner.pending_company is None:
        raise DomainError("partners.no_name_change")
    application = session.get(Application, partner.application_id)
    old, new = partner.company, partner.pending_company
    if approve:
        partner.company = new
    partner.pending_company, partner.updated_at = None, now
    session.add(partner)
    kind = "name_change_approved" if approve else "name_change_refused"
    record_event(session, application, kind, actor, now, data={"from": old, "to": new})
    return partner


def terms_to_accept(partner: Partner, catalogue: TermsCatalogue, lang: str, today: date):
    """The Terms version in effect, when the partner has not accepted it yet."""
    current = catalogue.current(lang, today)
    return None if current.version == partner.terms_version else current


def accept_terms(
    *,
    session: Session,
    identity: Identity,
    terms: TermsDocument,
    accepted_sha256: str,
    now: datetime | None = None,
) -> Partner:
    """A partner accepts a new Terms version, recorded like the first acceptance."""
    now = now or utcnow()
    partner, application = require_partner(session, identity)
    if accepted_sha256 != terms.sha256:
        raise DomainError("error.terms_changed")
    partner.terms_version, partner.terms_sha256 = terms.version, terms.sha256
    partner.terms_language, partner.terms_accepted_at = terms.language, now
    partner.updated_at = now
    session.add(partner)
    accepted = {"sha256": terms.sha256, "language": terms.language}
    record_event(
        session, application, "terms_accepted", identity, now, note=terms.version, data=accepted
    )
    return partner


def _matching(search: str) -> list:
    """Partners whose ID, company or contact address holds ``search`` (case and Vietnamese
    diacritics ignored)."""
    needle = search_key(strip_controls(search).strip())[:200]
    return [col(Partner.search_text).contains(needle, autoescape=True)] if needle else []


def partner_count(session: Session, actor: Identity, search: str = "") -> int:
    require_staff(actor)
    return session.exec(select(func.count()).select_from(Partner).where(*_matching(search))).one()


def partners_overview(
    session: Session, actor: Identity, limit: int | None = None, search: str = ""
) -> list[dict]:
    """Staff: partners, newest first, with the Terms version each accepted."""
    require_staff(actor)
    query = select(Partner).where(*_matching(search)).order_by(col(Partner.id).desc())
    return [
        {
            "id": p.id,
            "partner_code": p.partner_code,
            "company": p.company,
            "contact_email": p.contact_email,
            "partner_since": p.partner_since,
            "terms_version": p.terms_version,
            "terms_accepted_at": p.terms_accepted_at,
        }
        for p in session.exec(query.limit(limit)).all()
    ]
