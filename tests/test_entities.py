"""Entity extraction and resolution on a fictional knowledge base (tests/data/kb)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watchfloor.errors import ConfigError
from watchfloor.extract.entities import EntityExtractor
from watchfloor.extract.sentences import split_sentences
from watchfloor.kb.loader import KnowledgeBase, read_file
from watchfloor.kb.model import Role
from watchfloor.resolve.entities import entity_id, entity_record

KB_FILE = Path(__file__).parent / "data" / "kb" / "fictional.toml"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(read_file(KB_FILE))


@pytest.fixture(scope="module")
def extract(kb: KnowledgeBase) -> EntityExtractor:
    return EntityExtractor(kb)


def _by_text(mentions):  # type: ignore[no-untyped-def]
    return {(m.text, m.start): m for m in mentions}


TEXT = (
    "Testlandic President Ana Testić met TAFO Secretary General Piet Rossel in Nova Testa on "
    "Monday. Testić said the Testland Force Mission (TFM) would stay. Rossel’s visit was "
    "welcomed. Later, Rosel’s aides met spokesperson John Smithers. Smithers said Нова Теста "
    "was calm."
)


def test_knowledge_base_names_win_and_are_typed(extract: EntityExtractor) -> None:
    mentions = extract(TEXT)
    found = {m.text: (m.type, m.method, m.kb_id) for m in mentions}
    assert found["Ana Testić"] == ("person", "kb", "ana-testic")
    assert found["TAFO"] == ("organization", "kb", "tafo")
    assert found["Testland Force Mission"] == ("organization", "kb", "tfm")
    assert found["TFM"] == ("organization", "kb", "tfm")
    assert found["Nova Testa"] == ("place", "kb", "nova-testa")
    assert found["Нова Теста"] == ("place", "kb", "nova-testa")


def test_surname_typo_and_unknown_people(extract: EntityExtractor) -> None:
    found = {m.text: m for m in extract(TEXT)}
    assert (found["Testić"].method, found["Testić"].kb_id) == ("kb-surname", "ana-testic")
    assert (found["Rossel"].method, found["Rossel"].kb_id) == ("kb-surname", "piet-rossel")
    assert (found["Rosel"].method, found["Rosel"].kb_id) == ("kb-typo", "piet-rossel")
    assert found["John Smithers"].kb_id is None and found["John Smithers"].type == "person"
    assert (found["Smithers"].method, found["Smithers"].key) == ("ner-surname", "John Smithers")
    assert entity_id(found["Smithers"]) == entity_id(found["John Smithers"]) == \
        "person:john-smithers"


def test_titles_attached_to_people(extract: EntityExtractor) -> None:
    found = {m.text: m for m in extract(TEXT)}
    assert found["Ana Testić"].role == "Testlandic President"
    assert found["Piet Rossel"].role == "TAFO Secretary General"
    assert found["John Smithers"].role == "spokesperson"
    role = found["Piet Rossel"]
    assert TEXT[role.role_start:role.role_end] == "TAFO Secretary General"


def test_apposition_title(extract: EntityExtractor) -> None:
    text = "“It is theatre,” said Mila Novak, a senior analyst at the Test Institute, on Friday."
    [person] = [m for m in extract(text) if m.type == "person"]
    assert person.role == "a senior analyst at the Test Institute"


def test_shared_surname_is_never_merged(extract: EntityExtractor) -> None:
    text = ("Ana Testić and Marko Testić arrived in Nova Testa. Later, Testić spoke to the "
            "press about the talks.")
    found = [m for m in extract(text) if m.text == "Testić"]
    assert [(m.method, m.kb_id) for m in found] == [("ambiguous", None)]


def test_a_different_first_name_is_a_different_person(extract: EntityExtractor) -> None:
    text = "Jelena Rossel, a teacher from Nova Testa, said the school had reopened."
    found = {m.text: m for m in extract(text)}
    assert "Rossel" not in found
    assert found["Jelena Rossel"].kb_id is None


def test_lowercase_and_wrong_case_acronyms_do_not_match(extract: EntityExtractor) -> None:
    text = "The tafo of the river and the Tafo bridge were closed in Nova Testa."
    assert [m.text for m in extract(text) if m.kb_id == "tafo"] == []


def test_spans_point_into_the_text_and_sentences(extract: EntityExtractor) -> None:
    for m in extract(TEXT):
        assert TEXT[m.start:m.end] == m.text
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
        assert TEXT[m.sentence_start:m.sentence_end].strip() == \
            TEXT[m.sentence_start:m.sentence_end]


def test_no_names_no_mentions(extract: EntityExtractor) -> None:
    assert extract("") == []
    assert extract("the talks went on and nothing was agreed.") == []


def test_non_english_text_uses_only_the_knowledge_base(extract: EntityExtractor) -> None:
    text = "Ана Тестић је у Новој Тести разговарала са Петром Петровићем."
    found = extract(text, language="sr")
    assert [m.kb_id for m in found] == ["ana-testic"]


def test_entity_records_for_places(kb: KnowledgeBase, extract: EntityExtractor) -> None:
    [place] = [m for m in extract("Talks were held in Nova Testa.") if m.type == "place"]
    record = entity_record(place, kb)
    assert (record.lat, record.lon, record.country, record.geo_basis) == (43.5, 20.5, "RS", "kb")


def test_unknown_place_goes_to_the_gazetteer_or_stays_unresolved(kb: KnowledgeBase,
                                                                 extract: EntityExtractor) -> None:
    mentions = {m.text: m for m in extract(
        "Officials met in Sarajevo and later in Zzyzxqville, then flew to Brussels.")}
    sarajevo = entity_record(mentions["Sarajevo"], kb)
    assert sarajevo.country == "BA" and sarajevo.geo_basis == "gazetteer"
    assert abs(sarajevo.lat - 43.85) < 0.1
    if "Zzyzxqville" in mentions:
        unknown = entity_record(mentions["Zzyzxqville"], kb)
        assert unknown.lat is None and unknown.geo_basis is None


def test_roles_on_a_date(kb: KnowledgeBase) -> None:
    [(before, _)] = kb.holders("Alliance Secretary General", dt.date(2024, 9, 30))
    [(after, _)] = kb.holders("alliance secretary general", dt.date(2024, 10, 1))
    assert (before.id, after.id) == ("jan-vandermolen", "piet-rossel")
    assert Role("x", start="2020", end="2021-06").held_on(dt.date(2021, 6, 15)) is True
    assert Role("x", start="2020", end="2021-06").held_on(dt.date(2021, 7, 1)) is False
    assert Role("x", start="2020-03").held_on(dt.date(2020, 2, 29)) is False


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[person]]\nid = "X"\nname = "x"\nsources = ["s"]', "'id' must be a lower-case slug"),
        ('[[person]]\nid = "x"\nname = "X"', "'sources' must name where the facts were checked"),
        ('[[place]]\nid = "x"\nname = "X"\nkind = "town"\nsources = ["s"]',
         "'lat' and 'lon' are required"),
        ('[[person]]\nid = "x"\nname = "X"\nsources = ["s"]\n'
         'roles = [{ title = "T", start = "2020-13-01" }]', "is not a real date"),
        ('[[person]]\nid = "x"\nname = "X"\nsources = ["s"]\n'
         'roles = [{ title = "T", start = "2021", end = "2020" }]', "ends before it starts"),
        ('[[organization]]\nid = "x"\nname = "X"\nkind = "club"\nsources = ["s"]',
         "'kind' must be one of"),
        ('[[person]]\nid = "x"\nname = "X"\nsources = ["s"]\nbirthday = "1970"',
         "unknown field(s) birthday"),
        ("[[person]\n", "cannot read"),
    ],
)
def test_knowledge_base_files_are_checked(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as info:
        read_file(path)
    assert message in str(info.value) and "bad.toml" in str(info.value)


def test_sentences_cover_the_text() -> None:
    text = ("Gen. Smith met U.S. officials at 3 p.m. on Monday. “We stay,” he said.\n\n"
            "New paragraph without a stop")
    spans = [text[s.start:s.end] for s in split_sentences(text)]
    assert spans == ["Gen. Smith met U.S. officials at 3 p.m. on Monday.", "“We stay,” he said.",
                     "New paragraph without a stop"]
