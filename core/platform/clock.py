"""The portal's one clock and its one local time zone (Vietnam time)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

__all__ = ["LOCAL_TZ", "local", "require_aware", "utcnow"]


def require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("timestamp has no UTC offset")
    return moment


def local(moment: datetime) -> datetime:
    return require_aware(moment).astimezone(LOCAL_TZ)


def utcnow() -> datetime:
    return datetime.now(UTC)
