"""Accounts as the portal knows them: synced from the identity at each sign-in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from core.platform.clock import utcnow
from core.platform.identity import Identity, Role
from core.platform.locale import normalise_language
from core.platform.models import Account
from core.platform.settings import settings_of


def sync_account(
    *,
    session: Session,
    identity: Identity,
    language: str | None = None,
    now: datetime | None = None,
) -> Account:
    """Create or refresh the account row from the identity's claims."""
    now = now or utcnow()
    account = session.get(Account, identity.sub)
    if account is None:
        account = Account(
            sub=identity.sub,
            email=identity.email,
            display_name=identity.name,
            company=identity.company,
            language=normalise_language(language),
            staff_roles=_staff_roles(identity, settings_of(session).staff_provider) or "",
            created_at=now,
            updated_at=now,
        )
        try:
            with session.begin_nested():
                session.add(account)
        except IntegrityError:
            # Another request created it first; theirs is as good as ours.
            account = session.get(Account, identity.sub)
        return account
    if (account.email, account.display_name, account.company) != (
        identity.email,
        identity.name,
        identity.company,
    ):
        account.email, account.display_name = identity.email, identity.name
        account.company, account.updated_at = identity.company, now
    roles = _staff_roles(identity, settings_of(session).staff_provider)
    if roles is not None and roles != account.staff_roles:
        account.staff_roles, account.updated_at = roles, now
    return account


def _staff_roles(identity: Identity, staff_provider: str) -> str | None:
    """The partner-team roles to keep, from a staff sign-in only (None: keep what is kept).

    An applicant sign-in carries no groups; it must not strip a reviewer of the
    role their staff sign-in showed.
    """
    if identity.provider != staff_provider and not identity.is_staff:
        return None
    return ",".join(sorted(r.value for r in identity.roles if r in (Role.REVIEWER, Role.MANAGER)))


def set_language(*, session: Session, identity: Identity, language: str) -> Account:
    """Keep the applicant's language for every later screen and email."""
    account = sync_account(session=session, identity=identity, language=language)
    account.language = normalise_language(language)
    account.updated_at = utcnow()
    session.add(account)
    return account


def saved_language(session: Session, sub: str) -> str:
    """The account's preferred language for screens and emails (English if unknown)."""
    account = session.get(Account, sub)
    return normalise_language(account.language if account else None)
