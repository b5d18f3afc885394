"""`make bench-browser` (`python -m benchmarks.browser`): what a person waits for, in Chromium.

Builds (once, then reuses) a database of ``--applications`` demo applications
of which ``--pending`` are pending with ``seed-history``: a SQLite file under
``data/bench/``, and a PostgreSQL database on TEST_DATABASE_URL's server when
that is set. Starts the real app and the local OpenID provider on private
ports and drives Debian's Chromium with Playwright through each interaction
``--samples`` times. In the same run, as the anchor, a trivial two-page
``st.navigation`` app is timed switching pages.

A sample runs from the action (a click, Enter) until Streamlit's script
state, which the page carries on ``stApp``, has gone back to "notRunning"
and stayed there; the expected content must then be on screen. Websocket
bytes are the frames Chromium received in that time (Chrome DevTools Protocol
``Network.webSocketFrameReceived``). Sign-in landings are full page loads and
are timed from the click on the provider's account button.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from core.platform.migrate import upgrade
from core.platform.paths import PROJECT_ROOT
from tests.e2e.journey import register_eligible_account
from tests.e2e.stack import CHROMIUM, CHROMIUM_ARGS

BENCH_DIR = PROJECT_ROOT / "data" / "bench"
ANCHOR_APP = """\
import streamlit as st


def one():
    st.title("One")
    st.write("The first page.")


def two():
    st.title("Two")
    st.write("The second page.")


