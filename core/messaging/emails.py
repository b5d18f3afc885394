"""Email templates: one Jinja2 file per kind and language, with subject, text and HTML."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from core.platform.locale import DEFAULT_LANGUAGE

TEMPLATE_DIR = Path(__file__).parent / "email_templates"
PARTS = ("subject", "text", "html")


def with_line_breaks(value: object) -> Markup:
    """Escaped text whose line breaks survive in HTML (a reviewer's note keeps its paragraphs)."""
    return Markup("<br>\n").join(escape(line) for line in str(value).splitlines())


@lru_cache(maxsize=2)
def _environment(autoescape: bool) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), undefined=StrictUndefined, autoescape=autoescape
    )
    environment.filters["with_line_breaks"] = with_line_breaks
    return environment


def available_templates() -> set[tuple[str, str]]:
    """(kind, language) for every template file."""
    return {tuple(path.name.split(".")[:2]) for path in TEMPLATE_DIR.glob("*.jinja")}


def render(kind: str, language: str, context: dict[str, Any]) -> dict[str, str]:
    """Subject, plain text and HTML of one email; HTML escapes every value.

    A language with no template of this kind gets the default language's."""
    if (kind, language) not in available_templates():
        language = DEFAULT_LANGUAGE
    name = f"{kind}.{language}.jinja"
    rendered = {}
    for part in PARTS:
        template = _environment(autoescape=part == "html").get_template(name)
        block = template.blocks[part]
        rendered[part] = "".join(block(template.new_context(dict(context)))).strip()
    rendered["subject"] = " ".join(rendered["subject"].split())
    return rendered


def message_id(outbox_id: int, event_id: int, sender: str) -> str:
    """Stable per outbox row, so a resend after a crash is the same message."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "greennode.example"
    return f"<outbox-{outbox_id}.event-{event_id}@{domain}>"


def build_message(
    *,
    kind: str,
    language: str,
    context: dict[str, Any],
    sender: str,
    recipient: str,
    msg_id: str,
    created_at: datetime,
) -> EmailMessage:
    parts = render(kind, language, context)
    message = EmailMessage()
    message["Subject"] = parts["subject"]
    message["From"] = sender
    message["To"] = recipient
    message["Message-ID"] = msg_id
    message["Date"] = format_datetime(created_at)
    message["X-GreenNode-Email-Kind"] = kind
    message.set_content(parts["text"] + "\n")
    message.add_alternative(
        f'<!doctype html><html lang="{language}"><body>{parts["html"]}</body></html>',
        subtype="html",
    )
    # After set_content, which clears Content-* headers.
    message["Content-Language"] = language
    return message
