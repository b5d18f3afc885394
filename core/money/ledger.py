"""Credit in VND: finance grants to partners, partners' top-ups of customers, the ledger check.

Money is never lost, doubled or negative:

- every movement is one ``credit_movement`` row and two ``ledger_entry`` rows
  that sum to zero, written in one transaction; the database refuses to
  update or delete either (append-only triggers);
- balances are sums of entries, never stored;
- an attempt carries an idempotency key (unique in the database): the same
  click twice, two tabs or two servers find the movement already made;
- a top-up takes the partner's row lock (``SELECT … FOR UPDATE``; SQLite's
  writer lock) before it reads the balance, so concurrent top-ups queue and
  none can take the balance below zero.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notices import enqueue_notice, partner_recipient
from core.messaging.quoting import their_words
from core.money.billing import delivery_for
from core.platform.clock import utcnow
from core.platform.errors import DomainError, Forbidden
from core.platform.locale import locale_for
from core.platform.models import (
    LEDGER_CHECK,
    BillingDelivery,
    CreditMovement,
    CustomerLink,
    LedgerEntry,
    LinkState,
    OutboxStatus,
    Partner,
    ScheduledCheck,
)
from core.platform.settings import Settings, settings_of
from core.platform.text import clean_line, has_hidden_characters
from core.registration.membership import lock_partner, readable_partner, require_partner

if TYPE_CHECKING:
    from core.platform.identity import Identity

log = logging.getLogger("ledger")
SOURCE = "source:finance"
GRANT, TOPUP = "grant", "topup"
KEY_MAX = 80
REFERENCE_MAX = 80
NOTE_MAX = 500


def partner_account(partner_id: int) -> str:
    return f"partner:{partner_id}"


def customer_account(link_id: int) -> str:
    return f"customer:{link_id}"


@dataclass(frozen=True)
class Limits:
    """The smallest and largest top-up, in VND."""

    minimum: int
    maximum: int

    @classmethod
    def configured(cls, settings: Settings) -> Limits:
        return cls(settings.topup_min_vnd, settings.topup_max_vnd)


SEPARATORS = ".,  "


def whole_vnd(amount: object) -> int:
    """An amount of VND as a positive whole number; DomainError (saying why) for anything else.

    Text may group thousands with dots, commas or spaces (5.000.000, 5,000,000);
    anything with a fractional part or a sign is refused, never rounded.
    """
    if isinstance(amount, str):
        amount = _parse_vnd(amount.strip())
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise DomainError("credits.amount_whole")
    if amount <= 0:
        raise DomainError("credits.amount_positive")
    return amount


def grant_amount(amount: object, settings: Settings) -> int:
    """A grant's amount: whole VND, at most GRANT_MAX_VND (checked at review and at grant)."""
    value = whole_vnd(amount)
    maximum = settings.grant_max_vnd
    if value > maximum:
        raise DomainError("credits.grant_max", maximum=maximum)
    return value


def grant_reference(reference: str) -> str:
    """A grant's invoice or payment reference, one line of 3 to REFERENCE_MAX characters."""
    ref = clean_line(reference, REFERENCE_MAX + 1)
    if not 3 <= len(ref) <= REFERENCE_MAX:
        raise DomainError("credits.reference_required", maximum=REFERENCE_MAX)
    return ref


def top_up_amount(amount: object, limits: Limits, available: int | None = None) -> int:
    """A top-up's amount: whole VND within the limits and, when ``available`` is given, no
    more than the balance. The review step checks all of it; the top-up checks it again
    under the partner's lock."""
    value = whole_vnd(amount)
    if not limits.minimum <= value <= limits.maximum:
        raise DomainError("credits.amount_limits", minimum=limits.minimum, maximum=limits.maximum)
    if available is not None and value > available:
        raise DomainError("credits.over_balance_by", available=available)
    return value


def _parse_vnd(text: str) -> int:
    if text.startswith("-"):
        raise DomainError("credits.amount_positive")
    groups, group, separator = [], "", None
    for ch in text:
        if ch.isdigit() and ch.isascii():
            group += ch
        elif ch in SEPARATORS and group and separator in (None, ch):
            separator = ch
            groups.append(group)
            group = ""
        else:
            raise DomainError(
                "credits.amount_whole" if ch in SEPARATORS else "credits.amount_format"
            )
    groups.append(group)
    if not groups[0] or len(groups[0]) > 18 or any(len(g) != 3 for g in groups[1:]):
        # "1000.5" is a decimal, not thousands: a fraction of a dong is refused.
        raise DomainError("credits.amount_whole")
    return int("".join(groups))


