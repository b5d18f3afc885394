"""PostgreSQL stops under a running app, on a throwaway cluster of this test's own."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.e2e.journey import apply, sign_in
from tests.e2e.stack import stack_on_own_cluster


@pytest.fixture(scope="module")
def own_cluster_stack(tmp_path_factory):
    with stack_on_own_cluster(tmp_path_factory.mktemp("restart")) as (live, cluster):
        live.start_idp()
        live.start_mail()
        live.start_app()
        yield live, cluster


def wait_for_database(url: str, timeout: float = 30) -> None:
    engine = create_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            try:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                    return
            except Exception:
                time.sleep(0.5)
    finally:
        engine.dispose()
    raise TimeoutError("PostgreSQL did not come back")


def test_database_restart_shows_try_again_then_recovers(browser, own_cluster_stack):
    live, cluster = own_cluster_stack
    page = browser.new_context().new_page()
    sign_in(page, f"http://localhost:{live.app_ports[0]}", "eligible2@globex.example")
    apply(page)
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    cluster.stop()
    try:
        page.get_by_role("button", name="Resend email").click()
        expect(page.get_by_text("Please try again in a moment").first).to_be_visible()
        expect(page.get_by_text("Traceback")).to_have_count(0)
    finally:
        cluster.start()
    wait_for_database(cluster.url)
    page.get_by_role("link", name="My application").click()
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    expect(page.get_by_text("Please try again in a moment")).to_have_count(0)
    page.context.close()
