"""SVG graphics: well formed, inert with hostile labels, and right about what they draw."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from watchfloor.graphics import css_token, escape, safe_href
from watchfloor.graphics.charts import nice_step, render_counts_over_time
from watchfloor.graphics.geo import DATA, MapPoint, countries, lon_window, render_map
from watchfloor.graphics.network import Edge, Node, render_network

BUILD_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_geodata.py"
HOSTILE = ['<script>alert(1)</script>', '" onload="x', "' onmouseover='y", "a\x00b\x1bc&amp;"]
PRISTINA = MapPoint(42.67, 21.17, "Pristina", href="/places/pristina")
SARAJEVO = MapPoint(43.86, 18.41, "Sarajevo", href="/places/sarajevo")


def parse(svg: str) -> ET.Element:
    """The document parsed (failing the test if it is not well-formed XML) with its namespace
    removed from every tag, so tests can say ``circle`` rather than ``{http://...}circle``."""
    root = ET.fromstring(svg)
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]
    assert root.tag == "svg"
    assert root.get("role") == "img" and root.get("aria-label")
    return root


def assert_inert(root: ET.Element) -> None:
    for element in root.iter():
        assert element.tag not in {"script", "foreignObject", "style", "iframe"}
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert name != "style"
            if name.endswith("href"):
                assert safe_href(value) == value, value


def titles(root: ET.Element, tag: str, css_class: str | None = None) -> list[str]:
    """The tooltip of every ``tag`` element (with ``css_class``, if given)."""
    return [
        element.findtext("title") or ""
        for element in root.iter(tag)
        if css_class is None or css_class in (element.get("class") or "").split()
    ]


def point_positions(root: ET.Element) -> dict[str, tuple[float, float]]:
    positions = {}
    for group in root.iter("g"):
        if "point" in (group.get("class") or "").split():
            circle = group.find("circle")
            assert circle is not None
            positions[group.findtext("title") or ""] = (float(circle.get("cx")), float(circle.get("cy")))
    return positions


def texts(root: ET.Element, css_class: str) -> list[str]:
    return [t.text or "" for t in root.iter("text") if css_class in (t.get("class") or "").split()]


# --- shared helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/places/pristina", "/places/pristina"),
        ("/entities/x?tab=links#top", "/entities/x?tab=links#top"),
        ("#section", "#section"),
        ("/a b", "/a b"),
        ("//evil.example/x", None),
        ("/\\evil.example", None),
        ("/\t/evil.example", None),
        ("/\n/evil.example", None),
        (" /places/x", None),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("https://example.org/", None),
        ("places/relative", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href_allows_only_same_site_links(href: str | None, expected: str | None) -> None:
    assert safe_href(href) == expected


def test_escape_makes_text_safe_in_content_and_attributes() -> None:
    escaped = escape('<a href="x" onclick=\'y\'>&\x00\x0b\ufffe</a>')
    assert escaped == "&lt;a href=&quot;x&quot; onclick=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
    root = ET.fromstring(f'<t a="{escape(HOSTILE[1])}" b=\'{escape(HOSTILE[2])}\'>{escape(HOSTILE[0])}</t>')
    assert root.attrib == {"a": HOSTILE[1], "b": HOSTILE[2]}
    assert root.text == HOSTILE[0]


@pytest.mark.parametrize(
    ("kind", "token"),
    [("person", "person"), ("Organization", "organization"), ("x\" onclick=\"y", "x-onclick-y"),
     ("Ort/Stadt ü", "ort-stadt"), ("", "other"), ("!!!", "other")],
)
def test_css_token(kind: str, token: str) -> None:
    assert css_token(kind) == token


# --- the outline data and its build ----------------------------------------------------------


def test_shipped_outlines_are_compact_and_cover_the_western_balkans() -> None:
    assert DATA.stat().st_size < 1_500_000
    header = json.loads(DATA.read_text(encoding="utf-8"))
    assert "Natural Earth" in header["source"] and "world-atlas 2.0.2" in header["source"]
    assert "public domain" in header["source"]
    assert "build_geodata.py" in header["build"]
    by_name = {country.name: country for country in countries()}
    expected = {
        "Kosovo": None, "Bosnia and Herzegovina": "070", "Serbia": "688", "Montenegro": "499",
        "North Macedonia": "807", "Albania": "008", "Croatia": "191", "Slovenia": "705",
    }
    for name, iso in expected.items():
        assert by_name[name].iso_numeric == iso
        # Recognisable at region scale: more than a handful of points per outline.
        assert max(len(p.rings[0]) for p in by_name[name].polygons) > 40, name
    kosovo = by_name["Kosovo"]
    assert 20.0 < kosovo.west < kosovo.east < 21.9 and 41.8 < kosovo.south < kosovo.north < 43.3


def test_shipped_rings_are_closed_and_flat() -> None:
    """No ring may jump across the map: the build cut them at the antimeridian."""
    assert len(countries()) > 200
    for country in countries():
        assert country.polygons, country.name
        for polygon in country.polygons:
            for ring in polygon.rings:
                assert len(ring) >= 4 and ring[0] == ring[-1], country.name
                for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:], strict=False):
                    assert -180 <= lon1 <= 180 and -90 <= lat1 <= 90
                    assert abs(lon2 - lon1) <= 180 or abs(lat1) == abs(lat2) == 90, country.name


