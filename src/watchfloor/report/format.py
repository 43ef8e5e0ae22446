"""How facts are written for a reader, shared by the CLI, briefs and the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

_ONE_DAY = dt.timedelta(days=1)


def shorten(text: str | None, width: int) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def entity_ids(store: Store, name: str) -> list[str]:
    """Entities a user means by a name: an id, any spelling seen in the texts, or a KB alias."""
    from ..config import get_settings
    from ..extract.run import knowledge_base

    ids = store.entity_ids_for_name(name)
    if not ids:
        ids = [e.id for e in knowledge_base(get_settings()).lookup(name)]
    return ids


def when(earliest, latest, precision: str | None, text: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """A date interval as a reader writes it: "March 2025", "10–11 March 2025", "2023"."""
    if earliest is None or latest is None:
        if earliest is None and latest is None:
            return f"undated ({text})" if text else "undated"
        return f"{earliest or '…'} – {latest or '…'}"
    if precision == "year" or (earliest.month, earliest.day, latest.month, latest.day) == (
            1, 1, 12, 31) and earliest.year == latest.year:
        return str(earliest.year)
    if precision == "decade":
        return f"{earliest.year}s"
    if earliest == latest:
        return f"{earliest.day} {earliest:%B %Y}"
    if precision == "month" or (earliest.day == 1 and (latest + _ONE_DAY).day == 1
                                and (earliest.year, earliest.month) == (latest.year, latest.month)):
        return f"{earliest:%B %Y}"
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest.day}–{latest.day} {latest:%B %Y}"
    if earliest.year == latest.year:
        return f"{earliest.day} {earliest:%B} – {latest.day} {latest:%B %Y}"
    return f"{earliest.isoformat()} – {latest.isoformat()}"


def figure(claim) -> str:  # type: ignore[no-untyped-def]
    """A claim's value as written for a reader: "more than 4,600 people", "+1,000 people"."""
    value = f"{claim.value:,.0f}" if float(claim.value).is_integer() else f"{claim.value:,}"
    if claim.value_max is not None:
        value += f"–{claim.value_max:,.0f}"
    qualifier = "" if claim.qualifier == "exact" else claim.qualifier + " "
    sign = "+" if claim.change else ""
    unit = claim.unit or ""
    if claim.value == 1 and claim.value_max is None:
        # "1 person", "1 year": not "1 people", "1 years".
        unit = "person" if unit == "people" else unit[:-1] if unit.endswith("s") else unit
    return f"{qualifier}{sign}{value}" + (f" {unit}" if unit else "")
