"""Who is signed in: the identity from the ID token, validated at the boundary, and its roles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from email_validator import EmailNotValidError, validate_email

from core.platform.errors import Forbidden
from core.platform.text import clean_line, has_hidden_characters

if TYPE_CHECKING:
    from core.platform.settings import Settings

SUB_MAX, EMAIL_MAX, NAME_MAX, COMPANY_MAX = 255, 254, 300, 200


class Role(StrEnum):
    APPLICANT = "applicant"
    REVIEWER = "reviewer"
    MANAGER = "manager"
    # Grants credit to partners and follows deliveries to billing; reviews nothing.
    FINANCE = "finance"


@dataclass(frozen=True)
class Identity:
    sub: str
    email: str
    name: str
    company: str
    roles: frozenset[Role]
    provider: str = ""
    issued_at: datetime | None = None
    claims: Mapping[str, Any] = field(default_factory=dict, compare=False)
    # The provider said the address is not verified: it is not used, and the person
    # is asked to verify it at GreenNode first.
    email_unverified: bool = False

    @property
    def is_staff(self) -> bool:
        """A member of the review team (reviewer or manager)."""
        return bool(self.roles & {Role.REVIEWER, Role.MANAGER})

    @property
    def is_finance(self) -> bool:
        return Role.FINANCE in self.roles

    @property
    def is_team(self) -> bool:
        """Any GreenNode partner-team role: not an applicant, partner or customer here."""
        return self.is_staff or self.is_finance

    @property
    def primary_role(self) -> Role:
        for role in (Role.MANAGER, Role.REVIEWER, Role.FINANCE):
            if role in self.roles:
                return role
        return Role.APPLICANT


def require_staff(actor: Identity | None) -> Identity:
    """The actor, if it holds a partner-team role; Forbidden otherwise."""
    if actor is None or not actor.is_staff:
        raise Forbidden()
    return actor


def roles_from_claims(claims: Mapping[str, Any], settings: Settings) -> frozenset[Role]:
    """Staff roles only for the staff sign-in, from a groups claim that is a list of strings."""
    roles = {Role.APPLICANT}
    if claims.get("provider") != settings.staff_provider:
        return frozenset(roles)
    groups = claims.get(settings.claims.groups)
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        return frozenset(roles)
    if set(groups) & set(settings.reviewer_groups):
        roles.add(Role.REVIEWER)
    if set(groups) & set(settings.manager_groups):
        roles.add(Role.MANAGER)
    if set(groups) & set(settings.finance_groups):
        roles.add(Role.FINANCE)
    return frozenset(roles)


def verified_email(value: Any) -> str | None:
    """The claim as one syntactically valid address, "" when absent, None when unusable."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or has_hidden_characters(value) or len(value) > EMAIL_MAX:
        return None
    try:
        checked = validate_email(value, check_deliverability=False, test_environment=False)
    except EmailNotValidError:
        return None
    return checked.normalized if len(checked.normalized) <= EMAIL_MAX else None


def issued_at_of(value: Any) -> datetime | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def _says_unverified(value: Any) -> bool:
    """True only when the provider says so (`false`, or "false" from a lax provider)."""
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def identity_from_claims(claims: Mapping[str, Any], settings: Settings) -> Identity | None:
    """The signed-in identity, or None when its claims cannot be trusted as a whole."""
    sub = claims.get("sub")
    if (
        not isinstance(sub, str)
        or not sub.strip()
        or len(sub) > SUB_MAX
        or has_hidden_characters(sub)
    ):
        return None
    email = verified_email(claims.get(settings.claims.email))
    if email is None:
        return None
    unverified = _says_unverified(claims.get("email_verified"))
    provider = claims.get("provider")
    return Identity(
        sub=sub,
        email="" if unverified else email,
        email_unverified=unverified and bool(email),
        name=clean_line(claims.get(settings.claims.name), NAME_MAX),
        company=clean_line(claims.get(settings.claims.company), COMPANY_MAX),
        roles=roles_from_claims(claims, settings),
        provider=provider if isinstance(provider, str) else "",
        issued_at=issued_at_of(claims.get("iat")),
        claims=dict(claims),
    )