@pytest.fixture(scope="module")
def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_build_geodata", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_decodes_quantised_delta_arcs(build_script: ModuleType) -> None:
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [10, 40]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]]],
    }
    arcs = build_script.decode_arcs(topology)
    assert arcs == [[(10.0, 40.0), (12.0, 40.0), (12.0, 41.0)], [(12.0, 41.0), (10.0, 41.0), (10.0, 40.0)]]
    # Arc 1 read backwards (~1 == -2) then arc 0 backwards (~0 == -1) is the same square reversed.
    forward = build_script.ring_points([0, 1], arcs)
    backward = build_script.ring_points([-2, -1], arcs)
    assert forward == [(10.0, 40.0), (12.0, 40.0), (12.0, 41.0), (10.0, 41.0), (10.0, 40.0)]
    assert backward == forward[::-1]


def test_build_handles_polygon_multipolygon_and_the_antimeridian(build_script: ModuleType) -> None:
    square = [[(20.0, 42.0), (21.0, 42.0), (21.0, 43.0), (20.0, 43.0), (20.0, 42.0)]]
    # An island straddling 180°, as TopoJSON stores it: longitudes jump from 179.5 to -179.5.
    island = [[(179.5, -17.0), (-179.5, -17.0), (-179.5, -16.0), (179.5, -16.0), (179.5, -17.0)]]

    class Arcs:
        exact = simplified = square + island

    polygons = build_script.geometry_polygons({"type": "Polygon", "arcs": [[0]]}, Arcs)
    assert polygons == [[[(20.0, 42.0), (21.0, 42.0), (21.0, 43.0), (20.0, 43.0), (20.0, 42.0)]]]
    pieces = build_script.geometry_polygons({"type": "MultiPolygon", "arcs": [[[0]], [[1]]]}, Arcs)
    assert len(pieces) == 3  # the square, then the island cut in two
    for polygon in pieces[1:]:
        lons = {lon for lon, _ in polygon[0]}
        assert lons in ({179.5, 180.0}, {-180.0, -179.5})


# --- map -------------------------------------------------------------------------------------


