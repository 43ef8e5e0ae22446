"""Analyst briefs: Summary, Timeline, Actors, Who said what, Figures, Sources, Context and
Outlook, every statement with a numbered citation of the sentence it rests on.

A brief is composed from a :class:`~watchfloor.report.dossier.Dossier` and checked by
:func:`~watchfloor.report.verify.verify` before it is rendered: a statement its citations do not
support stops the brief (:class:`~watchfloor.report.verify.BriefCheckError` names it), or, when
the caller asks for it, is left out and listed in the brief's own "Check" note. Nothing in a brief
is written that the store does not hold; the Outlook gives only scheduled developments and the
counts of developments by type, never a forecast.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from .dossier import (
    Actor,
    Citation,
    Development,
    DisagreementItem,
    Dossier,
    FigureItem,
    Selection,
    Source,
    Statement,
    collect,
)
from .format import shorten, when
from .verify import BriefCheckError, Problem, verify

if TYPE_CHECKING:
    from ..store import Store

FORMATS = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
           "pdf": "application/pdf"}

# How much of each section a brief shows; the rest is counted, never silently dropped.
LIMITS = {"summary": 8, "timeline": 40, "undated": 12, "actors": 12, "quotes": 15,
          "figures": 30, "disagreements": 20, "sources": 120, "context": 8, "scheduled": 15,
          "trend_months": 12}


@dataclass
class Line:
    """A statement as the brief shows it, with the numbers of its citations."""

    statement: Statement
    notes: list[int] = field(default_factory=list)
    detail: str = ""
    """What the brief adds about the statement's sources ("3 independent sources")."""


@dataclass(frozen=True)
class Note:
    number: int
    citation: Citation
    source: Source | None


@dataclass
class Brief:
    title: str
    selection: Selection
    generated: dt.datetime
    matched: int
    read: int
    period: tuple[dt.date | None, dt.date | None]
    latest_source: dt.date | None
    summary: list[Line]
    timeline: list[tuple[str, Line]]
    undated: list[Line]
    actors: list[tuple[Actor, Line]]
    quotes: list[Line]
    figures: list[Line]
    disagreements: list[tuple[DisagreementItem, list[Line]]]
    sources: list[Source]
    context: list[Line]
    scheduled: list[Line]
    trend_months: list[dt.date]
    trend: list[tuple[str, list[int], int]]
    """Per event type: counts per month of ``trend_months``, and the total over the period."""
    more: dict[str, int]
    """Section → how many items were not shown for lack of room."""
    notes: list[Note] = field(default_factory=list)
    omitted: list[Problem] = field(default_factory=list)
    """Statements left out because the check failed (only with ``drop_unsupported``)."""

    def lines(self) -> Iterable[Line]:
        yield from self.summary
        yield from (line for _, line in self.timeline)
        yield from self.undated
        yield from (line for _, line in self.actors)
        yield from self.quotes
        yield from self.figures
        for _, lines in self.disagreements:
            yield from lines
        yield from self.context
        yield from self.scheduled


# -- composing ---------------------------------------------------------------------------------


def _sources_detail(d: Development) -> str:
    n = len(d.article_ids)
    text = f"{n} article{'s' if n != 1 else ''}"
    if d.independent != n:
        text += f", {d.independent} independent"
    return text


def _merge_figures(items: Sequence[FigureItem]) -> list[Line]:
    """The same figure for the same subject and measure, reported by several articles, is one
    line citing all of them."""
    groups: dict[tuple[str, str, str], list[FigureItem]] = defaultdict(list)
    for f in items:
        key = (f.subject.id if f.subject else f"?{f.subject_text}", f.measure, f.value)
        groups[key].append(f)
    lines = []
    for members in groups.values():
        first = members[0]
        citations = tuple(dict.fromkeys(c for f in members for c in f.statement.citations))
        dates = sorted({f.as_of for f in members if f.as_of})
        about = first.subject.name if first.subject else (first.subject_text or "Unattributed")
        text = f"{about} — {first.measure}: {first.value}"
        if dates:
            text += f" (as of {dates[0]}" + (f" to {dates[-1]})" if len(dates) > 1 else ")")
        n = len({f.article_id for f in members})
        lines.append(Line(replace(first.statement, text=text + ".", citations=citations),
                          detail=f"{n} article{'s' if n != 1 else ''}"))
    return lines


