"""The local mail catcher: an SMTP server that keeps every message as an .eml file."""

from __future__ import annotations

import email
import email.policy
import re
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import nh3
from aiosmtpd.controller import Controller

_OUTBOX_MESSAGE_ID = re.compile(r"^<outbox-(\d+)\.event-\d+@")


class _SaveToDirectory:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def handle_DATA(self, server, session, envelope) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
        temporary = self.directory / f".{name}.part"
        temporary.write_bytes(envelope.original_content or envelope.content)
        temporary.rename(self.directory / name)
        return "250 Message accepted for delivery"


def start(directory: Path, host: str = "127.0.0.1", port: int = 8025) -> Controller:
    """Start catching mail in a background thread; call .stop() to end."""
    controller = Controller(_SaveToDirectory(directory), hostname=host, port=port)
    controller.start()
    return controller


def serve(directory: Path, host: str, port: int) -> None:
    controller = start(directory, host, port)
    print(f"Mail catcher on {host}:{port}, saving to {directory}")
    try:
        threading.Event().wait()
    finally:
        controller.stop()


@dataclass(frozen=True)
class CaughtMessage:
    path: Path
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def recipient(self) -> str:
        return str(self.message.get("To", ""))

    @property
    def message_id(self) -> str:
        return str(self.message.get("Message-ID", ""))

    @property
    def outbox_id(self) -> int | None:
        """The outbox row this message came from, read from its stable Message-ID."""
        found = _OUTBOX_MESSAGE_ID.match(self.message_id)
        return int(found.group(1)) if found else None

    def safe_html(self) -> str:
        """The HTML body with scripts, styles, forms and event handlers removed; links in
        a colour readable on white (WCAG AA), since the email's own styles are gone."""
        return nh3.clean(self.body("html"), set_tag_attribute_values={"a": {"style": LINK}})

    @property
    def received(self) -> datetime:
        return datetime.fromtimestamp(int(self.path.name.split("-")[0]) / 1e9).astimezone()

    def body(self, subtype: str) -> str:
        part = self.message.get_body(preferencelist=(subtype,))
        return part.get_content() if part is not None else ""


LINK = "color: #1d4ed8"


def read(path: Path) -> CaughtMessage:
    with path.open("rb") as handle:
        parsed = email.message_from_binary_file(handle, policy=email.policy.default)
    return CaughtMessage(path=path, message=parsed)  # type: ignore[arg-type]


def caught(directory: Path) -> list[CaughtMessage]:
    """Every caught message, newest first."""
    if not directory.is_dir():
        return []
    return [read(path) for path in sorted(directory.glob("*.eml"), reverse=True)]
