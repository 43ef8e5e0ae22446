"""Dashboard latency: median and 95th percentile response time of each page and API route on
stores of 1,000 and 10,000 articles.

    python benchmarks/bench_web.py [--sizes 1000,10000] [--requests 40] [--work DIR] [--fresh]

Each store is built the way ``bench_relate_scale.py`` builds its stores (generated texts, real
MinHash bands, synthetic entities, mentions, events, claims, stories and dating written in
bulk), then completed with what the dashboard shows and that filler leaves out: the full-text
index of every article, quotes with speakers, copy and rewrite relations, a few stale articles,
and the disagreements the real comparison finds among the claims. Stores are kept in ``--work``
(default: a folder in the system's temporary directory) and reused by later runs unless
``--fresh`` is given.

The server is the real command, ``watchfloor --db STORE serve``, in its own process; requests
are made one at a time with httpx over loopback, each route ``--requests`` times after two
warm-up requests, with the ids in its path drawn at random (stories, articles, entities of
common, middling and rare coverage), so no single cached row makes a route look fast. The
benchmark prints figures; it is not a test and asserts nothing about time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from sqlalchemy import func, insert, select, text  # noqa: E402

from watchfloor.relate.disagreements import find_disagreements  # noqa: E402
from watchfloor.store import Store  # noqa: E402
from watchfloor.store import models as m  # noqa: E402
from watchfloor.store.fold import fold  # noqa: E402

MARKER = "bench-web-complete"


# -- building the stores --------------------------------------------------------------------------

def complete(db: str, seed: int) -> dict[str, int]:
    """Add what the relate benchmark's filler leaves out and the dashboard reads."""
    rng = random.Random(f"{seed}/web")
    added: dict[str, int] = {}
    with Store(db) as store, store.engine.connect() as conn:
        # The full-text index, as ``Store._index`` writes it.
        rows = conn.execute(select(m.ArticleRow.id, m.ArticleRow.title, m.ArticleRow.text)).all()
        if store.dialect == "sqlite":
            conn.exec_driver_sql("DELETE FROM article_fts")
            conn.exec_driver_sql("INSERT INTO article_fts(rowid, title, body) VALUES (?, ?, ?)",
                                 [(i, fold(t or ""), fold(b)) for i, t, b in rows])
        else:
            conn.execute(text("DELETE FROM article_search"))
            conn.execute(text(
                "INSERT INTO article_search(article_id, document) VALUES (:id, "
                "setweight(to_tsvector('simple', :title), 'A') || "
                "setweight(to_tsvector('simple', :body), 'B'))"),
                [{"id": i, "title": fold(t or ""), "body": fold(b)} for i, t, b in rows])
        added["search index"] = len(rows)
        # Quotes: one or two in most articles, spoken by a person the article names.
        people = dict(conn.execute(
            select(m.MentionRow.article_id, func.min(m.MentionRow.entity_id))
            .join(m.EntityRow, m.EntityRow.id == m.MentionRow.entity_id)
            .where(m.EntityRow.type == "person").group_by(m.MentionRow.article_id)).all())
        quotes = []
        for article_id, body in ((i, b) for i, _t, b in rows):
            for _ in range(rng.choice((0, 1, 1, 2))):
                start = rng.randrange(max(1, len(body) - 120))
                speaker = people.get(article_id)
                quotes.append({
                    "article_id": article_id, "start": start, "end": start + 100,
                    "text": body[start:start + 100], "parts": [[start, start + 100]],
                    "kind": "direct", "speaker": "a speaker" if speaker is None else speaker,
                    "speaker_start": None, "speaker_end": None, "speaker_entity_id": speaker,
                    "speaker_kind": "described" if speaker is None else "named",
                    "verb": "said", "verb_start": None, "verb_end": None,
                    "extractor": "quotes/1"})
        if quotes:
            conn.execute(insert(m.QuoteRow), quotes)
        added["quotes"] = len(quotes)
        # Copies and rewrites between neighbours of a story; a few articles flagged stale.
        relations = [{"earlier_id": i - 1, "later_id": i, "kind": rng.choice(
            ("rewrite", "near-copy", "copy")), "score": 0.8, "text_similarity": 0.6,
            "shared": ["entity kosovo"], "order_basis": "published", "relator": "bench/1"}
            for i, _t, _b in rows if i > 1 and rng.random() < 0.05]
        if relations:
            conn.execute(insert(m.RelationRow), relations)
        added["relations"] = len(relations)
        stale = [i for i, _t, _b in rows if rng.random() < 0.01]
        if stale:
            conn.execute(m.DatingRow.__table__.update()
                         .where(m.DatingRow.article_id.in_(stale))
                         .values(stale=True, stale_reasons=["repeats an earlier article"]))
        added["stale"] = len(stale)
        conn.commit()
        # Disagreements, found by the real comparison, for the most discussed subjects.
        subjects = [s for s, in conn.execute(
            select(m.ClaimRow.subject_entity_id).where(m.ClaimRow.subject_entity_id.is_not(None))
            .group_by(m.ClaimRow.subject_entity_id).order_by(func.count().desc()).limit(60))]
    with Store(db) as store:
        found = 0
        for subject in subjects:
            result = find_disagreements(store.claim_facts([subject], newest=200))
            store.replace_disagreements([subject], result)
            found += len(result)
    added["disagreements"] = found
    return added


