"""Two app servers and two outbox workers on one PostgreSQL; then PostgreSQL restarts."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.mailcatcher import caught
from core.migrate import upgrade
from tests.e2e.journey import apply, decide, sign_in, wait_for_email
from tests.e2e.stack import LiveStack
from tests.pg import PG_SKIP_REASON, PG_URL, throwaway_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_stack(tmp_path_factory):
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    with throwaway_database("portal_scaleout") as url:
        upgrade(url)
        live = LiveStack(workdir=tmp_path_factory.mktemp("scaleout"), database_url=url)
        try:
            live.start_idp()
            live.start_mail()
            live.start_worker()  # a second outbox worker
            live.start_app()
            live.start_app()
            yield live
        finally:
            live.stop()


def emails_to(stack: LiveStack, recipient: str) -> list:
    return [m for m in caught(stack.mail_dir) if m.recipient == recipient]


def test_submit_on_one_server_decide_on_the_other(browser, pg_stack):
    # Each server is reached at its own address here, so each browser context
    # signs in where it works; behind a load balancer they share one address.
    server_a, server_b = (f"http://localhost:{port}" for port in pg_stack.app_ports)
    applicant_a = browser.new_context().new_page()
    sign_in(applicant_a, server_a, "eligible@acme.example")
    apply(applicant_a)
    expect(applicant_a.get_by_text("Awaiting approval").first).to_be_visible()

    reviewer_b = browser.new_context().new_page()
    sign_in(reviewer_b, server_b, "reviewer@greennode.example", staff=True)
    decide(reviewer_b, approve=True)
    expect(reviewer_b.get_by_text("approved; the applicant is being emailed")).to_be_visible()

    applicant_a.reload()
    expect(applicant_a.get_by_text("GN-P-000001")).to_be_visible()
    applicant_b = browser.new_context().new_page()
    sign_in(applicant_b, server_b, "eligible@acme.example")
    expect(applicant_b.get_by_text("GN-P-000001")).to_be_visible()

    wait_for_email(pg_stack.mail_dir, "eligible@acme.example", "approved")
    time.sleep(3)  # give a duplicate every chance to show up
    kinds = sorted(
        m.message["X-GreenNode-Email-Kind"] for m in emails_to(pg_stack, "eligible@acme.example")
    )
    assert kinds == ["approved", "submitted"]
    for page in (applicant_a, applicant_b, reviewer_b):
        page.context.close()


def _cluster() -> list[str] | None:
    if not shutil.which("pg_ctlcluster") or not Path("/etc/postgresql").is_dir():
        return None
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def test_database_restart_shows_try_again_then_recovers(browser, pg_stack):
    cluster = _cluster()
    if cluster is None:
        pytest.skip("needs pg_ctlcluster to stop and start the local PostgreSQL")
    server = f"http://localhost:{pg_stack.app_ports[0]}"
    page = browser.new_context().new_page()
    sign_in(page, server, "eligible2@globex.example")
    apply(page)
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    subprocess.run([*cluster, "stop"], check=True, timeout=60)
    try:
        page.get_by_role("button", name="Resend email").click()
        expect(page.get_by_text("Please try again in a moment").first).to_be_visible()
        expect(page.get_by_text("Traceback")).to_have_count(0)
    finally:
        subprocess.run([*cluster, "start"], check=True, timeout=60)
    for _ in range(30):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1"], check=False).returncode == 0:
            break
        time.sleep(1)
    page.get_by_role("link", name="My application").click()
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    expect(page.get_by_text("Please try again in a moment")).to_have_count(0)
    page.context.close()
