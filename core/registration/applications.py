"""Applicant use cases: submit, and read where an application stands."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from core.messaging.notifications import EMAIL_FOR_STATE, enqueue_email
from core.platform.accounts import sync_account
from core.platform.clock import utcnow
from core.platform.errors import DomainError, NotEligible, NotYet
from core.platform.models import ACTIVE_STATES, Application, OutboxMessage, State
from core.platform.queries import latest
from core.platform.settings import settings_of
from core.platform.workdays import CALENDAR_VERSION, due_at, local_day_number
from core.registration import eligibility as rules
from core.registration.company import CompanyFacts, validate_company
from core.registration.records import latest_application, record_event
from core.review.events import Step

if TYPE_CHECKING:
    from core.platform.identity import Identity
    from core.platform.settings import Settings
    from core.registration.terms import TermsDocument

SUBMITTED = Step("submitted", None, State.PENDING)


def active_application(session: Session, account_sub: str) -> Application | None:
    return session.exec(
        select(Application).where(
            Application.account_sub == account_sub, col(Application.state).in_(ACTIVE_STATES)
        )
    ).first()


APPLICATION_WINDOW = timedelta(hours=24)


def applications_limit_until(
    session: Session, account_sub: str, now: datetime, limit: int
) -> datetime | None:
    """When the account may submit again, if it used up its applications for a rolling 24 h."""
    recent = session.exec(
        select(Application.submitted_at)
        .where(
            Application.account_sub == account_sub,
            col(Application.submitted_at) > now - APPLICATION_WINDOW,
        )
        .order_by(col(Application.submitted_at).desc())
        .limit(limit)
    ).all()
    if len(recent) < limit:
        return None
    return min(recent) + APPLICATION_WINDOW


def application_wait(
    session: Session, account_sub: str, now: datetime | None = None
) -> NotYet | None:
    """Why the account may not submit a new application yet (cool-down or rate limit)."""
    now = now or utcnow()
    previous = latest_application(session, account_sub)
    available = reapply_available_at(previous, settings_of(session)) if previous else None
    if available is not None and now < available:
        return NotYet("error.cooldown", available)
    limited = applications_limit_until(
        session, account_sub, now, settings_of(session).applications_per_day
    )
    if limited is not None:
        return NotYet("error.too_many_applications", limited)
    return None


def reapply_available_at(application: Application, settings: Settings) -> datetime | None:
    """When a rejected applicant may apply again (None: now)."""
    days = settings.reapply_cooldown_days
    if application.state != State.REJECTED or days <= 0 or application.decided_at is None:
        return None
    return application.decided_at + timedelta(days=days)


def submit_application(
    *,
    session: Session,
    identity: Identity,
    facts_source: rules.AccountFactsSource,
    terms: TermsDocument,
    accepted_sha256: str,
    language: str,
    company: CompanyFacts,
    now: datetime | None = None,
) -> tuple[Application, bool]:
    """Submit the account's application; returns it and whether it is new.

    Pressing the button twice, in two tabs or on two servers yields the same
    application: the database's unique index on active applications decides.
    Company facts that do not validate raise CompanyInvalid; nothing is written.
    """
    now = now or utcnow()
    result = rules.evaluate(facts_source.facts_for(identity))
    if not result.eligible:
        raise NotEligible(result.failures)
    if accepted_sha256 != terms.sha256:
        raise DomainError("error.terms_changed")
    facts = validate_company(company, settings_of(session).partner_types)
    account = sync_account(session=session, identity=identity, language=language, now=now)
    existing = active_application(session, identity.sub)
    if existing is not None:
        return existing, False
    wait = application_wait(session, identity.sub, now)
    if wait is not None:
        raise wait
    due = due_at(now)
    application = Application(
        account_sub=identity.sub,
        state=State.PENDING,
        email=account.email,
        company=facts.legal_name,
        language=language,
        eligibility=result.snapshot(),
        **facts.as_dict(),
        terms_version=terms.version,
        terms_sha256=terms.sha256,
        terms_language=terms.language,
        terms_accepted_at=now,
        submitted_at=now,
        due_at=due,
        calendar_version=CALENDAR_VERSION,
        submitted_day=local_day_number(now),
        due_day=local_day_number(due),
    )
    try:
        with session.begin_nested():
            session.add(application)
            session.flush()
            terms_read = {"terms_version": terms.version, "language": language}
            record_event(session, application, SUBMITTED, identity, now, data=terms_read)
    except IntegrityError:
        existing = active_application(session, identity.sub)
        if existing is None:
            raise
        return existing, False
    return application, True


RESEND_INTERVAL = timedelta(minutes=10)


def last_email(session: Session, application_id: int) -> OutboxMessage | None:
    of_application = OutboxMessage.application_id == application_id
    return latest(session, OutboxMessage, OutboxMessage.created_at, of_application)


def last_email_sent_at(session: Session, application_id: int) -> datetime | None:
    return session.exec(
        select(func.max(OutboxMessage.sent_at)).where(
            OutboxMessage.application_id == application_id
        )
    ).one()


def resend_email(
    *, session: Session, identity: Identity, now: datetime | None = None
) -> OutboxMessage:
    """Queue the email for the application's current state again, at most every 10 minutes."""
    now = now or utcnow()
    latest = latest_application(session, identity.sub)
    kind = EMAIL_FOR_STATE.get(latest.state) if latest else None
    if latest is None or kind is None or not latest.email:
        raise DomainError("error.nothing_to_resend")
    # Lock the application so two presses at once cannot both pass the check.
    application = session.exec(
        select(Application).where(Application.id == latest.id).with_for_update()
    ).one()
    previous = last_email(session, application.id)
    if previous is not None and now - previous.created_at < RESEND_INTERVAL:
        raise NotYet("error.resend_wait", previous.created_at + RESEND_INTERVAL)
    event = record_event(session, application, "email_resent", identity, now, data={"email": kind})
    message = enqueue_email(session, application, event, kind)
    return message


def recompute_due_times(*, session: Session, now: datetime | None = None) -> int:
    """Recompute every pending due time with the current calendar; returns how many changed."""
    now = now or utcnow()
    changed = 0
    pending = session.exec(select(Application).where(Application.state == State.PENDING)).all()
    for application in pending:
        new_due = due_at(application.submitted_at)
        if new_due == application.due_at and application.calendar_version == CALENDAR_VERSION:
            continue
        old_due, old_version = application.due_at, application.calendar_version
        application.due_at, application.calendar_version = new_due, CALENDAR_VERSION
        application.due_day = local_day_number(new_due)
        session.add(application)
        if new_due != old_due:
            changed += 1
            moved = {
                "old_due_at": old_due.isoformat(),
                "new_due_at": new_due.isoformat(),
                "old_calendar": old_version,
                "new_calendar": CALENDAR_VERSION,
            }
            record_event(session, application, "due_recomputed", None, now, data=moved)
    return changed
