"""Logs as one JSON object per line: what happened, in which use case, for whom (masked),
in which session, and how long it took.

``event`` is the message's template (the same for every occurrence, so it can be
counted); ``message`` is the line with its values. Fields set with ``log_context``
(session, actor, page) join every line written inside the block; ``timed`` writes
one line when a block ends, with its duration and outcome. Addresses and account
ids are masked before they reach a log: enough to tell two apart, not to write to.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

_CONTEXT: ContextVar[dict[str, Any]] = ContextVar("log_context", default={})  # noqa: B039
# What a line may carry besides its message: given as ``extra=`` or by ``log_context``.
FIELDS = ("use_case", "actor", "session", "page", "duration_ms", "outcome", "refusal", "kind")


def mask_address(address: str) -> str:
    """An address as logs may show it: enough to tell two apart, not enough to write to."""
    local, at, domain = address.rpartition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain[:1]}***"


def mask_actor(sub: str | None) -> str | None:
    """An account id as logs may show it: an address masked, any other id as a short digest."""
    if not sub:
        return None
    if "@" in sub:
        return mask_address(sub)
    return "id:" + hashlib.sha256(sub.encode()).hexdigest()[:10]


@contextmanager
def log_context(**fields: Any) -> Iterator[None]:
    """Every line logged inside the block carries ``fields`` (None values are left out)."""
    token = _CONTEXT.set({**_CONTEXT.get(), **{k: v for k, v in fields.items() if v is not None}})
    try:
        yield
    finally:
        _CONTEXT.reset(token)


@contextmanager
def timed(logger: logging.Logger, event: str, **fields: Any) -> Iterator[dict[str, Any]]:
    """One line when the block ends: ``event`` with its duration and outcome ("ok", or
    what the block sets in the yielded dict; "error" when it raises, "stopped" when it
    is cut short by a control-flow exception, as a page's rerun is)."""
    started = time.perf_counter()
    result: dict[str, Any] = {"outcome": "ok"}
    try:
        yield result
    except Exception:
        result["outcome"] = "error"
        raise
    except BaseException:
        result["outcome"] = "stopped"
        raise
    finally:
        duration = round((time.perf_counter() - started) * 1000, 1)
        level = logging.ERROR if result["outcome"] == "error" else logging.INFO
        logger.log(level, event, extra={**fields, **result, "duration_ms": duration})


class JsonFormatter(logging.Formatter):
    """A record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": str(record.msg),
            "message": record.getMessage(),
            **_CONTEXT.get(),
        }
        for name in FIELDS:
            if (value := record.__dict__.get(name)) is not None:
                line[name] = value
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: int = logging.INFO) -> None:
    """The process's logs as JSON lines on standard error (its own loggers and libraries')."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per call to billing
