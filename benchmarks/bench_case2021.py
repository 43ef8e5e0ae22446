r"""The rule-based PLOVER event extractor as a classifier of CASE 2021 task 2 snippets.

Usage::

    PYTHONPATH=src python benchmarks/bench_case2021.py [DATA_DIR] [--limit N] [--confusions K]

``DATA_DIR`` defaults to ``<repo>/../shared/eval-data/case2021-task2`` and holds
``task2_test_with_labels.tsv`` (``id``, ``EventSnippet``, ``SubType``: 1,019 news snippets, each
with one of 30 ACLED-style event sub-types). The published best weighted F1 on this test set is
83.9 (a fine-tuned transformer). This benchmark is an honest baseline for what the rule-based
extractor's types say about such snippets, not a trained classifier.

Each snippet goes through the real entity extractor, the time extractor (no publication date)
and ``extract_events``; its events are mapped coarsely onto one sub-type:

==========================================  ============================================
our events in the snippet                   ACLED-style sub-type
==========================================  ============================================
PROTEST and ASSAULT                         FORCE_AGAINST_PROTEST
PROTEST and COERCE                          PROTEST_WITH_INTER
PROTEST/riot                                VIOL_DEMONSTR
PROTEST (other modes)                       PEACE_PROTEST
ASSAULT/explosives + "grenade"              GRENADE
ASSAULT/explosives + "suicide"              SUIC_BOMB
ASSAULT/explosives                          REM_EXPLOS
ASSAULT/heavy-weapons + air words           AIR_STRIKE
ASSAULT/heavy-weapons                       ART_MISS_ATTACK
ASSAULT, context cbrn                       CHEM_WEAP
ASSAULT/abduct                              ABDUCT_DISSAP
ASSAULT/destroy, ASSAULT/primitive + fire   PROPERTY_DISTRUCT
ASSAULT/firearms, clashes, fighting, or     ARMED_CLASH
an armed side named (troops, militants ...)
ASSAULT (other: against civilians)          ATTACK
COERCE/arrest                               ARREST
MOBILIZE                                    CHANGE_TO_GROUP_ACT
RETREAT/withdraw                            NON_VIOL_TERRIT_TRANSFER
AGREE, SUPPORT (signing)                    AGREEMENT
CONSULT, REQUEST, ACCUSE, REJECT, ...       DIPLO
no event                                    OTHER
==========================================  ============================================

The most violent event decides (ASSAULT before PROTEST before COERCE ...). Sub-types PLOVER does
not code (natural and man-made disasters, organised crime, sexual violence, territory taken by
force, headquarters established, disrupted weapons use, attribution) are never predicted: they
count against the score as they should.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

from watchfloor.config import get_settings
from watchfloor.extract.events import extract_events
from watchfloor.extract.run import entity_extractor
from watchfloor.extract.timex import extract_times
from watchfloor.types import Event

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval-data" / "case2021-task2"
PUBLISHED_BEST_WEIGHTED_F1 = 83.9

_AIR = ("air strike", "airstrike", "air raid", "warplane", "jet", "aircraft", "drone",
        "helicopter", "bombed", "bombing raid")
_FIRE = ("fire", "burn", "torch", "arson")
_ARMED = re.compile(r"\b(?:soldiers?|troops|militants?|militias?|forces|army|police(?:men)?|"
                    r"rebels?|insurgents?|fighters|gunmen|security personnel|guerrillas?|"
                    r"jihadists?|armed (?:men|group))\b")
"""ACLED's line between an armed clash (armed, organised sides fight) and an attack (on
civilians): an armed side named in the snippet."""


def predict(events: list[Event], snippet: str) -> str:
    """One ACLED-style sub-type for a snippet's events (see the module's table)."""
    low = snippet.lower()
    types = {e.type for e in events}
    assaults = [e for e in events if e.type == "ASSAULT"]
    if "PROTEST" in types and assaults:
        return "FORCE_AGAINST_PROTEST"
    if "PROTEST" in types and "COERCE" in types:
        return "PROTEST_WITH_INTER"
    if assaults:
        modes = {e.mode for e in assaults}
        if any(e.context == "cbrn" for e in assaults):
            return "CHEM_WEAP"
        if "explosives" in modes:
            if "grenade" in low:
                return "GRENADE"
            return "SUIC_BOMB" if "suicide" in low else "REM_EXPLOS"
        if "heavy-weapons" in modes:
            return "AIR_STRIKE" if any(w in low for w in _AIR) else "ART_MISS_ATTACK"
        if "abduct" in modes:
            return "ABDUCT_DISSAP"
        if "destroy" in modes or ("primitive" in modes and any(w in low for w in _FIRE)):
            return "PROPERTY_DISTRUCT"
        if "firearms" in modes or _ARMED.search(low) or any(
                e.trigger.lower().startswith(("clash", "fight", "fought", "ambush"))
                for e in assaults):
            return "ARMED_CLASH"
        return "ATTACK"
    protests = [e for e in events if e.type == "PROTEST"]
    if protests:
        return "VIOL_DEMONSTR" if any(e.mode == "riot" for e in protests) else "PEACE_PROTEST"
    if any(e.type == "COERCE" and e.mode == "arrest" for e in events):
        return "ARREST"
    if "MOBILIZE" in types:
        return "CHANGE_TO_GROUP_ACT"
    if any(e.type == "RETREAT" and e.mode == "withdraw" for e in events):
        return "NON_VIOL_TERRIT_TRANSFER"
    if "AGREE" in types or any(e.type == "SUPPORT" and e.trigger.lower().startswith(
            ("sign", "ratif", "final", "conclud")) for e in events):
        return "AGREEMENT"
    if events:
        return "DIPLO"
    return "OTHER"


def scores(gold: list[str], pred: list[str]) -> tuple[float, float, dict[str, tuple[float, ...]]]:
    """Accuracy, support-weighted F1 (as scikit-learn's ``average="weighted"``; a class never
    predicted has precision 0) and per-class (precision, recall, F1, support)."""
    support = Counter(gold)
    predicted = Counter(pred)
    correct = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    per_class = {}
    for label, n in support.items():
        precision = correct[label] / predicted[label] if predicted[label] else 0.0
        recall = correct[label] / n
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = (precision, recall, f1, n)
    weighted = sum(f1 * n for _, _, f1, n in per_class.values()) / len(gold)
    accuracy = sum(correct.values()) / len(gold)
    return accuracy, weighted, per_class


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N snippets")
    parser.add_argument("--confusions", type=int, default=10,
                        help="how many of the most frequent confusions to list")
    args = parser.parse_args(argv)
    tsv = args.data / "task2_test_with_labels.tsv"
    if not tsv.is_file():
        print(f"CASE 2021 task 2 data not found: {tsv} is missing "
              f"(the shared eval-data folder sits beside the repository)", file=sys.stderr)
        return 2
    with tsv.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r.get("SubType") and r["SubType"] != "SubType"]
    if args.limit:
        rows = rows[:args.limit]
    extractor = entity_extractor(get_settings())
    kb = extractor.kb
    started = time.perf_counter()
    snippets = [r["EventSnippet"] for r in rows]
    gold = [r["SubType"].strip() for r in rows]
    mentions = extractor.many([(s, "en") for s in snippets])
    entity_seconds = time.perf_counter() - started
    started = time.perf_counter()
    times = [extract_times(s, None) for s in snippets]
    pred = [predict(extract_events(s, m, t, None, kb=kb), s)
            for s, m, t in zip(snippets, mentions, times, strict=True)]
    event_seconds = time.perf_counter() - started
    accuracy, weighted, per_class = scores(gold, pred)

    print(f"CASE 2021 task 2: {len(rows)} snippets, {len(set(gold))} sub-types")
    print(f"entity extraction {entity_seconds:.1f} s, times and events {event_seconds:.2f} s")
    print(f"{'sub-type':28} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for label, (p, r, f1, n) in sorted(per_class.items(), key=lambda kv: -kv[1][3]):
        print(f"{label:28} {100 * p:6.1f} {100 * r:6.1f} {100 * f1:6.1f} {n:5d}")
    no_event = sum(1 for p in pred if p == "OTHER")
    print(f"snippets with no event: {no_event} ({100 * no_event / len(pred):.1f}%)")
    print("most frequent confusions (gold -> predicted):")
    for (g, p), n in Counter((g, p) for g, p in zip(gold, pred, strict=True)
                             if g != p).most_common(args.confusions):
        print(f"  {g} -> {p}: {n}")
    print(f"accuracy {100 * accuracy:.1f}, weighted F1 {100 * weighted:.1f} "
          f"(published best weighted F1 {PUBLISHED_BEST_WEIGHTED_F1}, a fine-tuned transformer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
