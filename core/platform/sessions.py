"""Server-side sessions: each sign-in is a row; Sign out and age end it, whatever the cookie says."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from core.platform.clock import utcnow
from core.platform.identity import Identity, issued_at_of
from core.platform.models import SignInAttempt, SignInSession
from core.platform.queries import newest
from core.platform.text import clean_line

if TYPE_CHECKING:
    from core.platform.settings import Settings

TOUCH_EVERY = timedelta(minutes=1)
HISTORY_LENGTH = 20


class Ended(StrEnum):
    SIGNED_OUT = "signed_out"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def key_of(provider: str, sub: str, issued_at: datetime | None, nonce: Any) -> str:
    """Stable for one sign-in (one ID token), different for the next."""
    parts = (
        provider,
        sub,
        issued_at.isoformat() if issued_at else "",
        nonce if isinstance(nonce, str) else "",
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def session_key(identity: Identity) -> str:
    return key_of(identity.provider, identity.sub, identity.issued_at, identity.claims.get("nonce"))


def leeway(settings: Settings) -> timedelta:
    return timedelta(seconds=max(0, settings.clock_leeway_seconds))


def max_age(identity: Identity, settings: Settings) -> timedelta:
    hours = (
        settings.staff_session_hours
        if identity.provider == settings.staff_provider
        else settings.applicant_session_hours
    )
    return timedelta(hours=hours)


def _last_sign_out(session: Session, identity: Identity) -> datetime | None:
    return session.exec(
        select(func.max(SignInSession.ended_at)).where(
            SignInSession.account_sub == identity.sub,
            SignInSession.provider == identity.provider,
            SignInSession.ended_reason == Ended.SIGNED_OUT,
        )
    ).one()


def check_session(
    *,
    session: Session,
    identity: Identity,
    settings: Settings,
    user_agent: str = "",
    now: datetime | None = None,
) -> Ended | None:
    """None while this sign-in may be used; otherwise why it has ended.

    The first time a sign-in is seen it is recorded, unless its token was
    issued before the account last signed out (a cookie saved and replayed).
    """
    now = now or utcnow()
    if identity.issued_at is None:
        return Ended.UNKNOWN
    # The provider's clock may run behind or ahead of ours by up to the leeway.
    if now - identity.issued_at > max_age(identity, settings) + leeway(settings):
        return Ended.EXPIRED
    key = session_key(identity)
    row = session.get(SignInSession, key)
    if row is None:
        signed_out = _last_sign_out(session, identity)
        if signed_out is not None and identity.issued_at + leeway(settings) <= signed_out:
            return Ended.UNKNOWN
        try:
            with session.begin_nested():
                session.add(
                    SignInSession(
                        key=key,
                        account_sub=identity.sub,
                        provider=identity.provider,
                        issued_at=identity.issued_at,
                        first_seen=now,
                        last_seen=now,
                        user_agent=clean_line(user_agent, 300),
                    )
                )
        except IntegrityError:
            pass  # the same sign-in, recorded by another tab a moment ago
        return None
    if row.ended_at is not None:
        return Ended(row.ended_reason or Ended.SIGNED_OUT)
    if now - row.last_seen >= TOUCH_EVERY:
        session.exec(
            update(SignInSession).where(col(SignInSession.key) == key).values(last_seen=now)
        )
    return None


def sign_out(*, session: Session, identity: Identity, now: datetime | None = None) -> None:
    """End this sign-in on the server: its cookie is worthless from now on, anywhere."""
    end_sign_in(session=session, key=session_key(identity), now=now)


def end_sign_in(*, session: Session, key: str, now: datetime | None = None) -> None:
    """End the sign-in with this key (a second call changes nothing)."""
    now = now or utcnow()
    session.exec(
        update(SignInSession)
        .where(col(SignInSession.key) == key, col(SignInSession.ended_at).is_(None))
        .values(ended_at=now, ended_reason=Ended.SIGNED_OUT)
    )


def record_sign_in(
    *,
    session: Session,
    provider: str,
    claims: Mapping[str, Any],
    id_token: str | None,
    user_agent: str = "",
    address: str = "",
    now: datetime | None = None,
) -> str | None:
    """At the sign-in callback: keep the provider's merged claims and ID token on the server.

    Returns the sign-in's key, None when the claims lack a usable sub or issue time
    (the cookie check then refuses the sign-in as it would have anyway).
    """
    now = now or utcnow()
    sub, issued_at = claims.get("sub"), issued_at_of(claims.get("iat"))
    if not isinstance(sub, str) or not sub or len(sub) > 255 or issued_at is None:
        return None
    key = key_of(provider, sub, issued_at, claims.get("nonce"))
    row = SignInSession(
        key=key,
        account_sub=sub,
        provider=provider,
        issued_at=issued_at,
        first_seen=now,
        last_seen=now,
        user_agent=clean_line(user_agent, 300),
        address=address[:45],
        claims=dict(claims),
        id_token=id_token,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        pass  # the same ID token presented twice: the first record stands
    return key


def stored_claims(session: Session, identity: Identity) -> dict[str, Any] | None:
    """The claims kept at this sign-in's callback (None for a sign-in known by its cookie only)."""
    row = session.get(SignInSession, session_key(identity))
    return dict(row.claims) if row is not None and isinstance(row.claims, dict) else None


