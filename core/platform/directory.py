"""The account directory: what GreenNode's account service knows about an account, by email.

A partner registers a customer by its email; whether that account can become
a partner's customer depends on facts only the account service holds (credit
balance, services in use, discounts, proof-of-concept, billing mode). One
small interface, ``lookup(email) -> DirectoryAccount | None``:

- ``DemoDirectory`` reads the demo accounts file (local use and tests);
- ``HttpDirectory`` calls the account service's HTTP endpoint with a timeout
  and retries, and raises ``DirectoryUnavailable`` ("cannot check now, try
  later") when it does not answer.

Every answer is validated here, at the boundary: a fact of the wrong type is
not guessed at, the whole answer is refused.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from core.platform.demo import DEMO_ACCOUNTS_FILE, demo_accounts
from core.platform.errors import DomainError
from core.platform.identity import verified_email
from core.platform.locale import normalise_language
from core.platform.text import clean_line

if TYPE_CHECKING:
    from core.platform.settings import Settings

log = logging.getLogger("directory")
BILLING_MODES = ("prepaid", "postpaid")


class DirectoryUnavailable(DomainError):
    """The account service did not answer: nothing was checked, nothing written."""

    def __init__(self) -> None:
        super().__init__("customers.directory_down")


@dataclass(frozen=True)
class DirectoryAccount:
    sub: str
    email: str
    company: str
    language: str
    user_type: str
    account_class: str
    partner_customer_of: str | None
    credit_balance: int
    uses_services: bool
    has_discounts: bool
    in_poc: bool
    billing: str
    # Already a verified GreenNode customer: a confirmed link needs no approval.
    greennode_customer: bool

    def snapshot(self) -> dict[str, Any]:
        """The facts a reviewer sees for this step, as stored in the event log."""
        return {
            "user_type": self.user_type,
            "account_class": self.account_class,
            "partner_customer_of": self.partner_customer_of,
            "credit_balance": self.credit_balance,
            "uses_services": self.uses_services,
            "has_discounts": self.has_discounts,
            "in_poc": self.in_poc,
            "billing": self.billing,
            "greennode_customer": self.greennode_customer,
        }


class MalformedAnswer(ValueError):
    pass


def _flag(raw: Mapping[str, Any], name: str) -> bool:
    value = raw.get(name, False)
    if not isinstance(value, bool):
        raise MalformedAnswer(name)
    return value


def _word(raw: Mapping[str, Any], name: str, default: str = "") -> str:
    value = raw.get(name, default)
    if not isinstance(value, str) or len(value) > 40:
        raise MalformedAnswer(name)
    return value.strip().lower()


# More credit than any account holds: a larger figure is a broken answer, not a balance.
MAX_BALANCE_VND = 10**15


def no_json_constants(name: str) -> None:
    """``parse_constant`` for answers from other systems: NaN and Infinity are not JSON,
    so they read as nothing and the field that holds one is refused."""
    return None


def account_from_record(raw: Mapping[str, Any]) -> DirectoryAccount:
    """Validate one record of the account service; MalformedAnswer if any fact is unusable."""
    sub, email = raw.get("sub"), verified_email(raw.get("email"))
    if not isinstance(sub, str) or not sub.strip() or len(sub) > 255 or not email:
        raise MalformedAnswer("sub/email")
    balance = raw.get("credit_balance", 0)
    if (
        isinstance(balance, bool)
        or not isinstance(balance, int)
        or not 0 <= balance <= MAX_BALANCE_VND
    ):
        raise MalformedAnswer("credit_balance")
    customer_of = raw.get("partner_customer_of")
    if customer_of in (None, ""):
        customer_of = None
    elif not isinstance(customer_of, str) or len(customer_of) > 40:
        raise MalformedAnswer("partner_customer_of")
    billing = _word(raw, "billing", "prepaid")
    language = _word(raw, "language", "en")
    return DirectoryAccount(
        sub=sub,
        email=email,
        company=clean_line(raw.get("company"), 300),
        language=normalise_language(language),
        user_type=_word(raw, "user_type"),
        account_class=_word(raw, "account_class"),
        partner_customer_of=customer_of,
        credit_balance=balance,
        uses_services=_flag(raw, "uses_services"),
        has_discounts=_flag(raw, "has_discounts"),
        in_poc=_flag(raw, "in_poc"),
        billing=billing if billing in BILLING_MODES else "unknown",
        greennode_customer=_flag(raw, "greennode_customer"),
    )


class AccountDirectory(Protocol):
    def lookup(self, email: str) -> DirectoryAccount | None: ...


class DemoDirectory:
    """The demo accounts file as the account service: every demo account is registered."""

    def __init__(self, path: Path = DEMO_ACCOUNTS_FILE) -> None:
        self._by_email = {
            record["email"].casefold(): account_from_record(record)
            for record in demo_accounts(path)
        }

    def lookup(self, email: str) -> DirectoryAccount | None:
        return self._by_email.get(email.strip().casefold())


def bearer(token: str) -> dict[str, str]:
    """The header that presents a service credential (none when it is not configured)."""
    return {"Authorization": f"Bearer {token}"} if token else {}


class HttpDirectory:
    """GET ``{base}/accounts?email=…``: 200 with the account, 404 when none is registered.

    Timeouts, connection failures and 5xx answers are retried with a short
    back-off; after the last attempt the caller gets DirectoryUnavailable.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 3.0,
        attempts: int = 3,
        backoff: float = 0.2,
        token: str = "",
        client: httpx.Client | None = None,
    ) -> None:
        self._url = base_url.rstrip("/") + "/accounts"
        self._attempts = max(attempts, 1)
        self._backoff = backoff
        self._client = client or httpx.Client(
            timeout=timeout, follow_redirects=False, headers=bearer(token)
        )

    def lookup(self, email: str) -> DirectoryAccount | None:
        for attempt in range(1, self._attempts + 1):
            try:
                response = self._client.get(self._url, params={"email": email})
            except httpx.HTTPError as error:
                log.warning("account directory attempt %d failed: %s", attempt, error)
            else:
                if response.status_code == 404:
                    return None
                if response.status_code == 200:
                    return self._parse(response)
                log.warning(
                    "account directory attempt %d answered %d", attempt, response.status_code
                )
                if response.status_code < 500 and response.status_code != 429:
                    break  # a request it will never accept: retrying does not help
            if attempt < self._attempts:
                time.sleep(self._backoff * 2 ** (attempt - 1))
        raise DirectoryUnavailable()

    @staticmethod
    def _parse(response: httpx.Response) -> DirectoryAccount:
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if kind != "application/json":
                raise MalformedAnswer(f"content type {kind or 'none'}")
            body = response.json(parse_constant=no_json_constants)
            if not isinstance(body, Mapping):
                raise MalformedAnswer("body")
            return account_from_record(body)
        except (ValueError, MalformedAnswer) as error:
            log.error("account directory answer refused: %s", error)
            raise DirectoryUnavailable() from error


def directory_for(settings: Settings) -> AccountDirectory:
    if settings.account_directory_url:
        return HttpDirectory(
            settings.account_directory_url,
            timeout=settings.account_directory_timeout,
            token=settings.account_directory_token,
        )
    return DemoDirectory()
