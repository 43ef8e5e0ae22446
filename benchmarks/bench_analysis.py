"""Whole-analysis throughput: entities, times, quotes, figures and events per article.

    python benchmarks/bench_analysis.py [--count 10000] [--cpu 0]

Generates the corpus (benchmarks/corpusgen.py), ingests it without analysis, then times the
analysis of every article on one core (``extract_pending``: spaCy in batches, the rule-based
extractors, one transaction per article), and prints articles/s, words/s, the time spent in each
extractor (measured separately on a sample), and peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpusgen import write_corpus  # noqa: E402

from watchfloor.config import get_settings  # noqa: E402
from watchfloor.extract import claims, events, quotes, timex  # noqa: E402
from watchfloor.extract.run import entity_extractor, extract_pending  # noqa: E402
from watchfloor.pipeline import ingest_paths  # noqa: E402
from watchfloor.store import Store  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--cpu", type=int, default=0, help="core to pin to (-1: do not pin)")
    parser.add_argument("--sample", type=int, default=300, help="articles for the breakdown")
    args = parser.parse_args()
    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
        print(f"pinned to core {args.cpu}")
    with tempfile.TemporaryDirectory(prefix="wf-analysis-") as tmp:
        folder = write_corpus(Path(tmp) / "corpus", args.count)
        with Store(str(Path(tmp) / "bench.db")) as store:
            ingest_paths(store, [str(folder)])
            articles = list(store.iter_articles())
            words = sum(len(a.text.split()) for a in articles)
            print(f"corpus: {len(articles)} articles, {words:,} words")
            extractor = entity_extractor(get_settings())
            extractor("warm up the model", "en")
            start_cpu, start = time.process_time(), time.perf_counter()
            done = extract_pending(store)
            cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start
            print(f"analysis: {done} articles in {wall:.1f} s wall, {cpu:.1f} s CPU "
                  f"= {done / cpu:.1f} articles/s per core, {words / cpu:,.0f} words/s per core")
            sample = articles[: args.sample]
            parts = {"entities": 0.0, "times": 0.0, "quotes": 0.0, "claims": 0.0, "events": 0.0}
            for article in sample:
                t0 = time.process_time()
                mentions = extractor(article.text, article.language)
                t1 = time.process_time()
                found_times = timex.extract_times(article.text, article.published)
                t2 = time.process_time()
                quotes.extract_quotes(article.text, mentions)
                t3 = time.process_time()
                claims.extract_claims(article.text, mentions, article.published)
                t4 = time.process_time()
                events.extract_events(article.text, mentions, found_times, article.published)
                t5 = time.process_time()
                for key, value in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4),
                                      strict=True):
                    parts[key] += value
            total = sum(parts.values())
            print(f"breakdown on {len(sample)} articles (CPU ms per article):")
            for key, value in parts.items():
                print(f"  {key:9} {value / len(sample) * 1000:7.2f} ms  {value / total:6.1%}")
    print(f"peak RSS: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
