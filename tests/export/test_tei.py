"""TEI export: ParlaMint component files, the person list, taxonomies, the corpus root."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import stenogram
from stenogram.cli import app
from stenogram.export import export
from stenogram.export.tei import TEI_NS, affiliation_role, event_tei, ncname, pointer_problems
from stenogram.model import Event, Paragraph, Source, Turn
from stenogram.search.filters import Filters

from ..conftest import EXAMPLES, FIXTURES, SHARED

etree = pytest.importorskip("lxml.etree")
SCHEMAS = SHARED / "schemas" / "tei"
T = f"{{{TEI_NS}}}"


@pytest.fixture(scope="module")
def tei_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tei")
    with stenogram.Corpus(folder / "c.db") as corpus:
        corpus.ingest([EXAMPLES, FIXTURES])
        counts = export(corpus, "tei", folder / "out")
    assert counts["events"] > 0 and counts["persons"] > 0
    return folder / "out"


def _events(tei_dir: Path) -> list[Path]:
    files = sorted((tei_dir / "events").rglob("*.xml"))
    assert files
    return files


def _schema(name: str) -> object:
    if not (SCHEMAS / name).exists():
        pytest.skip("../shared/schemas/tei is absent")
    return etree.RelaxNG(file=str(SCHEMAS / name))


def test_every_event_file_is_a_valid_parlamint_component(tei_dir: Path) -> None:
    schema = _schema("ParlaMint-TEI.rng")
    for path in _events(tei_dir):
        doc = etree.parse(str(path))
        assert schema.validate(doc), f"{path.name}: {schema.error_log.last_error}"  # type: ignore[attr-defined]


def test_person_list_and_taxonomies_validate(tei_dir: Path) -> None:
    persons = _schema("ParlaMint-listPerson.rng")
    assert persons.validate(etree.parse(str(tei_dir / "stenogram-kremlin-listPerson.xml")))  # type: ignore[attr-defined]
    taxonomy = _schema("ParlaMint-taxonomy.rng")
    files = sorted(tei_dir.glob("*taxonomy*.xml"))
    assert len(files) == 4
    for path in files:
        assert taxonomy.validate(etree.parse(str(path))), f"{path.name}: {taxonomy.error_log.last_error}"  # type: ignore[attr-defined]


def test_event_files_validate_against_parla_clarin_with_jing(tei_dir: Path) -> None:
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed (Debian package jing)")
    schema = SCHEMAS / "parla-clarin.rng"
    if not schema.exists():
        pytest.skip("../shared/schemas/tei is absent")
    done = subprocess.run([jing, str(schema), *map(str, _events(tei_dir))], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[:2000]


def test_the_root_includes_everything_and_every_pointer_resolves(tei_dir: Path) -> None:
    root = tei_dir / "stenogram-kremlin.xml"
    assert pointer_problems(root) == []
    tree = etree.parse(str(root))
    tree.xinclude()
    assert len(tree.getroot().findall(f"{T}TEI")) == len(_events(tei_dir))
    assert tree.getroot().find(f".//{T}particDesc/{T}listPerson") is not None
    assert len(tree.getroot().findall(f".//{T}classDecl/{T}taxonomy")) == 4


def test_a_broken_pointer_or_include_is_reported(tei_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(tei_dir, copy)
    event = _events(copy)[0]
    event.write_text(re.sub(r'ana="#reference', 'ana="#nowhere', event.read_text(encoding="utf-8")), encoding="utf-8")
    assert any("ana=#nowhere" in p for p in pointer_problems(copy / "stenogram-kremlin.xml"))
    event.unlink()
    assert pointer_problems(copy / "stenogram-kremlin.xml")[0].startswith("XInclude")


def test_turns_become_utterances_with_every_word(tei_dir: Path) -> None:
    with stenogram.Corpus(tei_dir.parent / "c.db") as corpus:
        for event_id, key in corpus.store.selected_events(Filters()):
            ev = corpus.store.event(event_id)
            assert ev is not None
            doc = etree.parse(str(next(tei_dir.rglob(f"{ncname(key.replace(':', '.'), 'stenogram.')}.xml"))))
            us = doc.getroot().findall(f".//{T}u")
            assert len([u for u in us if u.get("prev") is None]) == len(ev.turns)
            for i, turn in enumerate(ev.turns):
                parts = [
                    u
                    for u in us
                    if re.search(rf"\.u{i + 1}(\.\d+)?$", u.get("{http://www.w3.org/XML/1998/namespace}id"))
                ]
                said = " ".join("".join(seg.itertext()) for u in parts for seg in u.findall(f"{T}seg"))
                gaps = sum(len(u.findall(f".//{T}gap")) for u in parts)
                expected = re.sub(r"<…>", " ", turn.text)
                assert said.split() == expected.split(), (key, i)
                assert gaps >= turn.text.count("<…>")
                if turn.person_id:
                    assert all(u.get("who") == f"#{ncname(turn.person_id)}" for u in parts)


def test_roles_are_affiliations_over_time(tei_dir: Path) -> None:
    doc = etree.parse(str(tei_dir / "stenogram-kremlin-listPerson.xml"))
    putin = doc.getroot().find(f"{T}person[@{{http://www.w3.org/XML/1998/namespace}}id='vladimir-putin']")
    assert putin is not None
    assert [n.text for n in putin.iter(f"{T}forename")] == ["Vladimir"]
    aff = putin.find(f"{T}affiliation")
    assert aff is not None and aff.get("role") == "head" and aff.get("from") and aff.get("to")
    assert aff.findtext(f"{T}roleName") == "President of Russia"
    assert affiliation_role("Deputy Prime Minister") == "deputyHead"
    assert affiliation_role("Minister of Foreign Affairs") == "minister"
    assert affiliation_role("Prime Minister of Armenia") == "head"
    assert affiliation_role("Aide to the President") == "member"
    assert affiliation_role("Federation Council Speaker") == "head"
    assert affiliation_role("Deputy Head of the Presidential Executive Office") == "deputyHead"
    assert affiliation_role("Civil Defence, Emergencies and Disaster Relief Minister") == "minister"
    assert affiliation_role("Editor-in-Chief of Rossiya Segodnya") == "head"


def test_hostile_text_is_escaped_and_control_characters_dropped() -> None:
    text = 'He said </seg><script>alert(1)</script> & "more"\x0b <… > done <…> end'
    ev = Event(
        source=Source(path="x.txt", format="kremlin-text"),
        title="A \x00title",
        url="javascript:alert(1)",
        date="2026-01-01",
        paragraphs=[Paragraph("speech", text, 0, 10, 0)],
        turns=[Turn("Someone Unknown", "Someone Unknown", None, None, text, 0, 10, 0, 3, "someone-unknown")],
    )
    root = event_tei(ev, "doc", {}, "2026-11-25")
    again = etree.fromstring(etree.tostring(root))
    seg = again.find(f".//{T}seg")
    assert "<script>" in "".join(seg.itertext()) and seg.find(f"{T}gap") is not None
    assert "\x0b" not in "".join(seg.itertext())
    assert again.findtext(f".//{T}title") == "A title"
    assert again.findtext(f".//{T}publicationStmt/{T}idno") == "http://en.kremlin.ru/"


def test_cli_export_tei(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)]).exit_code == 0
    result = CliRunner().invoke(
        app, ["export", "tei", "--db", str(db), "--out", str(tmp_path / "t"), "--event", "90001"]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "t" / "events").rglob("*.xml")] == ["stenogram.kremlin.90001.xml"]
    assert pointer_problems(tmp_path / "t" / "stenogram-kremlin.xml") == []


@pytest.mark.shared
def test_the_dev_corpus_exports_to_valid_tei(kremlin_corpus: Path, tmp_path: Path) -> None:
    schema = _schema("ParlaMint-TEI.rng")
    with stenogram.Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([kremlin_corpus / "html"])
        counts = export(corpus, "tei", tmp_path / "out")
    files = _events(tmp_path / "out")
    assert len(files) == counts["events"] > 2000
    invalid = [p.name for p in files if not schema.validate(etree.parse(str(p)))]  # type: ignore[attr-defined]
    assert invalid == []
    assert pointer_problems(tmp_path / "out" / "stenogram-kremlin.xml") == []
    jing = shutil.which("jing")
    if jing:  # the general Parla-CLARIN schema too, in batches of files
        for i in range(0, len(files), 500):
            done = subprocess.run(
                [jing, str(SCHEMAS / "parla-clarin.rng"), *map(str, files[i : i + 500])], capture_output=True, text=True
            )
            assert done.returncode == 0, done.stdout[:2000]
