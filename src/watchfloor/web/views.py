"""What each view shows, gathered once for both its page and its API route.

A view function reads the store (through :mod:`.queries` and the store's own functions) and
returns plain objects; :mod:`.pages` renders them and :mod:`.api` writes them as JSON, so a page
and its API route can never disagree about the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..config import get_settings
from ..errors import NotFoundError
from ..extract.run import knowledge_base
from ..extract.sentences import Sentence, sentence_at, split_sentences
from ..kb.loader import KnowledgeBase
from ..report.export import entity_record
from ..report.format import entity_ids, figure, shorten, when
from ..store import Store
from ..store.entities import EntitySummary
from ..store.models import DisagreementRow
from ..types import Article
from . import graphs, queries
from .common import Paging, entity_url
from .highlight import Segment, Span, segments, split_at, split_snippet
from .queries import ArticleBrief, EntityName, SearchFilters, StoryItem


def kb() -> KnowledgeBase:
    return knowledge_base(get_settings())


def _entity_href(entity_id: str) -> str:
    return entity_url(entity_id)


# -- disagreements ----------------------------------------------------------------------------------

@dataclass
class ClaimSide:
    claim: Any
    published: dt.date | None
    outlet: str | None
    value: str
    """The figure as written for a reader."""
    sentence: str
    """The sentence the figure stands in (its evidence)."""


def sentences(store: Store, spans: Sequence[tuple[int, int, int]]) -> dict[tuple[int, int, int],
                                                                           str]:
    """The sentence around each (article id, start, end) span, for showing a short fact (a
    figure such as "33 countries") with the sentence it was read from."""
    texts = queries.article_texts(store, [a for a, _, _ in spans])
    split: dict[int, list[Sentence]] = {}
    out = {}
    for a, start, end in spans:
        text = texts.get(a)
        if text is None:
            continue
        if a not in split:
            split[a] = split_sentences(text)
        first = sentence_at(split[a], start)
        last = sentence_at(split[a], max(start, end - 1)) or first
        lo = min(first.start, start) if first else start
        hi = max(last.end if last else end, end)
        out[(a, start, end)] = text[lo:hi]
    return out


@dataclass
class DisagreementView:
    row: DisagreementRow
    subject: EntityName | None
    sides: list[ClaimSide]


def disagreement_views(store: Store, rows: Sequence[DisagreementRow]) -> list[DisagreementView]:
    claims = store.claims_by_id([c for d in rows for c in d.claims])
    names = queries.entity_names(store, [d.subject for d in rows])
    said = sentences(store, [(c.article_id, c.start, c.end) for c, _, _ in claims.values()])
    out = []
    for d in rows:
        sides = [ClaimSide(claims[c][0], claims[c][1], claims[c][2], figure(claims[c][0]),
                           said.get((claims[c][0].article_id, claims[c][0].start,
                                     claims[c][0].end), claims[c][0].text))
                 for c in d.claims if c in claims]
        out.append(DisagreementView(d, names.get(d.subject), sides))
    return out


# -- overview ---------------------------------------------------------------------------------------

CHART_TYPES = 6
"""Event types drawn separately on the overview chart; the rest are summed as "other"."""


@dataclass
class Overview:
    totals: dict[str, int]
    latest_stories: list[StoryItem]
    most_covered: list[StoryItem]
    series: dict[str, dict[dt.date, int]]
    newest_event: dt.date | None
    chart: str | None
    disagreements: list[DisagreementView]
    stale: list[tuple[ArticleBrief, list[str]]]
    latest_articles: list[ArticleBrief]


def overview(store: Store) -> Overview:
    series, newest = queries.events_by_month(store, months=24)
    ranked = sorted(series, key=lambda k: (-sum(series[k].values()), k))
    shown = {k: series[k] for k in ranked[:CHART_TYPES]}
    rest: dict[dt.date, int] = {}
    for kind in ranked[CHART_TYPES:]:
        for day, n in series[kind].items():
            rest[day] = rest.get(day, 0) + n
    if rest:
        shown["other types"] = rest
    chart = graphs.counts_chart(shown, title="Event reports per month, by type")
    rows, _ = queries.recent_disagreements(store, limit=6)
    return Overview(
        totals=queries.totals(store),
        latest_stories=queries.stories_page(store, limit=8, offset=0)[0],
        most_covered=queries.most_covered_stories(store, limit=8),
        series=series, newest_event=newest, chart=chart,
        disagreements=disagreement_views(store, rows),
        stale=queries.recent_stale(store, limit=8),
        latest_articles=queries.latest_articles(store, limit=8),
    )


# -- lists ------------------------------------------------------------------------------------------

def stories(store: Store, page: int, per_page: int) -> tuple[list[StoryItem], Paging]:
    offset = (page - 1) * per_page
    items, total = queries.stories_page(store, limit=per_page, offset=offset)
    return items, Paging(page, per_page, total)


def entities(store: Store, type: str | None, page: int,
             per_page: int) -> tuple[list[tuple[EntityName, int, int]], Paging]:
    offset = (page - 1) * per_page
    items, total = queries.entities_page(store, type=type, limit=per_page, offset=offset)
    return items, Paging(page, per_page, total)


def disagreements(store: Store, status: str | None, subject: str | None, page: int,
                  per_page: int) -> tuple[list[DisagreementView], Paging]:
    subjects = None
    if subject:
        subjects = entity_ids(store, subject)
    rows, total = queries.recent_disagreements(store, limit=per_page,
                                               offset=(page - 1) * per_page, status=status,
                                               subjects=subjects)
    return disagreement_views(store, rows), Paging(page, per_page, total)


# -- search -----------------------------------------------------------------------------------------

@dataclass
class SearchView:
    filters: SearchFilters
    entity_text: str | None
    entity_matches: list[EntityName]
    results: list[queries.SearchResult]
    segments: list[list[Segment]]
    paging: Paging
    notes: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        f = self.filters
        return bool(f.q or f.outlet or f.language or f.since or f.until or self.entity_text
                    or f.event_type)


def search(store: Store, *, q: str | None, outlet: str | None, language: str | None,
           since: dt.date | None, until: dt.date | None, entity: str | None,
           event_type: str | None, page: int, per_page: int) -> SearchView:
    notes = []
    ids: tuple[str, ...] | None = None
    matches: list[EntityName] = []
    if entity:
        found = entity_ids(store, entity)
        ids = tuple(found)
        names = queries.entity_names(store, found)
        matches = [names[i] for i in found if i in names]
        if not matches:
            notes.append(f"no entity named “{shorten(entity, 60)}” in the store")
    if since and until and since > until:
        notes.append(f"the period starts after it ends ({since} > {until}): nothing can match")
    filters = SearchFilters(q=q or "", outlet=outlet, language=language, since=since,
                            until=until, entities=ids, event_type=event_type)
    result = queries.search(store, filters, limit=per_page, offset=(page - 1) * per_page)
    return SearchView(filters, entity, matches, result.results,
                      [split_snippet(r.snippet, r.highlight) for r in result.results],
                      Paging(page, per_page, result.total), notes)


# -- article ----------------------------------------------------------------------------------------

@dataclass
class RelatedArticle:
    kind: str
    other: ArticleBrief | None
    other_id: int
    earlier: bool
    """True when the other article is the earlier one (this one repeats it)."""
    row: Any


@dataclass
class ArticleView:
    article: Article
    dating: Any
    relations: list[RelatedArticle]
    story: tuple[int, str] | None
    mentions: list[Any]
    times: list[Any]
    quotes: list[Any]
    claims: list[Any]
    events: list[Any]
    names: dict[str, EntityName]
    segments: list[Segment]
    counts: dict[str, int]
    siblings: dict[int, list[int]]
    sibling_briefs: dict[int, ArticleBrief]
    extractors: list[str]


def _name(names: dict[str, EntityName], entity_id: str | None) -> str:
    if not entity_id:
        return "?"
    found = names.get(entity_id)
    return found.name if found else entity_id


def article(store: Store, article_id: int) -> ArticleView:
    art = store.get_article(article_id)
    dating = store.dating([article_id]).get(article_id)
    rel_rows = store.relations_of([article_id])
    others = [r.earlier_id if r.later_id == article_id else r.later_id for r in rel_rows]
    briefs = queries.article_briefs(store, others)
    relations = [RelatedArticle(r.kind, briefs.get(o), o, r.earlier_id == o, r)
                 for r, o in zip(rel_rows, others, strict=True)]
    story = queries.story_of_articles(store, [article_id]).get(article_id)
    mentions = store.article_mentions(article_id)
    times = store.list_times(article_id)
    quotes = [r.record for r in store.list_quotes(article_id=article_id, limit=5000)]
    claims = [r.record for r in store.list_claims(article_id=article_id, limit=5000)]
    events = sorted((r.record for r in store.list_events(article_id=article_id, limit=5000)),
                    key=lambda e: e.start)
    ids = {m.entity_id for m in mentions} | {q.speaker_entity_id for q in quotes} | {
        c.subject_entity_id for c in claims} | {e.place_entity_id for e in events} | {
        a["entity_id"] for e in events for a in e.actors}
    names = queries.entity_names(store, [i for i in ids if i])
    spans: list[Span] = []
    for m in mentions:
        entity = names.get(m.entity_id)
        kind = entity.type if entity else "entity"
        label = f"{_name(names, m.entity_id)} ({kind}) · found by {m.method}"
        if m.role:
            label += f" · titled “{m.role}”"
        spans.append(Span(m.start, m.end, "entity", label, f"m-{m.id}",
                          _entity_href(m.entity_id)))
    for t in times:
        label = (f"time: {when(t.earliest, t.latest, t.precision)} · {t.kind}, {t.basis}"
                 + (f" · value {t.value}" if t.value else ""))
        spans.append(Span(t.start, t.end, "time", label, f"t-{t.id}"))
    for q in quotes:
        who = _name(names, q.speaker_entity_id) if q.speaker_entity_id else (
            f"{q.speaker} (unnamed)" if q.speaker else "not attributed")
        for index, (a, b) in enumerate(q.parts or [[q.start, q.end]]):
            spans.append(Span(a, b, "quote", f"quote ({q.kind}) · speaker: {who}",
                              f"q-{q.id}" if index == 0 else f"q-{q.id}-{index}"))
    for c in claims:
        about = _name(names, c.subject_entity_id) if c.subject_entity_id else (
            c.subject or "no subject")
        label = f"figure: {about} — {c.measure}: {figure(c)}" + (
            f" (as of {c.as_of})" if c.as_of else "")
        spans.append(Span(c.start, c.end, "claim", label, f"c-{c.id}"))
    for e in events:
        who = ", ".join(_name(names, a["entity_id"]) + (" →" if a["role"] == "source" else "")
                        for a in e.actors)
        label = (f"event: {e.type}" + (f"/{e.mode}" if e.mode else "")
                 + (f" ({e.modality})" if e.modality != "happened" else "")
                 + f" · {when(e.earliest, e.latest, e.precision, e.time_text)}"
                 + (f" · {who}" if who else "")
                 + (f" · in {_name(names, e.place_entity_id)}" if e.place_entity_id else ""))
        spans.append(Span(e.trigger_start, e.trigger_end, "event", label, f"e-{e.id}"))
    siblings = queries.event_siblings(store, [e.id for e in events])
    sibling_briefs = queries.article_briefs(store, [a for v in siblings.values() for a in v])
    extractors = sorted({m.extractor for m in mentions} | {t.extractor for t in times}
                        | {q.extractor for q in quotes} | {c.extractor for c in claims}
                        | {e.extractor for e in events})
    counts = {"entity": len(mentions), "quote": len(quotes), "time": len(times),
              "event": len(events), "claim": len(claims)}
    return ArticleView(art, dating, relations, story, mentions, times, quotes, claims, events,
                       names, segments(art.text, spans), counts, siblings, sibling_briefs,
                       extractors)


# -- entity -----------------------------------------------------------------------------------------

@dataclass
class EntityView:
    summary: EntitySummary
    record: dict[str, Any]
    """The export's record of the entity (aliases, roles, titles, coordinates, coverage)."""
    spellings: list[tuple[str, int]]
    undated_articles: int
    by_month: dict[dt.date, int]
    chart: str | None
    map: str | None
    network: str | None
    mentions: list[queries.MentionInContext]
    mention_segments: list[list[Segment]]
    mention_paging: Paging
    events: list[tuple[Any, ArticleBrief]]
    quotes_by: list[tuple[Any, ArticleBrief]]
    quotes_about: list[tuple[Any, ArticleBrief]]
    claims: list[tuple[Any, ArticleBrief]]
    co_mentioned: list[tuple[EntityName, int]]
    partners: list[tuple[EntityName | None, str, str, str, int]]
    stories: list[StoryItem]
    names: dict[str, EntityName]


