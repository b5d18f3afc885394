"""A partner's customers: the partner invites, the customer confirms, GreenNode approves.

States (``core.platform.models.LinkState``)::

    invited ─► confirmed ─► active ─► ended
       │           └──────► rejected
       ├─► active            (the account is already a verified GreenNode customer)
       └─► declined | cancelled | expired

Every transition is a conditional update from the state the actor saw, so a
second tab, a second server or a double click changes nothing and writes no
second event. A customer account holds at most one invited, confirmed or
active link, across all partners: the database's partial unique index decides
when two partners invite it at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notices import enqueue_link_emails
from core.platform.clock import utcnow
from core.platform.errors import DomainError
from core.platform.identity import Identity, verified_email
from core.platform.models import (
    HELD_LINK_STATES,
    Account,
    Application,
    CustomerLink,
    CustomerLinkEvent,
    LinkState,
    Partner,
    State,
)
from core.platform.notes import clean_note
from core.platform.queries import latest, newest_first
from core.platform.search import search_key
from core.platform.settings import Settings, settings_of
from core.platform.text import clean_line, has_hidden_characters
from core.platform.workdays import due_at
from core.registration.membership import lock_partner, partner_of, require_partner
from core.review.events import Step, append_event, history

if TYPE_CHECKING:
    from core.platform.directory import AccountDirectory, DirectoryAccount

INVITED = Step("invited", None, LinkState.INVITED)

MAX_ROWS = 20
FRIENDLY_MAX = 100
END_REASON_MIN, END_REASON_MAX = 10, 500
# Why a row of "Add customer accounts" is refused, in the order they are checked.
REFUSALS = (
    "bad_email",
    "duplicate_row",
    "bad_name",
    "bad_role",
    "not_registered",
    "own_account",
    "not_linkable",
    "is_partner",
    "already_yours",
    "customer_of_partner",
    "has_credit",
    "uses_services",
    "has_discounts",
    "in_poc",
    "not_prepaid",
)


@dataclass(frozen=True)
class InviteRow:
    email: str
    friendly_name: str = ""
    role: str = "partner"


@dataclass(frozen=True)
class RowOutcome:
    row: InviteRow
    link_id: int | None = None
    reason: str | None = None

    @property
    def created(self) -> bool:
        return self.link_id is not None


def record_link_event(
    session: Session, link: CustomerLink, *event: Any, partner: Partner | None = None, **extra: Any
) -> CustomerLinkEvent:
    """Append one event of ``link`` (step, actor, at and the rest as ``append_event`` takes
    them) and write its emails (to ``partner``, the link's own when not given), in the
    caller's transaction."""
    recorded = append_event(session, CustomerLinkEvent, *event, link_id=link.id, **extra)
    partner = partner or session.get(Partner, link.partner_id)
    enqueue_link_emails(session, link, partner, recorded)
    session.flush()
    return recorded


def held_link_of(
    session: Session, customer_sub: str, exclude: int | None = None
) -> CustomerLink | None:
    """The link of the partner that holds the account (confirmed or active), if any."""
    query = select(CustomerLink).where(
        CustomerLink.customer_sub == customer_sub,
        col(CustomerLink.state).in_(HELD_LINK_STATES),
    )
    if exclude is not None:
        query = query.where(CustomerLink.id != exclude)
    return session.exec(query).first()


def invitation_of(session: Session, partner_id: int, customer_sub: str) -> CustomerLink | None:
    """This partner's open invitation to the account, if any."""
    return session.exec(
        select(CustomerLink).where(
            CustomerLink.partner_id == partner_id,
            CustomerLink.customer_sub == customer_sub,
            CustomerLink.state == LinkState.INVITED,
        )
    ).first()


def invited_again_from(
    session: Session, partner_id: int, customer_sub: str, settings: Settings
) -> datetime | None:
    """When this partner may invite the account again after its last invitation was
    cancelled, declined or expired (None: no wait)."""
    closed = session.exec(
        select(func.max(CustomerLink.closed_at)).where(
            CustomerLink.partner_id == partner_id,
            CustomerLink.customer_sub == customer_sub,
            col(CustomerLink.state).in_(
                (LinkState.CANCELLED, LinkState.DECLINED, LinkState.EXPIRED)
            ),
        )
    ).one()
    return closed + timedelta(days=settings.reinvite_wait_days) if closed else None


def is_staff_account(session: Session, sub: str) -> bool:
    """An account the portal knows as the partner team's (reviewer, manager, finance)."""
    account = session.get(Account, sub)
    return account is not None and bool(account.staff_roles)


def refusal_for(
    session: Session,
    account: DirectoryAccount | None,
    partner: Partner,
    *,
    exclude_link: int | None = None,
    inviting: tuple[datetime, Settings] | None = None,
) -> str | None:
    """Why ``account`` cannot become ``partner``'s customer now (None: it can).

    Other partners' open invitations do not stand in the way: the customer chooses.
    ``inviting`` (now, settings) adds the rules of a new invitation: not twice at once,
    and not again within the wait after a cancel, a decline or an expiry."""
    if account is None:
        return "not_registered"
    if account.sub == partner.account_sub:
        return "own_account"
    if account.user_type != "root" or account.account_class != "enterprise":
        return "not_linkable"
    if is_partner(session, account.sub):
        return "is_partner"
    if is_staff_account(session, account.sub):
        return "staff_account"
    existing = held_link_of(session, account.sub, exclude=exclude_link)
    if existing is not None:
        return "already_yours" if existing.partner_id == partner.id else "customer_of_partner"
    if inviting is not None:
        now, settings = inviting
        if invitation_of(session, partner.id, account.sub) is not None:
            return "already_invited"
        again = invited_again_from(session, partner.id, account.sub, settings)
        if again is not None and now < again:
            return "invited_recently"
    if account.partner_customer_of:
        return "customer_of_partner"
    if account.credit_balance > 0:
        return "has_credit"
    if account.uses_services:
        return "uses_services"
    if account.has_discounts:
        return "has_discounts"
    if account.in_poc:
        return "in_poc"
    if account.billing != "prepaid":
        return "not_prepaid"
    return None


def is_partner(session: Session, account_sub: str) -> bool:
    """An approved partner of the portal (its application approved)."""
    partner = partner_of(session, account_sub)
    if partner is None:
        return False
    application = session.get(Application, partner.application_id)
    return application is not None and application.state == State.APPROVED


def _clean_row(row: InviteRow, settings: Settings) -> tuple[InviteRow, str | None]:
    email = verified_email(row.email.strip()) if isinstance(row.email, str) else None
    if not email:
        return row, "bad_email"
    name = row.friendly_name if isinstance(row.friendly_name, str) else ""
    if has_hidden_characters(name) or len(name.strip()) > FRIENDLY_MAX:
        return row, "bad_name"
    if row.role not in settings.customer_roles:
        return row, "bad_role"
    return InviteRow(email, clean_line(name, FRIENDLY_MAX), row.role), None


def invite_customers(
    *,
    session: Session,
    identity: Identity,
    rows: Sequence[InviteRow],
    directory: AccountDirectory,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> list[RowOutcome]:
    """Register customer accounts: each row is created or refused with its own reason.

    Every account is looked up before anything is written: when the account
    service cannot answer, DirectoryUnavailable is raised and nothing changes.
    """
    now = now or utcnow()
    settings = settings or settings_of(session)
    partner, _ = require_partner(session, identity)
    rows = [row for row in rows if (row.email or "").strip() or (row.friendly_name or "").strip()]
    if not rows:
        raise DomainError("customers.no_rows")
    if len(rows) > MAX_ROWS:
        raise DomainError("customers.too_many_rows", maximum=MAX_ROWS)
    checked: list[tuple[InviteRow, str | None, DirectoryAccount | None]] = []
    seen: set[str] = set()
    for raw in rows:
        row, reason = _clean_row(raw, settings)
        if reason is None and row.email.casefold() in seen:
            reason = "duplicate_row"
        if reason is None:
            seen.add(row.email.casefold())
        checked.append((row, reason, None))
    # The account service is asked only for rows that are well-formed.
    checked = [
        (row, reason, directory.lookup(row.email) if reason is None else None)
        for row, reason, _ in checked
    ]
    outcomes = []
    room = settings.invitations_per_day - invitations_since(session, partner.id, now - DAY)
    for row, reason, account in checked:
        reason = reason or refusal_for(session, account, partner, inviting=(now, settings))
        if reason is None and room <= 0:
            reason = "daily_limit"
        if reason is not None:
            outcomes.append(RowOutcome(row, reason=reason))
            continue
        outcome = _create_link(session, identity, partner, row, account, now, settings)
        room -= 1 if outcome.link_id else 0
        outcomes.append(outcome)
    return outcomes


DAY = timedelta(days=1)


def invitations_since(session: Session, partner_id: int, since: datetime) -> int:
    return session.exec(
        select(func.count()).where(
            CustomerLink.partner_id == partner_id, col(CustomerLink.invited_at) > since
        )
    ).one()


def _create_link(session, identity, partner, row, account, now, settings) -> RowOutcome:
    try:
        with session.begin_nested():
            link = CustomerLink(
                partner_id=partner.id,
                customer_sub=account.sub,
                customer_email=account.email,
                customer_company=account.company,
                friendly_name=row.friendly_name,
                role=row.role,
                customer_language=account.language,
                state=LinkState.INVITED,
                needs_approval=not account.greennode_customer,
                invited_by=identity.sub,
                invited_at=now,
                expires_at=now + timedelta(days=settings.invitation_days),
            )
            session.add(link)
            session.flush()
            invited = {
                "facts": account.snapshot(),
                "friendly_name": row.friendly_name,
                "role": row.role,
            }
            record_link_event(
                session,
                link,
                INVITED,
                identity,
                now,
                partner=partner,
                actor_role="partner",
                data=invited,
            )
    except IntegrityError:
        # This partner invited the account a moment ago, in another tab.
        return RowOutcome(row, reason="already_invited")
    return RowOutcome(row, link_id=link.id)


def _owned_link(session: Session, partner: Partner, link_id: int) -> CustomerLink:
    link = session.get(CustomerLink, link_id)
    if link is None or link.partner_id != partner.id:
        raise DomainError("customers.not_found")  # another partner's link is not shown
    return link


def _move(
    session: Session,
    link: CustomerLink,
    from_states: Iterable[str],
    refusal: str,
    **values,
) -> str:
    """Change the link's state from one of ``from_states``; DomainError(refusal) if it moved."""
    was = link.state
    changed = session.exec(
        update(CustomerLink)
        .where(CustomerLink.id == link.id, col(CustomerLink.state).in_(tuple(from_states)))
        .where(CustomerLink.state == was)
        .values(**values)
    )
    if changed.rowcount != 1:
        raise DomainError(refusal)
    session.refresh(link)
    return was


@dataclass(frozen=True)
class Closing:
    """How a link closes: its event, the state it goes to, the one it must be in, the refusal."""

    kind: str
    target: str
    allowed_from: str
    refusal: str


CANCEL = Closing("cancelled", LinkState.CANCELLED, LinkState.INVITED, "customers.cannot_cancel")
DECLINE = Closing("declined", LinkState.DECLINED, LinkState.INVITED, "customers.invitation_closed")
END = Closing("ended", LinkState.ENDED, LinkState.ACTIVE, "customers.cannot_end")


def _close(
    session: Session,
    link: CustomerLink,
    closing: Closing,
    *,
    actor: Identity,
    role: str | None,
    now: datetime,
    partner: Partner | None = None,
    note: str | None = None,
) -> CustomerLink:
    """Close the link if it is still where ``closing`` starts; the event and its emails."""
    extra = {"note": note} if note else {}
    was = _move(
        session,
        link,
        (closing.allowed_from,),
        closing.refusal,
        state=closing.target,
        closed_at=now,
        **extra,
    )
    step = Step(closing.kind, was, closing.target)
    record_link_event(session, link, step, actor, now, partner=partner, actor_role=role, note=note)
    return link


def cancel_invitation(
    *, session: Session, identity: Identity, link_id: int, now: datetime | None = None
) -> CustomerLink:
    """The partner takes back an invitation the customer has not confirmed."""
    now = now or utcnow()
    partner, _ = require_partner(session, identity)
    link = _owned_link(session, partner, link_id)
    return _close(session, link, CANCEL, actor=identity, role="partner", now=now, partner=partner)


def end_link(
    *,
    session: Session,
    actor: Identity,
    link_id: int,
    reason: str,
    now: datetime | None = None,
) -> CustomerLink:
    """End an active link, by its partner or by the partner team, with a reason."""
    now = now or utcnow()
    if actor.is_staff:
        link = session.get(CustomerLink, link_id)
        if link is None:
            raise DomainError("customers.not_found")
        partner = session.get(Partner, link.partner_id)
        role = None
    else:
        partner, _ = require_partner(session, actor)
        link = _owned_link(session, partner, link_id)
        role = "partner"
    text = clean_note(
        reason, required=True, minimum=END_REASON_MIN, maximum=END_REASON_MAX, what="end_reason"
    )
    lock_partner(session, link.partner_id)  # a top-up in flight finishes first, or sees it ended
    return _close(session, link, END, actor=actor, role=role, now=now, partner=partner, note=text)


# --- the customer's side ---------------------------------------------------------


def latest_link_as_customer(session: Session, account_sub: str) -> CustomerLink | None:
    """The account's most recent link as a partner's customer, in any state."""
    as_customer = CustomerLink.customer_sub == account_sub
    return latest(session, CustomerLink, CustomerLink.invited_at, as_customer)


def customer_language(session: Session, account_sub: str) -> str | None:
    """The language the account service gave for this account when a partner invited it
    (None when no partner has)."""
    link = latest_link_as_customer(session, account_sub)
    return link.customer_language if link is not None else None


def _claims_refusal(identity: Identity, facts_source) -> str | None:
    """The customer's own sign-in claims, checked again when they answer."""
    facts = facts_source.facts_for(identity)
    if facts.user_type != "root" or facts.account_class != "enterprise":
        return "not_linkable"
    if not facts.customer_fact_known:
        return "not_linkable"
    if facts.partner_customer_of:
        return "customer_of_partner"
    return None


def _invitation_for(session: Session, identity: Identity, link_id: int) -> CustomerLink:
    link = session.get(CustomerLink, link_id)
    if identity.is_team or link is None or link.customer_sub != identity.sub:
        raise DomainError("customers.no_invitation")  # someone else's invitation is not shown
    return link


def confirm_invitation(
    *,
    session: Session,
    identity: Identity,
    link_id: int,
    directory: AccountDirectory,
    facts_source,
    now: datetime | None = None,
) -> CustomerLink:
    """The customer confirms: checked again, then waiting for GreenNode or active at once.

    Confirming twice (two tabs) confirms once: the second finds the link moved
    on and returns it unchanged, with no second event.
    """
    now = now or utcnow()
    link = _invitation_for(session, identity, link_id)
    if link.state in (LinkState.CONFIRMED, LinkState.ACTIVE) and link.confirmed_at:
        return link
    if link.state != LinkState.INVITED:
        raise DomainError("customers.invitation_closed")
    partner = session.get(Partner, link.partner_id)
    account = directory.lookup(link.customer_email)
    if account is not None and account.sub != identity.sub:
        account = None
    reason = _claims_refusal(identity, facts_source) or refusal_for(
        session, account, partner, exclude_link=link.id
    )
    if reason is not None:
        raise DomainError(f"customers.refusal.{reason}")
    direct = account.greennode_customer
    target = LinkState.ACTIVE if direct else LinkState.CONFIRMED
    values = {"state": target, "confirmed_at": now, "needs_approval": not direct}
    if direct:
        values["active_since"] = now
    else:
        due = due_at(now)
        values["due_at"] = due
    try:
        with session.begin_nested():
            was = _move(
                session, link, (LinkState.INVITED,), "customers.invitation_closed", **values
            )
    except IntegrityError:
        # Another partner's invitation was confirmed a moment ago (another tab).
        raise DomainError("customers.refusal.customer_of_partner") from None
    except DomainError:
        session.refresh(link)
        if link.state in (LinkState.CONFIRMED, LinkState.ACTIVE):
            return link  # the other tab confirmed it
        raise
    step = Step("activated" if direct else "confirmed", was, target)
    answered = {"facts": account.snapshot(), "approval_needed": not direct}
    record_link_event(
        session, link, step, identity, now, partner=partner, actor_role="customer", data=answered
    )
    # The customer chose this partner: every other open invitation is declined, and
    # each of those partners is told.
    for other in open_invitations(session, identity.sub):
        _close(session, other, DECLINE, actor=identity, role="customer", now=now)
    return link


def open_invitations(session: Session, customer_sub: str) -> list[CustomerLink]:
    """Every partner's open invitation to the account, the oldest first."""
    return list(
        session.exec(
            select(CustomerLink)
            .where(
                CustomerLink.customer_sub == customer_sub,
                CustomerLink.state == LinkState.INVITED,
            )
            .order_by(col(CustomerLink.invited_at), col(CustomerLink.id))
        ).all()
    )


def decline_invitation(
    *, session: Session, identity: Identity, link_id: int, now: datetime | None = None
) -> CustomerLink:
    now = now or utcnow()
    link = _invitation_for(session, identity, link_id)
    if link.state == LinkState.DECLINED:
        return link
    return _close(session, link, DECLINE, actor=identity, role="customer", now=now)


# --- reading --------------------------------------------------------------------


def customers_of(
    session: Session,
    identity: Identity,
    *,
    states: Iterable[str] = (),
    search: str = "",
    limit: int = 500,
) -> list[CustomerLink]:
    """The partner's own customer links, newest first; a partner sees only its own."""
    partner, _ = require_partner(session, identity)
    query = select(CustomerLink).where(CustomerLink.partner_id == partner.id)
    states = tuple(states)
    if states:
        query = query.where(col(CustomerLink.state).in_(states))
    rows = session.exec(query.order_by(*newest_first(CustomerLink, CustomerLink.invited_at))).all()
    wanted = search_key(search.strip())
    if wanted:
        rows = [
            link
            for link in rows
            if wanted
            in search_key(f"{link.customer_email}\n{link.friendly_name}\n{link.customer_company}")
        ]
    return list(rows[:limit])


def link_events(session: Session, link_id: int) -> list[CustomerLinkEvent]:
    return history(session, CustomerLinkEvent, link_id=link_id)


def customer_of_partner(session: Session, account_sub: str) -> Partner | None:
    """The partner whose active customer this account is, by the portal's own links."""
    return session.exec(
        select(Partner)
        .join(CustomerLink, col(CustomerLink.partner_id) == col(Partner.id))
        .where(CustomerLink.customer_sub == account_sub, CustomerLink.state == LinkState.ACTIVE)
    ).first()


def partner_label(session: Session, code: str) -> str:
    """A partner as a person reads it: its company and partner ID (the ID alone if unknown)."""
    partner = session.exec(select(Partner).where(Partner.partner_code == code)).first()
    return f"{partner.company} ({code})" if partner else code


class PortalLinksFactsSource:
    """Account facts with the portal's own active customer links added to the claims.

    The identity claim ``partner_customer_of`` says whose customer an account is
    in GreenNode's records; an active link made here says the same, at once.
    """

    def __init__(self, inner, session_factory) -> None:
        self._inner = inner
        self._session_factory = session_factory

    def facts_for(self, identity: Identity):
        facts = self._inner.facts_for(identity)
        if facts.partner_customer_of is not None:
            return facts
        with self._session_factory() as session:
            partner = customer_of_partner(session, identity.sub)
        if partner is None:
            return facts
        return replace(facts, partner_customer_of=partner.partner_code, customer_fact_known=True)


def link_names(session: Session, link_ids: Iterable[int]) -> dict[int, str]:
    """Each link's friendly name (or the customer's email), for the partner team's tables."""
    ids = sorted(set(link_ids))
    if not ids:
        return {}
    return {
        link.id: link.friendly_name or link.customer_email
        for link in session.exec(select(CustomerLink).where(col(CustomerLink.id).in_(ids))).all()
    }
