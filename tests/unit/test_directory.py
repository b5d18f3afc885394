"""The account directory: the demo file, and the HTTP account service against a local stub."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from core.platform.directory import (
    DemoDirectory,
    DirectoryUnavailable,
    HttpDirectory,
    directory_for,
)
from core.platform.settings import get_settings

ACCOUNT = {
    "sub": "acc-42",
    "email": "newcustomer@retail.example",
    "company": "Mai Retail Co., Ltd",
    "language": "vi",
    "user_type": "root",
    "account_class": "enterprise",
    "partner_customer_of": None,
    "credit_balance": 0,
    "uses_services": False,
    "has_discounts": False,
    "in_poc": False,
    "billing": "prepaid",
    "greennode_customer": False,
}


class AccountService(BaseHTTPRequestHandler):
    """GET /accounts?email=…: answers from ``script`` (a list of (status, body, delay))."""

    script: ClassVar[list] = []
    seen: ClassVar[list] = []

    def do_GET(self):
        query = parse_qs(urlsplit(self.path).query)
        type(self).seen.append((urlsplit(self.path).path, query.get("email", [""])[0]))
        status, body, delay, *kind = self.script.pop(0) if self.script else (200, ACCOUNT, 0)
        time.sleep(delay)
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind[0] if kind else "application/json")
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: that is the point of a slow answer

    def log_message(self, *_):
        pass


@contextmanager
def account_service(script: list) -> Iterator[str]:
    handler = type("Scripted", (AccountService,), {"script": list(script), "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", handler
    finally:
        server.shutdown()
        server.server_close()


def directory(url: str, **options) -> HttpDirectory:
    return HttpDirectory(url, timeout=options.pop("timeout", 1.0), backoff=0.01, **options)


def test_an_account_is_read_and_validated():
    with account_service([(200, ACCOUNT, 0)]) as (url, handler):
        found = directory(url).lookup("newcustomer@retail.example")
    assert (found.sub, found.language, found.billing, found.credit_balance) == (
        "acc-42",
        "vi",
        "prepaid",
        0,
    )
    assert handler.seen == [("/v1/accounts", "newcustomer@retail.example")]


def test_no_account_is_none_not_an_error():
    with account_service([(404, {"error": "not found"}, 0)]) as (url, _):
        assert directory(url).lookup("nobody@nowhere.example") is None


def test_server_errors_are_retried_then_answered():
    with account_service([(503, b"busy", 0), (500, b"oops", 0), (200, ACCOUNT, 0)]) as (
        url,
        handler,
    ):
        assert directory(url, attempts=3).lookup(ACCOUNT["email"]).sub == "acc-42"
    assert len(handler.seen) == 3


def test_a_service_that_keeps_failing_is_cannot_check_now():
    with (
        account_service([(502, b"", 0)] * 3) as (url, handler),
        pytest.raises(DirectoryUnavailable),
    ):
        directory(url, attempts=3).lookup(ACCOUNT["email"])
    assert len(handler.seen) == 3


def test_a_slow_service_times_out_and_is_cannot_check_now():
    with (
        account_service([(200, ACCOUNT, 2.0)] * 2) as (url, _),
        pytest.raises(DirectoryUnavailable),
    ):
        directory(url, timeout=0.3, attempts=2).lookup(ACCOUNT["email"])


def test_a_service_that_is_down_is_cannot_check_now():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(DirectoryUnavailable) as refused:
        directory(f"http://127.0.0.1:{port}", attempts=2).lookup(ACCOUNT["email"])
    assert refused.value.key == "customers.directory_down"


@pytest.mark.parametrize(
    "answer",
    [
        b"not json",
        [ACCOUNT],
        {**ACCOUNT, "credit_balance": "0"},
        {**ACCOUNT, "credit_balance": -5},
        {**ACCOUNT, "uses_services": "no"},
        {**ACCOUNT, "email": "not an email"},
        {**ACCOUNT, "sub": ""},
        {**ACCOUNT, "partner_customer_of": 42},
    ],
)
def test_an_answer_with_an_unusable_fact_is_refused_whole(answer):
    with account_service([(200, answer, 0)]) as (url, _), pytest.raises(DirectoryUnavailable):
        directory(url, attempts=1).lookup(ACCOUNT["email"])


def test_a_request_the_service_refuses_is_not_retried():
    with account_service([(400, b"bad", 0)]) as (url, handler), pytest.raises(DirectoryUnavailable):
        directory(url, attempts=3).lookup(ACCOUNT["email"])
    assert len(handler.seen) == 1


def test_the_demo_directory_knows_every_demo_account_case_insensitively():
    demo = DemoDirectory()
    found = demo.lookup("  CreditCustomer@Store.example ")
    assert found.credit_balance > 0
    assert demo.lookup("postpaid@factory.example").billing == "postpaid"
    assert demo.lookup("nobody@nowhere.example") is None


def test_the_configured_url_chooses_the_http_directory():
    assert isinstance(directory_for(get_settings()), DemoDirectory)
    configured = directory_for(
        type(get_settings())(**{**get_settings().__dict__, "account_directory_url": "https://a.b"})
    )
    assert isinstance(configured, HttpDirectory)


@pytest.mark.parametrize(
    "answer",
    [
        (200, b"<html>sign in</html>", 0, "text/html"),
        (200, json.dumps(ACCOUNT).encode(), 0, "text/plain"),
        (
            200,
            json.dumps(ACCOUNT).replace('"credit_balance": 0', '"credit_balance": NaN').encode(),
            0,
        ),
        (200, {**ACCOUNT, "credit_balance": 10**20}, 0),
        (200, {**ACCOUNT, "credit_balance": 1.5}, 0),
        (200, [ACCOUNT], 0),
    ],
)
def test_an_odd_answer_is_refused_as_cannot_check_now(answer):
    with account_service([answer]) as (url, _), pytest.raises(DirectoryUnavailable):
        directory(url, attempts=1).lookup(ACCOUNT["email"])
