"""A real HTTP server on 127.0.0.1 that answers every request with what a test tells it:
a service that answers oddly, for the boundary that must not trust it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    content_type: str = "application/json"
    body: bytes = b"[]"
    requests: list[tuple[str, str, dict]] = field(default_factory=list)


@contextmanager
def answering(answer: Answer) -> Iterator[str]:
    """Serve ``answer`` (changeable while it runs) at the URL this yields."""

    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            answer.requests.append((self.command, self.path, dict(self.headers)))
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_POST = _reply

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
