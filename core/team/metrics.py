"""What operators watch, in Prometheus' format: read from the database at each scrape.

The figures are the database's, so every worker serves the same ones and any of
them may be scraped; only ``portal_outbox_deliveries_total`` counts what one
worker process did (Prometheus sums it across workers, each on its own port).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from core.platform.clock import utcnow
from core.platform.models import LEDGER_CHECK, OutboxStatus, ScheduledCheck, UsageImport
from core.platform.sla import Edges, SlaState

if TYPE_CHECKING:
    from core.messaging.outbox import Delivery, OutboxHandler
    from core.review.workflow import Subject

log = logging.getLogger("metrics")
RESULTS = ("sent", "retried", "failed", "held")


def _gauge(name: str, documentation: str, labels: Sequence[str] = ()) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, labels=list(labels))


class PortalCollector(Collector):
    """The outbox, the partner team's promise, the usage import and the ledger check."""

    def __init__(
        self,
        engine: Engine,
        handlers: Sequence[OutboxHandler],
        subjects: Sequence[Subject],
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._engine = engine
        self.handlers = handlers
        self._subjects = subjects
        self._clock = clock

    def describe(self) -> list:
        return []  # nothing read from the database when the collector is registered

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = _gauge("portal_database_up", "1 when the last scrape could read the database")
        try:
            with Session(self._engine) as session:
                families = list(self._families(session, self._clock()))
        except Exception:  # an unreachable database is a figure too, never a failed scrape
            log.exception("metrics could not read the database")
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield from families
        yield up

    def _families(self, session: Session, now: datetime) -> Iterator[GaugeMetricFamily]:
        yield from self._outbox(session, now)
        yield self._decisions(session, now)
        last_import = session.exec(select(func.max(UsageImport.imported_at))).one()
        imported = _gauge(
            "portal_usage_last_import_timestamp_seconds",
            "When a day of billing's usage was last imported (0: never)",
        )
        imported.add_metric([], last_import.timestamp() if last_import else 0)
        yield imported
        yield from self._ledger_check(session)

    def _outbox(self, session: Session, now: datetime) -> Iterator[GaugeMetricFamily]:
        waiting = _gauge("portal_outbox_waiting", "Deliveries waiting to be made", ["kind"])
        oldest = _gauge(
            "portal_outbox_oldest_waiting_seconds",
            "Age of the oldest delivery still waiting (0: none waits)",
            ["kind"],
        )
        failed = _gauge(
            "portal_outbox_failed",
            "Deliveries that failed for good (refused or out of tries)",
            ["kind"],
        )
        for handler in self.handlers:
            model = handler.model
            count, first = session.exec(
                select(func.count(), func.min(model.created_at)).where(
                    model.status == OutboxStatus.PENDING
                )
            ).one()
            gave_up = session.exec(
                select(func.count()).where(model.status == OutboxStatus.FAILED)
            ).one()
            waiting.add_metric([handler.name], count)
            age = (now - first).total_seconds() if first is not None else 0
            oldest.add_metric([handler.name], max(age, 0))
            failed.add_metric([handler.name], gave_up)
        yield from (waiting, oldest, failed)

    def _decisions(self, session: Session, now: datetime) -> GaugeMetricFamily:
        family = _gauge(
            "portal_decisions_waiting",
            "Rows waiting for the partner team's decision, by the 3-working-day promise",
            ["subject", "sla"],
        )
        edges = Edges.at(now)
        for subject in self._subjects:
            state = edges.sla_state(subject.model.due_at)
            counts = dict(
                session.exec(
                    select(state, func.count())
                    .where(col(subject.model.state) == subject.waiting)
                    .group_by(state)
                ).all()
            )
            for sla in (SlaState.ON_TRACK, SlaState.DUE_SOON, SlaState.OVERDUE):
                family.add_metric([subject.name, sla.value], counts.get(sla.value, 0))
        return family

    def _ledger_check(self, session: Session) -> Iterator[GaugeMetricFamily]:
        check = session.get(ScheduledCheck, LEDGER_CHECK)
        ran = _gauge(
            "portal_ledger_check_last_run_timestamp_seconds",
            "When the scheduled ledger check last ran (0: never)",
        )
        passed = _gauge("portal_ledger_check_passed", "1 when the last ledger check passed")
        problems = _gauge(
            "portal_ledger_check_problems", "Invariants the last ledger check found broken"
        )
        ran.add_metric([], check.ran_at.timestamp() if check else 0)
        passed.add_metric([], 1 if check is None or check.passed else 0)
        problems.add_metric([], check.problems if check else 0)
        yield from (ran, passed, problems)


class WorkerMetrics:
    """One worker's registry: the database's figures and the deliveries it made."""

    def __init__(self, collector: PortalCollector) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        self.registry.register(collector)
        self.deliveries = Counter(
            "portal_outbox_deliveries",
            "Delivery attempts this worker made, by kind and result",
            ["kind", "result"],
            registry=self.registry,
        )
        for handler in collector.handlers:  # every series present from the first scrape
            for result in RESULTS:
                self.deliveries.labels(handler.name, result)

    def observe(self, kind: str, delivery: Delivery) -> None:
        for result in RESULTS:
            if amount := getattr(delivery, result):
                self.deliveries.labels(kind, result).inc(amount)

    def serve(self, port: int, host: str = "127.0.0.1") -> Any:
        """Serve /metrics on ``host:port`` from a thread of this process; returns the server."""
        server, _thread = start_http_server(port, addr=host, registry=self.registry)
        log.info("metrics on http://%s:%d/metrics", host, port)
        return server
