"""The one shape of an event log: who did what to a row, when, from which state to which, why."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

if TYPE_CHECKING:
    from core.platform.identity import Identity


def append_event(
    session: Session,
    event_model: Any,
    *,
    kind: str,
    actor: Identity | None,
    at: datetime,
    from_state: str | None = None,
    to_state: str | None = None,
    note: str | None = None,
    data: dict | None = None,
    actor_role: str | None = None,
    **subject: int,
) -> Any:
    """Add one event row (``subject`` names the row: application_id=3, link_id=5, …)."""
    event = event_model(
        **subject,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        actor_sub=actor.sub if actor else "system",
        actor_role=actor_role or (actor.primary_role if actor else "system"),
        at=at,
        note=note,
        data=data or {},
    )
    session.add(event)
    session.flush()
    return event
