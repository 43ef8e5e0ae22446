"""Stories: one real development and its coverage, assigned incrementally.

A story is not a topic. Two articles belong to one story when they report the same development:
one is a copy or rewrite of the other, or they lead with the same event (same PLOVER type, the
same main actor or place, overlapping dates), or their leading names largely coincide and their
dates are close. "Leading" means the first paragraphs, where news puts what the article is about:
a February briefing that mentions last year's attacks and a March visit share many names but not
their lead, so they stay two stories.

A new article is compared only with the stories that share one of its lead names (an indexed
lookup), so assignment costs the same however large the store grows.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

NAME = "stories"
VERSION = "1"

LEAD_PARAGRAPHS = 3
DATE_WINDOW_DAYS = 21
"""Lead-name similarity alone joins articles only when their dates are this close."""
JOIN_SIMILARITY = 0.5
COMMON_KINDS = ("country", "alliance", "international", "region")
"""Entities too broad to tell developments apart (NATO, the EU, Kosovo): they weigh little."""


@dataclass(frozen=True)
class Lead:
    """What an article leads with."""

    article_id: int
    date: dt.date | None
    """The article's date: published, or the latest of its estimated interval."""
    entities: dict[str, float]
    """Lead entity id → weight (specific names weigh more than countries and alliances)."""
    events: tuple[tuple[str, str | None, tuple[str, ...], dt.date | None, dt.date | None], ...]
    """(type/mode, place, actors, earliest, latest) of its lead events."""
    title: str


@dataclass
class StoryState:
    id: int
    title: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    entities: dict[str, float] = field(default_factory=dict)
    events: list[tuple[str, str | None, tuple[str, ...], dt.date | None, dt.date | None]] = \
        field(default_factory=list)
    articles: list[int] = field(default_factory=list)


def weight(entity_type: str, kind: str | None) -> float:
    if kind in COMMON_KINDS:
        return 0.2
    return {"person": 1.0, "place": 0.8, "organization": 0.6}.get(entity_type, 0.5)


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Jaccard of two weighted name sets."""
    keys = set(a) | set(b)
    if not keys:
        return 0.0
    top = sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    bottom = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return top / bottom if bottom else 0.0


def _overlap(a0: dt.date | None, a1: dt.date | None, b0: dt.date | None,
             b1: dt.date | None) -> bool | None:
    """Whether two intervals overlap; None when either is unknown."""
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return None
    return a0 <= b1 and b0 <= a1


def same_lead_event(a: Lead, story: StoryState) -> str | None:
    """A reason when the article leads with an event the story already has."""
    for kind, place, actors, start, end in a.events:
        for s_kind, s_place, s_actors, s_start, s_end in story.events:
            if kind != s_kind:
                continue
            shared_actor = set(actors) & set(s_actors)
            same_place = place is not None and place == s_place
            dates = _overlap(start, end, s_start, s_end)
            if (shared_actor or same_place) and dates is not False:
                if dates is None and not (shared_actor and same_place) and not (
                        shared_actor and _close(a.date, story)):
                    continue
                return f"same lead event ({kind}" + (
                    f", {', '.join(sorted(shared_actor))}" if shared_actor else "") + ")"
    return None


def _close(day: dt.date | None, story: StoryState, days: int = DATE_WINDOW_DAYS) -> bool:
    if day is None or story.first_seen is None or story.last_seen is None:
        return False
    return (story.first_seen - dt.timedelta(days=days)) <= day <= (
        story.last_seen + dt.timedelta(days=days))


def choose(lead: Lead, candidates: list[StoryState],
           related_stories: dict[int, str]) -> tuple[int | None, float, str]:
    """The story the article joins (None: a new one), with a score and the reason.

    ``related_stories`` maps story ids to a reason, for stories holding a copy or rewrite of
    this article: those win outright.
    """
    if related_stories:
        story_id = min(related_stories)
        return story_id, 1.0, related_stories[story_id]
    best: tuple[float, int, str] | None = None
    for story in candidates:
        sim = similarity(lead.entities, story.entities)
        reason = same_lead_event(lead, story)
        if reason and sim >= 0.15:
            score = 0.6 + sim
        elif sim >= JOIN_SIMILARITY and _close(lead.date, story):
            score, reason = sim, f"lead names {sim:.0%} alike, dates within {DATE_WINDOW_DAYS} days"
        else:
            continue
        if best is None or (score, -story.id) > (best[0], -best[1]):
            best = (score, story.id, reason)
    if best is None:
        return None, 0.0, "new development"
    return best[1], round(best[0], 3), best[2]


def merge(story: StoryState, lead: Lead) -> StoryState:
    """The story after the article joined it (names decay slowly so the story can move on)."""
    for entity, w in lead.entities.items():
        story.entities[entity] = max(story.entities.get(entity, 0.0), w)
    story.events.extend(lead.events)
    story.articles.append(lead.article_id)
    if lead.date:
        story.first_seen = min(filter(None, (story.first_seen, lead.date)))
        story.last_seen = max(filter(None, (story.last_seen, lead.date)))
    return story


def idf(articles_with_entity: int, total_articles: int) -> float:
    """Rarer names tell developments apart better."""
    return math.log(1 + total_articles / (1 + articles_with_entity)) + 0.1
