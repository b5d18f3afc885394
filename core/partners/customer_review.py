"""The partner team's second queue: confirmed customer links, approved or rejected in 3 working days.

Same promise, states of ownership and alerts as applications: a confirmed link
is due 3 working days after the customer confirmed; a reviewer assigns it,
approves it (active) or rejects it with a reason; an overdue link alerts its
assignee, or every reviewer, once. Invitations nobody answers expire after
the configured number of days, with one reminder before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from core.partners.customers import link_events, record_link_event
from core.platform.clock import utcnow
from core.platform.errors import DomainError
from core.platform.identity import Identity, require_staff
from core.platform.locale import format_deadline
from core.platform.models import Account, CustomerLink, CustomerLinkEvent, LinkState, Partner
from core.platform.notes import clean_note
from core.platform.settings import Settings, settings_of
from core.review import workflow
from core.review.events import Step
from core.review.ownership import owner_filter
from core.review.workflow import Subject

EXPIRED = Step("expired", LinkState.INVITED, LinkState.EXPIRED)

LINK_REASONS = ("not_verified", "wrong_partner", "duplicate", "other")
ALERT_WINDOW = timedelta(days=1)
QUEUE_LIMIT = 200


def link_queue(
    session: Session, actor: Identity, *, owner: str = "", limit: int = QUEUE_LIMIT
) -> list[tuple[CustomerLink, Partner]]:
    """Confirmed links waiting for a decision, oldest due first; owner "mine"/"unassigned"/""."""
    require_staff(actor)
    query = (
        select(CustomerLink, Partner)
        .join(Partner, col(Partner.id) == col(CustomerLink.partner_id))
        .where(CustomerLink.state == LinkState.CONFIRMED)
    )
    query = owner_filter(query, CustomerLink, owner, actor)
    return list(
        session.exec(
            query.order_by(col(CustomerLink.due_at), col(CustomerLink.id)).limit(limit)
        ).all()
    )


def links_waiting(session: Session, actor: Identity) -> int:
    require_staff(actor)
    return session.exec(select(func.count()).where(CustomerLink.state == LinkState.CONFIRMED)).one()


@dataclass(frozen=True)
class LinkRecord:
    link: CustomerLink
    partner: Partner
    events: list[CustomerLinkEvent]


def link_record(session: Session, actor: Identity, link_id: int) -> LinkRecord:
    """Staff: a link with its partner and its whole history (the facts seen at each step)."""
    require_staff(actor)
    link = session.get(CustomerLink, link_id)
    if link is None:
        raise DomainError("customers.not_found")
    return LinkRecord(link, session.get(Partner, link.partner_id), link_events(session, link_id))


def decide_link(
    *,
    session: Session,
    actor: Identity,
    link_id: int,
    approve: bool,
    reason_code: str | None = None,
    note: str | None = None,
    instead_of: str | None = None,
    now: datetime | None = None,
) -> CustomerLink:
    """Approve (active) or reject (with a reason) a confirmed link, once."""
    require_staff(actor)
    now = now or utcnow()
    if approve:
        reason_code, text = None, clean_note(note, required=False)
    else:
        if reason_code not in LINK_REASONS:
            raise DomainError("error.reason_required")
        text = clean_note(note, required=reason_code == "other")
    link = workflow.load(session, LINKS, link_id)
    workflow.check_decider(session, LINKS, actor, link, instead_of)
    if link.state != LinkState.CONFIRMED:
        raise workflow.AlreadyDecided(link)
    target = LinkState.ACTIVE if approve else LinkState.REJECTED
    data = workflow.decision_data(
        actor,
        link,
        instead_of,
        reason_code=reason_code,
        due_at=link.due_at.isoformat() if link.due_at else None,
    )
    workflow.take_decision(
        session,
        LINKS,
        link,
        state=target,
        decided_at=now,
        decided_by=actor.sub,
        reason_code=reason_code,
        note=text or None,
        active_since=now if approve else None,
        closed_at=None if approve else now,
    )
    step = Step("approved" if approve else "rejected", LinkState.CONFIRMED, target)
    record_link_event(session, link, step, actor, now, note=text or None, data=data)
    return link


# --- time-based tasks (the worker runs these every minute) ------------------------


def _closed_by_time(session: Session, link: CustomerLink, now: datetime) -> bool:
    changed = session.exec(
        update(CustomerLink)
        .where(CustomerLink.id == link.id, CustomerLink.state == LinkState.INVITED)
        .values(state=LinkState.EXPIRED, closed_at=now)
    )
    return changed.rowcount == 1


def expire_invitations(*, session: Session, now: datetime | None = None) -> int:
    """Invitations past their expiry become ``expired``; partner and customer are told."""
    now = now or utcnow()
    expired = 0
    due = session.exec(
        select(CustomerLink).where(
            CustomerLink.state == LinkState.INVITED, col(CustomerLink.expires_at) <= now
        )
    ).all()
    for link in due:
        if not _closed_by_time(session, link, now):
            continue  # answered, cancelled or expired by another worker meanwhile
        session.refresh(link)
        record_link_event(session, link, EXPIRED, None, now)
        expired += 1
    return expired


def _already(kind: str):
    return exists().where(
        CustomerLinkEvent.link_id == CustomerLink.id, CustomerLinkEvent.kind == kind
    )


def remind_invitations(
    *, session: Session, now: datetime | None = None, settings: Settings | None = None
) -> int:
    """One reminder to the customer, the configured number of days before expiry."""
    now = now or utcnow()
    settings = settings or settings_of(session)
    window = timedelta(days=settings.invitation_reminder_days)
    links = session.exec(
        select(CustomerLink).where(
            CustomerLink.state == LinkState.INVITED,
            col(CustomerLink.expires_at) > now,
            col(CustomerLink.expires_at) <= now + window,
            ~_already("invitation_reminder"),
        )
    ).all()
    sent = 0
    for link in links:
        try:
            with session.begin_nested():
                record_link_event(session, link, "invitation_reminder", None, now, note="1")
        except IntegrityError:
            continue  # another worker reminded first
        sent += 1
    return sent


def alert_overdue_links(*, session: Session, now: datetime | None = None) -> int:
    """Alert the assignee (or every reviewer) of each newly overdue confirmed link, once."""
    return workflow.alert_overdue(session=session, subject=LINKS, now=now)


def link_item(
    link: CustomerLink, partner: Partner, language: str, owner: Account | None = None
) -> dict:
    """One customer link as a line of a partner-team email."""
    return {
        "link_id": link.id,
        "customer": link.customer_company or link.customer_email,
        "partner": f"{partner.company} ({partner.partner_code})",
        "due_local": format_deadline(link.due_at, language) if link.due_at else "",
        "assignee": (owner.email if owner else link.assigned_to) or "",
    }


def _concerns(session: Session, link: CustomerLink) -> set[str]:
    """The customer's account and the partner's own."""
    partner = session.get(Partner, link.partner_id)
    return {link.customer_sub, partner.account_sub if partner else None} - {None}


def _alert_item(session: Session, link: CustomerLink, language: str, owner: Account | None):
    return link_item(link, session.get(Partner, link.partner_id), language, owner)


LINKS = Subject(
    name="customer_link",
    model=CustomerLink,
    waiting=LinkState.CONFIRMED,
    open_states=(LinkState.CONFIRMED,),
    not_found="customers.not_found",
    event_model=CustomerLinkEvent,
    event_key="link_id",
    record=record_link_event,
    concerns=_concerns,
    concerned_emails=lambda session, link: {link.customer_email},
    alert_template="link_overdue_alert",
    alert_item=_alert_item,
    digest_items="links",
    alert_task="link_overdue_alerts",
    digest_counts="links",
)
