"""Reading WARC files record by record, without trusting a record's own length.

A plain ``.warc`` is split here: each record's headers are read, its Content-Length is
checked against the file (the block must end with the blank lines that close a record,
followed by the next record or the end of the file), and only then is the record handed
to warcio for its HTTP payload. A record whose length lies is reported with its byte
offset and reading resumes at the next record, so one damaged record never costs the
pages after it; a record larger than the bound is reported and skipped unread.

A ``.warc.gz`` (one gzip member per record, as ``stenogram fetch`` writes) is read by
warcio, with the same bound per record.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import SourceError
from .walk import Failure, RawDocument

# A record's headers are a few hundred bytes; more without a blank line is not a header.
MAX_HEADER_BYTES = 64 * 1024
# Bytes scanned at a time when looking for the next record after a damaged one.
SCAN_CHUNK = 1024 * 1024
_NEXT_RECORD = re.compile(rb"\r\n\r\nWARC/1\.[01]\r\n")
_RECORD_END = b"\r\n\r\n"


def iter_warc_documents(path: Path, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """The 200 responses of a WARC file as documents (member: the target URI), and a
    Failure for each record that is damaged or too large."""
    if path.name.lower().endswith(".gz"):
        yield from _iter_gzipped(path, max_bytes)
        return
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        pos = 0
        while pos < size:
            step = _read_record(fh, path, pos, size, max_bytes)
            yield from step.out
            pos = step.next_pos


class _Step:
    __slots__ = ("next_pos", "out")

    def __init__(self, next_pos: int, out: list[RawDocument | Failure] | None = None) -> None:
        self.next_pos = next_pos
        self.out = out or []


def _read_record(fh: BinaryIO, path: Path, pos: int, size: int, max_bytes: int) -> _Step:
    fh.seek(pos)
    head = fh.read(MAX_HEADER_BYTES)
    lead = len(head) - len(head.lstrip(b"\r\n"))
    if not head[lead:].strip():
        return _Step(size)  # blank lines at the end of the file
    where = f"record at byte {pos + lead:,}"
    header_end = head.find(_RECORD_END, lead)
    if not head[lead:].startswith(b"WARC/") or header_end < 0:
        return _resync(fh, path, pos + lead + 1, size, f"{where}: not a WARC record header")
    headers = _headers(head[lead:header_end])
    length_text = headers.get("content-length", "")
    if not length_text.isdigit():
        return _resync(fh, path, pos + lead + 1, size, f"{where}: no Content-Length")
    block_start = pos + header_end + len(_RECORD_END)
    block_end = block_start + int(length_text)
    fh.seek(block_end)
    tail = fh.read(len(_RECORD_END) + 5)
    closed = tail.startswith(_RECORD_END) and (block_end + len(_RECORD_END) >= size or tail[4:].startswith(b"WARC/"))
    if not closed:
        reason = f"{where}: damaged (its Content-Length, {int(length_text):,}, does not end at a record boundary)"
        return _resync(fh, path, block_start, size, reason)
    next_pos = block_end + len(_RECORD_END)
    if int(length_text) > max_bytes:
        return _Step(
            next_pos, [Failure(str(path), f"{where}: too large ({int(length_text):,} bytes; limit {max_bytes:,})")]
        )
    if headers.get("warc-type") != "response":
        return _Step(next_pos)
    fh.seek(pos + lead)
    record = fh.read(next_pos - pos - lead)
    return _Step(next_pos, list(_responses(record, path)))


def _headers(block: bytes) -> dict[str, str]:
    out = {}
    for line in block.decode("utf-8", "replace").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        out[name.strip().lower()] = value.strip()
    return out


def _resync(fh: BinaryIO, path: Path, start: int, size: int, reason: str) -> _Step:
    """Report the damaged stretch and find the next record start after ``start``."""
    at = start
    while at < size:
        fh.seek(at)
        chunk = fh.read(SCAN_CHUNK + 16)
        m = _NEXT_RECORD.search(chunk)
        if m:
            found = at + m.start() + len(_RECORD_END)
            return _Step(found, [Failure(str(path), f"{reason}; skipped up to byte {found:,}, the next record")])
        at += SCAN_CHUNK
    return _Step(size, [Failure(str(path), f"{reason}; no record after it")])


def _responses(record: bytes, path: Path) -> Iterator[RawDocument | Failure]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        for rec in ArchiveIterator(io.BytesIO(record)):
            if rec.rec_type == "response" and rec.http_headers and rec.http_headers.get_statuscode() == "200":
                uri = rec.rec_headers.get_header("WARC-Target-URI") or ""
                yield RawDocument(str(path), rec.content_stream().read(), member=uri)
    except Exception as exc:  # warcio raises many kinds on a malformed HTTP block
        yield Failure(str(path), f"record cannot be read ({exc})")


def _iter_gzipped(path: Path, max_bytes: int) -> Iterator[RawDocument | Failure]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or not record.http_headers:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if (record.length or 0) > max_bytes:
                    yield Failure(f"{path}!{uri}", f"record too large ({record.length:,} bytes; limit {max_bytes:,})")
                    continue
                if record.http_headers.get_statuscode() == "200":
                    yield RawDocument(str(path), record.content_stream().read(max_bytes + 1), member=uri)
    except Exception as exc:
        raise SourceError(f"damaged WARC file ({exc}); the records before it were read", path=str(path)) from exc
