"""The review queue read a page at a time from the database, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from core.platform.clock import LOCAL_TZ, utcnow
from core.platform.db import engine_for, session_scope
from core.platform.errors import Forbidden
from core.platform.models import Application
from core.platform.search import application_search_text
from core.platform.sla import SlaState
from core.registration.queue import (
    QueueFilter,
    age_chart_data,
    queue_counts,
    queue_page,
)
from tests.factories import decided, identity, submit, synthetic_identity

REVIEWER = identity("reviewer@greennode.example")
NOW = utcnow()


@pytest.fixture
def engine(database_url):
    return engine_for(database_url)


def _submit_many(engine, hours_ago: list[float], start: int = 0) -> list[int]:
    ids = []
    for n, hours in enumerate(hours_ago, start=start):
        with session_scope(engine) as session:
            application, _ = submit(
                session,
                synthetic_identity(n),
                lang="vi" if n % 2 else "en",
                now=NOW - timedelta(hours=hours),
            )
            ids.append(application.id)
    return ids


def _walk(engine, size: int = 3) -> list[list[int]]:
    pages, after = [], None
    while True:
        with session_scope(engine) as session:
            page = queue_page(session, REVIEWER, NOW, after=after, size=size)
        pages.append([int(i) for i in page.rows["id"]])
        if page.next is None:
            return pages
        after = page.next


def test_pages_follow_due_time_then_number_across_ties(engine):
    # Seven applications submitted at the same instant share a due time: the
    # application number breaks the tie, so no row is skipped or repeated
    # where a page ends in the middle of the tie.
    _submit_many(engine, [5.0] * 7 + [1.0, 30.0, 60.0, 90.0], start=0)
    with session_scope(engine) as session:
        expected = [
            a.id
            for a in session.exec(
                select(Application).order_by(Application.due_at, Application.id)
            ).all()
        ]
        dues = [a.due_at for a in session.exec(select(Application)).all()]
    assert len(set(dues)) < len(dues)  # the ties are real
    pages = _walk(engine)
    assert [len(p) for p in pages] == [3, 3, 3, 2]
    assert [i for p in pages for i in p] == expected


def test_a_decision_between_pages_neither_repeats_nor_skips_a_row(engine):
    ids = _submit_many(engine, [10.0] * 6)
    with session_scope(engine) as session:
        first = queue_page(session, REVIEWER, NOW, size=3)
    decided(engine, int(first.rows["id"][0]), approve=True)
    with session_scope(engine) as session:
        second = queue_page(session, REVIEWER, NOW, after=first.next, size=3)
    assert [int(i) for i in second.rows["id"]] == ids[3:]
    assert second.matching == 5 and second.next is None


def test_counts_and_chart_match_the_per_row_figures(engine):
    # Ages from an hour to a few weeks: every bucket and every SLA state.
    _submit_many(engine, [1, 6, 20, 30, 47, 55, 70, 90, 110, 140, 200, 300, 500])
    with session_scope(engine) as session:
        everything = queue_page(session, REVIEWER, NOW, size=100).rows
        counts = queue_counts(session, REVIEWER, NOW)
        chart = age_chart_data(session, REVIEWER, NOW)
        by_state = {
            state: [
                int(i)
                for i in queue_page(
                    session, REVIEWER, NOW, QueueFilter(sla_states=(state.value,)), size=100
                ).rows["id"]
            ]
            for state in SlaState
        }
    assert counts["pending"] == len(everything) == 13
    for state in SlaState:
        expected = [int(i) for i in everything.loc[everything["sla_state"] == state, "id"]]
        assert by_state[state] == expected
        if state in (SlaState.DUE_SOON, SlaState.OVERDUE):
            assert counts[state] == len(expected)
    per_row = (
        everything.groupby(["age_bucket", "sla_state"]).size().rename("applications").to_dict()
    )
    from_sql = {(b, s): n for b, s, n in chart.itertuples(index=False)}
    assert from_sql == per_row
    assert len({b for b, _ in from_sql}) >= 3


@pytest.mark.parametrize(
    ("typed", "company"),
    [
        ("viet", "Công ty Việt Tín"),
        ("VIỆT", "Công ty Việt Tín"),
        ("dong a", "Đông Á Software"),
        ("ĐÔNG Á", "Dong A Software"),
        ("100%", "100% Cloud JSC"),
        ("a_b", "A_B Systems"),
    ],
)
def test_search_ignores_case_and_accents_and_takes_wildcards_literally(engine, typed, company):
    _submit_many(engine, [3.0, 4.0])
    with session_scope(engine) as session:
        application, _ = submit(session, synthetic_identity(99), now=NOW - timedelta(hours=2))
        application.company = company  # an update folds the search text again
        session.add(application)
        session.commit()
    with session_scope(engine) as session:
        stored = session.get(Application, application.id)
        assert stored.search_text == application_search_text(stored.email, company)
        found = queue_page(session, REVIEWER, NOW, QueueFilter(search=typed), size=10)
        wildcard = queue_page(session, REVIEWER, NOW, QueueFilter(search="%"), size=10)
    assert [int(i) for i in found.rows["id"]] == [application.id]
    assert "%" in company or wildcard.matching == 0


def test_an_application_number_matches_exactly(engine):
    ids = _submit_many(engine, [float(h) for h in range(1, 13)])
    target = ids[-1]
    with session_scope(engine) as session:
        for typed in (str(target), f"#{target}", f"  #{target} "):
            page = queue_page(session, REVIEWER, NOW, QueueFilter(search=typed), size=50)
            assert target in [int(i) for i in page.rows["id"]]
        # Digits longer than any application number are only text, never an error.
        huge = queue_page(session, REVIEWER, NOW, QueueFilter(search="9" * 40), size=50)
    assert huge.matching == 0


def test_filters_narrow_in_the_database(engine):
    _submit_many(engine, [1, 2, 3, 4, 5, 6])
    local_today = NOW.astimezone(LOCAL_TZ).date()
    with session_scope(engine) as session:
        vi = queue_page(session, REVIEWER, NOW, QueueFilter(languages=("vi",)), size=50)
        future = queue_page(
            session,
            REVIEWER,
            NOW,
            QueueFilter(submitted_from=local_today + timedelta(days=1)),
            size=50,
        )
        nobody = queue_page(session, REVIEWER, NOW, QueueFilter(owner="unassigned"), size=50)
        mine = queue_page(session, REVIEWER, NOW, QueueFilter(owner="mine"), size=50)
    assert vi.matching == 3 and set(vi.rows["language"]) == {"vi"}
    assert future.matching == 0 and future.rows.empty
    assert nobody.matching == 6 and mine.matching == 0


def test_the_queue_is_for_staff_only(engine):
    applicant = identity("eligible@acme.example")
    with session_scope(engine) as session:
        for use in (queue_page, queue_counts, age_chart_data):
            with pytest.raises(Forbidden):
                use(session, applicant, NOW)
