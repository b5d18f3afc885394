"""Two app servers and two outbox workers on one PostgreSQL."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from core.platform.migrate import upgrade
from local.mailcatcher import caught
from tests.e2e.journey import apply, decide, open_application, sign_in, wait_for_email
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
    open_application(reviewer_b, "eligible@acme.example")
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
