"""Throughput of the quote extractor on the real articles and on a generated corpus, on one core.

Usage::

    .venv/bin/python benchmarks/bench_quotes.py [--articles N] [--repeat R] [--seed S] [--cpu C]

Measured: ``extract_quotes(text, mentions)`` alone. Mentions are computed beforehand by the
shipped entity extractor (knowledge base + spaCy) for the real articles (the five seeds in
``../shared/corpus/seeds`` and the twelve sample-corpus articles in ``examples/corpus``), and by
the knowledge-base matcher alone for the ``N`` generated articles (``benchmarks/corpusgen``), so
that the entity stage's cost is not counted. Each corpus is extracted once untimed, then ``R`` times
timed. Rates are per CPU second of this process (``time.process_time``); the process is pinned to
one CPU where the OS allows it. Also printed: a hostile megabyte on one line (dense quotes and
reporting verbs), whose time should stay within seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpusgen  # noqa: E402  (the generator next to this file)


def pin_to_one_core(cpu: int | None) -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0)) if cpu is None else cpu
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "NOT pinned (no os.sched_setaffinity)"


def real_articles() -> list[tuple[str, str]]:
    """(name, clean text) of the seeds and the sample corpus, cleaned as ingest would."""
    from watchfloor.clean.html import clean_html
    from watchfloor.clean.plaintext import clean_plaintext

    out = []
    seeds = REPO.parent / "shared" / "corpus" / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        out.append((path.name, clean_plaintext(path.read_text("utf-8"), source=str(path)).text))
    corpus = REPO / "examples" / "corpus"
    for path in sorted((corpus / "html").iterdir()):
        data = path.read_bytes()
        data = gzip.decompress(data) if path.suffix == ".gz" else data
        out.append((path.name, clean_html(data.decode("utf-8"), source=str(path)).text))
    for path in sorted((corpus / "text").glob("*.txt")) + sorted((corpus / "md").glob("*.md")):
        out.append((path.name, clean_plaintext(path.read_text("utf-8"), source=str(path)).text))
    with open(corpus / "dump.jsonl", encoding="utf-8") as dump:
        for number, line in enumerate(dump, 1):
            record = json.loads(line)
            text = (clean_plaintext(record["text"], source="dump") if record.get("text")
                    else clean_html(record["html"], source="dump")).text
            out.append((f"dump.jsonl#{number}", text))
    return out


def run(items: list[tuple[str, list]], repeat: int) -> tuple[float, int]:
    from watchfloor.extract.quotes import extract_quotes

    count = sum(len(extract_quotes(text, mentions)) for text, mentions in items)  # warm-up
    started = time.process_time()
    for _ in range(repeat):
        for text, mentions in items:
            extract_quotes(text, mentions)
    return (time.process_time() - started) / repeat, count


def row(label: str, items: list[tuple[str, list]], seconds: float, quotes: int) -> None:
    chars = sum(len(text) for text, _ in items)
    print(f"{label:34}{len(items):>9,}{quotes:>8,}{seconds * 1000:>10.1f}"
          f"{len(items) / seconds:>12,.0f}{quotes / seconds:>11,.0f}{chars / seconds / 1e6:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cpu", type=int)
    args = parser.parse_args()
    pinned = pin_to_one_core(args.cpu)

    from watchfloor.config import get_settings
    from watchfloor.extract.entities import EntityExtractor
    from watchfloor.extract.quotes import NAME, VERSION, extract_quotes
    from watchfloor.extract.run import entity_extractor, knowledge_base

    settings = get_settings()
    full = entity_extractor(settings)
    real = [(text, full(text, "en")) for _, text in real_articles()]
    kb_only = EntityExtractor(knowledge_base(settings), model=None)
    rng = random.Random(args.seed)
    generated_texts = [corpusgen.article(rng, i)["text"] for i in range(args.articles)]
    generated = [(text, kb_only(text, "en")) for text in generated_texts]

    print(f"{NAME}/{VERSION}, python {sys.version.split()[0]}, {pinned}; "
          f"mean of {args.repeat} timed passes after one untimed")
    print(f"\n{'corpus':34}{'articles':>9}{'quotes':>8}{'ms/pass':>10}{'articles/s':>12}"
          f"{'quotes/s':>11}{'MB/s':>8}")
    row("seeds + sample corpus (real)", real, *run(real, args.repeat))
    row(f"generated (corpusgen, seed {args.seed})", generated,
        *run(generated, max(1, args.repeat // 10)))

    hostile = ("“Quote here,” John Smith said, adding: ‘it is’ and the Allies’ “x ” " * 15_000)
    started = time.process_time()
    found = extract_quotes(hostile, [])
    print(f"\nhostile: {len(hostile):,} characters on one line, {len(found):,} quotes, "
          f"{time.process_time() - started:.2f} CPU s")


if __name__ == "__main__":
    main()
