"""What a person does in the browser, step by step."""

from __future__ import annotations

from playwright.sync_api import Page


def sign_in(page: Page, app_url: str, email: str, *, staff: bool = False) -> None:
    page.goto(app_url)
    button = "Partner team sign-in" if staff else "Sign in with root user account"
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name=email, exact=True).click()
    page.wait_for_url(f"{app_url}/**")
    page.get_by_role("button", name="Sign out").or_(
        page.get_by_role("button", name="Đăng xuất")
    ).first.wait_for()


def apply(page: Page, *, vietnamese: bool = False) -> None:
    if vietnamese:
        page.locator(".st-key-lang_picker_main").get_by_text("Tiếng Việt").click()
        page.get_by_text("Điều khoản và Điều kiện", exact=True).wait_for()
    page.locator(".st-key-apply_accept").locator("label").click()
    submit = "Trở thành đối tác GreenNode" if vietnamese else "Become a GreenNode Partner"
    page.locator(".st-key-apply_submit").get_by_role("button", name=submit).click()
