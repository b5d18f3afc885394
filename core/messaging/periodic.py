"""Tasks that run when a time passes rather than on an event, each in its own transaction.

A task that fails is logged and rolled back; the tasks after it still run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from core.platform.db import session_scope
from core.platform.logs import timed

log = logging.getLogger("periodic")


@dataclass(frozen=True)
class PeriodicTask:
    """``run(session)`` returns how much it did: a count, or counts by name."""

    name: str
    run: Callable[[Session], int | tuple[int, ...] | Mapping[str, int]]
    # Names for the counts of a task that returns a tuple.
    counts: tuple[str, ...] = ()


def run_tasks(engine: Engine, tasks: Sequence[PeriodicTask]) -> dict[str, int | None]:
    """Run every task; a failed task's count is None."""
    done: dict[str, int | None] = {}
    for task in tasks:
        with (
            session_scope(engine) as session,
            timed(log, "periodic_task", use_case=task.name) as outcome,
        ):
            try:
                result = task.run(session)
                session.commit()
            except Exception:
                session.rollback()
                log.exception("periodic task %s failed; the others go on", task.name)
                done.update(dict.fromkeys(task.counts or (task.name,)))
                outcome["outcome"] = "error"
                continue
        if isinstance(result, tuple):
            done.update(zip(task.counts, result, strict=True))
        elif isinstance(result, Mapping):
            done.update(result)
        else:
            done[task.name] = result
    return done