def compose(dossier: Dossier, *, now: dt.datetime | None = None) -> Brief:
    """Lay a dossier out as a brief (no check yet, no citation numbers)."""
    limits = LIMITS
    more: dict[str, int] = {}

    def cap(name: str, items: list) -> list:  # type: ignore[type-arg]
        if len(items) > limits[name]:
            more[name] = len(items) - limits[name]
        return items[:limits[name]]

    summary = [Line(d.statement, detail=_sources_detail(d)) for d in dossier.summary(10**6)]
    timeline = [(d.label, Line(d.statement, detail=_sources_detail(d)))
                for d in dossier.timeline]
    undated = [Line(d.statement, detail=_sources_detail(d)) for d in dossier.undated]
    actors = [(a, Line(a.statement)) for a in dossier.actors]
    quotes = [Line(q.statement) for q in dossier.quotes]
    named = [f for f in dossier.figures if f.subject is not None]
    figures = _merge_figures(named)
    unattributed = len(dossier.figures) - len(named)
    if unattributed:
        more["unattributed figures"] = unattributed
    # A disagreement holds its earliest and latest figures; how many more it has is said.
    disagreements = []
    for d in dossier.disagreements:
        if d.count > len(d.figures):
            more[f"disagreement {len(disagreements)}"] = d.count - len(d.figures)
        disagreements.append((d, [Line(f.statement) for f in d.figures]))
    # The trend: developments that happened, by type and month, over the last months covered.
    months = sorted({m for counts in dossier.trend.values() for m in counts})
    months = months[-limits["trend_months"]:]
    trend = sorted(((t, [counts.get(m, 0) for m in months], sum(counts.values()))
                    for t, counts in dossier.trend.items()), key=lambda r: (-r[2], r[0]))
    return Brief(
        title=dossier.title or dossier.selection.describe(), selection=dossier.selection,
        generated=now or dt.datetime.now(dt.UTC).replace(microsecond=0),
        matched=dossier.matched, read=len(dossier.sources), period=dossier.period,
        latest_source=dossier.latest_source,
        summary=cap("summary", summary), timeline=cap("timeline", timeline),
        undated=cap("undated", undated), actors=cap("actors", actors),
        quotes=cap("quotes", quotes), figures=cap("figures", figures),
        disagreements=cap("disagreements", disagreements),
        sources=cap("sources", list(dossier.sources)),
        context=cap("context", [Line(c.statement) for c in dossier.context]),
        scheduled=cap("scheduled", [Line(d.statement, detail=_sources_detail(d))
                                    for d in dossier.scheduled]),
        trend_months=months, trend=trend, more=more)


def check(store: Store, brief: Brief, *, drop_unsupported: bool = False) -> Brief:
    """Run the citation check; number the citations of what passed.

    Raises :class:`BriefCheckError` naming every unsupported statement, unless
    ``drop_unsupported``, which leaves them out and lists them in ``brief.omitted``.
    """
    problems = verify(store, (line.statement for line in brief.lines()))
    if problems and not drop_unsupported:
        raise BriefCheckError(problems)
    bad = {id(p.statement) for p in problems}
    brief.omitted = problems

    def keep(lines: list[Line]) -> list[Line]:
        return [line for line in lines if id(line.statement) not in bad]

    brief.summary, brief.undated = keep(brief.summary), keep(brief.undated)
    brief.quotes, brief.figures = keep(brief.quotes), keep(brief.figures)
    brief.context, brief.scheduled = keep(brief.context), keep(brief.scheduled)
    brief.timeline = [(label, line) for label, line in brief.timeline
                      if id(line.statement) not in bad]
    brief.actors = [(a, line) for a, line in brief.actors if id(line.statement) not in bad]
    brief.disagreements = [(d, keep(lines)) for d, lines in brief.disagreements]
    _number(store, brief)
    return brief