st.navigation([st.Page(one, title="One"), st.Page(two, title="Two")]).run()
"""
# Each matches some demo companies ("Hoa Sen Technology JSC 01234"), typed without accents.
SEARCHES = (
    "hoa sen tech", "viet tin soft", "binh minh cloud", "sao mai digital", "cuu long tech",
    "dong a soft", "hai dang cloud", "tan tien digital", "thai binh tech", "phuong nam soft",
)  # fmt: skip
QUIET_MS = 250  # the script state must stay idle this long: a rerun a callback asks for counts

# Installed once per document: records each change of Streamlit's script state.
OBSERVE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!window.__benchObserver) {
    window.__benchRuns = [];
    window.__benchObserver = new MutationObserver(() => {
      window.__benchRuns.push([performance.now(), app.getAttribute('data-test-script-state')]);
    });
    window.__benchObserver.observe(app, {attributes: true,
                                         attributeFilter: ['data-test-script-state']});
  }
  window.__benchRuns.length = 0;
  return performance.now();
}"""
# Before any page script: the time of every websocket message the page receives.
# A rerun so short that React never paints "running" still shows up here.
COUNT_FRAMES = """
window.__benchFrames = [];
window.__benchInput = 0;
for (const kind of ['pointerdown', 'keydown']) {
  document.addEventListener(kind, () => { window.__benchInput = performance.now(); }, true);
}
const NativeSocket = window.WebSocket;
window.WebSocket = class extends NativeSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => window.__benchFrames.push(performance.now()));
  }
};
"""
# Done: a run started after t0 (a "running" state or a message), the state is
# idle, and nothing has happened for QUIET_MS; the time is that of the last event.
SETTLED = """([t0, quiet]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const runs = window.__benchRuns || [], frames = window.__benchFrames || [];
  const began = runs.some(r => r[0] >= t0 && r[1] === 'running') || frames.some(f => f >= t0);
  if (!began || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const last = Math.max(runs.length ? runs[runs.length - 1][0] : 0,
                        frames.length ? frames[frames.length - 1] : 0);
  if (performance.now() - last < quiet) return false;
  window.__benchDone = last;
  return true;
}"""
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    ws_bytes: list[int] = field(default_factory=list)
    # From the input to the last websocket message of the run: the server's part (and
    # the network's); what follows until the run has settled is the browser's.
    to_last_message: list[float] = field(default_factory=list)

    def add(self, seconds: float, ws_bytes: int, to_last_message: float = float("nan")) -> None:
        self.seconds.append(seconds)
        self.ws_bytes.append(ws_bytes)
        self.to_last_message.append(to_last_message)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p90(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


class Tab:
    """One browser tab whose websocket traffic is counted through the DevTools Protocol."""

    def __init__(self, browser, locale: str = "en-US") -> None:
        self.context = browser.new_context(locale=locale, viewport={"width": 1400, "height": 1000})
        self.context.add_init_script(COUNT_FRAMES)
        self.page = self.context.new_page()
        self.page.set_default_timeout(120_000)
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        self.received = 0
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def _frame(self, event: dict) -> None:
        response = event["response"]
        payload = response.get("payloadData", "")
        # Binary frames (Streamlit's protobuf deltas) arrive base64-encoded.
        self.received += len(payload) * 3 // 4 if response.get("opcode") == 2 else len(payload)

    def timed(
        self, action: Callable[[], None], ready: str | None = None
    ) -> tuple[float, int, float]:
        """Seconds from ``action`` until the app has settled, websocket bytes received,
        and seconds until the last websocket message."""
        page = self.page
        before = self.received
        started = page.evaluate(OBSERVE)
        action()
        page.wait_for_function(SETTLED, arg=[started, QUIET_MS], polling=20)
        if ready:
            page.locator(ready).first.wait_for()
        done = page.evaluate("window.__benchDone")
        # From the person's own input (the pointer or key going down), not from when the
        # driver began looking for the element, when there was one.
        started = max(started, page.evaluate("window.__benchInput"))
        last = page.evaluate("Math.max(0, ...window.__benchFrames)")
        page.wait_for_timeout(50)  # the last frames' events reach this process
        return (done - started) / 1000, self.received - before, (last - started) / 1000

    def close(self) -> None:
        self.context.close()


def _nav(page, label: str):
    return page.locator("[data-testid=stSidebarNav] a").filter(has_text=label).first


# --- the processes -------------------------------------------------------------------------


def _seed(url: str, applications: int, pending: int) -> None:
    subprocess.run(
        [
            sys.executable, "-m", "core", "seed-history", "--applications", str(applications),
            "--pending", str(pending), "--days", "365", "--seed", "11",
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
    )  # fmt: skip


def sqlite_database(applications: int, pending: int, rebuild: bool) -> str:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / f"history-{applications}-{pending}.db"
    done = path.with_suffix(".done")
    url = f"sqlite:///{path}"
    if rebuild or not done.exists():
        for stale in BENCH_DIR.glob(f"{path.name}*"):
            stale.unlink()
        done.unlink(missing_ok=True)
        started = time.perf_counter()
        _seed(url, applications, pending)
        done.write_text(f"{time.perf_counter() - started:.0f} s\n")
    upgrade(url)
    return url


def postgres_database(server_url: str, applications: int, pending: int, rebuild: bool) -> str:
    """A database of the benchmark's own on that server, kept for the next run."""
    name = f"portal_bench_{applications}_{pending}"
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
        ).first()
        if exists and rebuild:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            exists = None
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    engine = create_engine(url)
    with engine.connect() as conn:
        seeded = (
            conn.execute(text("SELECT to_regclass('application') IS NOT NULL")).scalar()
            and conn.execute(text("SELECT count(*) FROM application")).scalar()
        )
    engine.dispose()
    if seeded != applications:
        if seeded:
            raise SystemExit(f"{name} holds {seeded} applications; run with --rebuild")
        _seed(url, applications, pending)
    upgrade(url)
    return url


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- the interactions ----------------------------------------------------------------------


def _sign_in(tab: Tab, app_url: str, who: str, *, staff: bool, ready: str) -> tuple[float, int]:
    """Seconds from choosing the account at the provider to the landing page settled,
    and the websocket bytes the landing page received."""
    page = tab.page
    page.goto(app_url)
    page.locator(IDLE).wait_for()
    button = "Partner team sign-in" if staff else "Sign in with root user account"
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/oauth2/authorize**")
    if staff:
        choose = page.get_by_role("button", name=who, exact=True)
    else:
        page.get_by_role("textbox", name="sub").fill(who)
        choose = page.get_by_role("button", name="Authorize")
    started, before = time.perf_counter(), tab.received
    choose.click()
    page.wait_for_url(f"{app_url}/**")
    page.locator(ready).first.wait_for()
    page.locator(IDLE).wait_for()
    seconds = time.perf_counter() - started
    page.wait_for_timeout(50)
    return seconds, tab.received - before


def anchor(browser, samples: int) -> Samples:
    with tempfile.TemporaryDirectory() as workdir:
        script = Path(workdir) / "anchor.py"
        script.write_text(ANCHOR_APP)
        from tests.e2e.stack import free_port, wait_for

        port = free_port()
        env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
                "--server.address", "127.0.0.1", "--server.headless", "true",
            ],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_for(f"http://127.0.0.1:{port}/_stcore/health")
            tab = Tab(browser)
            tab.page.goto(f"http://localhost:{port}")
            tab.page.get_by_role("heading", name="One").wait_for()
            tab.page.locator(IDLE).wait_for()
            result = Samples()
            for n in range(samples + 1):
                target = "Two" if n % 2 == 0 else "One"
                seconds, received, to_last = tab.timed(
                    lambda t=target: _nav(tab.page, t).click(), f"h1:has-text('{target}')"
                )
                if n:  # the first switch warms the server's page cache
                    result.add(seconds, received, to_last)
            tab.close()
            return result
        finally:
            process.terminate()
            process.wait(timeout=10)


