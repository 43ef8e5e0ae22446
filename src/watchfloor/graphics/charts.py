"""A stacked bar chart of counts per category over time (events by type per month, say).

Every bucket between the first and the last date gets a slot, empty or not, so gaps in the
record show as gaps rather than being closed up; the x axis is time, not a list of dates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Mapping

from . import count, escape, message_svg, num, shorten, svg_open, text_width

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
"""Okabe & Ito's colour-blind-safe palette, strongest contrasts first; series past the eighth
reuse colours but keep their own ``series-N`` class for a stylesheet to tell apart."""
BUCKETS = ("month", "week", "day")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FONT_SIZE = 11
LEGEND_CHARS = 32
MAX_BAR = 48.0
MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120)
"""Month tick spacings, chosen so ticks fall on quarters, half-years or years."""


def bucket_start(day: dt.date, bucket: str) -> dt.date:
    """The first day of the bucket holding ``day``: the 1st of its month, or the Monday of its
    ISO week. A datetime is taken at its own date, without any time zone conversion."""
    day = dt.date(day.year, day.month, day.day)
    if bucket == "month":
        return day.replace(day=1)
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def next_bucket(start: dt.date, bucket: str) -> dt.date:
    if bucket == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + dt.timedelta(days=7 if bucket == "week" else 1)


def bucket_range(first: dt.date, last: dt.date, bucket: str) -> Iterator[dt.date]:
    current = first
    while current <= last:
        yield current
        current = next_bucket(current, bucket)


def bucket_name(start: dt.date, bucket: str) -> str:
    """How a reader names the bucket: ``Mar 2025``, ``week of 3 Mar 2025``, ``3 Mar 2025``.

    Written out rather than with ``strftime``, whose month names follow the server's locale.
    """
    if bucket == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    day = f"{start.day} {MONTHS[start.month - 1]} {start.year}"
    return f"week of {day}" if bucket == "week" else day


def tick_label(start: dt.date, bucket: str) -> str:
    """An axis label: a week is labelled with its Monday's date alone, for want of room."""
    return bucket_name(start, "day" if bucket == "week" else bucket)


def nice_step(largest: int, target_ticks: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten, and at least 1) giving about ``target_ticks``
    intervals up to ``largest``, so the y axis reads 0, 5, 10, 15 rather than 0, 4.25, 8.5."""
    rough = max(largest / target_ticks, 1.0)
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5):
        if factor * power >= rough:
            return factor * power
    return 10 * power


def render_counts_over_time(
    series: Mapping[str, Mapping[dt.date, int]],
    *,
    bucket: str = "month",
    width: int = 640,
    height: int = 240,
    title: str | None = None,
) -> str:
    """An SVG of stacked bars: one bar per ``bucket`` (month, week or day), one segment per
    category, in the order of ``series``; each segment's tooltip names category, time and count.

    Categories whose counts are all zero are left out of bars and legend alike. A negative count
    is a caller's error and raises ValueError, as does an unknown ``bucket``.
    """
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {', '.join(BUCKETS)}, not {bucket!r}")
    totals: dict[str, dict[dt.date, int]] = {}
    for name, counts in series.items():
        for day, n in counts.items():
            if n < 0:
                raise ValueError(f"negative count {n} for {name!r} on {day}")
            if n:
                per_bucket = totals.setdefault(name, {})
                key = bucket_start(day, bucket)
                per_bucket[key] = per_bucket.get(key, 0) + n
    if not totals:
        return message_svg("No dated events", "wf-chart")

    starts = list(bucket_range(
        min(min(c) for c in totals.values()), max(max(c) for c in totals.values()), bucket
    ))
    tallest = max(sum(c.get(start, 0) for c in totals.values()) for start in starts)
    step = nice_step(tallest)
    top_value = step * math.ceil(tallest / step)

    label = title or f"Counts per {bucket} for {len(totals)} categor{'y' if len(totals) == 1 else 'ies'}"
    out = [svg_open(width, height, label, "wf-chart")]
    y = 4.0
    if title:
        out.append(f'<text class="chart-title" x="0" y="{y + 13:g}" font-size="13" '
                   f'font-weight="bold" fill="#222222">{escape(title)}</text>')
        y += 20
    legend, y = _legend(list(totals), width, y)
    out.append(legend)

    y_labels = [count(v) for v in range(0, top_value + 1, step)]
    left = max(text_width(t, FONT_SIZE) for t in y_labels) + 8
    plot_top, plot_bottom, right = y + 6, height - 20.0, width - 4.0
    slot = (right - left) / len(starts)

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * value / top_value

    out.append(f'<g class="y-axis" font-size="{FONT_SIZE}" fill="#555555" text-anchor="end">')
    for value, text in zip(range(0, top_value + 1, step), y_labels, strict=True):
        out.append(f'<line class="grid" x1="{num(left)}" x2="{num(right)}" y1="{num(y_of(value))}" '
                   f'y2="{num(y_of(value))}" stroke="#dddddd" stroke-width="1"/>')
        out.append(f'<text x="{num(left - 4)}" y="{num(y_of(value) + 4)}">{text}</text>')
    out.append("</g>")

    out.append(_bars(totals, starts, bucket, left, slot, y_of))
    out.append(_x_axis(starts, bucket, left, slot, plot_bottom, right))
    out.append("</svg>")
    return "".join(out)


def _legend(names: list[str], width: int, y: float) -> tuple[str, float]:
    """Legend entries in rows, wrapping at the chart's width; returns markup and the y below it."""
    out = [f'<g class="legend" font-size="{FONT_SIZE}" fill="#333333">']
    x = 0.0
    for index, name in enumerate(names):
        text = shorten(name, LEGEND_CHARS)
        entry_width = 14 + text_width(text, FONT_SIZE) + 12
        if x > 0 and x + entry_width > width:
            x, y = 0.0, y + 16
        out.append(
            f'<g class="legend-item series-{index}"><title>{escape(name)}</title>'
            f'<rect x="{num(x)}" y="{num(y + 2)}" width="10" height="10" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{num(x + 14)}" y="{num(y + 11)}">{escape(text)}</text></g>'
        )
        x += entry_width
    out.append("</g>")
    return "".join(out), y + 16


