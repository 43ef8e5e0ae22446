"""A map of places: country outlines from Natural Earth with weighted, labelled points on top.

Projection: equirectangular with a cos(latitude) correction taken at the middle of the view, that
is, an equidistant cylindrical projection whose standard parallel runs through the mapped area.
Over a region the size of the Balkans it is near-conformal and shapes look as in an atlas; unlike
Web Mercator it has no trouble with polar points or Antarctica when the view is the whole world.

The outlines come from ``data/countries.json``, built by ``scripts/build_geodata.py`` from
Natural Earth 1:50m (public domain) as packaged by world-atlas 2.0.2.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import (
    HALO,
    LabelPlacer,
    css_token,
    escape,
    label_spots,
    linked,
    message_svg,
    num,
    radius,
    shorten,
    svg_open,
)

DATA = Path(__file__).with_name("data") / "countries.json"

MAX_LABELLED_POINTS = 25
"""Above this many points the labels would bury the map; each point keeps its tooltip."""
LABEL_FONT_SIZE = 11
LABEL_CHARS = 28
WORLD_SOUTH, WORLD_NORTH = -60.0, 85.0
"""The latitudes a whole-world view is fitted to (further if a point lies beyond): in a drawing
wider than the world's 2:1, Antarctica's interior is what gets cut, not the size of the map."""
CLIP_MARGIN = 20.0
"""Outlines are cut this far outside the visible area, so the cut edges are never seen."""

MIN_STEP = 1.2
"""Smallest step, in SVG units (Manhattan distance), between consecutive outline points drawn."""

MIN_RING = 3.0
"""Rings smaller than this (width plus height, SVG units) are specks and are left out."""

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class MapPoint:
    """A place to mark: where it is, what to call it, and how much it matters."""

    lat: float
    lon: float
    label: str
    href: str | None = None
    weight: float = 1.0
    kind: str = "place"


@dataclass(frozen=True)
class Polygon:
    """One part of a country: an outer ring, then its holes, and the outer ring's bounding box."""

    rings: tuple[Ring, ...]
    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True)
class Country:
    name: str
    iso_numeric: str | None
    """ISO 3166-1 numeric code as Natural Earth gives it; None for Kosovo, which has none."""
    polygons: tuple[Polygon, ...]
    west: float
    south: float
    east: float
    north: float


