"""Running the extractors over stored articles: only what is missing or out of date.

An article is processed once per extractor version; running again with the same version changes
nothing, and a new version replaces that extractor's output article by article. Each article's
results are written in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..config import Settings, get_settings
from ..kb.loader import KnowledgeBase, load_cached
from ..resolve.entities import entity_record
from ..store import Store
from .entities import NAME, VERSION, EntityExtractor


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
    """The extractor's version with what it depends on: knowledge base and model."""
    return f"{VERSION}+kb.{extractor.kb.fingerprint}+{extractor.model or 'no-model'}"[:54]


def pending(store: Store, settings: Settings | None = None) -> int:
    extractor = entity_extractor(settings or get_settings())
    return len(store.articles_to_extract(NAME, version(extractor), limit=10**9))


def extract_pending(
    store: Store,
    *,
    settings: Settings | None = None,
    on_article: Callable[[int], None] | None = None,
) -> int:
    """Run the entity extractor on every article that needs it; return how many were done."""
    settings = settings or get_settings()
    extractor = entity_extractor(settings)
    kb = extractor.kb
    full_version = version(extractor)
    done = 0
    after = 0
    while True:
        ids = store.articles_to_extract(NAME, full_version, limit=200, after=after)
        if not ids:
            return done
        for start in range(0, len(ids), 32):
            chunk = [store.get_article(i) for i in ids[start:start + 32]]
            results = extractor.many([(a.text, a.language) for a in chunk])
            for article, mentions in zip(chunk, results, strict=True):
                resolved = [(entity_record(m, kb), m) for m in mentions]
                store.save_mentions(article.id, NAME, full_version, resolved)
                done += 1
                if on_article:
                    on_article(article.id)
        after = ids[-1]
