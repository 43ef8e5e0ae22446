"""Ingest throughput: articles per second and peak memory on a generated corpus.

    python benchmarks/bench_ingest.py [--count 10000] [--db sqlite|postgresql://...]

Writes the corpus to a temporary folder (70% plain text with boilerplate, 20% HTML, 10% JSONL),
ingests it into a fresh store on one core, then ingests it again (everything unchanged) and
prints both rates, the peak resident memory, and the time per article over the run's quarters
(to show whether cost grows as the store fills).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpusgen import write_corpus  # noqa: E402

from watchfloor.pipeline import ingest_paths  # noqa: E402
from watchfloor.store import Store  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--db", default="sqlite", help="'sqlite' (a temporary file) or a URL")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="wf-bench-") as tmp:
        folder = write_corpus(Path(tmp) / "corpus", args.count)
        db = str(Path(tmp) / "bench.db") if args.db == "sqlite" else args.db
        print(f"corpus: {args.count} articles in {folder} ; store: {db.split('@')[-1]}")
        print(f"peak RSS before ingest: {peak_rss_mb():.0f} MB")
        with Store(db) as store:
            stamps: list[float] = []
            start = time.perf_counter()
            report = ingest_paths(store, [str(folder)],
                                  on_outcome=lambda _o: stamps.append(time.perf_counter()))
            first = time.perf_counter() - start
            counts = dict(report.counts)
            n = len(report.outcomes)
            print(f"first ingest : {n} inputs in {first:.1f} s = {n / first:.0f} articles/s "
                  f"{counts}")
            quarter = max(1, n // 4)
            previous = start
            parts = []
            for q in range(4):
                end = stamps[min(n - 1, (q + 1) * quarter - 1)]
                parts.append(f"{(end - previous) / quarter * 1000:.2f}")
                previous = end
            print(f"ms per article by quarter of the run: {' / '.join(parts)}")
            start = time.perf_counter()
            again = ingest_paths(store, [str(folder)])
            second = time.perf_counter() - start
            print(f"re-ingest    : {len(again.outcomes)} inputs in {second:.1f} s = "
                  f"{len(again.outcomes) / second:.0f} inputs/s {dict(again.counts)}")
            print(f"store check  : {store.integrity_problems() or 'consistent'}")
        print(f"peak RSS     : {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
