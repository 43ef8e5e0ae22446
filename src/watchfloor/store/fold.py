"""Folding text for search: case, diacritics and script do not matter.

``Vučić``, ``Vucic``, ``VUČIĆ`` and ``Вучић`` all fold to ``vucic``; ``Prishtinë`` to ``prishtine``.
Serbian and Macedonian Cyrillic is transliterated to the Latin alphabet (Ђ/Đ become ``dj``), other
letters lose their marks. The indexed text and the user's query go through the same function.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c",
    "ч": "c", "џ": "dz", "ш": "s",
    # Macedonian and Russian letters outside the Serbian alphabet.
    "ѓ": "gj", "ќ": "kj", "ѕ": "dz", "й": "j", "ы": "y", "э": "e", "ю": "ju", "я": "ja",
    "ё": "e", "щ": "sc", "ъ": "", "ь": "", "і": "i", "ї": "i", "є": "e", "ґ": "g",
    # Latin letters that Unicode does not decompose.
    "đ": "dj", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "ı": "i",
}  # fmt: skip
_TABLE = str.maketrans(_CYRILLIC)
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, transliterate Cyrillic. Fast: whole-string C-level passes."""
    lowered = text.lower()
    stripped = _MARKS.sub("", unicodedata.normalize("NFKD", lowered))
    return stripped.translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and map every folded character back to its offset in ``text``.

    Slower than :func:`fold` (character by character); used for the few snippets a search shows.
    """
    pieces: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = fold(char)
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(pieces), offsets


def words(text: str) -> list[str]:
    """The folded word tokens of ``text``, as the index sees them."""
    return _WORD.findall(fold(text))
