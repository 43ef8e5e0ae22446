"""The PLOVER event extractor: golden events from the real seed articles, and its rules.

Mentions come from the real entity extractor; time expressions are written by hand here (the
phrase, its offset in the cleaned text and its interval), so these tests check the event
extractor alone, whatever the time extractor does. Expectations are written by a reader of the
seeds, not snapshotted: each says which event the text reports and what it must carry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from functools import lru_cache
from pathlib import Path

import pytest

from watchfloor.clean.plaintext import clean_plaintext
from watchfloor.config import get_settings
from watchfloor.extract import events as ev
from watchfloor.extract.events import extract_events
from watchfloor.extract.run import entity_extractor, knowledge_base
from watchfloor.types import Event, Mention, TimeExpr

from .conftest import SEEDS, require_seeds

# --------------------------------------------------------------------------------------------
# helpers


@lru_cache(maxsize=1)
def _extractor():  # type: ignore[no-untyped-def]
    return entity_extractor(get_settings())


@lru_cache(maxsize=8)
def _seed(prefix: str) -> tuple[str, tuple[Mention, ...]]:
    require_seeds()
    path = next(Path(SEEDS).glob(f"{prefix}_*.txt"))
    text = clean_plaintext(path.read_text(encoding="utf-8"), source=path.name).text
    return text, tuple(_extractor()(text, "en"))


def _time(text: str, phrase: str, value: str, earliest: dt.date | None,
          latest: dt.date | None, *, kind: str = "date", precision: str | None = "month",
          nth: int = 0) -> TimeExpr:
    """A hand-made time expression for ``phrase`` (its ``nth`` occurrence) in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return TimeExpr(start, start + len(phrase), phrase, kind, value, precision, earliest, latest,
                    "explicit" if earliest else "unknown")


def _month(text: str, phrase: str, year: int, month: int) -> TimeExpr:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return _time(text, phrase, f"{year}-{month:02d}", dt.date(year, month, 1), last)


def _events(prefix: str, times: list[TimeExpr], anchor: dt.date | None = None) -> list[Event]:
    text, mentions = _seed(prefix)
    kb = knowledge_base(get_settings())
    return extract_events(text, list(mentions), times, anchor, kb=kb)


def _one(events: list[Event], type_: str, trigger: str, **expected: object) -> Event:
    """The single event of ``type_`` whose trigger is ``trigger``, with ``expected`` fields."""
    found = [e for e in events if e.type == type_ and e.trigger.lower() == trigger.lower()]
    if "near" in expected:  # a phrase at most 30 characters before or 60 after the trigger
        near = str(expected.pop("near"))
        found = [e for e in found if near in e.text[max(0, e.trigger_start - e.start - 30):
                                                     e.trigger_end - e.start + 60]]
    assert len(found) == 1, [(e.type, e.trigger, e.text[:60]) for e in events]
    event = found[0]
    for name, value in expected.items():
        assert getattr(event, name) == value, (name, getattr(event, name), event)
    return event


def _sources(e: Event) -> set[str]:
    return {a for r, a in e.actors if r == "source"}


def _targets(e: Event) -> set[str]:
    return {a for r, a in e.actors if r == "target"}


def _mentions(text: str, names: dict[str, tuple[str, str]]) -> list[Mention]:
    """Knowledge-base mentions of every occurrence of each name: ``{name: (type, kb_id)}``."""
    out = []
    for name, (type_, kb_id) in names.items():
        start = text.find(name)
        while start >= 0:
            out.append(Mention(start, start + len(name), name, type_, "kb", kb_id=kb_id))
            start = text.find(name, start + 1)
    return sorted(out, key=lambda m: m.start)


NAMES = {"Rutte": ("person", "mark-rutte"), "Vučić": ("person", "aleksandar-vucic"),
         "Kurti": ("person", "albin-kurti"), "NATO": ("organization", "nato"),
         "KFOR": ("organization", "kfor"), "Serbia": ("place", "serbia"),
         "Kosovo": ("place", "kosovo"), "Sarajevo": ("place", "sarajevo"),
         "Zvečan": ("place", "zvecan"), "Belgrade": ("place", "belgrade")}


def _simple(text: str) -> list[Event]:
    return extract_events(text, _mentions(text, NAMES), [], None)


# --------------------------------------------------------------------------------------------
# the vocabulary