def entity(store: Store, entity_id: str, *, page: int = 1, per_page: int = 20) -> EntityView:
    row = queries.entity_row(store, entity_id)
    if row is None:
        raise NotFoundError(f"no entity with id {shorten(entity_id, 80)!r}")
    mentions_n, articles_n = queries.entity_coverage(store, entity_id)
    summary = EntitySummary(row.id, row.name, row.type, row.kind, row.kb_id, row.country,
                            row.lat, row.lon, row.geo_basis, mentions_n, articles_n)
    spellings = queries.entity_spellings(store, entity_id)
    titles = queries.entity_titles(store, entity_id)
    record = entity_record(summary, kb(), [s for s, _ in spellings], titles)
    by_month, undated = queries.entity_mentions_by_month(store, entity_id)
    chart = graphs.counts_chart({"articles naming " + row.name: by_month},
                                title=f"Articles naming {row.name}, per month")
    mentions = queries.entity_mentions_page(store, entity_id, limit=per_page,
                                            offset=(page - 1) * per_page)
    co = queries.co_mentioned(store, entity_id, limit=15)
    partner_rows = queries.event_partners(store, entity_id)
    events = queries.entity_events(store, entity_id, place=row.type == "place")
    quotes_by = queries.quotes_by(store, entity_id)
    quotes_about = queries.quotes_about(store, entity_id)
    claims = queries.claims_about(store, entity_id)
    ids = {o for o, *_ in partner_rows} | {e.place_entity_id for e, _ in events} | {
        a["entity_id"] for e, _ in events for a in e.actors} | {
        q.speaker_entity_id for q, _ in quotes_about}
    names = queries.entity_names(store, [i for i in ids if i])
    partners = [(names.get(o), o, k, d, n) for o, k, d, n in partner_rows]
    points = []
    if row.lat is not None and row.lon is not None:
        # Drawn largest, so that its own label wins a place among its neighbours'.
        heaviest = max((float(n) for _, n in co), default=1.0)
        points.append(graphs.Point(row.lat, row.lon, row.name, None, heaviest + 1, "focus"))
    for other, n in co:
        if other.type == "place" and other.lat is not None and other.lon is not None:
            points.append(graphs.Point(other.lat, other.lon, other.name,
                                       _entity_href(other.id), float(n)))
    if row.lat is not None and row.lon is not None:
        # A located place: the map is centred on it, with the places named nearby.
        near = [p for p in points if abs(p.lat - row.lat) <= 14 and abs(p.lon - row.lon) <= 20]
    else:
        near, _far = graphs.focus(points)
    map_svg = graphs.place_map(near, title=(f"Where {row.name} is" if row.type == "place"
                                            else f"Places named with {row.name}"))
    nodes = {row.id: graphs.NodeSpec(row.id, row.name, row.type, 3.0, None)}
    edges = []
    for other, n in co[:10]:
        nodes.setdefault(other.id, graphs.NodeSpec(other.id, other.name, other.type, float(n),
                                                   _entity_href(other.id)))
        edges.append(graphs.EdgeSpec(row.id, other.id, "named together", float(n)))
    for other_name, other, kind, direction, n in partners[:10]:
        if other_name is None:
            continue
        nodes.setdefault(other, graphs.NodeSpec(other, other_name.name, other_name.type,
                                                float(n), _entity_href(other)))
        source, target = (other, row.id) if direction == "in" else (row.id, other)
        edges.append(graphs.EdgeSpec(source, target, kind, float(n)))
    net = graphs.network(list(nodes.values()), edges)
    return EntityView(
        summary, record, spellings, undated, by_month, chart, map_svg, net, mentions,
        [split_at(m.sentence, m.offset, len(m.text)) for m in mentions],
        Paging(page, per_page, mentions_n), events, quotes_by, quotes_about, claims, co,
        partners, queries.entity_stories(store, entity_id), names)


