"""A webhook receiver on 127.0.0.1 (a thread): it answers 204 and keeps each POST's body and
headers, so a test can verify what the stub really delivered. The in-memory stub on loopback
allows loopback targets (stub README, "Webhook targets")."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


class Delivery:
    def __init__(self, body: bytes, headers: dict[str, str]) -> None:
        self.body = body
        self.headers = headers


class Receiver:
    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        received = self.deliveries

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                received.append(
                    Delivery(self.rfile.read(length), {k.lower(): v for k, v in self.headers.items()})
                )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, match: Callable[[Delivery], bool], timeout: float = 5.0) -> Delivery:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for d in list(self.deliveries):
                if match(d):
                    return d
            time.sleep(0.02)
        raise AssertionError(f"no matching delivery within {timeout} s ({len(self.deliveries)} received)")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
