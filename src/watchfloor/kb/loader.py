"""Reading and checking knowledge-base files; the :class:`KnowledgeBase` index over them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..store.fold import fold
from .model import ORG_KINDS, ORGANIZATION, PERSON, PLACE, PLACE_KINDS, KBEntry, Role

SHIPPED = Path(__file__).with_name("data")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SECTIONS = {"person": PERSON, "organization": ORGANIZATION, "place": PLACE}
_FIELDS = {
    PERSON: {"id", "name", "aliases", "country", "sources", "note", "roles", "surname_only"},
    ORGANIZATION: {"id", "name", "aliases", "country", "sources", "note", "kind", "parent"},
    PLACE: {"id", "name", "aliases", "country", "sources", "note", "kind", "parent", "lat", "lon",
            "demonyms"},
}


def _problem(origin: str, entry: dict[str, Any], message: str) -> ConfigError:
    label = entry.get("id") or entry.get("name") or "?"
    return ConfigError(f"knowledge base {origin}: entry {label!r}: {message}")


def _strings(origin: str, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _problem(origin, entry, f"'{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _date(origin: str, entry: dict[str, Any], value: Any, what: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise _problem(origin, entry, f"{what} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        dt.date(*(int(p) for p in (value + "-01-01")[:10].split("-")))
    except ValueError as exc:
        raise _problem(origin, entry, f"{what} {value!r} is not a real date") from exc
    return value


def parse_entry(section: str, entry: dict[str, Any], origin: str) -> KBEntry:
    kind_of_entry = _SECTIONS[section]
    unknown = set(entry) - _FIELDS[kind_of_entry]
    if unknown:
        raise _problem(origin, entry, f"unknown field(s) {', '.join(sorted(unknown))}")
    entry_id = entry.get("id")
    if not isinstance(entry_id, str) or not _ID.match(entry_id):
        raise _problem(origin, entry, "'id' must be a lower-case slug like 'mark-rutte'")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _problem(origin, entry, "'name' is required")
    sources = _strings(origin, entry, "sources")
    if not sources:
        raise _problem(origin, entry, "'sources' must name where the facts were checked")
    country = entry.get("country")
    if country is not None and (not isinstance(country, str) or not _COUNTRY.match(country)):
        raise _problem(origin, entry, f"'country' {country!r} is not an ISO 3166 alpha-2 code")
    kind = entry.get("kind")
    if kind_of_entry == ORGANIZATION and kind not in ORG_KINDS:
        raise _problem(origin, entry, f"'kind' must be one of {', '.join(ORG_KINDS)}")
    if kind_of_entry == PLACE and kind not in PLACE_KINDS:
        raise _problem(origin, entry, f"'kind' must be one of {', '.join(PLACE_KINDS)}")
    lat, lon = entry.get("lat"), entry.get("lon")
    if kind_of_entry == PLACE:
        if (lat is None) != (lon is None):
            raise _problem(origin, entry, "'lat' and 'lon' go together")
        if lat is None and kind != "region":
            raise _problem(origin, entry, "'lat' and 'lon' are required for this kind of place")
        if lat is not None and not (
            isinstance(lat, int | float) and isinstance(lon, int | float)
            and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            raise _problem(origin, entry, "'lat'/'lon' must be decimal degrees")
    roles: list[Role] = []
    for raw in entry.get("roles", []):
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            raise _problem(origin, entry, "each role needs a 'title'")
        extra = set(raw) - {"title", "org", "start", "end", "note"}
        if extra:
            raise _problem(origin, entry, f"role field(s) {', '.join(sorted(extra))} unknown")
        role = Role(
            title=raw["title"].strip(),
            org=raw.get("org") or None,
            start=_date(origin, entry, raw.get("start"), "role start"),
            end=_date(origin, entry, raw.get("end"), "role end"),
        )
        if role.start and role.end and role.end < role.start:
            raise _problem(origin, entry, f"role {role.title!r} ends before it starts")
        roles.append(role)
    surname_only = entry.get("surname_only", True)
    if not isinstance(surname_only, bool):
        raise _problem(origin, entry, "'surname_only' must be true or false")
    return KBEntry(
        id=entry_id,
        type=kind_of_entry,
        name=name.strip(),
        aliases=_strings(origin, entry, "aliases"),
        kind=kind,
        country=country,
        parent=entry.get("parent"),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        roles=tuple(roles),
        demonyms=_strings(origin, entry, "demonyms") if kind_of_entry == PLACE else (),
        surname_only=surname_only,
        sources=sources,
        origin=origin,
    )


def read_file(path: Path) -> list[KBEntry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"knowledge base {path}: cannot read ({exc})") from exc
    unknown = set(data) - set(_SECTIONS) - {"meta"}
    if unknown:
        raise ConfigError(f"knowledge base {path}: unknown section(s) {', '.join(sorted(unknown))}")
    entries = []
    for section in _SECTIONS:
        for entry in data.get(section, []):
            entries.append(parse_entry(section, entry, path.name))
    return entries


class KnowledgeBase:
    """All entries, by id and by folded name or alias."""

    def __init__(self, entries: Iterable[KBEntry]) -> None:
        self.entries: dict[str, KBEntry] = {}
        for entry in entries:
            self.entries[entry.id] = entry  # later files (the user's) replace earlier ones
        digest = hashlib.sha256(repr(sorted(self.entries.items())).encode("utf-8"))
        self.fingerprint = digest.hexdigest()[:10]
        """Changes whenever an entry does: extraction reruns when the knowledge base changes."""
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.by_demonym: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries.values():
            for name in self.names(entry):
                self.by_name[fold(name)].add(entry.id)
            for demonym in entry.demonyms:
                self.by_demonym[fold(demonym)].add(entry.id)

    @staticmethod
    def names(entry: KBEntry) -> tuple[str, ...]:
        return (entry.name, *entry.aliases)

    def get(self, entry_id: str) -> KBEntry | None:
        return self.entries.get(entry_id)

    def lookup(self, name: str) -> list[KBEntry]:
        return [self.entries[i] for i in sorted(self.by_name.get(fold(name), ()))]

    def holders(self, title: str, day: dt.date) -> list[tuple[KBEntry, Role]]:
        """Who held a role with this title on ``day`` (title compared case- and accent-blind)."""
        wanted = fold(title)
        return [
            (entry, role)
            for entry in self.entries.values()
            for role in entry.roles
            if fold(role.title) == wanted and role.held_on(day)
        ]

    def check_references(self) -> list[str]:
        """Dangling ``parent`` / role ``org`` references (reported by the KB test)."""
        problems = []
        for entry in self.entries.values():
            if entry.parent and entry.parent not in self.entries:
                problems.append(f"{entry.origin}: {entry.id}: parent {entry.parent!r} unknown")
            for role in entry.roles:
                if role.org and role.org not in self.entries:
                    problems.append(f"{entry.origin}: {entry.id}: role org {role.org!r} unknown")
        return problems


def load(paths: Iterable[Path] = ()) -> KnowledgeBase:
    files = sorted(SHIPPED.glob("*.toml"))
    for folder in paths:
        if not folder.exists():
            raise ConfigError(f"knowledge base folder {folder} does not exist")
        files.extend(sorted(folder.glob("*.toml")) if folder.is_dir() else [folder])
    entries: list[KBEntry] = []
    seen: dict[str, str] = {}
    for path in files:
        for entry in read_file(path):
            if entry.id in seen and path.parent == SHIPPED:
                raise ConfigError(
                    f"knowledge base {path.name}: id {entry.id!r} already used in {seen[entry.id]}"
                )
            seen[entry.id] = path.name
            entries.append(entry)
    return KnowledgeBase(entries)


@lru_cache(maxsize=4)
def load_cached(paths: tuple[str, ...] = ()) -> KnowledgeBase:
    return load(Path(p) for p in paths)