@functools.cache
def countries() -> tuple[Country, ...]:
    """The shipped country outlines, read on first use and kept for the life of the process."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    result = []
    for entry in data["countries"]:
        polygons = []
        for raw in entry["polygons"]:
            rings = tuple(tuple((lon, lat) for lon, lat in ring) for ring in raw)
            lons = [lon for lon, _ in rings[0]]
            lats = [lat for _, lat in rings[0]]
            polygons.append(Polygon(rings, min(lons), min(lats), max(lons), max(lats)))
        west, south, east, north = entry["bbox"]
        result.append(Country(entry["name"], entry["id"], tuple(polygons), west, south, east, north))
    return tuple(result)


@dataclass(frozen=True)
class View:
    """The projection fitted to a drawing: degrees to SVG user units, and the part of the globe
    that is visible. ``east`` may exceed 180 when the view straddles the antimeridian; longitudes
    are then taken modulo 360 into the window that starts at ``west``."""

    center_lon: float
    center_lat: float
    scale: float
    """SVG units per degree of latitude."""
    x_factor: float
    """cos(center_lat): how much shorter a degree of longitude is than one of latitude here."""
    width: int
    height: int

    @property
    def west(self) -> float:
        return self.center_lon - min(180.0, self.width / 2 / (self.scale * self.x_factor))

    @property
    def east(self) -> float:
        return self.center_lon + min(180.0, self.width / 2 / (self.scale * self.x_factor))

    @property
    def south(self) -> float:
        return max(-90.0, self.center_lat - self.height / 2 / self.scale)

    @property
    def north(self) -> float:
        return min(90.0, self.center_lat + self.height / 2 / self.scale)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.width / 2 + (lon - self.center_lon) * self.scale * self.x_factor
        y = self.height / 2 - (lat - self.center_lat) * self.scale
        return x, y

    def unwrap(self, lon: float) -> float:
        """The longitude moved by whole turns into [west, west + 360)."""
        return self.west + (lon - self.west) % 360.0


def lon_window(lons: Sequence[float]) -> tuple[float, float]:
    """The shortest arc of longitudes that covers all of ``lons``, as (west, east), east >= west.

    It is the complement of the widest gap between neighbouring longitudes, the gap across the
    antimeridian included, so Fiji (178°) and Alaska (-150°) give 178..210 rather than -150..178.
    """
    ordered = sorted(set(lons))
    gaps = [(ordered[0] + 360.0 - ordered[-1], 0)]
    gaps += [(ordered[i] - ordered[i - 1], i) for i in range(1, len(ordered))]
    _, start = max(gaps)
    west = ordered[start]
    east = ordered[start - 1] + (360.0 if start > 0 else 0.0)
    return west, east


def fit_view(
    points: Sequence[MapPoint], width: int, height: int, padding_deg: float, min_span_deg: float
) -> View:
    """The view that shows every point with ``padding_deg`` around, at least ``min_span_deg``
    across, and fills the drawing; points spread over more than half the globe get the world."""
    west, east = lon_window([p.lon for p in points])
    south = min(p.lat for p in points) - padding_deg
    north = max(p.lat for p in points) + padding_deg
    if east - west > 180.0:
        west, east = -180.0, 180.0
        south, north = min(south, WORLD_SOUTH), max(north, WORLD_NORTH)
    else:
        west, east = west - padding_deg, east + padding_deg
    lon_span = max(east - west, min_span_deg)
    lat_span = max(north - south, min_span_deg)
    center_lon = (west + east) / 2
    center_lat = min(90.0, max(-90.0, (south + north) / 2))
    # cos(lat) falls to 0 at a pole, where a view would need hundreds of degrees of longitude
    # to fill the drawing; past 80° the correction stays as it is there.
    x_factor = max(math.cos(math.radians(center_lat)), math.cos(math.radians(80)))
    scale = min(width / (lon_span * x_factor), height / lat_span)
    # Filling the drawing may show more latitude than asked for; move the view off the area
    # beyond a pole, and centre it when the whole 180° fits.
    half = height / 2 / scale
    center_lat = 0.0 if half >= 90.0 else min(90.0 - half, max(-90.0 + half, center_lat))
    return View(center_lon, center_lat, scale, x_factor, width, height)


def clip(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the ring cut to the rectangle (left, top, right, bottom).

    A concave ring may come out with edges running along the rectangle's sides; callers put the
    rectangle where such edges do not show: outside the visible area, or along the antimeridian,
    where the source's own outlines have cut edges too.
    """
    left, top, right, bottom = box
    edges = (
        (lambda p: p[0] >= left, lambda a, b: _at_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _at_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _at_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _at_y(a, b, bottom)),
    )
    for inside, cross in edges:
        if not ring:
            break
        out: list[tuple[float, float]] = []
        previous = ring[-1]
        for current in ring:
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
            previous = current
        ring = out
    return ring


def _at_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    return x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])


def _at_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y


def ring_path(ring: Ring, view: View, offset: float) -> str:
    """One closed subpath for a ring shifted by ``offset`` degrees of longitude, cut to the view.

    A point closer than ``MIN_STEP`` to the last one kept is skipped: on a zoomed-out map most
    of the data's points fall within one pixel, and keeping them would make a world map weigh
    most of a megabyte. For the same reason a ring that would be a speck is left out.
    """
    projected = [view.project(lon + offset, lat) for lon, lat in ring]
    box = (-CLIP_MARGIN, -CLIP_MARGIN, view.width + CLIP_MARGIN, view.height + CLIP_MARGIN)
    kept: list[tuple[float, float]] = []
    for x, y in clip(projected, box):
        if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= MIN_STEP:
            kept.append((x, y))
    xs, ys = [x for x, _ in kept], [y for _, y in kept]
    if len(kept) < 3 or max(xs) - min(xs) + max(ys) - min(ys) < MIN_RING:
        return ""
    # Relative steps are shorter to write; they are taken between the rounded absolute points,
    # so rounding errors do not add up along the ring.
    rounded = [(round(x, 1), round(y, 1)) for x, y in kept]
    steps = [f"{num(x - px)} {num(y - py)}" for (px, py), (x, y) in zip(rounded, rounded[1:], strict=False)]
    return f"M{num(rounded[0][0])} {num(rounded[0][1])}l" + " ".join(steps) + "z"


