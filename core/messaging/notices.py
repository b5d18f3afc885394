"""Notice emails: one template, subject and paragraphs from the catalogue, through the outbox.

Customer links (to the partner and to the customer) and discount decisions use
it. Each link event names who is told (``AUDIENCES``); the email is written in the
reader's language from the message catalogue (``mail.link.<event>.<audience>``)
into one template, in the transaction of the event. Its outbox key (event and
recipient) makes it once only, however many workers or tabs write it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from core.messaging.quoting import their_note, their_words
from core.platform.locale import format_deadline, t
from core.platform.models import Account, CustomerLink, CustomerLinkEvent, OutboxMessage, Partner
from core.platform.settings import Settings, settings_of

PARTNER, CUSTOMER = "partner", "customer"
# Which event tells whom.
AUDIENCES: dict[str, tuple[str, ...]] = {
    "invited": (CUSTOMER,),
    "invitation_reminder": (CUSTOMER,),
    "confirmed": (PARTNER,),
    "activated": (PARTNER, CUSTOMER),
    "approved": (PARTNER, CUSTOMER),
    "rejected": (PARTNER, CUSTOMER),
    "declined": (PARTNER,),
    "cancelled": (CUSTOMER,),
    "expired": (PARTNER, CUSTOMER),
    "ended": (PARTNER, CUSTOMER),
}
TEMPLATE = "notice"


def _values(link: CustomerLink, partner: Partner, language: str) -> dict[str, Any]:
    return {
        # The partner's own name is its words, not GreenNode's: quoted, never a link.
        "partner": f"{their_words(partner.company)} ({partner.partner_code})",
        "customer": link.customer_company or link.customer_email,
        "customer_email": link.customer_email,
        "friendly": link.friendly_name or link.customer_email,
        "role": t(f"customers.role.{link.role}", language),
        "expires": format_deadline(link.expires_at, language),
        "due": format_deadline(link.due_at, language) if link.due_at else "",
        "reason": t(f"customers.reason.{link.reason_code}", language) if link.reason_code else "",
        "note": their_note(link.note) if link.note else "",
    }


def _note_by(event: CustomerLinkEvent, values: dict[str, Any], language: str) -> str:
    """Whose words the note is: the partner's (named) or GreenNode's partner team."""
    if event.actor_role == PARTNER:
        return t("mail.note_by.partner", language, partner=values["partner"])
    return t("mail.note_by.team", language)


@dataclass(frozen=True)
class Recipient:
    """Who a notice goes to: address, account (sub), language and the name to greet."""

    address: str
    sub: str
    language: str
    name: str


def _recipient(session: Session, link: CustomerLink, partner: Partner, audience: str):
    """The partner or the customer, as a notice's recipient."""
    if audience == PARTNER:
        return partner_recipient(session, partner)
    account = session.get(Account, link.customer_sub)
    language = account.language if account else link.customer_language
    name = (account.display_name if account else "") or link.customer_company
    return Recipient(link.customer_email, link.customer_sub, language, name)


def enqueue_notice(
    session: Session,
    to: Recipient,
    *,
    message_key: str,
    values: dict[str, Any],
    dedupe_key: str,
    at,
    note: str = "",
    note_by: str = "",
    context: dict[str, Any] | None = None,
    settings: Settings | None = None,
) -> OutboxMessage:
    """One notice email (subject and paragraphs from ``message_key``) in the caller's transaction.

    ``dedupe_key`` makes it once only, however many workers or tabs write it.
    """
    settings = settings or settings_of(session)
    address, language = to.address, to.language
    body = t(f"{message_key}.body", language, **values)
    message = OutboxMessage(
        kind=TEMPLATE,
        dedupe_key=dedupe_key[:160],
        recipient=address,
        recipient_sub=to.sub,
        language=language,
        context={
            "name": to.name or address,
            "subject": t(f"{message_key}.subject", language, **values),
            "paragraphs": [p.strip() for p in body.split("\n\n") if p.strip()],
            "note": note,
            "note_by": note_by or t("mail.note_by.team", language),
            "action_url": settings.app_base_url,
            "support_email": settings.support.email,
            "support_phone": settings.support.phone,
            **(context or {}),
        },
        created_at=at,
        next_attempt_at=at,
    )
    session.add(message)
    return message


def partner_recipient(session: Session, partner: Partner) -> Recipient:
    """A partner's business contact, as a notice's recipient."""
    account = session.get(Account, partner.account_sub)
    address = partner.contact_email or (account.email if account else "")
    language = account.language if account else "en"
    return Recipient(address, partner.account_sub, language, partner.company)


def enqueue_link_emails(
    session: Session,
    link: CustomerLink,
    partner: Partner,
    event: CustomerLinkEvent,
    settings: Settings | None = None,
) -> list[OutboxMessage]:
    """The event's emails, added to the caller's transaction (no commit here)."""
    messages = []
    for audience in AUDIENCES.get(event.kind, ()):
        to = _recipient(session, link, partner, audience)
        if not to.address:
            continue
        language = to.language
        values = _values(link, partner, language)
        messages.append(
            enqueue_notice(
                session,
                to,
                message_key=f"mail.link.{event.kind}.{audience}",
                values=values,
                dedupe_key=f"link:{event.id}:{to.sub}",
                at=event.at,
                note=values["note"] if event.kind in ("rejected", "ended") else "",
                note_by=_note_by(event, values, language),
                context={"link_id": link.id, "event": event.kind},
                settings=settings,
            )
        )
    return messages