def id_token_of(session: Session, key: str) -> str | None:
    row = session.get(SignInSession, key)
    return row.id_token if row is not None else None


def sign_in_history(session: Session, account_sub: str) -> list[SignInSession]:
    """The account's most recent sign-ins, newest first."""
    of_account = SignInSession.account_sub == account_sub
    return newest(
        session, SignInSession, SignInSession.first_seen, of_account, limit=HISTORY_LENGTH
    )


ATTEMPT_WINDOW = timedelta(minutes=15)


def start_attempt(
    *,
    session: Session,
    browser_key: str,
    provider: str,
    started_by: str,
    language: str | None = None,
    language_chosen: bool = False,
    return_to: str | None = None,
    now: datetime | None = None,
) -> None:
    """Remember that this browser went to the identity provider to sign in, in which
    language, and which portal link (``page?query``) it was opening."""
    now = now or utcnow()
    row = session.get(SignInAttempt, browser_key) or SignInAttempt(browser_key=browser_key)
    row.provider, row.started_by, row.started_at = provider, started_by, now
    row.language, row.language_chosen = language, language_chosen
    row.return_to = return_to[:500] if return_to else None
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        pass  # the same browser, two clicks at once: one row is enough


@dataclass(frozen=True)
class ReturnedAttempt:
    """A sign-in that came back: whether it is recent, and the language it was started in."""

    recent: bool
    language: str | None
    language_chosen: bool
    return_to: str | None = None


def _take_attempt(
    session: Session, browser_key: str, now: datetime | None
) -> ReturnedAttempt | None:
    now = now or utcnow()
    row = session.get(SignInAttempt, browser_key)
    if row is None:
        return None
    recent = now - row.started_at <= ATTEMPT_WINDOW
    returned = ReturnedAttempt(recent, row.language, row.language_chosen, row.return_to)
    session.delete(row)
    session.flush()
    return returned


def unfinished_attempt(
    *, session: Session, browser_key: str, current: str, now: datetime | None = None
) -> ReturnedAttempt | None:
    """Once, a sign-in this browser started elsewhere that came back without a session.

    The page that started it (``started_by`` is its Streamlit session) reruns
    before the browser leaves, so only another page load counts.
    """
    row = session.get(SignInAttempt, browser_key)
    if row is None or row.started_by == current:
        return None
    return _take_attempt(session, browser_key, now)


def finish_attempt(
    *, session: Session, browser_key: str, now: datetime | None = None
) -> ReturnedAttempt | None:
    """The sign-in this browser started has completed: forget it, and say how it started."""
    return _take_attempt(session, browser_key, now)
