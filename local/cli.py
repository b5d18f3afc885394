"""Operator commands: `python -m core <command>`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from core.platform.settings import SettingsInvalid, get_settings
from core.registration.terms import TermsMissing, load_terms


def _migrate(args: argparse.Namespace) -> int:
    from local.devstack import prepare_database

    prepare_database(get_settings())
    print("Database is at the latest schema.")
    return 0


def _idp(args: argparse.Namespace) -> int:
    from local.devidp import serve

    serve(args.host, args.port)
    return 0


def _worker(args: argparse.Namespace) -> int:
    import signal
    import threading

    from core.messaging.email_outbox import EmailHandler
    from core.messaging.outbox import run_worker
    from core.money.billing import BillingHandler, billing_for
    from core.platform.db import engine_for
    from core.platform.logs import configure_logging
    from core.team.schedule import periodic_tasks

    configure_logging()
    settings = get_settings()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    engine = engine_for(settings.database_url)
    handlers = (EmailHandler(settings), BillingHandler(billing_for(settings)))
    observe = None
    if args.metrics_port:
        from core.team.metrics import PortalCollector, WorkerMetrics
        from core.team.schedule import SUBJECTS

        metrics = WorkerMetrics(PortalCollector(engine, handlers, SUBJECTS))
        try:
            server = metrics.serve(args.metrics_port, args.metrics_host)
        except OSError as error:
            print(
                f"Cannot serve metrics on {args.metrics_host}:{args.metrics_port}: {error}",
                file=sys.stderr,
            )
            return 2
        observe = metrics.observe
    run_worker(
        engine,
        settings,
        stop,
        handlers=handlers,
        poll_seconds=args.poll,
        periodic=lambda: periodic_tasks(engine),
        period_seconds=args.period,
        observe=observe,
    )
    if args.metrics_port:
        server.shutdown()
    return 0


def _notify_terms(args: argparse.Namespace) -> int:
    from core.platform.db import engine_for
    from core.team.schedule import notify_terms

    sent = notify_terms(engine_for(get_settings().database_url))
    print(f"Queued {sent} notices of a new Terms version.")
    return 0


def _billing_sim(args: argparse.Namespace) -> int:
    from pathlib import Path

    from core.platform.paths import DATA_DIR
    from local.billing_sim import serve

    token = get_settings().billing_token
    if not token:
        print(
            "Cannot start: BILLING_TOKEN is not set; the simulator, like billing, refuses "
            "calls without a credential (`make run` sets one)",
            file=sys.stderr,
        )
        return 2
    serve(args.host, args.port, Path(args.store or DATA_DIR / "billing-sim.db"), token)
    return 0


def _mailcatcher(args: argparse.Namespace) -> int:
    from local.mailcatcher import serve

    serve(get_settings().mail_dir, args.host, args.port)
    return 0


def _instant(text: str, what: str) -> datetime:
    """An ISO-8601 instant with a UTC offset; ValueError says what is wrong."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"Not an ISO-8601 timestamp: {text!r} ({what})") from None
    if moment.tzinfo is None:
        raise ValueError(
            f"The timestamp {text!r} ({what}) has no UTC offset; add one, "
            "e.g. 2026-02-13T10:00:00+07:00 or 2026-02-13T03:00:00Z"
        )
    return moment


def _sla_due(args: argparse.Namespace) -> int:
    from core.platform.clock import local
    from core.platform.workdays import OutsideCalendar, due_at, paused_working_days

    try:
        submitted = _instant(args.timestamp, "submission")
        pauses = []
        for value in args.pause or []:
            start, slash, end = value.partition("/")
            if not slash:
                raise ValueError(f"A pause is FROM/TO, two instants: {value!r}")
            pause = (_instant(start, "pause start"), _instant(end, "pause end"))
            if pause[1] < pause[0]:
                raise ValueError(f"The pause {value!r} ends before it starts")
            pauses.append(pause)
        paused = paused_working_days(pauses, since=submitted)
        print(local(due_at(submitted, paused)).isoformat())
    except OutsideCalendar as outside:
        print(f"Cannot compute: {outside}", file=sys.stderr)
        return 2
    except ValueError as problem:
        print(problem, file=sys.stderr)
        return 2
    return 0


def _recompute_sla(args: argparse.Namespace) -> int:
    from core.platform.db import engine_for, session_scope
    from core.platform.workdays import CALENDAR_VERSION
    from core.registration.applications import recompute_due_times

    with session_scope(engine_for(get_settings().database_url)) as session:
        changed = recompute_due_times(session=session)
    print(f"Recomputed pending due times with {CALENDAR_VERSION}: {changed} changed.")
    return 0


def _discount_check(args: argparse.Namespace) -> int:
    from core.partners.caps import discount_check
    from core.platform.db import engine_for, session_scope

    with session_scope(engine_for(get_settings().database_url)) as session:
        versions, breaches = discount_check(session)
    print(f"Discounts: {versions} versions.")
    for breach in breaches:
        maximum = "none" if breach.maximum_bp is None else f"{breach.maximum_bp / 100:g} %"
        print(
            f"FAIL link {breach.link_id} {breach.group} on {breach.day.isoformat()}: "
            f"{breach.discount_bp / 100:g} % above the maximum ({maximum})"
        )
    if not breaches:
        print("Every customer's discount is within the maximum in force on every day it holds.")
    return 1 if breaches else 0


