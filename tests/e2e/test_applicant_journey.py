"""The applicant journey in Chromium against the real app and local provider."""

from playwright.sync_api import expect

from tests.e2e.journey import apply, sign_in, wait_for_email


def app_url(stack) -> str:
    return f"http://localhost:{stack.app_ports[0]}"


def test_eligible_applicant_applies_in_vietnamese(page, stack):
    url = app_url(stack)
    sign_in(page, url, "eligible@acme.example")
    expect(page.get_by_text("Choose your language")).to_be_visible()
    apply(page, vietnamese=True)
    expect(page.get_by_text("Đang chờ phê duyệt").first).to_be_visible()
    expect(page.get_by_text("Nhóm đối tác sẽ quyết định chậm nhất vào")).to_be_visible()
    expect(page.get_by_text("(giờ Việt Nam)").first).to_be_visible()
    page.screenshot(path=str(stack.workdir / "awaiting-approval-vi.png"), full_page=True)
    email = wait_for_email(stack.mail_dir, "eligible@acme.example", "đang chờ phê duyệt")
    assert "(giờ Việt Nam)" in email.body("plain")

    # Signing in again goes straight to the status page, still in Vietnamese.
    page.context.clear_cookies()
    sign_in(page, url, "eligible@acme.example")
    expect(page.get_by_text("Đang chờ phê duyệt").first).to_be_visible()


def test_personal_account_sees_why_it_is_not_eligible(page, stack):
    sign_in(page, app_url(stack), "personal@home.example")
    expect(page.get_by_text("not classified as an Enterprise account")).to_be_visible()
    expect(page.get_by_text("I have read and accept")).to_have_count(0)