def build(size: int, work: Path, seed: int, workers: int, fresh: bool) -> str:
    """The store of ``size`` articles in ``work`` (reused when a complete one is there)."""
    db = work / f"web-{size}.db"
    marker = work / f"{MARKER}-{size}.json"
    if not fresh and db.exists() and marker.exists():
        print(f"  reusing {db} ({db.stat().st_size / 2**20:,.0f} MB)")
        return str(db)
    for leftover in work.glob(f"web-{size}.db*"):
        leftover.unlink()
    started = time.perf_counter()
    # The relate benchmark's filler, in a child process of its own (it forks workers).
    code = ("import sys, json; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "import bench_relate_scale as s; "
            "out = s.fill(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), 10, int(sys.argv[5]), "
            "Path(sys.argv[6])); print(json.dumps(out['rows']))")
    subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(db), str(size),
                    str(seed), str(workers), str(work)], check=True)
    added = complete(str(db), seed)
    marker.write_text(json.dumps(added), encoding="utf-8")
    print(f"  built in {time.perf_counter() - started:.0f} s; added "
          + ", ".join(f"{k} {v:,}" for k, v in added.items()))
    return str(db)


# -- the server -------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """``watchfloor --db STORE serve`` in its own process."""

    def __init__(self, db: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WATCHFLOOR_CONFIG": "/nonexistent/watchfloor.toml"}
        command = [sys.executable, "-m", "watchfloor", "--db", db, "serve", "--port",
                   str(self.port), "--no-open"]
        self.log = open(Path(db).with_suffix(".server.log"), "w")  # noqa: SIM115
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.url + "/api/stories?per_page=1", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the dashboard server did not start")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


# -- measuring ----------------------------------------------------------------------------------------

def samples(db: str, seed: int) -> dict[str, list[Any]]:
    """Ids to put in paths: stories, articles, and entities by coverage."""
    rng = random.Random(f"{seed}/samples")
    with Store(db) as store, store._sessions() as session:
        stories = list(session.scalars(select(m.StoryRow.id)))
        articles = list(session.scalars(select(m.ArticleRow.id)))
        ranked = [e for e, in session.execute(
            select(m.MentionRow.entity_id).group_by(m.MentionRow.entity_id)
            .order_by(func.count().desc(), m.MentionRow.entity_id))]
    third = max(1, len(ranked) // 3)
    return {"story": rng.sample(stories, min(200, len(stories))),
            "article": rng.sample(articles, min(200, len(articles))),
            "common": ranked[:5], "middling": ranked[third:third + 50],
            "rare": ranked[-50:]}


def routes(pick: Callable[[str], Any]) -> list[tuple[str, Callable[[], str]]]:
    since, until = "2024-01-01", "2024-06-30"
    return [
        ("page /", lambda: "/"),
        ("page /stories", lambda: "/stories"),
        ("page /stories?page=20", lambda: "/stories?page=20"),
        ("page /story/{id}", lambda: f"/story/{pick('story')}"),
        ("page /entities", lambda: "/entities"),
        ("page /entities?type=place", lambda: "/entities?type=place"),
        ("page /entity/{common}", lambda: f"/entity/{pick('common')}"),
        ("page /entity/{middling}", lambda: f"/entity/{pick('middling')}"),
        ("page /entity/{rare}", lambda: f"/entity/{pick('rare')}"),
        ("page /article/{id}", lambda: f"/article/{pick('article')}"),
        ("page /search?q=kosovo", lambda: "/search?q=kosovo"),
        ("page /search?q=+filters", lambda: f"/search?q=talks&since={since}&until={until}"
                                            f"&entity=nato&event_type=CONSULT&language=en"),
        ("page /search (filters only)", lambda: "/search?outlet=Sava+Daily&event_type=AGREE"),
        ("page /search?q=…&page=50", lambda: "/search?q=kosovo&page=50"),
        ("page /disagreements", lambda: "/disagreements"),
        ("api /api/overview", lambda: "/api/overview"),
        ("api /api/stories", lambda: "/api/stories"),
        ("api /api/stories/{id}", lambda: f"/api/stories/{pick('story')}"),
        ("api /api/articles", lambda: "/api/articles?page=10"),
        ("api /api/articles/{id}", lambda: f"/api/articles/{pick('article')}"),
        ("api /api/entities", lambda: "/api/entities"),
        ("api /api/entities/{common}", lambda: f"/api/entities/{pick('common')}"),
        ("api /api/entities/{rare}", lambda: f"/api/entities/{pick('rare')}"),
        ("api /api/search?q=kosovo", lambda: "/api/search?q=kosovo"),
        ("api /api/search?q=+filters", lambda: f"/api/search?q=talks&since={since}"
                                               f"&until={until}&entity=nato"),
        ("api /api/disagreements", lambda: "/api/disagreements?status=conflict"),
        ("api 404 /api/articles/{unknown}", lambda: "/api/articles/999999999"),
        ("api 400 /api/search?page=0", lambda: "/api/search?page=0"),
        # Generated texts do not contain the generated events' names and dates, so the brief's
        # citation check refuses every brief here (422): the time is that of collecting,
        # composing and checking it, which is most of the work.
        ("brief 422 /story/{id}/brief.md", lambda: f"/story/{pick('story')}/brief.md"),
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def measure(db: str, seed: int, requests: int) -> dict[str, dict[str, float]]:
    ids = samples(db, seed)
    rng = random.Random(f"{seed}/picks")

    def pick(kind: str) -> Any:
        return rng.choice(ids[kind])

    server = Served(db)
    results: dict[str, dict[str, float]] = {}
    try:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            for name, path in routes(pick):
                expected = next((int(code) for code in ("400", "404", "422")
                                 if f" {code} " in name), 200)
                for _ in range(2):  # warm-up
                    client.get(path())
                times, sizes, statuses = [], [], set()
                for _ in range(requests):
                    target = path()
                    t0 = time.perf_counter()
                    response = client.get(target)
                    times.append((time.perf_counter() - t0) * 1000)
                    sizes.append(len(response.content))
                    statuses.add(response.status_code)
                if statuses != {expected}:
                    print(f"  ! {name}: status {sorted(statuses)}, expected {expected}")
                results[name] = {"median": statistics.median(times),
                                 "p95": percentile(times, 0.95), "max": max(times),
                                 "kb": statistics.median(sizes) / 1024}
    finally:
        server.stop()
    return results


def table_rows(db: str) -> dict[str, int]:
    with Store(db) as store, store._sessions() as session:
        return {name: session.scalar(select(func.count()).select_from(model)) or 0
                for name, model in (("articles", m.ArticleRow), ("mentions", m.MentionRow),
                                    ("events", m.EventRow), ("quotes", m.QuoteRow),
                                    ("claims", m.ClaimRow), ("stories", m.StoryRow),
                                    ("entities", m.EntityRow),
                                    ("disagreements", m.DisagreementRow))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="articles per store (1000,10000)")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per route")
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "watchfloor-bench-web"),
                        help="where stores are built and kept for later runs")
    parser.add_argument("--fresh", action="store_true", help="rebuild the stores")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(f"watchfloor dashboard benchmark — {dt.datetime.now():%Y-%m-%d %H:%M}, "
          f"{args.requests} requests per route, one at a time, SQLite, server: "
          f"`watchfloor serve` (uvicorn, one process)")
    results: dict[int, dict[str, dict[str, float]]] = {}
    for size in sizes:
        print(f"size {size:,}:")
        db = build(size, work, args.seed, args.workers, args.fresh)
        rows = table_rows(db)
        print("  store: " + ", ".join(f"{k} {v:,}" for k, v in rows.items())
              + f"; file {Path(db).stat().st_size / 2**20:,.0f} MB")
        results[size] = measure(db, args.seed, args.requests)
    names = list(next(iter(results.values())))
    head = f"{'route':36}" + "".join(f" | {f'{s:,} articles':>26}" for s in sizes)
    sub = f"{'':36}" + "".join(f" | {'median':>8} {'p95':>8} {'KB':>8}" for _ in sizes)
    print()
    print(head)
    print(sub)
    print("-" * len(sub))
    for name in names:
        line = f"{name:36}"
        for size in sizes:
            r = results[size][name]
            line += f" | {r['median']:6.1f}ms {r['p95']:6.1f}ms {r['kb']:8.1f}"
        print(line)
    (work / "results.json").write_text(json.dumps({str(k): v for k, v in results.items()},
                                                  indent=1), encoding="utf-8")
    print(f"\n(latencies in milliseconds; KB = median response size; raw figures in "
          f"{work / 'results.json'})")


if __name__ == "__main__":
    main()
