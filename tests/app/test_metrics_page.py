"""The metrics page through AppTest: managers only, and never stale."""

from datetime import timedelta

from sqlmodel import select

from core.platform.clock import utcnow
from core.platform.db import engine_for, session_scope
from core.platform.models import Application
from core.platform.settings import get_settings
from core.registration.decisions import decide
from tests.app.helpers import app_as, texts
from tests.factories import identity, submit, synthetic_identity
from ui.navigation import offered_pages


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_metrics_page_runs_for_a_manager_with_every_chart(app_env):
    engine = engine_for(app_env)
    for n in range(3):
        with session_scope(engine) as session:
            submit(session, synthetic_identity(n))
    at = app_as("manager@greennode.example")
    at.switch_page("pages/metrics.py").run()
    assert not at.exception
    assert metric(at, "Received") == "3"
    assert "Received and decided per week" in texts(at)
    for key in ("4w", "quarter", "12m"):
        at.segmented_control(key="metrics_period").set_value(key).run()
        assert not at.exception


def test_metrics_page_is_offered_to_managers_only():
    settings = get_settings()
    for email, offered in [
        ("manager@greennode.example", True),
        ("reviewer@greennode.example", False),
        ("eligible@acme.example", False),
    ]:
        who = identity(email)
        paths = [p.path for p in offered_pages(who, application_state=None, settings=settings)]
        assert ("pages/metrics.py" in paths) is offered


def test_a_decision_between_two_runs_changes_the_numbers(app_env):
    engine = engine_for(app_env)
    with session_scope(engine) as session:
        submit(session, synthetic_identity(1))
    at = app_as("manager@greennode.example")
    at.switch_page("pages/metrics.py").run()
    assert metric(at, "Decided") == "0"
    assert metric(at, "Pending now") == "1"
    with session_scope(engine) as session:
        application = session.exec(select(Application)).one()
        decide(
            session=session,
            actor=identity("reviewer@greennode.example"),
            application_id=application.id,
            approve=True,
        )
    at.run()
    assert metric(at, "Decided") == "1"
    assert metric(at, "Pending now") == "0"
    assert metric(at, "Approval rate") == "100.0%"


def test_custom_range_must_be_ordered(app_env):
    at = app_as("manager@greennode.example")
    at.switch_page("pages/metrics.py").run()
    at.segmented_control(key="metrics_period").set_value("custom").run()
    assert not at.exception
    assert "Received" in [m.label for m in at.metric]


def submitted_days_ago(engine, n: int, days: int) -> None:
    with session_scope(engine) as session:
        submit(session, synthetic_identity(n), now=utcnow() - timedelta(days=days))


def test_changes_are_whole_numbers_and_an_empty_past_is_said_so(app_env):
    engine = engine_for(app_env)
    for n in range(3):
        submitted_days_ago(engine, n, 1)
    at = app_as("manager@greennode.example")
    at.switch_page("pages/metrics.py").run()
    received = next(m for m in at.metric if m.label == "Received")
    assert not received.delta  # nothing earlier to compare with
    assert "No earlier data" in texts(at)
    submitted_days_ago(engine, 10, 40)  # one in the previous four weeks
    at.run()
    received = next(m for m in at.metric if m.label == "Received")
    assert received.delta == "+2"
    assert "No earlier data" not in texts(at)


def test_the_overdue_table_has_readable_headers_in_each_language(app_env):
    submitted_days_ago(engine_for(app_env), 1, 12)
    at = app_as("manager@greennode.example")
    at.switch_page("pages/metrics.py").run()
    headers = list(at.dataframe[-2].value.columns)  # the last is the assignment load
    assert headers == ["#", "Applicant", "Company", "Submitted", "Due"]
    at.session_state["lang"] = "vi"
    at.run()
    assert "submitted_at" not in list(at.dataframe[-2].value.columns)
    assert "Hạn" in list(at.dataframe[-2].value.columns)
