"""Brief writing time: a 50-article story and one month of a store of up to 10,000 articles.

    .venv/bin/python benchmarks/bench_brief.py [--sizes 1000,10000] [--reps 5] [--work DIR]
                                               [--seed 7] [--quick]

For each size N a SQLite store is built the real way: ``corpusgen`` writes N generated articles
(dated 2023 to 2025; the plain-text files carry no date, so relating estimates one from the
text), ``ingest_paths`` stores them, ``extract_pending`` analyses them and ``relate_pending``
relates them, with ``Settings(spacy_model="none")`` (knowledge-base names only: much faster than
spaCy, and events, quotes and figures are still extracted). Then one story is planted: 50
follow-up reports on one development (the same person, body and town in every lead, one or two
days apart, wording, figures and quotes varied), stored with ``ingest_one``, analysed and related
like the rest. The story id holding most of them (``store.stories_of``) is the story brief's
selection; how many of the 50 landed in it is printed, since story assignment is the product's
decision, not the benchmark's. Built stores are kept in ``--work`` (default: a folder under the
system temp dir), keyed by size and seed, and reused on the next run.

Two briefs are timed per store, each ``--reps`` times (median and max, in ms; the max is usually
the first, cold, run): the story brief (``Selection(story_id=...)``) and the month brief
(``Selection(since=..., until=...)`` for the month of the median publication date of the
generated articles). Phases: ``collect`` (read the selection and build the dossier),
``compose``, ``check`` (the citation check), and rendering to Markdown, HTML and PDF, each
separately. A brief reads at most ``MAX_ARTICLES`` (500) articles of its selection, the newest.
If the citation check fails, the failing statements are printed verbatim and the check is timed
with ``drop_unsupported=True`` from then on (the statements left out; marked * in the table).
The last Markdown of each brief is kept in ``--work`` for reading.

Each size is built in one process and measured in another, so the peak RSS printed
(``ru_maxrss``) is that of writing briefs alone. ``--quick``: one store of 200 articles, one
repetition, for a smoke run.

Building dominates the run time, and relating most of it: at the time of writing, about 3
minutes for 1,000 articles and 6 for 2,000, while at 10,000 relating ran at about one article per
second (recomputing the disagreements about the subjects of each article's figures), i.e. hours.
A build that is stopped (Ctrl-C) ends the run after printing what was measured; the next run
builds that store again from the start.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpusgen  # noqa: E402
from sqlalchemy import text  # noqa: E402

from watchfloor.config import Settings  # noqa: E402
from watchfloor.extract.run import (  # noqa: E402
    entity_extractor,
    extract_pending,
    knowledge_base,
)
from watchfloor.extract.run import pending as analysis_pending  # noqa: E402
from watchfloor.pipeline import ingest_one, ingest_paths  # noqa: E402
from watchfloor.relate.run import pending as relate_pending_ids  # noqa: E402
from watchfloor.relate.run import relate_pending  # noqa: E402
from watchfloor.report.brief import (  # noqa: E402
    check,
    compose,
    render_html,
    render_markdown,
    render_pdf,
)
from watchfloor.report.dossier import MAX_ARTICLES, Selection, collect  # noqa: E402
from watchfloor.report.verify import BriefCheckError  # noqa: E402
from watchfloor.store import Store  # noqa: E402
from watchfloor.types import RawDocument  # noqa: E402

SETTINGS = Settings(spacy_model="none")
"""Knowledge-base names only: fast and deterministic; events, quotes and figures still found."""
CACHE_VERSION = 1
"""Part of the cache key: bump when the corpus or the planted story changes."""
STORY_SIZE = 50
STORY_START = dt.date(2024, 2, 5)
PHASES = ("collect", "compose", "check", "md", "html", "pdf")

# -- the planted story -----------------------------------------------------------------------------

# Every lead names the same three: a person, a body and a town (and nothing else), so the leads
# coincide; wording, figures, quotes and the rest of each article vary.
PERSON, BODY, TOWN = "Albin Kurti", "EULEX", "Mitrovica"
LEADS = [
    "{person} held talks with {body} in {town} on {date} about reopening the main bridge.",
    "Talks between {person} and {body} resumed in {town} on {date}, with the bridge still "
    "closed to traffic.",
    "On {date}, {person} met representatives of {body} in {town} for another round on the "
    "bridge.",
    "{person} and {body} discussed the bridge again in {town} on {date}, officials confirmed.",
    "A new meeting between {person} and {body} took place in {town} on {date}; the bridge "
    "dominated the agenda.",
    "{person} travelled to {town} on {date} to meet {body} over the disputed bridge.",
    "In {town} on {date}, {body} hosted {person} for talks on the bridge crossing.",
    "{person} sat down with {body} in {town} on {date} as pressure grew over the bridge.",
]
FIGURES = [
    "{body} said it had deployed {n} additional personnel near {town} after the meeting.",
    "According to {body}, {n} people crossed the bridge in {town} during the week.",
    "{body} reported {k} incidents around {town} since the previous round of talks.",
    "The budget for the bridge works in {town} was raised to {k} million euros, {person} "
    "announced.",
    "{body} counted {n} vehicles turned back at the bridge in {town}.",
    "Police in {town} detained {k} people after a scuffle near the bridge, {body} said.",
]
QUOTES = [
    "\u201cThe bridge will open when the conditions are met,\u201d {person} said in {town}.",
    "\u201cWe need {k} more days to finish the assessment,\u201d {person} told reporters in "
    "{town}.",
    "\u201cNobody should expect a decision this week,\u201d {person} said after meeting {body}.",
    "\u201cOur position on the bridge has not changed,\u201d {person} said in {town}.",
    "\u201cThe talks with {body} were constructive,\u201d {person} said.",
    "\u201cWe will keep meeting until the bridge is open,\u201d {person} said in {town}.",
]
CLOSERS = [
    "{body} is expected to publish its assessment in the coming days.",
    "Residents of {town} have waited for the reopening since last year.",
    "A further round is planned for next week, {body} said.",
    "The talks were closed to the press.",
]


def when_text(day: dt.date) -> str:
    return f"{day.day} {corpusgen.MONTHS[day.month - 1]} {day.year}"


def story_items(seed: int) -> list[dict[str, str]]:
    """The 50 follow-up reports, oldest first, one or two days apart."""
    rng = random.Random(f"{seed}/story")
    day, items = STORY_START, []
    for i in range(STORY_SIZE):
        values = {"person": PERSON, "body": BODY, "town": TOWN, "date": when_text(day),
                  "n": f"{rng.randint(20, 4800):,}", "k": str(rng.randint(2, 30))}
        lead = [rng.choice(LEADS).format(**values),
                rng.choice(FIGURES).format(**values),
                rng.choice(QUOTES).format(**{**values, "k": str(rng.randint(2, 30))})]
        # Background: generated sentences (other names) after the lead paragraphs.
        body = []
        for _ in range(rng.randint(2, 4)):
            filler = {"person": rng.choice(corpusgen.PEOPLE), "actor": rng.choice(corpusgen.ACTORS),
                      "actor2": rng.choice(corpusgen.ACTORS), "topic": rng.choice(corpusgen.TOPICS),
                      "month": corpusgen.MONTHS[day.month - 1], "year": str(day.year),
                      "day": str(day.day), "k": str(rng.randint(2, 30))}
            body.append(" ".join(
                rng.choice(corpusgen.SENTENCES).format(**filler, place=rng.choice(corpusgen.PLACES),
                                                       n=f"{rng.randint(2, 4800):,}")
                for _ in range(rng.randint(2, 3))))
        body.append(rng.choice(CLOSERS).format(**values) + f" Follow-up number {i + 1}.")
        items.append({
            "url": f"https://news.test/story/{i + 1}",
            "title": f"{PERSON} and {BODY} in {TOWN}: bridge talks, day {(day - STORY_START).days + 1}",
            "published": day.isoformat(),
            "outlet": rng.choice(["Sava Daily", "Adriatic Monitor", "Drina Courier",
                                  "Ibar Herald"]),
            "text": "\n\n".join(lead + body),
        })
        day += dt.timedelta(days=rng.choice([1, 2]))
    return items


# -- helpers ---------------------------------------------------------------------------------------

def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def say(message: str) -> None:
    print(message, flush=True)


class Ticker:
    """Prints a progress line every ``every`` items."""

    def __init__(self, label: str, total: int, every: int) -> None:
        self.label, self.total, self.every = label, total, max(1, every)
        self.done = 0
        self.start = self.last = time.perf_counter()

    def __call__(self, *_args: object) -> None:
        self.done += 1
        if self.done % self.every == 0 or self.done == self.total:
            now = time.perf_counter()
            step = self.done % self.every or self.every
            say(f"    {self.label}: {self.done:,}/{self.total:,} ({now - self.start:.0f} s; "
                f"last {step:,} at {step / max(now - self.last, 1e-9):.1f}/s)")
            self.last = now


def names(size: int, seed: int, work: Path) -> tuple[Path, Path]:
    stem = f"brief-v{CACHE_VERSION}-n{size}-s{seed}"
    return work / f"{stem}.db", work / f"{stem}.json"


# -- building (child process) ----------------------------------------------------------------------

def build(size: int, seed: int, work: Path) -> dict[str, Any]:
    db, meta_path = names(size, seed, work)
    if meta_path.exists() and db.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with Store(str(db)) as store:
            todo = analysis_pending(store, SETTINGS), len(relate_pending_ids(store))
            if any(todo):  # an extractor changed since: bring the store up to date
                say(f"  reused {db.name}, but {todo[0]} article(s) need analysis and {todo[1]} "
                    "relating: updating")
                t0 = time.perf_counter()
                extract_pending(store, settings=SETTINGS)
                relate_pending(store, knowledge_base(SETTINGS))
                meta["update_s"] = time.perf_counter() - t0
        meta["reused"] = True
        return meta
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)  # an interrupted build
    every = max(100, size // 50)
    meta: dict[str, Any] = {"size": size, "seed": seed, "reused": False}
    entity_extractor(SETTINGS)("warm up", "en")
    with tempfile.TemporaryDirectory(prefix="corpus-", dir=work) as tmp, Store(str(db)) as store:
        t0 = time.perf_counter()
        folder = corpusgen.write_corpus(Path(tmp), size, seed)
        meta["generate_s"] = time.perf_counter() - t0
        say(f"  generated {size:,} articles in {meta['generate_s']:.1f} s")

        t0 = time.perf_counter()
        ticker = Ticker("ingest", size, every)
        report = ingest_paths(store, [str(folder)], settings=SETTINGS, on_outcome=ticker)
        meta["ingest_s"] = time.perf_counter() - t0
        meta["ingest_counts"] = dict(report.counts)
        say(f"  ingested in {meta['ingest_s']:.1f} s: {dict(report.counts)}")

        t0 = time.perf_counter()
        todo = analysis_pending(store, SETTINGS)
        analysed = extract_pending(store, settings=SETTINGS,
                                   on_article=Ticker("analysis", todo, every))
        meta["analysis_s"] = time.perf_counter() - t0
        say(f"  analysed {analysed:,} articles in {meta['analysis_s']:.1f} s")

        t0 = time.perf_counter()
        todo = len(relate_pending_ids(store))
        related = relate_pending(store, knowledge_base(SETTINGS),
                                 on_article=Ticker("relate", todo, every))
        meta["relate_s"] = time.perf_counter() - t0
        say(f"  related {related:,} articles in {meta['relate_s']:.1f} s")

        # The planted story, the real way.
        t0 = time.perf_counter()
        story_ids = []
        for i, record in enumerate(story_items(seed)):
            data = json.dumps(record, ensure_ascii=False).encode()
            raw = RawDocument(f"bench://story/{seed}/{i + 1}#record-1", "record", data, record)
            outcome = ingest_one(store, raw, SETTINGS)
            if outcome.article_id is None:
                raise SystemExit(f"planted article {i + 1} not stored: {outcome}")
            story_ids.append(outcome.article_id)
        extract_pending(store, settings=SETTINGS)
        relate_pending(store, knowledge_base(SETTINGS))
        meta["story_s"] = time.perf_counter() - t0
        meta["story_articles"] = story_ids
        say(f"  planted {len(story_ids)} story articles (ingest, analysis, relating) in "
            f"{meta['story_s']:.1f} s")
    meta["build_s"] = sum(meta[k] for k in ("generate_s", "ingest_s", "analysis_s", "relate_s",
                                            "story_s"))
    meta["built_at"] = dt.datetime.now().isoformat(timespec="seconds")
    meta["file_mb"] = db.stat().st_size / 2**20
    meta_path.write_text(json.dumps(meta), encoding="utf-8")  # marks the build complete
    return meta


def describe_store(size: int, seed: int, work: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """Where the planted story landed, and the month to brief."""
    db, _ = names(size, seed, work)
    planted = meta["story_articles"]
    with Store(str(db)) as store:
        placed = store.stories_of(planted)
        counts = Counter(placed.values())
        relations = Counter(r.kind for r in store.relations_of(planted))
        with store.engine.connect() as conn:
            # The generated corpus's dates, without the planted story's.
            skip = set(planted)
            dates = [row[1] for row in conn.execute(text(
                "SELECT id, published FROM articles WHERE published IS NOT NULL "
                "ORDER BY published")) if row[0] not in skip]
            total = conn.execute(text("SELECT count(*) FROM articles")).scalar() or 0
            story_rows = conn.execute(text("SELECT count(*) FROM stories")).scalar() or 0
        story_id, landed = counts.most_common(1)[0] if counts else (None, 0)
        story_size = 0
        if story_id is not None:
            with store.engine.connect() as conn:
                story_size = conn.execute(text(
                    "SELECT count(*) FROM story_articles WHERE story_id = :s"),
                    {"s": story_id}).scalar() or 0
    middle = dt.date.fromisoformat(str(dates[len(dates) // 2])[:10])
    first = middle.replace(day=1)
    last = middle.replace(day=calendar.monthrange(middle.year, middle.month)[1])
    return {"articles": total, "dated": len(dates), "stories": story_rows,
            "story_id": story_id, "landed": landed, "story_size": story_size,
            "split": sorted(counts.values(), reverse=True),
            "unplaced": len(planted) - len(placed), "relations": dict(relations),
            "first_date": str(dates[0])[:10], "last_date": str(dates[-1])[:10],
            "month": [first.isoformat(), last.isoformat()]}


# -- measuring (child process) ---------------------------------------------------------------------

def time_brief(store: Store, selection: Selection, reps: int,
               out: Path) -> dict[str, Any]:
    samples: list[dict[str, float]] = []
    failures: list[str] = []
    dropped = False
    info: dict[str, Any] = {}
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for rep in range(reps):
        ms: dict[str, float] = {}
        t0 = time.perf_counter()
        dossier = collect(store, selection)
        t1 = time.perf_counter()
        brief = compose(dossier, now=now)
        t2 = time.perf_counter()
        ms["collect"], ms["compose"] = (t1 - t0) * 1000, (t2 - t1) * 1000
        if not dropped:
            try:
                t2 = time.perf_counter()
                check(store, brief)
            except BriefCheckError as exc:
                failures = [str(p) for p in exc.problems]
                dropped = True
        if dropped:  # timed with the unsupported statements left out
            t2 = time.perf_counter()
            check(store, brief, drop_unsupported=True)
        t3 = time.perf_counter()
        markdown = render_markdown(brief)
        t4 = time.perf_counter()
        html = render_html(brief)
        t5 = time.perf_counter()
        pdf = render_pdf(brief)
        t6 = time.perf_counter()
        ms.update(check=(t3 - t2) * 1000, md=(t4 - t3) * 1000, html=(t5 - t4) * 1000,
                  pdf=(t6 - t5) * 1000)
        ms["total"] = sum(ms[p] for p in PHASES)
        samples.append(ms)
        if rep == 0:
            info = {
                "matched": brief.matched, "read": brief.read,
                "statements": sum(1 for _ in brief.lines()), "citations": len(brief.notes),
                "cited_articles": len({n.citation.article_id for n in brief.notes}),
                "disagreement_lines": sum(len(lines) for _, lines in brief.disagreements),
                "omitted": len(brief.omitted), "developments": len(dossier.developments),
                "quotes": len(dossier.quotes), "figures": len(dossier.figures),
                "disagreements": len(dossier.disagreements), "actors": len(dossier.actors),
                "context": len(dossier.context),
                "md_kb": len(markdown.encode()) / 1024, "html_kb": len(html.encode()) / 1024,
                "pdf_kb": len(pdf) / 1024,
            }
            out.write_text(markdown, encoding="utf-8")
    stats = {}
    for key in (*PHASES, "total"):
        values = [s[key] for s in samples]
        stats[key] = {"median": statistics.median(values), "max": max(values)}
    return {**info, "ms": stats, "failures": failures, "dropped": dropped,
            "out": str(out)}


def measure(size: int, seed: int, work: Path, reps: int, facts: dict[str, Any]
            ) -> dict[str, Any]:
    db, _ = names(size, seed, work)
    results = {}
    with Store(str(db)) as store:
        results["rss_before_mb"] = rss_mb()
        since, until = (dt.date.fromisoformat(d) for d in facts["month"])
        selections = [("story", Selection(story_id=facts["story_id"])),
                      ("month", Selection(since=since, until=until))]
        for label, selection in selections:
            out = work / f"{db.stem}-{label}.md"
            results[label] = time_brief(store, selection, reps, out)
            results[label]["rss_mb"] = rss_mb()
    results["rss_mb"] = rss_mb()
    return results


# -- reporting -------------------------------------------------------------------------------------

def table(rows: list[tuple[int, str, dict[str, Any], str]]) -> None:
    head = (f"{'store':>7} {'selection':<24} {'read/matched':>12} {'stmts':>5} {'cites':>5} "
            + " ".join(f"{p:>13}" for p in (*PHASES, "total")) + f" {'peak RSS':>8}")
    say("ms per phase: median / max over the repetitions")
    say(head)
    say("-" * len(head))
    for size, label, r, rss in rows:
        cells = " ".join(f"{r['ms'][p]['median']:6.1f}/{r['ms'][p]['max']:6.1f}"
                         for p in (*PHASES, "total"))
        flag = "*" if r["dropped"] else ""
        say(f"{size:>7,} {label + flag:<24} {str(r['read']) + '/' + str(r['matched']):>12} "
            f"{r['statements']:>5} {r['citations']:>5} {cells} {rss:>8}")


def run_child(phase: str, size: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--size", str(size),
           "--work", str(work), "--seed", str(args.seed), "--reps", str(args.reps)]
    subprocess.run(cmd, check=True)
    return json.loads((work / f"{phase}-{size}-s{args.seed}.out.json").read_text("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Run: .venv/bin/python benchmarks/bench_brief.py [--sizes 1000,10000] [--reps 5] "
               "[--work DIR] [--quick]")
    parser.add_argument("--sizes", default="1000,10000",
                        help="generated articles per store, comma-separated (default 1000,10000)")
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each brief")
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "wf-bench-brief"),
                        help="folder keeping the built stores for reuse (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: a store of 200 articles, one repetition")
    parser.add_argument("--phase", choices=["build", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    if args.phase:  # one step of one size, in its own process
        if args.phase == "build":
            meta = build(args.size, args.seed, work)
            out = {"meta": meta, "facts": describe_store(args.size, args.seed, work, meta)}
        else:
            facts = json.loads((work / f"build-{args.size}-s{args.seed}.out.json")
                               .read_text("utf-8"))["facts"]
            out = measure(args.size, args.seed, work, args.reps, facts)
        (work / f"{args.phase}-{args.size}-s{args.seed}.out.json").write_text(
            json.dumps(out), encoding="utf-8")
        return

    if args.quick:
        args.sizes, args.reps = "200", 1
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    say(f"brief benchmark: sizes {sizes}, {args.reps} repetition(s), seed {args.seed}, "
        f"work folder {work}; analysis with Settings(spacy_model='none'); a brief reads at "
        f"most MAX_ARTICLES = {MAX_ARTICLES} articles")
    started = time.perf_counter()
    rows: list[tuple[int, str, dict[str, Any], str]] = []
    by_size: dict[int, dict[str, Any]] = {}
    for size in sizes:
        say(f"\nstore of {size:,} generated articles (+{STORY_SIZE} planted):")
        t0 = time.perf_counter()
        try:
            built = run_child("build", size, args, work)
        except (subprocess.CalledProcessError, KeyboardInterrupt):
            say(f"  building the store of {size:,} articles stopped after "
                f"{time.perf_counter() - t0:.0f} s: no brief timed for it")
            break
        meta, facts = built["meta"], built["facts"]
        if meta["reused"]:
            say(f"  reused the store built {meta['built_at']} (build took {meta['build_s']:.0f} s"
                + (f"; updated in {meta['update_s']:.0f} s" if "update_s" in meta else "")
                + f"), checked in {time.perf_counter() - t0:.1f} s")
        else:
            say(f"  built in {meta['build_s']:.0f} s: generate {meta['generate_s']:.0f} s, ingest "
                f"{meta['ingest_s']:.0f} s, analysis {meta['analysis_s']:.0f} s, relate "
                f"{meta['relate_s']:.0f} s, planted story {meta['story_s']:.0f} s; file "
                f"{meta['file_mb']:.0f} MB")
        say(f"  {facts['articles']:,} articles ({facts['dated']:,} with a published date, "
            f"{facts['first_date']} to {facts['last_date']}), {facts['stories']:,} stories")
        say(f"  planted story: {facts['landed']}/{STORY_SIZE} articles in story "
            f"{facts['story_id']} (which holds {facts['story_size']} articles in all); split "
            f"over stories: {facts['split']}; not placed: {facts['unplaced']}; relations among "
            f"or from them: {facts['relations'] or 'none'}")
        say(f"  month brief: {facts['month'][0]} to {facts['month'][1]} (the month of the median "
            "publication date of the generated articles)")
        try:
            result = run_child("measure", size, args, work)
        except (subprocess.CalledProcessError, KeyboardInterrupt):
            say(f"  measuring the store of {size:,} articles stopped")
            break
        by_size[size] = {"facts": facts, "result": result}
        for label in ("story", "month"):
            r = result[label]
            name = (f"story {facts['story_id']}" if label == "story"
                    else f"month {facts['month'][0][:7]}")
            rows.append((size, name, r, f"{r['rss_mb']:.0f} MB"))
            say(f"  {name}: read {r['read']} of {r['matched']} matching; {r['statements']} "
                f"statements ({r['disagreement_lines']} of them figures under Disagreements), "
                f"{r['citations']} citations of {r['cited_articles']} articles; dossier: "
                f"{r['developments']} "
                f"developments, {r['quotes']} quotes, {r['figures']} figures, "
                f"{r['disagreements']} disagreements, {r['actors']} actors, {r['context']} "
                f"context stories; md {r['md_kb']:.0f} KB, html {r['html_kb']:.0f} KB, pdf "
                f"{r['pdf_kb']:.0f} KB ({r['out']})")
            if r["failures"]:
                say(f"  CITATION CHECK FAILED for {len(r['failures'])} statement(s) of the "
                    f"{label} brief; timed with drop_unsupported=True (marked *):")
                for failure in r["failures"]:
                    say(f"    - {failure}")
        say(f"  peak RSS of the measuring process: {result['rss_mb']:.0f} MB "
            f"({result['rss_before_mb']:.0f} MB with the store open, before any brief)")
        table(rows[-2:])

    if len(by_size) >= 2:
        say("")
        table(rows)
        small, large = min(by_size), max(by_size)
        for label in ("month", "story"):
            a, b = by_size[small]["result"][label], by_size[large]["result"][label]
            say(f"\n{label} brief, {small:,} -> {large:,} articles ({large // small}x the store): "
                f"articles read {a['read']} -> {b['read']} ({b['read'] / max(1, a['read']):.1f}x)"
                f", statements {a['statements']} -> {b['statements']}")
            say("  median ms: " + ", ".join(
                f"{p} {a['ms'][p]['median']:.0f} -> {b['ms'][p]['median']:.0f} "
                f"({b['ms'][p]['median'] / max(a['ms'][p]['median'], 1e-9):.1f}x)"
                for p in (*PHASES, "total")))
    say(f"\ntotal runtime {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
