"""The applicant screens, run as each demo identity with AppTest."""

import pytest
from streamlit.testing.v1 import AppTest

from core.platform.db import engine_for
from core.platform.demo import as_signed_in, demo_claims
from core.platform.identity import identity_from_claims
from core.platform.paths import PROJECT_ROOT
from core.platform.settings import get_settings
from tests.app.helpers import APPLICANTS, DEMO_EMAILS, STAFF, app_as, apply_now, texts
from tests.factories import applied, approved_partner, decided
from ui.navigation import offered_pages

NOT_PARTNER = "The partner area is for approved GreenNode partners."
ALL_PAGES = sorted(p.name for p in (PROJECT_ROOT / "pages").glob("*.py"))


def offered(email: str | None) -> list[str]:
    who = identity_from_claims(demo_claims(email), get_settings()) if email else None
    return [s.path for s in offered_pages(who, application_state=None, settings=get_settings())]


@pytest.mark.parametrize("email", [None, *DEMO_EMAILS])
def test_every_offered_page_runs_for_every_identity(app_env, email):
    at = app_as(email)
    assert not at.exception
    for page in offered(email):
        at.switch_page(page).run()
        assert not at.exception, (email, page)


NO_INVITATION = "There is no invitation waiting for your account."
NOT_OFFERED = [
    (page, email)
    for email in [None, *DEMO_EMAILS]
    for page in ALL_PAGES
    if page != "sign_in.py" and f"pages/{page}" not in offered(email)
]


@pytest.mark.parametrize(("page", "email"), NOT_OFFERED)
def test_a_page_not_offered_refuses_when_reached_directly(app_env, page, email):
    at = AppTest.from_file(str(PROJECT_ROOT / "pages" / page), default_timeout=60)
    at.user = as_signed_in(demo_claims(email)) if email else {"is_logged_in": False}
    at.run()
    assert not at.exception
    # An account no partner invited reaches the invitation page and reads that it has none.
    refusals = ("This page is not available for your account.", NOT_PARTNER, NO_INVITATION)
    assert any(refusal in texts(at) for refusal in refusals)


def test_signed_out_visitor_sees_sign_in_and_sign_up(app_env):
    at = app_as(None)
    assert at.button(key="signin_root").label == "Sign in with root user account"
    assert (
        "https://docs.vngcloud.vn/vng-cloud-document/getting-start-with-vng-cloud-account"
        in texts(at)
    )


def test_signed_out_visitor_is_offered_only_sign_in():
    assert offered(None) == ["pages/sign_in.py"]


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        ("personal@home.example", "not classified as an Enterprise account"),
        ("iamuser@acme.example", "You signed in as an IAM user"),
        ("customer@client.example", "customer account of an existing partner"),
    ],
)
def test_ineligible_accounts_see_their_reason_and_no_terms(app_env, email, reason):
    at = app_as(email)
    assert reason in texts(at)
    assert "partner-support@greennode.example" in texts(at) or "IAM" in reason
    assert not [c for c in at.checkbox if c.key == "apply_accept"]
    assert not [b for b in at.button if b.key == "apply_submit"]


def test_terms_button_is_disabled_until_the_box_is_ticked(app_env):
    at = app_as("eligible@acme.example")
    assert "GreenNode Partner Programme" in texts(at)
    assert at.button(key="apply_submit").disabled
    at.checkbox(key="apply_accept").check().run()
    assert not at.button(key="apply_submit").disabled


def test_submitting_lands_on_awaiting_approval_and_signing_in_again_goes_there(app_env):
    at = app_as("eligible@acme.example")
    apply_now(at)
    assert not at.exception
    shown = texts(at)
    assert "Awaiting approval" in shown
    assert "(Vietnam time)" in shown
    again = app_as("eligible@acme.example")
    assert "Awaiting approval" in texts(again)


def test_vietnamese_choice_is_kept_and_used(app_env):
    at = app_as("eligible2@globex.example")
    at.radio(key="lang_picker_main").set_value("vi").run()
    assert "Điều khoản và Điều kiện" in texts(at)
    apply_now(at)
    assert "Đang chờ phê duyệt" in texts(at)
    again = app_as("eligible2@globex.example")
    assert "Đang chờ phê duyệt" in texts(again)


def test_staff_are_not_offered_the_applicant_pages():
    for email in STAFF:
        assert "pages/apply.py" not in offered(email)
        assert "pages/customers.py" not in offered(email)
        # The review team works from the queue; finance from partner credit.
        team_page = "pages/finance.py" if email.startswith("finance@") else "pages/review_queue.py"
        assert offered(email)[0] == team_page


def test_applicants_are_not_offered_the_review_queue():
    for email in APPLICANTS:
        assert "pages/review_queue.py" not in offered(email)


@pytest.mark.parametrize("environment", ["production", "Production", "PROD"])
def test_production_mode_refuses_to_start_without_telling_visitors_why(
    app_env, monkeypatch, caplog, environment
):
    monkeypatch.setenv("APP_ENV", environment)
    get_settings.cache_clear()
    at = app_as("eligible@acme.example")
    assert not at.exception
    shown = texts(at)
    assert "python -m core check-production" in shown
    # The settings that are wrong go to the log, never to an anonymous visitor.
    for detail in ("DATABASE_URL", "SMTP_HOST", "cookie_secret", "localhost", "sqlite"):
        assert detail not in shown
    assert not at.checkbox


def test_an_applicant_without_an_email_is_not_told_we_emailed_them(app_env):
    claims = {**demo_claims("eligible2@globex.example"), "sub": "no-mail-sub"}
    claims.pop("email")
    at = app_as(claims=claims)
    apply_now(at)
    shown = texts(at)
    assert "Awaiting approval" in shown
    assert "we cannot email you" in shown
    assert "We have sent you an email" not in shown
    assert not [b for b in at.button if b.key == "status_resend"]


def test_the_due_time_reads_as_a_deadline_and_goes_once_decided(app_env):
    engine = engine_for(app_env)
    pending = applied(engine, "eligible@acme.example")
    shown = texts(app_as("eligible@acme.example"))
    assert "Decision due by" in shown
    assert "(Vietnam time)" in shown and "(Vietnam time) (Vietnam time)" not in shown
    decided(engine, pending.id, approve=False)
    at = app_as("eligible@acme.example")
    at.switch_page("pages/status.py").run()
    assert "Rejected" in texts(at)
    assert "Decision due by" not in texts(at)


def test_an_ineligible_account_is_not_invited_to_start_an_application(app_env):
    at = app_as("personal@home.example").switch_page("pages/status.py").run()
    assert not at.exception
    shown = texts(at)
    assert "Your account cannot apply to become a partner yet." in shown
    assert "Start your application" not in shown
    eligible = app_as("eligible2@globex.example").switch_page("pages/status.py").run()
    assert "Your account cannot apply" not in texts(eligible)


def test_an_approved_partner_is_shown_its_partner_id_and_the_way_to_its_partner_area(app_env):
    approved_partner(engine_for(app_env), "eligible@acme.example")
    at = app_as("eligible@acme.example").switch_page("pages/status.py").run()
    assert not at.exception
    assert "Your partner ID is **GN-P-000001**." in [m.value for m in at.markdown]
    assert any(
        getattr(link, "label", "") == "Open your partner area" for link in at.get("page_link")
    )