def portal(browser, database_url: str, samples: int) -> tuple[dict[str, Samples], dict]:
    from tests.e2e.stack import LiveStack

    results: dict[str, Samples] = {}
    facts: dict = {}
    engine = create_engine(database_url)
    with engine.connect() as conn:
        rejected = conn.execute(
            text(
                "SELECT account_sub FROM application WHERE state = 'rejected' AND language = 'en'"
                " AND account_sub NOT IN"
                " (SELECT account_sub FROM application WHERE state IN ('pending', 'approved'))"
                " ORDER BY id DESC LIMIT 1"
            )
        ).scalar_one()
    engine.dispose()
    with tempfile.TemporaryDirectory() as workdir:
        live = LiveStack(workdir=Path(workdir), database_url=database_url)
        try:
            live.start_idp()
            app_url = live.start_app()
            app_pid = live.app_processes[live.app_ports[0]].pid
            register_eligible_account(live, rejected)
            queue_ready = "[class*='st-key-queue_table_']"

            # The first screen after sign-in on a server that has served nobody yet.
            reviewer = Tab(browser)
            facts["first_screen_s"], _ = _sign_in(
                reviewer, app_url, "reviewer@greennode.example", staff=True, ready=queue_ready
            )
            landing = results["sign-in landing"] = Samples()
            for _ in range(samples):
                tab = Tab(browser)
                landing.add(
                    *_sign_in(
                        tab, app_url, "reviewer@greennode.example", staff=True, ready=queue_ready
                    )
                )
                tab.close()
            _reviewer(reviewer, samples, results)
            reviewer.close()

            manager = Tab(browser)
            _sign_in(manager, app_url, "manager@greennode.example", staff=True, ready=queue_ready)
            _manager(manager, samples, results)
            manager.close()

            applicant = Tab(browser)
            _sign_in(applicant, app_url, rejected, staff=False, ready=IDLE)
            _applicant(applicant, samples, results)
            applicant.close()
            facts["peak_rss_mb"] = _peak_rss_mb(app_pid)
        except Exception:
            print(live.logs()[-6000:], file=sys.stderr)
            for n, page in enumerate(browser.contexts[-1].pages if browser.contexts else []):
                page.screenshot(path=BENCH_DIR / f"failure-{n}.png", full_page=True)
            raise
        finally:
            live.stop()
    return results, facts


def _repeat(samples: int, name: str, results: dict, measure: Callable[[int], tuple | None]):
    found = results[name] = Samples()
    n = 0
    while len(found.seconds) < samples:
        measured = measure(n)
        if measured is not None:
            found.add(*measured)
        n += 1


def _reviewer(tab: Tab, samples: int, results: dict) -> None:
    page = tab.page
    table = "[class*='st-key-queue_table_']"

    def queue_page(n: int):
        tab.timed(lambda: _nav(page, "Partners").click(), "h1:has-text('Partners')")
        return tab.timed(lambda: _nav(page, "Review queue").click(), table)

    def next_page(n: int):
        if n % 2:  # back to the first page, not measured
            tab.timed(lambda: page.locator(".st-key-queue_first button").click())
            return None
        return tab.timed(lambda: page.locator(".st-key-queue_next button").click(), table)

    def open_application(n: int):
        from tests.e2e.journey import pick_queue_row

        return tab.timed(lambda: pick_queue_row(page, n % 12), ".st-key-detail_approve")

    def approve_dialog(n: int):
        measured = tab.timed(
            lambda: page.locator(".st-key-detail_approve button").click(), "[role=dialog]"
        )
        tab.timed(lambda: page.locator(".st-key-decide_cancel button").click())
        return measured

    def search(n: int):
        box = page.locator(".st-key-queue_search input")
        box.fill(SEARCHES[n % len(SEARCHES)])
        return tab.timed(lambda: box.press("Enter"), table)

    def filter_language(n: int):
        if n == 0:
            page.locator(".st-key-queue_search input").fill("")
            tab.timed(lambda: page.locator(".st-key-queue_search input").press("Enter"))
            page.get_by_text("Filters", exact=True).click()
        chooser = page.locator(".st-key-queue_lang input")
        if n % 2 == 0:
            chooser.click()
            chooser.press_sequentially("Tiếng")
            page.get_by_role("option", name="Tiếng Việt").wait_for()
            measured = tab.timed(lambda: chooser.press("Enter"), table)
            chooser.press("Escape")
            return measured
        remove = page.locator(".st-key-queue_lang").get_by_role("button", name="Remove Tiếng Việt")
        return tab.timed(lambda: remove.first.click(), table)

    _repeat(samples, "queue page", results, queue_page)
    _repeat(samples, "next page of the queue", results, next_page)
    _repeat(samples, "open an application", results, open_application)
    _repeat(samples, "open the approve dialog", results, approve_dialog)
    _repeat(samples, "search", results, search)
    _repeat(samples, "filter", results, filter_language)


