"""Browser tests: real Chromium, the real app and the real local OpenID provider."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.platform.migrate import upgrade
from tests.e2e.stack import CHROMIUM, CHROMIUM_ARGS, LiveStack


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def stack_env() -> dict[str, str]:
    """Extra environment for this module's stack; a module may override it."""
    return {}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, stack_env) -> Iterator[LiveStack]:
    workdir = tmp_path_factory.mktemp("stack")
    database_url = f"sqlite:///{workdir / 'partner.db'}"
    upgrade(database_url)
    live = LiveStack(workdir=workdir, database_url=database_url, env=dict(stack_env))
    try:
        live.start_idp()
        live.start_billing()
        live.start_mail()
        live.start_app()
        yield live
    finally:
        live.stop()


@pytest.fixture
def page(browser, stack):
    context = browser.new_context(locale="en-US")
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()
