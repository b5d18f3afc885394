"""Partner overview, withdraw, apply again and the new-Terms gate, through AppTest."""

import re
import shutil

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from core.platform.db import engine_for, session_scope
from core.platform.demo import as_signed_in, demo_claims
from core.platform.models import Application, Partner, State
from core.platform.paths import PROJECT_ROOT
from core.platform.settings import get_settings
from tests.app.helpers import app_as, apply_now, pick_row, texts
from tests.factories import applied, approved_partner, decided, identity, submit

NOT_PARTNER = "The partner area is for approved GreenNode partners."


def open_partner(email: str):
    """Reach the partner page directly, as a typed URL would, offered or not."""
    at = AppTest.from_file(str(PROJECT_ROOT / "pages" / "partner.py"), default_timeout=60)
    at.user = as_signed_in(demo_claims(email))
    return at.run()


def test_approved_partner_lands_on_the_partner_overview(app_env):
    approved_partner(engine_for(app_env))
    at = app_as("eligible@acme.example")
    assert not at.exception
    shown = texts(at)
    assert "Partner overview" in shown
    assert at.metric[0].value == "GN-P-000001"
    assert re.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4}", at.metric[2].value)  # like other dates
    assert "Version 2026-01" in shown


@pytest.mark.parametrize(
    "email", ["eligible2@globex.example", "personal@home.example", "reviewer@greennode.example"]
)
def test_everyone_else_is_told_why_not(app_env, email):
    approved_partner(engine_for(app_env))  # someone else's partnership
    at = open_partner(email)
    assert not at.exception
    assert NOT_PARTNER in texts(at) or "This page is not available" in texts(at)
    assert not at.metric


def test_pending_and_rejected_applicants_are_refused(app_env):
    engine = engine_for(app_env)
    pending = applied(engine, "eligible@acme.example")
    assert NOT_PARTNER in texts(open_partner("eligible@acme.example"))
    decided(engine, pending.id, approve=False)
    assert NOT_PARTNER in texts(open_partner("eligible@acme.example"))


def test_profile_edit_shows_field_errors_and_saves_good_input(app_env):
    approved_partner(engine_for(app_env))
    at = app_as("eligible@acme.example")
    at.text_input[0].input("A")
    at.text_input[1].input("nope")
    at.text_input[2].input("123")
    next(b for b in at.button if b.label == "Save profile").click().run()
    shown = texts(at)
    assert "Nothing was saved" in shown
    assert "Enter the company name, 2 to 200 characters" in shown
    assert "Enter one email address like name@company.com" in shown
    with session_scope(engine_for(app_env)) as session:
        assert session.exec(select(Partner)).one().company == "Acme Việt Nam JSC"
    at.text_input[0].input("Acme Cloud Partner JSC")
    at.text_input[1].input("partners@acme.vn")
    at.text_input[2].input("0912 345 678")
    next(b for b in at.button if b.label == "Save profile").click().run()
    assert "Profile saved." in texts(at)
    assert "Your new company name Acme Cloud Partner JSC is waiting" in texts(at)
    with session_scope(engine_for(app_env)) as session:
        partner = session.exec(select(Partner)).one()
    assert (partner.company, partner.pending_company, partner.contact_phone) == (
        "Acme Việt Nam JSC",
        "Acme Cloud Partner JSC",
        "+84912345678",  # stored in one form, shown as people write it
    )
    assert "0912 345 678" in [t.value for t in at.text_input]
    staff = app_as("reviewer@greennode.example").switch_page("pages/partners.py").run()
    assert not staff.exception
    assert "from Acme Việt Nam JSC to Acme Cloud Partner JSC" in texts(staff)
    staff.button(key=f"rename_approve_{partner.id}").click().run()
    assert "The new company name is in use." in texts(staff)
    with session_scope(engine_for(app_env)) as session:
        assert session.exec(select(Partner)).one().company == "Acme Cloud Partner JSC"
    # The new name is found by the Partners search, diacritics or not.
    staff.text_input(key="partners_search").input("acme cloud").run()
    assert list(staff.dataframe[0].value["Company"]) == ["Acme Cloud Partner JSC"]
    staff.text_input(key="partners_search").input("Việt Nam JSC").run()
    assert "No partner matches this search (1 partner in all)." in texts(staff)