def _key(value: str) -> str:
    if not isinstance(value, str) or not 8 <= len(value) <= KEY_MAX or has_hidden_characters(value):
        raise DomainError("credits.bad_attempt")
    return value


def balance(session: Session, account: str) -> int:
    total = session.exec(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(LedgerEntry.account == account)
    ).one()
    return int(total)


def _existing(session: Session, key: str) -> CreditMovement | None:
    return session.exec(select(CreditMovement).where(CreditMovement.idempotency_key == key)).first()


def _same_attempt(found: CreditMovement, **expected) -> CreditMovement:
    """The movement an attempt already made; a key reused for something else is refused."""
    if any(getattr(found, name) != value for name, value in expected.items()):
        raise DomainError("credits.key_reused")
    return found


def _write(session: Session, movement: CreditMovement, debit: str, credit: str) -> None:
    session.add(movement)
    session.flush()
    for account, amount in ((debit, -movement.amount), (credit, movement.amount)):
        session.add(
            LedgerEntry(movement_id=movement.id, account=account, amount=amount, at=movement.at)
        )
    session.flush()


def _commit_once(session: Session, key: str, write, **expected) -> CreditMovement:
    """Write the movement, or find the one the same attempt made (also when it raced us)."""
    try:
        with session.begin_nested():
            movement = write()
        return movement
    except IntegrityError:
        found = _existing(session, key)
        if found is None:
            raise
        return _same_attempt(found, **expected)


def grant_credit(
    *,
    session: Session,
    actor: Identity,
    partner_id: int,
    amount: object,
    reference: str,
    idempotency_key: str,
    now: datetime | None = None,
) -> CreditMovement:
    """Finance staff add credit to a partner's balance, against an invoice or payment reference."""
    require_finance(actor)
    now = now or utcnow()
    key = _key(idempotency_key)
    value = grant_amount(amount, settings_of(session))
    ref = grant_reference(reference)
    expected = {"kind": GRANT, "partner_id": partner_id, "amount": value}
    if (found := _existing(session, key)) is not None:
        return _same_attempt(found, **expected)

    def write() -> CreditMovement:
        lock_partner(session, partner_id)
        movement = CreditMovement(
            kind=GRANT,
            idempotency_key=key,
            partner_id=partner_id,
            amount=value,
            reference=ref,
            actor_sub=actor.sub,
            at=now,
        )
        _write(session, movement, SOURCE, partner_account(partner_id))
        _tell_partner_of_grant(session, movement)
        return movement

    return _commit_once(session, key, write, **expected)


def _tell_partner_of_grant(session: Session, movement: CreditMovement) -> None:
    """The partner's business contact hears of new credit, in its language, once."""
    partner = session.get(Partner, movement.partner_id)
    to = partner_recipient(session, partner)
    if not to.address:
        return
    written = locale_for(to.language)
    enqueue_notice(
        session,
        to,
        message_key="mail.grant",
        values={
            "amount": written.number(movement.amount),
            "reference": their_words(movement.reference or "", 80),
            "balance": written.number(balance(session, partner_account(partner.id))),
        },
        dedupe_key=f"grant:{movement.id}",
        at=movement.at,
    )