# -- story ------------------------------------------------------------------------------------------

@dataclass
class StoryView:
    story: Any
    article_ids: list[int]
    dossier: Any
    chart: str | None
    map: str | None
    network: str | None
    briefs: dict[int, ArticleBrief]
    off_map: list[str]
    """Places named but far from the rest, left off the map (listed beside it)."""


def story(store: Store, story_id: int) -> StoryView:
    from ..report.dossier import Selection, collect

    row = store.get_story(story_id)
    if row is None:
        raise NotFoundError(f"no story with id {story_id}")
    members = [a for a, _, _ in store.story_articles(story_id)]
    dossier = collect(store, Selection(story_id=story_id))
    chart = graphs.counts_chart(dossier.trend, title="Developments per month, by type")
    points = [graphs.Point(p.lat, p.lon, p.ref.name, _entity_href(p.ref.id), float(p.articles))
              for p in dossier.places if p.lat is not None and p.lon is not None]
    near, far = graphs.focus(points)
    map_svg = graphs.place_map(near, title="Places the story names")
    nodes: dict[str, graphs.NodeSpec] = {}
    edges = []
    for link in dossier.links:
        for ref in (link.source, link.target):
            nodes.setdefault(ref.id, graphs.NodeSpec(ref.id, ref.name, ref.type, 1.0,
                                                     _entity_href(ref.id)))
        edges.extend(graphs.EdgeSpec(link.source.id, link.target.id, kind, float(n))
                     for kind, n in link.types)
    net = graphs.network(list(nodes.values()), edges)
    cited = {c.article_id for d in dossier.developments for c in d.statement.citations}
    briefs = queries.article_briefs(store, sorted(cited | set(members)))
    return StoryView(row, members, dossier, chart, map_svg, net, briefs,
                     [p.label for p in far])
