"""``watchfloor articles``, ``show`` and ``search``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..types import Article
from .common import console, shorten, state


def _date(article: Article, dating=None) -> str:  # type: ignore[no-untyped-def]
    if article.published is None:
        if dating is not None and (dating.earliest or dating.latest):
            return f"undated, est. {dating.earliest or '?'}…{dating.latest or '?'}"
        return "undated"
    return f"{article.published.isoformat()} {article.published_basis}"


def _title(article: Article, width: int = 70) -> str:
    if article.title:
        return escape(shorten(article.title, width))
    return "[dim italic](no title) " + escape(shorten(article.text, width - 11)) + "[/]"


def list_articles(
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code, e.g. en, sr, sq")] = None,
    outlet: Annotated[str | None, typer.Option()] = None,
) -> None:
    """List stored articles."""
    with state.open_store() as store:
        rows = store.list_articles(limit=limit, offset=offset, language=language, outlet=outlet)
        total = store.count_articles()
        dating = store.dating([a.id for a in rows])
    if not rows:
        console.print("[dim]no articles (add some with `watchfloor ingest PATH`)[/dim]")
        return
    table = Table(header_style="bold", box=None)
    table.add_column("id", justify="right")
    table.add_column("published")
    table.add_column("outlet", max_width=18, no_wrap=True, overflow="ellipsis")
    table.add_column("lang")
    table.add_column("title")
    width = max(20, console.width - 57)
    for article in rows:
        d = dating.get(article.id)
        title = _title(article, width)
        if d is not None and d.stale:
            title = "[red]stale[/red] " + title
        table.add_row(str(article.id), _date(article, d), escape(article.outlet or "–"),
                      article.language, title)
    console.print(table)
    console.print(f"[dim]{len(rows)} of {total} articles[/dim]")


def show(
    article_id: Annotated[int, typer.Argument(help="Article id (see `watchfloor articles`)")],
    removed: Annotated[
        bool, typer.Option("--removed/--no-removed", help="Show what cleaning removed.")
    ] = True,
) -> None:
    """Print one article: metadata, clean text and the boilerplate that was removed."""
    with state.open_store() as store:
        article = store.get_article(article_id)
        dating = store.dating([article_id]).get(article_id)
        relations = store.relations_of([article_id])
        story_id = store.stories_of([article_id]).get(article_id)
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in (
        ("title", article.title or "unknown"),
        ("author", article.author or "unknown"),
        ("outlet", article.outlet or "unknown"),
        ("published", _date(article)),
        ("language", f"{article.language} ({article.language_confidence:.2f})"),
        ("url", article.canonical_url or "–"),
        ("source", "\n".join(article.sources)),
        ("cleaner", article.cleaner),
        ("ingested", article.ingested_at.strftime("%Y-%m-%d %H:%M UTC")),
        ("hash", article.content_hash[:16]),
    ):
        meta.add_row(label, Text(value))
    if dating is not None and article.published is None:
        meta.add_row("estimated", Text(f"{dating.earliest or '?'} … {dating.latest or '?'}\n"
                                       + "\n".join(f"- {r}" for r in dating.reasons)))
    if dating is not None and dating.stale:
        meta.add_row("stale", Text("\n".join(f"- {r}" for r in dating.stale_reasons),
                                   style="red"))
    for r in relations:
        other = r.earlier_id if r.later_id == article_id else r.later_id
        what = f"{r.kind} of article {other}" if r.later_id == article_id else \
            f"article {other} is a {r.kind} of this one"
        meta.add_row("related", Text(f"{what} (score {r.score:.2f})"))
    if story_id is not None:
        meta.add_row("story", str(story_id))
    console.print(Panel(meta, title=f"article {article.id}", expand=False))
    console.print(Text(article.text))
    if removed and article.removed:
        table = Table("kind", "removed text", header_style="bold", box=None, title="removed")
        for item in article.removed:
            table.add_row(item.kind, Text(shorten(item.text, 150)))
        console.print()
        console.print(table)


def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", prefix*, -exclude')],
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
) -> None:
    """Full-text search; case, accents and script do not matter (Vucic finds Vučić and Вучић)."""
    with state.open_store() as store:
        hits = store.search(query, limit=limit)
    if not hits:
        console.print("[dim]no match[/dim]")
        return
    table = Table("id", "published", "title / snippet", header_style="bold", box=None)
    for hit in hits:
        cell = Text.from_markup(_title(hit.article) + "\n")
        snippet = Text(hit.snippet, style="dim")
        if hit.highlight:
            snippet.stylize("bold yellow", *hit.highlight)
        cell.append_text(snippet)
        table.add_row(str(hit.article.id), _date(hit.article), cell)
    console.print(table)
