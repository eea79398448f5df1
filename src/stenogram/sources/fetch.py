"""Fetch a site into a local web archive: politely, resumably, in WARC.

The site says how it is crawled (``sites.Crawl``): for each day, its day listing gives the
event pages of that day; pages the archive does not hold yet are downloaded and written
as WARC request/response records (``warcio``) into files of bounded size. An index
(SQLite, ``index.sqlite`` in the archive folder) answers "is this URL archived, when, with
which status" without scanning WARC files. Politeness: robots.txt (``protego``), one
request per second by default, at most two connections, an honest User-Agent, retries
with exponential backoff and jitter on timeouts, connection errors, 429 and 5xx
(honouring ``Retry-After``), conditional requests for listings. A 404 is recorded, not
retried. Interrupting is safe: a partly written record at the end of a WARC file is cut
off on the next run, and the index only names records that were completely written.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import io
import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from .._version import __version__
from ..errors import SourceError
from ..sites.base import Crawl

log = logging.getLogger(__name__)

USER_AGENT = f"stenogram/{__version__} (research archive; +https://github.com/stenogram/stenogram)"
MAX_WARC_BYTES = 100 * 1024 * 1024
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(slots=True)
class FetchReport:
    days: int = 0
    listed: int = 0
    fetched: int = 0
    already: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # url -> reason
    seconds: float = 0.0
    new_files: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "days": self.days,
            "listed": self.listed,
            "fetched": self.fetched,
            "already": self.already,
            "failed": self.failed,
            "seconds": round(self.seconds, 2),
        }


class ArchiveIndex:
    """Where each fetched URL is: WARC file, offset, status, time; and listing validators."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(folder / "index.sqlite", isolation_level=None)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS records (url TEXT PRIMARY KEY, status INTEGER NOT NULL, fetched_at TEXT "
            "NOT NULL, warc TEXT, offset INTEGER, length INTEGER, etag TEXT, last_modified TEXT, kind TEXT NOT NULL)"
        )

    def get(self, url: str) -> tuple[int, str | None, str | None] | None:
        row = self.db.execute("SELECT status, etag, last_modified FROM records WHERE url = ?", (url,)).fetchone()
        return (int(row[0]), row[1], row[2]) if row else None

    def put(
        self,
        url: str,
        status: int,
        kind: str,
        warc: str | None = None,
        offset: int | None = None,
        length: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO records (url, status, fetched_at, warc, offset, length, etag, last_modified, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                url,
                status,
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                warc,
                offset,
                length,
                etag,
                last_modified,
                kind,
            ),
        )

    def newest_listing_date(self, listing_day: Callable[[str], dt.date | None]) -> dt.date | None:
        """The newest day whose listing was archived (``listing_day`` reads a listing URL's day)."""
        newest = None
        for (url,) in self.db.execute("SELECT url FROM records WHERE kind = 'listing' AND status = 200"):
            day = listing_day(url)
            if day:
                newest = max(newest, day) if newest else day
        return newest

    def close(self) -> None:
        self.db.close()


class WarcFiles:
    """Append-only WARC files of bounded size; a torn record at the end is cut off."""

    def __init__(self, folder: Path, max_bytes: int = MAX_WARC_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.current = self._last_file() or self._new_name()
        if self.current.exists():
            repair_warc(self.current)

    def _last_file(self) -> Path | None:
        files = sorted(self.folder.glob("stenogram-*.warc.gz"))
        return files[-1] if files else None

    def _new_name(self) -> Path:
        n = len(list(self.folder.glob("stenogram-*.warc.gz")))
        return self.folder / f"stenogram-{n:05d}.warc.gz"

    def write(self, url: str, request_headers: dict[str, str], response: httpx.Response) -> tuple[str, int, int]:
        """Write a request and a response record; returns (file name, offset, length)."""
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        if self.current.exists() and self.current.stat().st_size >= self.max_bytes:
            self.current = self._new_name()
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        req_headers = StatusAndHeaders(
            f"GET {urlsplit(url).path or '/'} HTTP/1.1", list(request_headers.items()), is_http_request=True
        )
        request = writer.create_warc_record(url, "request", http_headers=req_headers)
        headers = [
            (k, v) for k, v in response.headers.items() if k.lower() not in ("content-encoding", "transfer-encoding")
        ]
        status = f"{response.status_code} {response.reason_phrase}"
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(response.content),
            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
        )
        for rec in (request, record):
            writer.write_record(rec)
            rec.raw_stream.close()  # warcio buffers payloads in temporary files
        data = buffer.getvalue()
        with self.current.open("ab") as fh:
            offset = fh.tell()
            fh.write(data)
            fh.flush()
        return self.current.name, offset, len(data)


