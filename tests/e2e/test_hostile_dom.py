"""Hostile claims and notes in real Chromium: the DOM gets text, never links, tags or reordering."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.platform.db import engine_for, session_scope
from core.platform.demo import demo_claims
from core.platform.identity import identity_from_claims
from core.platform.settings import get_settings
from core.platform.text import clean_line
from core.registration.decisions import decide
from tests.e2e.journey import pick_queue_row, sign_in
from tests.factories import identity, submit
from tests.hostile import BASE

MARKUP = re.compile(r"[<>\[\]*_`#|$:~@]|www\.|https?://|[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
RISKY = [v for v in BASE if MARKUP.search(v) and "\x00" not in v and len(v) < 120]

# Elements and attributes that would mean hostile text became markup.
FIND_MARKUP = """() => {
  const found = [];
  const hostile = /evil|javascript:|alert|onerror|onload|injected|phish|click me|tracker|display:none|password/i;
  for (const a of document.querySelectorAll('a')) {
    if (hostile.test(a.getAttribute("href") || "") || hostile.test(a.textContent)) found.push("a " + a.outerHTML.slice(0, 120) + " in " + (a.closest("[data-testid]") || {}).dataset?.testid);
  }
  for (const el of document.querySelectorAll('img, iframe, object, embed, svg, form, input[type=password], style, script, h1, h2')) {
    if (hostile.test(el.outerHTML)) found.push(el.tagName + ' ' + el.outerHTML.slice(0, 120));
  }
  if (/[\\u202a-\\u202e\\u2066-\\u2069\\u200e\\u200f]/.test(document.body.innerText)) found.push('bidi control in text');
  return found;
}"""


def chunks(values: list[str], limit: int = 180) -> list[str]:
    """Values joined into company names that fit the 200-character column."""
    out, current = [], ""
    for value in values:
        if current and len(current) + len(value) + 3 > limit:
            out.append(current)
            current = ""
        current = f"{current} ¦ {value}" if current else value
    return [*out, current]


COMPANIES = chunks(RISKY)
NOTE = "\n".join(v for n, v in enumerate(RISKY) if len("\n".join(RISKY[: n + 1])) <= 1000)


@pytest.fixture(scope="module")
def stack_env():
    return {"APPLICATIONS_PER_DAY": "100"}


@pytest.fixture(scope="module")
def hostile_data(stack):
    """One pending application per hostile company; eligible@acme.example rejected with a hostile note."""
    engine = engine_for(stack.database_url)
    with session_scope(engine) as session:
        applicant = identity("eligible@acme.example")
        application, _ = submit(session, applicant)
        decide(
            session=session,
            actor=identity("reviewer2@greennode.example"),
            application_id=application.id,
            approve=False,
            reason_code="other",
            note=NOTE,
        )
        for n, company in enumerate(COMPANIES):
            claims = {
                **demo_claims("eligible2@globex.example"),
                "sub": f"hostile-{n}",
                "email": f"hostile{n}@globex.example",
                "company": company,
                "name": company[:100],
            }
            submit(session, identity_from_claims(claims, get_settings()))
    return COMPANIES


def words(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


def assert_text_only(page: Page) -> None:
    page.wait_for_timeout(300)
    assert page.evaluate(FIND_MARKUP) == []


def test_reviewer_sees_hostile_companies_as_text_in_the_queue_detail_and_dialog(
    browser, stack, hostile_data
):
    page = browser.new_context().new_page()
    sign_in(
        page, f"http://localhost:{stack.app_ports[0]}", "reviewer@greennode.example", staff=True
    )
    for _ in hostile_data:
        assert_text_only(page)  # the queue table and its caption
        pick_queue_row(page, 0)
        page.locator(".st-key-detail_reject button").wait_for()
        assert_text_only(page)
        page.locator(".st-key-detail_reject button").click()
        dialog = page.get_by_role("dialog")
        dialog.wait_for()
        assert_text_only(page)
        # Every word of one hostile company is on screen: nothing was swallowed as markup.
        shown = words(dialog.inner_text())
        assert any(words(clean_line(company, 200)) in shown for company in hostile_data), shown
        dialog.locator(".st-key-decide_reason").get_by_text("Other reason", exact=True).click()
        dialog.locator(".st-key-decide_note textarea").fill("Hostile data check, rejected.")
        dialog.locator(".st-key-decide_note textarea").press("Tab")
        dialog.locator(".st-key-decide_confirm button").click()
        expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Nothing is waiting").first).to_be_visible()
    page.context.close()


def test_applicant_sees_a_hostile_rejection_note_as_text(browser, stack, hostile_data):
    page = browser.new_context().new_page()
    sign_in(page, f"http://localhost:{stack.app_ports[0]}", "eligible@acme.example")
    page.get_by_role("link", name="My application").click()
    expect(page.get_by_text("[phish](https://evil.example/login)").first).to_be_visible()
    assert_text_only(page)
    page.get_by_role("link", name="Mailbox").click()
    page.get_by_text("From:").first.wait_for()
    assert_text_only(page)
    page.context.close()
