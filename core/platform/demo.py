"""The demo accounts that the local OpenID provider offers."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from core.platform.paths import DATA_DIR

DEMO_ACCOUNTS_FILE = DATA_DIR / "demo_accounts.json"


def demo_accounts(path: Path = DEMO_ACCOUNTS_FILE) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def demo_claims(email: str, path: Path = DEMO_ACCOUNTS_FILE) -> dict[str, Any]:
    """What ``st.user`` holds once a demo account has signed in: its ID-token
    claims plus the sign-in section it used (staff accounts use the staff one)."""
    for account in demo_accounts(path):
        if account["sub"] == email:
            claims = {k: v for k, v in account.items() if k != "case"}
            claims["provider"] = "staff" if account["groups"] else "root"
            return claims
    raise KeyError(email)


def as_signed_in(claims: dict[str, Any]) -> dict[str, Any]:
    """``claims`` as ``st.user`` holds them right after a sign-in (for AppTest runs)."""
    return {"iat": int(time.time()), **claims, "is_logged_in": True}
