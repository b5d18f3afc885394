"""A decision dialog left open on a lost app server is reopened by the next one, from the database."""

from __future__ import annotations

from sqlmodel import func, select

from core.platform.db import engine_for, session_scope
from core.platform.models import ApplicationEvent, OpenDecision
from tests.app.helpers import app_as, pick_row, texts
from tests.factories import applied

MOVED = "Your connection moved to another server"


def open_rows(engine) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(OpenDecision)).one()


def test_a_new_session_reopens_the_dialog_and_confirming_decides_once(app_env):
    engine = engine_for(app_env)
    application = applied(engine, "eligible2@globex.example")
    first = pick_row(app_as("reviewer@greennode.example"))
    first.button(key="detail_approve").click().run()
    assert open_rows(engine) == 1
    # The server holding that session is gone; the tab's next session starts afresh.
    second = app_as("reviewer@greennode.example")
    assert not second.exception
    assert MOVED in texts(second)
    second.button(key="decide_confirm").click().run()
    assert "approved; the applicant is being emailed" in texts(second)
    assert open_rows(engine) == 0
    with session_scope(engine) as session:
        approvals = session.exec(
            select(func.count()).where(
                ApplicationEvent.application_id == application.id,
                ApplicationEvent.kind == "approved",
            )
        ).one()
    assert approvals == 1
    third = app_as("reviewer@greennode.example")
    assert MOVED not in texts(third)


def test_a_dialog_decided_elsewhere_meanwhile_says_who_decided(app_env):
    engine = engine_for(app_env)
    applied(engine, "eligible2@globex.example")
    first = pick_row(app_as("reviewer@greennode.example"))
    first.button(key="detail_reject").click().run()
    other = pick_row(app_as("reviewer2@greennode.example"))
    other.button(key="detail_approve").click().run()
    other.button(key="decide_confirm").click().run()
    resumed = app_as("reviewer@greennode.example")
    assert not resumed.exception
    assert "Already decided: Approved by reviewer2@greennode.example" in texts(resumed)
    assert MOVED not in texts(resumed)
    assert open_rows(engine) == 0


def test_cancel_forgets_the_open_dialog(app_env):
    engine = engine_for(app_env)
    applied(engine, "eligible2@globex.example")
    at = pick_row(app_as("reviewer@greennode.example"))
    at.button(key="detail_approve").click().run()
    at.button(key="decide_cancel").click().run()
    assert open_rows(engine) == 0
    assert MOVED not in texts(app_as("reviewer@greennode.example"))
