"""Alerts before the 3-day promise breaks: an overdue alert once, a digest each working morning.

Both are written to the outbox, each once only however many workers run
them: an overdue alert is an event the database allows once per application
and due time; a digest carries a key (kind, recipient, day) it allows once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notifications import enqueue_staff_email
from core.platform.clock import local, utcnow
from core.platform.identity import Role
from core.platform.locale import format_moment
from core.platform.models import (
    Account,
)
from core.platform.settings import Settings, settings_of
from core.platform.workdays import calendar
from core.review import workflow
from core.review.ownership import staff_members
from core.review.workflow import Subject

# An application overdue for longer than this when alerts first run is old news:
# the digest counts it; only newly overdue ones alert.
ALERT_WINDOW = timedelta(days=1)
DIGEST_LIMIT = 30


def digest_due(now: datetime, settings: Settings) -> bool:
    """A working day, at or after the configured local time."""
    at = local(now)
    hour, minute = (int(part) for part in settings.digest_time.split(":"))
    return calendar().is_working_day(at.date()) and at.time() >= time(hour, minute)


def send_digests(
    *,
    session: Session,
    subjects: Sequence[Subject],
    now: datetime | None = None,
    settings: Settings | None = None,
) -> int:
    """Each reviewer's and each manager's digest for today, if due and not yet written.

    ``subjects`` are what the team decides, the first one the digest's main list."""
    now = now or utcnow()
    settings = settings or settings_of(session)
    if not digest_due(now, settings):
        return 0
    day = local(now).date().isoformat()
    written = 0
    for account in staff_members(session):
        roles = account.staff_roles.split(",")
        if Role.REVIEWER.value in roles:
            context = _reviewer_digest(session, account, subjects, now)
            written += _write_digest(session, account, "digest_reviewer", day, now, context)
        if Role.MANAGER.value in roles:
            context = _manager_digest(session, account, subjects, now)
            written += _write_digest(session, account, "digest_manager", day, now, context)
    return written


def _reviewer_digest(session: Session, account: Account, subjects, now: datetime) -> dict:
    context: dict = {}
    for index, subject in enumerate(subjects):
        items, total = workflow.urgent(
            session, subject, account=account, now=now, limit=DIGEST_LIMIT
        )
        context[subject.digest_items] = items
        if index == 0:
            context.update(total=total, more=max(total - len(items), 0))
    return context


def _manager_digest(session: Session, account: Account, subjects, now: datetime) -> dict:
    main, *others = subjects
    pending, overdue = workflow.waiting_counts(session, main, now)
    context: dict = {"pending": pending, "overdue": overdue}
    for subject in others:
        pending, overdue = workflow.waiting_counts(session, subject, now)
        context[f"{subject.digest_counts}_pending"] = pending
        context[f"{subject.digest_counts}_overdue"] = overdue
    model = main.model
    oldest = session.exec(
        select(model)
        .where(col(model.state) == main.waiting)
        .order_by(col(getattr(model, "submitted_at", model.due_at)), col(model.id))
        .limit(1)
    ).first()
    holder = session.get(Account, oldest.assigned_to) if oldest and oldest.assigned_to else None
    context["oldest"] = (
        {
            **main.alert_item(session, oldest, account.language, holder),
            "submitted_local": format_moment(oldest.submitted_at, account.language),
        }
        if oldest is not None
        else None
    )
    return context


def _write_digest(session, account, kind, day, now, context) -> int:
    try:
        with session.begin_nested():
            enqueue_staff_email(
                session,
                account,
                kind,
                {**context, "day": day},
                at=now,
                dedupe_key=f"{kind}:{account.sub}:{day}",
            )
            session.flush()
    except IntegrityError:
        return 0  # today's digest is already written
    return 1
