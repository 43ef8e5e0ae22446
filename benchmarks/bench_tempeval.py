"""Time-expression quality of ``extract_times`` on the TempEval-3 platinum test set.

Usage::

    .venv/bin/python benchmarks/bench_tempeval.py [DATA_DIR] [--errors] [--repeat N]

``DATA_DIR`` defaults to ``<repo>/../shared/eval-data/tempeval3-platinum`` and holds the 20
TimeML documents (``*.tml``) of the TempEval-3 platinum test set (UzZaman et al. 2013), with 138
TIMEX3 expressions in their ``TEXT`` besides the document creation times.

How a document is read: the ``TEXT`` element is flattened to plain text (tags dropped, entities
decoded, every character kept), and each ``TIMEX3`` inside it becomes a gold span with its
``value``. The document creation time (the ``TIMEX3`` with ``functionInDocument="CREATION_TIME"``,
in ``DCT``) is the anchor passed to ``extract_times``; it is never scored. The title is not scored
either (TempEval-3 annotates ``TEXT`` only).

Scores, over all documents together (micro-averaged, as the TempEval-3 scorer does):

* *strict* recognition: a prediction is correct when its span equals a gold span exactly;
  precision = correct predictions / predictions, recall = gold spans found / gold spans.
* *relaxed* recognition: a prediction is correct when it shares at least one character with a gold
  span, and a gold span is found when some prediction shares a character with it.
* *value accuracy*: among gold expressions found (relaxed), the share whose value equals the gold
  ``value`` (each gold span is paired with the prediction that overlaps it most).
* *value F1*, TempEval-3's attribute F1: correct values / predictions (P), correct values / gold
  expressions (R), and their harmonic mean. It rewards recognition and normalisation together,
  which is how the published figure for HeidelTime (about 0.78) was measured.

Two conventions differ between ``extract_times`` and TimeML, and the benchmark bridges them
(nothing else is adjusted):

* our span starts at a signal word when the signal changes the interval ("since August 2021",
  "by the end of 2023", "between 2020 and 2022"); TimeML leaves signals out of the TIMEX3. Before
  comparing, a leading ``since``/``until``/``till``/``through``/``up to``/``up until``/``by``/
  ``before``/``after``/``prior to``/``from``/``between`` and the spaces after it are cut from our
  span. A range we keep as one expression ("2009-2010") stays one prediction against TimeML's two
  TIMEX3s.
* our ``value`` of a range is an ISO interval (``2021-08/2025-04-02``); its TIMEX3 view is the end
  the text writes: the second part after ``until``/``by``/``before``-type signals, else the first.
  A value of None (an ambiguous date) never matches.

Speed: ``extract_times`` over all documents, repeated ``--repeat`` times (default 20) after one
untimed pass, as predicted expressions per second and characters per second (one core,
``time.process_time``).

Published reference (HeidelTime, the best rule-based system at TempEval-3): strict F1 0.818,
relaxed F1 0.907, value F1 about 0.78.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from watchfloor.types import TimeExpr

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval-data" / "tempeval3-platinum"
PUBLISHED = {"strict_f1": 0.818, "relaxed_f1": 0.907, "value_f1": 0.78}
"""HeidelTime at TempEval-3 (UzZaman et al. 2013), as given in ../shared/eval-data/README.md."""

_SIGNAL = re.compile(r"^(?:pre-|post-|(?:since|until|till|through|up\s+to|up\s+until|by|before|"
                     r"after|prior\s+to|from|between)\s+)", re.IGNORECASE)
_CLOSING_SIGNAL = re.compile(r"^(?:pre-|(?:until|till|through|up\s+to|up\s+until|by|before|"
                             r"prior\s+to)\s)", re.IGNORECASE)


# --- the corpus ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    text: str
    anchor: dt.date | None
    gold: list[Gold] = field(default_factory=list)


def _flatten(element: ET.Element, parts: list[str], gold: list[Gold], offset: list[int]) -> None:
    """Append the element's text to ``parts`` and record its TIMEX3 descendants' spans."""
    start = offset[0]
    if element.text:
        parts.append(element.text)
        offset[0] += len(element.text)
    for child in element:
        _flatten(child, parts, gold, offset)
        if child.tail:
            parts.append(child.tail)
            offset[0] += len(child.tail)
    if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
        # The text is filled in by load_document once the whole TEXT is flattened.
        gold.append(Gold(start, offset[0], "", element.get("type", ""), element.get("value", "")))


def load_document(path: Path) -> Document:
    root = ET.parse(path).getroot()
    anchor = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            match = re.match(r"(\d{4})-(\d{2})-(\d{2})", timex.get("value", ""))
            if match:
                anchor = dt.date(*(int(g) for g in match.groups()))
            break
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path.name}: no TEXT element")
    parts: list[str] = []
    gold: list[Gold] = []
    offset = [0]
    if body.text:
        parts.append(body.text)
        offset[0] += len(body.text)
    for child in body:
        _flatten(child, parts, gold, offset)
        if child.tail:
            parts.append(child.tail)
            offset[0] += len(child.tail)
    text = "".join(parts)
    gold = [Gold(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in gold]
    return Document(path.stem, text, anchor, sorted(gold, key=lambda g: g.start))


def load_corpus(folder: Path) -> list[Document]:
    return [load_document(path) for path in sorted(folder.glob("*.tml"))]


# --- scoring ------------------------------------------------------------------------------------


def timex3_span(t: TimeExpr) -> tuple[int, int]:
    """Our span without a leading signal word (TimeML keeps signals out of TIMEX3)."""
    m = _SIGNAL.match(t.text)
    return (t.start + m.end(), t.end) if m else (t.start, t.end)


def timex3_value(t: TimeExpr) -> str | None:
    """Our value as a TIMEX3 value: for an interval, the end the text writes."""
    value = t.value
    if value is None or "/" not in value:
        return value
    first, second = value.split("/", 1)
    chosen = second if _CLOSING_SIGNAL.match(t.text) else first
    return None if chosen == ".." else chosen


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    strict_correct: int = 0
    strict_found: int = 0
    relaxed_correct: int = 0
    relaxed_found: int = 0
    value_correct: int = 0

    @staticmethod
    def prf(correct: int, predicted: int, found: int, gold: int) -> tuple[float, float, float]:
        p = correct / predicted if predicted else 0.0
        r = found / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def strict(self) -> tuple[float, float, float]:
        return self.prf(self.strict_correct, self.predicted, self.strict_found, self.gold)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return self.prf(self.relaxed_correct, self.predicted, self.relaxed_found, self.gold)

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed_found if self.relaxed_found else 0.0

    @property
    def value(self) -> tuple[float, float, float]:
        return self.prf(self.value_correct, self.predicted, self.value_correct, self.gold)


@dataclass
class Evaluation:
    counts: Counts
    errors: list[str]
    expressions_per_s: float = 0.0
    chars_per_s: float = 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def evaluate(docs: Iterable[Document]) -> Evaluation:
    from watchfloor.extract.timex import extract_times

    counts = Counts()
    errors: list[str] = []
    for doc in docs:
        predictions = extract_times(doc.text, doc.anchor)
        spans = [timex3_span(t) for t in predictions]
        counts.predicted += len(predictions)
        counts.gold += len(doc.gold)
        gold_spans = [(g.start, g.end) for g in doc.gold]
        for t, span in zip(predictions, spans, strict=True):
            if span in gold_spans:
                counts.strict_correct += 1
            if any(_overlap(span, g) for g in gold_spans):
                counts.relaxed_correct += 1
            else:
                errors.append(f"{doc.name}: FP {doc.text[span[0]:span[1]]!r} ({t.kind} "
                              f"{t.value}) in …{_context(doc.text, *span)}…")
        for g in doc.gold:
            gspan = (g.start, g.end)
            if gspan in spans:
                counts.strict_found += 1
            best = max(range(len(spans)), key=lambda i: _overlap(spans[i], gspan), default=None)
            if best is None or not _overlap(spans[best], gspan):
                errors.append(f"{doc.name}: FN {g.text!r} ({g.type} {g.value}) in "
                              f"…{_context(doc.text, g.start, g.end)}…")
                continue
            counts.relaxed_found += 1
            t = predictions[best]
            value = timex3_value(t)
            if value == g.value:
                counts.value_correct += 1
            else:
                errors.append(f"{doc.name}: VALUE {g.text!r} gold {g.value} ({g.type}), ours "
                              f"{t.text!r} {value} ({t.kind}, {t.basis}); anchor {doc.anchor}")
            if spans[best] != gspan:
                errors.append(f"{doc.name}: SPAN gold {g.text!r}, ours "
                              f"{doc.text[spans[best][0]:spans[best][1]]!r}")
    return Evaluation(counts, errors)


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def measure_speed(docs: list[Document], repeat: int) -> tuple[float, float]:
    from watchfloor.extract.timex import extract_times

    for doc in docs:  # untimed pass
        extract_times(doc.text, doc.anchor)
    found = chars = 0
    started = time.process_time()
    for _ in range(repeat):
        for doc in docs:
            found += len(extract_times(doc.text, doc.anchor))
            chars += len(doc.text)
    elapsed = max(time.process_time() - started, 1e-9)
    return found / elapsed, chars / elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA,
                        help=f"folder with the TempEval-3 platinum .tml files "
                             f"(default: {DEFAULT_DATA})")
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--repeat", type=int, default=20, help="timed passes for the speed")
    args = parser.parse_args(argv)
    if not args.data.is_dir() or not any(args.data.glob("*.tml")):
        sys.exit(f"TempEval-3 platinum data not found: no .tml files in {args.data}\n"
                 f"Pass the folder holding them as the first argument (default {DEFAULT_DATA}; "
                 f"see ../shared/eval-data/README.md).")

    docs = load_corpus(args.data)
    result = evaluate(docs)
    c = result.counts
    expressions_per_s, chars_per_s = measure_speed(docs, args.repeat)
    print(f"TempEval-3 platinum ({args.data}): {len(docs)} documents, {c.gold} gold TIMEX3 "
          f"(document creation times excluded), {c.predicted} predicted")
    print(f"{'':24}{'P':>7}{'R':>7}{'F1':>7}   HeidelTime F1")
    sp, sr, sf = c.strict
    rp, rr, rf = c.relaxed
    vp, vr, vf = c.value
    print(f"{'strict (exact span)':24}{sp:7.3f}{sr:7.3f}{sf:7.3f}   {PUBLISHED['strict_f1']:.3f}")
    print(f"{'relaxed (overlap)':24}{rp:7.3f}{rr:7.3f}{rf:7.3f}   {PUBLISHED['relaxed_f1']:.3f}")
    print(f"{'value F1 (TempEval-3)':24}{vp:7.3f}{vr:7.3f}{vf:7.3f}   "
          f"~{PUBLISHED['value_f1']:.2f}")
    print(f"value accuracy on recognised (relaxed) expressions: {c.value_accuracy:.3f} "
          f"({c.value_correct}/{c.relaxed_found})")
    print(f"speed: {expressions_per_s:,.0f} expressions/s, {chars_per_s / 1e6:.2f} M chars/s "
          f"(one core, {args.repeat} passes)")
    if args.errors:
        print()
        for line in result.errors:
            print(line)


if __name__ == "__main__":
    main()
