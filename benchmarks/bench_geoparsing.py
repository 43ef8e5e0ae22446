"""Geoparsing quality of the entity stage on GeoWebNews (or LGL): recognition and resolution.

Usage::

    .venv/bin/python benchmarks/bench_geoparsing.py [DATA_DIR] [--corpus gwn|lgl] [--limit N]
                                                    [--examples K]

``DATA_DIR`` defaults to ``<repo>/../shared/eval-data/geoparsing`` and holds ``GWN.xml``
(GeoWebNews, Gritta et al. 2019) and ``lgl.xml`` (LGL, Lieberman et al. 2010). ``--limit N`` takes
the first N articles only, for quick runs.

Two measurements:

1. Toponym recognition. The ``place`` mentions of ``EntityExtractor`` (knowledge base + spaCy)
   against the gold toponyms, scored as precision, recall and F1 over all mentions of the corpus,
   two ways: *strict* (same start and end) and *overlap* (a prediction is correct when it shares at
   least one character with a gold toponym, a gold toponym is found when some prediction shares a
   character with it). GeoWebNews annotates much more than toponyms; the gold toponyms here are the
   eight types it geocodes (Literal, Mixed, Coercion, Embedded_Literal, Literal_Modifier,
   Metonymic, Non_Literal_Modifier, Embedded_Non_Lit). Literal_Expression / Non_Lit_Expression
   ("the city", "police"), Non_Toponym, Homonym, Demonym and Language annotations are not
   toponyms, and a place we predict on them counts as a false positive. A third line also ignores
   adjectival modifiers ("Russian" in "Russian troops"), which the extractor by design never
   calls a place: they leave the gold set, and predictions on them count neither way. In LGL every
   annotated toponym is gold.

2. Toponym resolution of the GOLD toponyms (the setting of Mordecai 3's published figures:
   94.1% within 161 km on GeoWebNews, 82.7% on LGL). Every gold toponym with coordinates is
   resolved from its surface text alone, as the pipeline would: when the knowledge-base matcher
   reads the whole surface as one knowledge-base place, the mention carries that ``kb_id``;
   otherwise it is a plain ``place`` mention. ``entity_record`` then gives coordinates (knowledge
   base first, then the GeoNames cities gazetteer). Correct means within 161 km (100 miles) of the
   gold point by great-circle distance; a toponym with no coordinates (not found, or a country
   the gazetteer knows only by its code) counts as wrong. Coverage is the share that got
   coordinates at all; mean and median error are over those.

Offsets: both files were checked with Python string indices (code points) into the ``<text>``
element as ElementTree parses it. In GWN.xml, 6,607 of 6,612 annotations satisfy
``text[start:end] == extractedName``; the other 5 (articles 123 and 255) have negative offsets
and are dropped (the loader counts and reports them). In lgl.xml all 5,088 satisfy
``text[start:end] == phrase``. The loader re-checks this on every run and drops any annotation
whose span does not hold its name.
"""

from __future__ import annotations

import argparse
import math
import resource
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval-data" / "geoparsing"
FILES = {"gwn": "GWN.xml", "lgl": "lgl.xml"}
PUBLISHED = {"gwn": 0.941, "lgl": 0.827}
"""Mordecai 3 (Halterman 2023), share of gold toponyms resolved within 161 km."""
CORRECT_KM = 161.0
EARTH_KM = 6371.0088

GEO_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier",
                       "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
"""The GeoWebNews annotation types that are toponyms (the ones it gives coordinates)."""


# --- the corpus ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    text: str
    kind: str
    """GeoWebNews type (``Literal``, ``Metonymic`` ...); ``toponym`` for LGL."""
    adjective: bool = False
    """GeoWebNews modifier written as an adjective (``Russian``)."""
    lat: float | None = None
    lon: float | None = None

    @property
    def is_toponym(self) -> bool:
        return self.kind == "toponym" or self.kind in GEO_TYPES


@dataclass
class Document:
    id: str
    text: str
    annotations: list[Toponym]
    """Every annotation with a valid span, toponyms or not."""

    @property
    def toponyms(self) -> list[Toponym]:
        return [t for t in self.annotations if t.is_toponym]


@dataclass
class Corpus:
    name: str
    documents: list[Document]
    dropped: list[tuple[str, str, int, int]] = field(default_factory=list)
    """(document, name, start, end) of annotations whose span does not hold their name."""


def _float(element: ET.Element | None) -> float | None:
    return float(element.text) if element is not None and element.text else None


