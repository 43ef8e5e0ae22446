"""Running the extractors over stored articles: only what is missing or out of date.

The analysis of an article (entity mentions, time expressions, quotes, figures, events) is one
unit: later extractors read the mentions, so all are rerun together and written in one
transaction. An article is analysed once per analysis version — the versions of its extractors,
the knowledge base's fingerprint and the model — so running again changes nothing, and a new
extractor or knowledge base replaces the output article by article.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..config import Settings, get_settings
from ..kb.loader import KnowledgeBase, load_cached
from ..resolve.entities import MentionIndex, entity_record
from ..store import Store
from ..store.facts import Facts
from ..types import Article
from .entities import EXTRACTOR as ENTITIES
from .entities import EntityExtractor

ANALYSIS = "analysis"


@lru_cache(maxsize=1)
def components() -> dict[str, str]:
    """``name/version`` of the fact extractors that read the mentions."""
    from . import claims, events, quotes, timex

    return {
        "times": f"{timex.NAME}/{timex.VERSION}",
        "quotes": f"{quotes.NAME}/{quotes.VERSION}",
        "claims": f"{claims.NAME}/{claims.VERSION}",
        "events": f"{events.NAME}/{events.VERSION}",
    }


def knowledge_base(settings: Settings) -> KnowledgeBase:
    paths = tuple(p for p in settings.kb_paths.split(":") if p.strip())
    return load_cached(paths)


@lru_cache(maxsize=2)
def _extractor(kb: KnowledgeBase, model: str | None) -> EntityExtractor:
    return EntityExtractor(kb, model)


def entity_extractor(settings: Settings) -> EntityExtractor:
    model = None if settings.spacy_model.lower() in ("", "none") else settings.spacy_model
    return _extractor(knowledge_base(settings), model)


def version(extractor: EntityExtractor) -> str:
    """The analysis version: its extractors' versions, the knowledge base and the model."""
    parts = ".".join(v.split("/")[1] for v in (ENTITIES, *components().values()))
    return f"{parts}+kb.{extractor.kb.fingerprint}+{extractor.model or 'no-model'}"[:64]


def mention_label(extractor: EntityExtractor) -> str:
    return f"{ENTITIES}+kb.{extractor.kb.fingerprint}+{extractor.model or 'no-model'}"[:64]


def pending(store: Store, settings: Settings | None = None) -> int:
    extractor = entity_extractor(settings or get_settings())
    return len(store.articles_to_extract(ANALYSIS, version(extractor), limit=10**9))


def analyse(article: Article, extractor: EntityExtractor, mentions: list | None = None):  # type: ignore[no-untyped-def]
    """Mentions and facts of one article (pure: reads nothing but the article and the KB)."""
    from . import claims, events, quotes, timex

    kb = extractor.kb
    if mentions is None:
        mentions = extractor(article.text, article.language)
    index = MentionIndex(mentions)
    anchor = article.published
    times = timex.extract_times(article.text, anchor)
    found_quotes = quotes.extract_quotes(article.text, mentions)
    found_claims = claims.extract_claims(article.text, mentions, anchor)
    found_events = events.extract_events(article.text, mentions, times, anchor, kb=kb)
    facts = Facts(
        times=times,
        quotes=[(q, index.resolve(q.speaker_kb_id, q.speaker_start, q.speaker_end,
                                  q.speaker_key) if q.speaker_kind in ("named", "pronoun",
                                                                       "source") else None)
                for q in found_quotes],
        claims=[(c, index.resolve(c.subject_kb_id, c.subject_start, c.subject_end,
                                  c.subject_key)) for c in found_claims],
        events=found_events,
        extractors=components(),
    )
    resolved = [(entity_record(m, kb), m) for m in mentions]
    return resolved, facts


def extract_pending(
    store: Store,
    *,
    settings: Settings | None = None,
    on_article: Callable[[int], None] | None = None,
) -> int:
    """Analyse every article that needs it; return how many were done."""
    settings = settings or get_settings()
    extractor = entity_extractor(settings)
    full_version = version(extractor)
    label = mention_label(extractor)
    done = 0
    after = 0
    while True:
        ids = store.articles_to_extract(ANALYSIS, full_version, limit=200, after=after)
        if not ids:
            return done
        for start in range(0, len(ids), 32):
            chunk = [store.get_article(i) for i in ids[start:start + 32]]
            results = extractor.many([(a.text, a.language) for a in chunk])
            for article, mentions in zip(chunk, results, strict=True):
                resolved, facts = analyse(article, extractor, mentions)
                store.save_mentions(article.id, ANALYSIS, full_version, resolved, facts,
                                    mention_extractor=label)
                done += 1
                if on_article:
                    on_article(article.id)
        after = ids[-1]
