"""Knowledge-base entries as plain frozen dataclasses (see docs/knowledge-base.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PERSON, ORGANIZATION, PLACE = "person", "organization", "place"
ORG_KINDS = ("alliance", "mission", "institution", "government", "court", "party", "agency",
             "armed-force", "international", "ngo", "media", "company")
PLACE_KINDS = ("country", "entity", "region", "municipality", "city", "town", "village", "site")


@dataclass(frozen=True)
class Role:
    title: str
    org: str | None = None
    start: str | None = None
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when not known."""
    end: str | None = None
    """None when held today."""

    def held_on(self, day: dt.date) -> bool:
        """True when the role was held on ``day`` (a partial date counts as its whole period)."""
        if self.start and day < _bound(self.start, first=True):
            return False
        return not (self.end and day >= _bound(self.end, first=False))


def _bound(value: str, *, first: bool) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        if first:
            return dt.date(year, month, 1)
        return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1) if first else dt.date(parts[0], 12, 31)


@dataclass(frozen=True)
class KBEntry:
    id: str
    type: str
    """``person``, ``organization`` or ``place``."""
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None
    roles: tuple[Role, ...] = ()
    demonyms: tuple[str, ...] = ()
    surname_only: bool = True
    sources: tuple[str, ...] = field(default=(), compare=False)
    origin: str = field(default="", compare=False)
    """The file the entry was read from."""

    def roles_on(self, day: dt.date) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.held_on(day))