def _print_ledger_problems(problems, file=None) -> None:
    for problem in problems:
        print(f"FAIL {problem.rule}: {', '.join(str(i) for i in problem.ids)}", file=file)


def _ledger_check(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from core.money.ledger import ledger_check
    from core.platform.db import engine_for, session_scope
    from core.platform.models import CreditMovement, LedgerEntry

    with session_scope(engine_for(get_settings().database_url)) as session:
        problems = ledger_check(session)
        movements = session.exec(select(func.count()).select_from(CreditMovement)).one()[0]
        entries = session.exec(select(func.count()).select_from(LedgerEntry)).one()[0]
    print(f"Ledger: {movements} movements, {entries} entries.")
    _print_ledger_problems(problems)
    if not problems:
        print(
            "Every invariant holds: movements balance, no balance ever went below zero, "
            "every top-up is delivered to billing once."
        )
    return 1 if problems else 0


def _backup(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from core.platform.backup import BackupError, backup

    started = time.monotonic()
    try:
        manifest = backup(get_settings().database_url, Path(args.path))
    except BackupError as error:
        print(f"Backup failed: {error}", file=sys.stderr)
        return 1
    rows = sum(manifest.counts.values())
    print(
        f"Backed up {rows} rows in {len(manifest.counts)} tables (schema {manifest.revision}) "
        f"to {args.path} in {time.monotonic() - started:.1f} s; manifest beside it."
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from core.money.ledger import ledger_check
    from core.platform.backup import BackupError, restore
    from core.platform.db import engine_for, session_scope
    from core.platform.migrate import current_revision, head_revision

    url = get_settings().database_url
    started = time.monotonic()
    try:
        restored = restore(Path(args.path), url)
    except BackupError as error:
        print(f"Restore refused: {error}", file=sys.stderr)
        return 1
    rows = sum(restored.counts.values())
    print(
        f"Restored {rows} rows in {len(restored.counts)} tables in "
        f"{time.monotonic() - started:.1f} s; every table has the rows of the backup's "
        f"snapshot ({restored.manifest.taken_at})."
    )
    at, head = current_revision(url), head_revision()
    if at != head:
        print(f"Schema at {at}, the code's is {head}: run `python -m core migrate` next.")
    else:
        print(f"Schema at the latest revision ({head}).")
    with session_scope(engine_for(url)) as session:
        problems = ledger_check(session)
    _print_ledger_problems(problems, file=sys.stderr)
    if problems:
        return 1
    print("Ledger check passed.")
    return 0


def _seed_history(args: argparse.Namespace) -> int:
    from core.platform.db import engine_for
    from local.devstack import prepare_database
    from local.seed import SeedRefused, seed_history

    settings = get_settings()
    prepare_database(settings)
    try:
        summary = seed_history(
            engine_for(settings.database_url),
            applications=args.applications,
            seed=args.seed,
            pending=args.pending,
            days=args.days,
            terms=load_terms(settings.terms_dir),
        )
    except SeedRefused as refused:
        print(f"Not seeding: {refused}.")
        return 0 if args.if_empty else 1
    print(
        f"Seeded {summary.applications} demo applications ({summary.pending} pending), "
        f"submitted {summary.first_submission:%Y-%m-%d} to {summary.last_submission:%Y-%m-%d}."
    )
    return 0


def _check_production(args: argparse.Namespace) -> int:
    from pathlib import Path

    from core.platform.production import production_problems, provider_findings, read_secrets

    settings = get_settings()
    if not settings.is_production:
        print("APP_ENV is not production; nothing to check.")
        return 0
    secrets = read_secrets([Path(f) for f in args.secrets])
    problems = production_problems(settings, secrets)
    providers = provider_findings(secrets, settings)
    for problem in [*problems, *providers.problems]:
        print(f"Refusing production: {problem}", file=sys.stderr)
    for unreachable in providers.unreachable:
        print(f"WARNING (not a pass): {unreachable}", file=sys.stderr)
    for warning in providers.warnings:
        print(f"WARNING: {warning}", file=sys.stderr)
    print(
        "Register at the identity provider, for each client: redirect URI "
        f"{secrets.get('auth', {}).get('redirect_uri', '?')}, post-logout redirect URI "
        f"{settings.app_base_url}"
    )
    if problems or providers.problems:
        return 1
    if providers.unreachable:
        return 2
    print("Fit for production.")
    return 0


def _cluster(args: argparse.Namespace) -> int:
    from pathlib import Path

    from local.cluster import run

    return run(
        servers=args.servers,
        workers=args.workers,
        external=args.external,
        provider_secrets=Path(args.provider_secrets) if args.provider_secrets else None,
        run_dir=Path(args.run_dir) if args.run_dir else None,
    )


def _dev(args: argparse.Namespace) -> int:
    from pathlib import Path

    from local.devstack import run

    return run(provider_secrets=Path(args.provider_secrets) if args.provider_secrets else None)


def _arg(*flags: str, **options) -> tuple[tuple[str, ...], dict]:
    return flags, options


def _server(port: int) -> tuple:
    return (_arg("--host", default="127.0.0.1"), _arg("--port", type=int, default=port))


@dataclass(frozen=True)
class Command:
    help: str
    run: Callable[[argparse.Namespace], int]
    arguments: tuple = ()


COMMANDS: dict[str, Command] = {
    "migrate": Command("check the Terms files and apply database migrations", _migrate),
    "idp": Command("run the local OpenID provider with the demo accounts", _idp, _server(9400)),
    "worker": Command(
        "deliver queued emails and top-ups, run time-based tasks, until stopped (SIGTERM)",
        _worker,
        (
            _arg("--poll", type=float, default=1.0, help="idle wait, s"),
            _arg("--period", type=float, default=60.0, help="time-based tasks every, s"),
            _arg(
                "--metrics-port",
                type=int,
                default=0,
                help="serve Prometheus metrics on this port (0: none)",
            ),
            _arg("--metrics-host", default="127.0.0.1", help="the metrics' address"),
        ),
    ),
    "mailcatcher": Command(
        "run the local SMTP mail catcher (saves .eml files)", _mailcatcher, _server(8025)
    ),
    "sla-due": Command(
        "print the due time for a submission at an ISO-8601 instant, after any pauses",
        _sla_due,
        (
            _arg("timestamp", help="e.g. 2026-02-13T10:00:00+07:00"),
            _arg(
                "--pause",
                action="append",
                metavar="FROM/TO",
                help="time waiting for the applicant, e.g. "
                "2026-02-16T09:00:00+07:00/2026-02-18T09:00:00+07:00 (repeatable)",
            ),
        ),
    ),
    "recompute-sla": Command(
        "recompute pending due times with the current calendar", _recompute_sla
    ),
    "seed-history": Command(
        "write deterministic demo history (marked demo)",
        _seed_history,
        (
            _arg("--applications", type=int, default=2000),
            _arg("--seed", type=int, default=1),
            _arg("--pending", type=int, default=None),
            _arg("--days", type=int, default=182),
            _arg("--if-empty", action="store_true", help="succeed quietly when refused"),
        ),
    ),
    "billing-sim": Command(
        "run the local billing simulator (applies credits once per key, serves usage)",
        _billing_sim,
        (*_server(8030), _arg("--store", default=None, help="its SQLite file")),
    ),
    "ledger-check": Command(
        "verify the credit ledger's invariants; exit 1 naming the ids that break one",
        _ledger_check,
    ),
    "discount-check": Command(
        "verify that no discount is ever above the maximum in force; exit 1 naming each day",
        _discount_check,
    ),
    "backup": Command(
        "copy the database to PATH in one snapshot (PostgreSQL: pg_dump custom format; "
        "SQLite: online backup), with a manifest of its checksum and row counts",
        _backup,
        (_arg("path"),),
    ),
    "restore": Command(
        "restore PATH into the empty database DATABASE_URL names, then prove it whole "
        "(row counts, schema, ledger check)",
        _restore,
        (_arg("path"),),
    ),
    "notify-terms": Command(
        "email partners about a Terms version they have not accepted", _notify_terms
    ),
    "check-production": Command(
        "refuse development secrets, local provider or SQLite",
        _check_production,
        (_arg("--secrets", nargs="*", default=[".streamlit/secrets.toml"]),),
    ),
    "dev": Command(
        "run the whole local stack (what `make run` does)",
        _dev,
        (
            _arg(
                "--provider-secrets",
                default=None,
                metavar="FILE",
                help="sign in at your own OpenID provider: this secrets file's [auth] "
                "sections instead of the local provider (which is then not started)",
            ),
        ),
    ),
    "cluster": Command(
        "HAProxy in front of several app servers and workers on PostgreSQL",
        _cluster,
        (
            _arg("--servers", type=int, default=2),
            _arg("--workers", type=int, default=2),
            _arg(
                "--external",
                action="store_true",
                help="GreenNode's own services: BILLING_URL, ACCOUNT_DIRECTORY_URL and the "
                "providers in --provider-secrets, each checked before anything starts",
            ),
            _arg(
                "--provider-secrets",
                default=None,
                metavar="FILE",
                help="with --external: the secrets file naming the OpenID providers "
                "(default .streamlit/secrets.toml)",
            ),
            _arg(
                "--run-dir",
                default=None,
                metavar="DIR",
                help="where its configuration, secrets and simulator store go (data/.run)",
            ),
        ),
    ),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        command_parser = sub.add_parser(name, help=command.help)
        for flags, options in command.arguments:
            command_parser.add_argument(*flags, **options)
    args = parser.parse_args(argv)
    try:
        get_settings()  # every setting checked before any command runs
        return COMMANDS[args.command].run(args)
    except (TermsMissing, SettingsInvalid) as missing:
        print(f"Cannot start: {missing}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
