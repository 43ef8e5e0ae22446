"""Relating at scale: time per added article for duplicate detection and story assignment on
stores of 10,000 and 100,000 articles, and peak memory.

    python benchmarks/bench_relate_scale.py [--sizes 10000,100000] [--new 200]
                                            [--db postgresql://user@host:port/postgres]

For each size N, a store is built that already holds N analysed and related articles, without
running the analysis on them: texts come from ``corpusgen``, and the rows relating reads are
written in bulk (SQLAlchemy Core executemany) into a store created with ``Store`` (so the
migrations made the schema):

- ``articles``, ``article_signatures`` and ``article_bands`` (the real MinHash signature and LSH
  band keys of each text, computed on ``--workers`` processes);
- ``entities`` and ``mentions``, synthetic, with a news-like spread: a few very common names
  (Kosovo 35% of articles, Serbia 25%, NATO and the EU 15%, Bosnia and Herzegovina 12%), the
  generator's people, places and bodies from 15% down to about 2% each, the rest of the knowledge
  base rarer, and four to six local names per article from a long tail that grows with the corpus;
- ``events`` (+ actors and groups) and ``claims``: a few per article, dated by the article;
- ``stories``, ``story_articles``, ``story_entities``: runs of about five consecutive articles
  sharing two lead names (and what their leads name);
- ``article_dating`` and ``extractions`` rows ``analysis`` (at the version ``extract_pending``
  expects with ``spacy_model="none"``) and ``relate``, so that nothing old is pending.

Then ``--new`` articles are added the real way and timed: stored (``ingest_one``), analysed
(``extract_pending`` with ``Settings(spacy_model="none")``: knowledge-base names only, so the time
measured is relating, not spaCy), and related one by one (``relate_article``), each split into
(1) duplicate detection: signature, band and entity candidates, labelling the pairs, saving them;
(2) story assignment: the lead, ``story_candidates``, ``choose``, ``save_story``; (3) the rest:
dating, event groups, disagreements. About 1% of the new articles are copies of stored articles
(punctuation changed), 5% near copies (re-publications with a new first sentence), 10% follow-ups
of stored stories (same lead names, a few days later), the rest new reports.

Each size is built in one process and measured in another, so the peak RSS printed is that of
relating alone. The SQL statements run while relating are timed too (execute time: on SQLite
that is up to the first row, so a scan done while fetching is not in it); the slowest are shown with
their query plan (``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` on PostgreSQL). With ``--db``, a
PostgreSQL server URL, each size gets a new database on that server (dropped afterwards).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import json
import math
import multiprocessing
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpusgen  # noqa: E402
from sqlalchemy import create_engine, event, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from watchfloor.config import Settings  # noqa: E402
from watchfloor.extract.run import (  # noqa: E402
    ANALYSIS,
    entity_extractor,
    extract_pending,
    knowledge_base,
    mention_label,
    version,
)
from watchfloor.pipeline import ingest_one  # noqa: E402
from watchfloor.relate import disagreements, duplicates, stories  # noqa: E402
from watchfloor.relate import run as relate_run  # noqa: E402
from watchfloor.resolve.entities import EntityRecord, entity_record  # noqa: E402
from watchfloor.store import Store, content_hash  # noqa: E402
from watchfloor.store import models as m  # noqa: E402
from watchfloor.store.db import normalise_url  # noqa: E402
from watchfloor.store.fold import fold  # noqa: E402
from watchfloor.types import Mention, RawDocument  # noqa: E402

SETTINGS = Settings(spacy_model="none")
"""Knowledge-base names only: the analysis of the new articles stays cheap and deterministic."""

COMMON = {"kosovo": 0.35, "serbia": 0.25, "nato": 0.15, "european-union": 0.15,
          "bosnia-and-herzegovina": 0.12}
"""Share of articles naming each of the very common names."""
EVENT_TYPES = ["CONSULT", "AGREE", "MOBILIZE", "COERCE", "PROTEST", "SUPPORT"]
MEASURES = ["personnel", "troops", "incidents", "people", "arrested"]
NER_LABEL = {"person": "PERSON", "organization": "ORG", "place": "GPE"}
CHUNK = 2000
"""Articles written per transaction while filling."""


# -- the generated corpus ------------------------------------------------------------------------

def existing_item(seed: int, index: int) -> dict[str, str]:
    """Stored article ``index`` (1..N): the same text in every process."""
    return corpusgen.article(random.Random(f"{seed}/stored/{index}"), index)


def _prepare(job: tuple[int, int]) -> tuple[int, dict[str, str], str, list[int], list[str]]:
    """Worker: text, content hash, MinHash signature and band keys of one stored article."""
    seed, index = job
    item = existing_item(seed, index)
    sig = duplicates.signature(item["text"])
    return index, item, content_hash(item["text"]), sig, duplicates.band_keys(sig)


def lead_cut(body: str) -> int:
    """Where an article's lead ends (as ``relate.run._lead`` cuts it)."""
    cut = 0
    for _ in range(stories.LEAD_PARAGRAPHS):
        found = body.find("\n\n", cut + 1)
        if found < 0:
            return len(body)
        cut = found
    return cut


