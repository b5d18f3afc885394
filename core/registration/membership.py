"""Which partner an account is, and the refusal for anyone who is not one."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from core.platform.errors import DomainError, Forbidden
from core.platform.identity import Identity
from core.platform.models import Application, Partner, State


def partner_of(session: Session, account_sub: str) -> Partner | None:
    return session.exec(select(Partner).where(Partner.account_sub == account_sub)).first()


def require_partner(session: Session, identity: Identity) -> tuple[Partner, Application]:
    if identity.is_team:
        raise Forbidden()
    partner = partner_of(session, identity.sub)
    application = session.get(Application, partner.application_id) if partner else None
    if partner is None or application is None or application.state != State.APPROVED:
        raise DomainError("error.not_partner")
    return partner, application


def readable_partner(
    session: Session, actor: Identity, partner_id: int | None, *, sees_all: bool
) -> int | None:
    """Whose rows ``actor`` reads: ``partner_id`` (None: every partner's) for staff who see
    all, otherwise only the actor's own partner's."""
    if sees_all:
        return partner_id
    partner, _ = require_partner(session, actor)
    return partner.id


TERMS_ACCEPTED = {"terms_version", "terms_sha256", "terms_language", "terms_accepted_at"}


def partner_code(partner_id: int) -> str:
    return f"GN-P-{partner_id:06d}"


def create_partner(session: Session, application: Application, at: datetime) -> Partner:
    """Called inside the approval's transaction: the account becomes a partner."""
    partner = Partner(
        account_sub=application.account_sub,
        application_id=application.id,
        partner_since=at,
        company=(application.company or application.email)[:200],
        contact_email=application.email,
        contact_phone=application.business_phone,
        # The Terms the partner accepted are the ones it applied under.
        **application.model_dump(include=TERMS_ACCEPTED),
        updated_at=at,
    )
    session.add(partner)
    session.flush()
    partner.partner_code = partner_code(partner.id)
    session.add(partner)
    return partner


def lock_partner(session: Session, partner_id: int) -> Partner:
    """The partner's row, locked until the unit of work ends: every change to a partner's
    money, discounts and customer links queues here, one at a time."""
    partner = session.exec(
        select(Partner).where(Partner.id == partner_id).with_for_update()
    ).first()
    if partner is None:
        raise DomainError("credits.no_partner")
    return partner
