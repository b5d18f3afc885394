"""Which event sends which email, and the outbox row written with the event."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import Session, select

from core.platform.locale import format_deadline, format_moment, t
from core.platform.models import (
    Account,
    Application,
    ApplicationEvent,
    OutboxMessage,
    OutboxStatus,
    Partner,
)
from core.platform.settings import Settings, settings_of

# A new kind of email is one template pair plus one line here.
EMAIL_FOR_EVENT: dict[str, str] = {
    "submitted": "submitted",
    "approved": "approved",
    "rejected": "rejected",
    "withdrawn": "withdrawn",
}
# What "send the email again" re-sends, by the application's state.
EMAIL_FOR_STATE: dict[str, str] = {
    "pending": "submitted",
    "approved": "approved",
    "rejected": "rejected",
}


def email_context(
    application: Application, settings: Settings, name: str = "", language: str | None = None
) -> dict[str, Any]:
    """The values every template may use, formatted in the applicant's language."""
    lang = language or application.language
    decided = application.decided_at
    reapply = None
    if decided is not None and settings.reapply_cooldown_days > 0:
        reapply = format_moment(decided + timedelta(days=settings.reapply_cooldown_days), lang)
    return {
        "name": name or application.email,
        "company": application.company or application.email,
        "application_id": application.id,
        "due_local": format_deadline(application.due_at, lang),
        "decided_local": format_moment(decided, lang) if decided else "",
        "reason_label": t(f"reason.{application.reason_code}", lang)
        if application.reason_code
        else "",
        "note": application.decision_note or "",
        "partner_code": "",
        "reapply_local": reapply,
        "status_url": settings.app_base_url,
        "support_email": settings.support.email,
        "support_phone": settings.support.phone,
        "support_url": settings.support.url,
    }


def enqueue_email(
    session: Session,
    application: Application,
    event: ApplicationEvent,
    kind: str,
    settings: Settings | None = None,
    extra: dict[str, Any] | None = None,
) -> OutboxMessage | None:
    """Add the email to the outbox in the caller's transaction (no commit here).

    None when the account gave no email address: there is no one to write to.
    """
    if not application.email:
        return None
    settings = settings or settings_of(session)
    account = session.get(Account, application.account_sub)
    name = account.display_name if account else ""
    # The language the applicant uses now: it may have changed since submitting.
    language = account.language if account else application.language
    if kind == "approved":  # the welcome names the partner ID the approval just created
        partner = session.exec(
            select(Partner).where(Partner.account_sub == application.account_sub)
        ).first()
        extra = {"partner_code": partner.partner_code if partner else "", **(extra or {})}
    message = OutboxMessage(
        event_id=event.id,
        application_id=application.id,
        kind=kind,
        recipient=application.email,
        recipient_sub=application.account_sub,
        language=language,
        context={**email_context(application, settings, name, language), **(extra or {})},
        status=OutboxStatus.PENDING,
        created_at=event.at,
        next_attempt_at=event.at,
    )
    session.add(message)
    return message


def enqueue_for_event(
    session: Session, application: Application, event: ApplicationEvent
) -> OutboxMessage | None:
    kind = EMAIL_FOR_EVENT.get(event.kind)
    return enqueue_email(session, application, event, kind) if kind else None


def enqueue_staff_email(
    session: Session,
    account: Account,
    kind: str,
    context: dict[str, Any],
    *,
    at,
    event: ApplicationEvent | None = None,
    application_id: int | None = None,
    dedupe_key: str | None = None,
    settings: Settings | None = None,
) -> OutboxMessage | None:
    """An email to a partner-team member, in their language (no commit here).

    ``dedupe_key`` makes it once only for emails that belong to no event (a
    digest): the database refuses a second row with the same key.
    """
    if not account.email:
        return None
    settings = settings or settings_of(session)
    message = OutboxMessage(
        event_id=event.id if event else None,
        application_id=application_id,
        kind=kind,
        dedupe_key=dedupe_key,
        recipient=account.email,
        recipient_sub=account.sub,
        language=account.language,
        context={
            "name": account.display_name or account.email,
            "queue_url": f"{settings.app_base_url.rstrip('/')}/review_queue",
            "links_url": f"{settings.app_base_url.rstrip('/')}/customer_links",
            "discounts_url": f"{settings.app_base_url.rstrip('/')}/discount_requests",
            **context,
        },
        status=OutboxStatus.PENDING,
        created_at=at,
        next_attempt_at=at,
    )
    session.add(message)
    return message
