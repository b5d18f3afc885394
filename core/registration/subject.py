"""Applications as the review workflow sees them (core.review.workflow)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, cast
from sqlmodel import Session

from core.platform.locale import format_deadline
from core.platform.models import OPEN_STATES, Account, Application, ApplicationEvent, State
from core.registration.records import record_event
from core.review import workflow
from core.review.workflow import Subject


def _item(session: Session, application: Application, language: str, owner: Account | None):
    return {
        "application_id": application.id,
        "company": application.company or application.email,
        "due_local": format_deadline(application.due_at, language),
        "assignee": (owner.email if owner else application.assigned_to) or "",
    }


APPLICATIONS = Subject(
    name="application",
    model=Application,
    waiting=State.PENDING,
    open_states=tuple(OPEN_STATES),
    not_found="error.not_found",
    event_model=ApplicationEvent,
    event_key="application_id",
    record=record_event,
    concerns=lambda session, application: {application.account_sub},
    alert_template="overdue_alert",
    alert_item=_item,
    # The number of questions asked so far: an answer sets a new due time, which may
    # be missed again and alerts again.
    alert_round=lambda application: str(application.info_requests),
    alert_round_sql=lambda: cast(Application.info_requests, String),
    alert_email_keys=lambda application, event, account: {
        "event": event,
        "application_id": application.id,
    },
)


def alert_overdue(*, session: Session, now: datetime | None = None) -> int:
    """Alert the assignee (or every reviewer, if unassigned) of each newly overdue application."""
    return workflow.alert_overdue(session=session, subject=APPLICATIONS, now=now)
