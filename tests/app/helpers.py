"""Drive the real Home.py with AppTest as a given demo identity."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

from core.platform.demo import as_signed_in, demo_accounts, demo_claims
from core.platform.paths import PROJECT_ROOT

DEMO_EMAILS = [account["sub"] for account in demo_accounts()]
APPLICANTS = [a["sub"] for a in demo_accounts() if not a["groups"]]
STAFF = [a["sub"] for a in demo_accounts() if a["groups"]]


def app_as(email: str | None = None, claims: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT_ROOT / "Home.py"), default_timeout=60)
    if claims is not None:
        at.user = as_signed_in(claims)
    elif email is not None:
        at.user = as_signed_in(demo_claims(email))
    else:
        at.user = {"is_logged_in": False}
    return at.run()


def apply_now(at: AppTest, partner_type: str = "reseller") -> AppTest:
    """Tick the Terms, complete the company form (the account's facts are prefilled), submit."""
    at.checkbox(key="apply_accept").check()
    at.selectbox(key="apply_company_partner_type").select(partner_type).run()
    return at.button(key="apply_submit").click().run()


def texts(at: AppTest) -> str:
    """Everything the page shows as text, for assertions on what a person reads."""
    parts = []
    for kind in (
        "title",
        "subheader",
        "markdown",
        "caption",
        "info",
        "success",
        "warning",
        "error",
        "text",
    ):
        parts.extend(str(element.value) for element in getattr(at, kind))
    # Markdown escapes (\\@, \\.), code-span fences and character references are not
    # what a person reads.
    text = re.sub(r"(`+) (.*?) \1", r"\2", "\n".join(parts))
    return html.unescape(re.sub(r"\\(.)", r"\1", text)).replace("\u2060", "")


def queue_ids(at: AppTest) -> list[int]:
    """The application numbers on the queue page shown."""
    return [int(v) for v in at.dataframe[0].value["#"]]


def pick_row(at: AppTest, row: int = 0) -> AppTest:
    """Select a row of the queue table, as a click on it does in the browser."""
    from ui.queue_view import table_key

    at.session_state[table_key(tuple(queue_ids(at)))] = {
        "selection": {"rows": [row], "columns": []}
    }
    return at.run()


def pick_desk_row(at: AppTest, desk, row: int = 0) -> AppTest:
    """Select a row of a review desk's queue (customer links, discount requests), as a click does."""
    from ui.review_desk import table_key

    ids = tuple(int(v) for v in at.dataframe[0].value["#"])
    state = at.session_state  # AppTest's session state has no get()
    closed = state[desk.closed_key] if desk.closed_key in state else 0  # noqa: SIM401
    at.session_state[table_key(desk, ids, closed)] = {"selection": {"rows": [row], "columns": []}}
    return at.run()


def opened_id(at: AppTest) -> int | None:
    from ui.review_detail import DESK

    state = at.session_state  # AppTest's session state has no get()
    return state[DESK.open_key] if DESK.open_key in state else None  # noqa: SIM401


def button_for(at, prefix: str):
    """The first button whose key starts with ``prefix`` (keys that end in a row's id)."""
    return next(b for b in at.button if b.key and b.key.startswith(prefix))


def switch_language(at: AppTest, language: str) -> AppTest:
    """Pick ``language`` in the language picker the page shows (main or sidebar)."""
    radios = [*at.radio, *at.sidebar.radio]
    picker = next(r for r in radios if r.key and r.key.startswith("lang_picker_"))
    return picker.set_value(language).run()
