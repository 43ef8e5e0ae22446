"""The JSON export: the whole store in a documented, versioned format (docs/export-format.md).

The file is written as a stream, one article at a time, so exporting a large store needs little
memory. Output is deterministic: the same store gives the same bytes.
"""

from __future__ import annotations

import json
from typing import IO, Any

from .. import __version__
from ..store import Store
from ..types import Article

FORMAT_NAME = "watchfloor-export"
FORMAT_VERSION = 1


def article_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "sources": list(article.sources),
        "canonical_url": article.canonical_url,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "published_basis": article.published_basis,
        "language": article.language,
        "language_confidence": article.language_confidence,
        "content_hash": article.content_hash,
        "cleaner": article.cleaner,
        "ingested_at": article.ingested_at.isoformat(timespec="seconds"),
        "text": article.text,
        "removed": [{"kind": r.kind, "text": r.text} for r in article.removed],
    }


def write_json(store: Store, out: IO[str]) -> int:
    """Write the export to ``out``; return the number of articles written."""
    out.write("{\n")
    out.write(f'  "format": {json.dumps(FORMAT_NAME)},\n')
    out.write(f'  "version": {FORMAT_VERSION},\n')
    out.write(f'  "generator": {json.dumps("watchfloor " + __version__)},\n')
    out.write('  "articles": [')
    count = 0
    for article in store.iter_articles():
        out.write(",\n    " if count else "\n    ")
        out.write(json.dumps(article_record(article), ensure_ascii=False, sort_keys=False))
        count += 1
    out.write("\n  ]\n" if count else "]\n")
    out.write("}\n")
    return count
