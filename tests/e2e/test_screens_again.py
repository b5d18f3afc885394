"""What a new user hit in the partner area, round two, in Chromium (issue list of #28)."""

from __future__ import annotations

from playwright.sync_api import expect

from core.partners.discounts import request_discounts
from core.platform.db import engine_for, session_scope
from tests.e2e.journey import choose_partner_type, sign_in
from tests.factories import applied, approved_partner, identity

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


def sign_in_here(page, email: str, *, staff: bool = False) -> None:
    """Sign in from the sign-in page already on screen (the link opened signed out)."""
    button = "Partner team sign-in" if staff else "Sign in with root user account"
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name=email, exact=True).click()
    page.get_by_role("button", name="Sign out").wait_for()


def test_a_link_from_a_staff_email_opens_its_application_after_sign_in(browser, stack):
    application = applied(engine_for(stack.database_url), "sales@acme.example")
    page = browser.new_context(locale="en-US").new_page()
    page.goto(f"{app_url(stack)}/review_queue?application={application.id}")
    page.get_by_role("button", name="Partner team sign-in").wait_for()
    page.locator(IDLE).wait_for()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    sign_in_here(page, "reviewer@greennode.example", staff=True)
    # The application the link named is open, on the page the link named.
    page.locator(".st-key-detail_approve").wait_for()
    expect(
        page.locator("[data-testid=stText]").filter(has_text="sales@acme.example").first
    ).to_be_visible()
    assert f"application={application.id}" in page.url
    page.context.close()


def test_a_link_to_a_page_the_signed_in_person_lacks_lands_on_their_own_page(browser, stack):
    page = browser.new_context(locale="en-US").new_page()
    page.goto(f"{app_url(stack)}/customer_links?link=1")
    page.get_by_role("button", name="Sign in with root user account").wait_for()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    sign_in_here(page, "eligible2@globex.example")
    expect(page.get_by_text("Page not found")).to_have_count(0)
    assert "customer_links" not in page.url
    page.context.close()


def test_a_link_to_a_discount_request_opens_it_after_sign_in(browser, stack):
    engine = engine_for(stack.database_url)
    approved_partner(engine, "partner@reseller.example")
    with session_scope(engine) as session:
        request = request_discounts(
            session=session,
            identity=identity("partner@reseller.example"),
            groups=("compute",),
            justification="Forty retail customers moving their shops to GreenNode compute.",
        )
        request_id = request.id
    page = browser.new_context(locale="en-US").new_page()
    page.goto(f"{app_url(stack)}/discount_requests?request={request_id}")
    page.get_by_role("button", name="Partner team sign-in").wait_for()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    sign_in_here(page, "reviewer2@greennode.example", staff=True)
    page.locator(".st-key-detail_close").wait_for()
    expect(page.get_by_text("Forty retail customers").first).to_be_visible()
    assert f"/discount_requests?request={request_id}" in page.url
    page.context.close()
