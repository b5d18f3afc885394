"""The reviewer workspace driven through AppTest with a seeded set of applications."""

from datetime import timedelta

import pytest
from sqlmodel import select

from core.platform.clock import utcnow
from core.platform.db import engine_for, session_scope
from core.platform.models import Application, ApplicationEvent, OutboxMessage, State
from core.registration.terms import load_terms
from local.seed import seed_history
from tests.app.helpers import app_as, opened_id, pick_row, queue_ids, texts
from tests.factories import applied, identity, settings, submit, synthetic_identity


@pytest.fixture
def seeded(app_env):
    """Six pending applications of different ages and languages."""
    engine = engine_for(app_env)
    now = utcnow()
    for n, hours in enumerate([1, 30, 60, 90, 140, 200]):
        with session_scope(engine) as session:
            submit(
                session,
                synthetic_identity(n),
                lang="vi" if n % 2 else "en",
                now=now - timedelta(hours=hours),
            )
    return engine


def test_queue_is_ordered_by_due_time_most_urgent_first(seeded):
    at = app_as("reviewer@greennode.example")
    assert not at.exception
    with session_scope(seeded) as session:
        expected = [
            a.id
            for a in session.exec(
                select(Application).order_by(Application.due_at, Application.id)
            ).all()
        ]
    assert queue_ids(at) == expected
    assert at.metric[0].value == "6"
    assert opened_id(at) is None  # nothing opens until a row is chosen
    pick_row(at, 1)
    assert opened_id(at) == expected[1]
    assert f"Application #{expected[1]}" in texts(at)


def test_filters_and_search_narrow_the_queue(seeded):
    at = app_as("reviewer@greennode.example")
    at.multiselect(key="queue_lang").select("vi").run()
    assert len(queue_ids(at)) == 3
    assert "1–3 of 3 shown, most urgent first (6 pending in all)" in texts(at)
    at.multiselect(key="queue_lang").unselect("vi").run()
    at.text_input(key="queue_search").input("COMPANY 4").run()
    assert len(queue_ids(at)) == 1
    at.text_input(key="queue_search").input("%").run()
    assert "No pending application matches this search or these filters; 6 are waiting" in texts(at)
    assert "Nothing is waiting" not in texts(at)


@pytest.mark.parametrize("typed", ["viet", "VIỆT NAM", "  việt ", "acme viet"])
def test_search_ignores_case_and_vietnamese_accents(seeded, typed):
    mine = applied(seeded, "eligible@acme.example")  # company "Acme Việt Nam JSC"
    at = app_as("reviewer@greennode.example")
    at.text_input(key="queue_search").input(typed).run()
    assert queue_ids(at) == [mine.id]


def test_search_finds_an_application_by_its_number(seeded):
    mine = applied(seeded, "eligible@acme.example")
    at = app_as("reviewer@greennode.example")
    for typed in (str(mine.id), f"#{mine.id}"):
        at.text_input(key="queue_search").input(typed).run()
        assert mine.id in queue_ids(at)


def test_sla_filter(seeded):
    at = app_as("reviewer@greennode.example")
    everything = len(queue_ids(at))
    at.multiselect(key="queue_sla").select("on_track").run()
    on_track = len(queue_ids(at)) if at.dataframe else 0
    at.multiselect(key="queue_sla").unselect("on_track").select("overdue").run()
    overdue = len(queue_ids(at)) if at.dataframe else 0
    assert 0 < on_track < everything
    assert on_track + overdue <= everything


def open_dialog(at, which: str):
    if opened_id(at) is None:
        pick_row(at, 0)
    at.button(key=f"detail_{which}").click().run()
    return at


def test_reject_needs_a_reason_and_a_real_note(seeded):
    at = open_dialog(app_as("reviewer@greennode.example"), "reject")
    first = opened_id(at)
    at.text_area(key="decide_note").input("Please upgrade your account first.").run()
    at.button(key="decide_confirm").click().run()
    assert "Choose a reason for the rejection." in texts(at)
    at.radio(key="decide_reason").set_value("not_enterprise").run()
    at.text_area(key="decide_note").input("abc").run()
    at.button(key="decide_confirm").click().run()
    assert "must be 10 to 1000 characters long" in texts(at)
    with session_scope(seeded) as session:
        assert session.get(Application, first).state == State.PENDING

    at.text_area(key="decide_note").input("  Please upgrade to an Enterprise account.  ").run()
    at.button(key="decide_confirm").click().run()
    assert not at.exception
    assert f"Application #{first} rejected" in texts(at)
    with session_scope(seeded) as session:
        decided = session.get(Application, first)
        events = session.exec(
            select(ApplicationEvent).where(ApplicationEvent.application_id == first)
        ).all()
        emails = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "rejected")).all()
    assert decided.state == State.REJECTED
    assert decided.reason_code == "not_enterprise"
    assert decided.decision_note == "Please upgrade to an Enterprise account."
    assert decided.decided_by == "reviewer@greennode.example"
    assert [e.kind for e in events] == ["submitted", "rejected"]
    assert len(emails) == 1
    # The queue moves on to the next most urgent application.
    assert first not in queue_ids(at)
    assert opened_id(at) is None


