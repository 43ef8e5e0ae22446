"""Server-side SVG graphics for the dashboard and the briefs: a map, a chart and a network.

Every renderer returns a self-contained ``<svg>`` string that makes no request and runs no script,
so it can be inlined under a strict Content-Security-Policy or written into a brief as is. Colours
are SVG presentation attributes rather than ``style`` attributes or a ``<style>`` block (which the
policy may forbid), so a graphic looks right with no stylesheet; every element that a stylesheet
may want to restyle also carries a class, and any CSS rule beats a presentation attribute.

The renderers live in :mod:`.geo` (``render_map``), :mod:`.charts` (``render_counts_over_time``)
and :mod:`.network` (``render_network``). This module holds what they share, above all the
escaping: labels come from scraped articles and are treated as hostile.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
HALO = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
"""Text attributes that draw a white outline under the letters, so labels stay readable over
borders, bars and lines without a background box."""

# XML 1.0 forbids these code points even when escaped; one in a label would make the whole
# document unparseable, so they are dropped rather than escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")
_NOT_CLASS = re.compile(r"[^a-z0-9]+")


def escape(text: object) -> str:
    """Text made safe for both element content and a double- or single-quoted attribute."""
    return html.escape(_NOT_XML.sub("", str(text)), quote=True)


def safe_href(href: str | None) -> str | None:
    """The link if it stays on this site (``/path`` or ``#fragment``), else None.

    Anything else (``javascript:``, ``data:``, ``https://elsewhere``) is dropped. A protocol-relative
    ``//host`` is refused, and so are backslashes and control characters, because browsers read
    ``/\\host`` and ``/<TAB>/host`` as ``//host``. A space inside the path is allowed (the browser
    encodes it), but a leading one is not: the URL parser would strip it.
    """
    if not href or _URL_CONTROL.search(href):
        return None
    if href.startswith("#") or (href.startswith("/") and not href.startswith("//")):
        return href
    return None


def linked(markup: str, href: str | None) -> str:
    """``markup`` wrapped in a link when ``href`` passes :func:`safe_href`, else left bare."""
    safe = safe_href(href)
    return f'<a href="{escape(safe)}">{markup}</a>' if safe else markup


def css_token(kind: str, default: str = "other") -> str:
    """A caller's category name made into a class-name suffix: lower case, ``[a-z0-9-]`` only."""
    token = _NOT_CLASS.sub("-", kind.lower()).strip("-")
    return token or default


def num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zero: sub-pixel detail is waste."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def count(value: float) -> str:
    """A weight or count as a reader writes it: ``2`` rather than ``2.0``, ``2.5`` kept."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def shorten(text: str, limit: int) -> str:
    """A label cut to ``limit`` characters with an ellipsis; the full text stays in the tooltip."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_width(text: str, font_size: float) -> float:
    """An estimate of rendered width: SVG text cannot be measured on the server, and an average
    glyph of 0.6 em errs on the wide side for proportional sans-serif fonts."""
    return len(text) * font_size * 0.6


def radius(weight: float, heaviest: float, smallest: float, largest: float) -> float:
    """A marker radius whose area grows with the weight, relative to the heaviest marker.

    The heaviest is taken as at least 9 so that a graphic where everything weighs 1 gets modest
    markers rather than all-large ones; weights that are not positive numbers get the smallest.
    """
    if not math.isfinite(weight) or weight <= 0:
        return smallest
    return max(smallest, largest * math.sqrt(weight / max(heaviest, 9.0)))


def svg_open(width: int, height: int, label: str, css_class: str) -> str:
    """The root element and its accessible name (``aria-label`` plus a ``<title>`` child)."""
    return (
        f'<svg xmlns="{SVG_NS}" class="{css_class}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'font-family="{FONT}"><title>{escape(label)}</title>'
    )


def message_svg(message: str, css_class: str, width: int = 320, height: int = 60) -> str:
    """A small placeholder graphic, so an empty result renders as a statement, not as nothing."""
    return (
        svg_open(width, height, message, f"{css_class} empty")
        + f'<rect class="frame" width="{width}" height="{height}" fill="#f6f6f4" stroke="#cccccc"/>'
        + f'<text class="message" x="{width / 2:g}" y="{height / 2 + 5:g}" text-anchor="middle" '
        f'font-size="14" fill="#555555">{escape(message)}</text></svg>'
    )


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in SVG user units."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@dataclass(frozen=True)
class LabelSpot:
    """One place a label may go: its anchor point, ``text-anchor`` and the box it would cover."""

    x: float
    y: float
    anchor: str
    box: Box


def label_spots(x: float, y: float, gap: float, text: str, font_size: float) -> list[LabelSpot]:
    """Right, left, below and above a marker at (x, y) whose edge is ``gap`` away, in that order."""
    w, h = text_width(text, font_size), font_size
    base = font_size * 0.35  # from the vertical middle of a line to its baseline
    return [
        LabelSpot(x + gap, y + base, "start", Box(x + gap, y - h / 2, x + gap + w, y + h / 2)),
        LabelSpot(x - gap, y + base, "end", Box(x - gap - w, y - h / 2, x - gap, y + h / 2)),
        LabelSpot(x, y + gap + h, "middle", Box(x - w / 2, y + gap, x + w / 2, y + gap + h)),
        LabelSpot(x, y - gap - h * 0.25, "middle", Box(x - w / 2, y - gap - h, x + w / 2, y - gap)),
    ]


class LabelPlacer:
    """Greedy label placement: each label takes its first spot that is inside the graphic and
    clear of the markers and of the labels placed before it, or is left out (its marker keeps the
    tooltip). Callers place the most important labels first, so those survive crowding."""

    def __init__(self, width: float, height: float, markers: list[tuple[float, float, float]]) -> None:
        """``markers`` are the circles, as (x, y, radius), that labels should not cover."""
        self.width = width
        self.height = height
        self.taken = [Box(x - r, y - r, x + r, y + r) for x, y, r in markers]

    def place(self, spots: list[LabelSpot]) -> LabelSpot | None:
        for spot in spots:
            if spot.box.inside(self.width, self.height) and not any(
                spot.box.overlaps(box) for box in self.taken
            ):
                self.taken.append(spot.box)
                return spot
        return None
