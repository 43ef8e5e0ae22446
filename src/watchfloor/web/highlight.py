"""Highlighting an article's text without ever treating it as markup.

The text is cut at every span boundary into plain-string segments; each segment knows which
extractions cover it. Templates then write each segment *escaped* inside ``<mark>`` elements.
No markup is ever inserted into the text as a string, so a ``<script>`` in an article stays the
characters ``<script>``. Spans may overlap (an entity inside a quote inside an event's clause):
segment-level marks represent any overlap, which nested elements cannot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

KINDS = ("entity", "quote", "time", "event", "claim")
"""Highlight layers, in the order the legend lists them."""


@dataclass(frozen=True)
class Span:
    """One extraction's span of the text: ``text[start:end]``."""

    start: int
    end: int
    kind: str
    """One of :data:`KINDS`; also the CSS class (``m-entity`` ...)."""
    label: str
    """What the extraction says, for the tooltip ("Mark Rutte (person) · kb")."""
    anchor: str
    """The fragment id of the extraction (``q-12``), set on its first segment."""
    href: str | None = None
    """Where the span links to (an entity's page)."""


@dataclass
class Segment:
    text: str
    kinds: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    """Fragment ids of the extractions that start here."""
    href: str | None = None

    @property
    def css(self) -> str:
        return " ".join(f"m-{k}" for k in self.kinds)

    @property
    def title(self) -> str:
        return "\n".join(self.labels)


def segments(text: str, spans: Sequence[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary. Spans outside the text or empty are dropped (offsets
    come from the store; a bad one must not break the page)."""
    size = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= size and s.kind in KINDS]
    cuts = sorted({0, size} | {s.start for s in valid} | {s.end for s in valid})
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for index, s in enumerate(valid):
        starts.setdefault(s.start, []).append(index)
        ends.setdefault(s.end, []).append(index)
    active: dict[int, Span] = {}
    out: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        for index in ends.get(left, ()):
            active.pop(index, None)
        opening = starts.get(left, [])
        for index in opening:
            active[index] = valid[index]
        piece = text[left:right]
        if not active:
            out.append(Segment(piece))
            continue
        ordered = sorted(active.values(), key=lambda s: (KINDS.index(s.kind), s.start))
        kinds = tuple(dict.fromkeys(s.kind for s in ordered))
        labels = tuple(dict.fromkeys(s.label for s in ordered))
        anchors = tuple(valid[i].anchor for i in opening)
        # The innermost linked span wins: an entity inside a quote links to the entity.
        linked = [s for s in active.values() if s.href]
        href = min(linked, key=lambda s: s.end - s.start).href if linked else None
        out.append(Segment(piece, kinds, labels, anchors, href))
    return out


def split_snippet(snippet: str, mark: tuple[int, int] | None) -> list[Segment]:
    """A search snippet as segments, the matched word marked."""
    if not mark or not 0 <= mark[0] < mark[1] <= len(snippet):
        return [Segment(snippet)]
    a, b = mark
    return [s for s in (Segment(snippet[:a]), Segment(snippet[a:b], ("match",)),
                        Segment(snippet[b:])) if s.text]


def split_at(sentence: str, start: int, length: int) -> list[Segment]:
    """A sentence with one word (a mention at ``start``) marked."""
    return split_snippet(sentence, (start, start + length) if start >= 0 else None)
