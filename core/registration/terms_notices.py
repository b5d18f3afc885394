"""Partners told of a new Terms version, once each."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.messaging.notifications import enqueue_email
from core.platform.clock import local, utcnow
from core.platform.models import Application, Partner, State
from core.registration.records import record_event

if TYPE_CHECKING:
    from core.registration.terms import TermsCatalogue


def notify_new_terms(
    *, session: Session, catalogue: TermsCatalogue, now: datetime | None = None
) -> int:
    """Email each partner once about a Terms version in effect that they have not accepted."""
    now = now or utcnow()
    today = local(now).date()
    sent = 0
    rows = session.exec(
        select(Partner, Application)
        .join(Application, col(Application.id) == Partner.application_id)
        .where(Application.state == State.APPROVED)
    ).all()
    for partner, application in rows:
        current = catalogue.current(application.language, today)
        if current.version == partner.terms_version:
            continue
        try:
            with session.begin_nested():
                effective = {"effective": current.effective.isoformat()}
                event = record_event(
                    session,
                    application,
                    "terms_notice",
                    None,
                    now,
                    note=current.version,
                    data=effective,
                )
                enqueue_email(
                    session,
                    application,
                    event,
                    "terms_notice",
                    extra={
                        "terms_version": current.version,
                        "terms_effective": current.effective.isoformat(),
                    },
                )
                session.flush()
        except IntegrityError:
            continue  # already told about this version
        sent += 1
    return sent
