"""The reliability cases of issue 14, run end to end as a user would, with what happened.

    .venv/bin/python benchmarks/reliability_cases.py

Each case runs the command line (a subprocess, as typed) or the server (in-process
uvicorn) on small inputs made here, and prints one row: the case, the exit code or HTTP
status, and what came out (pages ingested, lines of error, seconds). Needs no ../shared.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "kremlin"
CLI = [sys.executable, "-m", "stenogram"]


def run(*args: str, timeout: float = 120) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    try:
        done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -1, "", "timed out", time.perf_counter() - start
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - start


def errors(stderr: str) -> int:
    return sum(line.startswith("error:") for line in stderr.splitlines())


def traceback(stderr: str) -> str:
    return " TRACEBACK" if "Traceback" in stderr else ""


def warc_record(uri: str, body: bytes, lie: int = 0) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http) + lie}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def main() -> int:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "c.db"
        run("ingest", str(EXAMPLES), "--db", str(db))
        cases: list[tuple[str, Callable[[], str]]] = [
            ("quotes batch with 4 bad lines, 2 good", lambda: quotes_batch(tmp, db)),
            ("300 nested parentheses in a query", lambda: nested_query(db)),
            ("NEAR of 40 'the', distance 100", lambda: near_query(db)),
            ("1 MB quotation", lambda: huge_quote(tmp, db)),
            ("WARC, 5 good pages + 1 lying Content-Length", lambda: lying_warc(tmp)),
            ("FIFO in an input folder", lambda: fifo_folder(tmp)),
            ("symlinked subfolder of inputs (and a loop)", lambda: symlinked(tmp)),
            ("parse /dev/zero", lambda: dev_zero()),
            ("export onto an existing file", lambda: export_onto_file(tmp, db)),
            ("corpus file without write permission: search", lambda: read_only(tmp, db)),
            ("corpus of a newer schema", lambda: newer_schema(tmp, db)),
            ("ESC sequences in a transcript, show", lambda: escapes(tmp)),
            ("chunked 2.4 MB body to the API", lambda: chunked_body(db)),
            ("stats while a slow search runs (server)", lambda: stall(db)),
        ]
        for name, case in cases:
            try:
                rows.append((name, case()))
            except Exception as exc:  # a broken case is a row too
                rows.append((name, f"CASE FAILED: {exc!r}"))
    width = max(len(n) for n, _ in rows)
    for name, outcome in rows:
        print(f"{name:<{width}}  {outcome}")
    return 0


def quotes_batch(tmp: Path, db: Path) -> str:
    good = "Our countries share a long river border, and for most of the year the river is our best road."
    lines = [
        json.dumps({"id": "1", "quote": good}),
        json.dumps({"id": "2", "quote": good, "claimed_speaker": 123}),
        json.dumps({"id": "3", "quote": good, "article_date": 20200101}),
        "not json",
        json.dumps({"id": "5", "quote": "x " * 600_000}),
        json.dumps({"id": "6", "quote": good}),
    ]
    path = tmp / "q.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    rc, out, err, s = run("check", "--quotes", str(path), "--db", str(db), "--lexical", "--json")
    checked = sum(json.loads(line)["kind"] == "check" for line in out.splitlines())
    return f"exit {rc}; {checked} checked, {errors(err)} error lines{traceback(err)}; {s:.1f} s"


def nested_query(db: Path) -> str:
    rc, _, err, s = run("search", "(" * 300 + "river" + ")" * 300, "--db", str(db))
    return f"exit {rc}; {errors(err)} error line{traceback(err)}; {s:.1f} s"


def near_query(db: Path) -> str:
    rc, _, err, s = run("search", "NEAR(" + " ".join(["the"] * 40) + ", 100)", "--db", str(db))
    return f"exit {rc}{traceback(err)}; {s:.1f} s"


def huge_quote(tmp: Path, db: Path) -> str:
    path = tmp / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "quote": "word " * 200_000}), encoding="utf-8")
    rc, _, err, s = run("check", "--quotes", str(path), "--db", str(db), "--lexical")
    return f"exit {rc}; {errors(err)} error line{traceback(err)}; {s:.1f} s"


def lying_warc(tmp: Path) -> str:
    page = (EXAMPLES / "html" / "90001.html").read_bytes()
    records = [warc_record(f"http://en.kremlin.ru/events/president/news/{i}", page) for i in range(6)]
    records[2] = warc_record("http://en.kremlin.ru/events/president/news/2", page, lie=4000)
    (tmp / "w").mkdir()
    (tmp / "w" / "a.warc").write_bytes(b"".join(records))
    rc, _, err, _ = run("ingest", str(tmp / "w"), "--db", str(tmp / "w.db"))
    docs = sqlite3.connect(tmp / "w.db").execute("SELECT count(*) FROM documents").fetchone()[0]
    return f"exit {rc}; {docs} of 5 good pages stored, {errors(err)} error line{traceback(err)}"


def fifo_folder(tmp: Path) -> str:
    folder = tmp / "fifo"
    shutil.copytree(EXAMPLES / "html", folder)
    os.mkfifo(folder / "pipe.html")
    rc, _, err, s = run("ingest", str(folder), "--db", str(tmp / "f.db"), timeout=30)
    return f"exit {rc}; {errors(err)} error line{traceback(err)}; {s:.1f} s" + (" (HUNG)" if rc == -1 else "")


def symlinked(tmp: Path) -> str:
    top = tmp / "links"
    top.mkdir()
    (top / "pages").symlink_to(EXAMPLES / "html", target_is_directory=True)
    (top / "again").symlink_to(EXAMPLES / "html", target_is_directory=True)
    rc, _, err, _ = run("ingest", str(top), "--db", str(tmp / "l.db"))
    docs = sqlite3.connect(tmp / "l.db").execute("SELECT count(*) FROM documents").fetchone()[0]
    return f"exit {rc}; {docs} pages stored (2 in the folder), {errors(err)} error line (the second link)"


def dev_zero() -> str:
    rc, _, err, s = run("parse", "/dev/zero", timeout=30)
    return f"exit {rc}; {errors(err)} error line{traceback(err)}; {s:.1f} s"


def export_onto_file(tmp: Path, db: Path) -> str:
    target = tmp / "existing.txt"
    target.write_text("keep", encoding="utf-8")
    rc, _, err, _ = run("export", "jsonl", "--db", str(db), "--out", str(target))
    kept = target.read_text(encoding="utf-8") == "keep"
    return f"exit {rc}; {errors(err)} error line{traceback(err)}; file kept: {kept}"


def read_only(tmp: Path, db: Path) -> str:
    folder = tmp / "ro"
    folder.mkdir()
    shutil.copy(db, folder / "c.db")
    (folder / "c.db").chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.geteuid() == 0:
            return "not measurable as root (root may write anyway); see tests/store/test_store_robustness.py"
        rc, out, err, _ = run("search", "river", "--db", str(folder / "c.db"))
        return f"exit {rc}; {'hits' if 'river' in out.lower() else 'no hits'}{traceback(err)}"
    finally:
        folder.chmod(0o755)


def newer_schema(tmp: Path, db: Path) -> str:
    copy = tmp / "newer.db"
    shutil.copy(db, copy)
    con = sqlite3.connect(copy)
    con.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'now')")
    con.commit()
    con.close()
    rc, _, err, _ = run("stats", "--db", str(copy))
    return f"exit {rc}; {errors(err)} error line{traceback(err)}"


def escapes(tmp: Path) -> str:
    text = (EXAMPLES / "text" / "sample_dump.txt").read_text(encoding="utf-8")
    poisoned = text.replace("river", "river \x1b[2J\x1b]0;owned\x07", 1)
    (tmp / "esc").mkdir()
    (tmp / "esc" / "d.txt").write_text(poisoned, encoding="utf-8")
    run("ingest", str(tmp / "esc"), "--db", str(tmp / "e.db"))
    rc, out, _, _ = run("show", "1", "--db", str(tmp / "e.db"))
    return f"exit {rc}; ESC on the terminal: {'yes' if chr(27) in out else 'no'}"


def _server(db: Path) -> tuple[str, Callable[[], None]]:
    import uvicorn

    from stenogram.http.app import ServerSettings, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(ServerSettings(db=str(db), semantic=False))
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="error", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)

    return f"http://127.0.0.1:{port}", stop


def chunked_body(db: Path) -> str:
    import httpx

    base, stop = _server(db)
    try:

        def chunks() -> Iterator[bytes]:
            yield b'{"quote": "'
            for _ in range(40):
                yield b"a" * 65536
            yield b'"}'

        r = httpx.post(base + "/api/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
        return f"HTTP {r.status_code} ({r.json()['error']['message']})"
    finally:
        stop()


def stall(db: Path) -> str:
    import httpx

    import stenogram

    real = stenogram.Corpus.search

    def slow(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(3)  # a search that takes 3 s
        return real(self, *args, **kwargs)

    stenogram.Corpus.search = slow  # type: ignore[method-assign]
    base, stop = _server(db)
    try:
        t = time.perf_counter()
        httpx.get(base + "/api/v1/stats")
        alone = time.perf_counter() - t
        searching = threading.Thread(target=lambda: httpx.get(base + "/api/v1/search?q=river", timeout=30))
        searching.start()
        time.sleep(0.3)
        t = time.perf_counter()
        httpx.get(base + "/api/v1/stats", timeout=30)
        during = time.perf_counter() - t
        searching.join()
        return f"stats alone {alone * 1000:.0f} ms, during the 3 s search {during * 1000:.0f} ms"
    finally:
        stenogram.Corpus.search = real  # type: ignore[method-assign]
        stop()


if __name__ == "__main__":
    sys.exit(main())
