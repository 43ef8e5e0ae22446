"""``watchfloor extract``, ``entities`` and ``entity``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..config import get_settings
from ..errors import NotFoundError
from ..extract.run import entity_extractor, extract_pending, knowledge_base, pending
from ..store import Store
from .common import console, entity_ids, progress_bar, shorten, state

TYPES = ("person", "organization", "place")


def run_extraction(store: Store, *, quiet: bool = False) -> int:
    """Analyse and relate every article that needs it, with progress bars; return the count."""
    settings = get_settings()
    todo = pending(store, settings)
    done = _analyse(store, settings, todo, quiet) if todo else 0
    _relate(store, settings, quiet)
    return done


def _relate(store: Store, settings, quiet: bool) -> int:  # type: ignore[no-untyped-def]
    from ..relate.run import pending as relate_pending_ids
    from ..relate.run import relate_pending

    todo = len(relate_pending_ids(store))
    if not todo:
        return 0
    progress = progress_bar("relate", "articles", quiet=quiet)
    with progress:
        task = progress.add_task("relate", total=todo)
        return relate_pending(store, knowledge_base(settings),
                              on_article=lambda _id: progress.advance(task))


def _analyse(store: Store, settings, todo: int, quiet: bool) -> int:  # type: ignore[no-untyped-def]
    progress = progress_bar("extract", "articles", quiet=quiet)
    with progress:
        task = progress.add_task("extract", total=todo)
        entity_extractor(settings)  # load the model before the bar starts moving
        return extract_pending(store, settings=settings,
                               on_article=lambda _id: progress.advance(task))


def extract(quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False) -> None:
    """Find people, organisations and places in articles not processed yet (or processed by an
    older extractor or knowledge base)."""
    with state.open_store() as store:
        done = run_extraction(store, quiet=quiet)
    console.print(f"analysed {done} article(s)" if done
                  else "[dim]nothing to do: every article is up to date[/dim]")


def entities(
    type: Annotated[str | None, typer.Option("--type", "-t",
                                             help="person, organization or place")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """List entities, most covered first, with mention and article counts."""
    if type is not None and type not in TYPES:
        raise typer.BadParameter(f"must be one of {', '.join(TYPES)}", param_hint="--type")
    with state.open_store() as store:
        rows = store.list_entities(type=type, limit=limit, offset=offset)
    if not rows:
        console.print("[dim]no entities (ingest articles, then `watchfloor extract`)[/dim]")
        return
    table = Table(header_style="bold", box=None)
    for column in ("entity", "type", "articles", "mentions", "kb", "where"):
        table.add_column(column, justify="right" if column in ("articles", "mentions") else "left",
                         no_wrap=column != "entity")
    for e in rows:
        where = ""
        if e.type == "place":
            where = (f"{e.lat:.2f},{e.lon:.2f}" if e.lat is not None else "?") + (
                f" {e.country}" if e.country else "")
        kind = f"{e.type}/{e.kind}" if e.kind else e.type
        table.add_row(escape(e.name), kind, str(e.articles), str(e.mentions),
                      "✓" if e.kb_id else "[dim]new[/dim]", where)
    console.print(table)


def entity(name: Annotated[str, typer.Argument(help="A name or alias, any spelling, or an id")],
           limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100) -> None:
    """One entity: type, aliases seen, roles, and every mention with its sentence and article."""
    kb = knowledge_base(get_settings())
    with state.open_store() as store:
        ids = entity_ids(store, name)
        found = []
        for entity_id in ids:
            try:
                found.append(store.get_entity(entity_id))
            except NotFoundError:
                continue
        if not found:
            raise NotFoundError(f"no entity named {name!r} in the store")
        if len(found) > 1:
            console.print(f"[yellow]{len(found)} entities answer to {escape(name)!r}:[/yellow] "
                          + ", ".join(f"{escape(e.name)} ({e.id})" for e in found))
        for summary in found:
            _show_entity(store, summary, kb, limit)


def _show_entity(store: Store, e, kb, limit: int) -> None:  # type: ignore[no-untyped-def]
    mentions = store.entity_mentions(e.id, limit=limit)
    entry = kb.get(e.kb_id) if e.kb_id else None
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    meta.add_row("type", f"{e.type}/{e.kind}" if e.kind else e.type)
    meta.add_row("id", e.id + ("" if e.kb_id else "  (not in the knowledge base)"))
    seen: dict[str, int] = {}
    for m in mentions:
        seen[m.text] = seen.get(m.text, 0) + 1
    meta.add_row("seen as", Text(", ".join(f"{t} ×{n}" for t, n in
                                           sorted(seen.items(), key=lambda kv: -kv[1]))))
    if entry and entry.aliases:
        meta.add_row("aliases", Text(", ".join(entry.aliases)))
    if e.type == "place":
        if e.lat is not None:
            meta.add_row("location", f"{e.lat:.4f}, {e.lon:.4f} ({e.geo_basis})")
        else:
            meta.add_row("location", "unresolved")
        if e.country:
            meta.add_row("country", e.country)
    if entry and entry.roles:
        meta.add_row("roles (kb)", Text("\n".join(
            f"{r.title}: {r.start or '?'} – {r.end or 'present'}" for r in entry.roles)))
    texts = sorted({m.role for m in mentions if m.role})
    if texts:
        meta.add_row("titles in text", Text("; ".join(texts)))
    meta.add_row("coverage", f"{e.mentions} mentions in {e.articles} articles")
    console.print(Panel(meta, title=escape(e.name), expand=False))
    table = Table("article", "how", "sentence", header_style="bold", box=None)
    for m in mentions:
        sentence = Text(shorten(m.sentence, 400))
        offset = m.start - m.sentence_start
        if 0 <= offset < len(sentence):
            sentence.stylize("bold yellow", offset, min(len(sentence), offset + len(m.text)))
        where = f"{m.article_id}" + (f" {m.published}" if m.published else "")
        table.add_row(where, m.method, sentence)
    console.print(table)
