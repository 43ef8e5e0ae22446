"""``watchfloor quotes``, ``events``, ``claims`` and ``timeline``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..errors import NotFoundError
from ..store import Store
from .common import console, entity_ids, figure, shorten, state, when


def _ids(store: Store, name: str | None, what: str) -> list[str] | None:
    if name is None:
        return None
    ids = entity_ids(store, name)
    if not ids:
        raise NotFoundError(f"no {what} named {name!r} in the store")
    return ids


def _date_option(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from None


def _source(article_id: int, title: str | None, published: dt.date | None) -> str:
    return f"[{article_id}] " + (str(published) if published else "undated")


def quotes(
    speaker: Annotated[str | None, typer.Option(help="Name, any spelling, or id")] = None,
    article: Annotated[int | None, typer.Option(help="Only this article")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
) -> None:
    """Who said what: direct and partial quotes with their speakers."""
    with state.open_store() as store:
        rows = store.list_quotes(speakers=_ids(store, speaker, "speaker"), article_id=article,
                                 limit=limit)
        names = {e.id: e.name for e in store.list_entities(
            ids=sorted({r.record.speaker_entity_id for r in rows if r.record.speaker_entity_id}),
            limit=10_000)}
    if not rows:
        console.print("[dim]no quotes[/dim]")
        return
    table = Table("source", "speaker", "quote", header_style="bold", box=None)
    for row in rows:
        q = row.record
        # Speakers come from article text: escaped, never read as markup.
        who = escape(names.get(q.speaker_entity_id or "", q.speaker or "unknown"))
        if q.speaker_kind == "described" or q.speaker_kind == "pronoun" and q.speaker_entity_id is None:
            who = f"{escape(q.speaker or '')} (unnamed)"
        elif q.speaker is None:
            who = "[dim]not attributed[/dim]"
        table.add_row(_source(q.article_id, row.article_title, row.published), who,
                      Text(("… " if q.kind == "partial" else "") + "“" + shorten(q.text, 300)
                           + "”" + (f"  — {q.verb}" if q.verb else "")))
    console.print(table)


def claims(
    subject: Annotated[str | None, typer.Option(help="Name, any spelling, or id")] = None,
    measure: Annotated[str | None, typer.Option(help="e.g. troops, injured")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
) -> None:
    """Figures the articles state: subject, measure, value, qualifier, as-of date, source."""
    with state.open_store() as store:
        rows = store.list_claims(subjects=_ids(store, subject, "subject"), measure=measure,
                                 limit=limit)
    if not rows:
        console.print("[dim]no figures[/dim]")
        return
    table = Table("subject", "measure", "value", "as of", "source", "evidence",
                  header_style="bold", box=None)
    for row in rows:
        c = row.record
        table.add_row(escape(c.subject or "?"), c.measure, figure(c),
                      str(c.as_of or "?"), _source(c.article_id, row.article_title,
                                                   row.published), Text(shorten(c.text, 60)))
    console.print(table)


def events(
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. CONSULT")] = None,
    actor: Annotated[str | None, typer.Option(help="Name, any spelling, or id")] = None,
    place: Annotated[str | None, typer.Option(help="Name, any spelling, or id")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 200,
) -> None:
    """Events typed with PLOVER, with actors, place, time and modality."""
    with state.open_store() as store:
        rows = store.list_events(types=[type] if type else None,
                                 actors=_ids(store, actor, "actor"),
                                 places=_ids(store, place, "place"),
                                 since=_date_option(since, "--since"),
                                 until=_date_option(until, "--until"), limit=limit)
        _print_events(store, rows)


def merge_reports(store: Store, rows: list) -> list[tuple[Any, list[Any]]]:  # type: ignore[type-arg]
    """Reports of the same event (same group) as one: the most precise date, every source."""
    groups = store.event_group_ids([r.record.id for r in rows])
    merged: dict[int, list[Any]] = {}
    order: list[int] = []
    for row in rows:
        key = groups.get(row.record.id, -row.record.id)
        if key not in merged:
            merged[key] = []
            order.append(key)
        merged[key].append(row)

    def span(row: Any) -> int:
        e = row.record
        return (e.latest - e.earliest).days if e.earliest and e.latest else 10**6

    out = []
    for key in order:
        members = merged[key]
        out.append((min(members, key=span), members))
    return out


def _print_events(store: Store, rows: list) -> None:  # type: ignore[type-arg]
    if not rows:
        console.print("[dim]no events[/dim]")
        return
    ids = {a["entity_id"] for r in rows for a in r.record.actors} | {
        r.record.place_entity_id for r in rows if r.record.place_entity_id}
    names = {e.id: e.name for e in store.list_entities(ids=sorted(ids), limit=10_000)}
    table = Table("when", "event", "who", "where", "source", "evidence", header_style="bold",
                  box=None)
    for row, members in merge_reports(store, rows):
        e = row.record
        kind = e.type + (f"/{e.mode}" if e.mode else "")
        if e.modality != "happened":
            kind += f" [yellow]({e.modality})[/yellow]"
        who = ", ".join(f"{names.get(a['entity_id'], a['entity_id'])}"
                        + (" →" if a["role"] == "source" else "") for a in e.actors)
        table.add_row(when(e.earliest, e.latest, e.precision, e.time_text), kind, escape(who),
                      escape(names.get(e.place_entity_id or "", "")),
                      "\n".join(sorted({_source(m.record.article_id, m.article_title,
                                                 m.published) for m in members})),
                      Text(shorten(e.text, 90)))
    console.print(table)


def timeline(
    actor: Annotated[str | None, typer.Option(help="Name, any spelling, or id")] = None,
    place: Annotated[str | None, typer.Option(help="Name, any spelling, or id")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 200,
) -> None:
    """Dated events in time order with their sources; undated ones listed apart."""
    with state.open_store() as store:
        common = {"actors": _ids(store, actor, "actor"), "places": _ids(store, place, "place"),
                  "limit": limit}
        dated = store.list_events(dated=True, since=_date_option(since, "--since"),
                                  until=_date_option(until, "--until"), **common)
        console.rule("dated events")
        _print_events(store, dated)
        if since is None and until is None:
            undated = store.list_events(dated=False, **common)
            console.rule("undated (no date in the text or the article)")
            _print_events(store, undated)
