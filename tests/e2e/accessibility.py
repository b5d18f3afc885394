"""axe-core (WCAG 2.1 A and AA rules) on a page in Chromium, as the tour and the keyboard
tests run it. The package comes from the repository's package-lock.json (``npm ci``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from core.platform.paths import PROJECT_ROOT

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = ("serious", "critical")

# Violations Streamlit 1.67 itself causes that the portal cannot avoid, each shown on a
# trivial two-section st.navigation app by tests/e2e/test_accessibility.py:
# - list / listitem: the sectioned sidebar navigation puts each section's header and
#   links in a <div> directly inside the <ul>, so the <li> have no list parent.
# They count as Streamlit's only where every offending element is inside its navigation.
STREAMLIT_OWN = {"list", "listitem"}
NAVIGATION = "[data-testid=stSidebarNav]"


def need_axe() -> Path:
    if not AXE.exists():
        reason = "axe-core is not installed (npm ci installs it from package-lock.json)"
        if shutil.which("npm") is None:
            reason = "npm not found: axe-core cannot be installed"
        pytest.skip(reason)
    return AXE


def violations(page: Page) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations on the page as it is now: one entry a
    rule, with the offending elements' selectors."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(need_axe()))
    found = page.evaluate(
        """async ([tags, nav]) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                    resultTypes: ['violations'],
                                                    elementRef: true});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map((n) => n.target.join(' ')),
                in_navigation: v.nodes.every((n) => n.element && n.element.closest(nav)),
                summary: v.nodes.slice(0, 3).map((n) => n.failureSummary),
                html: v.nodes.slice(0, 3).map((n) => n.html),
            }));
        }""",
        [TAGS, NAVIGATION],
    )
    return [v for v in found if v["impact"] in SERIOUS]


def streamlits_own(violation: dict) -> bool:
    """True for a listed Streamlit violation whose every element is in its navigation."""
    return violation["id"] in STREAMLIT_OWN and violation["in_navigation"]


def portal_violations(page: Page) -> list[dict]:
    """The serious and critical violations the portal causes (Streamlit's own left out)."""
    return [v for v in violations(page) if not streamlits_own(v)]
