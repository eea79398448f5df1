"""Walk inputs: files, directories (recursively, sorted) and archives (.zip, .tar,
.tar.gz/.tgz, .tar.bz2, .tar.xz, .gz), yielding one raw document at a time.

Archives are streamed member by member; a member is read into memory only when it is
yielded, and members larger than ``max_bytes`` are reported, not read.
"""

from __future__ import annotations

import gzip
import logging
import os
import stat
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
SKIP_NAMES = frozenset({"manifest.jsonl", ".DS_Store"})
# Inside a directory, files that are never transcripts are passed over (named explicitly,
# any file is read): documentation, data and page assets next to the pages.
SKIP_SUFFIXES = (
    ".md",
    ".rst",
    ".json",
    ".jsonl",
    ".csv",
    ".py",
    ".css",
    ".js",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".svg",
)


@dataclass(slots=True)
class RawDocument:
    """Bytes of one document and where they came from."""

    path: str
    data: bytes
    member: str | None = None

    @property
    def name(self) -> str:
        return f"{self.path}!{self.member}" if self.member else self.path


@dataclass(slots=True)
class Skipped:
    """A file inside a folder that is never a transcript (README.md, data, page assets),
    passed over on purpose and counted in the summary; named on the command line, any
    file is read."""

    path: str
    reason: str


@dataclass(slots=True)
class Failure:
    """A document that could not be read, with the reason (the batch goes on)."""

    path: str
    reason: str


def iter_raw(
    paths: list[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Failure | Skipped]:
    """Yield every document under ``paths``; what cannot be read comes out as ``Failure``
    (never skipped in silence). Symlinked folders are followed once each."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(_walk_dir(path), key=_sort_key):
                if isinstance(child, Failure | Skipped):
                    yield child
                else:
                    yield from _iter_file(child, max_bytes)
        elif path.exists():
            yield from _iter_file(path, max_bytes)
        else:
            yield Failure(str(path), "no such file or directory")


def _sort_key(item: Path | Failure | Skipped) -> str:
    return item.path if isinstance(item, Failure | Skipped) else str(item)


def _walk_dir(root: Path) -> Iterator[Path | Failure | Skipped]:
    """Files under ``root``, symlinked folders followed; a folder reached twice (a link
    loop, or two links to one folder) is read once and the repeat reported."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = os.stat(dirpath)
        if (here.st_dev, here.st_ino) in seen:
            dirnames[:] = []
            yield Failure(dirpath, "folder already read through another link (a symlink loop?); not read again")
            continue
        seen.add((here.st_dev, here.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue  # hidden files: editors' and systems' own, never inputs
            if name in SKIP_NAMES or name.lower().endswith(SKIP_SUFFIXES):
                yield Skipped(str(Path(dirpath) / name), "not a transcript (documentation, data or a page asset)")
            else:
                yield Path(dirpath) / name


def _iter_file(path: Path, max_bytes: int) -> Iterator[RawDocument | Failure]:
    name = path.name.lower()
    try:
        kind = _special_kind(path)
        if kind:
            yield Failure(str(path), f"not a regular file ({kind}); refused")
            return
        if name.endswith((".warc", ".warc.gz")):
            yield from _iter_warc(path, max_bytes)
        elif name.endswith(".zip"):
            yield from _iter_zip(path, max_bytes)
        elif name.endswith(TAR_SUFFIXES):
            yield from _iter_tar(path, max_bytes)
        elif name.endswith(".gz"):
            yield _read_gzip(path, max_bytes)
        else:
            yield _read_plain(path, max_bytes)
    except SourceError as exc:
        yield Failure(exc.path or str(path), exc.reason)
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as exc:
        yield Failure(str(path), f"cannot read: {_describe(exc)}")


def _special_kind(path: Path) -> str | None:
    """What a path is when it is not a regular file (a FIFO would block the read, a
    device such as /dev/zero never ends)."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return None
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


def _iter_warc(path: Path, max_bytes: int) -> Iterator[RawDocument | Failure]:
    from .warc import iter_warc_documents

    try:
        yield from iter_warc_documents(path, max_bytes)
    except SourceError as exc:
        yield Failure(str(path), exc.reason)


def _describe(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _read_plain(path: Path, max_bytes: int) -> RawDocument:
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(f"file too large ({size:,} bytes; limit {max_bytes:,})", path=str(path))
    return RawDocument(str(path), path.read_bytes())


def _read_gzip(path: Path, max_bytes: int) -> RawDocument:
    with gzip.open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(f"decompressed size exceeds {max_bytes:,} bytes", path=str(path))
    return RawDocument(str(path), data)


def _iter_zip(path: Path, max_bytes: int) -> Iterator[RawDocument | Failure]:
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or base.startswith(".") or base in SKIP_NAMES:
                continue
            if info.file_size > max_bytes:
                yield Failure(f"{path}!{info.filename}", f"member too large ({info.file_size:,} bytes)")
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(max_bytes + 1)
            except (OSError, zipfile.BadZipFile, EOFError, RuntimeError) as exc:
                yield Failure(f"{path}!{info.filename}", f"cannot read member: {_describe(exc)}")
                continue
            yield RawDocument(str(path), data, member=info.filename)


def _iter_tar(path: Path, max_bytes: int) -> Iterator[RawDocument | Failure]:
    # "r|*" streams: members are read in order, never seeking back.
    with tarfile.open(path, "r|*") as tf:
        for info in tf:
            base = info.name.rsplit("/", 1)[-1]
            if info.isdir() or base.startswith(".") or base in SKIP_NAMES:
                continue
            if not info.isfile():  # links, devices, FIFOs: never followed or read, but counted
                kind = "a link" if info.issym() or info.islnk() else "a special file"
                yield Failure(f"{path}!{info.name}", f"member is {kind}; not read")
                continue
            if info.size > max_bytes:
                yield Failure(f"{path}!{info.name}", f"member too large ({info.size:,} bytes)")
                continue
            fh = tf.extractfile(info)
            if fh is None:
                continue
            yield RawDocument(str(path), fh.read(), member=info.name)
