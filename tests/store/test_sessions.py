"""Server-side sessions: sign-out, replay, maximum age, history (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.platform.db import session_scope
from core.platform.sessions import (
    Ended,
    ReturnedAttempt,
    check_session,
    end_sign_in,
    finish_attempt,
    id_token_of,
    record_sign_in,
    session_key,
    sign_in_history,
    sign_out,
    start_attempt,
    stored_claims,
    unfinished_attempt,
)
from core.platform.settings import get_settings
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
    # Past the age and the clock leeway (120 s).
    assert check(engine, staff, SIGNED_IN + timedelta(hours=12, minutes=3)) == Ended.EXPIRED
    assert check(engine, applicant, SIGNED_IN + timedelta(days=6, hours=23)) is None
    assert check(engine, applicant, SIGNED_IN + timedelta(days=7, minutes=3)) == Ended.EXPIRED


def test_a_provider_clock_90_seconds_behind_does_not_lock_anyone_out(engine):
    # Signed in at T (the provider says T-90), out at T+10, in again at T+37 (it says T-53).
    first = who("eligible@acme.example", SIGNED_IN - timedelta(seconds=90), nonce="first")
    assert check(engine, first, SIGNED_IN) is None
    with session_scope(engine) as session:
        sign_out(session=session, identity=first, now=SIGNED_IN + timedelta(seconds=10))
    again = who("eligible@acme.example", SIGNED_IN - timedelta(seconds=53), nonce="again")
    assert check(engine, again, SIGNED_IN + timedelta(seconds=37)) is None
    assert check(engine, first, SIGNED_IN + timedelta(seconds=40)) == Ended.SIGNED_OUT


def test_the_leeway_is_a_setting(engine, monkeypatch):
    monkeypatch.setenv("CLOCK_LEEWAY_SECONDS", "0")
    get_settings.cache_clear()
    try:
        first = who("eligible@acme.example", SIGNED_IN - timedelta(seconds=90), nonce="first")
        check(engine, first, SIGNED_IN)
        with session_scope(engine) as session:
            sign_out(session=session, identity=first, now=SIGNED_IN + timedelta(seconds=10))
        again = who("eligible@acme.example", SIGNED_IN - timedelta(seconds=53), nonce="again")
        assert check(engine, again, SIGNED_IN + timedelta(seconds=37)) == Ended.UNKNOWN
    finally:
        get_settings.cache_clear()


def test_a_sign_in_keeps_the_providers_claims_and_token_on_the_server(engine):
    claims = {"sub": "eligible@acme.example", "iat": int(SIGNED_IN.timestamp()), "nonce": "n1"}
    merged = {**claims, "email": "eligible@acme.example", "account_class": "enterprise"}
    with session_scope(engine) as session:
        key = record_sign_in(
            session=session, provider="root", claims=merged, id_token="h.p.s", now=SIGNED_IN
        )
        again = record_sign_in(
            session=session,
            provider="root",
            claims={**merged, "email": "x@y.example"},
            id_token="other",
            now=SIGNED_IN,
        )
    person = who("eligible@acme.example")
    assert key == again == session_key(person)
    assert check(engine, person, SIGNED_IN + timedelta(seconds=5)) is None
    with session_scope(engine) as session:
        assert stored_claims(session, person) == merged
        assert id_token_of(session, key) == "h.p.s"
        end_sign_in(session=session, key=key, now=SIGNED_IN + timedelta(minutes=1))
    assert check(engine, person, SIGNED_IN + timedelta(minutes=2)) == Ended.SIGNED_OUT


def test_claims_without_a_usable_subject_or_issue_time_are_not_recorded(engine):
    with session_scope(engine) as session:
        for claims in (
            {"iat": 1_700_000_000},
            {"sub": "a"},
            {"sub": "", "iat": 1},
            {"sub": 5, "iat": 1},
        ):
            assert (
                record_sign_in(session=session, provider="root", claims=claims, id_token=None)
                is None
            )


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
