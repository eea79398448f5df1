"""A local replay of the site (127.0.0.1 only) with injected faults, for fetch tests."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@contextmanager
def replay_server(corpus: Path, *, faults: float = 0.0, seed: int = 7) -> Iterator[str]:
    """Serve saved day listings at the live listing paths and saved pages at the live event
    paths (404 when absent). With ``faults`` > 0, that share of requests fails once:
    a 503, a 429 with Retry-After, a slow answer, a truncated body or a connection reset."""
    rng = random.Random(seed)
    failed_once: set[str] = set()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0].rstrip("/")
            with lock:
                fault = None
                if faults and path not in failed_once and rng.random() < faults:
                    failed_once.add(path)
                    fault = rng.choice(["503", "429", "slow", "truncated", "reset"])
            if fault == "reset":
                self.close_connection = True
                self.connection.close()
                return
            if fault in ("503", "429"):
                self.send_response(int(fault))
                if fault == "429":
                    self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if fault == "slow":
                time.sleep(0.3)
            if path.startswith("/events/president/news/by-date/"):
                target = corpus / "site" / "by-date" / (path.rsplit("/", 1)[-1] + ".html")
            elif path.startswith("/events/president/news/"):
                target = corpus / "html" / (path.rsplit("/", 1)[-1] + ".html")
            else:
                target = corpus / "missing"
            if not target.is_file():
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = target.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if fault == "truncated":
                self.wfile.write(body[: len(body) // 2])
                self.close_connection = True
                self.connection.close()
                return
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
