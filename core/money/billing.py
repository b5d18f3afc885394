"""GreenNode's billing system behind one small interface, and the delivery of top-ups to it.

``BillingSystem.apply_credit(key, customer_sub, amount, link_id) -> reference``
applies a top-up once per idempotency key; ``daily_usage(day)`` lists what
each customer used per service group. ``HttpBilling`` calls the configured
endpoint (production, and the local simulator that ``make run`` starts).

A top-up's delivery row is written in the top-up's own transaction; the
outbox (core.messaging.outbox) delivers it through ``BillingHandler``: it calls
billing with the top-up's key and records the outcome, retrying with back-off. A worker that
dies mid-call leaves the lease to lapse; the next worker sends the same key
again and billing applies it once. Finance staff see failed deliveries and
can send them again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Protocol

import httpx
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.messaging import outbox
from core.messaging.outbox import OutboxHandler, Refused
from core.platform.clock import utcnow
from core.platform.directory import bearer, no_json_constants
from core.platform.errors import DomainError, Forbidden
from core.platform.models import BillingDelivery, CreditMovement, OutboxStatus
from core.platform.settings import Settings

if TYPE_CHECKING:
    from core.platform.identity import Identity

log = logging.getLogger("billing")


class BillingUnavailable(Exception):
    """Billing did not answer, or answered with a failure worth retrying."""


class BillingRefused(Refused):
    """Billing refused the request itself (4xx): sending it again will not help."""


@dataclass(frozen=True)
class HeldRow:
    """A row of billing's usage that failed validation: kept aside, reported, not priced."""

    day: date
    reason: str
    raw: str


@dataclass(frozen=True)
class UsageRow:
    day: date
    customer_sub: str
    service_group: str
    quantity: float
    unit: str


class BillingSystem(Protocol):
    def apply_credit(self, *, key: str, customer_sub: str, amount: int, link_id: int) -> str: ...

    def daily_usage(self, day: date) -> list[UsageRow | HeldRow]: ...


class HttpBilling:
    """``POST {url}/credits`` with an ``Idempotency-Key`` header; ``GET {url}/usage?day=``."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        token: str = "",
        client: httpx.Client | None = None,
    ):
        self._url = base_url.rstrip("/")
        self._client = client or httpx.Client(
            timeout=timeout, follow_redirects=False, headers=bearer(token)
        )

    def apply_credit(self, *, key: str, customer_sub: str, amount: int, link_id: int) -> str:
        try:
            response = self._client.post(
                f"{self._url}/credits",
                json={"customer_sub": customer_sub, "amount_vnd": amount, "link_id": link_id},
                headers={"Idempotency-Key": key},
            )
        except httpx.HTTPError as error:
            raise BillingUnavailable(type(error).__name__) from error
        status = response.status_code
        if status in (200, 201):
            return _reference(response)
        if 400 <= status < 500 and status not in (408, 429):
            raise BillingRefused(f"HTTP {status}: {_excerpt(response.text)}")
        # 5xx, 408, 429, a redirect or any other status: worth sending again (same key).
        raise BillingUnavailable(f"HTTP {status}")

    def daily_usage(self, day: date) -> list[UsageRow | HeldRow]:
        try:
            response = self._client.get(f"{self._url}/usage", params={"day": day.isoformat()})
            response.raise_for_status()
            rows = response.json(parse_constant=no_json_constants)
        except (httpx.HTTPError, ValueError) as error:
            raise BillingUnavailable(type(error).__name__) from error
        if not isinstance(rows, list):
            raise BillingUnavailable("usage is not a list")
        return [_usage(row, day) for row in rows]


class _CreditAnswer(BaseModel):
    """Billing's answer to a credit, as the portal accepts it."""

    model_config = ConfigDict(strict=True, extra="ignore")

    reference: Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[!-~]+$")]


def _reference(response: httpx.Response) -> str:
    """The reference of an applied credit; BillingUnavailable saying what was wrong with
    the answer otherwise (sent again with the same key, billing applies it once)."""
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise BillingUnavailable(f"HTTP {response.status_code} answer is {kind or 'untyped'}")
    try:
        body = response.json(parse_constant=no_json_constants)
    except ValueError:
        raise BillingUnavailable("answer is not JSON") from None
    try:
        return _CreditAnswer.model_validate(body).reference
    except ValidationError as error:
        problem = error.errors()[0]
        field = ".".join(str(part) for part in problem["loc"]) or "answer"
        raise BillingUnavailable(f"answer without a usable reference: {field}") from None


