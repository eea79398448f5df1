import gzip
import io
import tarfile
import zipfile
from pathlib import Path

from stenogram.sources.walk import Failure, RawDocument, iter_raw


def _names(items: list[RawDocument | Failure]) -> list[str]:
    return [i.name if isinstance(i, RawDocument) else f"FAIL {i.reason}" for i in items]


def test_directories_are_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two")
    (tmp_path / "1.txt").write_text("one")
    (tmp_path / ".hidden").write_text("no")
    items = list(iter_raw([tmp_path]))
    assert [Path(i.path).name for i in items if isinstance(i, RawDocument)] == ["1.txt", "2.txt"]


def test_archives_are_streamed_member_by_member(tmp_path: Path) -> None:
    zpath = tmp_path / "a.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("x/one.txt", "one")
        zf.writestr("x/", "")
    tpath = tmp_path / "a.tar.gz"
    with tarfile.open(tpath, "w:gz") as tf:
        data = b"two"
        info = tarfile.TarInfo("two.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    gpath = tmp_path / "three.txt.gz"
    gpath.write_bytes(gzip.compress(b"three"))
    items = list(iter_raw([zpath, tpath, gpath]))
    assert [(i.member, i.data) for i in items if isinstance(i, RawDocument)] == [
        ("x/one.txt", b"one"),
        ("two.txt", b"two"),
        (None, b"three"),
    ]
    assert items[0].name == f"{zpath}!x/one.txt"


def test_problems_are_values_and_the_walk_goes_on(tmp_path: Path) -> None:
    bad_zip = tmp_path / "broken.zip"
    bad_zip.write_bytes(b"PK\x03\x04 not really a zip")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 100)
    good = tmp_path / "good.txt"
    good.write_text("fine")
    items = list(iter_raw([tmp_path / "missing.txt", bad_zip, big, good], max_bytes=50))
    assert isinstance(items[0], Failure) and items[0].reason == "no such file or directory"
    assert isinstance(items[1], Failure) and items[1].reason.startswith("cannot read")
    assert isinstance(items[2], Failure) and items[2].reason == "file too large (100 bytes; limit 50)"
    assert isinstance(items[3], RawDocument) and items[3].data == b"fine"


def _warc_record(uri: str, body: bytes, *, lie: int = 0) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + lie}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def test_a_warc_record_whose_length_lies_is_reported_and_the_others_are_read(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("warcio")
    for lie in (5000, -7):  # claims more than it has (swallowing the next records), or less
        pages = [_warc_record(f"http://example.org/{i}", b"<p>page %d</p>" % i) for i in range(6)]
        pages[2] = _warc_record("http://example.org/2", b"<p>page 2</p>", lie=lie)
        warc = tmp_path / f"lie{lie}.warc"
        warc.write_bytes(b"".join(pages))
        items = list(iter_raw([warc]))
        read = [i.member for i in items if isinstance(i, RawDocument)]
        assert read == [f"http://example.org/{i}" for i in (0, 1, 3, 4, 5)], lie
        failures = [i for i in items if isinstance(i, Failure)]
        assert len(failures) == 1 and "damaged" in failures[0].reason and "byte" in failures[0].reason
        assert next(i.data for i in items if isinstance(i, RawDocument)) == b"<p>page 0</p>"


def test_a_warc_record_past_the_bound_is_reported_unread(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("warcio")
    warc = tmp_path / "big.warc"
    warc.write_bytes(_warc_record("http://e.org/big", b"x" * 5000) + _warc_record("http://e.org/small", b"ok"))
    items = list(iter_raw([warc], max_bytes=1000))
    assert [i.member for i in items if isinstance(i, RawDocument)] == ["http://e.org/small"]
    assert ["too large" in i.reason for i in items if isinstance(i, Failure)] == [True]


def test_special_files_are_refused_and_counted_never_read(tmp_path: Path) -> None:
    import os

    (tmp_path / "good.txt").write_text("text")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block for ever
    items = list(iter_raw([tmp_path, "/dev/zero"]))  # /dev/zero would never end
    assert _names(items) == [
        str(tmp_path / "good.txt"),
        "FAIL not a regular file (a FIFO); refused",
        "FAIL not a regular file (a character device); refused",
    ]


def test_symlinked_folders_are_followed_once_and_loops_reported(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("a")
    top = tmp_path / "top"
    top.mkdir()
    (top / "linked").symlink_to(real, target_is_directory=True)
    (real / "loop").symlink_to(top, target_is_directory=True)  # top/linked/loop -> top
    items = list(iter_raw([top]))
    assert [i.data for i in items if isinstance(i, RawDocument)] == [b"a"]
    assert [i.path for i in items if isinstance(i, Failure)] == [str(top / "linked" / "loop")]


def test_link_and_device_members_of_a_tar_are_counted(tmp_path: Path) -> None:
    tpath = tmp_path / "a.tar"
    with tarfile.open(tpath, "w") as tf:
        info = tarfile.TarInfo("one.txt")
        info.size = 3
        tf.addfile(info, io.BytesIO(b"one"))
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
        dev = tarfile.TarInfo("dev")
        dev.type = tarfile.CHRTYPE
        tf.addfile(dev)
    items = list(iter_raw([tpath]))
    assert _names(items) == [
        f"{tpath}!one.txt",
        "FAIL member is a link; not read",
        "FAIL member is a special file; not read",
    ]


def test_files_that_are_never_transcripts_are_passed_over_and_counted(tmp_path: Path) -> None:
    from stenogram.sources.walk import Skipped

    (tmp_path / "page.html").write_text("<html></html>")
    (tmp_path / "README.md").write_text("about")
    (tmp_path / "data.json").write_text("{}")
    items = list(iter_raw([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "RawDocument"]
    assert all("not a transcript" in i.reason for i in items if isinstance(i, Skipped))
    named = list(iter_raw([tmp_path / "README.md"]))  # named on the command line: read
    assert [type(i).__name__ for i in named] == ["RawDocument"]


def test_a_gzipped_warc_record_past_the_bound_is_reported_and_the_next_read(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("warcio")
    path = tmp_path / "a.warc.gz"  # one gzip member per record, as fetch writes
    records = (_warc_record("http://e.org/big", b"x" * 5000), _warc_record("http://e.org/small", b"ok"))
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    items = list(iter_raw([path], max_bytes=1000))
    assert [(i.member, i.data) for i in items if isinstance(i, RawDocument)] == [("http://e.org/small", b"ok")]
    assert ["too large" in i.reason for i in items if isinstance(i, Failure)] == [True]
