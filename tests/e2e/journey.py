"""What a person does in the browser, step by step."""

from __future__ import annotations

import json
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from core.platform.demo import demo_claims
from local.mailcatcher import caught


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


def register_eligible_account(stack, email: str) -> None:
    claims = {**demo_claims("eligible@acme.example"), "sub": email, "email": email}
    claims.pop("provider")
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.idp_port}/users/{email}",
        data=json.dumps(claims).encode(),
        headers={"Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status < 300


def sign_in_registered(page: Page, app_url: str, email: str) -> None:
    """Sign in as an account registered through the provider's /users API (typed, not listed)."""
    page.goto(app_url)
    page.get_by_role("button", name="Sign in with root user account").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("textbox", name="sub").fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app_url}/**")


def apply(page: Page, *, vietnamese: bool = False) -> None:
    if vietnamese:
        page.locator(".st-key-lang_picker_main").get_by_text("Tiếng Việt").click()
        page.get_by_text("Điều khoản và Điều kiện", exact=True).wait_for()
    page.locator(".st-key-apply_accept").locator("label").click()
    choose_partner_type(page, vietnamese=vietnamese)
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()
    page.wait_for_timeout(300)
    submit = "Trở thành đối tác GreenNode" if vietnamese else "Become a GreenNode Partner"
    page.locator(".st-key-apply_submit").get_by_role("button", name=submit).click()


def choose(page: Page, key: str, label: str, *, exact: bool = True) -> None:
    """Pick ``label`` in the select box keyed ``key``.

    A rerun still drawing the page closes a list opened meanwhile: open it until it stays.
    """
    option = page.locator("[data-testid=stSelectboxVirtualDropdown]").get_by_text(
        label, exact=exact
    )
    opener = page.locator(f".st-key-{key}").get_by_role("button", name="Open")
    for _ in range(10):
        page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()
        opener.click()
        try:
            option.click(timeout=2000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the {key} list would not stay open")


def choose_partner_type(page: Page, *, vietnamese: bool = False, label: str = "") -> None:
    """Pick "Reseller" in the company form (the account's other facts come prefilled)."""
    label = label or ("Đại lý bán lại" if vietnamese else "Reseller")
    choose(page, "apply_company_partner_type", label)


def wait_for_email(mail_dir: Path, recipient: str, subject_part: str, timeout: float = 20):
    """The first caught email to ``recipient`` whose subject contains ``subject_part``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in caught(mail_dir):
            if message.recipient == recipient and subject_part in message.subject:
                return message
        time.sleep(0.3)
    seen = [(m.recipient, m.subject) for m in caught(mail_dir)]
    raise AssertionError(f"no email to {recipient} about {subject_part!r}; caught: {seen}")


ROW_HEIGHT = 35  # the data grid's header and row height, in CSS pixels


def pick_queue_row(page: Page, row: int = 0, desk: str = "queue") -> None:
    """Select a row of a desk's queue table (applications, links, discount requests)
    by its row marker, as a person clicks it."""
    grid = page.locator(f"[class*='st-key-{desk}_table_'] [data-testid=stDataFrame]")
    grid.wait_for()
    # A click on a grid still being redrawn is lost: wait until the page has settled.
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()
    page.wait_for_timeout(300)
    grid.click(position={"x": 18, "y": ROW_HEIGHT * (row + 1.5)})
    page.locator(".st-key-detail_close").wait_for()


def open_application(page: Page, email: str) -> None:
    """Find the applicant's pending application in the review queue and open it."""
    search = page.locator(".st-key-queue_search input")
    search.fill(email)
    search.press("Enter")
    page.get_by_text("1–1 of 1 shown").wait_for()
    pick_queue_row(page, 0)
    page.locator(".st-key-detail_approve").wait_for()
    page.locator("[data-testid=stText]").filter(has_text=email).first.wait_for()


def open_decision(page: Page, *, approve: bool):
    """Press Approve or Reject on the open row; returns the decision dialog."""
    button = page.locator(".st-key-detail_approve" if approve else ".st-key-detail_reject")
    dialog = page.get_by_role("dialog")
    # A click while the page is still redrawing is lost: wait for it to settle, and
    # click again if no dialog opened. The page's running mark can stay on after a
    # fragment's rerun was superseded; then a person just clicks, and so do we.
    for attempt in range(4):
        if dialog.count() and dialog.first.is_visible():
            break  # the last click opened it after all, late
        if page.locator("#root > *").count() == 0:
            # Under heavy load Streamlit's page (1.67) can unmount itself and stay blank;
            # a person reloads, and the row's link (?application=…) reopens the row.
            page.reload()
        with suppress(PlaywrightTimeout):
            page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(
                timeout=15_000
            )
        try:
            button.locator("button").click(timeout=20_000)
            dialog.first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 3:
                raise
    return dialog


def decide(page: Page, *, approve: bool, reason: str = "", note: str = "") -> None:
    """Approve or reject the row open on a review desk, confirming in the dialog."""
    dialog = open_decision(page, approve=approve)
    if reason:
        dialog.locator(".st-key-decide_reason").get_by_text(reason).click()
    if note:
        dialog.locator(".st-key-decide_note textarea").fill(note)
        dialog.locator(".st-key-decide_note textarea").press("Tab")
    dialog.locator(".st-key-decide_confirm button").click()