def load_corpus(folder: Path, corpus: str = "gwn", limit: int | None = None) -> Corpus:
    """Read GWN.xml or lgl.xml; keep only annotations with ``text[start:end] == name``."""
    root = ET.parse(folder / FILES[corpus]).getroot()
    result = Corpus(corpus, [])
    for index, article in enumerate(root.iter("article")):
        if limit is not None and index >= limit:
            break
        doc_id = article.get("file") or article.get("docid") or str(index)
        text = article.findtext("text") or ""
        annotations = []
        for node in article.iter("toponym"):
            start, end = int(node.findtext("start", "-1")), int(node.findtext("end", "-1"))
            if corpus == "gwn":
                name = node.findtext("extractedName") or ""
                kind = node.findtext("type") or ""
                adjective = node.findtext("modifierType") == "Adjective"
                lat, lon = _float(node.find("latitude")), _float(node.find("longitude"))
            else:
                name = node.findtext("phrase") or ""
                kind, adjective = "toponym", False
                lat, lon = _float(node.find("gaztag/lat")), _float(node.find("gaztag/lon"))
            if not (0 <= start < end <= len(text)) or text[start:end] != name:
                result.dropped.append((doc_id, name, start, end))
                continue
            annotations.append(Toponym(start, end, name, kind, adjective, lat, lon))
        result.documents.append(Document(doc_id, text, annotations))
    return result


# --- recognition --------------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class PRF:
    predicted: int = 0
    correct_predicted: int = 0
    gold: int = 0
    found_gold: int = 0

    def add(self, predicted: list[tuple[int, int]], gold: list[tuple[int, int]], *,
            strict: bool, ignore: Iterable[tuple[int, int]] = ()) -> tuple[list, list]:
        """Score one document; return (wrong predictions, missed gold spans)."""
        ignore = list(ignore)

        def same(a: tuple[int, int], b: tuple[int, int]) -> bool:
            return a == b if strict else _overlaps(a, b)

        wrong = []
        for p in predicted:
            if any(same(p, g) for g in gold):
                self.predicted += 1
                self.correct_predicted += 1
            elif not any(same(p, i) for i in ignore):
                self.predicted += 1
                wrong.append(p)
        missed = [g for g in gold if not any(same(p, g) for p in predicted)]
        self.gold += len(gold)
        self.found_gold += len(gold) - len(missed)
        return wrong, missed

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Recognition:
    strict: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    no_adjectives: PRF = field(default_factory=PRF)
    by_type: dict[str, list[int]] = field(default_factory=dict)
    """GWN type → [gold, found (overlap)]."""
    by_method: dict[str, list[int]] = field(default_factory=dict)
    """Mention method → [predicted places, correct (overlap)]."""
    false_positives: Counter[str] = field(default_factory=Counter)
    false_positive_kinds: Counter[str] = field(default_factory=Counter)
    """What the corpus says a wrong prediction overlaps (``none`` when nothing)."""
    missed: Counter[str] = field(default_factory=Counter)
    other_types: Counter[str] = field(default_factory=Counter)
    """Our (person/organization) type of missed gold toponyms the extractor did find as names."""
    documents: int = 0
    words: int = 0
    seconds: float = 0.0


def evaluate_recognition(corpus: Corpus, extractor) -> Recognition:  # type: ignore[no-untyped-def]
    out = Recognition()
    for doc in corpus.documents:
        started = time.perf_counter()
        mentions = extractor(doc.text, language="en")
        out.seconds += time.perf_counter() - started
        out.documents += 1
        out.words += len(doc.text.split())
        places = [m for m in mentions if m.type == "place"]
        predicted = [(m.start, m.end) for m in places]
        toponyms = doc.toponyms
        gold = [(t.start, t.end) for t in toponyms]
        out.strict.add(predicted, gold, strict=True)
        wrong, missed = out.overlap.add(predicted, gold, strict=False)
        nouns = [(t.start, t.end) for t in toponyms if not t.adjective]
        adjectives = [(t.start, t.end) for t in toponyms if t.adjective]
        out.no_adjectives.add(predicted, nouns, strict=False, ignore=adjectives)

        for t in toponyms:
            row = out.by_type.setdefault(t.kind, [0, 0])
            row[0] += 1
            row[1] += (t.start, t.end) not in missed
        wrong_set = set(wrong)
        for m in places:
            row = out.by_method.setdefault(m.method, [0, 0])
            row[0] += 1
            row[1] += (m.start, m.end) not in wrong_set
        for span in wrong:
            out.false_positives[doc.text[span[0]:span[1]]] += 1
            kinds = {a.kind for a in doc.annotations if _overlaps(span, (a.start, a.end))}
            out.false_positive_kinds[" / ".join(sorted(kinds)) or "none"] += 1
        for span in missed:
            out.missed[doc.text[span[0]:span[1]]] += 1
            found_as = {m.type for m in mentions if _overlaps(span, (m.start, m.end))}
            out.other_types[" / ".join(sorted(found_as)) or "not a name"] += 1
    return out