def test_approve_flow(seeded):
    at = open_dialog(app_as("reviewer2@greennode.example"), "approve")
    first = opened_id(at)
    at.button(key="decide_confirm").click().run()
    assert f"Application #{first} approved" in texts(at)
    with session_scope(seeded) as session:
        assert session.get(Application, first).state == State.APPROVED


def test_second_reviewer_is_told_who_decided_first(seeded):
    first_reviewer = open_dialog(app_as("reviewer@greennode.example"), "approve")
    second_reviewer = open_dialog(app_as("reviewer2@greennode.example"), "reject")
    second_reviewer.radio(key="decide_reason").set_value("other").run()
    second_reviewer.text_area(key="decide_note").input("We cannot verify this company.").run()
    first_reviewer.button(key="decide_confirm").click().run()
    second_reviewer.button(key="decide_confirm").click().run()
    assert "Already decided: Approved by reviewer@greennode.example" in texts(second_reviewer)
    # Nothing is left to confirm: the dialog is closed.
    assert not [b for b in second_reviewer.button if b.key == "decide_confirm"]


def assignee_column(at) -> list[str]:
    return list(at.dataframe[0].value["Assigned to"])


def test_opening_never_assigns_and_deciding_anothers_asks_to_confirm(seeded):
    first = pick_row(app_as("reviewer@greennode.example"))
    mine = opened_id(first)
    other = app_as("reviewer2@greennode.example")
    assert set(assignee_column(other)) == {""}  # opening and looking assign nothing
    first.button(key="assign_me").click().run()
    assert "Assigned to **reviewer@greennode.example** since" in texts(first)
    other = app_as("reviewer2@greennode.example")
    row = queue_ids(other).index(mine)
    assert assignee_column(other)[row] == "reviewer@greennode.example"
    other.segmented_control(key="queue_owner").set_value("unassigned").run()
    assert mine not in queue_ids(other)
    pick_row(other, queue_ids(other).index(queue_ids(other)[0]))
    other.segmented_control(key="queue_owner").set_value("").run()
    pick_row(other, queue_ids(other).index(mine))
    other.button(key="detail_approve").click().run()
    assert "This application is assigned to **reviewer@greennode.example**" in texts(other)
    other.button(key="decide_confirm").click().run()
    assert "confirm that you decide instead of them" in texts(other)
    with session_scope(seeded) as session:
        assert session.get(Application, mine).state == "pending"
    other.checkbox(key="decide_instead").check().run()
    other.button(key="decide_confirm").click().run()
    with session_scope(seeded) as session:
        decided = session.get(Application, mine)
        event = session.exec(
            select(ApplicationEvent).where(
                ApplicationEvent.application_id == mine, ApplicationEvent.kind == "approved"
            )
        ).one()
    assert decided.state == "approved" and decided.decided_by == "reviewer2@greennode.example"
    assert event.actor_sub == "reviewer2@greennode.example"
    assert event.data["assigned_to"] == "reviewer@greennode.example"


def test_assign_to_another_reviewer_and_unassign(seeded):
    app_as("reviewer2@greennode.example")  # has signed in: the team knows them
    at = pick_row(app_as("reviewer@greennode.example"))
    at.selectbox(key=f"assign_to_{opened_id(at)}").select("reviewer2@greennode.example").run()
    at.button(key="assign_to").click().run()
    assert "Assigned to **reviewer2@greennode.example** since" in texts(at)
    at.segmented_control(key="queue_owner").set_value("mine").run()
    assert queue_ids_or_none(at) == []
    at.segmented_control(key="queue_owner").set_value("").run()
    at.button(key="assign_none").click().run()
    assert "Assigned to nobody." in texts(at)


def queue_ids_or_none(at) -> list[int]:
    return queue_ids(at) if at.dataframe and "#" in at.dataframe[0].value.columns else []


def test_a_reviewer_cannot_decide_their_own_application(app_env):
    engine = engine_for(app_env)
    reviewer = identity("reviewer@greennode.example")
    with session_scope(engine) as session:
        submit(session, reviewer)
    at = pick_row(app_as("reviewer@greennode.example"))
    assert "This concerns an account you sign in with" in texts(at)
    assert not [b for b in at.button if b.key == "detail_approve"]


