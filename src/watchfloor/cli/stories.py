"""``watchfloor stories``, ``story`` and ``disagreements``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import NotFoundError
from ..store import Store
from .common import console, entity_ids, figure, shorten, state
from .facts import _print_events


def stories(limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50) -> None:
    """Stories (one development and its coverage), latest first."""
    with state.open_store() as store:
        rows = store.list_stories(limit=limit)
    if not rows:
        console.print("[dim]no stories yet (ingest articles first)[/dim]")
        return
    table = Table("id", "first seen", "last seen", "articles", "outlets", "title",
                  header_style="bold", box=None)
    for story, articles, outlets in rows:
        table.add_row(str(story.id), str(story.first_seen or "?"), str(story.last_seen or "?"),
                      str(articles), str(outlets), escape(shorten(story.title, 70)))
    console.print(table)


def story(story_id: Annotated[int, typer.Argument(help="Story id (see `watchfloor stories`)")]
          ) -> None:
    """One story: articles and outlets, timeline, figures, disagreements, copies and rewrites."""
    with state.open_store() as store:
        row = store.get_story(story_id)
        if row is None:
            raise NotFoundError(f"no story with id {story_id}")
        members = store.story_articles(story_id)
        ids = [a for a, _, _ in members]
        articles = {a: store.get_article(a) for a in ids}
        dating = store.dating(ids)
        console.print(Panel(Text(row.title), title=f"story {story_id}",
                            subtitle=f"{row.first_seen or '?'} – {row.last_seen or '?'}"))
        table = Table("article", "published", "outlet", "title", "why here", header_style="bold",
                      box=None)
        for article_id, _score, reason in members:
            a = articles[article_id]
            d = dating.get(article_id)
            date = str(a.published) if a.published else (
                f"undated (est. {d.earliest or '?'}…{d.latest or '?'})"
                if d and (d.earliest or d.latest) else "undated")
            flag = " [red]stale[/red]" if d and d.stale else ""
            table.add_row(str(article_id), date + flag, escape(a.outlet or "–"),
                          escape(shorten(a.title or a.text, 50)), escape(reason))
        console.print(table)
        relations = [r for r in store.relations_of(ids)
                     if r.earlier_id in ids or r.later_id in ids]
        if relations:
            console.rule("copies and rewrites")
            for r in relations:
                console.print(f"article {r.later_id} is a [bold]{r.kind}[/bold] of article "
                              f"{r.earlier_id} (score {r.score:.2f}, text similarity "
                              f"{r.text_similarity:.2f}; order by {r.order_basis})")
                for item in r.shared[:6]:
                    console.print(Text(f"   shared {item}", style="dim"))
        console.rule("timeline")
        rows = [r for a in ids for r in store.list_events(article_id=a)]
        rows.sort(key=lambda r: (r.record.earliest is None, r.record.earliest or 0,
                                 r.record.article_id))
        _print_events(store, rows)
        subjects = sorted({r.record.subject_entity_id for a in ids
                           for r in store.list_claims(article_id=a)
                           if r.record.subject_entity_id})
        if subjects:
            _print_disagreements(store, store.list_disagreements(subjects=subjects))


def disagreements(
    subject: Annotated[str | None, typer.Option(help="Name, any spelling, or id")] = None,
    status: Annotated[str | None, typer.Option(help="conflict, compatible or change")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 200,
) -> None:
    """Figures that differ between sources, side by side with their sources and dates."""
    if status is not None and status not in ("conflict", "compatible", "change"):
        raise typer.BadParameter("must be one of conflict, compatible, change",
                                 param_hint="--status")
    with state.open_store() as store:
        subjects = None
        if subject is not None:
            subjects = entity_ids(store, subject)
            if not subjects:
                raise NotFoundError(f"no subject named {subject!r} in the store")
        _print_disagreements(store, store.list_disagreements(subjects=subjects, status=status,
                                                             limit=limit))


def _print_disagreements(store: Store, rows: list) -> None:  # type: ignore[type-arg]
    console.rule("disagreements")
    if not rows:
        console.print("[dim]no disagreements[/dim]")
        return
    claims = store.claims_by_id([c for d in rows for c in d.claims])
    for d in rows:
        style = {"conflict": "red", "compatible": "yellow", "change": "cyan"}[d.status]
        console.print(f"[{style}]{d.status}[/{style}] {escape(d.explanation)}")
        for claim_id in d.claims:
            c, published, outlet = claims[claim_id]
            console.print(Text(f"   {figure(c)} — article {c.article_id} "
                               f"({outlet or 'unknown outlet'}, {published or 'undated'}): "
                               f"“{shorten(c.text, 70)}”"))
