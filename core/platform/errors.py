"""Refusals a use case can give; each carries a catalogue key and its values."""

from __future__ import annotations


class DomainError(Exception):
    """A refused action: nothing was written; ``key`` names the message to show."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key, values)
        self.key = key
        self.values = values


class NotEligible(DomainError):
    def __init__(self, failures: tuple[str, ...]) -> None:
        super().__init__("error.not_eligible")
        self.failures = failures


class Forbidden(DomainError):
    def __init__(self) -> None:
        super().__init__("error.forbidden")


class NotYet(DomainError):
    """Refused for now: the same action is allowed again at ``available_at``."""

    def __init__(self, key: str, available_at) -> None:
        super().__init__(key)
        self.available_at = available_at
