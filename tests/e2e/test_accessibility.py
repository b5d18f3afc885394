"""Accessibility in Chromium: what axe-core leaves to Streamlit is Streamlit's own, and the
applicant's apply and a partner's top-up can be done with the keyboard alone."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
import streamlit
from playwright.sync_api import Page, expect

from core.platform.db import engine_for
from tests.e2e.accessibility import STREAMLIT_OWN, portal_violations, violations
from tests.e2e.stack import free_port, wait_for
from tests.factories import granted, partner_with_customers

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"

# The same sectioned navigation as the portal's, and nothing else.
TRIVIAL_APP = """
import streamlit as st

def first():
    st.title("First page")
    st.write("Some text.")

def second():
    st.title("Second page")

st.navigation(
    {
        "Section one": [st.Page(first, title="First", default=True)],
        "Section two": [st.Page(second, title="Second"), st.Page(lambda: None, title="Third")],
    }
).run()
"""


@pytest.fixture(scope="module")
def trivial_app(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("trivial")
    (folder / "app.py").write_text(TRIVIAL_APP)
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(
        command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        yield f"http://localhost:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_navigation_violations_left_to_streamlit_are_its_own(browser, trivial_app):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(trivial_app)
    page.get_by_role("heading", name="First page").wait_for()
    page.locator(IDLE).wait_for()
    found = violations(page)
    in_navigation = {v["id"] for v in found if v["in_navigation"]}
    # Streamlit's own sectioned navigation, on an app with nothing of the portal's.
    assert in_navigation >= STREAMLIT_OWN, (streamlit.__version__, found)
    page.context.close()


def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focus is inside ``selector`` (as a keyboard user moves)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement?.closest(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def sign_in_with_keyboard(page: Page, url: str, email: str) -> None:
    page.goto(url)
    page.locator(IDLE).wait_for()
    tab_to(page, ".st-key-signin_root")
    page.keyboard.press("Enter")
    page.wait_for_url("**/oauth2/authorize**")
    # The local provider's page is not the portal's: its account button is pressed.
    page.get_by_role("button", name=email, exact=True).click()
    page.get_by_role("button", name="Sign out").wait_for()
    page.locator(IDLE).wait_for()


def test_an_applicant_applies_with_the_keyboard_alone(browser, stack):
    url = f"http://localhost:{stack.app_ports[0]}"
    page = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    sign_in_with_keyboard(page, url, "eligible2@globex.example")
    assert portal_violations(page) == []
    tab_to(page, ".st-key-apply_accept input")
    page.keyboard.press("Space")
    page.locator(IDLE).wait_for()
    tab_to(page, ".st-key-apply_company_partner_type input")
    page.keyboard.type("Reseller")
    page.keyboard.press("Enter")
    page.locator(IDLE).wait_for()
    expect(page.locator(".st-key-apply_company_partner_type")).to_match_aria_snapshot(
        '- combobox "Partner type": Reseller'
    )
    tab_to(page, ".st-key-apply_submit button")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    assert portal_violations(page) == []
    page.context.close()


def test_a_partner_tops_up_a_customer_with_the_keyboard_alone(browser, stack):
    engine = engine_for(stack.database_url)
    partner_with_customers(engine, "partner@reseller.example")
    granted(engine, 2_000_000, key="keyboard-grant-1")
    url = f"http://localhost:{stack.app_ports[0]}"
    page = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}).new_page()
    sign_in_with_keyboard(page, url, "partner@reseller.example")
    page.goto(f"{url}/credits")
    page.locator(".st-key-credits_amount").wait_for()
    page.locator(IDLE).wait_for()
    tab_to(page, ".st-key-credits_amount input")
    page.keyboard.type("500000")
    page.keyboard.press("Enter")
    page.locator(IDLE).wait_for()
    tab_to(page, ".st-key-credits_review_button button")
    page.keyboard.press("Enter")
    page.locator(".st-key-credits_confirm").wait_for()
    assert portal_violations(page) == []
    tab_to(page, ".st-key-credits_confirm button")
    page.keyboard.press("Enter")
    expect(page.get_by_text("500,000 VND topped up for").first).to_be_visible()
    page.context.close()
