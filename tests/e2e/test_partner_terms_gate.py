"""An approved partner must accept a new Terms version before the partner area opens."""

import shutil
from datetime import date

import pytest
from playwright.sync_api import expect

from core.platform.db import engine_for
from core.platform.settings import get_settings
from tests.e2e.journey import sign_in
from tests.factories import approved_partner

TERMS_DIR_NAME = "terms"


@pytest.fixture(scope="module")
def terms_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp(TERMS_DIR_NAME)
    for path in get_settings().terms_dir.glob("*.md"):
        shutil.copy(path, directory / path.name)
    return directory


@pytest.fixture(scope="module")
def stack_env(terms_dir):
    return {"TERMS_DIR": str(terms_dir)}


def publish_new_version(directory, effective: date) -> None:
    for path in list(directory.glob("2026-01.*.md")):
        text = path.read_text().replace("version: 2026-01", "version: 2026-12")
        text = text.replace("effective: 2026-01-01", f"effective: {effective.isoformat()}")
        addendum = "\n## 12. Addendum\n\n12.1. Partners keep customer data in Vietnam.\n"
        (directory / path.name.replace("2026-01", "2026-12")).write_text(text + addendum)


def test_partner_accepts_new_terms_before_the_overview(browser, stack, terms_dir):
    approved_partner(engine_for(stack.database_url))
    publish_new_version(terms_dir, date(2026, 1, 2))

    page = browser.new_context().new_page()
    url = f"http://localhost:{stack.app_ports[0]}"
    sign_in(page, url, "eligible@acme.example")
    expect(
        page.get_by_text("A new version of the Terms and Conditions is in effect")
    ).to_be_visible()
    expect(page.get_by_text("Partner ID")).to_have_count(0)
    expect(page.get_by_text("12.1. Partners keep customer data in Vietnam.")).to_be_visible()
    page.locator(".st-key-partner_accept").locator("label").click()
    page.locator(".st-key-partner_accept_submit").get_by_role("button").click()
    expect(page.get_by_text("version 2026-12 is accepted")).to_be_visible()
    expect(page.get_by_text("GN-P-000001")).to_be_visible()
    page.context.close()
