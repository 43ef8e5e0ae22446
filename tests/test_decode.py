from __future__ import annotations

import pytest

from watchfloor.clean.decode import decode_bytes, sniff_binary
from watchfloor.errors import BinaryInputError, EmptyInputError, UndecodableInputError


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes("Vučić".encode(), "a.txt") == "Vučić"
    assert decode_bytes(b"\xef\xbb\xbf" + "Vučić".encode(), "a.txt") == "Vučić"


def test_utf16_with_bom() -> None:
    assert decode_bytes("Приштина\n".encode("utf-16"), "a.txt") == "Приштина\n"


def test_windows_1250_text_is_decoded() -> None:
    text = ("Predsjednik Srbije Aleksandar Vučić i premijer Kosova Albin Kurti sastali su se u "
            "Briselu. Razgovori o normalizaciji odnosa nastavljeni su uz posredovanje EU. ") * 3
    assert decode_bytes(text.encode("cp1250"), "a.txt") == text


def test_html_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Београд</body></html>'
    assert "Београд" in decode_bytes(page.encode("cp1251"), "a.html", html=True)


def test_crlf_becomes_lf() -> None:
    assert decode_bytes(b"one\r\ntwo\rthree", "a.txt") == "one\ntwo\nthree"


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyInputError) as info:
        decode_bytes(data, "empty.txt")
    assert str(info.value) == "empty.txt: empty file (no text at all)"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.7\n...", "PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00", "ZIP archive or Office document"),
        (b"\x7fELF\x02\x01\x01", "ELF executable"),
    ],
)
def test_binary_signatures(data: bytes, name: str) -> None:
    with pytest.raises(BinaryInputError) as info:
        decode_bytes(data, "x.txt")
    assert str(info.value) == f"x.txt: binary file ({name}), not text"


def test_nul_bytes_mean_binary() -> None:
    assert sniff_binary(b"abc\x00def") == "binary data (contains NUL bytes)"


def test_undecodable_bytes() -> None:
    data = bytes(range(0x80, 0x100)) * 40
    with pytest.raises((UndecodableInputError, BinaryInputError)) as info:
        decode_bytes(data, "bad.txt")
    assert str(info.value).startswith("bad.txt: ")


def test_invalid_utf8_message_names_offset() -> None:
    data = b"NATO " + b"\xc3\x28\xa0\xa1\xfe\xff" * 200
    with pytest.raises(UndecodableInputError) as info:
        decode_bytes(data, "bad.txt")
    assert str(info.value) == (
        "bad.txt: not valid UTF-8 (first bad byte at offset 5) and no other encoding reads it "
        "as coherent text; convert it to UTF-8"
    )