def test_withdraw_asks_first_then_leaves_the_queue(app_env):
    engine = engine_for(app_env)
    with session_scope(engine) as session:
        submit(session, identity("eligible@acme.example"))
    at = app_as("eligible@acme.example")
    at.button(key="status_withdraw").click().run()
    assert "Withdraw application #1?" in texts(at)
    at.button(key="status_withdraw_no").click().run()
    with session_scope(engine) as session:
        assert session.exec(select(Application)).one().state == State.PENDING
    at.button(key="status_withdraw").click().run()
    at.button(key="status_withdraw_yes").click().run()
    assert "Your application was withdrawn." in texts(at)
    with session_scope(engine) as session:
        assert session.exec(select(Application)).one().state == State.WITHDRAWN
    reviewer = app_as("reviewer@greennode.example")
    assert "Nothing is waiting for a decision." in texts(reviewer)


def test_rejected_applicant_sees_the_reason_and_applies_again(app_env):
    engine = engine_for(app_env)
    first = applied(engine, "eligible@acme.example")
    decided(
        engine,
        first.id,
        approve=False,
        reason_code="unverifiable",
        note="We could not verify your tax code.",
    )
    at = app_as("eligible@acme.example")
    assert "We could not verify your tax code." in texts(at)
    at.switch_page("pages/apply.py").run()
    assert "Your previous application was not approved." in texts(at)
    assert at.button(key="apply_submit").disabled
    apply_now(at)
    assert "Awaiting approval" in texts(at)
    with session_scope(engine) as session:
        states = sorted(a.state for a in session.exec(select(Application)).all())
    assert states == ["pending", "rejected"]
    reviewer = pick_row(app_as("reviewer@greennode.example"))
    earlier = next(d.value for d in reviewer.dataframe if "Reason" in d.value.columns)
    assert list(earlier["Reason"]) == ["The account information could not be verified"]
    assert list(earlier["Note"]) == ["We could not verify your tax code."]


def test_new_terms_gate_before_the_partner_area(app_env, tmp_path, monkeypatch):
    approved_partner(engine_for(app_env))
    for path in get_settings().terms_dir.glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
        text = path.read_text().replace("version: 2026-01", "version: 2026-11")
        text = text.replace("effective: 2026-01-01", "effective: 2026-11-01")
        (tmp_path / path.name.replace("2026-01", "2026-11")).write_text(
            text + "\nAddendum 2026-11.\n"
        )
    monkeypatch.setenv("TERMS_DIR", str(tmp_path))
    get_settings.cache_clear()
    at = app_as("eligible@acme.example")
    assert "A new version of the Terms and Conditions is in effect." in texts(at)
    assert not at.metric
    assert at.button(key="partner_accept_submit").disabled
    at.checkbox(key="partner_accept").check().run()
    at.button(key="partner_accept_submit").click().run()
    assert "version 2026-11 is accepted" in texts(at)
    assert at.metric[0].value == "GN-P-000001"
    with session_scope(engine_for(app_env)) as session:
        assert session.exec(select(Partner)).one().terms_version == "2026-11"


def test_overdue_application_tells_the_applicant_and_how_to_reach_support(app_env):
    from datetime import timedelta

    from core.platform.clock import utcnow

    with session_scope(engine_for(app_env)) as session:
        submit(session, identity("eligible@acme.example"), now=utcnow() - timedelta(days=14))
    shown = texts(app_as("eligible@acme.example"))
    assert "The decision is late by" in shown
    assert "partner-support@greennode.example" in shown
