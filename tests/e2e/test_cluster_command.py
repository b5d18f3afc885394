"""`python -m core cluster` as an operator starts it, on a PostgreSQL of the test's own:
a partner's top-up made through HAProxy reaches billing, and the metrics show it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import suppress

import httpx
import pytest
from playwright.sync_api import expect
from prometheus_client.parser import text_string_to_metric_families

from core.platform.directory import bearer
from core.platform.paths import PROJECT_ROOT
from local.seed import DEMO_PARTNER
from tests.e2e.journey import sign_in
from tests.e2e.stack import free_port, wait_for

pytestmark = pytest.mark.skipif(not shutil.which("haproxy"), reason="HAProxy is not installed")
TOKEN = "cluster-billing-credential-for-tests"
WORKERS = 2


def free_block(size: int) -> int:
    """A port whose next ``size`` ports are free too (the cluster numbers its servers so)."""
    for _ in range(50):
        base = free_port()
        if base + size < 65535 and all(_free(base + n) for n in range(size)):
            return base
    raise RuntimeError("no block of free ports")


def _free(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def scrape(port: int) -> dict[tuple[str, tuple], float]:
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    from tests.pg import throwaway_cluster

    workdir = tmp_path_factory.mktemp("cluster")
    with throwaway_cluster() as database:
        ports = {
            "APP_PORT": free_block(13),  # public, then its app servers at +11, +12
            "IDP_PORT": free_port(),
            "SMTP_PORT": free_port(),
            "BILLING_PORT": free_port(),
            "METRICS_PORT": free_block(WORKERS + 1),  # each worker's, then HAProxy's
        }
        env = {
            **os.environ,
            **{name: str(port) for name, port in ports.items()},
            "DATABASE_URL": database.url,
            "MAIL_DIR": str(workdir / "mail"),
            "BILLING_TOKEN": TOKEN,
        }
        for name in ("APP_ENV", "APP_BASE_URL", "BILLING_URL", "ACCOUNT_DIRECTORY_URL"):
            env.pop(name, None)
        command = [sys.executable, "-m", "core", "cluster", "--servers", "2"]
        command += ["--workers", str(WORKERS), "--run-dir", str(workdir / "run")]
        log = open(workdir / "cluster.log", "w")  # noqa: SIM115 (closed below)
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # It migrates and seeds the demo history before it starts the servers.
            wait_for(f"http://127.0.0.1:{ports['APP_PORT']}/_stcore/health", timeout=600)
            yield ports, workdir
        finally:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
            log.close()
            print((workdir / "cluster.log").read_text()[-3000:])


def billing_credits(ports) -> list[dict]:
    url = f"http://127.0.0.1:{ports['BILLING_PORT']}/credits"
    return httpx.get(url, timeout=5, headers=bearer(TOKEN)).json()


def workers_figure(ports, name: str, **labels: str) -> float:
    key = (name, tuple(sorted(labels.items())))
    base = ports["METRICS_PORT"]
    return sum(scrape(base + n).get(key, 0) for n in range(WORKERS))


def eventually(check, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("not within the time allowed")
        time.sleep(0.5)


def test_a_top_up_through_haproxy_reaches_billing_and_the_metrics_show_it(browser, cluster):
    ports, _ = cluster
    url = f"http://localhost:{ports['APP_PORT']}"
    # The demo history's top-ups are delivered to the cluster's own billing simulator.
    eventually(lambda: workers_figure(ports, "portal_outbox_waiting", kind="billing") == 0)
    assert billing_credits(ports), "the demo partner's top-ups reached billing"
    assert workers_figure(ports, "portal_outbox_failed", kind="billing") == 0
    sent_before = workers_figure(
        ports, "portal_outbox_deliveries_total", kind="billing", result="sent"
    )

    partner = browser.new_context(locale="en-US").new_page()
    partner.set_default_timeout(30_000)
    sign_in(partner, url, DEMO_PARTNER)
    assert any(c["name"] == "GN_SERVER" for c in partner.context.cookies())  # via HAProxy
    partner.goto(f"{url}/credits")  # the demo partner's account speaks Vietnamese
    amount = partner.locator(".st-key-credits_amount input")
    amount.fill("123.456")
    amount.press("Tab")
    partner.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()
    partner.locator(".st-key-credits_review_button button").click()
    partner.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()
    partner.locator(".st-key-credits_confirm button").click()
    expect(partner.get_by_text("Đã nạp 123.456 VND")).to_be_visible()
    partner.context.close()

    eventually(lambda: any(c["amount_vnd"] == 123_456 for c in billing_credits(ports)))
    eventually(
        lambda: (
            workers_figure(ports, "portal_outbox_deliveries_total", kind="billing", result="sent")
            == sent_before + 1
        )
    )
    assert workers_figure(ports, "portal_outbox_waiting", kind="billing") == 0
    # HAProxy's own exporter counts the requests it passed on.
    haproxy = httpx.get(f"http://127.0.0.1:{ports['METRICS_PORT'] + WORKERS}/metrics", timeout=5)
    assert "haproxy_frontend_http_requests_total" in haproxy.text
