"""The ingest pipeline: found inputs → raw documents → cleaned articles → the store.

Each input is cleaned and stored in its own transaction, so a batch interrupted at any point leaves
a consistent store, and running it again stores what is missing and leaves the rest unchanged.
An input that fails is logged with its reason and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .clean.decode import decode_bytes
from .clean.html import clean_html
from .clean.language import detect_language
from .clean.plaintext import clean_markdown, clean_plaintext
from .config import Settings, get_settings
from .errors import InputError, NoArticleError
from .ingest.files import Found, discover, read
from .store import Store, sha256
from .types import Cleaned, IngestOutcome, RawDocument


@dataclass
class BatchReport:
    outcomes: list[IngestOutcome] = field(default_factory=list)
    ignored: int = 0
    """Files inside folders skipped because their kind is not one watchfloor reads."""

    @property
    def counts(self) -> Counter[str]:
        return Counter(o.status for o in self.outcomes)

    @property
    def failures(self) -> list[IngestOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def clean_document(raw: RawDocument, settings: Settings) -> Cleaned:
    """Clean one raw document into article text and metadata, or raise an InputError."""
    if raw.kind == "record":
        assert raw.record is not None
        cleaned = _clean_record(raw)
    else:
        text = decode_bytes(raw.data, raw.source, html=raw.kind == "html")
        if raw.kind == "html":
            cleaned = clean_html(text, source=raw.source)
        elif raw.kind == "markdown":
            cleaned = clean_markdown(text, source=raw.source)
        else:
            cleaned = clean_plaintext(text, source=raw.source)
    left = len(cleaned.text.strip())
    if left < settings.min_article_chars:
        removed = len(cleaned.removed)
        raise NoArticleError(
            raw.source,
            f"no article text after cleaning ({left} characters left, {removed} boilerplate "
            f"block(s) removed; min_article_chars is {settings.min_article_chars})",
        )
    return cleaned


def _clean_record(raw: RawDocument) -> Cleaned:
    record = raw.record or {}
    title = _text_field(record.get("title"))
    url = _text_field(record.get("url"))
    if "html" in record and "text" not in record:
        cleaned = clean_html(record["html"], source=raw.source, url=url)
    else:
        cleaned = clean_plaintext(record["text"], source=raw.source, title_hint=title)
    published = parse_date(record.get("published"))
    updates: dict[str, object] = {}
    if title:
        updates["title"] = title
    if url:
        updates["canonical_url"] = url
    author = record.get("author")
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author if a)
    if _text_field(author):
        updates["author"] = _text_field(author)
    if _text_field(record.get("outlet")):
        updates["outlet"] = _text_field(record.get("outlet"))
    if published is not None:
        updates["published"] = published
        updates["published_basis"] = "metadata"
    return replace(cleaned, **updates)  # type: ignore[arg-type]


def _text_field(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d %B %Y", "%B %d, %Y", "%d %b %Y")
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> dt.date | None:
    """A record's date field: ISO 8601 (date or date-time) or a few common forms; else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    match = _ISO_PREFIX.match(value)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def ingest_one(store: Store, raw: RawDocument, settings: Settings) -> IngestOutcome:
    raw_hash = sha256(raw.data)
    previous = store.seen(raw.source, raw_hash)
    if previous is not None and previous.status != "failed":
        return IngestOutcome(raw.source, "unchanged", previous.article_id)
    try:
        cleaned = clean_document(raw, settings)
    except InputError as exc:
        store.record_failure(raw.source, raw_hash, raw.kind, exc.code, exc.message)
        return IngestOutcome(raw.source, "failed", None, exc.message, exc.code)
    language = detect_language(" ".join(filter(None, [cleaned.title, cleaned.text[:3000]])))
    status, article_id = store.add_article(raw, raw_hash, cleaned, language)
    message = f"same text as article {article_id}" if status == "duplicate" else None
    return IngestOutcome(raw.source, status, article_id, message)


def ingest_paths(
    store: Store,
    paths: Iterable[str],
    *,
    settings: Settings | None = None,
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    on_file_done: Callable[[], None] | None = None,
) -> BatchReport:
    """Ingest files and folders.

    ``on_start`` gets the number of files found, ``on_outcome`` each input's result (a dump gives
    several), ``on_file_done`` is called after each file: hooks for a progress display.
    """
    settings = settings or get_settings()
    found, ignored = discover(list(paths))
    report = BatchReport(ignored=ignored)
    if on_start:
        on_start(len(found))
    for item in found:
        for outcome in _ingest_found(store, item, settings):
            report.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
        if on_file_done:
            on_file_done()
    return report


def _ingest_found(store: Store, item: Found, settings: Settings) -> Iterable[IngestOutcome]:
    for produced in read(item, settings):
        if isinstance(produced, InputError):
            store.record_failure(produced.source, "", item.kind or "unknown", produced.code,
                                 produced.message)
            yield IngestOutcome(produced.source, "failed", None, produced.message, produced.code)
        else:
            yield ingest_one(store, produced, settings)
