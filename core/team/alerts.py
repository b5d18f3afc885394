"""Alerts before the 3-day promise breaks: an overdue alert once, a digest each working morning.

Both are written to the outbox, each once only however many workers run
them: an overdue alert is an event the database allows once per application
and due time; a digest carries a key (kind, recipient, day) it allows once.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notifications import enqueue_staff_email
from core.platform.i18n import format_deadline, format_moment
from core.platform.identity import Role
from core.platform.models import (
    Account,
    Application,
    CustomerLink,
    DiscountRequest,
    LinkState,
    Partner,
    State,
)
from core.platform.settings import Settings, get_settings
from core.platform.workdays import calendar, local, utcnow
from core.registration.queue import Edges
from core.registration.subject import APPLICATIONS
from core.review import workflow
from core.review.ownership import staff_members

# An application overdue for longer than this when alerts first run is old news:
# the digest counts it; only newly overdue ones alert.
ALERT_WINDOW = timedelta(days=1)
DIGEST_LIMIT = 30


def alert_overdue(*, session: Session, now: datetime | None = None) -> int:
    """Alert the assignee (or every reviewer, if unassigned) of each newly overdue application."""
    return workflow.alert_overdue(session=session, subject=APPLICATIONS, now=now)


def digest_due(now: datetime, settings: Settings) -> bool:
    """A working day, at or after the configured local time."""
    at = local(now)
    hour, minute = (int(part) for part in settings.digest_time.split(":"))
    return calendar().is_working_day(at.date()) and at.time() >= time(hour, minute)


def send_digests(
    *, session: Session, now: datetime | None = None, settings: Settings | None = None
) -> int:
    """Each reviewer's and each manager's digest for today, if due and not yet written."""
    now = now or utcnow()
    settings = settings or get_settings()
    if not digest_due(now, settings):
        return 0
    day = local(now).date().isoformat()
    edges = Edges.at(now)
    urgent = (
        select(Application)
        .where(
            Application.state == State.PENDING,
            col(Application.due_at) < edges.due_soon_before,
        )
        .order_by(col(Application.due_at), col(Application.id))
    )
    written = 0
    for account in staff_members(session):
        roles = account.staff_roles.split(",")
        if Role.REVIEWER.value in roles:
            written += _write_digest(
                session,
                account,
                "digest_reviewer",
                day,
                now,
                _reviewer_digest(session, account, urgent, now),
            )
        if Role.MANAGER.value in roles:
            written += _write_digest(
                session, account, "digest_manager", day, now, _manager_digest(session, account, now)
            )
    return written


def _reviewer_digest(session: Session, account: Account, urgent, now: datetime) -> dict:
    mine = urgent.where(
        (col(Application.assigned_to) == account.sub) | col(Application.assigned_to).is_(None)
    )
    rows = session.exec(mine.limit(DIGEST_LIMIT)).all()
    total = session.exec(select(func.count()).select_from(mine.subquery())).one()
    return {
        "items": [
            {
                **APPLICATIONS.alert_item(session, a, account.language, None),
                "overdue": a.due_at <= now,
                "mine": bool(a.assigned_to),
            }
            for a in rows
        ],
        "total": int(total),
        "more": max(int(total) - len(rows), 0),
        "links": _urgent_links(session, account, now),
        "discount_requests": _urgent_requests(session, account, now),
    }


def _urgent_requests(session: Session, account: Account, now: datetime) -> list[dict]:
    """Discount requests due soon or overdue that are this reviewer's or nobody's."""
    rows = session.exec(
        select(DiscountRequest, Partner)
        .join(Partner, col(Partner.id) == col(DiscountRequest.partner_id))
        .where(
            DiscountRequest.state == "pending",
            col(DiscountRequest.due_at) < Edges.at(now).due_soon_before,
            (col(DiscountRequest.assigned_to) == account.sub)
            | col(DiscountRequest.assigned_to).is_(None),
        )
        .order_by(col(DiscountRequest.due_at), col(DiscountRequest.id))
        .limit(DIGEST_LIMIT)
    ).all()
    return [
        {
            "request_id": request.id,
            "partner": f"{partner.company} ({partner.partner_code})",
            "due_local": format_deadline(request.due_at, account.language),
            "overdue": request.due_at <= now,
            "mine": bool(request.assigned_to),
        }
        for request, partner in rows
    ]


def _urgent_links(session: Session, account: Account, now: datetime) -> list[dict]:
    """Customer links due soon or overdue that are this reviewer's or nobody's."""
    from core.partners.customer_review import link_item

    rows = session.exec(
        select(CustomerLink, Partner)
        .join(Partner, col(Partner.id) == col(CustomerLink.partner_id))
        .where(
            CustomerLink.state == LinkState.CONFIRMED,
            col(CustomerLink.due_at) < Edges.at(now).due_soon_before,
            (col(CustomerLink.assigned_to) == account.sub)
            | col(CustomerLink.assigned_to).is_(None),
        )
        .order_by(col(CustomerLink.due_at), col(CustomerLink.id))
        .limit(DIGEST_LIMIT)
    ).all()
    return [
        {
            **link_item(link, partner, account.language),
            "overdue": link.due_at <= now,
            "mine": bool(link.assigned_to),
        }
        for link, partner in rows
    ]


def _manager_digest(session: Session, account: Account, now: datetime) -> dict:
    pending = col(Application.state) == State.PENDING
    overdue = session.exec(
        select(func.count()).where(pending, col(Application.due_at) <= now)
    ).one()
    open_count = session.exec(select(func.count()).where(pending)).one()
    oldest = session.exec(
        select(Application).where(pending).order_by(col(Application.submitted_at)).limit(1)
    ).first()
    holder = session.get(Account, oldest.assigned_to) if oldest and oldest.assigned_to else None
    confirmed = col(CustomerLink.state) == LinkState.CONFIRMED
    return {
        "overdue": int(overdue),
        "pending": int(open_count),
        "links_pending": int(session.exec(select(func.count()).where(confirmed)).one()),
        "discounts_pending": int(
            session.exec(select(func.count()).where(col(DiscountRequest.state) == "pending")).one()
        ),
        "links_overdue": int(
            session.exec(
                select(func.count()).where(confirmed, col(CustomerLink.due_at) <= now)
            ).one()
        ),
        "oldest": (
            {
                **APPLICATIONS.alert_item(session, oldest, account.language, holder),
                "submitted_local": format_moment(oldest.submitted_at, account.language),
            }
            if oldest
            else None
        ),
    }


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
    session.commit()
    return 1
