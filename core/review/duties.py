"""Separation of duties: nobody decides on anything that concerns an account they sign in with.

"An account they sign in with" is the same `sub`, or an account with the same
email address — the customer sign-in and the staff sign-in of one person are
two subjects with one address. The rule covers deciding, assigning oneself and
setting a partner's maximum discount, for every kind of row the team decides.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from core.platform.errors import DomainError
from core.platform.models import Account

if TYPE_CHECKING:
    from core.platform.identity import Identity


class ConcernsOwnAccount(DomainError):
    """The row concerns an account the actor signs in with."""

    def __init__(self) -> None:
        super().__init__("error.own_account")


def concerns_actor(
    session: Session,
    actor: Identity,
    subs: Iterable[str | None],
    emails: Iterable[str | None] = (),
) -> bool:
    """True when any of ``subs`` is the actor's account, or it or ``emails`` has their address."""
    concerned = {sub for sub in subs if sub}
    if actor.sub in concerned:
        return True
    addresses = {email.casefold() for email in emails if email}
    if concerned:
        addresses |= {
            email.casefold()
            for email in session.exec(select(Account.email).where(col(Account.sub).in_(concerned)))
            if email
        }
    if not addresses:
        return False
    own = {actor.email.casefold()} if actor.email else set()
    # Every address the actor's other sign-ins gave the portal counts as theirs too.
    own |= {
        email.casefold()
        for email in session.exec(select(Account.email).where(Account.sub == actor.sub))
        if email
    }
    return bool(addresses & own)


def refuse_own(session: Session, actor: Identity, *concerned: Iterable[str | None]) -> None:
    """Refuse the actor a decision on something ``concerns_actor`` says concerns them."""
    if concerns_actor(session, actor, *concerned):
        raise ConcernsOwnAccount()
