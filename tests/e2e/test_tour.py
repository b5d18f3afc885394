"""The tour: every role, every page it is offered, in English, Tiếng Việt and a pseudo-language.

Each page is checked for what a new user tripped on (a traceback, a "Page not
found" popup, English on a Vietnamese page, numbers written for the other language,
UTC or ISO times, emoji carrying meaning), for serious or critical WCAG 2.1 A/AA
violations (axe-core) the portal causes, and saved as a full-page screenshot under
screenshots/tour/ for a person to look through.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from core.partners.customers import InviteRow, confirm_invitation, invite_customers
from core.platform.clock import utcnow
from core.platform.db import engine_for, session_scope
from core.platform.demo import demo_claims
from core.platform.directory import DemoDirectory
from core.platform.identity import identity_from_claims
from core.platform.locale import locales, pseudo_locale
from core.platform.models import UsageImport
from core.platform.paths import PROJECT_ROOT
from core.platform.settings import get_settings
from core.registration.eligibility import ClaimsFactsSource
from core.registration.info_requests import request_information
from core.registration.partnership import update_partner_profile, withdraw
from core.registration.profile import ProfileInput
from core.registration.terms import load_terms
from local.seed import seed_demo_partner
from local.seed_money import seed_demo_money
from tests.e2e.accessibility import portal_violations
from tests.e2e.journey import (
    choose_partner_type,
    pick_queue_row,
    register_eligible_account,
    sign_in,
    sign_in_registered,
)
from tests.factories import approved_partner, decided, identity, submit

SHOTS = PROJECT_ROOT / "screenshots" / "tour"
NEW_LINK = 5  # after the demo partner's four demo customers
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2705\u274c]")
RAW_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|\bUTC\b")
# Numbers written for the other language: English thousands (1,390) or decimals (72.7) on
# a Vietnamese page; Vietnamese thousands (5.000.000) or a spaced percent (15 %) on an
# English one. Addresses, versions and dates are not numbers of this kind.
NUMBERS_NOT_VI = re.compile(
    r"(?<![\d.,/:-])\d{1,3}(,\d{3})+(?![\d.,])|(?<![\d.,/:-])\d+\.\d{1,2}(?![\d.])\s*%?"
)
NUMBERS_NOT_EN = re.compile(r"(?<![\d.,/:-])\d{1,3}(\.\d{3})+(?![\d.,])|\d %")
# Streamlit's own English where a widget has no words of the portal's.
STREAMLIT_ENGLISH = ("Choose an option", "Choose options", "YYYY/MM/DD", "No results")
# The pseudo-language (accented, 40 % longer) finds text that bypasses the Locale.
PSEUDO = pseudo_locale(locales()["en"])
PICKER = {"en": "English", "vi": "Tiếng Việt", PSEUDO.code: PSEUDO.name}
LANGS = tuple(PICKER)


@pytest.fixture(scope="module")
def stack_env() -> dict[str, str]:
    return {"PSEUDO_LOCALE": "1"}


def english_phrases() -> list[str]:
    """The longest fixed part of every English catalogue string its Vietnamese differs from."""
    phrases = set()
    english, vietnamese = locales()["en"].messages, locales()["vi"].messages
    for key, text in english.items():
        if text == vietnamese[key]:
            continue
        parts = re.split(r"\{\w+\}|\*\*|\[|\]\(.*?\)|`", text)
        longest = max((p.strip(" .,:;()") for p in parts), key=len)
        if len(longest) >= 12:
            phrases.add(longest)
    return sorted(phrases)


ENGLISH = english_phrases()

# role: (how to sign in: None, a demo account, or a registered account, staff)
ROLES: dict[str, tuple[str | None, bool]] = {
    "signed-out": (None, False),
    "new-applicant": ("eligible2@globex.example", False),
    "personal-account": ("personal@home.example", False),
    "iam-user": ("iamuser@acme.example", False),
    "partner-customer": ("customer@client.example", False),
    "pending": ("tour-pending@acme.example", False),
    "rejected": ("tour-rejected@acme.example", False),
    "withdrawn": ("tour-withdrawn@acme.example", False),
    "info-requested": ("tour-asked@acme.example", False),
    "mistyped-tax-code": ("mistyped@initech.example", False),
    "partner-with-customers": ("partner@reseller.example", False),
    "invited-customer": ("knowncustomer@bakery.example", False),
    "reviewer": ("reviewer@greennode.example", True),
    "manager": ("manager@greennode.example", True),
    "finance": ("finance@greennode.example", True),
}
# The mailbox is the same page for everyone; it is visited where mail shows what a role got.
MAIL_ROLES = {"rejected", "info-requested", "partner-with-customers", "reviewer"}
REGISTERED = {
    "tour-asked@acme.example",
    "tour-pending@acme.example",
    "tour-rejected@acme.example",
    "tour-withdrawn@acme.example",
}


@pytest.fixture(scope="module")
def toured(stack):
    """The stack with one account in each applicant state."""
    engine = engine_for(stack.database_url)
    for email in sorted(REGISTERED):
        register_eligible_account(stack, email)
    approved_partner(engine, "eligible@acme.example")
    pending = registered("tour-pending@acme.example")
    applied_as(engine, pending)
    rejected = registered("tour-rejected@acme.example")
    decided(engine, applied_as(engine, rejected).id, approve=False, note="Line one.\nLine two.")
    gone = registered("tour-withdrawn@acme.example")
    applied_as(engine, gone)
    with session_scope(engine) as session:
        withdraw(session=session, identity=gone)
    asked = applied_as(engine, registered("tour-asked@acme.example"))
    with session_scope(engine) as session:
        request_information(
            session=session,
            actor=identity("reviewer@greennode.example"),
            application_id=asked.id,
            question="Which GreenNode services will you resell first, and to whom?",
        )
    seed_demo_partner(engine, load_terms(get_settings().terms_dir))
    seed_demo_money(engine)  # a year of customers, discounts, credit and usage to report
    with session_scope(engine) as session:
        invite_customers(
            session=session,
            identity=identity("partner@reseller.example"),
            rows=[
                InviteRow("newcustomer@retail.example", "Mai Retail", "reseller"),
                InviteRow("knowncustomer@bakery.example", "Hùng Bakery"),
            ],
            directory=DemoDirectory(),
        )
    with session_scope(engine) as session:
        confirm_invitation(
            session=session,
            identity=identity("newcustomer@retail.example"),
            link_id=NEW_LINK,
            directory=DemoDirectory(),
            facts_source=ClaimsFactsSource(get_settings().claims),
        )
    # A second partner invites the same customer: the customer chooses between them.
    with session_scope(engine) as session:
        invite_customers(
            session=session,
            identity=identity("eligible@acme.example"),
            rows=[InviteRow("knowncustomer@bakery.example", "Bakery")],
            directory=DemoDirectory(),
        )
    # A partner's new company name waiting for the partner team.
    with session_scope(engine) as session:
        update_partner_profile(
            session=session,
            identity=identity("eligible@acme.example"),
            profile=ProfileInput("Acme Cloud Việt Nam JSC", "sales@acme.vn", "0912345678", "en"),
        )
    # A day of billing's usage with rows held aside, for finance.
    with session_scope(engine) as session:
        day = session.exec(select(UsageImport).order_by(UsageImport.day.desc())).first()
        day = day or UsageImport(day=date(2026, 11, 30), rows=0, imported_at=utcnow())
        day.held, day.held_rows = (
            2,
            [
                {"reason": "quantity: Input should be a finite number", "row": "{}"},
                {"reason": "service_group: not a GreenNode service group", "row": "x"},
            ],
        )
        session.add(day)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return stack


def registered(email: str):
    """The identity of an eligible account registered under ``email``."""
    claims = {**demo_claims("eligible@acme.example"), "sub": email, "email": email}
    return identity_from_claims(claims, get_settings())


def applied_as(engine, who):
    with session_scope(engine) as session:
        return submit(session, who)[0]


def settle(page: Page) -> None:
    """Wait until Streamlit has finished running the page."""
    page.wait_for_timeout(300)
    expect(page.locator("[data-testid=stStatusWidget]")).to_have_count(0, timeout=30_000)
    page.wait_for_timeout(300)


# What the page shows of an email is in the recipient's language, whatever the screen's.
QUOTED_MAIL = "[data-testid=stTabs], [data-testid=stSelectbox], [data-testid=stText]"


def visible_text(page: Page, *, without: str | None = None) -> str:
    return page.evaluate(
        """(without) => {
            const app = document.querySelector('[data-testid=stApp]').cloneNode(true);
            if (without) app.querySelectorAll(without).forEach((node) => node.remove());
            document.body.appendChild(app);
            const text = app.innerText;
            app.remove();
            return text;
        }""",
        without,
    )


# The Terms are documents of their own in each written language (the pseudo-language
# reads the English ones), not catalogue text.
TERMS_TEXT = ".st-key-terms_text"


def check_page(page: Page, lang: str, where: str) -> None:
    mailbox = "/mailbox/" in where
    text = visible_text(page, without=f"{QUOTED_MAIL}, {TERMS_TEXT}" if mailbox else TERMS_TEXT)
    assert page.locator("[data-testid=stException]").count() == 0, (
        where,
        page.locator("[data-testid=stException]").first.inner_text()
        if page.locator("[data-testid=stException]").count()
        else "",
    )
    assert "Traceback" not in text and "Something went wrong" not in text, where
    assert "Page not found" not in text, where
    assert not EMOJI.search(text), (where, EMOJI.findall(text))
    assert not RAW_TIME.search(text), (where, RAW_TIME.findall(text))
    if lang != "en":
        english = [phrase for phrase in (*ENGLISH, *STREAMLIT_ENGLISH) if phrase in text]
        assert not english, (where, english)
    wrong_numbers = NUMBERS_NOT_EN if lang == "en" else NUMBERS_NOT_VI if lang == "vi" else None
    if wrong_numbers is not None:
        found = [m.group(0) for m in wrong_numbers.finditer(text)]
        assert not found, (where, found)
    if lang in ("en", "vi"):
        # Every page, in the two written languages (the pseudo-language lays out the same).
        found = portal_violations(page)
        assert not found, (where, [(v["id"], v["html"], v["summary"][:2]) for v in found])
    if lang == PSEUDO.code:
        # Nothing pushed out of sight sideways by the longer text.
        overflow = page.evaluate(
            """() => { const main = document.querySelector('[data-testid=stMain]');
                       return main.scrollWidth - main.clientWidth; }"""
        )
        assert overflow <= 1, (where, overflow)


def choose_language(page: Page, lang: str) -> None:
    picker = page.locator(".st-key-lang_picker_sidebar, .st-key-lang_picker_main").first
    picker.get_by_text(PICKER[lang], exact=True).click()
    settle(page)


def screenshot_whole_page(page: Page, path: Path) -> None:
    """Streamlit scrolls inside its main element: grow the window to its height first."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def tour_pages(page: Page, role: str, lang: str) -> list[str]:
    links = page.locator("[data-testid=stSidebarNav] a")
    count = links.count()
    visited = []
    for n in range(max(count, 1)):
        if count:
            if "/mailbox" in (links.nth(n).get_attribute("href") or "") and role not in MAIL_ROLES:
                continue
            links.nth(n).click()
            settle(page)
        slug = re.sub(r"\W+", "-", page.url.rsplit("/", 1)[-1] or "home").strip("-") or "home"
        where = f"{role}/{slug}/{lang}"
        check_page(page, lang, where)
        screenshot_whole_page(page, SHOTS / f"{role}-{slug}-{lang}.png")
        visited.append(slug)
        if page.locator("[class*='st-key-queue_table_']").count():
            # The queue: one application opened from its row, then closed again.
            pick_queue_row(page, 0)
            settle(page)
            check_page(page, lang, f"{role}/application/{lang}")
            screenshot_whole_page(page, SHOTS / f"{role}-application-{lang}.png")
            page.locator(".st-key-detail_close button").click()
            settle(page)
    return visited


