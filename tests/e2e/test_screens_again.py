"""What a new user hit in the partner area, round two, in Chromium (issue list of #28)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.journey import choose_partner_type, sign_in

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


def app_url(stack) -> str:
    return f"http://localhost:{stack.app_ports[0]}"


SIGN_OUT = {"English": "Sign out", "Tiếng Việt": "Đăng xuất"}


def switch_language(page, to: str) -> None:
    """Pick ``to`` in the language picker and wait until the page speaks it."""
    page.locator(IDLE).wait_for()
    page.locator(".st-key-lang_picker_main, .st-key-lang_picker_sidebar").first.get_by_text(
        to, exact=True
    ).click()
    page.get_by_role("button", name=SIGN_OUT[to]).wait_for()
    page.locator(IDLE).wait_for()


def test_a_chosen_partner_type_survives_language_switches_and_the_next_edit(browser, stack):
    page = browser.new_context(locale="en-US").new_page()
    sign_in(page, app_url(stack), "eligible2@globex.example")
    choose_partner_type(page)
    switch_language(page, "Tiếng Việt")
    box = page.locator(".st-key-apply_company_partner_type")
    expect(box).to_match_aria_snapshot('- combobox "Loại đối tác": Đại lý bán lại', timeout=10_000)
    switch_language(page, "English")
    expect(box).to_match_aria_snapshot('- combobox "Partner type": Reseller', timeout=10_000)
    # The next edit elsewhere keeps it, and the form goes through.
    page.locator(".st-key-apply_company_website input").fill("https://globex.example.vn")
    page.locator(".st-key-apply_company_website input").press("Enter")
    page.locator(IDLE).wait_for()
    page.wait_for_timeout(500)
    expect(box).to_match_aria_snapshot('- combobox "Partner type": Reseller', timeout=10_000)
    page.locator(".st-key-apply_accept").locator("label").click()
    page.locator(IDLE).wait_for()
    page.locator(".st-key-apply_submit").get_by_role("button").click()
    expect(page.get_by_text("Choose one of the partner types")).to_have_count(0)
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    page.context.close()
