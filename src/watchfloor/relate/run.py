"""Relating each analysed article to what is already stored, incrementally.

For a new article: its MinHash bands find candidate copies, its specific names find candidate
rewrites (both indexed lookups, so the cost per article does not grow with the store); each
candidate pair is labelled copy, near copy or rewrite; the article is dated from its content when
it has no date, and flagged stale when its content is old or repeats an earlier article; its events
join the groups of the same events reported elsewhere; it joins a story or starts one; and the
disagreements about the subjects of its figures are recomputed. Each step is idempotent: running
again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..kb.loader import KnowledgeBase
from ..store import Store
from ..types import DateEstimate, Relation, Staleness
from . import stories

NAME = "relate"
VERSION = "1"


def pending(store: Store) -> list[int]:
    return store.articles_to_extract(NAME, VERSION, limit=10**9)


def relate_pending(store: Store, kb: KnowledgeBase, *, today: dt.date | None = None,
                   on_article: Callable[[int], None] | None = None) -> int:
    """Relate every analysed article that needs it, oldest id first; return how many."""
    today = today or dt.date.today()
    done = 0
    for article_id in pending(store):
        if store.extraction_done(article_id, "analysis") is None:
            continue  # not analysed yet: relating needs its facts
        relate_article(store, kb, article_id, today)
        done += 1
        if on_article:
            on_article(article_id)
    return done


def relate_article(store: Store, kb: KnowledgeBase, article_id: int, today: dt.date) -> None:
    from . import dating, disagreements, duplicates

    facts = store.article_facts(article_id)
    signature = duplicates.signature(facts.text)
    bands = duplicates.band_keys(signature)
    store.save_signature(article_id, signature, bands)

    # Copies and rewrites.
    kinds = store.entity_kinds([e for e, _, _ in facts.entities])
    specific = [e for e, _, _ in facts.entities
                if kinds.get(e, ("", None))[1] not in stories.COMMON_KINDS]
    candidates = sorted(set(store.band_candidates(article_id, bands))
                        | set(store.entity_candidates(article_id, specific)))
    sigs = store.signatures(candidates)
    own_estimate = None if facts.published else dating.estimate_date(facts, kb, today)
    estimates = {d.article_id: DateEstimate(d.earliest, d.latest, tuple(d.reasons))
                 for d in store.dating(candidates).values()}
    if own_estimate is not None:
        estimates[article_id] = own_estimate
    relations: list[Relation] = []
    for other in candidates:
        if other not in sigs:
            continue  # not related yet itself: the pair is judged when that one is
        relation = duplicates.relate(store.article_facts(other), facts,
                                     duplicates.text_similarity(sigs[other], signature),
                                     estimates=estimates)
        if relation is not None:
            relations.append(relation)
    store.save_relations(article_id, relations, f"{duplicates.NAME}/{duplicates.VERSION}")

    # Dating and staleness.
    if facts.published:
        estimate = DateEstimate(facts.published, facts.published, ("published date",))
    else:
        assert own_estimate is not None
        estimate = own_estimate
    earlier_copies = []
    for r in relations:
        if r.later == article_id and r.kind in ("copy", "near-copy"):
            earlier_facts = store.article_facts(r.earlier)
            earlier_copies.append((r.earlier, earlier_facts.published))
    staleness: Staleness = dating.assess_staleness(
        facts.published, estimate, facts.ingested_at.date(), facts, earlier_copies)
    store.save_dating(article_id, estimate, staleness)

    # The same event reported by several articles.
    events = store.events_of(article_id)
    actors = store.event_actor_ids([e.id for e in events])
    links: dict[int, int] = {}
    for event in events:
        group = event.id
        found = store.event_candidates(event)
        others = store.event_actor_ids([e.id for e, _ in found])
        for other, other_group in found:
            shared = actors.get(event.id, set()) & others.get(other.id, set())
            same_place = event.place_entity_id is not None and \
                event.place_entity_id == other.place_entity_id
            if same_place or (shared and (event.place_entity_id is None
                                          or other.place_entity_id is None)):
                group = min(group, other_group)
        links[event.id] = group
    store.save_event_links(links)

    # Stories.
    date = facts.published or estimate.latest
    lead = _lead(store, facts, events, actors, date)
    related = store.stories_of([r.earlier if r.later == article_id else r.later
                                for r in relations])
    related_stories = {story: f"{r.kind} of article {other}"
                       for r in relations
                       for other in [r.earlier if r.later == article_id else r.later]
                       for a, story in related.items() if a == other}
    # Broad names (Kosovo, NATO) would bring every story; look up by the specific ones.
    specific_lead = [e for e, w in lead.entities.items() if w > 0.2] or list(lead.entities)
    candidates_s = store.story_candidates(specific_lead)
    story_id, score, reason = stories.choose(lead, candidates_s, related_stories)
    if story_id is None:
        state = stories.StoryState(0, lead.title, date, date)
    else:
        state = store.story_state(story_id)
    store.save_story(stories.merge(state, lead), article_id, score, reason)

    # Disagreements about the subjects of its figures.
    subjects = sorted({s for s, _, _, _ in facts.claims if s})
    if subjects:
        store.replace_disagreements(
            subjects, disagreements.find_disagreements(store.claim_facts(subjects)))

    store.save_mentions_done(article_id, NAME, VERSION)


def _lead(store: Store, facts, events, actors, date):  # type: ignore[no-untyped-def]
    """The article's lead: names and events of its first paragraphs."""
    cut = 0
    for _ in range(stories.LEAD_PARAGRAPHS):
        found = facts.text.find("\n\n", cut + 1)
        if found < 0:
            cut = len(facts.text)
            break
        cut = found
    mentions = [m for m in store.article_mentions(facts.article_id) if m.start < cut]
    ids = sorted({m.entity_id for m in mentions})
    kinds = store.entity_kinds(ids)
    entities = {}
    for entity_id in ids:
        entity_type, kind = kinds.get(entity_id, ("", None))
        entities[entity_id] = stories.weight(entity_type, kind)
    lead_events = tuple(
        (f"{e.type}/{e.mode}" if e.mode else e.type, e.place_entity_id,
         tuple(sorted(actors.get(e.id, ()))), e.earliest, e.latest)
        for e in events if e.start < cut and e.modality in ("happened", "planned"))
    title = facts.title or " ".join(facts.text[:cut].split()[:14]) + "…"
    return stories.Lead(facts.article_id, date, entities, lead_events, title)