def _manager(tab: Tab, samples: int, results: dict) -> None:
    page = tab.page
    chart = "[data-testid=stVegaLiteChart]"

    def metrics_page(n: int):
        tab.timed(lambda: _nav(page, "Review queue").click(), "[class*='st-key-queue_table_']")
        return tab.timed(lambda: _nav(page, "Metrics").click(), chart)

    def period_switch(n: int):
        label = "Last quarter (13 weeks)" if n % 2 == 0 else "Last 4 weeks"
        button = page.locator(".st-key-metrics_period button").filter(has_text=label)
        return tab.timed(lambda: button.click(), chart)

    _repeat(samples, "metrics page", results, metrics_page)
    _repeat(samples, "metrics period switch", results, period_switch)


def _applicant(tab: Tab, samples: int, results: dict) -> None:
    page = tab.page

    def status_page(n: int):
        tab.timed(lambda: _nav(page, "Become a partner").click(), "h1")
        return tab.timed(lambda: _nav(page, "My application").click(), "h1")

    def apply_page(n: int):
        tab.timed(lambda: _nav(page, "My application").click(), "h1")
        return tab.timed(lambda: _nav(page, "Become a partner").click(), "h1")

    _repeat(samples, "applicant status page", results, status_page)
    _repeat(samples, "apply page", results, apply_page)


# --- the report ----------------------------------------------------------------------------


def report(name: str, base: Samples, results: dict[str, Samples], facts: dict) -> list[str]:
    header = (
        f"{'interaction':<28}{'median ms':>10}{'p90 ms':>9}{'x anchor':>10}{'ws KB':>8}"
        f"{'server ms':>11}{'browser ms':>12}"
    )
    lines = [f"\n{name}", header]
    for interaction, found in {"anchor page switch": base, **results}.items():
        server = statistics.median(found.to_last_message) * 1000
        lines.append(
            f"{interaction:<28}{found.median * 1000:>10.0f}{found.p90 * 1000:>9.0f}"
            f"{found.median / base.median:>10.2f}{statistics.median(found.ws_bytes) / 1024:>8.1f}"
            f"{server:>11.0f}{found.median * 1000 - server:>12.0f}"
        )
    lines.append(f"first screen after sign-in on a fresh server: {facts['first_screen_s']:.2f} s")
    lines.append(f"app server peak RSS: {facts['peak_rss_mb']:.0f} MB")
    lines.append(
        "server ms: input to the run's last websocket message; browser ms: the rest, "
        "until the page has settled (sign-in: a full page load, not split)"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--pending", type=int, default=50_000)
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true", help="seed the databases again")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")

    databases = {"SQLite": sqlite_database(args.applications, args.pending, args.rebuild)}
    server = os.environ.get("TEST_DATABASE_URL")
    if server and not args.sqlite_only:
        databases["PostgreSQL"] = postgres_database(
            server, args.applications, args.pending, args.rebuild
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        base = anchor(browser, args.samples)
        print(
            f"{args.applications:,} applications, {args.pending:,} pending; "
            f"{args.samples} samples per interaction; Chromium {browser.version}",
            flush=True,
        )
        for name, url in databases.items():
            results, facts = portal(browser, url, args.samples)
            print("\n".join(report(name, base, results, facts)), flush=True)
        browser.close()


if __name__ == "__main__":
    main()
