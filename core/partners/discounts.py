"""Discounts: a partner's request, the partner team's maximum per service group, customers' discounts.

Percentages are kept as basis points (12.5 % = 1250), never floats. Every
change is a new version with the date it takes effect from, never an edit
(the database refuses updates and deletes of caps and customer discounts):

- the partner team approves a request per service group with a maximum, or
  rejects it with a reason, within the 3-working-day promise;
- a partner sets each active customer's discount per approved group, from 0
  to its maximum, effective today or later — never retroactive;
- lowering a partner's maximum caps every customer above it from the date of
  the change, with a version (cause ``cap``) for each affected customer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notices import enqueue_notice, partner_recipient
from core.partners.caps import RULE, enforce_caps
from core.partners.rates import cap_at, discount_at
from core.platform.clock import local, utcnow
from core.platform.errors import DomainError
from core.platform.identity import Identity, require_staff
from core.platform.locale import DEFAULT_LANGUAGE, format_deadline, locale_for, t
from core.platform.models import (
    Account,
    CustomerDiscount,
    CustomerLink,
    DiscountCap,
    DiscountRequest,
    DiscountRequestEvent,
    LinkState,
    Partner,
)
from core.platform.notes import clean_note
from core.platform.service_groups import SERVICE_CODES
from core.platform.workdays import due_at
from core.registration.membership import lock_partner, readable_partner, require_partner
from core.review import workflow
from core.review.duties import refuse_own
from core.review.events import Step, append_event, history
from core.review.ownership import owner_filter
from core.review.workflow import Subject

FULL = 10_000  # 100 % in basis points
ASCII_DIGITS = re.compile(r"[0-9]+")
JUSTIFICATION_MIN, JUSTIFICATION_MAX = 20, 1000
REJECT_REASONS = ("volume_too_low", "not_eligible_group", "other")
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


def basis_points(text: object) -> int:
    """A percentage typed as 12.5 or 12,5 (at most two decimals) as basis points, 0 to 100 %."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text * 100
    else:
        raw = str(text or "").strip().replace(",", ".").removesuffix("%").strip()
        whole, _, fraction = raw.partition(".")
        if raw.startswith("-"):
            raise DomainError("discounts.percent_range")
        # ASCII digits only: "٥", "５" or "²" are digits to Python, not to a person's form.
        if not ASCII_DIGITS.fullmatch(whole) or not ASCII_DIGITS.fullmatch(fraction or "0"):
            raise DomainError("discounts.percent_format")
        if len(fraction) > 2:
            raise DomainError("discounts.percent_format")
        value = int(whole) * 100 + int(fraction.ljust(2, "0") or 0)
    if not 0 <= value <= FULL:
        raise DomainError("discounts.percent_range")
    return value


