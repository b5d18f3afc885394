"""`make bench` (`python -m benchmarks.pages`): page times at 100,000 and 1,000,000 applications.

Builds each database in a child process (seeding is not what is measured),
then times AppTest runs in this process: the first run after clearing every
cache (cold) and the median of five more (warm), for a one-line page (the
baseline), the review queue and the metrics page; and, in a child process, the
naive computation that loads every application into pandas.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from core.platform.demo import as_signed_in, demo_claims
from core.platform.paths import PROJECT_ROOT

SIZES = (100_000, 1_000_000)
PENDING = 2_000
WARM_RUNS = 5
TRIVIAL_PAGE = "import streamlit as st\nst.write('GreenNode')\n"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(args: list[str], url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "core", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def build(url: str, applications: int) -> float:
    started = time.perf_counter()
    _child(
        [
            "seed-history",
            "--applications",
            str(applications),
            "--pending",
            str(PENDING),
            "--days",
            "365",
            "--seed",
            "11",
        ],
        url,
    )
    return time.perf_counter() - started


def _timed_runs(make_app, switch_to: str | None) -> tuple[float, float]:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    at = make_app()
    at.run()
    if switch_to:
        at.switch_page(switch_to)
    st.cache_data.clear()
    st.cache_resource.clear()
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    assert not at.exception, at.exception
    warm = []
    for _ in range(WARM_RUNS):
        started = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - started)
    return cold, statistics.median(warm)


def measure_pages(url: str) -> dict[str, tuple[float, float]]:
    from streamlit.testing.v1 import AppTest

    from core.platform.settings import get_settings

    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()

    def home_as(email: str):
        def make():
            at = AppTest.from_file(str(PROJECT_ROOT / "Home.py"), default_timeout=600)
            at.user = as_signed_in(demo_claims(email))
            return at

        return make

    def signed_out():
        at = AppTest.from_file(str(PROJECT_ROOT / "Home.py"), default_timeout=600)
        at.user = {"is_logged_in": False}
        return at

    return {
        "trivial page": _timed_runs(
            lambda: AppTest.from_string(TRIVIAL_PAGE, default_timeout=60), None
        ),
        "portal shell (sign-in page)": _timed_runs(signed_out, None),
        "review queue": _timed_runs(home_as("reviewer2@greennode.example"), None),
        "metrics (12 months)": _timed_runs(
            home_as("manager@greennode.example"), "pages/metrics.py"
        ),
    }


NAIVE_SCRIPT = """
import json, resource, sys, time
from datetime import timedelta
from core.platform.db import get_engine
from core.registration.metrics import Period
from benchmarks.metrics_naive import naive_dashboard
from core.platform.clock import local, utcnow
now = utcnow(); today = local(now).date()
started = time.perf_counter()
with get_engine().connect() as conn:
    naive_dashboard(conn, Period(today - timedelta(days=364), today), now)
print(json.dumps({"seconds": time.perf_counter() - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_naive(url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run(
        [sys.executable, "-c", NAIVE_SCRIPT],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _pending_in(path: Path) -> int:
    """The pending applications of a built (or reused) database, as it is, not as asked."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM application WHERE state = 'pending'").fetchone()[
            0
        ]


def run(sizes: tuple[int, ...] = SIZES, directory: Path | None = None) -> int:
    workdir = Path(directory or tempfile.mkdtemp(prefix="partner-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sizes:
        path = workdir / f"bench-{size}.db"
        url = f"sqlite:///{path}"
        built = "reused"
        if not path.exists():
            built = f"{build(url, size):.0f} s"
        else:
            _child(["migrate"], url)
        pages = measure_pages(url)
        naive = measure_naive(url)
        baseline = pages["trivial page"][1]
        pending = _pending_in(path)
        print(f"\n{size:,} applications ({pending:,} pending), SQLite, database built: {built}")
        print(f"{'figure':<34}{'cold s':>9}{'warm s':>9}{'warm / trivial':>16}")
        for name, (cold, warm) in pages.items():
            print(f"{name:<34}{cold:>9.3f}{warm:>9.3f}{warm / baseline:>15.2f}x")
        print(
            f"{'naive pandas metrics (12 months)':<34}{naive['seconds']:>9.3f}{'':>9}"
            f"{'':>16}  (its own process, peak RSS {naive['rss_mb']:.0f} MB)"
        )
        cold_metrics = pages["metrics (12 months)"][0]
        print(f"metrics cold vs naive: {naive['seconds'] / cold_metrics:.1f}x faster")
        rows.append((size, pages, naive))
    print(f"\npeak RSS of this process (all page runs): {_peak_rss_mb():.0f} MB")
    print(f"databases kept in {workdir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages", description=__doc__)
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated")
    parser.add_argument("--dir", default="", help="keep and reuse the databases here")
    args = parser.parse_args(argv)
    sizes = tuple(int(size) for size in args.sizes.split(","))
    return run(sizes, Path(args.dir) if args.dir else None)


if __name__ == "__main__":
    sys.exit(main())
