"""Every periodic task of the worker, in the order they run (core.messaging.periodic)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.messaging.periodic import PeriodicTask, run_tasks
from core.money.billing import billing_for
from core.money.ledger import daily_ledger_check
from core.money.usage import import_usage
from core.partners.customer_review import LINKS, expire_invitations, remind_invitations
from core.partners.discounts import REQUESTS
from core.platform.db import session_scope
from core.platform.settings import settings_of
from core.registration.info_deadlines import sweep_unanswered
from core.registration.subject import APPLICATIONS
from core.registration.terms import load_terms
from core.registration.terms_notices import notify_new_terms
from core.review import workflow
from core.review.workflow import Subject
from core.team.alerts import send_digests


def _terms_notices(session: Session) -> int:
    return notify_new_terms(session=session, catalogue=load_terms(settings_of(session).terms_dir))


def _usage(session: Session) -> int:
    return import_usage(session=session, billing=billing_for(settings_of(session)))


# What the partner team decides; the first is the digests' main list.
SUBJECTS: tuple[Subject, ...] = (APPLICATIONS, LINKS, REQUESTS)


def _overdue(subject: Subject) -> PeriodicTask:
    return PeriodicTask(
        subject.alert_task,
        lambda session: workflow.alert_overdue(session=session, subject=subject),
    )


TASKS: tuple[PeriodicTask, ...] = (
    PeriodicTask("terms_notices", _terms_notices),
    PeriodicTask(
        "unanswered_questions",
        lambda session: sweep_unanswered(session=session),
        counts=("reminded", "auto_withdrawn"),
    ),
    _overdue(APPLICATIONS),
    PeriodicTask("invitation_reminders", lambda session: remind_invitations(session=session)),
    PeriodicTask("invitations_expired", lambda session: expire_invitations(session=session)),
    _overdue(LINKS),
    _overdue(REQUESTS),
    PeriodicTask("usage_days_imported", _usage),
    PeriodicTask("digests", lambda session: send_digests(session=session, subjects=SUBJECTS)),
    PeriodicTask("ledger_checked", daily_ledger_check),
)


def periodic_tasks(engine: Engine) -> dict[str, int | None]:
    """Run every periodic task once; safe on every worker (each is once-only by its keys)."""
    return run_tasks(engine, TASKS)


def notify_terms(engine: Engine) -> int:
    """The new-Terms notices alone (`python -m core notify-terms`)."""
    with session_scope(engine) as session:
        return _terms_notices(session)