def percent(bp: int | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """1250 -> "12.5%" (English) or "12,5%" (Vietnamese), as a person reads it."""
    return "—" if bp is None else locale_for(lang).percent(bp)


def _groups(groups: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(groups))
    if not chosen or any(g not in SERVICE_CODES for g in chosen):
        raise DomainError("discounts.choose_groups")
    return chosen


def _local_today(now: datetime) -> date:
    return local(now).date()


def _tell_partner(session: Session, request: DiscountRequest, kind: str, at: datetime) -> None:
    partner = session.get(Partner, request.partner_id)
    to = partner_recipient(session, partner)
    if not to.address:
        return
    language = to.language
    groups = ", ".join(t(f"service.{g}", language) for g in request.service_groups)
    approved = ", ".join(
        f"{t(f'service.{g}', language)} {percent(bp, language)}"
        for g, bp in request.decision.items()
        if bp is not None
    )
    enqueue_notice(
        session,
        to,
        message_key=f"mail.discount.{kind}",
        values={
            "groups": groups,
            "approved": approved or "—",
            "due": format_deadline(request.due_at, language),
            "reason": t(f"discounts.reason.{request.reason_code}", language)
            if request.reason_code
            else "",
        },
        dedupe_key=f"discount:{request.id}:{kind}",
        at=at,
        note=request.note or "",
    )


# --- the partner's request and the partner team's decision ----------------------


def request_discounts(
    *,
    session: Session,
    identity: Identity,
    groups: Iterable[str],
    justification: str,
    now: datetime | None = None,
) -> DiscountRequest:
    """Ask for discounts on service groups; one request waits at a time."""
    now = now or utcnow()
    partner, _ = require_partner(session, identity)
    chosen = _groups(groups)
    text = clean_note(
        justification,
        required=True,
        minimum=JUSTIFICATION_MIN,
        maximum=JUSTIFICATION_MAX,
        what="justification",
    )
    request = DiscountRequest(
        partner_id=partner.id,
        service_groups=chosen,
        justification=text,
        state=PENDING,
        submitted_by=identity.sub,
        submitted_at=now,
        due_at=due_at(now),
        decision={},
    )
    try:
        with session.begin_nested():
            session.add(request)
            session.flush()
            record_request_event(session, request, Step("requested", None, PENDING), identity, now)
            _tell_partner(session, request, "received", now)
    except IntegrityError:
        raise DomainError("discounts.request_open") from None
    return request


def discount_queue(session: Session, actor: Identity, *, owner: str = "") -> list:
    """Requests waiting for a decision, oldest due first, with their partners."""
    require_staff(actor)
    query = (
        select(DiscountRequest, Partner)
        .join(Partner, col(Partner.id) == col(DiscountRequest.partner_id))
        .where(DiscountRequest.state == PENDING)
    )
    query = owner_filter(query, DiscountRequest, owner, actor)
    return list(
        session.exec(query.order_by(col(DiscountRequest.due_at), col(DiscountRequest.id))).all()
    )


def decide_request(
    *,
    session: Session,
    actor: Identity,
    request_id: int,
    maximums: Mapping[str, object],
    reason_code: str | None = None,
    note: str | None = None,
    instead_of: str | None = None,
    now: datetime | None = None,
) -> DiscountRequest:
    """Approve each requested group with a maximum (blank or 0: refused), or reject all.

    A request with no group approved is rejected and needs a reason.
    """
    require_staff(actor)
    now = now or utcnow()
    request = workflow.load(session, REQUESTS, request_id)
    workflow.check_decider(session, REQUESTS, actor, request, instead_of)
    if request.state != PENDING:
        raise workflow.AlreadyDecided(request)
    decision: dict[str, int | None] = {}
    for group in request.service_groups:
        raw = maximums.get(group)
        bp = None if raw in (None, "", 0, "0") else basis_points(raw)
        decision[group] = bp or None
    approved = any(bp for bp in decision.values())
    if not approved and reason_code not in REJECT_REASONS:
        raise DomainError("error.reason_required")
    text = clean_note(note, required=not approved and reason_code == "other") or None
    lock_partner(session, request.partner_id)
    data = workflow.decision_data(
        actor, request, instead_of, reason_code=None if approved else reason_code
    )
    state = APPROVED if approved else REJECTED
    workflow.take_decision(
        session,
        REQUESTS,
        request,
        state=state,
        decided_at=now,
        decided_by=actor.sub,
        decision=decision,
        reason_code=None if approved else reason_code,
        note=text,
    )
    data = {**data, "decision": decision}
    record_request_event(
        session, request, Step(state, PENDING, state), actor, now, note=text, data=data
    )
    today = _local_today(now)
    for group, bp in decision.items():
        if bp:
            _set_cap(session, request.partner_id, group, bp, today, actor.sub, now, request.id)
    _tell_partner(session, request, state, now)
    return request


def record_request_event(
    session: Session, request: DiscountRequest, *event: Any, **extra: Any
) -> DiscountRequestEvent:
    """Append one event of a discount request, in the caller's transaction."""
    return append_event(session, DiscountRequestEvent, *event, request_id=request.id, **extra)


def request_record(
    session: Session, actor: Identity, request_id: int
) -> tuple[DiscountRequest, Partner, list[DiscountRequestEvent]]:
    """Staff: one request with its partner and its history."""
    require_staff(actor)
    request = workflow.load(session, REQUESTS, request_id)
    return (
        request,
        session.get(Partner, request.partner_id),
        request_events(session, actor, request_id),
    )


def request_events(session: Session, actor: Identity, request_id: int) -> list:
    """Staff: a request's history, oldest first."""
    require_staff(actor)
    return history(session, DiscountRequestEvent, request_id=request_id)


# --- maximums and customers' discounts --------------------------------------------


def _set_cap(session, partner_id, group, bp, day, by, now, request_id=None) -> int:
    """A new maximum version; returns how many customers' versions it capped."""
    session.add(
        DiscountCap(
            partner_id=partner_id,
            service_group=group,
            max_bp=bp,
            effective_from=day,
            request_id=request_id,
            set_by=by,
            at=now,
        )
    )
    session.flush()
    return enforce_caps(session, partner_id, group, day, by=by, now=now)


def change_maximum(
    *,
    session: Session,
    actor: Identity,
    partner_id: int,
    group: str,
    maximum: object,
    effective_from: date | None = None,
    now: datetime | None = None,
) -> int:
    """The partner team sets a new maximum from a date (today or later); returns customers capped."""
    require_staff(actor)
    now = now or utcnow()
    day = effective_from or _local_today(now)
    if day < _local_today(now):
        raise DomainError("discounts.retroactive")
    if group not in SERVICE_CODES:
        raise DomainError("discounts.choose_groups")
    bp = basis_points(maximum)
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise DomainError("discounts.not_found")
    refuse_own(session, actor, {partner.account_sub})
    lock_partner(session, partner_id)
    capped = _set_cap(session, partner_id, group, bp, day, actor.sub, now)
    return capped


def first_discount_day(now: datetime) -> date:
    """The earliest day a customer discount set at ``now`` may take effect: tomorrow,
    Vietnam time (the day's usage so far, and the rest of it, keep today's discount)."""
    return _local_today(now) + timedelta(days=1)


def set_customer_discount(
    *,
    session: Session,
    identity: Identity,
    link_id: int,
    group: str,
    discount: object,
    effective_from: date,
    now: datetime | None = None,
) -> CustomerDiscount:
    """A partner gives an active customer a discount on a group, from tomorrow or later."""
    now = now or utcnow()
    partner, _ = require_partner(session, identity)
    link = session.get(CustomerLink, link_id)
    if link is None or link.partner_id != partner.id:
        raise DomainError("customers.not_found")
    if link.state != LinkState.ACTIVE:
        raise DomainError("credits.customer_not_active")
    if not isinstance(effective_from, date) or effective_from < first_discount_day(now):
        # From the start of a day only: one day's usage is priced at one discount.
        raise DomainError("discounts.from_tomorrow")
    bp = basis_points(discount)
    lock_partner(session, partner.id)
    maximum = cap_at(session, partner.id, group, effective_from)
    if maximum is None:
        raise DomainError("discounts.no_maximum")
    if bp > maximum:
        raise DomainError("discounts.over_maximum", maximum=percent(maximum))
    previous = discount_at(session, link_id, group, effective_from)
    if bp == previous:
        raise DomainError("discounts.unchanged", discount=percent(bp))
    version = CustomerDiscount(
        partner_id=partner.id,
        link_id=link_id,
        service_group=group,
        discount_bp=bp,
        previous_bp=previous,
        effective_from=effective_from,
        cause="partner",
        set_by=identity.sub,
        at=now,
    )
    session.add(version)
    session.flush()
    # The new version may hold past a later, lower maximum: capped from that day.
    enforce_caps(session, partner.id, group, effective_from, by=RULE, now=now, link_ids=[link_id])
    return version


def discount_history(
    session: Session,
    actor: Identity,
    *,
    partner_id: int | None = None,
    link_id: int | None = None,
    limit: int = 500,
) -> list[CustomerDiscount]:
    """Newest first: a partner sees its own customers'; the partner team sees all."""
    partner_id = readable_partner(session, actor, partner_id, sees_all=actor.is_staff)
    where = [] if partner_id is None else [CustomerDiscount.partner_id == partner_id]
    if link_id is not None:
        where.append(CustomerDiscount.link_id == link_id)
    query = select(CustomerDiscount).where(*where).order_by(col(CustomerDiscount.id).desc())
    return list(session.exec(query.limit(limit)).all())


def maximums_of(session: Session, identity: Identity, day: date) -> dict[str, int]:
    """The partner's approved maximums in effect on ``day``, by service group."""
    partner, _ = require_partner(session, identity)
    found = {g: cap_at(session, partner.id, g, day) for g in SERVICE_CODES}
    return {g: bp for g, bp in found.items() if bp is not None}


def requests_of(session: Session, identity: Identity) -> list[DiscountRequest]:
    partner, _ = require_partner(session, identity)
    return list(
        session.exec(
            select(DiscountRequest)
            .where(DiscountRequest.partner_id == partner.id)
            .order_by(col(DiscountRequest.id).desc())
        ).all()
    )


def alert_overdue_requests(*, session: Session, now: datetime | None = None) -> int:
    """Each newly overdue request alerts its assignee (or every reviewer) once per person."""
    return workflow.alert_overdue(session=session, subject=REQUESTS, now=now)


def _concerns(session: Session, request: DiscountRequest) -> set[str]:
    partner = session.get(Partner, request.partner_id)
    return {partner.account_sub} if partner else set()


def _alert_item(
    session: Session, request: DiscountRequest, language: str, owner: Account | None
) -> dict:
    partner = session.get(Partner, request.partner_id)
    return {
        "request_id": request.id,
        "partner": f"{partner.company} ({partner.partner_code})",
        "groups": ", ".join(t(f"service.{g}", language) for g in request.service_groups),
        "due_local": format_deadline(request.due_at, language),
        "assignee": (owner.email if owner else "") or "",
    }


REQUESTS = Subject(
    name="discount_request",
    model=DiscountRequest,
    waiting=PENDING,
    open_states=(PENDING,),
    not_found="discounts.not_found",
    event_model=DiscountRequestEvent,
    event_key="request_id",
    record=record_request_event,
    concerns=_concerns,
    alert_template="discount_overdue_alert",
    alert_item=_alert_item,
    digest_items="discount_requests",
    alert_task="discount_overdue_alerts",
    digest_counts="discounts",
)
