"""HAProxy in front of two app servers on a PostgreSQL of the test's own: servers lost and restarted."""

from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.request
from contextlib import suppress

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import func, select

from core.platform.db import engine_for, session_scope
from core.platform.models import Application, ApplicationEvent
from local.mailcatcher import caught
from tests.e2e.journey import (
    apply,
    choose_partner_type,
    open_application,
    register_eligible_account,
    sign_in,
    sign_in_registered,
)
from tests.e2e.stack import LiveStack, stack_on_own_cluster

pytestmark = pytest.mark.skipif(not shutil.which("haproxy"), reason="HAProxy is not installed")


@pytest.fixture(scope="module")
def cluster_stack(tmp_path_factory):
    with stack_on_own_cluster(tmp_path_factory.mktemp("haproxy")) as (live, _):
        live.start_idp()
        live.start_mail()
        live.start_worker()
        live.start_load_balancer(servers=2)
        yield live


def public(stack: LiveStack) -> str:
    return f"http://localhost:{stack.public_port}"


def server_of(page: Page, stack: LiveStack) -> int:
    cookie = next(c for c in page.context.cookies() if c["name"] == "GN_SERVER")
    return stack.port_of(cookie["value"])


def submit_as_a_person_would(page: Page, timeout: float = 90) -> None:
    """Tick and submit; while the tab reconnects to another server a click can be
    lost, and a person presses again until the application is awaiting approval."""
    awaiting = page.get_by_text("Awaiting approval").first
    tick = page.locator(".st-key-apply_accept input[type=checkbox]")
    submit = page.locator(".st-key-apply_submit button")
    chosen = page.locator(".st-key-apply_company_partner_type input")
    # A part of the page whose script was lost with the server shows an error: reload.
    broken = page.get_by_text("Failed to fetch dynamically imported module")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not awaiting.is_visible():
        if broken.count():
            page.reload()
            page.wait_for_timeout(1000)
        elif tick.count() and not tick.is_checked():
            page.locator(".st-key-apply_accept label").click()
            page.wait_for_timeout(500)
        elif chosen.count() and chosen.input_value() != "Reseller":
            choose_partner_type(page)
            page.wait_for_timeout(500)
        elif submit.count() and submit.is_enabled():
            submit.click()
        page.wait_for_timeout(2000)
    expect(awaiting).to_be_visible()


def count(stack: LiveStack, statement) -> int:
    with session_scope(engine_for(stack.database_url)) as session:
        return session.exec(statement).one()


def test_an_applicant_keeps_going_when_their_server_is_lost(browser, cluster_stack):
    stack = cluster_stack
    page = browser.new_context().new_page()
    sign_in(page, public(stack), "eligible@acme.example")
    page.locator(".st-key-apply_accept").wait_for()
    lost = server_of(page, stack)
    stack.kill_app(lost)
    try:
        # The tab reconnects through HAProxy to the other server, still signed in.
        submit_as_a_person_would(page)
        expect(page.get_by_text("Traceback")).to_have_count(0)
        assert server_of(page, stack) != lost
    finally:
        stack.restart_app(lost)
    query = select(func.count()).select_from(Application)
    assert count(stack, query.where(Application.account_sub == "eligible@acme.example")) == 1
    page.context.close()


# Twelve people at once keep both servers busy through both restarts, within the suite's budget.
APPLICANTS, RESTART_AT = 12, (3, 8)


@pytest.mark.scale
def test_a_rolling_restart_loses_and_doubles_nothing(browser, cluster_stack):
    stack = cluster_stack
    applicants = [f"rolling{n}@acme.example" for n in range(APPLICANTS)]
    for email in applicants:
        register_eligible_account(stack, email)
    pages = []
    for email in applicants:
        page = browser.new_context().new_page()
        sign_in_registered(page, public(stack), email)
        page.locator(".st-key-apply_accept").wait_for(timeout=60_000)
        pages.append(page)
    for n, page in enumerate(pages):
        if n in RESTART_AT:  # restart each app server in turn while applicants submit
            port = stack.app_ports[RESTART_AT.index(n)]
            stack.kill_app(port, sig=15)
            stack.restart_app(port)
        submit_as_a_person_would(page)
    for page in pages:
        expect(page.get_by_text("Traceback")).to_have_count(0)
        page.context.close()
    per_account = select(Application.account_sub, func.count()).group_by(Application.account_sub)
    with session_scope(engine_for(stack.database_url)) as session:
        counts = dict(
            session.exec(per_account.where(Application.account_sub.in_(applicants))).all()
        )
    assert counts == {email: 1 for email in applicants}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        delivered = [m for m in caught(stack.mail_dir) if m.recipient in applicants]
        if len(delivered) >= APPLICANTS:
            break
        time.sleep(0.5)
    time.sleep(3)  # give a duplicate every chance to show up
    delivered = [m for m in caught(stack.mail_dir) if m.recipient in applicants]
    assert sorted(m.recipient for m in delivered) == sorted(applicants)


def test_a_reviewer_mid_decision_is_told_what_happened(browser, cluster_stack):
    stack = cluster_stack
    applicant = browser.new_context().new_page()
    sign_in(applicant, public(stack), "eligible2@globex.example")
    apply(applicant)
    expect(applicant.get_by_text("Awaiting approval").first).to_be_visible()
    applicant.context.close()

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, public(stack), "reviewer@greennode.example", staff=True)
    open_application(reviewer, "eligible2@globex.example")
    reviewer.locator(".st-key-detail_approve button").click()
    dialog = reviewer.get_by_role("dialog")
    dialog.locator(".st-key-decide_note textarea").fill("Welcome aboard.")
    dialog.locator(".st-key-decide_note textarea").press("Tab")
    lost = server_of(reviewer, stack)
    stack.kill_app(lost)
    try:
        # The tab reconnects to the other server; the dialog is still on screen.
        deadline = time.monotonic() + 30
        while server_of(reviewer, stack) == lost and time.monotonic() < deadline:
            reviewer.wait_for_timeout(250)
        assert server_of(reviewer, stack) != lost
        # The other server redraws the page (and the dialog) on reconnecting; a click that
        # lands during the redraw is lost, and a person presses Confirm again.
        done = reviewer.get_by_text("approved; the applicant is being emailed")
        confirm = dialog.locator(".st-key-decide_confirm button")
        for _ in range(3):
            reviewer.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()
            if done.count() or not confirm.count():
                break
            confirm.click()
            with suppress(AssertionError):
                expect(done).to_be_visible(timeout=10_000)
        expect(done).to_be_visible()
        expect(reviewer.get_by_text("Traceback")).to_have_count(0)
    finally:
        stack.restart_app(lost)
    with session_scope(engine_for(stack.database_url)) as session:
        application = session.exec(
            select(Application).where(Application.account_sub == "eligible2@globex.example")
        ).one()
        decided = session.exec(
            select(ApplicationEvent.kind, ApplicationEvent.note).where(
                ApplicationEvent.application_id == application.id,
                ApplicationEvent.kind == "approved",
            )
        ).all()
    assert application.state == "approved"
    assert decided == [("approved", "Welcome aboard.")]
    reviewer.context.close()


def test_through_haproxy_pages_carry_the_security_headers_and_metrics_are_refused(cluster_stack):
    with urllib.request.urlopen(public(cluster_stack), timeout=10) as response:
        headers = response.headers
    assert headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{public(cluster_stack)}/_stcore/metrics", timeout=10)
    assert refused.value.code == 403
    # Each app server still answers its own operators on its own port.
    port = cluster_stack.app_ports[0]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as r:
        assert r.status == 200
