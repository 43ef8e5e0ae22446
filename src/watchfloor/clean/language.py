"""Language and script of an article's text.

``detect_language(text)`` returns a :class:`~watchfloor.types.LanguageGuess`: an ISO 639-1 code,
a confidence in 0..1, and the script (ISO 15924 ``Latn``, ``Cyrl`` or ``Grek``) read from the
letters themselves.

How it decides
--------------
1. **Only the start of the text is read**: the first ``MAX_CHARS`` (2,500) characters, cut back
   to a word boundary. Language does not change halfway through a news article often enough to pay
   for reading all of it, and the cost of every step below grows with the length.
2. **Too little text is undetermined**: fewer than ``MIN_LETTERS`` (10) letters or fewer than two
   words (empty text, numbers, punctuation, a lone name) give ``LanguageGuess("und", 0.0, None)``.
3. **Script** is the majority among Latin, Cyrillic and Greek letters (``None`` if letters of
   some other script outnumber them). A Cyrillic article with a few Latin names is ``Cyrl``.
4. **lingua** (``lingua-language-detector``) gives confidence values for the languages in
   ``LANGUAGES`` only: the eleven the project needs (en, sr, hr, bs, sq, mk, sl, de, it, fr, ru),
   the Cyrillic neighbours bg and uk (without them Bulgarian reads as Macedonian and Ukrainian as
   Russian), and tr, hu, ro, el, es, which cost little and keep those texts from being forced into
   one of the eleven. The values sum to 1 over the loaded languages; the top one is the answer and
   its value the confidence, unless one of the two corrections below applies.
5. **Cyrillic: the alphabet decides what lingua may say.** The Serbian, Macedonian, Russian,
   Bulgarian and Ukrainian alphabets differ in whole letters: ђ and ћ are only Serbian; ѓ, ќ and ѕ
   only Macedonian; ј, љ, њ and џ belong to both of those and to none of the other three; й, щ, ь,
   ю and я to Russian, Bulgarian and Ukrainian and to neither Serbian nor Macedonian; ы, э and ё
   only to Russian; і, ї, є and ґ only to Ukrainian; ъ to Russian and Bulgarian. A language is ruled
   out when the text holds at least ``max(2, 0.2 %)`` of its Cyrillic letters that its alphabet
   does not have (so one quoted word or a stray typo rules out nothing), and the answer is the
   lingua favourite among the languages left, with its value renormalised over them, which is what
   a detector built with only those languages would report. If every language is ruled out, lingua's
   own answer stands. (ѫ, sometimes named as Macedonian, is in no modern standard alphabet, so it
   counts against all five alike.)
6. **Latin-script Serbian, Croatian and Bosnian: lexical markers decide within the group.**
   lingua's Serbian model is a Cyrillic one: it gives Latin-script Serbian a value near zero and
   reads it as Bosnian (or Croatian). When the script is ``Latn`` and lingua's top language is
   bs, hr or sr, the three standards are told apart by words whose form differs between them
   (``_BCS_MARKERS``):

   * the reflex of the old vowel *jat*: Ekavian (``vreme``, ``reč``, ``deca``, ``mesto``, ``pre``,
     ``posle``, ``predsednik``) is the standard of Serbia, so it votes sr; Ijekavian (``vrijeme``,
     ``riječ``, ``djeca``, ``mjesto``, ``prije``) is standard Croatian and Bosnian, so it votes hr
     and bs;
   * vocabulary and spelling each standard settled differently: Croatian ``tko``, ``tisuća``,
     ``tijekom``, ``vlak``, ``zrakoplov``, ``zračna luka``, ``sveučilište``, ``obitelj``,
     ``financije``, ``suradnja``, ``točka``, ``Europa`` and the Slavic month names (``siječnja``,
     ``veljače``, ``ožujka`` ... ``kolovoza``, ``rujna``, ``studenoga``, ``prosinca``) vote hr;
     ``ko``, ``šta``, ``hiljada``, ``sedmica``, ``porodica``, ``finansije``, ``saradnja``,
     ``tačka``, ``Evropa``, ``budžet``, ``fudbal``, ``univerzitet`` and the Latin month names vote
     sr and bs together; ``opština``, ``saopštenje``, ``istorija``, ``avgust``, ``jun``/``jul``
     vote sr; ``općina``, ``nogomet`` and the future with a clipped infinitive (``dobit će``; the
     Serbian standard writes ``dobiće``) vote hr and bs; ``historija``, ``lahko``, ``sahat``,
     ``uposlenik``, ``saopćenje``, ``bezbjednost``, ``juni``/``juli``/``august`` vote bs.

   Bosnian thus wins where Ijekavian forms (shared with Croatian) meet vocabulary shared with
   Serbian, which is how the standard is defined. The votes are weighed naive-Bayes style: each
   hit makes the standards it votes for ``_MARKER_ODDS`` (3) times as likely as the ones it does
   not, a deliberately modest ratio because quotations, dialect and loans put "foreign" forms into
   any text; each marker counts at most three times, so one word repeated through an article cannot
   carry it; lingua's own pick within the group starts with a prior weight of 1.5 against 1, a weak
   voice since this is exactly where lingua is unreliable. The standard with the highest posterior
   wins (a tie goes to the higher lingua value) and the confidence is that posterior times lingua's
   total for the three. When the markers are silent lingua's pick stands, with confidence
   ``1.5 / 3.5`` (0.43) of that total, i.e. lower than lingua would claim.

   Limits: Serbian as written in Republika Srpska and Montenegro is Ijekavian, and Montenegrin has
   no lingua model; such texts come out as bs, or hr when they use Croatian-only words. Words such
   as ``greška`` are left out: Croatian uses it as well as ``pogreška``.

Speed and memory
----------------
The detector is built once, on first use, under a lock, and kept for the life of the process. It
is built in lingua's low-accuracy mode with the models preloaded. That mode uses the trigram models
only; the high-accuracy mode adds the other n-gram sizes, which help on single words and phrases
under ~120 characters, hardly on article text (on this module's test paragraphs, and on their
first sentences alone, both modes pick the same language every time), and cost about 0.5 GB more
and a build dozens of times slower. Texts of a line or two are where this choice costs
accuracy; lingua's confidence for them is also less trustworthy in this mode.

Measured with ``PYTHONPATH=src python benchmarks/bench_language.py --cpu N`` (Python 3.11.7,
lingua 2.1.1, 18 languages, pinned to one core of a 2-core development machine that was running
other CPU-bound jobs at the time, so the rates are low-side and varied between runs):

* build: 0.1-0.25 s; RSS increase: 22-25 MiB (27-30 MiB after thousands of detections);
* ``detect_language``: 410-630 detections per CPU second on ~1,500-character texts in 14
  languages; lingua's call alone 480-810/s on the same texts, so the rules above add about a
  quarter (the marker scan of Latin bs/hr/sr text is the largest part);
* for comparison, high-accuracy mode with the same languages, preloaded: build 2.5-11 s, RSS
  increase 460-495 MiB, and no faster on these texts.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from watchfloor.types import LanguageGuess

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["LANGUAGES", "MAX_CHARS", "MIN_LETTERS", "detect_language", "language_name"]

MAX_CHARS = 2500
"""Only this many leading characters of a text are examined."""
MIN_LETTERS = 10
"""Texts with fewer letters than this (or fewer than two words) are ``und``."""

LANGUAGES: tuple[str, ...] = (
    # What the project needs.
    "en", "sr", "hr", "bs", "sq", "mk", "sl", "de", "it", "fr", "ru",
    # Cyrillic neighbours that would otherwise be read as mk, sr or ru.
    "bg", "uk",
    # Cheap extras from the region.
    "tr", "hu", "ro", "el", "es",
)  # fmt: skip
"""ISO 639-1 codes of the languages the detector loads (and so can answer)."""

_NAMES = {
    "en": "English",
    "sr": "Serbian",
    "hr": "Croatian",
    "bs": "Bosnian",
    "sq": "Albanian",
    "mk": "Macedonian",
    "sl": "Slovenian",
    "de": "German",
    "it": "Italian",
    "fr": "French",
    "ru": "Russian",
    "bg": "Bulgarian",
    "uk": "Ukrainian",
    "tr": "Turkish",
    "hu": "Hungarian",
    "ro": "Romanian",
    "el": "Greek",
    "es": "Spanish",
    "cnr": "Montenegrin",
    "und": "Undetermined",
}


def language_name(code: str) -> str:
    """English name of a language code for display (``"sr"`` → ``"Serbian"``).

    Unknown codes are returned unchanged, so a display never fails on one.
    """
    return _NAMES.get(code.strip().lower(), code)


# --- the detector, built once ---------------------------------------------------------------

_detector: LanguageDetector | None = None
_detector_lock = threading.Lock()


def _get_detector() -> LanguageDetector:
    """The process-wide lingua detector, built on first call (double-checked under a lock)."""
    global _detector
    detector = _detector
    if detector is None:
        with _detector_lock:
            detector = _detector
            if detector is None:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
                detector = (
                    LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
                    .with_low_accuracy_mode()
                    .with_preloaded_language_models()
                    .build()
                )
                _detector = detector
    return detector


# --- letters and scripts --------------------------------------------------------------------

# Runs of letters (matching runs, not single letters, keeps the regex engine's per-match cost low).
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
_CYRILLIC = re.compile(r"[\u0400-\u0481\u048a-\u052f\u1c80-\u1c8f\ua640-\ua66d\ua680-\ua69d]+")
_GREEK = re.compile(
    r"[\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f\u0386\u0388-\u03ff\u1f00-\u1fff]+"
)


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(map(len, pattern.findall(text)))


def _script(text: str, letters: int) -> str | None:
    counts = {
        "Latn": _count(_LATIN, text),
        "Cyrl": _count(_CYRILLIC, text),
        "Grek": _count(_GREEK, text),
    }
    best = max(counts, key=counts.__getitem__)
    # Letters of other scripts (Arabic, Han ...) outnumber the best of the three: not ours to name.
    if counts[best] == 0 or counts[best] < letters - sum(counts.values()):
        return None
    return best


# --- Cyrillic: alphabets ----------------------------------------------------------------------

_CYRILLIC_COMMON = set("абвгдежзиклмнопрстуфхцчш")
_ALPHABETS: dict[str, frozenset[str]] = {
    "sr": frozenset(_CYRILLIC_COMMON | set("ђјљњћџѐѝ")),
    "mk": frozenset(_CYRILLIC_COMMON | set("ѓѕјљњќџѐѝ")),
    "ru": frozenset(_CYRILLIC_COMMON | set("йщъыьэюяё")),
    "bg": frozenset(_CYRILLIC_COMMON | set("йщъьюяѝ")),
    "uk": frozenset(_CYRILLIC_COMMON | set("йщьюяґєії")),
}


def _cyrillic_allowed(text: str) -> set[str]:
    """The Cyrillic languages whose alphabet the text does not contradict (see module doc, 5)."""
    counts = Counter("".join(_CYRILLIC.findall(text.lower())))
    total = sum(counts.values())
    limit = max(2, total * 0.002)
    return {
        code
        for code, alphabet in _ALPHABETS.items()
        if sum(n for ch, n in counts.items() if ch not in alphabet) < limit
    }


# --- Latin-script Serbian / Croatian / Bosnian: lexical markers -------------------------------

_SR, _HR, _BS = frozenset({"sr"}), frozenset({"hr"}), frozenset({"bs"})
_SR_BS, _HR_BS = frozenset({"sr", "bs"}), frozenset({"hr", "bs"})

# (standards a hit votes for, whole words, word beginnings), lower case. Three more markers look at
# two words or inside a word: see ``_bcs_votes``.
_BCS_MARKERS: tuple[tuple[frozenset[str], tuple[str, ...], tuple[str, ...]], ...] = (
    # Reflex of jat, Ekavian: the standard of Serbia.
    (_SR, (
        "vreme", "reč", "reči", "rečima", "deca", "dece", "deci", "decom", "dete", "mesto", "mesta",
        "mestu", "pre", "posle", "gde", "ovde", "negde", "uvek", "deo", "delovi", "delova", "cena",
        "cene", "ceni", "cenu", "cenama", "reka", "reke", "reku", "vest", "vesti", "vestima",
        "lepo", "lepa", "lep", "sever", "severu", "severa", "telo", "tela", "celi", "cela", "celo",
        "celog", "ceo", "hteo", "htela", "hteli", "mera", "mere", "meru", "merama", "pesma",
        "pesme", "napred", "sreda", "sredu", "predlog", "predloga",
    ), (
        "predsedn", "mesec", "meseč", "nedelj", "primer", "promen", "izmen", "sused", "zamen",
        "ocen", "svedo", "pobed", "poset", "smešt", "sednic", "sedišt", "nemač", "izveštaj",
        "bezbedn", "obezbed", "verovatn", "rešen", "rešav", "rešil", "rešit",
    )),
    # Reflex of jat, Ijekavian: the Croatian and Bosnian standards.
    (_HR_BS, (
        "vrijeme", "riječ", "riječi", "riječima", "djeca", "djece", "djeci", "djecom", "dijete",
        "mjesto", "mjesta", "mjestu", "prije", "poslije", "gdje", "ovdje", "negdje", "uvijek",
        "dio", "cijena", "cijene", "cijeni", "cijenu", "cijenama", "rijeka", "rijeke", "rijeku",
        "vijest", "vijesti", "vijestima", "lijepo", "lijepa", "lijep", "sjever", "sjeveru",
        "sjevera", "tijelo", "tijela", "cijeli", "cijela", "cijelo", "cijelog", "htio", "htjela",
        "htjeli", "mjera", "mjere", "mjeru", "mjerama", "pjesma", "pjesme", "naprijed", "srijeda",
        "srijedu", "srijede",
    ), (
        "predsjedn", "mjesec", "mjeseč", "nedjelj", "primjer", "promjen", "izmjen", "susjed",
        "zamjen", "ocjen", "svjedo", "pobjed", "posjet", "smješt", "sjednic", "sjedišt", "njemač",
        "dijel", "vijeć", "ljet", "prijedlog", "prijevoz", "rješ", "riješ",
    )),
    # Croatian vocabulary and spelling.
    (_HR, (
        "tko", "netko", "nitko", "itko", "svatko", "vlak", "vlaka", "vlakom", "vlakovi",
        "studeni", "studenoga", "studenog", "tijekom", "regija", "regije", "regiji", "regiju",
    ), (
        "tisuć", "siječ", "veljač", "ožuj", "travanj", "travnj", "svibanj", "svibnj", "lipanj",
        "lipnj", "srpanj", "srpnj", "kolovoz", "rujan", "rujn", "listopad", "prosinac", "prosinc",
        "izvješ", "priopć", "veleposlan", "sveučiliš", "znanost", "znanstv", "glazb", "kazališ",
        "zrakoplov", "kolodvor", "obitelj", "povijes", "europ", "sudjel", "sudion", "uvjet",
        "ravnatelj", "tvrtk", "proračun", "financij", "vjerojatn", "tjedan", "tjedn", "suradn",
        "točk", "kemij", "inozem",
    )),
    # Shared by the Serbian and Bosnian standards, not Croatian.
    (_SR_BS, (
        "ko", "niko", "šta", "voz", "voza", "vozom", "vozovi", "mart", "april", "maj", "marta",
        "aprila", "maja", "region", "regiona", "regionu", "regionom",
    ), (
        "hiljad", "evrop", "sedmic", "fudbal", "univerzitet", "porodic", "ambasad", "tokom",
        "učestv", "učesn", "uslov", "preduzeć", "naučn", "pozoriš", "muzik", "vazdu", "aerodrom",
        "budžet", "finansij", "saradn", "tačk", "hemij", "januar", "februar", "septemb", "oktob",
        "novemb", "decemb", "inostran",
    )),
    # Serbian only (and ``opšt-`` anywhere in a word).
    (_SR, ("jun", "juna", "junu", "jul", "jula", "julu"), ("istorij", "avgust", "hleb", "spoljn")),
    # Croatian and Bosnian, not Serbian (and ``opć-`` anywhere in a word, and the future tense
    # with a clipped infinitive: ``dobit će``).
    (_HR_BS, (), ("nogomet", "vanjsk")),
    # Bosnian only.
    (_BS, ("juni", "juli", "august", "augusta"), (
        "historij", "lahk", "polahk", "sahat", "mehk", "kahv", "hljeb", "uposlen", "saopć",
        "bezbjedn", "obezbjed", "vjerovatn",
    )),
)  # fmt: skip

_BCS = ("bs", "hr", "sr")
_MARKER_CAP = 3
_LINGUA_PRIOR = 1.5
_MARKER_ODDS = 3.0
_WORD_MARKERS = {word: votes for votes, words, _ in _BCS_MARKERS for word in words}
_STEM_MARKERS = {stem: votes for votes, _, stems in _BCS_MARKERS for stem in stems}
_STEM_LENGTHS = sorted({len(stem) for stem in _STEM_MARKERS}, reverse=True)
_MARKER_STARTS = {marker[:3] for marker in (*_WORD_MARKERS, *_STEM_MARKERS)}
_CLIPPED_FUTURE_AUX = frozenset({"ću", "ćeš", "će", "ćemo", "ćete"})


def _bcs_votes(text: str) -> tuple[dict[str, int], int]:
    """Marker votes for sr, hr and bs in a Latin-script text, and the number of hits counted.

    Each distinct marker (a word, a word beginning, or one of the three rules below) counts at most
    ``_MARKER_CAP`` times.
    """
    hits: Counter[str] = Counter()
    votes_of: dict[str, frozenset[str]] = {}
    previous = ""
    for word in _WORD.findall(text.lower()):
        marker: str | None = None
        votes: frozenset[str] = frozenset()
        if word in _CLIPPED_FUTURE_AUX:
            # ``dobit će`` (Croatian, Bosnian) against ``dobiće`` (Serbian).
            if len(previous) > 2 and previous.endswith("t"):
                marker, votes = "<infinitive-t> će", _HR_BS
        elif previous.startswith("zračn") and word.startswith("luk"):
            marker, votes = "zračna luka", _HR
        elif "opšt" in word:
            marker, votes = "-opšt-", _SR
        elif "opć" in word:
            marker, votes = "-opć-", _HR_BS
        elif word[:3] in _MARKER_STARTS:
            if word in _WORD_MARKERS:
                marker, votes = word, _WORD_MARKERS[word]
            else:
                for length in _STEM_LENGTHS:
                    stem = word[:length]
                    if len(stem) == length and stem in _STEM_MARKERS:
                        marker, votes = stem + "-", _STEM_MARKERS[stem]
                        break
        if marker is not None:
            hits[marker] += 1
            votes_of[marker] = votes
        previous = word
    tally = dict.fromkeys(_BCS, 0)
    counted = 0
    for marker, count in hits.items():
        count = min(count, _MARKER_CAP)
        counted += count
        for code in votes_of[marker]:
            tally[code] += count
    return tally, counted


def _decide_bcs(text: str, values: dict[str, float]) -> tuple[str, float]:
    """Pick sr, hr or bs for a Latin-script text lingua put in that group (module doc, 6)."""
    group_total = sum(values.get(code, 0.0) for code in _BCS)
    lingua_pick = max(_BCS, key=lambda code: values.get(code, 0.0))
    votes, counted = _bcs_votes(text)
    weights = {
        code: (_LINGUA_PRIOR if code == lingua_pick else 1.0)
        * _MARKER_ODDS ** -(counted - votes[code])
        for code in _BCS
    }
    best = max(_BCS, key=lambda code: (weights[code], values.get(code, 0.0)))
    return best, group_total * weights[best] / sum(weights.values())


# --- the entry point --------------------------------------------------------------------------


def _head(text: str) -> str:
    """The first ``MAX_CHARS`` characters, cut back to the last whitespace if one is near."""
    if len(text) <= MAX_CHARS:
        return text
    head = text[:MAX_CHARS]
    cut = max(head.rfind(" "), head.rfind("\n"))
    return head[:cut] if cut > MAX_CHARS * 0.8 else head


def detect_language(text: str) -> LanguageGuess:
    """Guess the language and script of ``text`` (only its first ``MAX_CHARS`` characters).

    Returns ``LanguageGuess("und", 0.0, None)`` for empty, very short or letterless text. See the
    module docstring for the rules and their reasons.
    """
    head = unicodedata.normalize("NFC", _head(text or ""))
    words = _WORD.findall(head)
    letters = sum(map(len, words))
    if letters < MIN_LETTERS or len(words) < 2:
        return LanguageGuess("und", 0.0, None)
    script = _script(head, letters)

    ranked = _get_detector().compute_language_confidence_values(head)
    if not ranked:
        return LanguageGuess("und", 0.0, script)
    values = {item.language.iso_code_639_1.name.lower(): item.value for item in ranked}
    code, confidence = next(iter(values.items()))

    if script == "Cyrl" and code in _ALPHABETS:
        allowed = _cyrillic_allowed(head)
        mass = sum(values.get(c, 0.0) for c in allowed)
        if mass > 0.0:
            code = max(allowed, key=lambda c: values.get(c, 0.0))
            confidence = values.get(code, 0.0) / mass
    elif script == "Latn" and code in _BCS:
        code, confidence = _decide_bcs(head, values)

    return LanguageGuess(code, round(min(max(confidence, 0.0), 1.0), 4), script)
