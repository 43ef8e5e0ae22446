"""Build ``src/watchfloor/graphics/data/countries.json`` from world-atlas's Natural Earth TopoJSON.

Run by hand, never at install time; the JSON it writes is committed and is what the product reads,
so the product needs no network, no npm and no GIS library. To rebuild::

    mkdir -p /tmp/geobuild && cd /tmp/geobuild
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    cd /work/main && .venv/bin/python scripts/build_geodata.py /tmp/geobuild/package/countries-50m.json

The 1:50m scale is the coarsest at which the Western Balkans (Kosovo, Montenegro, North Macedonia)
keep recognisable outlines when a map is zoomed to the region; 1:110m reduces them to a few
straight strokes, and 1:10m would be several megabytes for no visible gain at dashboard size.

The TopoJSON is decoded here rather than with a library: its arcs are delta-encoded integers that
the file's ``transform`` maps to degrees, and a ring is the concatenation of its arcs, where a
negative index ``i`` means arc ``~i`` walked backwards, with the shared end point written once.
Simplification keeps the topology: each arc is thinned once (Douglas–Peucker, ends fixed) before
rings are assembled, and coordinates are rounded point by point, so two countries that share a
border still share exactly the same points and no slivers or gaps open between neighbours (a
per-ring simplification would thin the two sides of a border differently).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

from watchfloor.graphics.geo import clip

SOURCE_PACKAGE = "world-atlas"
SOURCE_VERSION = "2.0.2"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "watchfloor" / "graphics" / "data" / "countries.json"

PRECISION = 2
"""Decimal places kept: 0.01° is about 1 km, under a pixel on a map of a region the size of the
Balkans, and it keeps the file near 1 MB."""
TOLERANCE = 0.01
"""Douglas–Peucker tolerance in degrees, applied to arcs before rounding: points this close to
the line through their neighbours add bytes but nothing a map at region scale can show."""
POLE_SLIVER = 0.01
"""How close to a pole a ring must stay throughout to count as a spherical artefact, not land."""
FALLBACK_PRECISION = 4
"""Used for a ring that rounding would collapse (Vatican, Monaco, small islands), so every country
in the source keeps a drawable shape."""

Point = tuple[float, float]
Ring = list[Point]

# Natural Earth's ``NAME`` field is abbreviated for small labels ("Bosnia and Herz."); the maps
# show names in tooltips where there is room, and analysts search for the full form. The build
# fails on an abbreviation not listed here, so a new source version cannot slip one through.
FULL_NAMES = {
    "Antigua and Barb.": "Antigua and Barbuda",
    "Ashmore and Cartier Is.": "Ashmore and Cartier Islands",
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Br. Indian Ocean Ter.": "British Indian Ocean Territory",
    "British Virgin Is.": "British Virgin Islands",
    "Cayman Is.": "Cayman Islands",
    "Central African Rep.": "Central African Republic",
    "Cook Is.": "Cook Islands",
    "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Dominican Rep.": "Dominican Republic",
    "Eq. Guinea": "Equatorial Guinea",
    "Faeroe Is.": "Faroe Islands",
    "Falkland Is.": "Falkland Islands",
    "Fr. Polynesia": "French Polynesia",
    "Fr. S. Antarctic Lands": "French Southern and Antarctic Lands",
    "Heard I. and McDonald Is.": "Heard Island and McDonald Islands",
    "Indian Ocean Ter.": "Australian Indian Ocean Territories",
    "Macedonia": "North Macedonia",
    "Marshall Is.": "Marshall Islands",
    "N. Cyprus": "Northern Cyprus",
    "N. Mariana Is.": "Northern Mariana Islands",
    "Pitcairn Is.": "Pitcairn Islands",
    "S. Geo. and the Is.": "South Georgia and the South Sandwich Islands",
    "S. Sudan": "South Sudan",
    "Solomon Is.": "Solomon Islands",
    "St. Kitts and Nevis": "Saint Kitts and Nevis",
    "St. Pierre and Miquelon": "Saint Pierre and Miquelon",
    "St. Vin. and Gren.": "Saint Vincent and the Grenadines",
    "Turks and Caicos Is.": "Turks and Caicos Islands",
    "U.S. Virgin Is.": "United States Virgin Islands",
    "W. Sahara": "Western Sahara",
    "Wallis and Futuna Is.": "Wallis and Futuna",
}


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc in degrees: undo the delta encoding, then apply the quantisation transform."""
    transform = topology.get("transform")
    decoded: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            decoded.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Point] = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def simplify_arc(arc: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker on one arc, keeping both ends, so every ring sharing it stays in step."""
    if len(arc) < 3:
        return arc
    keep = [False] * len(arc)
    keep[0] = keep[-1] = True
    stack = [(0, len(arc) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = arc[first], arc[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, worst_distance = -1, tolerance
        for index in range(first + 1, last):
            x, y = arc[index]
            if length == 0:
                distance = math.hypot(x - x1, y - y1)
            else:
                distance = abs(dy * (x - x1) - dx * (y - y1)) / length
            if distance > worst_distance:
                worst, worst_distance = index, distance
        if worst > 0:
            keep[worst] = True
            stack += [(first, worst), (worst, last)]
    return [point for point, kept in zip(arc, keep, strict=True) if kept]


def ring_points(arc_indexes: list[int], arcs: list[list[Point]]) -> Ring:
    """Join a ring's arcs; each arc after the first repeats the previous arc's last point."""
    ring: Ring = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


class Arcs:
    """The topology's arcs, both as decoded and simplified, to build rings from either."""

    def __init__(self, topology: dict[str, Any]) -> None:
        self.exact = decode_arcs(topology)
        self.simplified = [simplify_arc(arc, TOLERANCE) for arc in self.exact]


def unwrap(ring: Ring) -> Ring:
    """Longitudes made continuous: a step of more than 180° is a crossing of the antimeridian."""
    out = [ring[0]]
    shift = 0.0
    for (previous, _), (lon, lat) in zip(ring, ring[1:], strict=False):
        if lon - previous > 180.0:
            shift -= 360.0
        elif lon - previous < -180.0:
            shift += 360.0
        out.append((lon + shift, lat))
    return out


def flat_pieces(ring: Ring) -> dict[int, Ring]:
    """The ring as open rings within [-180, 180], keyed by the whole turns each was moved by.

    TopoJSON rings live on the sphere: one may cross the antimeridian (Fiji, Chukotka) or go round
    a pole (Antarctica's coast), and drawn flat either would streak across the map. A ring round a
    pole is first closed along the pole; one that only hugs the pole (the sliver that keeps
    Antarctica valid as a spherical polygon) is dropped. The ring is then cut at ±180.
    """
    flat = unwrap(ring)
    if abs(flat[-1][0] - flat[0][0]) > 180.0:
        pole = -90.0 if sum(lat for _, lat in flat) < 0 else 90.0
        if all(abs(lat - pole) < POLE_SLIVER for _, lat in flat):
            return {}
        flat = [*flat, (flat[-1][0], pole), (flat[0][0], pole), flat[0]]
    pieces = {}
    for turns in (-1, 0, 1):
        shifted = [(lon + 360.0 * turns, lat) for lon, lat in flat[:-1]]
        piece = clip(shifted, (-180.0, -90.0, 180.0, 90.0))
        if piece:
            pieces[turns] = piece
    return pieces


def round_ring(ring: Ring, precision: int) -> Ring | None:
    """The open ring rounded and closed, without repeated consecutive points; None if it collapses."""
    out: Ring = []
    for lon, lat in ring:
        point = (round(lon, precision), round(lat, precision))
        if not out or point != out[-1]:
            out.append(point)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(set(out)) < 3:
        return None
    return [*out, out[0]]


def rounded_pieces(ring: Ring, precision: int) -> dict[int, Ring]:
    pieces = {turns: round_ring(piece, precision) for turns, piece in flat_pieces(ring).items()}
    return {turns: piece for turns, piece in pieces.items() if piece is not None}


def geometry_polygons(geometry: dict[str, Any], arcs: Arcs) -> list[list[Ring]]:
    """A Polygon or MultiPolygon as flat polygons, each an outer ring then its holes.

    A spherical polygon that reaches across the antimeridian becomes one flat polygon per side.
    Each ring is taken simplified at the normal precision where that survives, else exact at the
    finer one, so no country loses a shape to rounding.
    """
    if geometry["type"] == "Polygon":
        raw_polygons = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        raw_polygons = geometry["arcs"]
    else:
        raise ValueError(f"unexpected geometry type {geometry['type']!r}")
    polygons: list[list[Ring]] = []
    for raw_polygon in raw_polygons:
        sides: dict[int, list[Ring]] = {}
        for arc_indexes in raw_polygon:
            coarse = rounded_pieces(ring_points(arc_indexes, arcs.simplified), PRECISION)
            fine = rounded_pieces(ring_points(arc_indexes, arcs.exact), FALLBACK_PRECISION)
            for turns, piece in fine.items():
                sides.setdefault(turns, []).append(coarse.get(turns, piece))
        polygons.extend(rings for _, rings in sorted(sides.items()))
    return polygons


def bbox(polygons: list[list[Ring]]) -> list[float]:
    lons = [lon for polygon in polygons for lon, _ in polygon[0]]
    lats = [lat for polygon in polygons for _, lat in polygon[0]]
    return [min(lons), min(lats), max(lons), max(lats)]


def full_name(name: str) -> str:
    if name in FULL_NAMES:
        return FULL_NAMES[name]
    if "." in name:
        raise SystemExit(f"abbreviated country name {name!r} has no entry in FULL_NAMES")
    return name


def check_version(source: Path) -> None:
    """Refuse a file from another world-atlas version: the header would then lie."""
    manifest = source.parent / "package.json"
    if not manifest.exists():
        raise SystemExit(f"{manifest} not found: pass countries-50m.json from the unpacked npm package")
    package = json.loads(manifest.read_text(encoding="utf-8"))
    if (package.get("name"), package.get("version")) != (SOURCE_PACKAGE, SOURCE_VERSION):
        raise SystemExit(f"expected {SOURCE_PACKAGE} {SOURCE_VERSION}, found {package.get('name')} {package.get('version')}")


def build(source: Path) -> dict[str, Any]:
    raw = source.read_bytes()
    topology = json.loads(raw)
    arcs = Arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry_polygons(geometry, arcs)
        if not polygons:
            raise SystemExit(f"{geometry['properties']['name']} has no drawable polygon")
        name = geometry["properties"]["name"]
        countries.append({
            "name": full_name(name),
            "ne_name": name,
            "id": geometry.get("id"),
            "bbox": bbox(polygons),
            "polygons": [[[list(point) for point in ring] for ring in polygon] for polygon in polygons],
        })
    countries.sort(key=lambda country: country["name"])
    return {
        "source": (
            f"Natural Earth 1:50m Admin 0 countries (public domain, naturalearthdata.com), as TopoJSON "
            f"in the npm package {SOURCE_PACKAGE} {SOURCE_VERSION} (file {source.name}, "
            f"sha256 {hashlib.sha256(raw).hexdigest()})"
        ),
        "build": (
            f"npm pack {SOURCE_PACKAGE}@{SOURCE_VERSION} && tar xzf {SOURCE_PACKAGE}-{SOURCE_VERSION}.tgz && "
            f"python scripts/build_geodata.py package/{source.name}"
        ),
        "format": (
            "countries[]: name (full form), ne_name (Natural Earth's short NAME), id (ISO 3166-1 numeric "
            "as given by the source; null where it has none, e.g. Kosovo), bbox [west, south, east, north], "
            "polygons: list of polygons, each a list of closed rings of [lon, lat], outer ring first, "
            f"then holes; coordinates rounded to {PRECISION} decimals ({FALLBACK_PRECISION} for rings "
            "that would otherwise collapse)"
        ),
        "countries": countries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="countries-50m.json from the unpacked world-atlas 2.0.2 package")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    check_version(args.source)
    data = build(args.source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # One country per line: compact, yet a rebuild shows up in a diff country by country.
    lines = [json.dumps(country, ensure_ascii=False, separators=(",", ":")) for country in data["countries"]]
    header = {key: value for key, value in data.items() if key != "countries"}
    head = json.dumps(header, ensure_ascii=False, indent=1)[:-2]
    text = head + ',\n "countries":[\n' + ",\n".join(lines) + "\n]}\n"
    json.loads(text)  # the hand-joined layout must still be valid JSON
    args.output.write_text(text, encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {len(lines)} countries to {args.output} ({size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