def country_path(country: Country, view: View) -> str:
    """The path data of every part of ``country`` that reaches into the view, on whichever side
    of the antimeridian the view shows it."""
    west, east, south, north = view.west, view.east, view.south, view.north
    parts = []
    for offset in (-360.0, 0.0, 360.0):
        if country.east + offset <= west or country.west + offset >= east:
            continue
        for polygon in country.polygons:
            if (
                polygon.east + offset <= west
                or polygon.west + offset >= east
                or polygon.north <= south
                or polygon.south >= north
            ):
                continue
            parts.extend(ring_path(ring, view, offset) for ring in polygon.rings)
    return "".join(parts)


def _usable(point: MapPoint) -> bool:
    return (
        math.isfinite(point.lat)
        and math.isfinite(point.lon)
        and -90.0 <= point.lat <= 90.0
        and -180.0 <= point.lon <= 180.0
    )


def render_map(
    points: Sequence[MapPoint],
    *,
    width: int = 640,
    height: int = 420,
    padding_deg: float = 1.5,
    min_span_deg: float = 4.0,
    title: str | None = None,
) -> str:
    """An SVG map fitted to ``points``, with the countries around them.

    Points with impossible coordinates are left out rather than stretching the view to nowhere.
    Larger points are drawn first so smaller ones stay clickable on top; labels go on last, most
    important first, each beside its point where it fits without covering another label.
    """
    usable = [p for p in points if _usable(p)]
    if not usable:
        return message_svg("No places with coordinates", "wf-map")
    view = fit_view(usable, width, height, padding_deg, min_span_deg)
    label = title or f"Map of {len(usable)} place{'s' if len(usable) != 1 else ''}"
    out = [svg_open(width, height, label, "wf-map")]
    # The sea stops at the poles and the antimeridian, so a whole-world view is not framed by
    # water beyond the edge of the Earth.
    left, top = view.project(view.west, view.north)
    right, bottom = view.project(view.east, view.south)
    out.append(
        f'<rect class="sea" x="{num(left)}" y="{num(top)}" width="{num(right - left)}" '
        f'height="{num(bottom - top)}" fill="#dde9f2"/>'
    )
    out.append('<g class="countries" fill="#f2efe8" stroke="#9b968a" stroke-width="0.7" '
               'stroke-linejoin="round" fill-rule="evenodd">')
    for country in countries():
        path = country_path(country, view)
        if path:
            out.append(f'<path class="country" d="{path}"><title>{escape(country.name)}</title></path>')
    out.append("</g>")

    heaviest = max(p.weight if math.isfinite(p.weight) else 0.0 for p in usable)
    placed = []
    for point in sorted(usable, key=lambda p: -p.weight if math.isfinite(p.weight) else 0.0):
        x, y = view.project(view.unwrap(point.lon), point.lat)
        r = radius(point.weight, heaviest, smallest=3.0, largest=12.0)
        placed.append((point, x, y, r))
    out.append('<g class="points">')
    for point, x, y, r in placed:
        marker = (
            f'<g class="point point-{css_token(point.kind)}"><title>{escape(point.label)}</title>'
            f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="#d55e00" fill-opacity="0.8" '
            f'stroke="#ffffff" stroke-width="1"/></g>'
        )
        out.append(linked(marker, point.href))
    out.append("</g>")
    if len(usable) <= MAX_LABELLED_POINTS:
        out.append(_labels(placed, width, height))
    out.append("</svg>")
    return "".join(out)


def _labels(placed: list[tuple[MapPoint, float, float, float]], width: int, height: int) -> str:
    """Point labels, heaviest first; a label already shown for a point within 40 units is not
    repeated, so many mentions of one town do not stack up its name."""
    placer = LabelPlacer(width, height, [(x, y, r) for _, x, y, r in placed])
    shown: list[tuple[str, float, float]] = []
    out = [f'<g class="labels" font-size="{LABEL_FONT_SIZE}" fill="#222222" {HALO}>']
    for point, x, y, r in placed:
        text = shorten(point.label, LABEL_CHARS)
        if not text or any(t == text and math.hypot(x - sx, y - sy) < 40 for t, sx, sy in shown):
            continue
        spot = placer.place(label_spots(x, y, r + 3, text, LABEL_FONT_SIZE))
        if spot is None:
            continue
        shown.append((text, x, y))
        markup = (
            f'<text class="label" x="{num(spot.x)}" y="{num(spot.y)}" '
            f'text-anchor="{spot.anchor}">{escape(text)}</text>'
        )
        out.append(linked(markup, point.href))
    out.append("</g>")
    return "".join(out)
