"""The store's query functions: the only way other layers read or write the database."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import NotFoundError, StoreError
from ..types import Article, Cleaned, LanguageGuess, RawDocument, Removed
from .briefing import BriefQueries
from .db import make_engine, upgrade
from .entities import EntityQueries
from .facts import FactQueries
from .fold import fold, fold_with_offsets
from .models import ArticleRow, DocumentRow
from .query import Query, parse_query, to_fts5, to_tsquery
from .relate import RelateQueries


def sha256(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def content_hash(text: str) -> str:
    """Identity of an article's text: white space and case do not make a new article."""
    return sha256(" ".join(text.split()).casefold())


@dataclass(frozen=True)
class SearchHit:
    article: Article
    score: float
    snippet: str
    highlight: tuple[int, int] | None
    """Where the matched word stands in ``snippet``."""


@dataclass(frozen=True)
class LogEntry:
    source: str
    kind: str
    status: str
    article_id: int | None
    error_code: str | None
    message: str | None
    seen_at: dt.datetime


class Store(EntityQueries, FactQueries, RelateQueries, BriefQueries):
    """A watchfloor database. Opening it migrates the schema to the newest version."""

    def __init__(self, db: str) -> None:
        self.url = db
        self.engine = make_engine(db)
        upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def seen(self, source: str, raw_hash: str) -> LogEntry | None:
        """The log entry of an input already offered with the same bytes, if any."""
        with self._sessions() as session:
            row = session.scalars(
                select(DocumentRow).where(
                    DocumentRow.source_hash == sha256(source), DocumentRow.raw_hash == raw_hash
                )
            ).first()
            return _log_entry(row) if row else None

    def find_by_content(self, chash: str) -> int | None:
        with self._sessions() as session:
            return session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == chash))

    def add_article(
        self, raw: RawDocument, raw_hash: str, cleaned: Cleaned, language: LanguageGuess
    ) -> tuple[str, int]:
        """Store a cleaned article and its log entry in one transaction.

        Returns ``("stored", id)``, or ``("duplicate", id)`` when the same text is already stored
        (the input is then logged as another source of that article).
        """
        chash = content_hash(cleaned.text)
        now = dt.datetime.now(dt.UTC)
        for _attempt in range(2):
            existing = self.find_by_content(chash)
            with self._sessions() as session:
                try:
                    # An input that failed before and now succeeds replaces its failure entry.
                    session.execute(
                        delete(DocumentRow).where(
                            DocumentRow.source_hash == sha256(raw.source),
                            DocumentRow.raw_hash == raw_hash,
                            DocumentRow.status == "failed",
                        )
                    )
                    if existing is not None:
                        self._log(session, raw, raw_hash, "duplicate", existing, None,
                                  f"same text as article {existing}", now)
                        session.commit()
                        return "duplicate", existing
                    row = ArticleRow(
                        content_hash=chash,
                        source=raw.source,
                        canonical_url=cleaned.canonical_url,
                        title=cleaned.title,
                        author=cleaned.author,
                        outlet=cleaned.outlet,
                        published=cleaned.published,
                        published_basis=cleaned.published_basis,
                        language=language.code,
                        language_confidence=round(language.confidence, 4),
                        text=cleaned.text,
                        removed=[{"kind": r.kind, "text": r.text} for r in cleaned.removed],
                        cleaner=cleaned.cleaner,
                        ingested_at=now,
                    )
                    session.add(row)
                    session.flush()
                    self._index(session, row)
                    self._log(session, raw, raw_hash, "stored", row.id, None, None, now)
                    session.commit()
                    return "stored", row.id
                except IntegrityError:
                    # Another process stored the same text or input meanwhile: look again.
                    session.rollback()
        raise StoreError(f"{raw.source}: could not be stored (conflicting concurrent writes)")

    def record_failure(
        self, source: str, raw_hash: str, kind: str, code: str, message: str
    ) -> None:
        """Log an input that could not become an article. Logging it twice changes nothing."""
        if self.seen(source, raw_hash):
            return
        with self._sessions() as session:
            try:
                self._log(session, None, raw_hash, "failed", None, code, message,
                          dt.datetime.now(dt.UTC), source=source, kind=kind)
                session.commit()
            except IntegrityError:
                session.rollback()

    @staticmethod
    def _log(
        session: Session,
        raw: RawDocument | None,
        raw_hash: str,
        status: str,
        article_id: int | None,
        code: str | None,
        message: str | None,
        now: dt.datetime,
        *,
        source: str | None = None,
        kind: str | None = None,
    ) -> None:
        src = raw.source if raw else source
        assert src is not None
        session.add(
            DocumentRow(
                source=src,
                source_hash=sha256(src),
                raw_hash=raw_hash,
                kind=raw.kind if raw else (kind or "unknown"),
                status=status,
                article_id=article_id,
                error_code=code,
                message=message,
                seen_at=now,
            )
        )

    def _index(self, session: Session, row: ArticleRow) -> None:
        title = fold(row.title or "")
        body = fold(row.text)
        if self.dialect == "sqlite":
            session.execute(
                text("INSERT INTO article_fts(rowid, title, body) VALUES (:id, :title, :body)"),
                {"id": row.id, "title": title, "body": body},
            )
        else:
            session.execute(
                text(
                    "INSERT INTO article_search(article_id, document) VALUES (:id, "
                    "setweight(to_tsvector('simple', :title), 'A') || "
                    "setweight(to_tsvector('simple', :body), 'B'))"
                ),
                {"id": row.id, "title": title, "body": body},
            )

    # -- reading ---------------------------------------------------------------------------------

    def get_article(self, article_id: int) -> Article:
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise NotFoundError(f"no article with id {article_id}")
            return self._article(session, row)

    def count_articles(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def list_articles(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        language: str | None = None,
        outlet: str | None = None,
    ) -> list[Article]:
        stmt = select(ArticleRow)
        if language:
            stmt = stmt.where(ArticleRow.language == language)
        if outlet:
            stmt = stmt.where(func.lower(ArticleRow.outlet) == outlet.lower())
        stmt = stmt.order_by(ArticleRow.id).limit(limit).offset(offset)
        with self._sessions() as session:
            return [self._article(session, row) for row in session.scalars(stmt)]

    def iter_articles(self, batch: int = 500) -> Iterator[Article]:
        """Every article in id order, read in batches (memory stays flat on large stores)."""
        last = 0
        while True:
            with self._sessions() as session:
                rows = list(
                    session.scalars(
                        select(ArticleRow).where(ArticleRow.id > last)
                        .order_by(ArticleRow.id).limit(batch)
                    )
                )
                if not rows:
                    return
                sources = self._sources(session, [r.id for r in rows])
                for row in rows:
                    yield _article(row, sources.get(row.id, ()))
                last = rows[-1].id

    def log(self, *, status: str | None = None, limit: int = 200) -> list[LogEntry]:
        stmt = select(DocumentRow).order_by(DocumentRow.id.desc()).limit(limit)
        if status:
            stmt = stmt.where(DocumentRow.status == status)
        with self._sessions() as session:
            return [_log_entry(row) for row in session.scalars(stmt)]

    def search(self, query_text: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search over titles and texts; any input is safe (see ``store.query``)."""
        query = parse_query(query_text)
        if query.empty:
            return []
        if self.dialect == "sqlite":
            sql = text(
                "SELECT rowid, bm25(article_fts, 5.0, 1.0) AS score FROM article_fts "
                "WHERE article_fts MATCH :q ORDER BY score, rowid LIMIT :limit OFFSET :offset"
            )
            params = {"q": to_fts5(query), "limit": limit, "offset": offset}
        else:
            sql = text(
                "SELECT article_id, -ts_rank(document, q) AS score "
                "FROM article_search, to_tsquery('simple', :q) AS q "
                "WHERE document @@ q ORDER BY score, article_id LIMIT :limit OFFSET :offset"
            )
            params = {"q": to_tsquery(query), "limit": limit, "offset": offset}
        with self._sessions() as session:
            found = session.execute(sql, params).all()
            hits = []
            for article_id, score in found:
                article = self._article(session, session.get(ArticleRow, article_id))
                text_, mark = snippet(article.text, query)
                hits.append(SearchHit(article, float(-score), text_, mark))
            return hits

    def integrity_problems(self) -> list[str]:
        """Consistency checks: the database's own, and every article indexed exactly once."""
        problems: list[str] = []
        with self._sessions() as session:
            articles = session.scalar(select(func.count()).select_from(ArticleRow)) or 0
            table = "article_fts" if self.dialect == "sqlite" else "article_search"
            indexed = session.scalar(text(f"SELECT count(*) FROM {table}")) or 0
            if indexed != articles:
                problems.append(f"{articles} articles but {indexed} search index entries")
            stored = session.scalar(
                select(func.count()).select_from(DocumentRow).where(DocumentRow.status == "stored")
            ) or 0
            if stored != articles:
                problems.append(f"{articles} articles but {stored} 'stored' log entries")
            if self.dialect == "sqlite":
                result = session.scalar(text("PRAGMA integrity_check"))
                if result != "ok":
                    problems.append(f"SQLite integrity check: {result}")
        return problems

    def _sources(self, session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
        rows = session.execute(
            select(DocumentRow.article_id, DocumentRow.source)
            .where(DocumentRow.article_id.in_(ids))
            .order_by(DocumentRow.id)
        ).all()
        out: dict[int, list[str]] = {}
        for article_id, source in rows:
            out.setdefault(article_id, [])
            if source not in out[article_id]:
                out[article_id].append(source)
        return {k: tuple(v) for k, v in out.items()}

    def _article(self, session: Session, row: ArticleRow) -> Article:
        return _article(row, self._sources(session, [row.id]).get(row.id, ()))


def _article(row: ArticleRow, sources: tuple[str, ...]) -> Article:
    ingested = row.ingested_at
    if ingested.tzinfo is None:  # SQLite returns naive datetimes; they were stored as UTC.
        ingested = ingested.replace(tzinfo=dt.UTC)
    return Article(
        id=row.id,
        source=row.source,
        text=row.text,
        content_hash=row.content_hash,
        title=row.title,
        author=row.author,
        outlet=row.outlet,
        published=row.published,
        published_basis=row.published_basis,
        language=row.language,
        language_confidence=row.language_confidence,
        canonical_url=row.canonical_url,
        removed=tuple(Removed(r["kind"], r["text"]) for r in row.removed),
        cleaner=row.cleaner,
        ingested_at=ingested,
        sources=sources or (row.source,),
    )


def _log_entry(row: DocumentRow) -> LogEntry:
    return LogEntry(row.source, row.kind, row.status, row.article_id, row.error_code,
                    row.message, row.seen_at)


def snippet(body: str, query: Query, width: int = 90) -> tuple[str, tuple[int, int] | None]:
    """A window of ``body`` around the first place a query word occurs, and where that word is."""
    folded, offsets = fold_with_offsets(body[:200_000])
    best: tuple[int, int] | None = None
    for term in query.positive:
        for word in term.words:
            index = _find_word(folded, word, term.prefix)
            if index >= 0 and (best is None or index < best[0]):
                end = index + len(word)
                while term.prefix and end < len(folded) and folded[end].isalnum():
                    end += 1
                best = (index, end)
    if best is None or not offsets:
        return " ".join(body[: 2 * width].split()), None
    start, end = offsets[best[0]], offsets[best[1] - 1] + 1
    left = max(0, start - width)
    right = min(len(body), end + width)
    before = ("…" if left > 0 else "") + " ".join(body[left:start].split())
    if body[left:start][-1:].isspace():
        before += " "
    match = body[start:end]
    after = body[end:right]
    after = (" " if after[:1].isspace() else "") + " ".join(after.split())
    after += "…" if right < len(body) else ""
    return before + match + after, (len(before), len(before) + len(match))


def _find_word(folded: str, word: str, prefix: bool) -> int:
    start = 0
    while True:
        index = folded.find(word, start)
        if index < 0:
            return -1
        before_ok = index == 0 or not folded[index - 1].isalnum()
        after = index + len(word)
        after_ok = prefix or after >= len(folded) or not folded[after].isalnum()
        if before_ok and after_ok:
            return index
        start = index + 1