def test_map_of_pristina_and_sarajevo() -> None:
    svg = render_map([PRISTINA, SARAJEVO], title="Where it happened")
    root = parse(svg)
    assert root.get("aria-label") == "Where it happened"
    drawn = titles(root, "path", "country")
    assert {"Kosovo", "Bosnia and Herzegovina", "Serbia", "Montenegro"} <= set(drawn)
    assert "France" not in drawn and "Brazil" not in drawn  # only what is in view
    at = point_positions(root)
    (px, py), (sx, sy) = at["Pristina"], at["Sarajevo"]
    assert sx < px  # Sarajevo lies west of Pristina
    assert sy < py  # and north of it
    assert all(0 <= v <= 640 for v in (px, sx)) and all(0 <= v <= 420 for v in (py, sy))
    assert sorted(texts(root, "label")) == ["Pristina", "Sarajevo"]
    assert len(svg) < 60_000


def test_map_projection_keeps_east_west_distances_true_to_latitude() -> None:
    """One degree of longitude at 43°N is cos(43°) of a degree of latitude on the map."""
    points = [MapPoint(43.0, 19.0, "a"), MapPoint(43.0, 21.0, "b"), MapPoint(45.0, 19.0, "c")]
    at = point_positions(parse(render_map(points)))
    east = at["b"][0] - at["a"][0]
    north = at["a"][1] - at["c"][1]
    assert east / north == pytest.approx(math.cos(math.radians(44.0)), rel=0.02)


def test_single_point_shows_its_region() -> None:
    root = parse(render_map([PRISTINA]))
    assert {"Kosovo", "Serbia", "North Macedonia", "Albania"} <= set(titles(root, "path", "country"))


def test_map_links_only_relative_hrefs() -> None:
    points = [
        PRISTINA,
        MapPoint(42.44, 19.26, "Podgorica", href="javascript:alert(1)"),
        MapPoint(41.33, 19.82, "Tirana", href="https://evil.example/"),
        MapPoint(41.99, 21.43, "Skopje", href="#skopje"),
        MapPoint(45.81, 15.98, "Zagreb"),
    ]
    root = parse(render_map(points))
    hrefs = {a.get("href") for a in root.iter("a")}
    assert hrefs == {"/places/pristina", "#skopje"}
    linked = {t for a in root.iter("a") for t in titles(a, "g", "point")}
    assert linked == {"Pristina", "Skopje"}
    assert len(point_positions(root)) == 5  # unlinked points are still drawn


def test_map_with_hostile_labels_is_inert() -> None:
    points = [
        MapPoint(42.0 + i / 2, 20.0 + i / 2, label, href="javascript:alert(1)", kind='x" onclick="y')
        for i, label in enumerate(HOSTILE)
    ]
    svg = render_map(points, title=HOSTILE[0])
    assert "<script" not in svg
    root = parse(svg)
    assert_inert(root)
    assert "<script>alert(1)</script>" in titles(root, "g", "point")
    assert '" onload="x' in titles(root, "g", "point")
    assert "abc&amp;" in titles(root, "g", "point")  # invalid XML characters dropped
    assert root.findtext("title") == HOSTILE[0]


def test_map_without_usable_points_says_so() -> None:
    for points in ([], [MapPoint(math.nan, 20.0, "x"), MapPoint(95.0, 20.0, "y"), MapPoint(1.0, math.inf, "z")]):
        root = parse(render_map(points))
        assert "No places with coordinates" in "".join(root.itertext())
        assert not list(root.iter("circle"))


def test_map_does_not_stack_identical_labels() -> None:
    points = [MapPoint(42.89, 20.87, "Mitrovica", weight=3), MapPoint(42.88, 20.86, "Mitrovica"), SARAJEVO]
    root = parse(render_map(points))
    assert texts(root, "label").count("Mitrovica") == 1
    assert titles(root, "g", "point").count("Mitrovica") == 2


def test_crowded_map_keeps_tooltips_but_drops_labels() -> None:
    rng = random.Random(5)
    points = [MapPoint(rng.uniform(41, 46), rng.uniform(14, 23), f"Place {i}") for i in range(30)]
    root = parse(render_map(points))
    assert texts(root, "label") == []
    assert len(titles(root, "g", "point")) == 30


