"""A note a person writes to another (a reason, a question, an answer), as it is kept."""

from __future__ import annotations

from core.platform.errors import DomainError
from core.platform.text import strip_controls

NOTE_MIN, NOTE_MAX = 10, 1000


def clean_note(
    note: str | None,
    *,
    required: bool,
    minimum: int = NOTE_MIN,
    maximum: int = NOTE_MAX,
    what: str = "note",
) -> str:
    """The note as it will be stored and shown: line breaks kept, hidden reordering removed.

    ``what`` names the text in a refusal (note, question, answer, justification, reason):
    ``error.<what>_required`` and ``error.<what>_length``."""
    if "\x00" in (note or ""):
        raise DomainError("error.note_invalid")
    text = strip_controls(note or "", keep_newlines=True).strip()
    if required and not text:
        raise DomainError(f"error.{what}_required", minimum=minimum, maximum=maximum)
    if text and not minimum <= len(text) <= maximum:
        raise DomainError(f"error.{what}_length", minimum=minimum, maximum=maximum)
    return text
