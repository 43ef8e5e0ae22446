r"""Main-text extraction quality of ``clean_html`` on the article-extraction-benchmark corpus.

Usage::

    PYTHONPATH=src python benchmarks/bench_extraction.py [DATA_DIR] [--limit N] [--worst K]

``DATA_DIR`` defaults to ``<repo>/../shared/eval-data/article-extraction-benchmark`` and holds
``html/<id>.html.gz`` and ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``).

The score is the one defined by that benchmark's ``evaluate.py`` (scrapinghub/
article-extraction-benchmark), re-implemented here. It is token-based, counted on shingles:

* a text is split into tokens, the maximal runs of ``\w`` characters (case kept), and the tokens
  into overlapping 4-token shingles, counted as a multiset (``shingle_counts``);
* per page, matched shingle occurrences are true positives, surplus predicted ones false
  positives, missing gold ones false negatives; the three are divided by their sum so that every
  page weighs the same (``page_counts``);
* precision is the mean over pages with some prediction, recall the mean over pages with some
  gold text, and F1 the harmonic mean of those two means (``corpus_scores``).

The bootstrap confidence intervals of ``evaluate.py`` are not computed. A page that
``clean_html`` rejects (``NoArticleError``) counts as an empty prediction.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from watchfloor.clean.html import clean_html
from watchfloor.errors import NoArticleError

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "eval-data" / "article-extraction-benchmark"
PUBLISHED = {"trafilatura 2.0": 0.958, "readability.js": 0.947, "goose3": 0.896, "best": 0.970}

_TOKEN = re.compile(r"\w+")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
SHINGLE = 4


# --- the metric ---------------------------------------------------------------------------------


def shingle_counts(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of word n-grams ("shingles") of ``text``.

    Tokens are maximal runs of ``\\w`` characters, case kept. A text shorter than ``n`` tokens
    gives one shorter shingle (all its tokens); an empty text gives none.
    """
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles of one page, normalised to sum to 1 (all 0 if both are empty).

    A shingle occurring ``t`` times in the gold text and ``p`` times in the prediction adds
    ``min(t, p)`` to tp, ``max(0, p - t)`` to fp and ``max(0, t - p)`` to fn. Dividing by the
    total gives every page the same weight whatever its length.
    """
    gold, got = shingle_counts(true), shingle_counts(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def corpus_scores(counts: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision, mean recall and the F1 of those two means, as in ``evaluate.py``.

    Precision is averaged over pages with a non-empty prediction (tp + fp > 0), recall over
    pages with a non-empty gold text (tp + fn > 0); F1 is the harmonic mean of the two averages
    (not an average of per-page F1).
    """
    counts = list(counts)
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


# --- the corpus ---------------------------------------------------------------------------------


def decode_page(data: bytes) -> str:
    """UTF-8 if the bytes are valid UTF-8, else the declared charset, else charset-normalizer."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:8192])
    if declared:
        try:
            return data.decode(declared[1].decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    html: str
    gold: str


def load_corpus(data_dir: Path, limit: int | None = None) -> list[Page]:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((data_dir / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append(
            Page(page_id, entry.get("url"), decode_page(raw), entry.get("articleBody", ""))
        )
    return pages


def predict(page: Page) -> str:
    try:
        return clean_html(page.html, source=page.id, url=page.url).text
    except NoArticleError:
        return ""


@dataclass(frozen=True)
class Run:
    scores: dict[str, float]
    per_page: dict[str, tuple[float, float, float]]
    seconds: float
    """Wall time of the extraction alone (loading and scoring excluded)."""
    cpu_seconds: float


def run(pages: list[Page], extract: Callable[[Page], str] = predict) -> Run:
    """Extract every page and score the predictions."""
    predictions: dict[str, str] = {}
    started, cpu_started = time.perf_counter(), time.process_time()
    for page in pages:
        predictions[page.id] = extract(page)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    per_page = {page.id: page_counts(page.gold, predictions[page.id]) for page in pages}
    return Run(corpus_scores(per_page.values()), per_page, seconds, cpu_seconds)


def _peak_rss_mib() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list the K lowest-F1 pages")
    args = parser.parse_args(argv)

    data_dir: Path = args.data_dir
    if not (data_dir / "ground-truth.json").is_file() or not (data_dir / "html").is_dir():
        print(
            f"error: benchmark data not found in {data_dir} (expected ground-truth.json and "
            "html/*.html.gz from scrapinghub/article-extraction-benchmark)",
            file=sys.stderr,
        )
        return 2

    pages = load_corpus(data_dir, args.limit)
    rss_loaded = _peak_rss_mib()
    result = run(pages)
    rss_peak = _peak_rss_mib()
    scores = result.scores
    print(f"article-extraction-benchmark: {len(pages)} pages from {data_dir}")
    print(
        f"clean_html          precision={scores['precision']:.4f}  "
        f"recall={scores['recall']:.4f}  F1={scores['f1']:.4f}"
    )
    print("published F1        " + "  ".join(f"{k} {v:.3f}" for k, v in PUBLISHED.items()))
    print(
        f"speed               {len(pages) / result.seconds:.1f} pages/s "
        f"({result.seconds:.1f} s wall, {result.cpu_seconds:.1f} s CPU)"
    )
    print(
        f"memory              peak RSS {rss_peak:.0f} MiB "
        f"(after loading the corpus, before extracting: {rss_loaded:.0f} MiB)"
    )
    if args.worst:
        urls = {page.id: page.url for page in pages}

        def f1(c: tuple[float, float, float]) -> float:
            return 2 * c[0] / (2 * c[0] + c[1] + c[2]) if c[0] else 0.0

        print(f"lowest {args.worst} pages by F1:")
        for page_id, c in sorted(result.per_page.items(), key=lambda item: f1(item[1]))[
            : args.worst
        ]:
            print(f"  {page_id[:12]}  P={_precision(*c):.3f} R={_recall(*c):.3f}  {urls[page_id]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