def test_module_identity_and_plover_vocabulary() -> None:
    assert (ev.NAME, ev.VERSION) == ("events", "1")
    assert ev.EXTRACTOR == "events/1"
    for rule in ev._RULES:
        assert rule.type in ev.TYPES
        allowed = ev.MODES.get(rule.type, frozenset()) | ev.EXTENSION_MODES.get(rule.type,
                                                                                frozenset())
        assert rule.mode is None or rule.mode in allowed, (rule.type, rule.mode)
        assert rule.context is None or rule.context in ev.CONTEXTS
    assert {name for name, _ in ev._CONTEXT_CUES} <= ev.CONTEXTS
    assert {name for name, _ in ev._ASSAULT_MODE_CUES} <= ev.MODES["ASSAULT"]
    assert {name for name, _ in ev._THREAT_MODE_CUES} <= ev.MODES["THREATEN"]


# --------------------------------------------------------------------------------------------
# seed 004: the analytical brief on Rutte's visit


@pytest.fixture(scope="module")
def seed_004() -> tuple[str, list[Event]]:
    text, _ = _seed("004")
    times = [
        _time(text, "10 and 11 March 2025", "2025-03-10/2025-03-11", dt.date(2025, 3, 10),
              dt.date(2025, 3, 11), kind="range", precision="day"),
        _month(text, "May 2023", 2023, 5),
        _month(text, "September 2023", 2023, 9),
        _month(text, "November 2024", 2024, 11),
        _time(text, "2025", "2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), precision="year",
              nth=1),  # "Kosovo’s 2025 parliamentary election"
    ]
    return text, _events("004", times, dt.date(2025, 4, 2))


def test_seed_004_rutte_visit(seed_004) -> None:  # type: ignore[no-untyped-def]
    text, events = seed_004
    visit = _one(events, "CONSULT", "visit", near="10 and 11 March", mode="visit",
                 modality="happened", place="bosnia-and-herzegovina")
    assert _sources(visit) == {"mark-rutte"}
    assert _targets(visit) == {"bosnia-and-herzegovina", "kosovo"}
    assert visit.time is not None and visit.time.text == "10 and 11 March 2025"
    # evidence: the sentence, and the trigger inside it
    assert visit.text == text[visit.start:visit.end]
    assert visit.text.startswith("NATO Secretary General Mark Rutte’s visit")
    assert text[visit.trigger_start:visit.trigger_end] == "visit"
    assert visit.start <= visit.trigger_start < visit.trigger_end <= visit.end
    # "Rutte's visit to Sarajevo and Pristina": the same visit named with its cities
    sarajevo = _one(events, "CONSULT", "visit", near="Sarajevo and Pristina", place="sarajevo")
    assert _sources(sarajevo) == {"mark-rutte"}
    # later "Rutte's visit ...", "This visit ...", "The visit ..." are back-references
    assert len([e for e in events if e.type == "CONSULT" and e.mode == "visit"]) == 2


def test_seed_004_court_sentence_ban_and_laws(seed_004) -> None:  # type: ignore[no-untyped-def]
    _, events = seed_004
    sentence = _one(events, "SANCTION", "sentenced", mode="convict", context="legal",
                    modality="happened")
    assert _sources(sentence) == {"court-of-bih"}
    assert _targets(sentence) == {"milorad-dodik"}
    ban = _one(events, "COERCE", "banned", mode="ban", context="legal")
    assert _sources(ban) == {"court-of-bih"}
    assert _targets(ban) == {"milorad-dodik"}  # "banned him": the pronoun is Dodik
    cancelled = _one(events, "SANCTION", "cancelled", context="legal")
    assert _sources(cancelled) == {"christian-schmidt"}
    for trigger in ("enacted", "signed", "adopted"):
        law = _one(events, "OTHER", trigger, mode="legislation", context="legislative")
        assert _sources(law) == {"milorad-dodik"}, trigger
    # "laws to ban BiH state security ...": the purpose of the laws, no event of its own
    assert not [e for e in events if e.trigger == "ban"]


def test_seed_004_violence_in_kosovo(seed_004) -> None:  # type: ignore[no-untyped-def]
    _, events = seed_004
    protests = _one(events, "PROTEST", "protests", mode="riot", modality="happened")
    clashes = _one(events, "ASSAULT", "clashes", modality="happened")
    assert _targets(clashes) == {"kfor"}
    for e in (protests, clashes):
        assert e.time is not None and e.time.text == "May 2023"
        assert e.place is None  # the sentence names no place ("three northern municipalities")
    banjska = _one(events, "ASSAULT", "attack", near="Banjska", place="banjska",
                   context="terrorism")
    assert banjska.time is not None and banjska.time.value == "2023-09"
    canal = _one(events, "ASSAULT", "attack", near="Iber Lepenc", place="ibar-lepenac-canal")
    assert canal.time is not None and canal.time.value == "2024-11"
    assert not _sources(banjska) and not _sources(canal)  # the text names no perpetrator


