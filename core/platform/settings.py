"""One settings object, read from the environment with safe local defaults."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from core.platform.hosts import is_local_host
from core.platform.paths import DATA_DIR

DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'partner.db'}"
DEV_COOKIE_SECRET_MARKERS = ("change-me", "dev-only")
PRODUCTION_NAMES = ("prod", "production")
DEFAULT_COMMISSION_TIERS = "0:5,50000000:8,200000000:10"


@dataclass(frozen=True)
class ClaimNames:
    """Which ID-token claims carry the account facts the eligibility rules read."""

    email: str = "email"
    name: str = "name"
    company: str = "company"
    user_type: str = "user_type"
    account_class: str = "account_class"
    partner_customer_of: str = "partner_customer_of"
    groups: str = "groups"
    tax_code: str = "tax_code"
    website: str = "website"
    phone: str = "business_phone"


@dataclass(frozen=True)
class SupportChannel:
    email: str
    phone: str
    url: str


@dataclass(frozen=True)
class CommissionTier:
    from_vnd: int
    rate_bp: int


def parse_tiers(text: str) -> tuple[CommissionTier, ...]:
    """ "0:5,50000000:8" -> from 0 VND of monthly revenue 5 %, from 50,000,000 VND 8 %.

    Refused unless every tier is ``VND:percent`` with whole VND, a percentage from 0 to
    100 with at most two decimals, the first from 0 and each from a larger amount."""
    tiers = []
    for part in text.split(","):
        start, colon, rate = part.strip().partition(":")
        if not colon or not start.isascii() or not start.isdigit():
            raise ValueError(f"{part.strip()!r} is not VND:percent (e.g. 50000000:8)")
        try:
            basis_points = Decimal(rate.strip()) * 100
        except InvalidOperation:
            raise ValueError(f"{rate.strip()!r} is not a percentage") from None
        if basis_points != basis_points.to_integral_value() or not 0 <= basis_points <= 10_000:
            raise ValueError(f"{rate.strip()!r} is not a percentage from 0 to 100")
        tiers.append(CommissionTier(int(start), int(basis_points)))
    starts = [tier.from_vnd for tier in tiers]
    if starts[0] != 0 or starts != sorted(set(starts)):
        raise ValueError("tiers must start at 0 VND and rise, each from a larger amount")
    return tuple(tiers)


def _names(value: object) -> object:
    """A comma-separated list from the environment, as a tuple of its non-empty parts."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


Names = Annotated[tuple[str, ...], NoDecode, BeforeValidator(_names)]
Positive = Annotated[int, Field(gt=0)]
PositiveFloat = Annotated[float, Field(gt=0)]


