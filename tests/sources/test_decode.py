import codecs

import pytest

from stenogram.sources.decode import decode_bytes, looks_binary

TEXT = "Events\nВстреча — meeting “quoted” <…>\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1251"), "cp1251"),
    ],
)
def test_round_trip(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data)
    assert used == encoding
    assert text == TEXT


def test_latin_text_in_a_legacy_encoding() -> None:
    data = "Café Zürich – naïve\n".encode("cp1252")
    assert decode_bytes(data) == ("Café Zürich – naïve\n", "cp1252")


def test_a_stray_byte_in_utf8_is_replaced_and_said() -> None:
    data = ("x" * 2000 + "é").encode("utf-8") + b"\xff" + b"end"
    text, used = decode_bytes(data)
    assert used == "utf-8 (1 invalid byte replaced)"
    assert text.endswith("é\ufffdend")


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert not looks_binary(TEXT.encode("utf-8"))
    assert not looks_binary(TEXT.encode("utf-16"))