def _number(store: Store, brief: Brief) -> None:
    """Number citations in reading order; the same sentence keeps one number."""
    by_id = {s.article_id: s for s in brief.sources}
    numbers: dict[Citation, int] = {}
    missing = sorted({c.article_id for line in brief.lines() for c in line.statement.citations
                      if c.article_id not in by_id})
    if missing:
        # Disagreements may cite figures from articles outside the selection.
        rows = store.articles_by_id(missing)
        for i, row in rows.items():
            by_id[i] = Source(i, row.title, row.outlet, row.author, row.canonical_url,
                              row.published, row.published_basis, row.language, None, (), False,
                              (), (), None, row.source)
    for line in brief.lines():
        line.notes = []
        for c in line.statement.citations:
            if c not in numbers:
                numbers[c] = len(numbers) + 1
                brief.notes.append(Note(numbers[c], c, by_id.get(c.article_id)))
            line.notes.append(numbers[c])


# -- rendering ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str | None) -> str:
    """Text from articles as inert Markdown: no emphasis, links, HTML or tables from it."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _cites(line: Line) -> str:
    return "".join(f"[{n}]" for n in line.notes)


def _source_label(s: Source | None, article_id: int) -> str:
    if s is None:
        return f"article {article_id}"
    title = f"“{shorten(s.title, 90)}”" if s.title else "untitled"
    return f"{s.outlet or 'unknown outlet'}, {title}, {s.date_label}, article {article_id}"


def _relation_notes(s: Source) -> list[str]:
    out = []
    for r in s.relations:
        if r.earlier:
            out.append(f"{r.kind} of article {r.other_id} (score {r.score:.2f})")
    repeated = sorted(r.other_id for r in s.relations if not r.earlier)
    if repeated:
        out.append("repeated by article" + ("s " if len(repeated) > 1 else " ")
                   + ", ".join(map(str, repeated)))
    return out


def period_text(period: tuple[dt.date | None, dt.date | None]) -> str:
    lo, hi = period
    if lo is None or hi is None:
        return "no dates"
    return when(lo, hi, None) if lo != hi else when(lo, lo, "day")


def render_markdown(brief: Brief) -> str:
    out: list[str] = []
    w = out.append
    w(f"# Brief: {md(brief.title)}")
    w("")
    w(f"*Selection:* {md(brief.selection.describe())} · *period covered:* "
      f"{period_text(brief.period)} · *sources read:* {brief.read}"
      + (f" of {brief.matched} matching (the newest)" if brief.matched > brief.read else "")
      + f" · *generated:* {brief.generated:%Y-%m-%d %H:%M} UTC by watchfloor {__version__}")
    w("")
    w("Every statement cites the sentences it rests on: the numbers refer to the Notes at the "
      "end, which quote each sentence. Statements were checked against the stored articles "
      "before this brief was written.")

    def section(title: str, lines: list[Line], key: str, empty: str) -> None:
        w("")
        w(f"## {title}")
        w("")
        if not lines:
            w(f"_{empty}_")
        for line in lines:
            detail = f" ({line.detail})" if line.detail else ""
            w(f"- {md(line.statement.text)}{detail} {_cites(line)}")
        if brief.more.get(key):
            w(f"- _… and {brief.more[key]} more not shown_")

    section("Summary", brief.summary, "summary", "No development was extracted.")
    w("")
    w("## Timeline")
    w("")
    if not brief.timeline:
        w("_No dated development._")
    for label, line in brief.timeline:
        w(f"- **{md(label)}**: {md(line.statement.text)} ({line.detail}) {_cites(line)}")
    if brief.more.get("timeline"):
        w(f"- _… and {brief.more['timeline']} more not shown_")
    if brief.undated:
        w("")
        w("Undated (no date in the text):")
        w("")
        for line in brief.undated:
            w(f"- {md(line.statement.text)} ({line.detail}) {_cites(line)}")
    w("")
    w("## Actors")
    w("")
    if not brief.actors:
        w("_No person or organisation was extracted._")
    for actor, line in brief.actors:
        did = ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in actor.did) or "none extracted"
        titles = "; ".join(actor.titles) or "no title given"
        w(f"- **{md(actor.ref.name)}** ({actor.ref.type}; {md(titles)}): {md(line.statement.text)}"
          f" Actions: {did}. Quotes: {actor.quotes}. {_cites(line)}")
    section("Who said what", brief.quotes, "quotes", "No quote was extracted.")
    section("Figures", brief.figures, "figures", "No figure with a subject was extracted.")
    if brief.more.get("unattributed figures"):
        w(f"- _{brief.more['unattributed figures']} figure(s) without an extracted subject are "
          "not listed_")
    w("")
    w("### Disagreements")
    w("")
    if not brief.disagreements:
        w("_No two sources give differing figures for the same subject and measure._")
    for i, (d, lines) in enumerate(brief.disagreements):
        w(f"- **{d.status}** — {md(d.subject.name)}, {md(d.measure)}: {md(d.explanation)}")
        for line in lines:
            w(f"  - {md(line.statement.text)} {_cites(line)}")
        if brief.more.get(f"disagreement {i}"):
            w(f"  - _… and {brief.more[f'disagreement {i}']} more figures between these_")
    w("")
    w("## Sources")
    w("")
    for s in brief.sources:
        flags = _relation_notes(s)
        if s.stale:
            flags.append("stale: " + " ".join(s.stale_reasons))
        if not s.published:
            flags.append(s.date_label + (": " + " ".join(s.dating_reasons)
                                         if s.dating_reasons else ""))
        w(f"- Article {s.article_id}: {md(_source_label(s, s.article_id))} "
          f"({s.language})" + "".join(f"\n  - {md(f)}" for f in flags))
    if brief.more.get("sources"):
        w(f"- _… and {brief.more['sources']} more not shown_")
    section("Context", brief.context, "context",
            "No earlier story involves the same actors and places.")
    w("")
    w("## Outlook")
    w("")
    w("Only what the sources support: developments they give as planned or expected, or dated "
      "after the newest source, and the count of developments by type. No forecast.")
    w("")
    if not brief.scheduled:
        w("_Nothing scheduled in the sources._")
    for line in brief.scheduled:
        w(f"- {md(line.statement.text)} ({line.detail}) {_cites(line)}")
    if brief.trend:
        w("")
        w("| type | " + " | ".join(f"{m:%b %Y}" for m in brief.trend_months) + " | total |")
        w("|---|" + "---:|" * (len(brief.trend_months) + 1))
        for t, counts, total in brief.trend:
            w(f"| {t} | " + " | ".join(str(c) for c in counts) + f" | {total} |")
    if brief.omitted:
        w("")
        w("## Check")
        w("")
        w(f"{len(brief.omitted)} statement(s) were left out because their citations do not "
          "support them:")
        w("")
        for p in brief.omitted:
            w(f"- {md(str(p))}")
    w("")
    w("## Notes")
    w("")
    for n in brief.notes:
        c = n.citation
        w(f"{n.number}. {md(_source_label(n.source, c.article_id))}, characters "
          f"{c.start}–{c.end}: “{md(c.sentence)}”")
    return "\n".join(out) + "\n"


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("watchfloor.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(source_label=_source_label, relation_notes=_relation_notes,
                       period_text=period_text, version=__version__)
    return env


def render_html(brief: Brief, *, for_print: bool = False) -> str:
    """One self-contained HTML file: styles inline, no script, no external resource."""
    by_number = {n.number: n for n in brief.notes}
    return _environment().get_template("brief.html.j2").render(
        brief=brief, notes=by_number, for_print=for_print)


def render_pdf(brief: Brief) -> bytes:
    from weasyprint import HTML

    # No base URL and a fetcher that refuses everything: a brief never loads a resource.
    def refuse(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        raise ValueError(f"briefs load no external resources ({url})")

    return HTML(string=render_html(brief, for_print=True), url_fetcher=refuse).write_pdf()


def write_brief(store: Store, selection: Selection, fmt: str, *,
                drop_unsupported: bool = False, now: dt.datetime | None = None,
                ) -> tuple[bytes, Brief]:
    """Collect, compose, check and render a brief; the bytes of the file and what is in it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown brief format {fmt!r} (md, html or pdf)")
    brief = check(store, compose(collect(store, selection), now=now),
                  drop_unsupported=drop_unsupported)
    if fmt == "md":
        return render_markdown(brief).encode("utf-8"), brief
    if fmt == "html":
        return render_html(brief).encode("utf-8"), brief
    return render_pdf(brief), brief


def render_brief(store: Store, selection: Selection, fmt: str, *,
                 drop_unsupported: bool = False) -> bytes:
    """The brief for a selection as a file's bytes (``md``, ``html`` or ``pdf``)."""
    return write_brief(store, selection, fmt, drop_unsupported=drop_unsupported)[0]
