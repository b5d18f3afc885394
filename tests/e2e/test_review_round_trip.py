"""Apply, decide, and see the decision: two people in Chromium, one real stack."""

from playwright.sync_api import expect

from tests.e2e.journey import apply, decide, open_application, sign_in, wait_for_email


def app_url(stack) -> str:
    return f"http://localhost:{stack.app_ports[0]}"


def test_approval_round_trip(browser, stack):
    url = app_url(stack)
    applicant = browser.new_context().new_page()
    sign_in(applicant, url, "eligible@acme.example")
    apply(applicant)
    expect(applicant.get_by_text("Awaiting approval").first).to_be_visible()

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, url, "reviewer@greennode.example", staff=True)
    expect(reviewer.get_by_text("1–1 of 1 shown").first).to_be_visible()
    open_application(reviewer, "eligible@acme.example")
    decide(reviewer, approve=True)
    expect(reviewer.get_by_text("approved; the applicant is being emailed")).to_be_visible()

    applicant.context.clear_cookies()
    sign_in(applicant, url, "eligible@acme.example")
    expect(applicant.get_by_text("GN-P-000001")).to_be_visible()
    applicant.get_by_role("link", name="My application").click()
    expect(applicant.get_by_text("Approved", exact=True).first).to_be_visible()
    email = wait_for_email(stack.mail_dir, "eligible@acme.example", "approved")
    assert "partner area" in email.body("plain")
    reviewer.context.close()
    applicant.context.close()


def test_rejection_round_trip_shows_the_reason(browser, stack):
    url = app_url(stack)
    applicant = browser.new_context().new_page()
    sign_in(applicant, url, "eligible2@globex.example")
    apply(applicant)

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, url, "reviewer2@greennode.example", staff=True)
    open_application(reviewer, "eligible2@globex.example")
    decide(
        reviewer,
        approve=False,
        reason="Information could not be verified",
        note="We could not verify the <company> registration number.",
    )
    expect(reviewer.get_by_text("rejected; the applicant is being emailed")).to_be_visible()

    applicant.reload()
    expect(applicant.get_by_text("Rejected", exact=True).first).to_be_visible()
    expect(
        applicant.get_by_text("We could not verify the <company> registration number.")
    ).to_be_visible()
    email = wait_for_email(stack.mail_dir, "eligible2@globex.example", "not approved")
    assert "&lt;company&gt;" in email.body("html")
    reviewer.context.close()
    applicant.context.close()


def test_request_information_answer_then_approve(browser, stack):
    url = app_url(stack)
    applicant = browser.new_context().new_page()
    sign_in(applicant, url, "sales@acme.example")
    apply(applicant)
    expect(applicant.get_by_text("Awaiting approval").first).to_be_visible()

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, url, "reviewer@greennode.example", staff=True)
    open_application(reviewer, "sales@acme.example")
    reviewer.locator(".st-key-detail_ask button").click()
    dialog = reviewer.get_by_role("dialog")
    dialog.locator(".st-key-ask_question textarea").fill(
        "Is the Hà Nội branch a separate <legal> entity?"
    )
    dialog.locator(".st-key-ask_question textarea").press("Tab")
    dialog.locator(".st-key-ask_send button").click()
    expect(reviewer.get_by_text("Question sent on application")).to_be_visible()

    email = wait_for_email(stack.mail_dir, "sales@acme.example", "a question about application")
    assert "&lt;legal&gt;" in email.body("html")
    applicant.reload()
    expect(applicant.get_by_text("Information requested").first).to_be_visible()
    expect(applicant.get_by_text("Is the Hà Nội branch a separate <legal> entity?")).to_be_visible()
    answer = applicant.locator(".st-key-status_answer textarea")
    answer.fill("No: it is a branch of Acme Việt Nam JSC, tax code 0312687878-001.")
    answer.press("Tab")
    applicant.locator(".st-key-status_answer_send button").click()
    expect(applicant.get_by_text("your answer is with the partner team")).to_be_visible()
    expect(applicant.get_by_text("Awaiting approval").first).to_be_visible()

    reviewer.reload()
    open_application(reviewer, "sales@acme.example")
    expect(reviewer.get_by_text("The applicant answered the team's question on")).to_be_visible()
    expect(reviewer.get_by_text("No: it is a branch of Acme Việt Nam JSC").first).to_be_visible()
    decide(reviewer, approve=True)
    expect(reviewer.get_by_text("approved; the applicant is being emailed")).to_be_visible()
    welcome = wait_for_email(stack.mail_dir, "sales@acme.example", "approved")
    assert "Your partner ID: GN-P-" in welcome.body("plain")
    assert "Next steps" in welcome.body("plain")
    applicant.reload()
    applicant.get_by_role("link", name="My application").click()
    expect(applicant.get_by_text("Approved", exact=True).first).to_be_visible()
    reviewer.context.close()
    applicant.context.close()
