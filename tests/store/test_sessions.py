"""Server-side sessions: sign-out, replay, maximum age, history (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.db import session_scope
from core.sessions import (
    Ended,
    ReturnedAttempt,
    check_session,
    finish_attempt,
    sign_in_history,
    sign_out,
    start_attempt,
    unfinished_attempt,
)
from core.settings import get_settings
from tests.factories import identity

SIGNED_IN = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def who(email: str, at: datetime = SIGNED_IN, nonce: str = "n1"):
    return identity(email, iat=int(at.timestamp()), nonce=nonce)


def check(engine, person, now, user_agent="Mozilla/5.0 test"):
    with session_scope(engine) as session:
        return check_session(
            session=session,
            identity=person,
            settings=get_settings(),
            user_agent=user_agent,
            now=now,
        )


def test_a_new_sign_in_is_recorded_and_honoured(engine):
    person = who("eligible@acme.example")
    assert check(engine, person, SIGNED_IN + timedelta(seconds=5)) is None
    assert check(engine, person, SIGNED_IN + timedelta(hours=1)) is None
    with session_scope(engine) as session:
        (row,) = sign_in_history(session, person.sub)
    assert row.provider == "root"
    assert row.user_agent == "Mozilla/5.0 test"
    assert row.last_seen == SIGNED_IN + timedelta(hours=1)


def test_sign_out_ends_the_session_for_every_copy_of_its_cookie(engine):
    person = who("eligible@acme.example")
    check(engine, person, SIGNED_IN)
    with session_scope(engine) as session:
        sign_out(session=session, identity=person, now=SIGNED_IN + timedelta(minutes=10))
    assert check(engine, person, SIGNED_IN + timedelta(minutes=11)) == Ended.SIGNED_OUT


def test_a_cookie_never_seen_but_issued_before_a_sign_out_is_refused(engine):
    first = who("eligible@acme.example", nonce="first")
    check(engine, first, SIGNED_IN)
    with session_scope(engine) as session:
        sign_out(session=session, identity=first, now=SIGNED_IN + timedelta(minutes=10))
    replayed = who("eligible@acme.example", SIGNED_IN + timedelta(minutes=5), nonce="other")
    assert check(engine, replayed, SIGNED_IN + timedelta(minutes=20)) == Ended.UNKNOWN
    fresh = who("eligible@acme.example", SIGNED_IN + timedelta(minutes=30), nonce="fresh")
    assert check(engine, fresh, SIGNED_IN + timedelta(minutes=31)) is None


def test_staff_sessions_end_after_12_hours_and_applicants_after_7_days(engine):
    staff = who("manager@greennode.example")
    applicant = who("eligible@acme.example")
    assert check(engine, staff, SIGNED_IN + timedelta(hours=11, minutes=59)) is None
    assert check(engine, staff, SIGNED_IN + timedelta(hours=12, minutes=1)) == Ended.EXPIRED
    assert check(engine, applicant, SIGNED_IN + timedelta(days=6, hours=23)) is None
    assert check(engine, applicant, SIGNED_IN + timedelta(days=7, minutes=1)) == Ended.EXPIRED


def test_a_token_without_issued_at_is_not_a_session(engine):
    person = identity("eligible@acme.example")
    assert person.issued_at is None
    assert check(engine, person, SIGNED_IN) == Ended.UNKNOWN


def test_history_keeps_the_last_20_sign_ins_newest_first(engine):
    for n in range(25):
        at = SIGNED_IN + timedelta(hours=n)
        check(engine, who("eligible@acme.example", at, nonce=f"n{n}"), at)
    check(engine, who("eligible2@globex.example"), SIGNED_IN)
    with session_scope(engine) as session:
        rows = sign_in_history(session, "eligible@acme.example")
    assert len(rows) == 20
    assert rows[0].first_seen == SIGNED_IN + timedelta(hours=24)
    assert all(r.account_sub == "eligible@acme.example" for r in rows)


def started_in_vietnamese(engine, browser_key: str, *, chosen: bool) -> None:
    """A browser left for the provider from page ``page-1``, its screen in Vietnamese."""
    with session_scope(engine) as session:
        start_attempt(
            session=session,
            browser_key=browser_key,
            provider="root",
            started_by="page-1",
            language="vi",
            language_chosen=chosen,
            now=SIGNED_IN,
        )


def test_a_sign_in_keeps_the_language_it_was_started_in(engine):
    started_in_vietnamese(engine, "b1", chosen=True)
    with session_scope(engine) as session:
        returned = finish_attempt(session=session, browser_key="b1", now=SIGNED_IN)
    assert returned == ReturnedAttempt(recent=True, language="vi", language_chosen=True)
    with session_scope(engine) as session:
        assert finish_attempt(session=session, browser_key="b1") is None


def test_a_sign_in_that_came_back_unfinished_is_told_once_in_its_language(engine):
    started_in_vietnamese(engine, "b2", chosen=False)
    with session_scope(engine) as session:
        # The page that started it reruns before the browser leaves: not a return.
        assert unfinished_attempt(session=session, browser_key="b2", current="page-1") is None
        returned = unfinished_attempt(
            session=session, browser_key="b2", current="page-2", now=SIGNED_IN
        )
        assert returned == ReturnedAttempt(recent=True, language="vi", language_chosen=False)
        assert unfinished_attempt(session=session, browser_key="b2", current="page-3") is None