def top_up(
    *,
    session: Session,
    identity: Identity,
    link_id: int,
    amount: object,
    note: str,
    idempotency_key: str,
    limits: Limits | None = None,
    again: bool = False,
    now: datetime | None = None,
) -> CreditMovement:
    """A partner moves credit from its balance to one of its active customers.

    The same attempt (its idempotency key) sent again returns the movement it made. A new
    attempt identical to a top-up made in the last ten minutes (another tab, a second
    press after Back) is refused with SameTopUpRecently unless ``again`` says the
    partner wants another. Refused with nothing written: an amount that is not a whole
    number of VND, outside the limits or above the balance; a customer that is not active
    or is another partner's. The link's state and the balance are read under the
    partner's lock.
    """
    now = now or utcnow()
    partner, _ = require_partner(session, identity)
    key = _key(idempotency_key)
    value = top_up_amount(amount, limits or Limits.configured(settings_of(session)))
    text = clean_line(note, NOTE_MAX)
    link = session.get(CustomerLink, link_id)
    if link is None or link.partner_id != partner.id:
        raise DomainError("customers.not_found")
    expected = {"kind": TOPUP, "partner_id": partner.id, "link_id": link_id, "amount": value}
    if (found := _existing(session, key)) is not None:
        return _same_attempt(found, **expected)
    if link.state != LinkState.ACTIVE:
        raise DomainError("credits.customer_not_active")

    def write() -> CreditMovement:
        lock_partner(session, partner.id)
        if (found := _existing(session, key)) is not None:
            return _same_attempt(found, **expected)  # the same attempt, made while we waited
        # Read again under the lock: a link ended a moment ago takes no more credit.
        session.refresh(link)
        if link.state != LinkState.ACTIVE:
            raise DomainError("credits.customer_not_active")
        if not again and (made := same_top_up_recently(session, partner.id, link_id, value, now)):
            raise SameTopUpRecently(made)
        if balance(session, partner_account(partner.id)) < value:
            raise DomainError("credits.over_balance")
        movement = CreditMovement(
            kind=TOPUP,
            idempotency_key=key,
            partner_id=partner.id,
            link_id=link_id,
            customer_sub=link.customer_sub,
            amount=value,
            note=text,
            actor_sub=identity.sub,
            at=now,
        )
        _write(session, movement, partner_account(partner.id), customer_account(link_id))
        # Handed to billing through its outbox, in this same transaction.
        session.add(delivery_for(movement))
        session.flush()
        return movement

    return _commit_once(session, key, write, **expected)


# A second top-up of the same amount to the same customer within this time is asked about.
SAME_TOP_UP_WINDOW = timedelta(minutes=10)


class SameTopUpRecently(DomainError):
    """The same top-up (partner, customer, amount) was made a moment ago: another one is
    made only when the partner says so (``again=True``)."""

    def __init__(self, movement: CreditMovement) -> None:
        super().__init__("credits.same_recently", amount=movement.amount, at=movement.at)
        self.movement = movement


def same_top_up_recently(
    session: Session, partner_id: int, link_id: int, amount: int, now: datetime
) -> CreditMovement | None:
    """The latest top-up of ``amount`` to the link within SAME_TOP_UP_WINDOW, if any."""
    return session.exec(
        select(CreditMovement)
        .where(
            CreditMovement.kind == TOPUP,
            CreditMovement.partner_id == partner_id,
            CreditMovement.link_id == link_id,
            CreditMovement.amount == amount,
            col(CreditMovement.at) > now - SAME_TOP_UP_WINDOW,
        )
        .order_by(col(CreditMovement.id).desc())
    ).first()


@dataclass(frozen=True)
class LedgerProblem:
    rule: str
    ids: tuple[int, ...]


def ledger_check(session: Session) -> list[LedgerProblem]:
    """Every invariant of the ledger, each with the ids that break it (empty: all hold)."""
    problems = []
    sums = session.exec(
        select(
            LedgerEntry.movement_id,
            func.count(),
            func.sum(LedgerEntry.amount),
        ).group_by(LedgerEntry.movement_id)
    ).all()
    unbalanced = tuple(sorted(m for m, n, total in sums if n != 2 or int(total) != 0))
    if unbalanced:
        problems.append(LedgerProblem("movement entries do not balance", unbalanced))
    with_entries = {m for m, _, _ in sums}
    movements = session.exec(select(CreditMovement.id, CreditMovement.amount)).all()
    missing = tuple(sorted(m for m, amount in movements if m not in with_entries or amount <= 0))
    if missing:
        problems.append(LedgerProblem("movement without entries or not positive", missing))
    negative: set[int] = set()
    running: dict[str, int] = {}
    rows = session.exec(
        select(LedgerEntry.id, LedgerEntry.account, LedgerEntry.amount).order_by(
            col(LedgerEntry.id)
        )
    ).all()
    for entry_id, account, amount in rows:
        running[account] = running.get(account, 0) + int(amount)
        if account != SOURCE and running[account] < 0:
            negative.add(entry_id)
    if negative:
        problems.append(LedgerProblem("a balance went below zero", tuple(sorted(negative))))
    delivered = dict(
        session.exec(
            select(BillingDelivery.movement_id, func.count()).group_by(BillingDelivery.movement_id)
        ).all()
    )
    topups = session.exec(select(CreditMovement.id).where(CreditMovement.kind == TOPUP)).all()
    undelivered = tuple(sorted(m for m in topups if delivered.get(m, 0) != 1))
    if undelivered:
        problems.append(
            LedgerProblem("top-up without exactly one delivery to billing", undelivered)
        )
    confirmed = session.exec(
        select(BillingDelivery.movement_id).where(
            BillingDelivery.status == OutboxStatus.SENT,
            col(BillingDelivery.billing_reference).is_(None),
        )
    ).all()
    if confirmed:
        problems.append(
            LedgerProblem("delivery confirmed without billing's reference", tuple(confirmed))
        )
    return problems


