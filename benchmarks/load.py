"""`make bench-load` (`python -m benchmarks.load`): how many people one app server holds.

Starts one app server and the local OpenID provider on a database with the demo
history (2,000 applications, the demo partner's year of customers, credit and
usage: what `make run` seeds), then, for each ``--users`` level, signs in that
many Chromium sessions — half the reviewer, half the demo partner — and has
them all click through their pages at once, ``--rounds`` times each, reading each
page for about ``--think`` seconds (0: clicking as fast as the pages come):

- reviewer: the review queue, the Partners page;
- partner: Customers, Credits, Reports.

A sample runs from the click until Streamlit's script state has gone back to
"notRunning" and stayed there (the method of ``benchmarks.browser``). Printed
per level: p50 and p95 of each interaction and of all of them, the app server's
memory per signed-in session (resident memory above the idle server's, divided
by the sessions), the CPU it used (one core = 100 %) and how busy the whole machine
was: the browsers run on the same cores, so a busy machine makes the figures a
lower bound of what the server alone would hold.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.browser import COUNT_FRAMES, OBSERVE, QUIET_MS, SETTLED
from core.platform.migrate import upgrade
from tests.e2e.stack import CHROMIUM, CHROMIUM_ARGS, LiveStack

IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
REVIEWER = "reviewer@greennode.example"
INTERACTIONS = {
    "reviewer": (("Review queue", "[class*='st-key-queue_table_']"), ("Partners", "h1")),
    "partner": (("Customers", "h1"), ("Credits", "h1"), ("Reports", "h1")),
}


@dataclass
class Level:
    users: int
    samples: dict[str, list[float]] = field(default_factory=dict)
    rss_mb_per_session: float = float("nan")
    cpu_percent: float = float("nan")
    cpu_ms_per_interaction: float = float("nan")
    machine_percent: float = float("nan")
    wall_s: float = 0.0

    def add(self, name: str, seconds: float) -> None:
        self.samples.setdefault(name, []).append(seconds)

    @property
    def everything(self) -> list[float]:
        return [s for values in self.samples.values() for s in values]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def _machine_busy() -> tuple[float, float]:
    """The machine's busy and total CPU time so far (all cores, from /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def _proc(pid: int) -> tuple[float, float]:
    """The process's resident memory (MB) and CPU seconds so far."""
    rss = next(
        int(line.split()[1]) / 1024
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        if line.startswith("VmRSS:")
    )
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return rss, (int(fields[11]) + int(fields[12])) / ticks


def seeded_database(workdir: Path) -> str:
    """What `make run` seeds, in a SQLite file or (TEST_DATABASE_URL) PostgreSQL."""
    from core.platform.settings import get_settings
    from local.devstack import seed_demo_history_once

    url = f"sqlite:///{workdir / 'load.db'}"
    upgrade(url)
    seed_demo_history_once(get_settings().changed(database_url=url))
    return url


async def sign_in(browser, app_url: str, role: str):
    from local.seed import DEMO_PARTNER

    context = await browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000})
    await context.add_init_script(COUNT_FRAMES)
    page = await context.new_page()
    page.set_default_timeout(90_000)
    await page.goto(app_url)
    staff = role == "reviewer"
    button = "Partner team sign-in" if staff else "Sign in with root user account"
    await page.get_by_role("button", name=button).click()
    await page.wait_for_url("**/oauth2/authorize**")
    who = REVIEWER if staff else DEMO_PARTNER
    await page.get_by_role("button", name=who, exact=True).click()
    await page.wait_for_url(f"{app_url}/**")
    await page.locator(IDLE).wait_for()
    if not staff:  # the demo partner's account speaks Vietnamese: every session reads English
        await page.locator(".st-key-lang_picker_sidebar").get_by_text("English").click()
        await page.get_by_text("Signed in as").wait_for()
        await page.locator(IDLE).wait_for()
    return context, page


async def timed_click(page, label: str, ready: str) -> float:
    started = await page.evaluate(OBSERVE)
    link = page.locator("[data-testid=stSidebarNav] a").filter(has_text=label).first
    await link.click()
    await page.wait_for_function(SETTLED, arg=[started, QUIET_MS], polling=20)
    await page.locator(ready).first.wait_for()
    done = await page.evaluate("window.__benchDone")
    started = max(started, await page.evaluate("window.__benchInput"))
    return (done - started) / 1000


async def clicking(
    page, role: str, rounds: int, level: Level, start: asyncio.Event, think: float
) -> None:
    """``rounds`` times through the role's pages, reading each for about ``think`` seconds."""
    pause = random.Random(id(page))
    await start.wait()
    for _ in range(rounds):
        for label, ready in INTERACTIONS[role]:
            level.add(f"{role}: {label}", await timed_click(page, label, ready))
            await asyncio.sleep(think * pause.uniform(0.5, 1.5))