# --- resolution ---------------------------------------------------------------------------------


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Resolution:
    total: int = 0
    correct: int = 0
    errors_km: list[float] = field(default_factory=list)
    by_basis: dict[str, list[int]] = field(default_factory=dict)
    """``kb`` / ``gazetteer`` / ``country code only`` / ``unresolved`` → [count, correct]."""
    by_type: dict[str, list[int]] = field(default_factory=dict)
    unresolved: Counter[str] = field(default_factory=Counter)
    country_only: Counter[str] = field(default_factory=Counter)
    wrong: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    """(surface, country we chose, distance rounded to 100 km) of answers beyond 161 km."""
    seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def coverage(self) -> float:
        return len(self.errors_km) / self.total if self.total else 0.0


def kb_place_id(surface: str, extractor) -> str | None:  # type: ignore[no-untyped-def]
    """The knowledge-base place whose name or alias is the whole ``surface``, if any."""
    from watchfloor.extract.entities import _tokens

    tokens = _tokens(surface)
    hits = extractor.matcher.match(surface, tokens)
    if len(hits) == 1 and hits[0][:2] == (0, len(tokens)) \
            and extractor.kb.entries[hits[0][2]].type == "place":
        return hits[0][2]
    return None


def evaluate_resolution(corpus: Corpus, extractor) -> Resolution:  # type: ignore[no-untyped-def]
    from watchfloor.resolve.entities import entity_record
    from watchfloor.types import Mention

    out = Resolution()
    started = time.perf_counter()
    for doc in corpus.documents:
        for t in doc.toponyms:
            if t.lat is None or t.lon is None:
                continue
            mention = Mention(t.start, t.end, t.text, "place", "gold",
                              kb_id=kb_place_id(t.text, extractor))
            record = entity_record(mention, extractor.kb)
            out.total += 1
            type_row = out.by_type.setdefault(t.kind, [0, 0])
            type_row[0] += 1
            if record.lat is None or record.lon is None:
                basis = "country code only" if record.country else "unresolved"
                (out.country_only if record.country else out.unresolved)[t.text] += 1
                out.by_basis.setdefault(basis, [0, 0])[0] += 1
                continue
            km = great_circle_km(record.lat, record.lon, t.lat, t.lon)
            out.errors_km.append(km)
            ok = km <= CORRECT_KM
            out.correct += ok
            type_row[1] += ok
            basis_row = out.by_basis.setdefault(record.geo_basis or "?", [0, 0])
            basis_row[0] += 1
            basis_row[1] += ok
            if not ok:
                out.wrong[(t.text, record.country or "?", round(km, -2))] += 1
    out.seconds = time.perf_counter() - started
    return out


# --- report -------------------------------------------------------------------------------------


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   - "


def _common(counter: Counter, k: int) -> str:
    return ", ".join(f"{key} ×{n}" if n > 1 else str(key) for key, n in counter.most_common(k))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def report_recognition(r: Recognition, corpus: str, examples: int) -> None:
    print(f"\n(a) toponym recognition: our place mentions vs gold toponyms, {r.strict.gold:,} gold")
    print(f"    {'':38}{'precision':>10}{'recall':>8}{'F1':>8}{'pred':>7}{'gold':>7}")
    rows = [("strict span", r.strict), ("overlap (≥1 shared character)", r.overlap)]
    if corpus == "gwn":
        rows.append(("overlap, adjectival modifiers ignored", r.no_adjectives))
    for label, s in rows:
        print(f"    {label:38}{s.precision:10.3f}{s.recall:8.3f}{s.f1:8.3f}"
              f"{s.predicted:7,}{s.gold:7,}")
    if corpus == "gwn":
        print("    recall by GWN type (overlap): " + ", ".join(
            f"{kind} {_pct(found, gold).strip()} of {gold}"
            for kind, (gold, found) in sorted(r.by_type.items(), key=lambda kv: -kv[1][0])))
    print("    precision by method (overlap): " + ", ".join(
        f"{method} {_pct(ok, n).strip()} of {n}" for method, (n, ok) in
        sorted(r.by_method.items(), key=lambda kv: -kv[1][0])))
    print(f"    missed gold toponyms, what the extractor made of them: "
          f"{_common(r.other_types, 5)}")
    if corpus == "gwn":
        print(f"    wrong places, what GWN annotates there: {_common(r.false_positive_kinds, 6)}")
    if examples:
        print(f"    most often missed: {_common(r.missed, examples)}")
        print(f"    most often wrong: {_common(r.false_positives, examples)}")


