"""The local billing simulator: applies credits once per idempotency key and serves usage.

`python -m core billing-sim --port 8030 [--store FILE]` (``make run`` starts it):

- ``POST /credits`` with an ``Idempotency-Key`` header and
  ``{"customer_sub", "amount_vnd", "link_id"}``: applied once per key, kept in
  a SQLite file so a restart forgets nothing; the same key again answers with
  the same reference; the same key with another body is 409;
- ``GET /credits``: what was applied (JSON); ``GET /``: the same as a page;
- ``GET /usage?day=YYYY-MM-DD``: deterministic usage per customer and service
  group, for every customer with credit applied on or before that day.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import html
import json
import logging
import sqlite3
import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from core.platform.logs import configure_logging
from core.platform.service_groups import SERVICE_GROUPS

log = logging.getLogger("billing-sim")


class BillingSimulator:
    def __init__(self, store: Path, *, token: str, answer_delay: float = 0.0) -> None:
        # The credential every call to /credits and /usage must present, as GreenNode's
        # billing requires one; the page at / is the developer's look at what was applied.
        if not token:
            raise ValueError("the billing simulator needs a token to require (BILLING_TOKEN)")
        self._token = token
        # ``answer_delay``: seconds between applying a credit and answering (a slow network,
        # or a caller that dies before it hears the answer).
        self._answer_delay = answer_delay
        store.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(store), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS credit (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL,"
            " customer_sub TEXT NOT NULL, amount_vnd INTEGER NOT NULL, link_id INTEGER NOT NULL,"
            " applied_at TEXT NOT NULL)"
        )

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path in ("/credits", "/usage") and not self._authorised(request):
            response = Response(
                json.dumps({"error": "a bearer credential is required"}),
                status=401,
                mimetype="application/json",
                headers={"WWW-Authenticate": "Bearer"},
            )
        elif request.path == "/credits" and request.method == "POST":
            response = self._apply(request)
        elif request.path == "/credits":
            response = Response(json.dumps(self.applied()), mimetype="application/json")
        elif request.path == "/usage":
            response = self._usage(request)
        elif request.path == "/":
            response = self._page()
        else:
            response = Response("not found", status=404)
        return response(environ, start_response)

    def _authorised(self, request: Request) -> bool:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {self._token}".encode())

    def applied(self) -> list[dict]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, key, customer_sub, amount_vnd, link_id, applied_at FROM credit "
                "ORDER BY id"
            ).fetchall()
        return [
            {
                "reference": f"BIL-{row[0]:06d}",
                "key": row[1],
                "customer_sub": row[2],
                "amount_vnd": row[3],
                "link_id": row[4],
                "applied_at": row[5],
            }
            for row in rows
        ]

    def _apply(self, request: Request) -> Response:
        key = request.headers.get("Idempotency-Key", "")
        try:
            body = json.loads(request.get_data(as_text=True))
            customer, amount, link = body["customer_sub"], body["amount_vnd"], body["link_id"]
            valid = (
                isinstance(customer, str)
                and isinstance(amount, int)
                and not isinstance(amount, bool)
                and amount > 0
                and isinstance(link, int)
            )
        except (ValueError, KeyError, TypeError):
            valid = False
        if not key or len(key) > 80 or not valid:
            return Response(json.dumps({"error": "bad request"}), status=400)
        with self._lock:
            found = self._db.execute(
                "SELECT id, customer_sub, amount_vnd, link_id FROM credit WHERE key = ?", (key,)
            ).fetchone()
            if found is not None:
                if tuple(found[1:]) != (customer, amount, link):
                    return Response(json.dumps({"error": "key used for another credit"}), 409)
                return _reference(found[0], 200)
            cursor = self._db.execute(
                "INSERT INTO credit (key, customer_sub, amount_vnd, link_id, applied_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (key, customer, amount, link, datetime.now(UTC).isoformat()),
            )
        log.info("applied %s VND to %s (key %s)", amount, customer, key)
        if self._answer_delay:
            time.sleep(self._answer_delay)
        return _reference(cursor.lastrowid, 201)

    def _usage(self, request: Request) -> Response:
        try:
            day = date.fromisoformat(request.args.get("day", ""))
        except ValueError:
            return Response(json.dumps({"error": "day=YYYY-MM-DD"}), status=400)
        with self._lock:
            customers = [
                row[0]
                for row in self._db.execute(
                    "SELECT DISTINCT customer_sub FROM credit WHERE substr(applied_at, 1, 10) <= ?"
                    " ORDER BY customer_sub",
                    (day.isoformat(),),
                )
            ]
        return Response(json.dumps(daily_usage(customers, day)), mimetype="application/json")

    def _page(self) -> Response:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(item[k]))}</td>"
                for k in ("reference", "customer_sub", "amount_vnd", "applied_at")
            )
            + "</tr>"
            for item in self.applied()
        )
        return Response(
            "<!doctype html><title>Billing simulator</title><h1>Credits applied</h1>"
            "<table><tr><th>Reference</th><th>Customer</th><th>Amount (VND)</th>"
            f"<th>Applied at</th></tr>{rows}</table>",
            mimetype="text/html",
        )


def _reference(row_id: int, status: int) -> Response:
    return Response(
        json.dumps({"reference": f"BIL-{row_id:06d}"}), status=status, mimetype="application/json"
    )


def daily_usage(customers: list[str], day: date) -> list[dict]:
    """The same usage for the same customer, group and day, every time it is asked."""
    rows = []
    for customer in customers:
        for group in SERVICE_GROUPS:
            digest = hashlib.sha256(f"{customer}|{group.code}|{day}".encode()).digest()
            share = int.from_bytes(digest[:4], "big") / 2**32
            if share < 0.15:  # some days a group is not used at all
                continue
            quantity = round(group.typical_daily * (0.4 + 1.2 * share), 2)
            rows.append(
                {
                    "customer_sub": customer,
                    "service_group": group.code,
                    "quantity": quantity,
                    "unit": group.unit,
                }
            )
    return rows


def serve(host: str, port: int, store: Path, token: str) -> None:
    configure_logging()
    server = make_server(host, port, BillingSimulator(store, token=token), threaded=True)
    log.info("billing simulator on http://%s:%s (store %s)", host, port, store)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