def repair_warc(path: Path) -> int:
    """Cut a WARC file back to its last complete record (after an interruption); returns
    the bytes removed."""
    from warcio.archiveiterator import ArchiveIterator

    size = path.stat().st_size
    good = 0
    try:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                record.content_stream().read()
                good = it.get_record_offset() + it.get_record_length()
    except Exception as exc:
        log.warning("%s: torn record after byte %d (%s); cutting it off", path, good, exc)
    else:
        good = max(good, _gzip_members_end(path, good))
    if good < size:
        with path.open("r+b") as fh:
            fh.truncate(good)
    return size - good


def _gzip_members_end(path: Path, good: int) -> int:
    """Offset after the last complete gzip member at or after ``good`` (whole file if valid)."""
    data = path.read_bytes()[good:]
    try:
        gzip.decompress(data)
        return good + len(data)
    except (OSError, EOFError):
        return good


def iter_warc(path: Path) -> Iterator[tuple[str, bytes]]:
    """``(target URI, payload)`` of every 200 response record in a WARC file."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or not record.http_headers:
                    continue
                if record.http_headers.get_statuscode() != "200":
                    continue
                yield record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read()
    except Exception as exc:
        raise SourceError(f"damaged WARC file ({exc})", path=str(path)) from exc


class Fetcher:
    """Polite fetching of day listings and event pages into the archive."""

    def __init__(
        self,
        archive: Path,
        crawl: Crawl,
        *,
        base_url: str | None = None,
        rate: float | None = None,
        transport: httpx.BaseTransport | None = None,
        retries: int = 4,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.archive = archive
        self.crawl = crawl
        self.base = (base_url or crawl.base_url).rstrip("/")
        rate = crawl.rate if rate is None else rate
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(20.0, connect=10.0),
            transport=transport,
            limits=httpx.Limits(max_connections=crawl.connections, max_keepalive_connections=crawl.connections),
            follow_redirects=True,
        )
        self.index = ArchiveIndex(archive)
        self.warcs = WarcFiles(archive)
        self._last_request = 0.0
        self._reindex_tail()
        self._robots = self._load_robots()

    def _reindex_tail(self) -> None:
        """Index the complete records of the last WARC file that an interruption left
        unindexed (written, not yet recorded), so that no page is fetched twice."""
        from warcio.archiveiterator import ArchiveIterator

        path = self.warcs.current
        if not path.exists():
            return
        with path.open("rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type != "response" or not record.http_headers:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                if self.index.get(uri) is None:
                    status = int(record.http_headers.get_statuscode() or 0)
                    kind = "listing" if self.crawl.listing_day(uri) else "page"
                    self.index.put(
                        uri,
                        status,
                        kind,
                        path.name,
                        it.get_record_offset(),
                        it.get_record_length(),
                        record.http_headers.get_header("etag"),
                        record.http_headers.get_header("last-modified"),
                    )

    def close(self) -> None:
        self.client.close()
        self.index.close()

    def _load_robots(self) -> object | None:
        from protego import Protego

        try:
            r = self._get(self.base + "/robots.txt", polite=False)
        except SourceError:
            return None
        return Protego.parse(r.text) if r.status_code == 200 else None

    def allowed(self, url: str) -> bool:
        return self._robots is None or bool(self._robots.can_fetch(url, USER_AGENT))  # type: ignore[attr-defined]

    def _wait_turn(self) -> None:
        wait = self._last_request + self.interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last_request = time.monotonic()

    def _get(self, url: str, *, headers: dict[str, str] | None = None, polite: bool = True) -> httpx.Response:
        """GET with retries and exponential backoff with jitter; 404 is an answer."""
        delay = self.backoff
        last = ""
        for attempt in range(self.retries + 1):
            if polite:
                self._wait_turn()
            try:
                r = self.client.get(url, headers=headers or {})
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                if r.status_code not in RETRY_STATUS:
                    return r
                last = f"HTTP {r.status_code}"
                after = _retry_after(r.headers.get("retry-after"))
                if after is not None:
                    delay = max(delay, after)
            if attempt < self.retries:
                self.sleep(delay + random.uniform(0, delay / 2))
                delay *= 2
        raise SourceError(f"gave up after {self.retries + 1} attempts ({last})", path=url)

    def fetch(
        self,
        first: dt.date,
        last: dt.date,
        *,
        max_pages: int | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> FetchReport:
        """Read the day listings, then fetch the pages they link that are not archived.
        ``progress(stage, done, total)`` is called as each listing and page is done."""
        report = FetchReport()
        started = time.perf_counter()
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        urls: list[str] = []
        for i, day in enumerate(days, start=1):
            report.days += 1
            for event_id in self._listing(day, report):
                report.listed += 1
                url = self.base + self.crawl.event_path(event_id)
                if url not in urls:
                    urls.append(url)
            if progress:
                progress("listings", i, len(days))
        for i, url in enumerate(urls, start=1):
            if max_pages is not None and report.fetched >= max_pages:
                break
            self._page(url, report)
            if progress:
                progress("pages", i, len(urls))
        report.seconds = time.perf_counter() - started
        return report

    def _listing(self, day: dt.date, report: FetchReport) -> list[str]:
        url = self.base + self.crawl.listing_path(day)
        if not self.allowed(url):
            report.failed[url] = "disallowed by robots.txt"
            return []
        known = self.index.get(url)
        headers = {}
        if known and known[1]:
            headers["If-None-Match"] = known[1]
        if known and known[2]:
            headers["If-Modified-Since"] = known[2]
        try:
            r = self._get(url, headers=headers)
        except SourceError as exc:
            report.failed[url] = exc.reason
            return []
        if r.status_code == 304:
            return self._listed_before(url)
        if r.status_code != 200:
            self.index.put(url, r.status_code, "listing")
            if r.status_code != 404:
                report.failed[url] = f"HTTP {r.status_code}"
            return []
        name, offset, length = self.warcs.write(url, {"User-Agent": USER_AGENT, **headers}, r)
        self.index.put(url, 200, "listing", name, offset, length, r.headers.get("etag"), r.headers.get("last-modified"))
        return self.crawl.event_ids(r.text, url)

    def _listed_before(self, url: str) -> list[str]:
        """Event ids of a listing already archived (its server said 304 Not Modified)."""
        row = self.index.db.execute("SELECT warc, offset FROM records WHERE url = ?", (url,)).fetchone()
        if not row or not row[0]:
            return []
        from warcio.archiveiterator import ArchiveIterator

        with (self.archive / row[0]).open("rb") as fh:
            fh.seek(row[1])
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    return self.crawl.event_ids(record.content_stream().read().decode("utf-8", "replace"), url)
        return []

    def _page(self, url: str, report: FetchReport) -> None:
        known = self.index.get(url)
        if known and known[0] in (200, 404):
            report.already += 1
            return
        if not self.allowed(url):
            report.failed[url] = "disallowed by robots.txt"
            return
        try:
            r = self._get(url)
        except SourceError as exc:
            report.failed[url] = exc.reason
            return
        if r.status_code == 200:
            name, offset, length = self.warcs.write(url, {"User-Agent": USER_AGENT}, r)
            self.index.put(url, 200, "page", name, offset, length)
            report.fetched += 1
            if self.archive / name not in report.new_files:
                report.new_files.append(self.archive / name)
        else:
            self.index.put(url, r.status_code, "page")  # a 404 is recorded, not retried
            report.failed[url] = f"HTTP {r.status_code}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - dt.datetime.now(when.tzinfo)).total_seconds())
