"""The demo accounts that the local OpenID provider offers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.settings import DATA_DIR

DEMO_ACCOUNTS_FILE = DATA_DIR / "demo_accounts.json"


def demo_accounts(path: Path = DEMO_ACCOUNTS_FILE) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def demo_claims(email: str, path: Path = DEMO_ACCOUNTS_FILE) -> dict[str, Any]:
    """The ID-token claims of one demo account, as the provider issues them."""
    for account in demo_accounts(path):
        if account["sub"] == email:
            return {k: v for k, v in account.items() if k != "case"}
    raise KeyError(email)
