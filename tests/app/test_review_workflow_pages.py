"""The company form, a question and its answer, as the pages show them (AppTest)."""

from __future__ import annotations

from sqlmodel import select

from core.platform.db import engine_for, session_scope
from core.platform.models import Application, OutboxMessage
from tests.app.helpers import app_as, apply_now, opened_id, pick_row, texts
from tests.factories import applied, decided

QUESTION = "Please tell us which services you will resell first."


def application_of(app_env: str, email: str) -> Application | None:
    with session_scope(engine_for(app_env)) as session:
        return session.exec(select(Application).where(Application.account_sub == email)).first()


def test_a_mistyped_tax_code_is_refused_next_to_its_field_until_corrected(app_env):
    at = apply_now(app_as("mistyped@initech.example"))
    assert at.text_input(key="apply_company_tax_code").value == "0301234560"  # prefilled
    shown = texts(at)
    assert "check digit does not match" in shown
    assert "Nothing was submitted" in shown
    assert application_of(app_env, "mistyped@initech.example") is None
    at.text_input(key="apply_company_tax_code").input("0301234562").run()
    at.button(key="apply_submit").click().run()
    assert "Awaiting approval" in texts(at)
    stored = application_of(app_env, "mistyped@initech.example")
    assert stored.tax_code == "0301234562" and stored.website == "https://initech.example"


def test_the_company_form_speaks_vietnamese(app_env):
    at = app_as("mistyped@initech.example")
    at.session_state["lang"] = "vi"
    at.run()
    at = apply_now(at, "technology")
    shown = texts(at)
    assert "Chữ số kiểm tra của mã số thuế không khớp" in shown
    assert at.text_input(key="apply_company_tax_code").label == "Mã số thuế"


def test_request_information_answer_and_the_reviewer_sees_it(app_env):
    app_id = applied(engine_for(app_env), "eligible@acme.example").id
    reviewer = pick_row(app_as("reviewer@greennode.example"))
    assert opened_id(reviewer) == app_id
    assert "0312687878 — valid (check digit matches)" in " ".join(
        str(v) for d in reviewer.dataframe for v in d.value.to_numpy().ravel()
    )
    reviewer.button(key="detail_ask").click().run()
    reviewer.text_area(key="ask_question").input("Why?").run()
    reviewer.button(key="ask_send").click().run()
    assert "The question must be 10 to 1,000 characters long." in texts(reviewer)
    # The dialog stays as it was: Cancel is still there for a reviewer who changes their mind.
    assert [b for b in reviewer.button if b.key == "ask_cancel"]
    assert application_of(app_env, "eligible@acme.example").state == "pending"
    reviewer.text_area(key="ask_question").input(QUESTION + " <b>now</b>").run()
    reviewer.button(key="ask_send").click().run()
    assert f"Question sent on application #{app_id}" in texts(reviewer)
    assert application_of(app_env, "eligible@acme.example").state == "info_requested"

    applicant = app_as("eligible@acme.example")
    assert "Information requested" in texts(applicant)
    assert QUESTION + " <b>now</b>" in [str(t.value) for t in applicant.text]  # as text
    applicant.text_area(key="status_answer").input("Compute and storage first.").run()
    applicant.text_input(key="status_company_website").input("https://acme.vn").run()
    applicant.button(key="status_answer_send").click().run()
    assert "your answer is with the partner team" in texts(applicant)
    back = application_of(app_env, "eligible@acme.example")
    assert back.state == "pending" and back.website == "https://acme.vn"
    with session_scope(engine_for(app_env)) as session:
        kinds = list(session.exec(select(OutboxMessage.kind)))
    assert "info_requested" in kinds

    again = app_as("reviewer@greennode.example")
    pick_row(again)
    assert "Applicant answered — review time resumed" in " ".join(
        str(v) for d in again.dataframe for v in d.value.to_numpy().ravel()
    )
    # Question and answer each under a label; the website the answer changed, before and after.
    assert "**The question was:**" in [m.value for m in again.markdown]
    assert "**The answer:**" in [m.value for m in again.markdown]
    assert "Compute and storage first." in [str(t.value) for t in again.text]
    changed = next(d.value for d in again.dataframe if "Before" in d.value.columns)
    assert changed.to_dict("records") == [
        {
            "Company fact": "Company website",
            "Before": "https://acme.example.vn",
            "After": "https://acme.vn",
        }
    ]


def test_the_apply_again_page_shows_the_reviewers_note_as_text(app_env):
    engine = engine_for(app_env)
    note = "Your account is personal <b>today</b>; switch to Enterprise, then apply again."
    decided(engine, applied(engine, "eligible@acme.example").id, approve=False, note=note)
    at = app_as("eligible@acme.example")
    at.switch_page("pages/apply.py").run()
    assert "The partner team's note:" in texts(at)
    assert note in [str(t.value) for t in at.text]


def test_the_waiting_view_lists_applications_waiting_for_the_applicant(app_env):
    engine = engine_for(app_env)
    app_id = applied(engine, "eligible2@globex.example").id
    reviewer = pick_row(app_as("reviewer@greennode.example"))
    reviewer.button(key="detail_ask").click().run()
    reviewer.text_area(key="ask_question").input(QUESTION).run()
    reviewer.button(key="ask_send").click().run()
    reviewer.segmented_control(key="queue_waiting").set_value(True).run()
    assert [int(v) for v in reviewer.dataframe[0].value["#"]] == [app_id]
    assert "Waiting for applicant" in [m.label for m in reviewer.metric]
