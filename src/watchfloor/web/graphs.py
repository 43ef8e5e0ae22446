"""Charts, maps and networks as server-side SVG, through :mod:`watchfloor.graphics`.

The graphics package draws everything on the server (no script, no tiles from another host), so
a page that shows a map still makes no external request. Each function returns ``None`` when
there is nothing to draw; the template then says so instead of showing an empty frame.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence

from ..graphics.geo import MapPoint
from ..graphics.network import Edge, Node

log = logging.getLogger("watchfloor.web")


# The graphics package's own types: a view builds them directly.
Point = MapPoint
NodeSpec = Node
EdgeSpec = Edge


def focus(points: Sequence[Point], *, lat_span: float = 14.0,
          lon_span: float = 20.0) -> tuple[list[Point], list[Point]]:
    """The points near the weighted middle of the set, and the far ones left off the map.

    A Balkan story that also names Washington and Beijing would otherwise be drawn as a world
    map with the region as one blot; the far places are listed beside the map instead. When
    the middle holds less than half of the weight there is no single region, and all are kept.
    """
    if len(points) < 3:
        return list(points), []

    def median(values: list[tuple[float, float]]) -> float:
        ordered = sorted(values)
        half, seen = sum(w for _, w in ordered) / 2, 0.0
        for value, w in ordered:
            seen += w
            if seen >= half:
                return value
        return ordered[-1][0]

    weights = [max(p.weight, 0.1) for p in points]
    lat = median([(p.lat, w) for p, w in zip(points, weights, strict=True)])
    lon = median([(p.lon, w) for p, w in zip(points, weights, strict=True)])
    near = [p for p in points if abs(p.lat - lat) <= lat_span and abs(p.lon - lon) <= lon_span]
    if sum(max(p.weight, 0.1) for p in near) < sum(weights) / 2:
        return list(points), []
    return near, [p for p in points if p not in near]


def counts_chart(series: Mapping[str, Mapping[dt.date, int]], *,
                 title: str | None = None) -> str | None:
    """A chart drawn twice: wide for a screen, narrow for a phone, where a wide drawing scaled
    down would leave its labels unreadably small; the stylesheet shows one of them."""
    if not any(series.values()):
        return None
    from ..graphics import charts

    wide = charts.render_counts_over_time(series, bucket="month", width=1000, height=260,
                                          title=title)
    narrow = charts.render_counts_over_time(series, bucket="month", width=380, height=240,
                                            title=title)
    return f'<div class="chart-wide">{wide}</div><div class="chart-narrow">{narrow}</div>'


def place_map(points: Sequence[Point], *, title: str | None = None, width: int = 640,
              height: int = 420) -> str | None:
    if not points:
        return None
    from ..graphics import geo

    return geo.render_map(points, width=width, height=height, title=title)


def network(nodes: Sequence[NodeSpec], edges: Sequence[EdgeSpec], *, width: int = 640,
            height: int = 420) -> str | None:
    if not nodes or not edges:
        return None
    from ..graphics import network as net

    return net.render_network(nodes, edges, width=width, height=height)
