"""Finance grants credit, the partner tops up a customer, billing applies it, the report shows it."""

from playwright.sync_api import expect
from sqlmodel import Session, select

from core.platform.db import engine_for
from core.platform.models import Partner
from tests.e2e.journey import choose, sign_in
from tests.factories import partner_with_customers

PARTNER = "partner@reseller.example"


def settled(page) -> None:
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()


def fill(page, key: str, text: str) -> None:
    field = page.locator(f".st-key-{key} input")
    field.fill(text)
    field.press("Tab")
    settled(page)


def test_grant_top_up_applied_by_billing_and_reported(browser, stack):
    url = f"http://localhost:{stack.app_ports[0]}"
    # An approved partner whose active customer is knowncustomer.
    engine = engine_for(stack.database_url)
    partner_with_customers(engine, PARTNER)
    with Session(engine) as session:
        code = session.exec(
            select(Partner.partner_code).where(Partner.contact_email == PARTNER)
        ).one()

    finance = browser.new_context(locale="en-US").new_page()
    sign_in(finance, url, "finance@greennode.example", staff=True)
    expect(finance.get_by_text("Partners' balances")).to_be_visible()
    choose(finance, "finance_partner", f"({code})", exact=False)
    fill(finance, "finance_amount", "5.000.000")
    fill(finance, "finance_reference", "INV-2026-1129")
    finance.locator(".st-key-finance_review_button button").click()
    expect(finance.get_by_text("INV-2026-1129").first).to_be_visible()
    settled(finance)
    finance.locator(".st-key-finance_confirm button").click()
    expect(finance.get_by_text("5,000,000 VND granted to")).to_be_visible()

    partner = browser.new_context(locale="en-US").new_page()
    sign_in(partner, url, PARTNER)
    partner.goto(f"{url}/credits")
    partner.locator(".st-key-lang_picker_sidebar").get_by_text("Tiếng Việt").click()
    expect(partner.get_by_text("5.000.000 VND")).to_be_visible()
    fill(partner, "credits_amount", "1.500.000")
    partner.locator(".st-key-credits_review_button button").click()
    expect(partner.get_by_text("3.500.000")).to_be_visible()  # the balance after
    settled(partner)
    partner.locator(".st-key-credits_confirm button").click()
    expect(partner.get_by_text("Đã nạp 1.500.000 VND")).to_be_visible()

    billing = browser.new_context().new_page()
    billing.goto(stack.billing_url)
    for _ in range(40):  # the worker hands it to billing within a few polls
        if billing.get_by_text("1500000").count():
            break
        billing.wait_for_timeout(500)
        billing.reload()
    expect(billing.get_by_text("knowncustomer@bakery.example")).to_be_visible()
    expect(billing.get_by_text("1500000")).to_be_visible()

    partner.goto(f"{url}/reports")
    expect(partner.get_by_text("Tín dụng đã nạp", exact=True)).to_be_visible()
    expect(partner.get_by_text("1.500.000 VND").first).to_be_visible()
    for page in (finance, partner, billing):
        page.context.close()
