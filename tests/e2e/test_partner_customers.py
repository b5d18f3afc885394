"""A partner invites a customer, the customer confirms, a reviewer approves: in Chromium.

Then that customer is refused on the apply page, which names the partner.
"""

from playwright.sync_api import expect

from core.platform.db import engine_for
from core.platform.settings import get_settings
from core.registration.terms import load_terms
from local.seed import seed_demo_partner
from tests.e2e.journey import decide, pick_queue_row, sign_in, wait_for_email

PARTNER = "partner@reseller.example"
CUSTOMER = "newcustomer@retail.example"
PARTNER_NAME = "Sao Việt Cloud Reseller JSC (GN-P-000001)"
# On the invitation the partner's name is quoted as its own words.
QUOTED_NAME = "“Sao Việt Cloud Reseller JSC” (GN-P-000001)"


def settled(page) -> None:
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()


def test_invite_confirm_approve_then_the_customer_cannot_apply(browser, stack):
    url = f"http://localhost:{stack.app_ports[0]}"
    assert seed_demo_partner(engine_for(stack.database_url), load_terms(get_settings().terms_dir))

    partner = browser.new_context(locale="en-US").new_page()
    sign_in(partner, url, PARTNER)
    partner.goto(f"{url}/customers")
    partner.locator(".st-key-customers_email_0 input").fill(CUSTOMER)
    partner.locator(".st-key-customers_name_0 input").fill("Mai <Retail>")
    partner.locator(".st-key-customers_name_0 input").press("Tab")
    settled(partner)
    partner.locator(".st-key-customers_add button").click()
    expect(
        partner.get_by_text("1 invitation(s) sent").or_(partner.get_by_text("Đã gửi 1 lời mời"))
    ).to_be_visible()
    # The created row leaves the form; the list (a canvas grid) holds it now.
    expect(partner.locator(".st-key-customers_email_0 input")).to_have_value("")

    # The customer's account speaks Vietnamese: so does its invitation.
    invitation = wait_for_email(stack.mail_dir, CUSTOMER, "đề nghị đăng ký bạn làm khách hàng")
    assert "Sao Việt Cloud Reseller JSC" in invitation.body("plain")

    customer = browser.new_context(locale="en-US").new_page()
    sign_in(customer, url, CUSTOMER)
    # ... and so does the page it signs in to, until the customer picks English.
    expect(customer.get_by_role("heading", name="Lời mời từ đối tác")).to_be_visible()
    customer.locator(".st-key-lang_picker_sidebar").get_by_text("English").click()
    expect(customer.get_by_text("A partner invites you")).to_be_visible()
    expect(customer.get_by_text(QUOTED_NAME)).to_be_visible()
    settled(customer)
    customer.locator("[class*=st-key-invitation_confirm_] button").first.click()
    expect(
        customer.get_by_text("GreenNode will review the link within 3 working days")
    ).to_be_visible()
    wait_for_email(stack.mail_dir, PARTNER, "Mai <Retail>")

    reviewer = browser.new_context(locale="en-US").new_page()
    sign_in(reviewer, url, "reviewer@greennode.example", staff=True)
    reviewer.goto(f"{url}/customer_links")
    pick_queue_row(reviewer, 0, desk="links")  # a click on the row opens it
    expect(reviewer.get_by_text("Customer link #1")).to_be_visible()
    expect(reviewer.get_by_text("When confirmed").first).to_be_attached()  # a grid header
    assert "link=1" in reviewer.url
    decide(reviewer, approve=True)
    expect(reviewer.get_by_text("Customer link approved.")).to_be_visible()
    wait_for_email(stack.mail_dir, CUSTOMER, "Sao Việt Cloud Reseller JSC")

    customer.goto(url)
    expect(customer.get_by_text(f"customer account of the partner {PARTNER_NAME}")).to_be_visible()
    expect(customer.get_by_role("button", name="Become a GreenNode Partner")).to_have_count(0)
    for page in (partner, customer, reviewer):
        page.context.close()
