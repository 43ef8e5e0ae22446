"""A graph of who is linked to whom: actors as circles, relations as lines.

The layout is Fruchterman–Reingold (linked nodes pull together, all nodes push apart, the moves
shrink as the layout cools) written out here: at no more than a few dozen nodes it runs in pure
Python in a few milliseconds, and a graph library would be a heavy dependency for one picture.
The same input always gives the same picture: nodes start on a circle in a fixed order with a
seeded jitter, and nothing else is random.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import (
    HALO,
    LabelPlacer,
    LabelSpot,
    count,
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

KIND_COLOURS = {
    "person": "#0072B2",
    "organization": "#E69F00",
    "place": "#009E73",
    "other": "#999999",
}
"""Node fills by kind, from Okabe & Ito's colour-blind-safe palette; any other kind is "other"."""
ITERATIONS = 200
FONT_SIZE = 11
LABEL_CHARS = 24
MARGIN_X, MARGIN_Y = 48.0, 24.0
"""Room kept free at the edges for the largest circle and for labels, which are wider than tall."""


@dataclass(frozen=True)
class Node:
    """An actor: a person, an organization, a place, or anything else with a ``kind``."""

    id: str
    label: str
    kind: str = "person"
    weight: float = 1.0
    href: str | None = None


@dataclass(frozen=True)
class Edge:
    """One relation between two actors; several edges between the same pair are drawn as one line."""

    source: str
    target: str
    label: str
    weight: float = 1.0


@dataclass(frozen=True)
class Link:
    """Every edge between one pair of nodes, merged."""

    a: str
    b: str
    weight: float
    labels: tuple[tuple[str, float], ...]
    """Each relation label with its summed weight, heaviest first."""


def _weight(value: float) -> float:
    return value if math.isfinite(value) and value > 0 else 0.0


def merge_links(edges: Sequence[Edge], known: set[str]) -> list[Link]:
    """The edges between known, distinct nodes merged per unordered pair, in a fixed order.

    Direction is dropped: "A met B" and "B met A" are one line with "met (2)".
    """
    weights: dict[tuple[str, str], float] = {}
    labels: dict[tuple[str, str], Counter[str]] = {}
    for edge in edges:
        if edge.source == edge.target or edge.source not in known or edge.target not in known:
            continue
        pair = (min(edge.source, edge.target), max(edge.source, edge.target))
        w = _weight(edge.weight)
        weights[pair] = weights.get(pair, 0.0) + w
        labels.setdefault(pair, Counter())[edge.label.strip() or "linked"] += w
    return [
        Link(a, b, weights[(a, b)], tuple(sorted(labels[(a, b)].items(), key=lambda kv: (-kv[1], kv[0]))))
        for a, b in sorted(weights)
    ]


def select(nodes: Sequence[Node], edges: Sequence[Edge], max_nodes: int) -> tuple[list[Node], list[Link]]:
    """The heaviest ``max_nodes`` nodes that have a link, and the links among them.

    Nodes without any link are not candidates: the graphic is about links, and an isolated circle
    would take a place from a linked one. A node whose links all went to nodes that were cut is
    dropped in turn. Ties in weight are broken by id so the choice never depends on input order.
    """
    by_id: dict[str, Node] = {}
    for node in nodes:
        if node.id in by_id:
            raise ValueError(f"duplicate node id {node.id!r}")
        by_id[node.id] = node
    with_links = {end for link in merge_links(edges, set(by_id)) for end in (link.a, link.b)}
    ranked = sorted((by_id[i] for i in with_links), key=lambda n: (-_weight(n.weight), n.id))
    kept = {node.id for node in ranked[:max_nodes]}
    links = merge_links(edges, kept)
    still_linked = {end for link in links for end in (link.a, link.b)}
    return [node for node in ranked if node.id in still_linked], links