def _bars(
    totals: dict[str, dict[dt.date, int]],
    starts: list[dt.date],
    bucket: str,
    left: float,
    slot: float,
    y_of: Callable[[float], float],
) -> str:
    """One ``<rect>`` per non-zero (bucket, category), stacked bottom-up in legend order.

    A slot narrower than three units gets no gap between bars; a gap there would eat the bar.
    Bars are at most ``MAX_BAR`` wide, so two months of data do not look like two walls.
    """
    bar = min(slot * 0.8, MAX_BAR) if slot >= 3 else slot
    out = ['<g class="bars" stroke="#ffffff" stroke-width="0.5">']
    for position, start in enumerate(starts):
        x = left + position * slot + (slot - bar) / 2
        base = 0
        for index, (name, counts) in enumerate(totals.items()):
            n = counts.get(start, 0)
            if not n:
                continue
            top, bottom = y_of(base + n), y_of(base)
            out.append(
                f'<rect class="bar series-{index}" x="{num(x)}" y="{num(top)}" width="{num(bar)}" '
                f'height="{num(bottom - top)}" fill="{PALETTE[index % len(PALETTE)]}">'
                f"<title>{escape(name)}, {bucket_name(start, bucket)}: {n}</title></rect>"
            )
            base += n
    out.append("</g>")
    return "".join(out)


def _x_axis(
    starts: list[dt.date], bucket: str, left: float, slot: float, baseline: float, right: float
) -> str:
    """The baseline and as many date labels as fit without touching, each under its bucket.

    Months are labelled on a calendar rhythm (every quarter, every year...) so ticks fall on
    the same months whatever the first date; days and weeks every so many buckets from the first.
    """
    label_width = max(text_width(tick_label(start, bucket), FONT_SIZE) for start in starts) + 10
    needed = max(1, math.ceil(label_width / slot))
    out = [
        f'<g class="x-axis" font-size="{FONT_SIZE}" fill="#555555" text-anchor="middle">',
        f'<line x1="{num(left)}" x2="{num(right)}" y1="{num(baseline)}" y2="{num(baseline)}" '
        f'stroke="#888888" stroke-width="1"/>',
    ]
    if bucket == "month":
        every = next((s for s in MONTH_STEPS if s >= needed), needed)
        chosen = [i for i, s in enumerate(starts) if (s.year * 12 + s.month - 1) % every == 0]
        chosen = chosen or [0]
    else:
        chosen = list(range(0, len(starts), needed))
    previous_end = -math.inf
    for position in chosen:
        text = tick_label(starts[position], bucket)
        half = text_width(text, FONT_SIZE) / 2
        # Pulled in to stay inside the chart, the first or last label may crowd its neighbour.
        x = min(max(left + (position + 0.5) * slot, half), right - half)
        if x - half < previous_end:
            continue
        previous_end = x + half + 4
        out.append(f'<text x="{num(x)}" y="{num(baseline + 14)}">{text}</text>')
    out.append("</g>")
    return "".join(out)