def report_resolution(r: Resolution, corpus: str, examples: int) -> None:
    print(f"\n(b) resolution of the {r.total:,} gold toponyms with coordinates "
          f"(from their surface text)")
    print(f"    within {CORRECT_KM:.0f} km: {_pct(r.correct, r.total).strip()} "
          f"({r.correct:,}/{r.total:,}); published Mordecai 3: {100 * PUBLISHED[corpus]:.1f}%")
    print(f"    coverage (any coordinates): {_pct(len(r.errors_km), r.total).strip()}")
    if r.errors_km:
        print(f"    error over resolved toponyms: mean {statistics.fmean(r.errors_km):,.0f} km, "
              f"median {statistics.median(r.errors_km):,.0f} km")
    print("    by source: " + ", ".join(
        f"{basis} {n:,} ({_pct(ok, n).strip()} correct)" if basis in ("kb", "gazetteer")
        else f"{basis} {n:,}"
        for basis, (n, ok) in sorted(r.by_basis.items(), key=lambda kv: -kv[1][0])))
    countries = sum(r.country_only.values())
    if countries:
        print(f"    if every country-code-only answer were within {CORRECT_KM:.0f} km: "
              f"{_pct(r.correct + countries, r.total).strip()} (upper bound)")
    if corpus == "gwn":
        print("    accuracy by GWN type: " + ", ".join(
            f"{kind} {_pct(ok, n).strip()} of {n}"
            for kind, (n, ok) in sorted(r.by_type.items(), key=lambda kv: -kv[1][0])))
    if examples:
        print(f"    unresolved most often: {_common(r.unresolved, examples)}")
        print(f"    country code only most often: {_common(r.country_only, examples)}")
        print("    beyond 161 km most often: " + ", ".join(
            f"{s}→{c} {km:,.0f} km" + (f" ×{n}" if n > 1 else "")
            for (s, c, km), n in r.wrong.most_common(examples)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                        help=f"folder with GWN.xml / lgl.xml (default: {DEFAULT_DATA})")
    parser.add_argument("--corpus", choices=sorted(FILES), default="gwn")
    parser.add_argument("--limit", type=int, help="first N articles only")
    parser.add_argument("--examples", type=int, default=12, help="error examples to list")
    args = parser.parse_args(argv)
    path = args.data / FILES[args.corpus]
    if not path.is_file():
        sys.exit(f"geoparsing data not found: {path}\n"
                 f"Pass the folder holding {FILES[args.corpus]} as the first argument "
                 f"(default {DEFAULT_DATA}; see ../shared/eval-data/README.md).")

    from watchfloor.config import get_settings
    from watchfloor.extract.entities import load_model
    from watchfloor.extract.run import entity_extractor
    from watchfloor.resolve.places import gazetteer_lookup

    started = time.perf_counter()
    corpus = load_corpus(args.data, args.corpus, args.limit)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    extractor = entity_extractor(get_settings())
    if extractor.model:
        load_model(extractor.model)
    gazetteer_lookup("London")  # builds the gazetteer index
    setup_s = time.perf_counter() - started

    print(f"{args.corpus.upper()} ({path}): {len(corpus.documents)} articles, "
          f"{sum(len(d.toponyms) for d in corpus.documents):,} gold toponyms, "
          f"{len(corpus.dropped)} annotations dropped (span does not hold the name"
          + (f": {', '.join(f'{d}:{n!r} {s}-{e}' for d, n, s, e in corpus.dropped[:5])}"
             if corpus.dropped else "") + ")")
    print(f"extractor: model {extractor.model}, knowledge base {len(extractor.kb.entries)} "
          f"entries; corpus read in {load_s:.1f} s, model + knowledge base + gazetteer "
          f"loaded in {setup_s:.1f} s")

    recognition = evaluate_recognition(corpus, extractor)
    report_recognition(recognition, args.corpus, args.examples)
    resolution = evaluate_resolution(corpus, extractor)
    report_resolution(resolution, args.corpus, args.examples)

    print(f"\nspeed: recognition {recognition.documents / recognition.seconds:.1f} documents/s, "
          f"{recognition.words / recognition.seconds:,.0f} words/s "
          f"({recognition.words:,} words in {recognition.seconds:.1f} s, wall clock, not pinned); "
          f"resolution {resolution.total / max(resolution.seconds, 1e-9):,.0f} toponyms/s")
    print(f"peak RSS: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
