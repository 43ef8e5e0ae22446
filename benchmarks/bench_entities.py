"""Throughput of the entity stage on a generated corpus, on one core.

Usage::

    .venv/bin/python benchmarks/bench_entities.py [--articles N] [--seed S] [--cpu C]
                                                  [--no-full-pipeline]

The corpus is ``N`` articles (default 1,000) of ``benchmarks/corpusgen.article``: regional news
text full of the knowledge base's people, organisations and places. The process is pinned to one
CPU with ``os.sched_setaffinity`` where the OS has it (the output says whether it was), so the
figures are single-core ones. Each configuration makes one untimed pass over 20 articles first,
then one timed pass over all of them. Rates are words (whitespace-separated) and articles per CPU
second of this process (``time.process_time``), so that other work sharing the core does not count
against them; words per wall-clock second are printed beside them.

Rows:

* whole stage: ``extractor(text)`` (knowledge-base matcher, spaCy NER, filters, linking within the
  article, titles);
* knowledge-base matcher alone: the tokens ``EntityExtractor.__call__`` builds (``_tokens``) and
  ``extractor.matcher.match(text, tokens)``; and the match call alone on tokens built beforehand;
* spaCy alone, the pipeline as the extractor loads it (``load_model``: tok2vec and ner only);
* spaCy alone, the model's full default pipeline (``spacy.load``, every component), the figure
  usually quoted for the small English model (about 6,000 words/s on one core); skip it with
  ``--no-full-pipeline``.

Also printed: time to import spaCy and to load the model, to load the knowledge base and build the
matcher, the RSS after loading, and the peak RSS of the run.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpusgen  # noqa: E402  (the generator next to this file)

WARM_UP = 20


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def pin_to_one_core(cpu: int | None) -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0)) if cpu is None else cpu
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu} (os.sched_setaffinity)"
    return "NOT pinned: os.sched_setaffinity is not available here"


def timed(function: Callable[[str], object], texts: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one pass of ``function`` over ``texts``, after a warm-up."""
    for text in texts[:WARM_UP]:
        function(text)
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        function(text)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cpu", type=int, help="CPU to pin to (default: the first allowed)")
    parser.add_argument("--no-full-pipeline", action="store_true",
                        help="skip spaCy's full default pipeline")
    args = parser.parse_args()
    pinned = pin_to_one_core(args.cpu)

    rng = random.Random(args.seed)
    texts = [corpusgen.article(rng, index)["text"] for index in range(args.articles)]
    words = sum(len(text.split()) for text in texts)
    start_rss = rss_mib()

    from watchfloor.config import Settings
    from watchfloor.extract.entities import _tokens, load_model
    from watchfloor.extract.run import entity_extractor

    started = time.perf_counter()
    import spacy

    import_s = time.perf_counter() - started
    settings = Settings()
    started = time.perf_counter()
    extractor = entity_extractor(settings)
    kb_s = time.perf_counter() - started
    if extractor.model is None:
        sys.exit("the spaCy model is turned off in the shipped settings; nothing to compare")
    started = time.perf_counter()
    nlp = load_model(extractor.model)
    load_s = time.perf_counter() - started
    loaded_rss = rss_mib()

    print(f"python {sys.version.split()[0]}, spaCy {spacy.__version__}, model {extractor.model} "
          f"{nlp.meta.get('version', '?')}; {pinned}")
    print(f"corpus: {len(texts):,} generated articles (seed {args.seed}), {words:,} words, "
          f"{words / len(texts):.0f} words and {sum(map(len, texts)) / len(texts):,.0f} "
          f"characters per article")
    print(f"load: import spacy {import_s:.2f} s; knowledge base ({len(extractor.kb.entries)} "
          f"entries) + matcher {kb_s:.2f} s; model (components {', '.join(nlp.pipe_names)}) "
          f"{load_s:.2f} s; RSS {start_rss:.0f} MiB before, {loaded_rss:.0f} MiB after loading")

    prebuilt = [(text, _tokens(text)) for text in texts]
    tokens_of = dict(prebuilt)
    rows: list[tuple[str, float, float]] = [
        ("whole stage: extractor(text)", *timed(extractor, texts)),
        ("KB matcher: _tokens + match", *timed(
            lambda text: extractor.matcher.match(text, _tokens(text)), texts)),
        ("KB matcher: match only", *timed(
            lambda text: extractor.matcher.match(text, tokens_of[text]), texts)),
        ("spaCy as loaded (tok2vec+ner)", *timed(nlp, texts)),
    ]
    if not args.no_full_pipeline:
        started = time.perf_counter()
        full = spacy.load(extractor.model)
        full_load_s = time.perf_counter() - started
        rows.append((f"spaCy full pipeline ({len(full.pipe_names)} comp.)", *timed(full, texts)))

    print(f"\n{'configuration':36}{'wall s':>8}{'CPU s':>8}{'words/s':>10}{'articles/s':>12}"
          f"{'words/wall-s':>14}")
    for label, wall, cpu in rows:
        print(f"{label:36}{wall:8.2f}{cpu:8.2f}{words / cpu:10,.0f}{len(texts) / cpu:12,.1f}"
              f"{words / wall:14,.0f}")
    whole, matcher, spacy_ner = rows[0][2], rows[1][2], rows[3][2]
    rest = whole - matcher - spacy_ner
    print(f"\nshare of the whole stage's CPU time: spaCy (tok2vec+ner) {spacy_ner / whole:.0%}, "
          f"KB matcher {matcher / whole:.0%}, the rest (sentences, filters, linking, titles) "
          f"{rest / whole:.0%}")
    if not args.no_full_pipeline:
        print(f"full pipeline load: {full_load_s:.2f} s ({', '.join(full.pipe_names)})")
    print(f"peak RSS: {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