def test_applicant_sees_the_decision_and_the_reason(seeded, app_env):
    engine = engine_for(app_env)
    with session_scope(engine) as session:
        mine, _ = submit(
            session, identity("eligible@acme.example"), now=utcnow() - timedelta(days=9)
        )
    at = app_as("reviewer@greennode.example")
    pick_row(at, queue_ids(at).index(mine.id))
    open_dialog(at, "reject")
    at.radio(key="decide_reason").set_value("duplicate").run()
    at.text_area(key="decide_note").input("You already have an account <b>here</b>.").run()
    at.button(key="decide_confirm").click().run()
    applicant = app_as("eligible@acme.example")
    shown = texts(applicant)
    assert "Rejected" in shown
    assert "Duplicate application" in shown
    assert "You already have an account <b>here</b>." in shown


def test_the_detail_shows_eligibility_as_tables_with_translated_labels(seeded):
    at = pick_row(app_as("reviewer@greennode.example"))
    assert not at.json
    rules = next(d.value for d in at.dataframe if "Rule" in d.value.columns)
    assert list(rules["Outcome"]) == ["Met"] * 4
    facts = next(d.value for d in at.dataframe if "Account fact" in d.value.columns)
    facts_read = dict(zip(facts["Account fact"], facts["Value"], strict=True))
    assert facts_read["User type"] == "Root user"
    assert facts_read["Account class"] == "Enterprise"
    company = next(d.value for d in at.dataframe if "Company fact" in d.value.columns)
    shown = dict(zip(company["Company fact"], company["Value"], strict=True))
    assert shown["Tax code (MST)"] == "0312687878 — valid (check digit matches)"
    assert shown["Partner type"] == "Reseller"
    assert "Name:" in texts(at) and "Account ID (sub):" in texts(at)
    at.session_state["lang"] = "vi"
    at.run()
    assert "Họ tên:" in texts(at) and "Name:" not in texts(at)
    assert any("Điều kiện" in d.value.columns for d in at.dataframe)
    values = {v for d in at.dataframe for v in d.value.to_numpy().ravel()}
    assert {"Người dùng gốc", "Doanh nghiệp"} <= values and not {"root", "enterprise"} & values


def test_a_search_longer_than_the_limit_says_what_it_used(seeded):
    at = app_as("reviewer@greennode.example")
    at.text_input(key="queue_search").input("company" + "x" * 300).run()
    assert not at.exception
    assert "Only the first 200 characters of the search are used." in texts(at)


@pytest.fixture
def two_pages(app_env):
    """More pending applications than one page of fifty holds."""
    engine = engine_for(app_env)
    summary = seed_history(
        engine,
        applications=300,
        pending=60,
        seed=3,
        days=90,
        terms=load_terms(settings().terms_dir),
    )
    assert 50 < summary.pending <= 100
    return engine, summary.pending


def test_next_page_and_an_application_that_is_not_on_the_page_shown(two_pages):
    _, pending = two_pages
    at = app_as("reviewer@greennode.example")
    first_page = queue_ids(at)
    assert len(first_page) == 50
    assert f"1–50 of {pending} shown" in texts(at)
    at.button(key="queue_next").click().run()
    second_page = queue_ids(at)
    assert len(second_page) == pending - 50 and not set(first_page) & set(second_page)
    assert f"51–{pending} of {pending} shown" in texts(at)
    assert at.button(key="queue_next").disabled
    pick_row(at, 3)
    assert opened_id(at) == second_page[3]
    at.button(key="queue_previous").click().run()
    assert queue_ids(at) == first_page
    # The application stays open although its row is on another page.
    assert f"Application #{second_page[3]}" in texts(at)
    assert not at.exception


def test_a_link_opens_an_application_by_number(two_pages):
    engine, _ = two_pages
    at = app_as("reviewer@greennode.example")
    with session_scope(engine) as session:
        last = session.exec(
            select(Application.id)
            .where(Application.state == State.PENDING)
            .order_by(Application.due_at.desc())
        ).first()
    at.query_params["application"] = str(last)
    at.run()
    assert last not in queue_ids(at)
    assert f"Application #{last}" in texts(at)
    at.button(key="detail_close").click().run()
    assert f"Application #{last}" not in texts(at)
    assert "application" not in at.query_params
    for bad in ("abc", "9" * 40, "-1"):
        at.query_params["application"] = bad
        at.run()
        assert not at.exception
        assert "No such application." in texts(at)
