"""An account's applications and each one's history of events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from core.messaging.notifications import enqueue_for_event
from core.platform.models import Application, ApplicationEvent
from core.platform.queries import latest, newest
from core.review.events import append_event, history

if TYPE_CHECKING:
    pass


def latest_application(session: Session, account_sub: str) -> Application | None:
    return latest(
        session, Application, Application.submitted_at, Application.account_sub == account_sub
    )


def applications_of(session: Session, account_sub: str) -> list[Application]:
    return newest(
        session, Application, Application.submitted_at, Application.account_sub == account_sub
    )


def events_of(session: Session, application_id: int) -> list[ApplicationEvent]:
    return history(session, ApplicationEvent, application_id=application_id)


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