def layout(ids: list[str], links: list[Link], seed: int) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold in the unit square; returns positions, not yet fitted to the frame.

    A weak pull towards the centre keeps separate clusters from drifting to the corners, and a
    link's pull grows with the logarithm of its weight, so a heavy link draws its ends closer
    without collapsing them.
    """
    n = len(ids)
    rng = random.Random(seed)
    pos = {}
    for index, node_id in enumerate(ids):
        angle = 2 * math.pi * index / n
        pos[node_id] = [
            0.5 + 0.4 * math.cos(angle) + rng.uniform(-0.02, 0.02),
            0.5 + 0.4 * math.sin(angle) + rng.uniform(-0.02, 0.02),
        ]
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    for _ in range(ITERATIONS):
        move = {node_id: [0.0, 0.0] for node_id in ids}
        for i, u in enumerate(ids):
            for v in ids[i + 1:]:
                dx, dy = pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]
                distance = max(math.hypot(dx, dy), 1e-6)
                push = k * k / distance
                move[u][0] += dx / distance * push
                move[u][1] += dy / distance * push
                move[v][0] -= dx / distance * push
                move[v][1] -= dy / distance * push
        for link in links:
            dx, dy = pos[link.a][0] - pos[link.b][0], pos[link.a][1] - pos[link.b][1]
            distance = max(math.hypot(dx, dy), 1e-6)
            pull = distance * distance / k * math.log2(1 + max(link.weight, 1.0))
            move[link.a][0] -= dx / distance * pull
            move[link.a][1] -= dy / distance * pull
            move[link.b][0] += dx / distance * pull
            move[link.b][1] += dy / distance * pull
        for node_id in ids:
            x, y = pos[node_id]
            move[node_id][0] -= (x - 0.5) * 0.1 * k * n
            move[node_id][1] -= (y - 0.5) * 0.1 * k * n
            length = max(math.hypot(*move[node_id]), 1e-9)
            step = min(length, temperature)
            pos[node_id][0] = x + move[node_id][0] / length * step
            pos[node_id][1] = y + move[node_id][1] / length * step
        temperature = max(temperature - 0.1 / ITERATIONS, 0.002)
    return {node_id: (x, y) for node_id, (x, y) in pos.items()}


def fit(
    positions: dict[str, tuple[float, float]], width: int, height: int
) -> dict[str, tuple[float, float]]:
    """Positions stretched to fill the frame, less a margin; a lone pair or a line still spreads
    along the axis it has, and a degenerate axis is centred."""
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]

    def scale(value: float, low: float, high: float, size: float, margin: float) -> float:
        if high - low < 1e-9:
            return size / 2
        return margin + (value - low) / (high - low) * (size - 2 * margin)

    return {
        node_id: (
            scale(x, min(xs), max(xs), width, MARGIN_X),
            scale(y, min(ys), max(ys), height, MARGIN_Y),
        )
        for node_id, (x, y) in positions.items()
    }


def render_network(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    *,
    width: int = 640,
    height: int = 420,
    seed: int = 0,
    max_nodes: int = 40,
) -> str:
    """An SVG network of the heaviest linked nodes; see :func:`select` for which are kept.

    Each line's tooltip lists the relations it stands for ("met (2), agreed (1)") and its width
    grows with their total weight; each circle's area grows with its node's weight.
    """
    if max_nodes < 0:
        raise ValueError(f"max_nodes must not be negative, not {max_nodes}")
    kept, links = select(nodes, edges, max_nodes)
    if not links:
        return message_svg("No links between actors", "wf-network")
    by_id = {node.id: node for node in kept}
    # Layout order: fixed by weight then id (as ``select`` ranked them), not by input order.
    ids = [node.id for node in kept]
    rank = {node_id: index for index, node_id in enumerate(ids)}
    at = fit(layout(ids, links, seed), width, height)
    heaviest_node = max(_weight(node.weight) for node in kept)
    heaviest_link = max(link.weight for link in links) or 1.0

    label = f"Network of {len(kept)} actors and {len(links)} links"
    out = [svg_open(width, height, label, "wf-network")]
    out.append('<g class="edges" stroke="#8a8a8a" stroke-opacity="0.7" stroke-linecap="round">')
    for link in links:
        (x1, y1), (x2, y2) = at[link.a], at[link.b]
        ends = f'x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"'
        relations = ", ".join(f"{name} ({count(w)})" for name, w in link.labels)
        first, second = sorted((link.a, link.b), key=rank.__getitem__)  # heavier actor first
        tooltip = f"{by_id[first].label} – {by_id[second].label}: {relations}"
        stroke = 1.0 + 4.0 * math.sqrt(link.weight / heaviest_link)
        # A thin line is hard to hover; an invisible wide one on top carries the same tooltip.
        out.append(
            f'<g class="edge"><title>{escape(tooltip)}</title>'
            f'<line {ends} stroke-width="{num(stroke)}"/>'
            f'<line class="edge-hit" {ends} stroke-width="10" stroke-opacity="0"/></g>'
        )
    out.append("</g>")

    radii = {n.id: radius(n.weight, heaviest_node, smallest=4.0, largest=14.0) for n in kept}
    out.append('<g class="nodes" stroke="#ffffff" stroke-width="1.5">')
    for node in kept:
        x, y = at[node.id]
        kind = css_token(node.kind)
        marker = (
            f'<g class="node node-{kind}"><title>{escape(node.label)} ({escape(node.kind)})</title>'
            f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(radii[node.id])}" '
            f'fill="{KIND_COLOURS.get(kind, KIND_COLOURS["other"])}"/></g>'
        )
        out.append(linked(marker, node.href))
    out.append("</g>")

    placer = LabelPlacer(width, height, [(*at[n.id], radii[n.id]) for n in kept])
    out.append(f'<g class="labels" font-size="{FONT_SIZE}" fill="#222222" {HALO}>')
    for node in kept:
        x, y = at[node.id]
        text = shorten(node.label, LABEL_CHARS)
        if not text:
            continue
        spot = placer.place(_below_first(label_spots(x, y, radii[node.id] + 2, text, FONT_SIZE)))
        if spot is not None:
            markup = (
                f'<text class="label" x="{num(spot.x)}" y="{num(spot.y)}" '
                f'text-anchor="{spot.anchor}">{escape(text)}</text>'
            )
            out.append(linked(markup, node.href))
    out.append("</g></svg>")
    return "".join(out)


def _below_first(spots: list[LabelSpot]) -> list[LabelSpot]:
    """A node's label reads best centred under it; the sides are the fallback."""
    right, left, below, above = spots
    return [below, above, right, left]