@pytest.mark.parametrize("role", list(ROLES))
def test_tour(browser, toured, role):
    email, staff = ROLES[role]
    url = f"http://localhost:{toured.app_ports[0]}"
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    if email is None:
        page.goto(url)
    elif email in REGISTERED:
        sign_in_registered(page, url, email)
    else:
        sign_in(page, url, email, staff=staff)
    settle(page)
    visited = {}
    for lang in LANGS:
        choose_language(page, lang)
        visited[lang] = tour_pages(page, role, lang)
        if role in MORE:
            MORE[role](page, url, role, lang)
    assert visited["en"] == visited["vi"] == visited[PSEUDO.code]  # the same pages in each
    context.close()


def shoot(page: Page, role: str, name: str, lang: str) -> None:
    settle(page)
    check_page(page, lang, f"{role}/{name}/{lang}")
    screenshot_whole_page(page, SHOTS / f"{role}-{name}-{lang}.png")


def company_form_errors(page: Page, url: str, role: str, lang: str) -> None:
    """Submit the company form with the account's mistyped tax code: errors by the fields."""
    page.goto(url)
    settle(page)
    page.locator(".st-key-apply_accept").locator("label").click()
    pseudo = PSEUDO.text("partner_type.reseller") if lang == PSEUDO.code else ""
    choose_partner_type(page, vietnamese=lang == "vi", label=pseudo)
    settle(page)
    page.locator(".st-key-apply_submit button").click()
    shoot(page, role, "apply-errors", lang)


def customer_link_detail(page: Page, url: str, role: str, lang: str) -> None:
    page.goto(f"{url}/customer_links?link={NEW_LINK}")
    shoot(page, role, "customer-link", lang)


MORE = {"mistyped-tax-code": company_form_errors, "reviewer": customer_link_detail}


def test_the_tour_saved_a_screenshot_of_every_page(toured):
    # Runs after the tour (file order): a person can look through them all.
    shots = sorted(Path(SHOTS).glob("*.png"))
    roles = {shot.name.split("-")[0] for shot in shots}
    assert len(shots) >= 2 * len(ROLES)
    assert {"signed", "reviewer", "manager", "partner", "pending"} <= roles