def test_seed_004_accusations(seed_004) -> None:  # type: ignore[no-untyped-def]
    _, events = seed_004
    kurti = _one(events, "ACCUSE", "accused", mode="allege", context="election")
    assert _sources(kurti) == {"albin-kurti"}
    assert _targets(kurti) == {"serbia"}
    kosovo = _one(events, "ACCUSE", "accusing", mode="allege")
    assert _sources(kosovo) == {"kosovo"}
    assert _targets(kosovo) == {"serbia"}
    assert kosovo.time is None  # the attacks' dates are theirs, not the accusation's


def test_seed_004_not_events(seed_004) -> None:  # type: ignore[no-untyped-def]
    text, events = seed_004
    sentences = {e.text for e in events}
    for state in ("NATO maintains a presence", "The Western Balkans (WB) will likely remain",
                  "Russia will likely continue to exploit", "The ongoing crisis in BiH"):
        assert not any(s.startswith(state) for s in sentences), state
    for heading in ("Summary", "Context", "Implications", "Forecast"):
        assert heading not in {e.text for e in events}
    # "The increased EUFOR Althea troop presence will enhance ...": an adjective
    assert not any(e.text.startswith("The increased EUFOR") for e in events)
    for e in events:
        assert e.type in ev.TYPES and e.modality in ("happened", "planned", "expected",
                                                     "denied", "hypothetical")
        assert text[e.start:e.end] == e.text


# --------------------------------------------------------------------------------------------
# seed 002: the N1 report of a NATO official's briefing (undated)