def layout(size: int, seed: int) -> list[tuple[int, int]]:
    """Stories of the stored corpus as (first, last) article index: runs of 1 to 9, mean 5."""
    rng = random.Random(f"{seed}/layout/{size}")
    runs, first = [], 1
    while first <= size:
        last = min(size, first + rng.randint(1, 9) - 1)
        runs.append((first, last))
        first = last + 1
    return runs


def make_plan(size: int, new: int, seed: int) -> list[dict[str, Any]]:
    """What each new article is: a copy or near copy of a stored one, a follow-up of a stored
    story, or a new report."""
    rng = random.Random(f"{seed}/plan/{size}/{new}")
    copies, near, follow = max(1, new // 100), max(1, new * 5 // 100), max(1, new // 10)
    kinds = ["copy"] * copies + ["near-copy"] * near + ["follow-up"] * follow
    kinds += ["new"] * (new - len(kinds))
    rng.shuffle(kinds)
    runs = layout(size, seed)
    targets = rng.sample(range(len(runs)), follow)
    plan = []
    for k, kind in enumerate(kinds):
        spec: dict[str, Any] = {"k": k, "kind": kind}
        if kind in ("copy", "near-copy"):
            spec["source"] = rng.randint(1, size)
        elif kind == "follow-up":
            spec["story"] = targets.pop() + 1  # story ids are 1-based, in layout order
        plan.append(spec)
    return plan


def new_item(seed: int, size: int, spec: dict[str, Any]) -> dict[str, str]:
    """The record of a new article (deterministic: the fill plans follow-ups from it)."""
    k = spec["k"]
    if spec["kind"] in ("copy", "near-copy"):
        item = dict(existing_item(seed, spec["source"]))
        day = dt.date.fromisoformat(item["published"]) + dt.timedelta(days=2)
        item["published"] = day.isoformat()
        item["outlet"] = "Neretva Ledger"
        item["title"] = "Re: " + item["title"]
        if spec["kind"] == "copy":  # same words, other punctuation
            item["text"] = item["text"].replace(". ", "; ")
        else:  # a re-publication: a new first sentence, the filing line replaced
            paragraphs = item["text"].split("\n\n")
            first = paragraphs[0].split(". ", 1)
            paragraphs[0] = "Updated with reactions from the region. " + first[-1]
            paragraphs[-1] = "This report was first published two days ago."
            item["text"] = "\n\n".join(paragraphs)
        return item
    return corpusgen.article(random.Random(f"{seed}/new/{size}/{k}"), size + 1000 + k)


# -- entity vocabulary -----------------------------------------------------------------------------

def vocabulary(seed: int, size: int) -> dict[str, Any]:
    """Ranked entity tiers: common names, the generator's names, the rest of the knowledge base,
    and a pool of local names (not in the knowledge base) that grows with the corpus."""
    kb = knowledge_base(SETTINGS)
    extractor = entity_extractor(SETTINGS)
    generator: set[str] = set()
    for index in range(1, 80):
        text_ = existing_item(seed, 10**9 + index)["text"]
        generator |= {mention.kb_id for mention in extractor(text_, "en") if mention.kb_id}
    rng = random.Random(f"{seed}/vocabulary")
    tier_b = sorted(generator - set(COMMON))
    rng.shuffle(tier_b)
    tier_c = sorted(set(kb.entries) - set(COMMON) - generator)
    rng.shuffle(tier_c)
    records: dict[str, EntityRecord] = {}
    for entity_id in [*COMMON, *tier_b, *tier_c]:
        entry = kb.entries[entity_id]
        records[entity_id] = entity_record(
            Mention(0, len(entry.name), entry.name, entry.type, "kb", kb_id=entity_id), kb)
    return {"b": tier_b, "c": tier_c, "records": records, "pool": max(2000, size // 2)}


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method: fine for small means)."""
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def local_record(k: int) -> EntityRecord:
    kind = ("person", "person", "organization", "place")[k % 4]
    name = f"Local {kind.title()} {k}"
    return EntityRecord(id=f"{kind}:{fold(name).replace(' ', '-')}", type=kind, name=name)


# -- filling ---------------------------------------------------------------------------------------

class Filler:
    """Builds the rows of the stored articles, chunk by chunk, and writes them."""

    def __init__(self, store: Store, size: int, seed: int, plan: list[dict[str, Any]]) -> None:
        self.store, self.size, self.seed = store, size, seed
        self.vocab = vocabulary(seed, size)
        self.records: dict[str, EntityRecord] = dict(self.vocab["records"])
        extractor = entity_extractor(SETTINGS)
        self.analysis_version, self.label = version(extractor), mention_label(extractor)
        self.runs = layout(size, seed)
        self.story_of = [0] * (size + 2)
        for story_id, (first, last) in enumerate(self.runs, start=1):
            self.story_of[first:last + 1] = [story_id] * (last - first + 1)
        # Follow-ups: the stored story's articles lead with the follow-up's lead names, a few
        # days before it.
        self.follow: dict[int, tuple[list[str], dt.date]] = {}
        for spec in plan:
            if spec["kind"] == "follow-up":
                item = new_item(seed, size, spec)
                cut = lead_cut(item["text"])
                lead = sorted({x.kb_id for x in extractor(item["text"], "en")
                               if x.kb_id and x.start < cut})
                self.follow[spec["story"]] = (lead, dt.date.fromisoformat(item["published"]))
                spec["lead"] = lead
        # Zipf-like ranks: the generator's names from 15% of articles down to 2.5%, the rest of
        # the knowledge base from about 4% down to 2 in 10,000.
        weights_b = [1 / (r + 1) ** 0.5 for r in range(len(self.vocab["b"]))]
        self.lambda_b = 0.15 * sum(weights_b)
        self.cum_b = list(itertools.accumulate(weights_b))
        self.cum_c = list(itertools.accumulate(1 / (r + 1) ** 0.8
                                               for r in range(len(self.vocab["c"]))))
        self.keys = {e: fold(r.name)[:200] for e, r in self.records.items()}
        self.locals: dict[int, str] = {}
        self.first_dates: dict[int, dt.date] = {}
        self.written: set[str] = set()
        self.event_id = 0
        self.open_stories: dict[int, dict[str, Any]] = {}
        self.now = dt.datetime.now(dt.UTC)
        self.counts: Counter[str] = Counter()
        self.df: Counter[str] = Counter()

    # -- per article ------------------------------------------------------------------------------

    def _date(self, index: int, item: dict[str, str], rng: random.Random) -> dt.date:
        """Articles of a story within ten days of its first (follow-ups' stories: before it)."""
        story = self.story_of[index]
        if story in self.follow:
            return self.follow[story][1] - dt.timedelta(days=rng.randint(2, 14))
        if story not in self.first_dates:  # articles arrive in order: this is the first
            self.first_dates[story] = dt.date.fromisoformat(item["published"])
            return self.first_dates[story]
        return self.first_dates[story] + dt.timedelta(days=rng.randint(0, 10))

    def _entities(self, index: int, rng: random.Random) -> tuple[list[str], set[str]]:
        """The article's entity ids, and those its lead must name (the story's)."""
        story = self.story_of[index]
        pool = self.vocab["pool"]
        if story in self.follow:
            lead = self.follow[story][0]
            return [*lead, self._local(int(pool * rng.random() ** 1.5))], set(lead)
        ids = [e for e, p in COMMON.items() if rng.random() < p]
        b, c = self.vocab["b"], self.vocab["c"]
        ids += rng.choices(b, cum_weights=self.cum_b, k=poisson(rng, self.lambda_b))
        ids += rng.choices(c, cum_weights=self.cum_c, k=poisson(rng, 0.5))
        ids += [self._local(int(pool * rng.random() ** 1.5)) for _ in range(rng.randint(4, 6))]
        theme_rng = random.Random(f"{self.seed}/theme/{story}")
        theme = {b[theme_rng.randrange(len(b))],
                 self._local(int(pool * theme_rng.random() ** 1.5))}
        return list(dict.fromkeys([*theme, *ids])), theme

    def _local(self, k: int) -> str:
        entity_id = self.locals.get(k)
        if entity_id is None:
            record = local_record(k)
            self.records[record.id], self.keys[record.id] = record, fold(record.name)[:200]
            entity_id = self.locals[k] = record.id
        return entity_id

    def article_rows(self, index: int, item: dict[str, str], chash: str, sig: list[int],
                     bands: list[str], rows: dict[str, list[dict[str, Any]]]) -> None:
        rng = random.Random(f"{self.seed}/facts/{index}")
        body = item["text"]
        published = self._date(index, item, rng)
        rows["articles"].append({
            "id": index, "content_hash": chash, "source": f"bench://stored/{index}",
            "canonical_url": None, "title": item["title"], "author": None,
            "outlet": item["outlet"], "published": published, "published_basis": "metadata",
            "language": "en", "language_confidence": 0.99, "text": body, "removed": [],
            "cleaner": "bench/fill",
            "ingested_at": self.now - dt.timedelta(seconds=self.size - index + 3600)})
        rows["article_signatures"].append({"article_id": index, "signature": sig})
        rows["article_bands"].extend({"key": k, "article_id": index} for k in sorted(set(bands)))
        ids, theme = self._entities(index, rng)
        cut = lead_cut(body)
        span = max(1, len(body) - 40)
        lead: set[str] = set()
        for entity_id in ids:
            record = self.records[entity_id]
            self.df[entity_id] += 1
            starts = [rng.randrange(span)
                      for _ in range(1 + (rng.random() < 0.4) + (rng.random() < 0.2))]
            if entity_id in theme:
                starts[0] = rng.randrange(max(1, cut))
            for start in starts:
                if start < cut:
                    lead.add(entity_id)
                rows["mentions"].append({
                    "article_id": index, "entity_id": entity_id, "start": start,
                    "end": start + len(record.name), "text": record.name,
                    "text_key": self.keys[entity_id],
                    "method": "kb" if record.kb_id else "ner",
                    "label": None if record.kb_id else NER_LABEL[record.type], "role": None,
                    "role_start": None, "role_end": None, "sentence_start": max(0, start - 40),
                    "sentence_end": min(len(body), start + 120), "extractor": self.label})
        places = [e for e in ids if self.records[e].type == "place"]
        actors = [e for e in ids if self.records[e].type != "place"]
        lead_events = []
        for _ in range(rng.choices(range(4), weights=[0.2, 0.35, 0.3, 0.15])[0]):
            self.event_id += 1
            start = rng.randrange(span)
            kind = rng.choice(EVENT_TYPES)
            place = rng.choice(places) if places and rng.random() < 0.7 else None
            actor = rng.choice(actors) if actors else None
            dated = rng.random() < 0.5
            modality = "happened" if rng.random() < 0.85 else "planned"
            rows["events"].append({
                "id": self.event_id, "article_id": index, "start": start, "end": start + 60,
                "text": body[start:start + 60], "type": kind, "mode": None, "context": None,
                "modality": modality, "trigger": "met", "trigger_start": start,
                "trigger_end": start + 3,
                "actors": [{"role": "source", "entity_id": actor}] if actor else [],
                "place_entity_id": place, "time_text": None, "time_start": None,
                "time_end": None, "time_value": published.isoformat() if dated else None,
                "precision": "day" if dated else None,
                "earliest": published if dated else None, "latest": published if dated else None,
                "extractor": "events/1"})
            if actor:
                rows["event_actors"].append({"event_id": self.event_id, "role": "source",
                                             "entity_id": actor})
            rows["event_links"].append({"event_id": self.event_id, "group_id": self.event_id})
            if start < cut:
                day = published.isoformat() if dated else None
                lead_events.append([kind, place, [actor] if actor else [], day, day])
        for _ in range(poisson(rng, 1.0)):
            start = rng.randrange(span)
            subject = rng.choice(ids) if rng.random() < 0.7 else None
            measure = rng.choice(MEASURES)
            base = 20 + zlib.crc32(f"{subject}/{measure}".encode()) % 4000
            value = float(round(base * rng.choice((1.0, 1.05, 1.3, 2.0))))
            rows["claims"].append({
                "article_id": index, "start": start, "end": start + 30,
                "text": f"{value:,.0f} {measure}",
                "subject": self.records[subject].name if subject else None,
                "subject_entity_id": subject, "subject_start": None, "subject_end": None,
                "measure": measure, "value": value, "value_max": None, "unit": None,
                "qualifier": "exact" if rng.random() < 0.7 else "approximately",
                "change": False, "as_of": None, "extractor": "claims/1"})
        rows["article_dating"].append({
            "article_id": index, "earliest": published, "latest": published,
            "reasons": ["published date"], "stale": False, "stale_reasons": []})
        for name, ver in ((ANALYSIS, self.analysis_version),
                          (relate_run.NAME, relate_run.VERSION)):
            rows["extractions"].append({"article_id": index, "extractor": name, "version": ver,
                                        "done_at": self.now})
        self._join_story(index, item["title"], published, lead, lead_events)

    def _join_story(self, index: int, title: str, day: dt.date, lead: set[str],
                    lead_events: list[list[Any]]) -> None:
        story_id = self.story_of[index]
        state = self.open_stories.get(story_id)
        if state is None:
            state = {"title": title, "first": day, "last": day, "entities": {}, "events": [],
                     "articles": []}
            self.open_stories[story_id] = state
            reason, score = "new development", 0.0
        else:
            reason, score = "lead names 60% alike, dates within 21 days", 0.6
        state["first"], state["last"] = min(state["first"], day), max(state["last"], day)
        for entity_id in lead:
            record = self.records[entity_id]
            state["entities"][entity_id] = stories.weight(record.type, record.kind)
        state["events"].extend(lead_events)
        state["articles"].append((index, score, reason))

    def story_rows(self, upto: int, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Rows of the stories whose last article is ``upto`` or earlier."""
        for story_id in sorted(self.open_stories):
            if self.runs[story_id - 1][1] > upto:
                continue
            state = self.open_stories.pop(story_id)
            rows["stories"].append({
                "id": story_id, "title": state["title"], "first_seen": state["first"],
                "last_seen": state["last"], "lead": {"events": state["events"][-200:]}})
            rows["story_articles"].extend(
                {"article_id": a, "story_id": story_id, "score": s, "reason": r}
                for a, s, r in state["articles"])
            rows["story_entities"].extend(
                {"story_id": story_id, "entity_id": e, "weight": w}
                for e, w in state["entities"].items())

    def entity_rows(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Entities first named in this chunk (they must exist before their mentions)."""
        for entity_id, r in self.records.items():
            if entity_id in self.written:
                continue
            self.written.add(entity_id)
            rows["entities"].append({
                "id": r.id, "type": r.type, "name": r.name, "kb_id": r.kb_id, "kind": r.kind,
                "country": r.country, "lat": r.lat, "lon": r.lon, "geo_basis": r.geo_basis})


TABLE_ORDER = ["entities", "articles", "article_signatures", "article_bands", "mentions",
               "events", "event_actors", "event_links", "claims", "article_dating", "extractions",
               "stories", "story_articles", "story_entities"]
TABLES = {t.name: t for t in m.Base.metadata.sorted_tables}


def write(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert rows: SQLAlchemy Core executemany, or straight through the sqlite3 driver when no
    column needs converting (integers, floats and strings are stored as they are)."""
    columns = list(rows[0])
    dialect = conn.dialect
    if dialect.name != "sqlite" or any(
            table.c[c].type.bind_processor(dialect) is not None for c in columns):
        conn.execute(insert(table), rows)
        return
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
                         [tuple(row[c] for c in columns) for row in rows])


def fill(db: str, size: int, seed: int, new: int, workers: int, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    plan = make_plan(size, new, seed)
    chunks = [[(seed, i) for i in range(first, min(size, first + CHUNK - 1) + 1)]
              for first in range(1, size + 1, CHUNK)]
    with multiprocessing.get_context("fork").Pool(workers) as pool, Store(db) as store:
        filler = Filler(store, size, seed, plan)
        print(f"  filling {size:,} articles: analysis version {filler.analysis_version}; "
              f"{len(filler.vocab['b'])} generator names, {len(filler.vocab['c'])} other "
              f"knowledge-base entries, {filler.vocab['pool']:,} local names")
        insert_s = 0.0
        with store.engine.connect() as conn:
            if store.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size=-400000")
                conn.exec_driver_sql("PRAGMA synchronous=OFF")
            # The workers compute the next chunk while this process writes the current one.
            pending = pool.map_async(_prepare, chunks[0], chunksize=100)
            for number in range(len(chunks)):
                prepared = pending.get()
                if number + 1 < len(chunks):
                    pending = pool.map_async(_prepare, chunks[number + 1], chunksize=100)
                rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for index, item, chash, sig, bands in prepared:
                    filler.article_rows(index, item, chash, sig, bands, rows)
                filler.story_rows(prepared[-1][0], rows)
                filler.entity_rows(rows)
                t0 = time.perf_counter()
                for table in TABLE_ORDER:
                    if rows.get(table):
                        write(conn, TABLES[table], rows[table])
                        filler.counts[table] += len(rows[table])
                conn.commit()
                insert_s += time.perf_counter() - t0
                done = prepared[-1][0]
                if done % (CHUNK * 10) == 0:
                    print(f"    {done:,} articles written, {time.perf_counter() - started:.0f} s")
            if store.dialect == "postgresql":
                for table in ("articles", "events", "stories"):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                      f"(SELECT max(id) FROM {table}))"))
                conn.execute(text("ANALYZE"))
                conn.commit()
            else:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    elapsed = time.perf_counter() - started
    top = filler.df.most_common()
    spread = ", ".join(f"{e} {n / size:.0%}" for e, n in top[:5])
    tail = [n for e, n in top if ":" in e]
    print(f"  filled in {elapsed:.1f} s ({insert_s:.1f} s writing rows); "
          + ", ".join(f"{t} {n:,}" for t, n in filler.counts.items()))
    print(f"  entity spread: {spread}; {len(tail):,} local names, median "
          f"{sorted(tail)[len(tail) // 2] if tail else 0} articles each; "
          f"{sum(filler.df.values()) / size:.1f} names per article")
    (work / f"plan-{size}.json").write_text(json.dumps(plan), encoding="utf-8")
    return {"fill_s": elapsed, "insert_s": insert_s, "rss_mb": peak_rss_mb(),
            "stories": len(filler.runs), "rows": dict(filler.counts)}


# -- measuring -------------------------------------------------------------------------------------

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    """Phase marks and part timings of one ``relate_article`` call."""

    def __init__(self) -> None:
        self.marks: dict[str, float] = {}
        self.parts: defaultdict[str, float] = defaultdict(float)
        self.found: defaultdict[str, int] = defaultdict(int)

    def reset(self) -> None:
        self.marks.clear()
        self.parts.clear()
        self.found.clear()


PARTS = [  # (object name, attribute, part label, phase mark set on entry / exit)
    ("duplicates", "signature", "1 signature+bands", "dup"),
    ("duplicates", "band_keys", "1 signature+bands", None),
    ("store", "save_signature", "1 save signature", None),
    ("store", "band_candidates", "1 band candidates", None),
    ("store", "entity_candidates", "1 entity candidates", None),
    ("store", "signatures", "1 candidate signatures", None),
    ("store", "article_facts", "facts", None),
    ("duplicates", "relate", "1 label pairs", None),
    ("store", "save_relations", "1 save relations", "dup_end"),
    ("run", "_lead", "2 lead", "story"),
    ("store", "stories_of", "2 stories of relations", None),
    ("store", "story_candidates", "2 story candidates", None),
    ("stories", "choose", "2 choose", None),
    ("store", "story_state", "2 story state", None),
    ("store", "save_story", "2 save story", "story_end"),
    ("store", "save_dating", "3 dating", None),
    ("store", "event_candidates", "3 event candidates", None),
    ("store", "claim_facts", "3 claim facts", None),
    ("disagreements", "find_disagreements", "3 find disagreements", None),
    ("store", "replace_disagreements", "3 save disagreements", None),
]


def instrument(store: Store, clock: Clock) -> None:
    """Wrap the functions ``relate_article`` calls with timers (the code itself is untouched)."""
    owners = {"duplicates": duplicates, "store": store, "run": relate_run, "stories": stories,
              "disagreements": disagreements}
    for owner_name, attr, label, mark in PARTS:
        owner = owners[owner_name]
        original = getattr(owner, attr)

        def wrapper(*args: Any, _f: Any = original, _label: str = label,
                    _mark: str | None = mark, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            if _mark in ("dup", "story"):
                clock.marks.setdefault(_mark, t0)
            result = _f(*args, **kwargs)
            t1 = time.perf_counter()
            part = _label
            if _label == "facts":  # the article's own facts, or a candidate's
                part = "1 candidate facts" if "dup" in clock.marks and \
                    "dup_end" not in clock.marks else "3 own facts and copies' facts"
            clock.parts[part] += t1 - t0
            if _mark in ("dup_end", "story_end"):
                clock.marks[_mark] = t1
            if _label in ("1 band candidates", "1 entity candidates", "2 story candidates"):
                clock.found[_label] += len(result)
            return result

        functools.update_wrapper(wrapper, original)
        setattr(owner, attr, wrapper)


class QueryLog:
    """Time per SQL statement (IN lists folded), with one example for its query plan."""

    _IN = re.compile(r"(\?|%\(\w+\)s)(, (\?|%\(\w+\)s))+")

    def __init__(self, engine: Any) -> None:
        self.on = False
        self.stats: dict[str, list[Any]] = {}
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, _cursor: Any, _statement: str, _params: Any, _context: Any,
                _many: bool) -> None:
        conn.info["bench_t0"] = time.perf_counter()

    def _after(self, conn: Any, _cursor: Any, statement: str, params: Any, _context: Any,
               many: bool) -> None:
        if not self.on:
            return
        spent = time.perf_counter() - conn.info.pop("bench_t0", time.perf_counter())
        key = " ".join(self._IN.sub("…", statement).split())
        entry = self.stats.setdefault(key, [0, 0.0, None])
        entry[0] += 1
        entry[1] += spent
        if entry[2] is None and not many:
            entry[2] = (statement, params)


def explain(store: Store, statement: str, params: Any) -> list[str]:
    prefix = "EXPLAIN QUERY PLAN " if store.dialect == "sqlite" else "EXPLAIN "
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(prefix + statement, params).all()
    if store.dialect == "sqlite":
        return [str(r[-1]) for r in rows]
    return [str(r[0]) for r in rows]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(db: str, size: int, seed: int, work: Path) -> dict[str, Any]:
    plan = json.loads((work / f"plan-{size}.json").read_text(encoding="utf-8"))
    kb = knowledge_base(SETTINGS)
    entity_extractor(SETTINGS)("warm up", "en")
    today = dt.date.today()
    with Store(db) as store:
        stored = store.count_articles()
        print(f"  measuring on a store of {stored:,} articles; analysis with "
              "Settings(spacy_model='none'): knowledge-base names only, no statistical model, "
              "to isolate the cost of relating")
        # Stored the real way.
        t0 = time.perf_counter()
        new_ids: dict[int, dict[str, Any]] = {}
        for spec in plan:
            item = new_item(seed, size, spec)
            record = {"url": f"https://news.test/new/{spec['k']}", **item}
            data = json.dumps(record, ensure_ascii=False).encode()
            raw = RawDocument(f"bench://new/{size}/{spec['k']}#record-1", "record", data, record)
            outcome = ingest_one(store, raw, SETTINGS)
            if outcome.status != "stored" or outcome.article_id is None:
                raise SystemExit(f"new article {spec['k']} not stored: {outcome}")
            new_ids[outcome.article_id] = spec
        ingest_ms = (time.perf_counter() - t0) * 1000 / len(plan)
        t0 = time.perf_counter()
        analysis_version = version(entity_extractor(SETTINGS))
        store.articles_to_extract(ANALYSIS, analysis_version, limit=200)
        scan_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        analysed = extract_pending(store, settings=SETTINGS)
        analyse_ms = (time.perf_counter() - t0) * 1000 / max(1, analysed)
        if analysed != len(plan):
            raise SystemExit(f"extract_pending analysed {analysed} articles, not {len(plan)}: "
                             "the filled extraction rows do not match the analysis version")
        log = QueryLog(store.engine)
        log.on = True
        t0 = time.perf_counter()
        todo = relate_run.pending(store)
        pending_ms = (time.perf_counter() - t0) * 1000
        log.on = False
        pending_plan = [line for _calls, _t, example in log.stats.values() if example
                        for line in explain(store, *example)]
        log.stats = {}
        if sorted(todo) != sorted(new_ids):
            raise SystemExit(f"relate would pick {len(todo)} articles, not the {len(plan)} new")
        print(f"  new articles: {len(plan)} ({dict(Counter(s['kind'] for s in plan))}); "
              f"stored {ingest_ms:.1f} ms/article, analysed {analyse_ms:.1f} ms/article; "
              f"one pending scan: analysis {scan_ms:.0f} ms, relate {pending_ms:.0f} ms")

        clock = Clock()
        instrument(store, clock)
        rss_before = peak_rss_mb()
        samples: list[dict[str, float]] = []
        found: list[dict[str, int]] = []
        log.on = True
        for article_id in sorted(todo):
            clock.reset()
            start = time.perf_counter()
            relate_run.relate_article(store, kb, article_id, today)
            end = time.perf_counter()
            marks = clock.marks
            sample = {"dup": marks["dup_end"] - marks["dup"],
                      "story": marks["story_end"] - marks["story"], "total": end - start}
            sample["rest"] = sample["total"] - sample["dup"] - sample["story"]
            sample.update(clock.parts)
            samples.append({k: v * 1000 for k, v in sample.items()})
            found.append(dict(clock.found))
        log.on = False

        outcome = outcomes(store, new_ids, len(layout(size, seed)))
        queries = sorted(([k, v[0], v[1] * 1000] for k, v in log.stats.items()),
                         key=lambda q: -q[2])
        plans = {}
        for key, _calls, _total in queries[:5]:
            example = log.stats[key][2]
            if example:
                plans[key] = explain(store, *example)
        postings = evidence(store, [a for a, s in new_ids.items() if s["kind"] == "new"][:20])
    return {"samples": samples, "found": found, "outcome": outcome, "queries": queries[:12],
            "plans": plans, "rss_mb": peak_rss_mb(), "rss_before_mb": rss_before,
            "ingest_ms": ingest_ms, "analyse_ms": analyse_ms, "scan_ms": scan_ms,
            "pending_ms": pending_ms, "pending_plan": pending_plan, "postings": postings}


def outcomes(store: Store, new_ids: dict[int, dict[str, Any]], old_stories: int) -> dict[str, Any]:
    """What relating concluded for the new articles: relations and stories joined."""
    relations = Counter(r.kind for r in store.relations_of(list(new_ids)))
    joined: Counter[str] = Counter()
    intended = 0
    with store.engine.connect() as conn:
        placed = dict(conn.execute(text(
            "SELECT article_id, story_id FROM story_articles WHERE article_id >= :low"),
            {"low": min(new_ids)}).all())
        reasons = dict(conn.execute(text(
            "SELECT article_id, reason FROM story_articles WHERE article_id >= :low"),
            {"low": min(new_ids)}).all())
    for article_id, spec in new_ids.items():
        story = placed.get(article_id)
        if story is not None and story <= old_stories:
            why = reasons[article_id]
            for short in ("copy", "near-copy", "rewrite", "lead names", "same lead event"):
                if why.startswith(short + " "):
                    why = short
            joined[f"{spec['kind']} by {why}"] += 1
            if spec.get("story") == story:
                intended += 1
    follow = sum(1 for s in new_ids.values() if s["kind"] == "follow-up")
    return {"relations": dict(relations), "joined_old": dict(joined),
            "joined_old_total": sum(joined.values()), "follow_ups_intended": intended,
            "follow_ups": follow}


def evidence(store: Store, article_ids: list[int]) -> dict[str, float]:
    """Rows the entity and story candidate queries must read for new articles (mean)."""
    if not article_ids:
        return {}
    mention_rows, story_rows, specific_n = [], [], []
    with store.engine.connect() as conn:
        for article_id in article_ids:
            ids = [r[0] for r in conn.execute(text(
                "SELECT DISTINCT m.entity_id FROM mentions m JOIN entities e ON e.id = m.entity_id "
                "WHERE m.article_id = :a AND (e.kind IS NULL OR e.kind NOT IN "
                "('country', 'alliance', 'international', 'region'))"), {"a": article_id})]
            specific_n.append(len(ids))
            if not ids:
                continue
            marks = ", ".join(f":e{i}" for i in range(len(ids)))
            params = {f"e{i}": e for i, e in enumerate(ids)}
            mention_rows.append(conn.execute(text(
                f"SELECT count(*) FROM mentions WHERE entity_id IN ({marks})"), params).scalar())
            story_rows.append(conn.execute(text(
                f"SELECT count(*) FROM story_entities WHERE entity_id IN ({marks})"),
                params).scalar())
    return {"specific_names": sum(specific_n) / len(specific_n),
            "mention_rows": sum(mention_rows) / max(1, len(mention_rows)),
            "story_entity_rows": sum(story_rows) / max(1, len(story_rows))}


# -- reporting -------------------------------------------------------------------------------------

def report(size: int, filled: dict[str, Any], result: dict[str, Any]) -> dict[str, float]:
    samples = result["samples"]
    print(f"  relate_article, ms per added article ({len(samples)} articles):")
    print(f"    {'':32} {'median':>8} {'p95':>8} {'mean':>8}")
    summary = {}
    for key, label in (("dup", "(1) duplicate detection"), ("story", "(2) story assignment"),
                       ("rest", "(3) the rest"), ("total", "total")):
        values = [s[key] for s in samples]
        summary[key] = pct(values, 0.5)
        summary[key + "_p95"] = pct(values, 0.95)
        print(f"    {label:32} {pct(values, 0.5):8.1f} {pct(values, 0.95):8.1f} "
              f"{sum(values) / len(values):8.1f}")
    parts = sorted({k for s in samples for k in s} - {"dup", "story", "rest", "total"})
    print("    parts (median ms; candidates found per article, mean):")
    for part in parts:
        values = [s.get(part, 0.0) for s in samples]
        summary[part] = pct(values, 0.5)
        found = [f.get(part, 0) for f in result["found"]]
        extra = f"   found {sum(found) / len(found):.1f}" if any(found) else ""
        print(f"      {part:34} {pct(values, 0.5):8.2f}{extra}")
    o = result["outcome"]
    print(f"  relations found: {o['relations']}; joined stored stories: {o['joined_old_total']} "
          f"{o['joined_old']}; follow-ups in their planned story: "
          f"{o['follow_ups_intended']}/{o['follow_ups']}")
    ev = result["postings"]
    if ev:
        print(f"  a new report names {ev['specific_names']:.0f} specific names: "
              f"entity_candidates reads {ev['mention_rows']:,.0f} mention rows, "
              f"story_candidates {ev['story_entity_rows']:,.0f} story_entities rows")
    print("  slowest statements while relating (calls, total ms, mean ms; execute time only: on "
          "SQLite, up to the first row)")
    for key, calls, total in result["queries"][:6]:
        print(f"    {calls:5d} {total:9.1f} {total / calls:8.2f}  {key[:150]}")
        for line in result["plans"].get(key, []):
            print(f"          plan: {line}")
    print("  the pending scan (once per batch): " + "; ".join(result["pending_plan"]))
    print(f"  peak RSS: relating process {result['rss_mb']:.0f} MB "
          f"({result['rss_before_mb']:.0f} MB before relating); filling process "
          f"{filled['rss_mb']:.0f} MB")
    summary["rss_mb"] = result["rss_mb"]
    return summary


def run_child(args: argparse.Namespace, phase: str, size: int, db: str, work: Path) -> None:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--phase", phase, "--size", str(size),
           "--store", db, "--work", str(work), "--seed", str(args.seed), "--new", str(args.new),
           "--workers", str(args.workers)]
    subprocess.run(cmd, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="stored articles, comma-separated (default 10000,100000)")
    parser.add_argument("--new", type=int, default=200, help="articles added and timed")
    parser.add_argument("--db", default="sqlite",
                        help="'sqlite' (a temporary file) or a PostgreSQL server URL")
    parser.add_argument("--workers", type=int, default=2, help="processes computing signatures")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--phase", choices=["fill", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:  # one step of one size, in its own process
        work = Path(args.work)
        if args.phase == "fill":
            out = fill(args.store, args.size, args.seed, args.new, args.workers, work)
        else:
            out = measure(args.store, args.size, args.seed, work)
        (work / f"{args.phase}-{args.size}.json").write_text(json.dumps(out), encoding="utf-8")
        return

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()
    summaries: dict[int, dict[str, float]] = {}
    queries: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="wf-relate-scale-") as tmp:
        work = Path(tmp)
        for size in sizes:
            t0 = time.perf_counter()
            print(f"size {size:,}:")
            db, drop = database(args.db, size, work)
            try:
                run_child(args, "fill", size, db, work)
                if args.db == "sqlite":
                    mb = Path(db).stat().st_size / 2**20
                    print(f"  store file: {mb:,.0f} MB")
                run_child(args, "measure", size, db, work)
            finally:
                if drop:
                    drop()
            filled = json.loads((work / f"fill-{size}.json").read_text(encoding="utf-8"))
            result = json.loads((work / f"measure-{size}.json").read_text(encoding="utf-8"))
            summaries[size] = report(size, filled, result)
            queries[size] = {k: t / c for k, c, t in result["queries"]}
            print(f"  size {size:,} done in {time.perf_counter() - t0:.0f} s")
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        a, b = summaries[small], summaries[large]
        growth = large / small
        print(f"\n{large:,} vs {small:,} stored articles ({growth:.0f}x the corpus), ms per added "
              "article:")
        for key, label in (("dup", "(1) duplicate detection"), ("story", "(2) story assignment"),
                           ("rest", "(3) the rest"), ("total", "total")):
            p95 = key + "_p95"
            print(f"  {label:24} median {a[key]:6.1f} -> {b[key]:6.1f} ms ({b[key] / a[key]:.2f}x),"
                  f" p95 {a[p95]:6.1f} -> {b[p95]:6.1f} ms ({b[p95] / a[p95]:.2f}x)")
        grown = sorted(((b[k] / a[k], k) for k in a if k in b and k[0] in "123"
                        and a[k] > 0.05), reverse=True)[:5]
        print("  parts that grew most: " + ", ".join(f"{k} {r:.1f}x" for r, k in grown))
        common = [(queries[large][k] / queries[small][k], k) for k in queries[large]
                  if k in queries[small] and queries[small][k] > 0]
        for ratio, key in sorted(common, reverse=True)[:3]:
            print(f"  statement {ratio:5.1f}x slower: {key[:150]}")
        print(f"  peak RSS while relating: {a['rss_mb']:.0f} MB -> {b['rss_mb']:.0f} MB")
    print(f"total runtime {time.perf_counter() - started:.0f} s")


def database(url: str, size: int, work: Path) -> tuple[str, Any]:
    """A fresh store location for one size, and how to remove it (PostgreSQL)."""
    if url == "sqlite":
        return str(work / f"store-{size}.db"), None
    server = normalise_url(url)
    if make_url(server).get_backend_name() != "postgresql":
        raise SystemExit("--db takes 'sqlite' or a PostgreSQL server URL")
    name = f"wf_relate_bench_{size}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    db = make_url(server).set(database=name).render_as_string(hide_password=False)
    return db, drop


if __name__ == "__main__":
    main()
