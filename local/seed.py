"""Deterministic, realistic demo history for the dashboards: `python -m core seed-history`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine
from stdnum.vn import mst

from core.platform.clock import LOCAL_TZ, utcnow
from core.platform.db import session_scope
from core.platform.demo import demo_claims
from core.platform.identity import identity_from_claims
from core.platform.models import Account, Application, ApplicationEvent, Partner, State
from core.platform.search import application_search_text, partner_search_text
from core.platform.settings import get_settings
from core.platform.workdays import (
    CALENDAR_VERSION,
    SLA_WORKING_DAYS,
    calendar,
    due_at,
    local_day_number,
)
from core.registration.company import CompanyFacts, validate_company
from core.registration.eligibility import ClaimsFactsSource, evaluate
from core.registration.membership import create_partner, partner_code
from core.registration.terms import TermsCatalogue

DEMO_DOMAIN = "demo.greennode.example"
REVIEWERS = (
    ("reviewer@greennode.example", 0.42),
    ("reviewer2@greennode.example", 0.33),
    ("an.pham@greennode.example", 0.17),
    ("manager@greennode.example", 0.08),
)
REASONS = (
    ("not_enterprise", 0.35),
    ("partner_customer", 0.2),
    ("unverifiable", 0.2),
    ("not_root", 0.1),
    ("duplicate", 0.1),
    ("other", 0.05),
)
NOTES = {
    "en": "Please check the account details on the GreenNode portal and apply again.",
    "vi": "Vui lòng kiểm tra thông tin tài khoản trên cổng GreenNode và đăng ký lại.",
}
COMPANY_WORDS = (
    "Sao Mai", "Hoa Sen", "Phương Nam", "Bình Minh", "Trường Sơn", "Ánh Dương",
    "Cửu Long", "Hải Đăng", "Tân Tiến", "Việt Tín", "Đông Á", "Thái Bình",
)  # fmt: skip
COMPANY_KINDS = ("Technology JSC", "Software Co., Ltd", "Cloud Solutions", "Digital JSC")
CHUNK = 20_000


class SeedRefused(RuntimeError):
    """The database holds real applications, or demo history already."""


@dataclass(frozen=True)
class SeedSummary:
    applications: int
    pending: int
    first_submission: datetime
    last_submission: datetime


def _submission_days(rng: np.random.Generator, n: int, start: datetime, end: datetime):
    """Local days weighted like real traffic: busy midweek, quiet weekends and holidays."""
    cal = calendar()
    first = start.astimezone(LOCAL_TZ).date()
    days = [
        first + timedelta(days=i) for i in range((end.astimezone(LOCAL_TZ).date() - first).days + 1)
    ]
    weights = np.array(
        [
            (1.2 if day.weekday() in (1, 2, 3) else 1.0) if cal.is_working_day(day) else 0.08
            for day in days
        ]
    )
    chosen = rng.choice(len(days), size=n, p=weights / weights.sum())
    local_midnight = np.array(
        [datetime(d.year, d.month, d.day, tzinfo=LOCAL_TZ).timestamp() for d in days]
    )
    seconds_into_day = np.clip(rng.normal(12.5 * 3600, 2.6 * 3600, size=n), 6 * 3600, 23 * 3600)
    stamps = np.sort(local_midnight[chosen] + seconds_into_day)
    return np.minimum(stamps, end.timestamp() - 60)


PARTNER_TYPES = ("reseller", "referral", "technology", "managed_services")


def demo_company(i: int, company: str) -> dict:
    """Company facts for demo application ``i``: a valid tax code of its own, and the rest."""
    n = i + 1  # a sequence number of 0000000 is never issued
    head = f"{90 + n // 10_000_000:02d}{n % 10_000_000:07d}"[:9]
    check = mst.calc_check_digit(head)
    if len(check) != 1:  # this head has no valid check digit: take a neighbour that does
        head = head[:-1] + ("1" if head[-1] == "0" else "0")
        check = mst.calc_check_digit(head)
    slug = company.lower().split()[0]
    return {
        "legal_name": company,
        "tax_code": head + check,
        "website": f"https://{slug}{i}.example",
        "partner_type": PARTNER_TYPES[i % len(PARTNER_TYPES)],
        "business_phone": f"+8428{i % 100_000_000:08d}",
        "description": "",
    }


def seed_history(
    engine: Engine,
    *,
    applications: int,
    seed: int,
    terms: TermsCatalogue,
    pending: int | None = None,
    days: int = 182,
    now: datetime | None = None,
) -> SeedSummary:
    """Write ``applications`` synthetic applications (marked demo) ending at ``now``."""
    now = now or utcnow()
    pending = pending if pending is not None else max(10, applications // 50)
    with engine.connect() as conn:
        real = conn.execute(
            select(func.count()).select_from(Application).where(Application.demo.is_(False))
        ).scalar_one()
        # The demo partner's own application is not history.
        demo = conn.execute(
            select(func.count())
            .select_from(Application)
            .where(Application.demo.is_(True), Application.account_sub != DEMO_PARTNER)
        ).scalar_one()
    if real:
        raise SeedRefused(f"the database has {real} real applications; demo history stays apart")
    if demo:
        raise SeedRefused(f"the database already has {demo} demo applications")

    rng = np.random.default_rng(seed)
    cal = calendar()
    submitted = _submission_days(rng, applications, now - timedelta(days=days), now)
    submitted_clock = cal.clocks(submitted)
    due = cal.instants(submitted_clock + SLA_WORKING_DAYS)
    now_clock = cal.clock(now)

    # The backlog: the newest submissions, plus a few older ones now overdue.
    is_pending = np.zeros(applications, dtype=bool)
    late = max(1, pending // 10)
    is_pending[applications - (pending - late) :] = True
    age = now_clock - submitted_clock
    # The late ones come from just older than the newest block (a few working days
    # past due), however many applications a day the history holds.
    candidates = np.flatnonzero((age > 3.2) & ~is_pending)[-4 * late :]
    is_pending[rng.choice(candidates, size=min(late, len(candidates)), replace=False)] = True
    # Time to decision: mostly within the SLA, with a tail of late decisions.
    wanted = rng.gamma(shape=2.2, scale=0.72, size=applications)
    available = np.maximum(now_clock - submitted_clock, 0.01)
    wd = np.where(wanted < available, wanted, available * rng.uniform(0.3, 0.95, applications))
    decided = cal.instants(submitted_clock + wd)
    decided = np.minimum(np.maximum(decided, submitted + 60), now.timestamp() - 1)
    wd = cal.clocks(decided) - submitted_clock

    roll = rng.uniform(size=applications)
    state = np.where(roll < 0.70, State.APPROVED.value, State.REJECTED.value).astype(object)
    state[roll > 0.975] = State.WITHDRAWN.value
    state[is_pending] = State.PENDING.value
    reviewer = rng.choice([r for r, _ in REVIEWERS], size=applications, p=[w for _, w in REVIEWERS])
    reason = rng.choice([r for r, _ in REASONS], size=applications, p=[w for _, w in REASONS])
    language = np.where(rng.uniform(size=applications) < 0.6, "vi", "en")
    company_word = rng.integers(0, len(COMPANY_WORDS), applications)
    company_kind = rng.integers(0, len(COMPANY_KINDS), applications)

    terms_docs = {
        lang: terms.current(lang, now.astimezone(LOCAL_TZ).date()) for lang in ("en", "vi")
    }
    day_seconds = 86_400
    offset = 7 * 3600
    snapshot = {
        "eligible": True,
        "passed": ["registered", "root_user", "enterprise", "not_partner_customer"],
        "failures": [],
        "facts": {"registered": True, "user_type": "root", "account_class": "enterprise",
                  "partner_customer_of": None, "customer_fact_known": True},
    }  # fmt: skip

    with engine.begin() as conn:
        next_id = conn.execute(select(func.coalesce(func.max(Application.id), 0))).scalar_one() + 1
        # An approval makes a partner, in demo history as in a real decision.
        next_partner = conn.execute(select(func.coalesce(func.max(Partner.id), 0))).scalar_one() + 1
        for start in range(0, applications, CHUNK):
            stop = min(start + CHUNK, applications)
            accounts, apps, events, partners = [], [], [], []
            for i in range(start, stop):
                app_id = next_id + i
                sub = f"applicant-{seed}-{i:07d}@{DEMO_DOMAIN}"
                lang = str(language[i])
                at = datetime.fromtimestamp(submitted[i], UTC)
                company = (
                    f"{COMPANY_WORDS[company_word[i]]} {COMPANY_KINDS[company_kind[i]]} {i:05d}"
                )
                accounts.append(
                    {"sub": sub, "email": sub, "display_name": f"Demo applicant {i}",
                     "company": company, "language": lang, "created_at": at, "updated_at": at,
                     "demo": True}
                )  # fmt: skip
                terms_doc = terms_docs[lang]
                row = {
                    "id": app_id, "account_sub": sub, "state": state[i], "email": sub,
                    "company": company, "language": lang, "eligibility": snapshot,
                    "terms_version": terms_doc.version, "terms_sha256": terms_doc.sha256,
                    "terms_language": lang, "terms_accepted_at": at, "submitted_at": at,
                    "due_at": datetime.fromtimestamp(due[i], UTC),
                    "calendar_version": CALENDAR_VERSION,
                    "submitted_day": int((submitted[i] + offset) // day_seconds),
                    "due_day": int((due[i] + offset) // day_seconds),
                    "decided_at": None, "decided_day": None, "decided_by": None,
                    "reason_code": None, "decision_note": None, "working_days_to_decision": None,
                    "demo": True, "search_text": application_search_text(sub, company),
                    **demo_company(i, company),
                }  # fmt: skip
                events.append(
                    {"application_id": app_id, "kind": "submitted", "from_state": None,
                     "to_state": "pending", "actor_sub": sub, "actor_role": "applicant",
                     "at": at, "note": None, "data": {"demo": True}}
                )  # fmt: skip
                if state[i] != State.PENDING.value:
                    when = datetime.fromtimestamp(decided[i], UTC)
                    withdrawn = state[i] == State.WITHDRAWN.value
                    rejected = state[i] == State.REJECTED.value
                    row.update(
                        decided_at=when,
                        decided_day=int((decided[i] + offset) // day_seconds),
                        decided_by=sub if withdrawn else str(reviewer[i]),
                        reason_code=str(reason[i]) if rejected else None,
                        decision_note=NOTES[lang] if rejected else None,
                        working_days_to_decision=None if withdrawn else round(float(wd[i]), 4),
                    )
                    events.append(
                        {"application_id": app_id, "kind": state[i], "from_state": "pending",
                         "to_state": state[i], "actor_sub": row["decided_by"],
                         "actor_role": "applicant" if withdrawn else "reviewer", "at": when,
                         "note": row["decision_note"], "data": {"demo": True}}
                    )  # fmt: skip
                    if state[i] == State.APPROVED.value:
                        partners.append(
                            {"id": next_partner, "account_sub": sub, "application_id": app_id,
                             "partner_code": partner_code(next_partner), "partner_since": when,
                             "company": company, "contact_email": sub, "contact_phone": "",
                             "terms_version": terms_doc.version,
                             "terms_sha256": terms_doc.sha256, "terms_language": lang,
                             "terms_accepted_at": at, "updated_at": when,
                             "search_text": partner_search_text(
                                 partner_code(next_partner), company, sub)}
                        )  # fmt: skip
                        next_partner += 1
                apps.append(row)
            conn.execute(insert(Account), accounts)
            conn.execute(insert(Application), apps)
            conn.execute(insert(ApplicationEvent), events)
            if partners:
                conn.execute(insert(Partner), partners)
        if conn.dialect.name == "postgresql":
            for table in ("application", "partner"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                )
    with engine.begin() as conn:
        # Fresh statistics, so the planner picks the metrics' covering indexes.
        conn.exec_driver_sql("ANALYZE")
    return SeedSummary(
        applications=applications,
        pending=int(is_pending.sum()),
        first_submission=datetime.fromtimestamp(submitted[0], UTC),
        last_submission=datetime.fromtimestamp(submitted[-1], UTC),
    )


DEMO_PARTNER = "partner@reseller.example"


def seed_demo_partner(engine: Engine, terms: TermsCatalogue, now: datetime | None = None) -> bool:
    """On a fresh database, the demo partner account is an approved partner (marked demo).

    Its partner area (and its customers) can then be tried at once; nothing is
    written when the account already has an application or a partner ID.
    """
    now = now or utcnow()
    settings = get_settings()
    claims = {**demo_claims(DEMO_PARTNER), "provider": "root"}
    identity = identity_from_claims(claims, settings)
    with session_scope(engine) as session:
        taken = session.execute(
            select(Application.id).where(Application.account_sub == identity.sub)
        ).first()
        if taken is not None:
            return False
        language = claims.get("language", "en")
        document = None  # the Terms in effect when it applied, below
        facts = validate_company(
            CompanyFacts(
                legal_name=identity.company,
                tax_code=claims["tax_code"],
                website=claims["website"],
                partner_type="reseller",
                business_phone=claims["business_phone"],
            ),
            settings.partner_types,
        )
        if session.get(Account, identity.sub) is None:
            session.add(
                Account(
                    sub=identity.sub,
                    email=identity.email,
                    display_name=identity.name,
                    company=identity.company,
                    language=language,
                    demo=True,
                    created_at=now,
                    updated_at=now,
                )
            )
        # A partner for about a year (its customers' year of history follows it), under
        # Terms that were in effect then.
        first_terms = min(d.effective for d in terms.documents)
        local_start = datetime.combine(first_terms, datetime.min.time(), tzinfo=LOCAL_TZ)
        submitted = max(now - timedelta(days=375), local_start + timedelta(days=3, hours=9))
        decided = submitted + timedelta(days=1)
        document = terms.current(language, submitted.astimezone(LOCAL_TZ).date())
        due = due_at(submitted)
        application = Application(
            account_sub=identity.sub,
            state=State.APPROVED,
            email=identity.email,
            company=facts.legal_name,
            language=language,
            eligibility=evaluate(ClaimsFactsSource(settings.claims).facts_for(identity)).snapshot(),
            **facts.as_dict(),
            terms_version=document.version,
            terms_sha256=document.sha256,
            terms_language=document.language,
            terms_accepted_at=submitted,
            submitted_at=submitted,
            due_at=due,
            calendar_version=CALENDAR_VERSION,
            submitted_day=local_day_number(submitted),
            due_day=local_day_number(due),
            decided_at=decided,
            decided_day=local_day_number(decided),
            decided_by="manager@greennode.example",
            working_days_to_decision=1.0,
            demo=True,
        )
        session.add(application)
        session.flush()
        for kind, at, to_state in (
            ("submitted", submitted, State.PENDING),
            ("approved", decided, State.APPROVED),
        ):
            session.add(
                ApplicationEvent(
                    application_id=application.id,
                    kind=kind,
                    from_state=State.PENDING if kind == "approved" else None,
                    to_state=to_state,
                    actor_sub=identity.sub if kind == "submitted" else "manager@greennode.example",
                    actor_role="applicant" if kind == "submitted" else "manager",
                    at=at,
                    note="demo",
                )
            )
        create_partner(session, application, decided)
        session.commit()
    return True