class Settings(BaseSettings):
    """Every setting, read from the environment once, typed and checked at start.

    A field's environment variable is its name in capitals unless ``validation_alias``
    says otherwise; an empty variable counts as unset. Tests make a variant with
    ``settings.changed(name=value)``, which checks the new values the same way.
    """

    model_config = SettingsConfigDict(
        frozen=True,
        env_ignore_empty=True,
        str_strip_whitespace=True,
        extra="ignore",
        populate_by_name=True,
        case_sensitive=False,
    )

    environment: str = Field("development", validation_alias="APP_ENV")
    database_url: str = DEFAULT_DATABASE_URL
    app_port: Positive = 8501
    # Derived from APP_PORT when APP_BASE_URL is not set.
    app_base_url: str = ""
    app_base_url_set: bool = False
    terms_dir: Path = DATA_DIR / "terms"
    mail_dir: Path = DATA_DIR / "mail"
    # Which ID-token claims carry the account facts the eligibility rules read.
    claim_email: str = "email"
    claim_name: str = "name"
    claim_company: str = "company"
    claim_user_type: str = "user_type"
    claim_account_class: str = "account_class"
    claim_partner_customer_of: str = "partner_customer_of"
    claim_groups: str = "groups"
    claim_tax_code: str = "tax_code"
    claim_website: str = "website"
    claim_phone: str = "business_phone"
    reviewer_groups: Names = ("partner-reviewers",)
    manager_groups: Names = ("partner-managers",)
    finance_groups: Names = ("partner-finance",)
    support_email: str = "partner-support@greennode.example"
    support_phone: str = "1900 1549"
    support_url: str = "https://greennode.example/support"
    reapply_cooldown_days: Annotated[int, Field(ge=0)] = 0
    smtp_host: str = "127.0.0.1"
    smtp_port: Annotated[int, Field(gt=0, lt=65536)] = 8025
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    smtp_user: str = ""
    smtp_password: str = Field("", repr=False)
    mail_from: str = "GreenNode Partner Team <partners@greennode.example>"
    outbox_max_attempts: Positive = 8
    outbox_backoff_seconds: Annotated[float, Field(ge=0)] = 5.0
    outbox_lease_seconds: PositiveFloat = 120.0
    # The smallest and largest top-up of a customer, and the largest grant to a partner, in VND.
    topup_min_vnd: Positive = 100_000
    topup_max_vnd: Positive = 500_000_000
    grant_max_vnd: Positive = 10_000_000_000
    # GreenNode's billing system (locally: the simulator `make run` starts on BILLING_PORT).
    billing_port: Positive = 8030
    billing_url: str = ""
    billing_timeout: PositiveFloat = 5.0
    # The credential the portal presents to billing ("Authorization: Bearer …"); never logged.
    billing_token: str = Field("", repr=False)
    # Partner commission by the month's revenue: "from VND:percent", ascending.
    commission_tiers: Annotated[tuple[CommissionTier, ...], NoDecode] = parse_tiers(
        DEFAULT_COMMISSION_TIERS
    )
    staff_provider: str = "staff"
    staff_session_hours: PositiveFloat = 12.0
    applicant_session_hours: PositiveFloat = 7 * 24.0
    applications_per_day: Positive = 3
    emails_per_hour: Positive = Field(10, validation_alias="EMAILS_PER_ADDRESS_PER_HOUR")
    partner_types: Names = ("reseller", "referral", "technology", "managed_services")
    # Working days an applicant has to answer a question before the application is withdrawn.
    info_answer_working_days: Positive = 10
    info_reminder_working_days: Positive = 2
    # Local (Asia/Ho_Chi_Minh) time of the partner team's daily digest, on working days.
    digest_time: Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")] = "08:30"
    # A partner's customers: the roles a partner can hold for a customer, how long an
    # invitation waits for the customer, and when the reminder goes out.
    customer_roles: Names = ("partner", "reseller", "managed_services")
    invitation_days: Positive = 14
    invitation_reminder_days: Positive = 3
    # Invitations one partner may send in 24 hours, and the wait before inviting the same
    # account again after a cancel, a decline or an expiry.
    invitations_per_day: Positive = 50
    reinvite_wait_days: Annotated[int, Field(ge=0)] = 7
    # The GreenNode account service that answers "which account has this email?"
    # ("" : the demo accounts file, for local use).
    account_directory_url: str = ""
    account_directory_timeout: PositiveFloat = 3.0
    account_directory_token: str = Field("", repr=False)
    # Seconds a token's times may differ from the portal's clock, either way.
    clock_leeway_seconds: Annotated[int, Field(ge=0)] = 120
    signup_url: str = (
        "https://docs.vngcloud.vn/vng-cloud-document/getting-start-with-vng-cloud-account"
    )

    @field_validator("commission_tiers", mode="before")
    @classmethod
    def _tiers(cls, value: object) -> object:
        return parse_tiers(value) if isinstance(value, str) else value

    @model_validator(mode="before")
    @classmethod
    def _base_url_given(cls, data: object) -> object:
        # Production requires APP_BASE_URL itself, not the local default made from APP_PORT.
        if isinstance(data, dict) and "app_base_url_set" not in data:
            data = {**data, "app_base_url_set": bool(data.get("app_base_url"))}
        return data

    @model_validator(mode="after")
    def _derived(self) -> Settings:
        # Frozen: the derived values are set once, here, while the object is built.
        if not self.app_base_url:
            object.__setattr__(self, "app_base_url", f"http://localhost:{self.app_port}")
        if not self.billing_url:
            object.__setattr__(self, "billing_url", f"http://127.0.0.1:{self.billing_port}")
        if self.topup_min_vnd > self.topup_max_vnd:
            raise ValueError("TOPUP_MIN_VND is above TOPUP_MAX_VND")
        return self

    @property
    def claims(self) -> ClaimNames:
        return ClaimNames(
            **{name: getattr(self, f"claim_{name}") for name in ClaimNames.__dataclass_fields__}
        )

    @property
    def support(self) -> SupportChannel:
        return SupportChannel(self.support_email, self.support_phone, self.support_url)

    @property
    def is_production(self) -> bool:
        return self.environment.lower() in PRODUCTION_NAMES

    @property
    def uses_local_defaults(self) -> bool:
        """True when the app runs on its embedded local stack (mail catcher, demo IdP)."""
        return not self.is_production and is_local_host(self.smtp_host)

    @classmethod
    def from_env(cls) -> Settings:
        return cls()

    def changed(self, **values: Any) -> Settings:
        """These settings with ``values`` changed, checked as the environment's are."""
        current = {
            name: getattr(self, name) for name in type(self).model_fields if name not in values
        }
        if "app_base_url" in values or "app_port" in values:
            current.pop("app_base_url_set", None)
        return type(self).model_validate({**current, **values})


class SettingsInvalid(Exception):
    """The environment holds a value the portal cannot run with; says which and why."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    try:
        return Settings()
    except SettingsError as error:
        raise SettingsInvalid(f"invalid settings: {error}") from None
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(part) for part in problem['loc']).upper()}: {problem['msg']}"
            for problem in error.errors()
        ]
        raise SettingsInvalid("invalid settings: " + "; ".join(problems)) from None


# Where a unit of work (core.platform.db.session_scope) keeps the settings it runs under.
SETTINGS = "settings"


def settings_of(session: Any) -> Settings:
    """The settings of the unit of work ``session`` belongs to."""
    return session.info.get(SETTINGS) or get_settings()
