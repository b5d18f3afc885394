"""The one shape of an event log: who did what to a row, when, from which state to which, why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

if TYPE_CHECKING:
    from core.platform.identity import Identity


@dataclass(frozen=True)
class Step:
    """What happened to a row: its event kind and, when its state changed, from which to which."""

    kind: str
    from_state: str | None = None
    to_state: str | None = None


def append_event(
    session: Session,
    event_model: Any,
    step: Step | str,
    actor: Identity | None,
    at: datetime,
    *,
    note: str | None = None,
    data: dict | None = None,
    actor_role: str | None = None,
    **subject: int,
) -> Any:
    """Add one event row: ``step`` (or just its kind) done by ``actor`` (None: the system) at
    ``at``; ``subject`` names the row (application_id=3, link_id=5, …)."""
    step = step if isinstance(step, Step) else Step(step)
    event = event_model(
        **subject,
        kind=step.kind,
        from_state=step.from_state,
        to_state=step.to_state,
        actor_sub=actor.sub if actor else "system",
        actor_role=actor_role or (actor.primary_role if actor else "system"),
        at=at,
        note=note,
        data=data or {},
    )
    session.add(event)
    session.flush()
    return event


def history(session: Session, event_model: Any, **subject: int) -> list:
    """One row's events (``subject`` names it, as in ``append_event``), oldest first."""
    ((key, value),) = subject.items()
    return list(
        session.exec(
            select(event_model)
            .where(getattr(event_model, key) == value)
            .order_by(col(event_model.at), col(event_model.id))
        )
    )
