"""Quality gate: time expressions on the TempEval-3 platinum test set must not fall below floors.

The scoring is the one of ``benchmarks/bench_tempeval.py`` (see its docstring): TIMEX3
recognition precision/recall/F1 with exact spans (strict) and with overlap (relaxed), the value
accuracy on expressions found, and TempEval-3's value F1; the document creation time is the
anchor and is not scored. The floors sit just under what ``extract_times`` measured; raise them
when the extractor improves. (HeidelTime, for comparison: strict F1 0.818, relaxed F1 0.907,
value F1 about 0.78.)

Skipped when ``../shared/eval-data/tempeval3-platinum`` is absent (it is not part of the
repository).
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import REPO, SHARED

DATA = SHARED / "eval-data" / "tempeval3-platinum"
# Measured: 138 gold, 126 predicted; strict P 0.937 R 0.855 F1 0.894; relaxed P 0.984 R 0.928
# F1 0.955; value accuracy 0.891 (114/128); value F1 0.864.
STRICT_F1_FLOOR = 0.885
RELAXED_F1_FLOOR = 0.945
VALUE_ACCURACY_FLOOR = 0.88
VALUE_F1_FLOOR = 0.855


def _bench():  # type: ignore[no-untyped-def]
    path = REPO / "benchmarks" / "bench_tempeval.py"
    spec = importlib.util.spec_from_file_location("_bench_tempeval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored():  # type: ignore[no-untyped-def]
    if not DATA.is_dir() or not any(DATA.glob("*.tml")):
        pytest.skip(f"TempEval-3 platinum not found at {DATA} (shared eval data absent)")
    bench = _bench()
    docs = bench.load_corpus(DATA)
    return docs, bench.evaluate(docs).counts


def test_gold_spans_hold_their_text(scored) -> None:  # type: ignore[no-untyped-def]
    docs, counts = scored
    assert len(docs) == 20
    assert counts.gold == 138
    for doc in docs:
        assert doc.anchor is not None
        for g in doc.gold:
            assert doc.text[g.start:g.end] == g.text and g.text.strip()


def test_recognition(scored) -> None:  # type: ignore[no-untyped-def]
    _, counts = scored
    sp, sr, sf = counts.strict
    rp, rr, rf = counts.relaxed
    assert sf >= STRICT_F1_FLOOR, f"strict F1 {sf:.3f} (P {sp:.3f}, R {sr:.3f}) < {STRICT_F1_FLOOR}"
    assert rf >= RELAXED_F1_FLOOR, (
        f"relaxed F1 {rf:.3f} (P {rp:.3f}, R {rr:.3f}) < {RELAXED_F1_FLOOR}")


def test_normalisation(scored) -> None:  # type: ignore[no-untyped-def]
    _, counts = scored
    assert counts.value_accuracy >= VALUE_ACCURACY_FLOOR, (
        f"value accuracy {counts.value_accuracy:.3f} ({counts.value_correct}/"
        f"{counts.relaxed_found}) < {VALUE_ACCURACY_FLOOR}")
    vp, vr, vf = counts.value
    assert vf >= VALUE_F1_FLOOR, f"value F1 {vf:.3f} (P {vp:.3f}, R {vr:.3f}) < {VALUE_F1_FLOOR}"
