"""One settings object, read from the environment with safe local defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.platform.hosts import is_local_host
from core.platform.paths import DATA_DIR

DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'partner.db'}"
DEV_COOKIE_SECRET_MARKERS = ("change-me", "dev-only")
PRODUCTION_NAMES = ("prod", "production")


def _env(name: str, default: str) -> str:
    value = os.environ.get(name)
    return default if value is None or value.strip() == "" else value.strip()


def _env_list(name: str, default: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _env(name, default).split(",") if part.strip())


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
class Settings:
    environment: str
    database_url: str
    app_base_url: str
    terms_dir: Path
    mail_dir: Path
    claims: ClaimNames
    reviewer_groups: tuple[str, ...]
    manager_groups: tuple[str, ...]
    support: SupportChannel
    reapply_cooldown_days: int
    smtp_host: str
    smtp_port: int
    smtp_security: str
    smtp_user: str
    smtp_password: str
    mail_from: str
    outbox_max_attempts: int
    outbox_backoff_seconds: float
    outbox_lease_seconds: float
    app_base_url_set: bool = False
    finance_groups: tuple[str, ...] = ("partner-finance",)
    # The smallest and largest top-up of a customer, in VND.
    topup_min_vnd: int = 100_000
    topup_max_vnd: int = 500_000_000
    # The largest single grant of credit to a partner, in VND.
    grant_max_vnd: int = 10_000_000_000
    # GreenNode's billing system (locally: the simulator `make run` starts).
    billing_url: str = "http://127.0.0.1:8030"
    billing_timeout: float = 5.0
    # Partner commission by the month's revenue: "from VND:percent", ascending.
    commission_tiers: str = "0:5,50000000:8,200000000:10"
    staff_provider: str = "staff"
    staff_session_hours: float = 12.0
    applicant_session_hours: float = 7 * 24.0
    applications_per_day: int = 3
    emails_per_hour: int = 10
    partner_types: tuple[str, ...] = ("reseller", "referral", "technology", "managed_services")
    # Working days an applicant has to answer a question before the application is withdrawn.
    info_answer_working_days: int = 10
    info_reminder_working_days: int = 2
    # Local (Asia/Ho_Chi_Minh) time of the partner team's daily digest, on working days.
    digest_time: str = "08:30"
    # A partner's customers: the roles a partner can hold for a customer, how long an
    # invitation waits for the customer, and when the reminder goes out.
    customer_roles: tuple[str, ...] = ("partner", "reseller", "managed_services")
    invitation_days: int = 14
    invitation_reminder_days: int = 3
    # The GreenNode account service that answers "which account has this email?"
    # ("" : the demo accounts file, for local use).
    account_directory_url: str = ""
    account_directory_timeout: float = 3.0
    # Seconds a token's times may differ from the portal's clock, either way.
    clock_leeway_seconds: int = 120
    signup_url: str = (
        "https://docs.vngcloud.vn/vng-cloud-document/getting-start-with-vng-cloud-account"
    )

    @property
    def is_production(self) -> bool:
        return self.environment.lower() in PRODUCTION_NAMES

    @property
    def uses_local_defaults(self) -> bool:
        """True when the app runs on its embedded local stack (mail catcher, demo IdP)."""
        return not self.is_production and is_local_host(self.smtp_host)

    @classmethod
    def from_env(cls) -> Settings:
        claims = ClaimNames(
            email=_env("CLAIM_EMAIL", "email"),
            name=_env("CLAIM_NAME", "name"),
            company=_env("CLAIM_COMPANY", "company"),
            user_type=_env("CLAIM_USER_TYPE", "user_type"),
            account_class=_env("CLAIM_ACCOUNT_CLASS", "account_class"),
            partner_customer_of=_env("CLAIM_PARTNER_CUSTOMER_OF", "partner_customer_of"),
            groups=_env("CLAIM_GROUPS", "groups"),
            tax_code=_env("CLAIM_TAX_CODE", "tax_code"),
            website=_env("CLAIM_WEBSITE", "website"),
            phone=_env("CLAIM_PHONE", "business_phone"),
        )
        return cls(
            environment=_env("APP_ENV", "development"),
            database_url=_env("DATABASE_URL", DEFAULT_DATABASE_URL),
            app_base_url=_env("APP_BASE_URL", f"http://localhost:{_env('APP_PORT', '8501')}"),
            terms_dir=Path(_env("TERMS_DIR", str(DATA_DIR / "terms"))),
            mail_dir=Path(_env("MAIL_DIR", str(DATA_DIR / "mail"))),
            claims=claims,
            reviewer_groups=_env_list("REVIEWER_GROUPS", "partner-reviewers"),
            manager_groups=_env_list("MANAGER_GROUPS", "partner-managers"),
            finance_groups=_env_list("FINANCE_GROUPS", "partner-finance"),
            topup_min_vnd=int(_env("TOPUP_MIN_VND", "100000")),
            topup_max_vnd=int(_env("TOPUP_MAX_VND", "500000000")),
            grant_max_vnd=int(_env("GRANT_MAX_VND", "10000000000")),
            billing_url=_env("BILLING_URL", f"http://127.0.0.1:{_env('BILLING_PORT', '8030')}"),
            billing_timeout=float(_env("BILLING_TIMEOUT", "5")),
            commission_tiers=_env("COMMISSION_TIERS", "0:5,50000000:8,200000000:10"),
            support=SupportChannel(
                email=_env("SUPPORT_EMAIL", "partner-support@greennode.example"),
                phone=_env("SUPPORT_PHONE", "1900 1549"),
                url=_env("SUPPORT_URL", "https://greennode.example/support"),
            ),
            reapply_cooldown_days=int(_env("REAPPLY_COOLDOWN_DAYS", "0")),
            smtp_host=_env("SMTP_HOST", "127.0.0.1"),
            smtp_port=int(_env("SMTP_PORT", "8025")),
            smtp_security=_env("SMTP_SECURITY", "none"),
            smtp_user=_env("SMTP_USER", ""),
            smtp_password=_env("SMTP_PASSWORD", ""),
            mail_from=_env("MAIL_FROM", "GreenNode Partner Team <partners@greennode.example>"),
            outbox_max_attempts=int(_env("OUTBOX_MAX_ATTEMPTS", "8")),
            outbox_backoff_seconds=float(_env("OUTBOX_BACKOFF_SECONDS", "5")),
            outbox_lease_seconds=float(_env("OUTBOX_LEASE_SECONDS", "120")),
            app_base_url_set=bool(os.environ.get("APP_BASE_URL", "").strip()),
            staff_provider=_env("STAFF_PROVIDER", "staff"),
            staff_session_hours=float(_env("STAFF_SESSION_HOURS", "12")),
            applicant_session_hours=float(_env("APPLICANT_SESSION_HOURS", str(7 * 24))),
            applications_per_day=int(_env("APPLICATIONS_PER_DAY", "3")),
            emails_per_hour=int(_env("EMAILS_PER_ADDRESS_PER_HOUR", "10")),
            partner_types=_env_list(
                "PARTNER_TYPES", "reseller,referral,technology,managed_services"
            ),
            info_answer_working_days=int(_env("INFO_ANSWER_WORKING_DAYS", "10")),
            info_reminder_working_days=int(_env("INFO_REMINDER_WORKING_DAYS", "2")),
            digest_time=_env("DIGEST_TIME", "08:30"),
            customer_roles=_env_list("CUSTOMER_ROLES", "partner,reseller,managed_services"),
            invitation_days=int(_env("INVITATION_DAYS", "14")),
            invitation_reminder_days=int(_env("INVITATION_REMINDER_DAYS", "3")),
            account_directory_url=_env("ACCOUNT_DIRECTORY_URL", ""),
            account_directory_timeout=float(_env("ACCOUNT_DIRECTORY_TIMEOUT", "3")),
            clock_leeway_seconds=int(_env("CLOCK_LEEWAY_SECONDS", "120")),
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_env()