def test_map_point_size_grows_with_weight() -> None:
    root = parse(render_map([MapPoint(42.0, 20.0, "light", weight=1), MapPoint(44.0, 18.0, "heavy", weight=100)]))
    radii = {g.findtext("title"): float(g.find("circle").get("r")) for g in root.iter("g") if g.find("circle") is not None}
    assert radii["heavy"] > 2 * radii["light"]


def test_lon_window_takes_the_short_way_round() -> None:
    assert lon_window([18.4, 21.2]) == (18.4, 21.2)
    west, east = lon_window([178.0, -150.0])
    assert (west, east) == (178.0, 210.0)


def test_map_across_the_antimeridian_shows_the_pacific_not_the_world() -> None:
    suva, anchorage = MapPoint(-18.1, 178.4, "Suva"), MapPoint(61.2, -149.9, "Anchorage")
    root = parse(render_map([suva, anchorage]))
    drawn = set(titles(root, "path", "country"))
    assert {"Fiji", "United States of America"} <= drawn
    assert "France" not in drawn and "Serbia" not in drawn
    at = point_positions(root)
    assert at["Suva"][0] < at["Anchorage"][0]  # Fiji lies west of Alaska across the Pacific


def test_map_of_points_all_round_the_globe_shows_the_world() -> None:
    points = [PRISTINA, MapPoint(38.9, -77.0, "Washington"), MapPoint(35.7, 139.7, "Tokyo")]
    svg = render_map(points)
    root = parse(svg)
    assert {"France", "Brazil", "Australia", "Kosovo"} <= set(titles(root, "path", "country"))
    at = point_positions(root)
    assert at["Washington"][0] < at["Pristina"][0] < at["Tokyo"][0]
    assert len(svg) < 250_000


# --- chart -----------------------------------------------------------------------------------

SERIES = {
    "VISIT": {dt.date(2025, 3, 4): 3, dt.date(2025, 3, 20): 1, dt.date(2025, 6, 1): 2},
    "MEETING": {dt.date(2025, 3, 5): 2, dt.date(2025, 4, 30): 5},
    "NEVER": {dt.date(2025, 3, 5): 0},
}


def segment_counts(root: ET.Element) -> dict[tuple[str, str], int]:
    counts = {}
    for title in titles(root, "rect", "bar"):
        match = re.fullmatch(r"(.*), (.*): (\d+)", title)
        assert match, title
        counts[(match[1], match[2])] = int(match[3])
    return counts


def test_chart_segments_add_up_to_the_input() -> None:
    root = parse(render_counts_over_time(SERIES, title="Events by type"))
    counts = segment_counts(root)
    assert sum(counts.values()) == sum(sum(c.values()) for c in SERIES.values())
    assert counts[("VISIT", "Mar 2025")] == 4
    assert counts[("MEETING", "Apr 2025")] == 5
    assert "VISIT, Mar 2025: 4" in titles(root, "rect", "bar")
    assert "NEVER" not in "".join(root.itertext())  # an all-zero category is left out


def test_chart_axis_legend_and_gaps() -> None:
    root = parse(render_counts_over_time(SERIES))
    labels = [t.text for g in root.iter("g") if g.get("class") == "x-axis" for t in g.iter("text")]
    assert labels == ["Mar 2025", "Apr 2025", "May 2025", "Jun 2025"]
    legend = [t.text for g in root.iter("g") if g.get("class") == "legend" for t in g.iter("text")]
    assert legend == ["VISIT", "MEETING"]
    ticks = [t.text for g in root.iter("g") if g.get("class") == "y-axis" for t in g.iter("text")]
    assert ticks == ["0", "2", "4", "6"]  # tallest bar is 6 (March)
    bars = {title: float(rect.get("x")) for rect in root.iter("rect") if (title := rect.findtext("title"))}
    slot = bars["MEETING, Apr 2025: 5"] - bars["MEETING, Mar 2025: 2"]
    # May has no events but keeps its slot: June is three slots after March.
    assert bars["VISIT, Jun 2025: 2"] - bars["VISIT, Mar 2025: 4"] == pytest.approx(3 * slot, abs=0.2)
    fills = {rect.get("fill") for rect in root.iter("rect") if "series-0" in (rect.get("class") or "")}
    assert len(fills) == 1 and fills != {None}  # coloured without any stylesheet


