"""Who is signed in: the identity from the ID token, and the roles it carries."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.errors import Forbidden
from core.settings import Settings


class Role(StrEnum):
    APPLICANT = "applicant"
    REVIEWER = "reviewer"
    MANAGER = "manager"


@dataclass(frozen=True)
class Identity:
    sub: str
    email: str
    name: str
    company: str
    roles: frozenset[Role]
    claims: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & {Role.REVIEWER, Role.MANAGER})

    @property
    def primary_role(self) -> Role:
        for role in (Role.MANAGER, Role.REVIEWER):
            if role in self.roles:
                return role
        return Role.APPLICANT


def require_staff(actor: Identity | None) -> Identity:
    """The actor, if it holds a partner-team role; Forbidden otherwise."""
    if actor is None or not actor.is_staff:
        raise Forbidden()
    return actor


def _text(claims: Mapping[str, Any], name: str) -> str:
    """A claim as display text: control characters (NUL included) dropped, trimmed."""
    value = claims.get(name)
    if not isinstance(value, str):
        return ""
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cc").strip()


def roles_from_claims(claims: Mapping[str, Any], settings: Settings) -> frozenset[Role]:
    """Staff roles from the groups claim; anything malformed grants nothing extra."""
    groups = claims.get(settings.claims.groups)
    if isinstance(groups, str):
        groups = [groups]
    if not isinstance(groups, list | tuple):
        groups = []
    names = {g for g in groups if isinstance(g, str)}
    roles = {Role.APPLICANT}
    if names & set(settings.reviewer_groups):
        roles.add(Role.REVIEWER)
    if names & set(settings.manager_groups):
        roles.add(Role.MANAGER)
    return frozenset(roles)


def identity_from_claims(claims: Mapping[str, Any], settings: Settings) -> Identity | None:
    """The signed-in identity, or None when there is no usable subject."""
    sub = claims.get("sub")
    if (
        not isinstance(sub, str)
        or not sub.strip()
        or len(sub) > 255
        or any(unicodedata.category(ch) == "Cc" for ch in sub)
    ):
        return None
    return Identity(
        sub=sub,
        email=_text(claims, settings.claims.email)[:320],
        name=_text(claims, settings.claims.name)[:300],
        company=_text(claims, settings.claims.company)[:300],
        roles=roles_from_claims(claims, settings),
        claims=dict(claims),
    )
