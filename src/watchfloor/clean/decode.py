"""Bytes to text, or a specific reason why the bytes are not text.

UTF-8 (with or without a BOM) is tried first, then a UTF-16/32 BOM, then an encoding declared in an
HTML ``<meta>``, then charset-normalizer's best guess if it reads as coherent text. Binary inputs are
recognised by their signature or by NUL and control bytes, so a PDF or an image renamed ``.txt``
gets "binary file (PDF document)" rather than a page of mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import BinaryInputError, EmptyInputError, UndecodableInputError

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"\x1f\x8b", "gzip data (name it .gz to have it unpacked)"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"MZ", "Windows executable"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
# Control characters other than tab, newline, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary data, or None if it may be text."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            if name == "Windows executable" and b"PE\x00\x00" not in data[:1024]:
                continue
            return name
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary data (contains NUL bytes)"
    return None


def decode_bytes(data: bytes, source: str, *, html: bool = False) -> str:
    """Decode ``data`` to text or raise a specific :class:`InputError`."""
    if not data.strip():
        raise EmptyInputError(source, "empty file (no text at all)")
    kind = sniff_binary(data)
    if kind:
        raise BinaryInputError(source, f"binary file ({kind}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), source)
            except UnicodeDecodeError as exc:
                raise UndecodableInputError(
                    source, f"starts with a {encoding} byte-order mark but is not valid {encoding}"
                ) from exc
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            try:
                return _checked(data.decode(match.group(1).decode("ascii")), source)
            except (LookupError, UnicodeDecodeError):
                pass
    best = from_bytes(data[:200_000]).best()
    # A guess counts only if the result is both clean (little "chaos") and reads like a language
    # (coherence): repeated garbage bytes decode cleanly in many code pages but read as nothing.
    if (
        best is not None
        and best.chaos < 0.1
        and best.coherence >= 0.2
        and best.encoding not in ("utf_8",)
    ):
        try:
            return _checked(data.decode(best.encoding), source)
        except (LookupError, UnicodeDecodeError):
            pass
    raise UndecodableInputError(
        source,
        f"not valid UTF-8 (first bad byte at offset {first_bad}) and no other encoding reads it "
        "as coherent text; convert it to UTF-8",
    )


def _checked(text: str, source: str) -> str:
    """Refuse text that decoded but is mostly control characters (binary in disguise)."""
    sample = text[:20_000]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise BinaryInputError(source, "binary file (too many control characters), not text")
    if not text.strip():
        raise EmptyInputError(source, "empty file (only white space)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