def test_chart_stacks_segments_in_legend_order() -> None:
    root = parse(render_counts_over_time(SERIES))
    rects = {rect.findtext("title"): rect for rect in root.iter("rect") if rect.findtext("title")}
    visit, meeting = rects["VISIT, Mar 2025: 4"], rects["MEETING, Mar 2025: 2"]

    def top(rect: ET.Element) -> float:
        return float(rect.get("y"))

    def height(rect: ET.Element) -> float:
        return float(rect.get("height"))

    assert top(meeting) + height(meeting) == pytest.approx(top(visit), abs=0.2)  # MEETING sits on VISIT
    assert height(visit) == pytest.approx(2 * height(meeting), abs=0.2)
    assert visit.get("x") == meeting.get("x")


def test_chart_buckets_by_iso_week_and_by_day() -> None:
    monday, sunday, next_monday = dt.date(2025, 3, 3), dt.date(2025, 3, 9), dt.date(2025, 3, 10)
    series = {"A": {monday: 1, sunday: 2, next_monday: 4}}
    weekly = segment_counts(parse(render_counts_over_time(series, bucket="week")))
    assert weekly == {("A", "week of 3 Mar 2025"): 3, ("A", "week of 10 Mar 2025"): 4}
    daily = segment_counts(parse(render_counts_over_time(series, bucket="day")))
    assert daily[("A", "9 Mar 2025")] == 2 and len(daily) == 3


def test_chart_accepts_datetimes_as_their_dates() -> None:
    series = {"A": {dt.datetime(2025, 3, 31, 23, 30): 1, dt.date(2025, 3, 1): 1}}
    assert segment_counts(parse(render_counts_over_time(series))) == {("A", "Mar 2025"): 2}


def test_chart_with_hostile_category_names_is_inert() -> None:
    svg = render_counts_over_time({name: {dt.date(2025, 1, 1): 1} for name in HOSTILE}, title=HOSTILE[1])
    assert "<script" not in svg
    root = parse(svg)
    assert_inert(root)
    assert sum(segment_counts(root).values()) == len(HOSTILE)


def test_chart_without_events_says_so() -> None:
    for series in ({}, {"A": {}}, {"A": {dt.date(2025, 1, 1): 0}}):
        root = parse(render_counts_over_time(series))
        assert "No dated events" in "".join(root.itertext())


def test_chart_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="bucket"):
        render_counts_over_time(SERIES, bucket="year")
    with pytest.raises(ValueError, match="negative"):
        render_counts_over_time({"A": {dt.date(2025, 1, 1): -1}})


def test_chart_over_years_of_days_stays_readable() -> None:
    rng = random.Random(2)
    start = dt.date(2022, 1, 1)
    series = {f"C{c}": {start + dt.timedelta(days=rng.randrange(1000)): 1 for _ in range(50)} for c in range(12)}
    root = parse(render_counts_over_time(series, bucket="day"))
    labels = [t for g in root.iter("g") if g.get("class") == "x-axis" for t in g.iter("text")]
    assert 2 <= len(labels) <= 10
    xs = [float(t.get("x")) for t in labels]
    assert all(b - a > 60 for a, b in zip(xs, xs[1:], strict=False))  # labels do not touch
    assert sum(segment_counts(root).values()) == sum(len(c) for c in series.values())
    assert {"series-8", "series-11"} <= {c for r in root.iter("rect") for c in (r.get("class") or "").split()}


@pytest.mark.parametrize(("largest", "step"), [(1, 1), (3, 1), (6, 2), (7, 2), (30, 10), (41, 20), (999, 500)])
def test_nice_step(largest: int, step: int) -> None:
    assert nice_step(largest) == step


