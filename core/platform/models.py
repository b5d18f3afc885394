"""Tables: accounts, applications, their append-only event log and the email outbox."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint, event, text
from sqlmodel import Field, SQLModel

from core.platform.columns import UTCDateTime
from core.platform.search import application_search_text, partner_search_text


class State(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    # A reviewer asked the applicant a question; the SLA clock is paused until the answer.
    INFO_REQUESTED = "info_requested"


# Not decided yet: in the partner team's hands, or waiting for the applicant.
OPEN_STATES = (State.PENDING, State.INFO_REQUESTED)
ACTIVE_STATES = (State.PENDING, State.INFO_REQUESTED, State.APPROVED)
_ACTIVE_SQL = "state IN ('pending', 'info_requested', 'approved')"
# Events that happen once per (application, note), however many workers look.
ONCE_EVENTS = ("terms_notice", "info_reminder", "overdue_alert")
_ONCE_SQL = "kind IN ('terms_notice', 'info_reminder', 'overdue_alert')"


def _utc(**kwargs: Any) -> Any:
    nullable = kwargs.pop("nullable", False)
    return Field(sa_column=Column(UTCDateTime(), nullable=nullable, **kwargs))


class Account(SQLModel, table=True):
    sub: str = Field(primary_key=True, max_length=255)
    email: str = Field(max_length=320)
    display_name: str = Field(default="", max_length=300)
    company: str = Field(default="", max_length=300)
    language: str = Field(default="en", max_length=2)
    demo: bool = Field(default=False)
    # Partner-team roles from the account's last staff sign-in ("manager,reviewer"):
    # who can be assigned an application and who gets the daily digest.
    staff_roles: str = Field(default="", max_length=60, sa_column_kwargs={"server_default": ""})
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class Application(SQLModel, table=True):
    __table_args__ = (
        # One active (pending or approved) application per account, held by the
        # database so that two tabs or two servers cannot both insert one.
        Index(
            "uq_application_active_account",
            "account_sub",
            unique=True,
            sqlite_where=text(_ACTIVE_SQL),
            postgresql_where=text(_ACTIVE_SQL),
        ),
        # The review queue: pending applications in due order, keyset-paged by
        # (due_at, id), with the submission time its age chart groups by.
        Index("ix_application_queue", "state", "due_at", "id", "submitted_at"),
        Index("ix_application_submitted_at", "submitted_at"),
        Index("ix_application_decided_at", "decided_at"),
        # Covering indexes: the metrics read these narrow entries, never the wide rows.
        Index(
            "ix_application_submitted_metrics",
            "submitted_day",
            "state",
            "working_days_to_decision",
        ),
        Index(
            "ix_application_decided_metrics",
            "decided_day",
            "state",
            "decided_by",
            "working_days_to_decision",
            "decided_at",
            "due_at",
            "due_day",
        ),
        Index("ix_application_due_day", "due_day"),
        # Mine / unassigned in the queue, and each reviewer's load.
        Index("ix_application_assigned", "assigned_to", "state", "due_at", "id"),
        # A second account of the same company: same tax code.
        Index("ix_application_tax_code", "tax_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    account_sub: str = Field(foreign_key="account.sub", index=True, max_length=255)
    state: str = Field(default=State.PENDING, max_length=16)
    email: str = Field(max_length=320)
    company: str = Field(default="", max_length=300)
    language: str = Field(max_length=2)
    eligibility: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    terms_version: str = Field(max_length=40)
    terms_sha256: str = Field(max_length=64)
    terms_language: str = Field(max_length=2)
    terms_accepted_at: datetime = _utc()
    submitted_at: datetime = _utc()
    due_at: datetime = _utc()
    calendar_version: str = Field(max_length=40)
    decided_at: datetime | None = _utc(nullable=True)
    decided_by: str | None = Field(default=None, max_length=255)
    reason_code: str | None = Field(default=None, max_length=40)
    decision_note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    working_days_to_decision: float | None = Field(default=None)
    # Company facts the applicant confirmed (core.registration.company validates them).
    legal_name: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    tax_code: str = Field(default="", max_length=14, sa_column_kwargs={"server_default": ""})
    website: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    partner_type: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    business_phone: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # The reviewer who owns the application (None: unassigned).
    assigned_to: str | None = Field(default=None, max_length=255)
    assigned_at: datetime | None = _utc(nullable=True)
    # Waiting for the applicant since (None: not waiting); working days waited before.
    paused_at: datetime | None = _utc(nullable=True)
    paused_working_days: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})
    info_requests: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # Local (Asia/Ho_Chi_Minh) day numbers since 1970-01-01, kept with the
    # timestamps so that daily and weekly metrics group by plain integers.
    submitted_day: int = Field(default=0)
    due_day: int = Field(default=0)
    decided_day: int | None = Field(default=None)
    demo: bool = Field(default=False)
    # Email and company folded for the queue's search (see core.platform.text.application_search_text).
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


@event.listens_for(Application, "before_insert")
@event.listens_for(Application, "before_update")
def _fold_search_text(_mapper, _connection, application: Application) -> None:
    application.search_text = application_search_text(application.email, application.company)


def once_per_row(name: str, key: str, kinds_sql: str) -> Index:
    """An event log's index that lets each of ``kinds_sql``'s kinds (with its note) be
    written once per row: a reminder or an alert however many workers run."""
    return Index(
        name,
        key,
        "kind",
        "note",
        unique=True,
        sqlite_where=text(kinds_sql),
        postgresql_where=text(kinds_sql),
    )


class EventFields(SQLModel):
    """The one shape of an event log row: who did what, when, from which state to which,
    why (core.review.events.append_event writes it). Each log adds its id and its row."""

    kind: str = Field(max_length=40)
    from_state: str | None = Field(default=None, max_length=16)
    to_state: str | None = Field(default=None, max_length=16)
    actor_sub: str = Field(max_length=255)
    actor_role: str = Field(max_length=16)
    at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    note: str | None = Field(default=None, sa_type=Text, nullable=True)
    data: dict = Field(default_factory=dict, sa_type=JSON, nullable=False)


class ApplicationEvent(EventFields, table=True):
    """Append-only: one row per state change or notable fact, never updated."""

    __tablename__ = "application_event"
    # A Terms notice, an info-request reminder or an overdue alert: once each.
    __table_args__ = (once_per_row("uq_event_once", "application_id", _ONCE_SQL),)

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(SQLModel, table=True):
    """An email, written in the transaction of the event that causes it.

    A digest belongs to no event: its ``dedupe_key`` (recipient and day) makes
    it once only, however many workers write it.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (
        UniqueConstraint("event_id", "kind", "recipient_sub", name="uq_outbox_event_kind"),
        Index("uq_outbox_dedupe_key", "dedupe_key", unique=True),
        Index("ix_outbox_status_next", "status", "next_attempt_at"),
        Index("ix_outbox_recipient_started", "recipient", "send_started_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int | None = Field(default=None, foreign_key="application_event.id")
    application_id: int | None = Field(default=None, foreign_key="application.id", index=True)
    kind: str = Field(max_length=40)
    dedupe_key: str | None = Field(default=None, max_length=160)
    recipient: str = Field(max_length=320)
    # The verified account the email is for: the local mailbox filters by it.
    recipient_sub: str = Field(default="", max_length=255)
    language: str = Field(max_length=2)
    context: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)
    attempts: int = Field(default=0)
    created_at: datetime = _utc()
    next_attempt_at: datetime = _utc()
    claimed_until: datetime | None = _utc(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=120)
    # When a worker last handed it to SMTP: the per-address hourly limit counts these.
    send_started_at: datetime | None = _utc(nullable=True)
    sent_at: datetime | None = _utc(nullable=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class Partner(SQLModel, table=True):
    """An approved account: its partner ID, profile and the Terms version it accepted."""

    id: int | None = Field(default=None, primary_key=True)
    account_sub: str = Field(foreign_key="account.sub", unique=True, max_length=255)
    application_id: int = Field(foreign_key="application.id")
    partner_code: str | None = Field(default=None, unique=True, max_length=20)
    partner_since: datetime = _utc()
    company: str = Field(max_length=200)
    # A new company name the partner asked for: in use only once the partner team approves.
    pending_company: str | None = Field(default=None, max_length=200)
    contact_email: str = Field(default="", max_length=320)
    contact_phone: str = Field(default="", max_length=20)
    terms_version: str = Field(max_length=40)
    terms_sha256: str = Field(max_length=64)
    terms_language: str = Field(max_length=2)
    terms_accepted_at: datetime = _utc()
    updated_at: datetime = _utc()
    # Partner ID, company and contact folded for the Partners page's search.
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


@event.listens_for(Partner, "before_insert")
@event.listens_for(Partner, "before_update")
def _fold_partner_search_text(_mapper, _connection, partner: Partner) -> None:
    partner.search_text = partner_search_text(
        partner.partner_code, partner.company, partner.contact_email
    )


class SignInSession(SQLModel, table=True):
    """One sign-in: the server-side half of the session cookie, revoked by Sign out."""

    __tablename__ = "sign_in_session"
    __table_args__ = (Index("ix_sign_in_session_account", "account_sub", "first_seen"),)

    key: str = Field(primary_key=True, max_length=64)
    account_sub: str = Field(max_length=255)
    provider: str = Field(max_length=40)
    issued_at: datetime = _utc()
    first_seen: datetime = _utc()
    last_seen: datetime = _utc()
    user_agent: str = Field(default="", max_length=300)
    # Where the sign-in came from (the browser's address as the portal saw it).
    address: str = Field(default="", max_length=45, sa_column_kwargs={"server_default": ""})
    ended_at: datetime | None = _utc(nullable=True)
    ended_reason: str | None = Field(default=None, max_length=16)
    # The provider's claims (ID token and userinfo, merged at sign-in) and the ID token
    # for the provider's sign-out: kept here, never in a cookie. None for a sign-in
    # recorded from its cookie alone.
    claims: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    id_token: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class SignInAttempt(SQLModel, table=True):
    """A sign-in a browser started: if it comes back signed out, the sign-in page says so."""

    __tablename__ = "sign_in_attempt"

    browser_key: str = Field(primary_key=True, max_length=64)
    provider: str = Field(max_length=40)
    started_by: str = Field(max_length=64)
    started_at: datetime = _utc()
    # The screen language when the person left for the provider, and whether they picked it.
    language: str | None = Field(default=None, max_length=2)
    language_chosen: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    # The portal link the person opened signed out (``page?query``), to open once signed in.
    return_to: str | None = Field(default=None, max_length=500)


class OpenDecision(SQLModel, table=True):
    """A decision dialog a reviewer has open: any app server can reopen it after a failover."""

    __tablename__ = "open_decision"

    actor_sub: str = Field(primary_key=True, max_length=255)
    # What is being decided: "application", "customer_link" or "discount_request", and its id.
    subject: str = Field(
        default="application", max_length=40, sa_column_kwargs={"server_default": "application"}
    )
    subject_id: int
    approve: bool
    opened_at: datetime = _utc()


class LinkState(StrEnum):
    """A partner's customer link: invited by the partner, confirmed by the customer."""

    INVITED = "invited"
    CONFIRMED = "confirmed"  # waiting for the partner team's approval
    ACTIVE = "active"
    REJECTED = "rejected"
    DECLINED = "declined"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    ENDED = "ended"


# A customer account is held (confirmed or active) by at most one partner; each partner
# has at most one open invitation to it, and several partners may invite it at once.
HELD_LINK_STATES = (LinkState.CONFIRMED, LinkState.ACTIVE)
_HELD_LINK_SQL = "state IN ('confirmed', 'active')"
_INVITED_SQL = "state = 'invited'"
LINK_ONCE_EVENTS = ("invitation_reminder", "overdue_alert")
_LINK_ONCE_SQL = "kind IN ('invitation_reminder', 'overdue_alert')"


class CustomerLink(SQLModel, table=True):
    """A customer account registered by a partner: one row per invitation, never reused."""

    __tablename__ = "customer_link"
    __table_args__ = (
        # Two partners' invitations confirmed at once: the database keeps one.
        Index(
            "uq_customer_link_held",
            "customer_sub",
            unique=True,
            sqlite_where=text(_HELD_LINK_SQL),
            postgresql_where=text(_HELD_LINK_SQL),
        ),
        # One partner inviting the same account twice at once (two tabs): one invitation.
        Index(
            "uq_customer_link_invited",
            "partner_id",
            "customer_sub",
            unique=True,
            sqlite_where=text(_INVITED_SQL),
            postgresql_where=text(_INVITED_SQL),
        ),
        Index("ix_customer_link_partner", "partner_id", "state", "invited_at"),
        # The partner team's queue of confirmed links, in due order.
        Index("ix_customer_link_queue", "state", "due_at", "id"),
        Index("ix_customer_link_assigned", "assigned_to", "state", "due_at"),
        Index("ix_customer_link_expiry", "state", "expires_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(foreign_key="partner.id")
    customer_sub: str = Field(max_length=255)
    customer_email: str = Field(max_length=320)
    # The account's company as GreenNode knows it, and the partner's own name for it.
    customer_company: str = Field(default="", max_length=300)
    friendly_name: str = Field(default="", max_length=100)
    role: str = Field(default="partner", max_length=40)
    customer_language: str = Field(default="en", max_length=2)
    state: str = Field(default=LinkState.INVITED, max_length=16)
    # Whether the customer needs the partner team's approval once confirmed.
    needs_approval: bool = Field(default=True)
    invited_by: str = Field(max_length=255)
    invited_at: datetime = _utc()
    expires_at: datetime = _utc()
    confirmed_at: datetime | None = _utc(nullable=True)
    due_at: datetime | None = _utc(nullable=True)
    assigned_to: str | None = Field(default=None, max_length=255)
    assigned_at: datetime | None = _utc(nullable=True)
    decided_at: datetime | None = _utc(nullable=True)
    decided_by: str | None = Field(default=None, max_length=255)
    reason_code: str | None = Field(default=None, max_length=40)
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # When the link became active, and when it left the open states (any way).
    active_since: datetime | None = _utc(nullable=True)
    closed_at: datetime | None = _utc(nullable=True)
    demo: bool = Field(default=False)


class CustomerLinkEvent(EventFields, table=True):
    """Append-only: one row per transition of a customer link, with the facts seen then."""

    __tablename__ = "customer_link_event"
    __table_args__ = (once_per_row("uq_customer_link_event_once", "link_id", _LINK_ONCE_SQL),)

    id: int | None = Field(default=None, primary_key=True)
    link_id: int = Field(foreign_key="customer_link.id", index=True)


class CreditMovement(SQLModel, table=True):
    """One movement of credit (VND), written once with its two ledger entries, never changed.

    ``grant``: finance staff add credit to a partner's balance (invoice or payment
    reference). ``topup``: a partner moves credit from its balance to an active
    customer. The idempotency key names one attempt: the same attempt sent again,
    from another tab or server, finds the movement it already made.
    """

    __tablename__ = "credit_movement"
    __table_args__ = (
        Index("uq_credit_movement_key", "idempotency_key", unique=True),
        Index("ix_credit_movement_partner", "partner_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    idempotency_key: str = Field(max_length=80)
    partner_id: int = Field(foreign_key="partner.id")
    link_id: int | None = Field(default=None, foreign_key="customer_link.id")
    customer_sub: str | None = Field(default=None, max_length=255)
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    reference: str = Field(default="", max_length=80)
    note: str = Field(default="", max_length=500)
    actor_sub: str = Field(max_length=255)
    at: datetime = _utc()


class LedgerEntry(SQLModel, table=True):
    """Double entry: every movement is two entries that sum to zero; balances are their sums.

    Accounts: ``source:finance`` (money received from partners, outside the
    portal), ``partner:<id>`` and ``customer:<link id>``.
    """

    __tablename__ = "ledger_entry"
    __table_args__ = (Index("ix_ledger_entry_account", "account", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    movement_id: int = Field(foreign_key="credit_movement.id", index=True)
    account: str = Field(max_length=80)
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    at: datetime = _utc()


class BillingDelivery(SQLModel, table=True):
    """A top-up handed to GreenNode's billing system, written with the top-up, delivered later.

    The outbox pattern again: the worker claims it, calls billing with the
    top-up's idempotency key, and retries with back-off; billing applies a key
    once, so a redelivery after a crash changes nothing. The customer's credit
    is "pending" until ``status`` is ``sent`` (billing confirmed it).
    """

    __tablename__ = "billing_delivery"
    __table_args__ = (
        Index("uq_billing_delivery_movement", "movement_id", unique=True),
        Index("ix_billing_delivery_status_next", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    movement_id: int = Field(foreign_key="credit_movement.id")
    link_id: int = Field(foreign_key="customer_link.id")
    customer_sub: str = Field(max_length=255)
    amount: int = Field(sa_column=Column(BigInteger, nullable=False))
    idempotency_key: str = Field(max_length=80)
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)
    attempts: int = Field(default=0)
    created_at: datetime = _utc()
    next_attempt_at: datetime = _utc()
    claimed_until: datetime | None = _utc(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=120)
    sent_at: datetime | None = _utc(nullable=True)
    billing_reference: str | None = Field(default=None, max_length=80)
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class DiscountRequest(SQLModel, table=True):
    """A partner asks for discounts on service groups; the partner team decides in 3 working days."""

    __tablename__ = "discount_request"
    __table_args__ = (
        Index("ix_discount_request_queue", "state", "due_at", "id"),
        Index("ix_discount_request_partner", "partner_id", "submitted_at"),
        # One request at a time waits for a decision per partner.
        Index(
            "uq_discount_request_open",
            "partner_id",
            unique=True,
            sqlite_where=text("state = 'pending'"),
            postgresql_where=text("state = 'pending'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(foreign_key="partner.id")
    service_groups: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    justification: str = Field(sa_column=Column(Text, nullable=False))
    state: str = Field(default="pending", max_length=16)
    submitted_by: str = Field(max_length=255)
    submitted_at: datetime = _utc()
    due_at: datetime = _utc()
    assigned_to: str | None = Field(default=None, max_length=255)
    assigned_at: datetime | None = _utc(nullable=True)
    decided_at: datetime | None = _utc(nullable=True)
    decided_by: str | None = Field(default=None, max_length=255)
    # Per service group: the maximum discount approved, in basis points (None: refused).
    decision: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    reason_code: str | None = Field(default=None, max_length=40)
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


_REQUEST_ONCE_SQL = "kind = 'overdue_alert'"


class DiscountRequestEvent(EventFields, table=True):
    """Append-only: one row per assignment, decision or alert of a discount request."""

    __tablename__ = "discount_request_event"
    __table_args__ = (
        once_per_row("uq_discount_request_event_once", "request_id", _REQUEST_ONCE_SQL),
    )

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="discount_request.id", index=True)


class DiscountCap(SQLModel, table=True):
    """The maximum discount a partner may give on a service group, from a date: versions only."""

    __tablename__ = "discount_cap"
    __table_args__ = (Index("ix_discount_cap_partner", "partner_id", "service_group", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(foreign_key="partner.id")
    service_group: str = Field(max_length=40)
    max_bp: int
    effective_from: date
    request_id: int | None = Field(default=None, foreign_key="discount_request.id")
    set_by: str = Field(max_length=255)
    at: datetime = _utc()


class CustomerDiscount(SQLModel, table=True):
    """A customer's discount on a service group from a date: a new version for every change.

    ``cause`` is ``partner`` (the partner set it) or ``cap`` (the partner's maximum
    was lowered below it, from that date); ``previous_bp`` is what it replaced.
    """

    __tablename__ = "customer_discount"
    __table_args__ = (
        Index("ix_customer_discount_link", "link_id", "service_group", "effective_from", "id"),
        Index("ix_customer_discount_partner", "partner_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    partner_id: int = Field(foreign_key="partner.id")
    link_id: int = Field(foreign_key="customer_link.id")
    service_group: str = Field(max_length=40)
    discount_bp: int
    previous_bp: int | None = Field(default=None)
    effective_from: date
    cause: str = Field(default="partner", max_length=16)
    set_by: str = Field(max_length=255)
    at: datetime = _utc()


class UsageRecord(SQLModel, table=True):
    """One day's use of a service group by a partner's customer, imported from billing once.

    Priced when imported: the list price in effect that day and the customer's
    discount that day (never changed afterwards: discounts are not retroactive),
    so monthly reports are integer sums in the database.
    """

    __tablename__ = "usage_record"
    __table_args__ = (
        Index("uq_usage_record_day", "day", "customer_sub", "service_group", unique=True),
        Index("ix_usage_record_partner_day", "partner_id", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    day: date
    customer_sub: str = Field(max_length=255)
    partner_id: int = Field(foreign_key="partner.id")
    link_id: int = Field(foreign_key="customer_link.id")
    service_group: str = Field(max_length=40)
    quantity_milli: int = Field(sa_column=Column(BigInteger, nullable=False))
    unit: str = Field(max_length=40)
    unit_price_vnd: int
    discount_bp: int
    gross_vnd: int = Field(sa_column=Column(BigInteger, nullable=False))
    discount_vnd: int = Field(sa_column=Column(BigInteger, nullable=False))
    imported_at: datetime = _utc()


class UsageImport(SQLModel, table=True):
    """A day of billing's usage that has been imported (the import of a day happens once)."""

    __tablename__ = "usage_import"

    day: date = Field(primary_key=True)
    rows: int
    imported_at: datetime = _utc()
    # Rows of billing's answer that failed validation: not priced, kept here to report.
    held: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    held_rows: list = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )


# The scheduled checks by name.
LEDGER_CHECK = "ledger"


class ScheduledCheck(SQLModel, table=True):
    """The last run of a check the worker makes on a schedule (the daily ledger check):
    operators watch when it ran and whether it passed."""

    __tablename__ = "scheduled_check"

    name: str = Field(primary_key=True, max_length=40)
    ran_at: datetime = _utc()
    passed: bool
    problems: int = 0
