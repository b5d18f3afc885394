"""The four eligibility rules, read from account facts behind one small interface."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from core.platform.directory import AccountDirectory, DirectoryUnavailable
from core.platform.errors import DomainError

if TYPE_CHECKING:
    from core.platform.identity import Identity
    from core.platform.settings import ClaimNames

SOURCE_SIGN_IN, SOURCE_ACCOUNT_SERVICE = "sign_in", "account_service"
RULES = ("registered", "root_user", "enterprise", "not_partner_customer")
FAILURE_FOR_RULE = {
    "registered": "not_registered",
    "root_user": "not_root",
    "enterprise": "not_enterprise",
    "not_partner_customer": "partner_customer",
}


@dataclass(frozen=True)
class AccountFacts:
    """What the account service knows; None where a fact could not be read."""

    registered: bool
    user_type: str | None
    account_class: str | None
    partner_customer_of: str | None
    customer_fact_known: bool
    # Who answered: the sign-in's claims, or GreenNode's account service.
    source: str = SOURCE_SIGN_IN


class AccountFactsSource(Protocol):
    def facts_for(self, identity: Identity) -> AccountFacts: ...


class ClaimsFactsSource:
    """Reads the facts from ID-token claims, with claim names from configuration."""

    def __init__(self, names: ClaimNames) -> None:
        self._names = names

    def facts_for(self, identity: Identity) -> AccountFacts:
        claims: Mapping[str, Any] = identity.claims
        user_type = claims.get(self._names.user_type)
        account_class = claims.get(self._names.account_class)
        customer_known = self._names.partner_customer_of in claims
        customer_of = claims.get(self._names.partner_customer_of)
        if customer_of in (None, "", False):
            customer_of = None
        elif not isinstance(customer_of, str):
            customer_known = False
            customer_of = None
        return AccountFacts(
            registered=bool(identity.sub),
            user_type=user_type.strip().lower() if isinstance(user_type, str) else None,
            account_class=account_class.strip().lower() if isinstance(account_class, str) else None,
            partner_customer_of=customer_of,
            customer_fact_known=customer_known,
        )


class DirectoryFactsSource:
    """The account service's facts (class, partner-customer-of) for the signed-in account.

    Asked exactly as for a partner's customers, by the account's verified email;
    the answer counts only when it is about the same `sub`. The user type (root
    or IAM user) is the sign-in's own, when it says one.
    """

    def __init__(self, directory: AccountDirectory, claims: ClaimsFactsSource) -> None:
        self._directory = directory
        self._claims = claims

    def facts_for(self, identity: Identity) -> AccountFacts:
        from_sign_in = self._claims.facts_for(identity)
        unknown = replace(
            from_sign_in,
            account_class=None,
            partner_customer_of=None,
            customer_fact_known=False,
            source=SOURCE_ACCOUNT_SERVICE,
        )
        if not identity.email:
            return unknown
        try:
            account = self._directory.lookup(identity.email)
        except DirectoryUnavailable as error:
            raise DomainError("eligibility.directory_down") from error
        if account is None or account.sub != identity.sub:
            return unknown
        return replace(
            unknown,
            user_type=from_sign_in.user_type or account.user_type or None,
            account_class=account.account_class or None,
            partner_customer_of=account.partner_customer_of,
            customer_fact_known=True,
        )


@dataclass(frozen=True)
class Eligibility:
    passed: tuple[str, ...]
    failures: tuple[str, ...]
    facts: AccountFacts

    @property
    def eligible(self) -> bool:
        return not self.failures

    def snapshot(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "passed": list(self.passed),
            "failures": list(self.failures),
            "facts": asdict(self.facts),
        }


def evaluate(facts: AccountFacts) -> Eligibility:
    """Apply every rule; each failing rule yields its own failure code."""
    if (
        facts.user_type not in ("root", "iam")
        or not facts.customer_fact_known
        or not (facts.account_class)
    ):
        return Eligibility(passed=(), failures=("unverifiable",), facts=facts)
    outcome = {
        "registered": facts.registered,
        "root_user": facts.user_type == "root",
        "enterprise": facts.account_class == "enterprise",
        "not_partner_customer": facts.partner_customer_of is None,
    }
    return Eligibility(
        passed=tuple(rule for rule in RULES if outcome[rule]),
        failures=tuple(FAILURE_FOR_RULE[rule] for rule in RULES if not outcome[rule]),
        facts=facts,
    )