# --- network ---------------------------------------------------------------------------------

NODES = [
    Node("vucic", "Aleksandar Vučić", weight=20, href="/entities/vucic"),
    Node("kurti", "Albin Kurti", weight=18, href="javascript:alert(1)"),
    Node("eu", "European Union", kind="organization", weight=15, href="#eu"),
    Node("lajcak", "Miroslav Lajčák", weight=12),
    Node("brussels", "Brussels", kind="place", weight=4),
    Node("alone", "Nobody", weight=50),
]
EDGES = [
    Edge("vucic", "kurti", "met"),
    Edge("kurti", "vucic", "met"),
    Edge("vucic", "kurti", "agreed"),
    Edge("lajcak", "kurti", "met", weight=2),
    Edge("eu", "lajcak", "appointed"),
    Edge("eu", "brussels", "based in"),
    Edge("eu", "ghost", "knows"),
    Edge("eu", "eu", "self"),
]


def node_positions(root: ET.Element) -> dict[str, tuple[float, float]]:
    return {
        (g.findtext("title") or ""): (float(g.find("circle").get("cx")), float(g.find("circle").get("cy")))
        for g in root.iter("g")
        if "node" in (g.get("class") or "").split()
    }


def test_network_merges_edges_and_drops_unlinked_nodes() -> None:
    root = parse(render_network(NODES, EDGES))
    edge_titles = titles(root, "g", "edge")
    assert "Aleksandar Vučić – Albin Kurti: met (2), agreed (1)" in edge_titles
    assert len(edge_titles) == 4  # no self-loop, no edge to an unknown node
    at = node_positions(root)
    assert set(at) == {"Aleksandar Vučić (person)", "Albin Kurti (person)", "European Union (organization)",
                       "Miroslav Lajčák (person)", "Brussels (place)"}
    assert all(0 < x < 640 and 0 < y < 420 for x, y in at.values())
    kinds = {g.get("class") for g in root.iter("g") if "node" in (g.get("class") or "").split()}
    assert kinds == {"node node-person", "node node-organization", "node node-place"}
    assert {a.get("href") for a in root.iter("a")} == {"/entities/vucic", "#eu"}


def test_network_is_deterministic() -> None:
    first = render_network(NODES, EDGES)
    assert render_network(NODES, EDGES) == first
    assert render_network(NODES[::-1], EDGES[::-1]) == first  # input order does not matter
    assert render_network(NODES, EDGES, seed=1) != first


def test_network_keeps_the_heaviest_nodes() -> None:
    nodes = [Node(f"n{i}", f"N{i}", weight=i) for i in range(60)]
    edges = [Edge(f"n{i}", f"n{(i * 7 + 1) % 60}", "met") for i in range(60)]
    root = parse(render_network(nodes, edges, max_nodes=40))
    shown = {title.split(" ")[0] for title in node_positions(root)}
    assert 0 < len(shown) <= 40
    assert all(int(name[1:]) >= 20 for name in shown)


def test_network_with_hostile_labels_is_inert() -> None:
    nodes = [Node(f"h{i}", label, kind=label, href=label) for i, label in enumerate(HOSTILE)]
    edges = [Edge("h0", f"h{i}", label) for i, label in enumerate(HOSTILE) if i]
    svg = render_network(nodes, edges)
    assert "<script" not in svg
    root = parse(svg)
    assert_inert(root)
    assert not list(root.iter("a"))
    assert any('" onload="x' in title for title in titles(root, "g", "edge"))


def test_network_without_links_says_so() -> None:
    for nodes, edges in (([], []), (NODES, []), (NODES[:1], [Edge("vucic", "nobody", "met")])):
        root = parse(render_network(nodes, edges))
        assert "No links between actors" in "".join(root.itertext())


def test_network_refuses_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        render_network([*NODES, Node("vucic", "Someone else")], EDGES)
