"""The shipped knowledge base: well formed, consistent, and right on the facts design.md pins."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.kb.loader import load
from watchfloor.store.fold import fold


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load()


def test_loads_with_no_dangling_references(kb) -> None:  # type: ignore[no-untyped-def]
    assert len(kb.entries) > 200
    assert kb.check_references() == []


def test_every_entry_names_its_sources(kb) -> None:  # type: ignore[no-untyped-def]
    assert all(entry.sources for entry in kb.entries.values())


def test_places_have_coordinates_in_their_region(kb) -> None:  # type: ignore[no-untyped-def]
    balkans = {"XK", "RS", "BA", "ME", "MK", "AL", "HR"}
    for entry in kb.entries.values():
        if entry.type != "place" or entry.kind == "region":
            continue
        assert entry.lat is not None, entry.id
        if entry.country in balkans and entry.kind != "country":
            assert 39.5 < entry.lat < 46.6 and 13.0 < entry.lon < 23.1, entry.id


def test_an_alias_names_one_entry_of_a_type(kb) -> None:  # type: ignore[no-untyped-def]
    clashes = []
    for key, ids in kb.by_name.items():
        types = [kb.entries[i].type for i in ids]
        if len(types) != len(set(types)):
            clashes.append((key, sorted(ids)))
    assert clashes == []


@pytest.mark.parametrize(
    ("day", "holder"),
    [
        (dt.date(2024, 9, 30), "jens-stoltenberg"),
        (dt.date(2024, 10, 1), "mark-rutte"),
        (dt.date(2015, 6, 1), "jens-stoltenberg"),
    ],
)
def test_nato_secretary_general_on_a_date(kb, day: dt.date, holder: str) -> None:  # type: ignore[no-untyped-def]
    assert [e.id for e, _ in kb.holders("NATO Secretary General", day)] == [holder]


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("Vučić", None), ("Aleksandar Vucic", "aleksandar-vucic"),
        ("Александар Вучић", "aleksandar-vucic"), ("Alexander Vucic", "aleksandar-vucic"),
        ("KFOR", "kfor"), ("Office of the High Representative", "ohr"), ("OHR", "ohr"),
        ("Prishtinë", "pristina"), ("Priština", "pristina"), ("Kosovo", "kosovo"),
        ("Republika Srpska", "republika-srpska"), ("EUFOR Althea", "eufor-althea"),
        ("Zvečan", "zvecan"), ("Banjska", "banjska"), ("Camp Bondsteel", "camp-bondsteel"),
        ("Porto Romano", "porto-romano"),
    ],
)
def test_aliases_resolve(kb, name: str, entry_id: str | None) -> None:  # type: ignore[no-untyped-def]
    found = [e.id for e in kb.lookup(name)]
    if entry_id is None:
        assert found == []  # a bare surname is not an alias; the resolver handles surnames
    else:
        assert entry_id in found, (name, found)


def test_kosovo_is_xk(kb) -> None:  # type: ignore[no-untyped-def]
    assert kb.get("kosovo").country == "XK"
    assert fold("Kosovë") in {fold(a) for a in kb.get("kosovo").aliases}
