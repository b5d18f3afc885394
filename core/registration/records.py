"""An account's applications and each one's history of events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from core.messaging.notifications import enqueue_for_event
from core.platform.models import Application, ApplicationEvent
from core.review.events import append_event

if TYPE_CHECKING:
    pass


def latest_application(session: Session, account_sub: str) -> Application | None:
    return session.exec(
        select(Application)
        .where(Application.account_sub == account_sub)
        .order_by(col(Application.submitted_at).desc(), col(Application.id).desc())
    ).first()


def applications_of(session: Session, account_sub: str) -> list[Application]:
    return list(
        session.exec(
            select(Application)
            .where(Application.account_sub == account_sub)
            .order_by(col(Application.submitted_at).desc())
        )
    )


def events_of(session: Session, application_id: int) -> list[ApplicationEvent]:
    return list(
        session.exec(
            select(ApplicationEvent)
            .where(ApplicationEvent.application_id == application_id)
            .order_by(col(ApplicationEvent.at), col(ApplicationEvent.id))
        )
    )


def record_event(
    session: Session, application: Application, *event: Any, **extra: Any
) -> ApplicationEvent:
    """Append one event of ``application`` (step, actor, at and the rest as ``append_event``
    takes them) and write the emails it calls for, in the caller's transaction."""
    recorded = append_event(
        session, ApplicationEvent, *event, application_id=application.id, **extra
    )
    enqueue_for_event(session, application, recorded)
    return recorded