async def run_level(
    browser,
    app_url: str,
    pid: int,
    users: int,
    rounds: int,
    *,
    think: float = 0.0,
    alone: bool = False,
) -> Level:
    """``users`` sessions clicking at once; ``alone``: one reviewer, then one partner, each
    with the server to itself (the single-user figures)."""
    level = Level(1 if alone else users)
    idle_rss, _ = _proc(pid)
    roles = ["reviewer" if n % 2 == 0 else "partner" for n in range(users)]
    sessions = [await sign_in(browser, app_url, role) for role in roles]
    # Each session opens its pages once before the measured rounds (the first visit warms
    # the server's caches, as a person's first minutes do).
    for (_, page), role in zip(sessions, roles, strict=True):
        for label, ready in INTERACTIONS[role]:
            await timed_click(page, label, ready)
    rss, cpu_before = _proc(pid)
    level.rss_mb_per_session = (rss - idle_rss) / users
    start = asyncio.Event()
    start.set()
    busy_before, total_before = _machine_busy()
    began = time.perf_counter()
    if alone:
        for (_, page), role in zip(sessions, roles, strict=True):
            await clicking(page, role, rounds, level, start, think)
    else:
        await asyncio.gather(
            *(
                clicking(page, role, rounds, level, start, think)
                for (_, page), role in zip(sessions, roles, strict=True)
            )
        )
    level.wall_s = time.perf_counter() - began
    _, cpu_after = _proc(pid)
    busy_after, total_after = _machine_busy()
    level.cpu_percent = 100 * (cpu_after - cpu_before) / level.wall_s
    level.cpu_ms_per_interaction = 1000 * (cpu_after - cpu_before) / len(level.everything)
    level.machine_percent = 100 * (busy_after - busy_before) / (total_after - total_before)
    for context, _ in sessions:
        await context.close()
    await asyncio.sleep(5)  # the server lets the closed sessions go
    return level


def report(levels: list[Level]) -> list[str]:
    single = percentile(levels[0].everything, 0.95)  # one user at a time
    lines = [
        "| users | interaction | p50 ms | p95 ms |",
        "| --- | --- | --- | --- |",
    ]
    for level in levels:
        for name, values in sorted(level.samples.items()):
            p50, p95 = statistics.median(values), percentile(values, 0.95)
            lines.append(f"| {level.users} | {name} | {p50 * 1000:.0f} | {p95 * 1000:.0f} |")
        every = level.everything
        lines.append(
            f"| {level.users} | **all** ({len(every)} samples) | "
            f"{statistics.median(every) * 1000:.0f} | {percentile(every, 0.95) * 1000:.0f} |"
        )
    lines += [
        "",
        "| users | p95 / single-user p95 | RSS per session MB | app server CPU "
        "(one core = 100 %) | its CPU ms per interaction | machine CPU busy (browsers "
        "included) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for level in levels:
        ratio = percentile(level.everything, 0.95) / single
        lines.append(
            f"| {level.users} | {ratio:.1f}× | {level.rss_mb_per_session:.1f} | "
            f"{level.cpu_percent:.0f} % | {level.cpu_ms_per_interaction:.0f} | "
            f"{level.machine_percent:.0f} % |"
        )
    held = [lv.users for lv in levels if percentile(lv.everything, 0.95) <= 2 * single]
    lines.append("")
    lines.append(
        f"One app server holds {max(held)} concurrent active user(s) within 2× the single-user "
        f"p95 ({single * 1000:.0f} ms) on this machine ({os.cpu_count()} cores)."
    )
    return lines


async def main_async(users: list[int], rounds: int, think: float) -> list[Level]:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as workdir:
        database_url = seeded_database(Path(workdir))
        live = LiveStack(workdir=Path(workdir), database_url=database_url)
        try:
            live.start_idp()
            app_url = live.start_app()
            pid = live.app_processes[live.app_ports[0]].pid
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
                # A reviewer and a partner visit every page once: the server's caches warm,
                # its idle memory is measured after that.
                await run_level(browser, app_url, pid, 2, 1, alone=True)
                print("one user at a time…", file=sys.stderr)
                levels = [
                    await run_level(browser, app_url, pid, 2, rounds, think=think, alone=True)
                ]
                for count in users:
                    print(f"{count} concurrent users…", file=sys.stderr)
                    levels.append(
                        await run_level(browser, app_url, pid, count, rounds, think=think)
                    )
                await browser.close()
        except Exception:
            print(live.logs()[-6000:], file=sys.stderr)
            raise
        finally:
            live.stop()
    return levels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="5,10,20", help="concurrent users per level")
    parser.add_argument("--rounds", type=int, default=5, help="times each user clicks through")
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds a user reads a page before the next click"
    )
    args = parser.parse_args()
    users = [int(n) for n in args.users.split(",") if n.strip()]
    levels = asyncio.run(main_async(users, args.rounds, args.think))
    print(f"({args.rounds} rounds, {args.think:g} s reading time between clicks)")
    print("\n".join(report(levels)))


if __name__ == "__main__":
    main()
