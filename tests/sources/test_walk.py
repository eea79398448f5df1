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