def daily_ledger_check(session: Session, now: datetime | None = None) -> int:
    """The worker's scheduled run of ``ledger_check``, once a day (whichever worker comes
    first after a day has passed): 1 ran, 0 not due. Its time, result and number of broken
    invariants stay in ``scheduled_check``, which the metrics report and an alert watches."""
    now = now or utcnow()
    last = session.get(ScheduledCheck, LEDGER_CHECK)
    if last is not None and now - last.ran_at < timedelta(days=1):
        return 0
    problems = ledger_check(session)
    for problem in problems:
        log.error("ledger check: %s: %s", problem.rule, ", ".join(map(str, problem.ids)))
    row = last or ScheduledCheck(name=LEDGER_CHECK, passed=True)
    row.ran_at, row.passed, row.problems = now, not problems, len(problems)
    session.add(row)
    return 1


# --- reading --------------------------------------------------------------------


def require_finance(actor: Identity | None) -> Identity:
    if actor is None or not actor.is_finance:
        raise Forbidden()
    return actor


def partner_balances(session: Session, actor: Identity) -> list[tuple[Partner, int]]:
    """Finance: every partner with its balance, in one aggregate query."""
    require_finance(actor)
    totals = dict(
        session.exec(
            select(LedgerEntry.account, func.sum(LedgerEntry.amount))
            .where(col(LedgerEntry.account).like("partner:%"))
            .group_by(LedgerEntry.account)
        ).all()
    )
    partners = session.exec(select(Partner).order_by(col(Partner.id))).all()
    # Those with credit first, the largest balance first: the ones finance follows.
    balances = [(p, int(totals.get(partner_account(p.id), 0))) for p in partners]
    return sorted(balances, key=lambda pair: -pair[1])


def movements(
    session: Session, actor: Identity, *, partner_id: int | None = None, limit: int = 200
) -> list[CreditMovement]:
    """Newest first: finance sees any partner's (or all); a partner only its own."""
    partner_id = readable_partner(session, actor, partner_id, sees_all=actor.is_finance)
    where = [] if partner_id is None else [CreditMovement.partner_id == partner_id]
    query = select(CreditMovement).where(*where).order_by(col(CreditMovement.id).desc())
    return list(session.exec(query.limit(limit)).all())


def customer_balances(session: Session, identity: Identity) -> list[tuple[CustomerLink, int]]:
    """The partner's active customers, each with the credit topped up to it."""
    partner, _ = require_partner(session, identity)
    links = session.exec(
        select(CustomerLink)
        .where(CustomerLink.partner_id == partner.id, CustomerLink.state == LinkState.ACTIVE)
        .order_by(col(CustomerLink.id))
    ).all()
    totals = (
        dict(
            session.exec(
                select(LedgerEntry.account, func.sum(LedgerEntry.amount))
                .where(col(LedgerEntry.account).in_([customer_account(link.id) for link in links]))
                .group_by(LedgerEntry.account)
            ).all()
        )
        if links
        else {}
    )
    return [(link, int(totals.get(customer_account(link.id), 0))) for link in links]


def own_balance(session: Session, identity: Identity) -> int:
    partner, _ = require_partner(session, identity)
    return balance(session, partner_account(partner.id))
