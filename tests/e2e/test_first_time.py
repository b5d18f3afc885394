"""What a new user trips on, in Chromium: each of these failed before its fix."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from core.platform.db import engine_for, session_scope
from core.platform.models import Application
from tests.e2e.journey import (
    apply,
    open_application,
    register_eligible_account,
    sign_in,
    sign_in_registered,
)
from tests.factories import applied, approved_partner, decided

NOT_FOUND = "Page not found"
SERVER_ERROR = "Something went wrong"


def app_url(stack) -> str:
    return f"http://localhost:{stack.app_ports[0]}"


@pytest.fixture(scope="module")
def partner(stack):
    approved_partner(engine_for(stack.database_url), "eligible@acme.example")
    return "eligible@acme.example"


def test_a_profile_save_says_saved_and_shows_what_was_saved(browser, stack, partner):
    page = browser.new_context(locale="en-US").new_page()
    sign_in(page, app_url(stack), "eligible@acme.example")
    phone = page.get_by_label("Business contact phone")
    phone.fill("+84 (0) 912-345-678")
    page.locator("[data-testid=stForm]").get_by_text("Tiếng Việt").click()
    page.get_by_role("button", name="Save profile").click()
    # Saved in Vietnamese, the preference just chosen: the page now speaks it.
    expect(page.get_by_text("Đã lưu hồ sơ.")).to_be_visible()
    expect(page.get_by_text(SERVER_ERROR)).to_have_count(0)
    expect(page.get_by_label("Số điện thoại liên hệ kinh doanh")).to_have_value("0912 345 678")
    preferred = page.locator("[data-testid=stForm]").get_by_role("radio", name="Tiếng Việt")
    expect(preferred).to_be_checked()
    page.context.close()


def test_the_language_picked_before_sign_in_is_kept(browser, stack):
    page = browser.new_context(locale="en-US").new_page()
    page.goto(app_url(stack))
    page.locator(".st-key-lang_picker_main").get_by_text("Tiếng Việt").click()
    page.get_by_role("button", name="Đăng nhập bằng tài khoản người dùng gốc").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name="eligible2@globex.example", exact=True).click()
    expect(page.get_by_text("Điều khoản và Điều kiện", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    page.context.close()


def test_a_vietnamese_browser_starts_in_vietnamese(browser, stack):
    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(app_url(stack))
    expect(
        page.get_by_role("button", name="Đăng nhập bằng tài khoản người dùng gốc")
    ).to_be_visible()
    page.context.close()


def new_applicant_applied(browser, stack, email: str):
    """A new eligible account signs in, applies and sees its application pending."""
    register_eligible_account(stack, email)
    page = browser.new_context(locale="en-US").new_page()
    sign_in_registered(page, app_url(stack), email)
    apply(page)
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    return page


def test_deep_links_to_a_landing_page_show_no_page_not_found(browser, stack):
    page = new_applicant_applied(browser, stack, "deeplink@acme.example")
    page.goto(f"{app_url(stack)}/status")
    expect(page.get_by_text("Awaiting approval").first).to_be_visible()
    page.wait_for_timeout(1000)  # the popup, when there was one, came with the page
    expect(page.get_by_text(NOT_FOUND)).to_have_count(0)
    page.context.close()

    reviewer = browser.new_context(locale="en-US").new_page()
    sign_in(reviewer, app_url(stack), "reviewer@greennode.example", staff=True)
    reviewer.goto(f"{app_url(stack)}/review_queue")
    expect(reviewer.get_by_role("heading", name="Review queue")).to_be_visible()
    reviewer.wait_for_timeout(1000)
    expect(reviewer.get_by_text(NOT_FOUND)).to_have_count(0)
    reviewer.context.close()


def test_escape_in_the_reject_dialog_loses_nothing(browser, stack):
    applicant_email = "eligible2@globex.example"
    applied(engine_for(stack.database_url), applicant_email)
    reviewer = browser.new_context(locale="en-US").new_page()
    sign_in(reviewer, app_url(stack), "reviewer2@greennode.example", staff=True)
    open_application(reviewer, applicant_email)
    reviewer.locator(".st-key-detail_reject button").click()
    dialog = reviewer.get_by_role("dialog")
    reason = dialog.locator(".st-key-decide_reason")
    option = reason.get_by_text("Duplicate application")
    option.click()
    dialog.locator(".st-key-decide_note textarea").fill("You already have a partner account.")
    option.click()
    reviewer.keyboard.press("Escape")
    expect(dialog).to_be_visible()
    expect(reason.get_by_role("radio", name="Duplicate application")).to_be_checked()
    dialog.locator(".st-key-decide_confirm button").click()
    expect(reviewer.get_by_text("rejected; the applicant is being emailed")).to_be_visible()
    reviewer.context.close()


def test_a_too_long_paste_is_refused_with_a_message_above_the_form(browser, stack, partner):
    page = browser.new_context(locale="en-US").new_page()
    sign_in(page, app_url(stack), "eligible@acme.example")
    # The profile test may have saved Vietnamese as this partner's language.
    page.locator(".st-key-lang_picker_sidebar").get_by_text("English", exact=True).click()
    company = page.get_by_label("Company name")
    company.fill("A" * 250)  # as a paste would: the field takes it, the save says why not
    page.get_by_role("button", name="Save profile").click()
    banner = page.get_by_text("Nothing was saved")
    expect(banner).to_be_visible()
    expect(page.get_by_text("2 to 200 characters")).to_be_visible()
    form = page.locator("[data-testid=stForm]")
    assert banner.bounding_box()["y"] < form.bounding_box()["y"]
    page.context.close()


def test_a_confirm_on_an_application_decided_meanwhile_says_who_and_closes(browser, stack):
    page = new_applicant_applied(browser, stack, "meanwhile@acme.example")
    page.context.close()

    reviewer = browser.new_context(locale="en-US").new_page()
    sign_in(reviewer, app_url(stack), "manager@greennode.example", staff=True)
    open_application(reviewer, "meanwhile@acme.example")
    reviewer.locator(".st-key-detail_approve button").click()
    dialog = reviewer.get_by_role("dialog")
    dialog.wait_for()
    with session_scope(engine_for(stack.database_url)) as session:
        mine = session.exec(
            select(Application).where(Application.account_sub == "meanwhile@acme.example")
        ).one()
    decided(engine_for(stack.database_url), mine.id, approve=True)  # another reviewer, first
    dialog.locator(".st-key-decide_confirm button").click()
    expect(
        reviewer.get_by_text(re.compile("Already decided: Approved by reviewer@\u2060?greennode"))
    ).to_be_visible()
    expect(reviewer.get_by_role("dialog")).to_have_count(0)
    reviewer.context.close()