def _excerpt(text: str) -> str:
    """A short, one-line, printable piece of an answer, for the delivery's error."""
    return "".join(ch if ch.isprintable() else " " for ch in text[:200])


# The most of any unit one customer can use in a day: larger is a broken answer, not usage.
MAX_QUANTITY = 1e12


class _UsageAnswer(BaseModel):
    """One row of billing's usage answer, as the portal accepts it."""

    model_config = ConfigDict(strict=True, extra="ignore")

    customer_sub: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    service_group: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    unit: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    quantity: Annotated[float, Field(ge=0, le=MAX_QUANTITY, allow_inf_nan=False)]

    @field_validator("quantity", mode="before")
    @classmethod
    def _number(cls, value: object) -> object:
        # An integer is a number too; true/false and text are not.
        return float(value) if type(value) is int else value


def _usage(row: object, day: date) -> UsageRow | HeldRow:
    """A usable row, or the row held aside with the reason (it is never guessed at)."""
    try:
        answer = _UsageAnswer.model_validate(row)
    except ValidationError as error:
        problem = error.errors()[0]
        field = ".".join(str(part) for part in problem["loc"]) or "row"
        return HeldRow(day, f"{field}: {problem['msg']}", _raw(row))
    return UsageRow(day, answer.customer_sub, answer.service_group, answer.quantity, answer.unit)


def _raw(row: object) -> str:
    try:
        text = json.dumps(row, ensure_ascii=False, default=str)
    except ValueError:
        text = repr(row)
    return text[:500]


def billing_for(settings: Settings) -> BillingSystem:
    return HttpBilling(
        settings.billing_url, timeout=settings.billing_timeout, token=settings.billing_token
    )


def delivery_for(movement: CreditMovement) -> BillingDelivery:
    """The delivery row a top-up writes in its own transaction."""
    return BillingDelivery(
        **movement.model_dump(include={"link_id", "customer_sub", "amount", "idempotency_key"}),
        movement_id=movement.id,
        status=OutboxStatus.PENDING,
        created_at=movement.at,
        next_attempt_at=movement.at,
    )


class BillingHandler(OutboxHandler):
    """One top-up's delivery: billing applies it once per idempotency key."""

    name = "billing"
    model = BillingDelivery
    refused = (BillingRefused,)

    def __init__(self, billing: BillingSystem) -> None:
        self._billing = billing

    def send(self, row: BillingDelivery) -> dict:
        reference = self._billing.apply_credit(
            key=row.idempotency_key,
            customer_sub=row.customer_sub,
            amount=row.amount,
            link_id=row.link_id,
        )
        return {"billing_reference": reference}

    def describe(self, row: BillingDelivery) -> str:
        return f"top-up {row.movement_id} to billing"


def deliver_due(
    engine: Engine,
    worker: str,
    *,
    billing: BillingSystem | None = None,
    settings: Settings,
) -> int:
    """Claim the due top-ups and hand each to billing; returns how many were handled."""
    handler = BillingHandler(billing or billing_for(settings))
    return outbox.deliver_due(engine, handler, settings, worker).handled


def deliveries_needing_attention(session: Session, actor: Identity) -> list[BillingDelivery]:
    """Finance: deliveries that failed, or wait to retry after an error."""
    if not actor.is_finance:
        raise Forbidden()
    return outbox.needing_attention(session, BillingDelivery)


def retry_delivery(
    *, session: Session, actor: Identity, delivery_id: int, now: datetime | None = None
) -> BillingDelivery:
    """Finance sends a failed delivery again (with the same key: billing applies it once)."""
    if not actor.is_finance:
        raise Forbidden()
    now = now or utcnow()
    changed = session.exec(
        update(BillingDelivery)
        .where(BillingDelivery.id == delivery_id, BillingDelivery.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, next_attempt_at=now, claimed_until=None)
    )
    if changed.rowcount != 1:
        raise DomainError("billing.not_failed")
    return session.get(BillingDelivery, delivery_id)


def pending_by_link(session: Session, link_ids: list[int]) -> dict[int, int]:
    """Credit topped up but not yet confirmed by billing, per customer link."""
    if not link_ids:
        return {}
    rows = session.exec(
        select(BillingDelivery.link_id, BillingDelivery.amount).where(
            col(BillingDelivery.link_id).in_(link_ids),
            BillingDelivery.status != OutboxStatus.SENT,
        )
    ).all()
    pending: dict[int, int] = {}
    for link_id, amount in rows:
        pending[link_id] = pending.get(link_id, 0) + int(amount)
    return pending