@pytest.fixture(scope="module")
def seed_002() -> list[Event]:
    text, _ = _seed("002")
    times = [
        _time(text, "2023", "2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), precision="year"),
        _time(text, "February 12", "XXXX-02-12", None, None, precision="day"),
        _month(text, "May 2023", 2023, 5),
        _month(text, "September of the same year", 2023, 9),
    ]
    return _events("002", times)


def test_seed_002_planned_ministers_meeting(seed_002) -> None:  # type: ignore[no-untyped-def]
    meeting = _one(seed_002, "CONSULT", "meeting", mode="multilateral", modality="planned")
    assert _sources(meeting) == {"nato"}
    assert meeting.time is not None and meeting.time.text == "February 12"
    assert meeting.time.earliest is None  # undated article: the year stays unknown


def test_seed_002_troop_increase_and_reduction(seed_002) -> None:  # type: ignore[no-untyped-def]
    increase = _one(seed_002, "MOBILIZE", "increased", mode="troops", context="military",
                    modality="happened")
    assert _sources(increase) == {"nato"}
    assert not _targets(increase)  # KFOR's presence is NATO's own force, not a recipient
    _one(seed_002, "RETREAT", "reduced", mode="withdraw", modality="happened")


def test_seed_002_attacks_of_2023(seed_002) -> None:  # type: ignore[no-untyped-def]
    attacks = _one(seed_002, "ASSAULT", "attacks", place="kosovo")
    assert attacks.time is not None and attacks.time.text == "2023"
    zvecan = _one(seed_002, "ASSAULT", "attack", near="Zvečan", place="zvecan")
    assert _targets(zvecan) == {"kfor"}
    assert zvecan.time is not None and zvecan.time.text == "May 2023"
    banjska = _one(seed_002, "ASSAULT", "attack", near="Banjska", place="banjska")
    assert banjska.time is not None and banjska.time.value == "2023-09"
    # "the Alliance continues to demand full accountability": a standing position
    assert not [e for e in seed_002 if e.type == "REQUEST"]


# --------------------------------------------------------------------------------------------
# seeds 000, 001, 003


def test_seed_000_visit_meeting_arms() -> None:
    events = _events("000", [])
    visit = _one(events, "CONSULT", "visit", mode="visit", place="sarajevo")
    assert _sources(visit) == {"mark-rutte"}
    met = _one(events, "CONSULT", "met", modality="happened")
    assert _sources(met) == {"boris-ruge"}
    assert _targets(met) == {"aleksandar-vucic"}
    urging = _one(events, "REQUEST", "urging")
    assert _sources(urging) == {"boris-ruge"}  # the participle shares the subject
    jets = _one(events, "COOPERATE", "acquired", mode="arms-purchase", context="military")
    assert _sources(jets) == {"croatia"}
    drones = _one(events, "COOPERATE", "purchasing", mode="arms-purchase")
    assert _sources(drones) == {"serbia"}
    plans = _one(events, "AGREE", "announced plans", context="military")
    assert _sources(plans) == {"albania"} and _targets(plans) == {"nato"}
    # "During his visit, he emphasized ...": the pronoun is not resolved, no new event
    assert len([e for e in events if e.type == "CONSULT" and e.mode == "visit"]) == 2


def test_seed_001_no_event_from_an_unlikely_war() -> None:
    text, _ = _seed("001")
    events = _events("001", [
        _time(text, "August 2024", "2024-08", dt.date(2024, 8, 1), dt.date(2024, 8, 31)),
        _time(text, "March 2025", "2025-03", dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    ])
    assert "a full-scale war is unlikely" in text
    assert not [e for e in events if "full-scale war" in e.text]
    signed = [e for e in events if e.type == "SUPPORT" and e.trigger == "signed"]
    assert len(signed) == 2
    for e in signed:
        assert _sources(e) == {"albania", "croatia", "kosovo"}
        assert e.context == "military"
    met = _one(events, "CONSULT", "Met")  # "Boris Ruge (August 2024): Met with leaders in ..."
    assert _sources(met) == {"boris-ruge"}
    assert met.place == "bosnia-and-herzegovina"
    assert met.time is not None and met.time.text == "August 2024"
    visited = _one(events, "CONSULT", "Visited", mode="visit")
    assert _sources(visited) == {"mark-rutte"}
    assert _targets(visited) == {"sarajevo", "pristina"}


def test_seed_003_visit_and_modal_statements() -> None:
    events = _events("003", [])
    visit = _one(events, "CONSULT", "visit", place="kosovo")
    assert _sources(visit) == {"jens-stoltenberg"}  # "according to Stoltenberg during a visit"
    # "Russian forces could reposition or withdraw": hypothetical, nobody named → no event;
    # "The alliance continues to consult ...": a habit, not an event
    assert not [e for e in events if e.type in ("RETREAT", "MOBILIZE")]
    assert not [e for e in events if e.trigger == "consult"]


# --------------------------------------------------------------------------------------------
# rules, on short texts with hand-made mentions


@pytest.mark.parametrize(("text", "modality"), [
    ("Rutte will visit Sarajevo on Monday.", "planned"),
    ("Rutte plans to visit Sarajevo.", "planned"),
    ("Rutte is scheduled to visit Sarajevo.", "planned"),
    ("Rutte is expected to visit Sarajevo.", "expected"),
    ("Rutte will likely visit Sarajevo.", "expected"),
    ("Rutte did not visit Sarajevo.", "denied"),
    ("Rutte never visited Sarajevo.", "denied"),
    ("Rutte could visit Sarajevo.", "hypothetical"),
    ("If Rutte visits Sarajevo, Belgrade will protest.", "hypothetical"),
    ("Rutte visited Sarajevo.", "happened"),
    ("Rutte has visited Sarajevo.", "happened"),
])
def test_modality(text: str, modality: str) -> None:
    events = [e for e in _simple(text) if e.type == "CONSULT"]
    assert len(events) == 1, events
    assert events[0].modality == modality
    assert _sources(events[0]) == {"mark-rutte"}


def test_denied_and_hypothetical_need_an_actor() -> None:
    assert [e.modality for e in _simple("Serbia denied that its forces attacked KFOR.")
            if e.type == "ASSAULT"] == ["denied"]
    assert _simple("A full-scale war is unlikely.") == []
    assert _simple("Clashes could erupt if tensions rise.") == []


def test_nouns_need_an_anchor() -> None:
    assert _simple("The visit was a success.") == []
    assert _simple("This attack shocked the region.") == []
    [attack] = _simple("The attack in Zvečan shocked the region.")
    assert attack.place == "zvecan"


def test_quoted_speech_and_states_are_not_events() -> None:
    assert _simple("“We will attack Serbia,” he said.") == []
    assert _simple("NATO maintains a presence in Kosovo.") == []
    assert _simple("NATO continues to consult with Serbia.") == []
    assert _simple("Serbia sought to strengthen its ties with NATO.") == []


def test_actors_subject_object_and_passive() -> None:
    [accused] = _simple("Kurti accused Serbia of interfering in the election.")
    assert accused.actors == (("source", "albin-kurti"), ("target", "serbia"))
    assert accused.context == "election"
    [attack] = [e for e in _simple("KFOR was attacked by protesters in Zvečan.")
                if e.type == "ASSAULT"]
    assert attack.actors == (("target", "kfor"),) and attack.place == "zvecan"
    [met] = _simple("In Sarajevo, Rutte met Vučić and Kurti.")
    assert met.actors == (("source", "mark-rutte"), ("target", "aleksandar-vucic"),
                          ("target", "albin-kurti"))
    assert met.place == "sarajevo"
    [talks] = _simple("Talks between Vučić and Kurti ended without agreement.")
    assert _sources(talks) == {"aleksandar-vucic", "albin-kurti"} and not _targets(talks)


def test_modes_follow_plover() -> None:
    [fire] = _simple("Gunmen opened fire on KFOR troops near Zvečan.")
    assert (fire.type, fire.mode) == ("ASSAULT", "firearms")
    [blast] = _simple("An explosion damaged a bridge in Zvečan.")
    assert (blast.type, blast.mode, blast.place) == ("ASSAULT", "explosives", "zvecan")
    [threat] = _simple("Belgrade threatened to cut ties with Kosovo.")
    assert (threat.type, threat.mode) == ("THREATEN", "relations")
    [deploy] = _simple("NATO deployed 700 troops to Kosovo.")
    assert (deploy.type, deploy.mode, deploy.context) == ("MOBILIZE", "troops", "military")
    [summit] = _simple("Vučić attended the NATO summit.")
    assert (summit.type, summit.mode) == ("CONSULT", "multilateral")


def test_time_belongs_to_its_clause() -> None:
    text = "Rutte visited Sarajevo on 10 March, a day after KFOR was attacked in Zvečan."
    times = [_time(text, "10 March", "2025-03-10", dt.date(2025, 3, 10), dt.date(2025, 3, 10),
                   precision="day")]
    events = extract_events(text, _mentions(text, NAMES), times, dt.date(2025, 3, 12))
    visit = _one(events, "CONSULT", "visited")
    attack = _one(events, "ASSAULT", "attacked")
    assert visit.time is not None and visit.time.text == "10 March"
    assert attack.time is None  # "a day after": not the same day
    assert attack.place == "zvecan"


def test_event_noun_dated_after_the_article_is_planned() -> None:
    text = "The NATO summit on 24 June will discuss Kosovo."
    times = [_time(text, "24 June", "2025-06-24", dt.date(2025, 6, 24), dt.date(2025, 6, 24),
                   precision="day")]
    [summit] = extract_events(text, _mentions(text, NAMES), times, dt.date(2025, 6, 1))
    assert (summit.type, summit.mode, summit.modality) == ("CONSULT", "multilateral", "planned")


def test_pure_and_deterministic() -> None:
    text, mentions = _seed("004")
    before = list(mentions)
    first = extract_events(text, list(mentions), [], None)
    second = extract_events(text, list(mentions), [], None)
    assert first == second
    assert list(mentions) == before


# --------------------------------------------------------------------------------------------
# speed: linear, no runaway patterns


def test_one_megabyte_on_one_line_is_fast() -> None:
    text, mentions = _seed("004")
    line = text.replace("\n", " ")
    copies = 1_000_000 // (len(line) + 1) + 1
    big = " ".join([line] * copies)
    shifted = []
    for k in range(copies):
        offset = k * (len(line) + 1)
        shifted += [dataclasses.replace(
            m, start=m.start + offset, end=m.end + offset,
            role_start=None if m.role_start is None else m.role_start + offset,
            role_end=None if m.role_end is None else m.role_end + offset) for m in mentions]
    started = time.perf_counter()
    events = extract_events(big, shifted, [], None)
    assert time.perf_counter() - started < 15
    assert len(events) >= copies * 10


@pytest.mark.parametrize("hostile", [
    "a" * 1_000_000,
    "“" * 500_000 + '"' * 500_000,
    "x" * 500_000 + "ing, " + "y" * 500_000 + "ed",
    "-".join(["attack"] * 150_000),
    ", " * 500_000,
    "attack, " * 12_500,
    "the attack in " * 7_000,
])
def test_hostile_input_is_fast(hostile: str) -> None:
    started = time.perf_counter()
    events = extract_events(hostile, [], [], None)
    assert time.perf_counter() - started < 10
    for e in events:
        assert e.end - e.start <= 2 * ev._CLAUSE_REACH + 100  # a long line cites its clause
