"""Quotes and their speakers.

Unit tests build their mentions by hand (names as the entity extractor would give them), so they
test the quote rules alone; the golden tests run the real entity extractor on the seed articles
and on a sample-corpus HTML page. Expectations are hand-written, not snapshots.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from watchfloor.clean.html import clean_html
from watchfloor.clean.plaintext import clean_plaintext
from watchfloor.config import get_settings
from watchfloor.extract import quotes as quotes_module
from watchfloor.extract.quotes import extract_quotes
from watchfloor.extract.run import entity_extractor
from watchfloor.types import Mention, Quote

from .conftest import EXAMPLES, require_seeds

PEOPLE = {
    "Mark Rutte": "mark-rutte", "Rutte": "mark-rutte", "Boris Ruge": "boris-ruge",
    "Ruge": "boris-ruge", "Aleksandar Vučić": "aleksandar-vucic", "Vučić": "aleksandar-vucic",
    "Vjosa Osmani": "vjosa-osmani", "Osmani": "vjosa-osmani", "Albin Kurti": "albin-kurti",
    "Kurti": "albin-kurti", "Farah Dakhlallah": "farah-dakhlallah",
}
ORGS = {"NATO": "nato", "KFOR": "kfor", "EU": "european-union", "N1": "n1"}
PLACES = {"Kosovo": "kosovo", "Brussels": "brussels", "Sarajevo": "sarajevo", "Serbia": "serbia"}
UNKNOWN_PEOPLE = ("Ivana Stradner", "Nikola Selaković")


def mentions(text: str, roles: dict[str, str] | None = None) -> list[Mention]:
    """Mentions as the entity extractor gives them: longest name first, no overlaps."""
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    tables = [(PEOPLE, "person"), (ORGS, "organization"), (PLACES, "place"),
              ({n: None for n in UNKNOWN_PEOPLE}, "person")]
    for table, kind in tables:
        for name in sorted(table, key=len, reverse=True):
            for hit in re.finditer(rf"\b{re.escape(name)}\b", text):
                a, b = hit.span()
                if any(x < b and a < y for x, y in taken):
                    continue
                taken.append((a, b))
                kb_id = table[name]
                role = (roles or {}).get(name)
                extra = {}
                if role:
                    r = text.rfind(role, 0, a)
                    if r >= 0 and not text[r + len(role):a].strip():
                        extra = {"role": role, "role_start": r, "role_end": r + len(role)}
                out.append(Mention(a, b, name, kind, "kb" if kb_id else "ner", kb_id=kb_id,
                                   **extra))
    return sorted(out, key=lambda m: m.start)


def run(text: str, roles: dict[str, str] | None = None) -> list[Quote]:
    found = extract_quotes(text, mentions(text, roles))
    check_offsets(text, found)
    return found


def check_offsets(text: str, found: list[Quote]) -> None:
    for q in found:
        assert (q.start, q.end) == q.parts[0]
        for a, b in q.parts:
            assert 0 <= a < b <= len(text)
            assert text[a:b] in q.text
            assert text[a] not in "\"“”„«»‘’‚'" and text[b - 1] not in "\"“”„«»‘'"
        if len(q.parts) == 1:
            assert q.text == text[q.start:q.end]
        if q.verb is not None:
            assert text[q.verb_start:q.verb_end] == q.verb
        if q.speaker is None:
            assert q.speaker_kind == "unknown" and q.speaker_start is None
        elif q.speaker_kind == "pronoun":
            assert text[q.speaker_start:q.speaker_end].lower() in ("he", "she", "they", "it")
        else:
            assert text[q.speaker_start:q.speaker_end] == q.speaker


def only(found: list[Quote]) -> Quote:
    assert len(found) == 1, found
    return found[0]


# -- finding the quoted words ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "",
    "NATO has reaffirmed its commitment to stability in the Western Balkans.",
    "Rutte’s visit was a success. The Allies’ position is clear, and the officials’ view too.",
    "NATO's commitment and Rutte's visit in the '90s and the ’90s.",
    "He said \"yes",
    "“Unclosed quote here, and nothing else.",
    "Stray closing marks” here» and there’ too.",
])
def test_texts_without_a_closed_quote_give_nothing(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize("text, words", [
    ('Rutte said: "We will stay."', "We will stay."),
    ("Rutte said: “We will stay.”", "We will stay."),
    ("Rutte said: «We will stay.»", "We will stay."),
    ("Rutte said: „We will stay.“", "We will stay."),
    ("Rutte said: „We will stay.”", "We will stay."),
    ('Rutte said: „We will stay."', "We will stay."),
    ("Rutte said: »We will stay.«", "We will stay."),
    ("Rutte said: ‘We will stay.’", "We will stay."),
])
def test_every_style_of_quotation_marks(text: str, words: str) -> None:
    q = only(run(text))
    assert q.text == words
    assert (q.speaker, q.speaker_kb_id, q.speaker_kind, q.verb) == (
        "Rutte", "mark-rutte", "named", "said")
    assert q.kind == "direct"


def test_multi_sentence_quote_and_trailing_comma() -> None:
    text = ("“The only sustainable path to peace is through dialogue. There is no military "
            "solution to these disputes,” Rutte said.")
    q = only(run(text))
    assert q.text == ("The only sustainable path to peace is through dialogue. There is no "
                      "military solution to these disputes")
    assert q.speaker == "Rutte" and q.verb == "said"
    assert text[q.verb_start:q.verb_end] == "said"
    assert text[q.speaker_start:q.speaker_end] == "Rutte"


def test_a_quote_split_around_its_attribution_is_one_quote() -> None:
    text = ("“The KFOR mission is crucial,” NATO spokesperson Farah Dakhlallah told reporters in "
            "Brussels. “Its presence continues to be aligned with Resolution 1244.”")
    q = only(run(text, roles={"Farah Dakhlallah": "NATO spokesperson"}))
    assert len(q.parts) == 2
    assert text[slice(*q.parts[0])] == "The KFOR mission is crucial"
    assert text[slice(*q.parts[1])] == "Its presence continues to be aligned with Resolution 1244."
    assert q.text == ("The KFOR mission is crucial … Its presence continues to be aligned with "
                      "Resolution 1244.")
    assert (q.speaker, q.speaker_kb_id, q.verb) == ("Farah Dakhlallah", "farah-dakhlallah", "told")


def test_split_with_comma_continuation() -> None:
    q = only(run("“We will stay,” Rutte said, “and we will never leave.”"))
    assert [q.text] == ["We will stay … and we will never leave."]
    assert len(q.parts) == 2 and q.speaker == "Rutte"


def test_a_new_attribution_makes_a_new_quote() -> None:
    found = run("“We will stay,” Rutte said. He added: “We will never leave.”")
    assert [q.text for q in found] == ["We will stay", "We will never leave."]
    assert found[1].speaker == "Rutte" and found[1].speaker_kind == "pronoun"
    assert found[1].verb == "added"


def test_nested_quotes_stay_inside() -> None:
    text = "“He told me ‘never again’ in 1999, and “never” meant never,” Kurti recalled."
    q = only(run(text))
    assert q.text == "He told me ‘never again’ in 1999, and “never” meant never"
    assert (q.speaker, q.verb) == ("Kurti", "recalled")


def test_apostrophes_are_not_quotation_marks() -> None:
    text = ("\"It's NATO's job and the Allies' duty,\" Rutte said. Rutte’s visit mattered. "
            "‘The Allies’ concerns are real,’ Kurti said.")
    found = run(text)
    assert [q.text for q in found] == ["It's NATO's job and the Allies' duty",
                                       "The Allies’ concerns are real"]
    assert [q.speaker for q in found] == ["Rutte", "Kurti"]


def test_an_unbalanced_mark_does_not_spoil_the_rest() -> None:
    text = ("“Unclosed here, Rutte said.\n\n"
            "Nothing quoted in this paragraph.\n\n"
            "“We are ready,” Kurti said. A stray ” mark and a \"half.")
    q = only(run(text))
    assert (q.text, q.speaker) == ("We are ready", "Kurti")


def test_a_quote_running_over_paragraphs() -> None:
    # Press convention: no closing mark at the end of the first paragraph, a new opening mark.
    text = "“We will stay.\n\n“We will never leave,” Rutte said."
    q = only(run(text))
    assert len(q.parts) == 2
    assert q.text == "We will stay.\n\nWe will never leave"
    assert q.speaker == "Rutte"


# -- speakers ----------------------------------------------------------------------------------


def test_attribution_after_the_quote_opening_a_paragraph() -> None:
    text = "Intro.\n\n“We are observing some worrying trends,” the official said."
    q = only(run(text))
    assert (q.speaker, q.speaker_kind, q.speaker_kb_id) == ("the official", "described", None)


@pytest.mark.parametrize("text, speaker, verb", [
    ("Rutte said: “Parties need to show flexibility.”", "Rutte", "said"),
    ("On the dialogue facilitated by the EU, Rutte said: “Parties need to show flexibility.”",
     "Rutte", "said"),
    ("Rutte said in a statement on Monday: “Parties need to show flexibility.”", "Rutte", "said"),
    ("“We expect all parties to take responsibility,” Ruge said, according to a NATO press "
     "release.", "Ruge", "said"),
    ("“Parties need to show flexibility,” said Rutte.", "Rutte", "said"),
    ("“Parties need to show flexibility” — Rutte said.", "Rutte", "said"),
    ("Vučić, who met Rutte on Monday, said: “We are ready.”", "Vučić", "said"),
])
def test_named_speakers(text: str, speaker: str, verb: str) -> None:
    q = only(run(text))
    assert (q.speaker, q.speaker_kind, q.verb) == (speaker, "named", verb)
    assert q.speaker_kb_id == PEOPLE[speaker] and q.speaker_key is None


def test_inverted_attribution_with_a_title() -> None:
    text = "“Parties need to show flexibility,” said NATO spokesperson Farah Dakhlallah."
    q = only(run(text, roles={"Farah Dakhlallah": "NATO spokesperson"}))
    assert (q.speaker, q.speaker_kb_id) == ("Farah Dakhlallah", "farah-dakhlallah")


def test_a_name_with_an_appositive_and_no_knowledge_base_entry() -> None:
    text = ("“This is more political theatrics than a functional military alliance,” said Ivana "
            "Stradner, a Balkan security expert at the Foundation for Defense of Democracies.")
    q = only(run(text))
    assert (q.speaker, q.speaker_kind, q.speaker_kb_id, q.speaker_key) == (
        "Ivana Stradner", "named", None, "Ivana Stradner")
    text = "Ivana Stradner, a Balkan security expert at the Foundation, said: “It is theatre.”"
    q = only(run(text))
    assert (q.speaker, q.speaker_key) == ("Ivana Stradner", "Ivana Stradner")


def test_a_mention_key_is_the_speaker_key() -> None:
    text = "“It is theatre,” Stradner said."
    at = text.index("Stradner")
    m = Mention(at, at + 8, "Stradner", "person", "ner-surname", key="Ivana Stradner")
    q = only(extract_quotes(text, [m]))
    assert (q.speaker, q.speaker_kb_id, q.speaker_key) == ("Stradner", None, "Ivana Stradner")


def test_a_name_the_extractor_missed() -> None:
    q = only(run("“We are ready,” said Marko Marković, a local resident."))
    assert (q.speaker, q.speaker_kind, q.speaker_key) == ("Marko Marković", "named",
                                                          "Marko Marković")
    # One capitalised word is not enough to call it a name.
    q = only(run("“We are ready,” Marković said."))
    assert q.speaker is None and q.verb == "said"


@pytest.mark.parametrize("text, speaker", [
    ("“We are ready,” a NATO official said.", "a NATO official"),
    ("“We are ready,” the official said.", "the official"),
    ("“We are ready,” the NATO official told reporters.", "the NATO official"),
    ("“We are ready,” officials said.", "officials"),
    ("“We are ready,” a spokesperson for the EU said.", "a spokesperson for the EU"),
    ("“We are ready,” the ministry said.", "the ministry"),
    ("“We are ready,” said the NATO official.", "the NATO official"),
    ("NATO officials in Kosovo said: “We are ready.”", "NATO officials in Kosovo"),
    ("“We are ready,” the office of Prime Minister Albin Kurti said.",
     "the office of Prime Minister Albin Kurti"),
    ("“We are ready,” said Rutte’s spokesperson.", "Rutte’s spokesperson"),
    ("“We are ready,” Kurti’s office said.", "Kurti’s office"),
])
def test_described_speakers_are_never_names(text: str, speaker: str) -> None:
    q = only(run(text))
    assert (q.speaker, q.speaker_kind, q.speaker_kb_id, q.speaker_key) == (
        speaker, "described", None, None)


def test_pronoun_takes_the_previous_speaker() -> None:
    text = ("“NATO has supported peace,” Rutte said.\n\n"
            "“A secure region means more security,” he added.")
    first, second = run(text)
    assert (second.speaker, second.speaker_kind, second.speaker_kb_id) == (
        "Rutte", "pronoun", "mark-rutte")
    assert text[second.speaker_start:second.speaker_end] == "he"
    assert second.verb == "added"


def test_pronoun_takes_a_described_speaker() -> None:
    text = ("Brussels – NATO is watching the region, a NATO official said. "
            "“We do not see an immediate risk,” he stated.")
    q = only(run(text))
    assert (q.speaker, q.speaker_kind, q.speaker_kb_id) == ("a NATO official", "pronoun", None)


def test_pronoun_takes_a_person_who_is_the_subject() -> None:
    text = ("Serbian President Aleksandar Vučić denied any involvement. In a statement he wrote "
            "that “the accusations are baseless”.")
    q = only(run(text))
    assert (q.speaker, q.speaker_kind, q.kind) == ("Aleksandar Vučić", "pronoun", "partial")


@pytest.mark.parametrize("text", [
    # Another person named in between: either could be meant.
    "Rutte said NATO would stay. He then met Vučić. “We tried,” he said.",
    # Another person, not named, in between.
    "Rutte said NATO would stay. The commander agreed. “We tried,” he said.",
    # Nobody before.
    "“We tried,” he said.",
    # "it" is not resolved.
    "“We tried,” it said.",
])
def test_pronoun_left_unknown_when_ambiguous(text: str) -> None:
    q = only(run(text))
    assert q.speaker is None and q.speaker_kind == "unknown"
    assert q.verb == "said"


def test_pronoun_of_the_other_gender_is_not_the_same_person() -> None:
    text = "Rutte spoke first. “We tried,” he said. Rutte then left. “We go,” she said."
    first, second = run(text)
    assert first.speaker == "Rutte"
    assert second.speaker is None


def test_they_only_for_a_plural_speaker() -> None:
    first = only(run("Officials said the talks failed. “We tried,” they said."))
    assert (first.speaker, first.speaker_kind) == ("Officials", "pronoun")
    second = only(run("Rutte said the talks failed. “We tried,” they said."))
    assert second.speaker is None


@pytest.mark.parametrize("text", [
    "“We will stay,” Rutte and Vučić said, according to NATO.",
    "“We will stay,” said Rutte and Vučić.",
    "Rutte and Kurti said: “We will stay.”",
])
def test_coordinated_speakers_are_unknown(text: str) -> None:
    q = only(run(text))
    assert q.speaker is None and q.verb == "said"


def test_clause_coordination_is_not_two_speakers() -> None:
    found = run("Kurti said \"it's over\" and Vučić said \"it's not\".")
    assert [q.speaker for q in found] == ["Kurti", "Vučić"]


def test_sources() -> None:
    q = only(run("According to a NATO press release, “the Alliance remains vigilant”."))
    assert (q.speaker, q.speaker_kind, q.speaker_kb_id, q.verb) == (
        "a NATO press release", "source", "nato", "According to")
    q = only(run("“The region is calm,” according to KFOR."))
    assert (q.speaker, q.speaker_kind, q.speaker_kb_id) == ("KFOR", "source", "kfor")
    q = only(run("“It is calm,” a NATO statement said."))
    assert (q.speaker, q.speaker_kind, q.speaker_kb_id) == ("a NATO statement", "source", "nato")
    # A person after "according to" is the speaker.
    q = only(run("According to Rutte, “the Alliance remains vigilant”."))
    assert (q.speaker, q.speaker_kind) == ("Rutte", "named")


def test_a_source_gives_way_to_the_person_in_the_sentence() -> None:
    text = ("Speaking in Brussels, the official emphasized the region’s importance, underlining "
            "that the Alliance “will not allow a security vacuum to emerge,” reports N1.")
    q = only(run(text))
    assert (q.kind, q.speaker, q.speaker_kind, q.verb) == (
        "partial", "the official", "described", "underlining")


def test_partial_quotes() -> None:
    text = ("Rutte said, warning that “inflammatory rhetoric and actions are dangerous”. "
            "The ministry said the claims were “baseless and malicious”. "
            "Kurti accused Serbia of “destabilising the region”.")
    found = run(text)
    assert [q.kind for q in found] == ["partial"] * 3
    assert [(q.speaker, q.verb) for q in found] == [
        ("Rutte", "warning"), ("The ministry", "said"), ("Kurti", None)]


def test_relative_clause_and_it() -> None:
    q = only(run("Kurti met Vučić, who called the plan “unacceptable”."))
    assert (q.speaker, q.speaker_kind, q.verb) == ("Vučić", "named", "called")
    text = "The US Embassy in Pristina condemned what it called a “criminal attack”."
    q = only(run(text))
    assert (q.speaker, q.speaker_kind) == ("The US Embassy in Pristina", "pronoun")
    assert text[q.speaker_start:q.speaker_end] == "it"


def test_a_new_statement_after_a_finished_quote_is_not_its_attribution() -> None:
    q = only(run("Rutte was clear. “We will stay.” Vučić said Serbia would respond."))
    assert q.speaker is None
    q = only(run("“We will stay.” Rutte told reporters in Brussels."))
    assert q.speaker == "Rutte"


def test_partial_quote_without_a_speaker() -> None:
    for text in ("The so-called “Open Balkan” initiative was discussed.",
                 "Vučić was accused by Kurti of “destabilising the region”."):
        q = only(run(text))
        assert q.kind == "partial" and q.speaker is None


@pytest.mark.parametrize("verb", [
    "said", "says", "told reporters", "added", "stressed", "emphasized", "emphasised", "noted",
    "warned", "stated", "concluded", "urged", "insisted", "declared", "wrote", "recalled",
    "explained", "asked", "reiterated", "underlined", "argued", "announced", "replied",
])
def test_reporting_verbs(verb: str) -> None:
    text = f"“We will stay,” Rutte {verb}."
    q = only(run(text))
    word = verb.split()[0]
    assert (q.speaker, q.verb) == ("Rutte", word)
    assert (q.verb_start, q.verb_end) == (text.index(word), text.index(word) + len(word))


def test_the_next_paragraph_continues_the_speaker() -> None:
    text = ("“We will stay,” Rutte said.\n\n"
            "“We will never leave.”\n\n"
            "“Not now, not ever.”")
    found = run(text)
    assert [q.text for q in found] == ["We will stay", "We will never leave.",
                                       "Not now, not ever."]
    for q in found:
        assert (q.speaker, q.speaker_kb_id, q.verb) == ("Rutte", "mark-rutte", "said")
        assert text[q.speaker_start:q.speaker_end] == "Rutte"  # the attribution's own span


def test_no_continuation_after_other_narrative() -> None:
    text = "“We will stay,” Rutte said. Vučić disagreed.\n\n“We will never leave.”"
    first, second = run(text)
    assert first.speaker == "Rutte" and second.speaker is None


def test_a_quote_without_any_attribution() -> None:
    q = only(run("“It is over.” Rutte left the room."))
    assert (q.kind, q.speaker, q.verb) == ("direct", None, None)


def test_deterministic_and_named() -> None:
    text = "“We will stay,” Rutte said. He added: “We will never leave.”"
    assert run(text) == run(text)
    assert quotes_module.NAME == "quotes" and quotes_module.VERSION == "1"


@pytest.mark.parametrize("shape", [
    "“" * 1_000_000,
    "“" * 500_000 + "»" * 500_000,
    'He said "yes" ' * 71_428,
    "“Quote here,” John Smith said, adding: ‘it is’ and the Allies’ “x ” " * 15_000,
])
def test_a_hostile_megabyte_on_one_line_finishes_quickly(shape: str) -> None:
    started = time.perf_counter()
    found = extract_quotes(shape, [])
    assert time.perf_counter() - started < 30  # measured 1-3 s; a backtracking bug takes hours
    check_offsets(shape, found[:100])


# -- golden: the seed articles and a sample-corpus page ----------------------------------------


@pytest.fixture(scope="module")
def seed_quotes() -> dict[str, tuple[str, list[Quote]]]:
    folder = require_seeds()
    extractor = entity_extractor(get_settings())
    out = {}
    for path in sorted(Path(folder).glob("*.txt")):
        text = clean_plaintext(path.read_text(encoding="utf-8"), source=str(path)).text
        found = extract_quotes(text, extractor(text, "en"))
        check_offsets(text, found)
        out[path.name[:3]] = (text, found)
    return out


def test_seed_000_speakers(seed_quotes) -> None:  # type: ignore[no-untyped-def]
    text, found = seed_quotes["000"]
    got = [(q.text.split()[:3], q.speaker, q.speaker_kind, q.speaker_kb_id, q.speaker_key,
            q.verb, len(q.parts), q.kind) for q in found]
    assert got == [
        (["The", "Dayton", "Peace"], "Rutte", "named", "mark-rutte", None, "said", 1, "direct"),
        (["We", "expect", "all"], "Ruge", "named", "boris-ruge", None, "said", 1, "direct"),
        (["The", "KFOR", "mission"], "Farah Dakhlallah", "named", "farah-dakhlallah", None,
         "told", 2, "direct"),
        (["This", "is", "more"], "Ivana Stradner", "named", None, "Ivana Stradner", "said", 2,
         "direct"),
        (["The", "only", "sustainable"], "Rutte", "named", "mark-rutte", None, "said", 1,
         "direct"),
    ]
    kfor, stradner = found[2], found[3]
    assert text[slice(*kfor.parts[1])].startswith("Its presence continues")
    assert text[slice(*stradner.parts[1])].startswith("There’s neither the capacity")
    assert text[slice(*stradner.parts[1])].endswith("hold on power.")
    # Multi-sentence quote, offsets exact.
    ruge = found[1]
    assert ruge.text == ("We expect all parties to take responsibility for ensuring stability "
                         "and progress. Lasting peace requires political courage and compromise")


def test_seed_002_the_official_is_never_named(seed_quotes) -> None:  # type: ignore[no-untyped-def]
    text, found = seed_quotes["002"]
    assert len(found) == 7
    for q in found:
        assert q.speaker in ("a NATO official", "the official", "the NATO official"), q
        assert q.speaker_kind in ("described", "pronoun")
        assert q.speaker_kb_id is None and q.speaker_key is None
        if q.speaker_kind == "pronoun":
            assert text[q.speaker_start:q.speaker_end].lower() == "he"
    partial = {q.text: q for q in found if q.kind == "partial"}
    assert set(partial) == {
        "will not allow a security vacuum to emerge in the region",
        "a tangible contribution to peace and stability in the region",
        "is not military, but political, through dialogue.",
    }
    assert partial["will not allow a security vacuum to emerge in the region"].verb == \
        "underlining"
    assert partial["is not military, but political, through dialogue."].speaker_kind == "pronoun"
    assert [q.verb for q in found if q.kind == "direct"] == ["said", "stated", "said",
                                                             "concluded"]


@pytest.mark.parametrize("seed", ["001", "003", "004"])
def test_seeds_without_quotes(seed_quotes, seed: str) -> None:  # type: ignore[no-untyped-def]
    assert seed_quotes[seed][1] == []


def test_sample_html_page() -> None:
    path = EXAMPLES / "html" / "sava-daily-rutte-sarajevo.html"
    text = clean_html(path.read_text(encoding="utf-8"), source=str(path)).text
    found = extract_quotes(text, entity_extractor(get_settings())(text, "en"))
    check_offsets(text, found)
    by_text = {q.text: q for q in found}
    last = by_text["This is not 1992."]
    assert (last.kind, last.speaker, last.speaker_kind, last.speaker_kb_id, last.verb) == (
        "direct", "Rutte", "pronoun", "mark-rutte", "added")
    assert text[last.speaker_start:last.speaker_end] == "He"
    dayton = by_text["The Dayton Peace Agreement is the cornerstone of peace in this country and "
                     "must be respected"]
    assert (dayton.speaker, dayton.speaker_kind) == ("Rutte", "named")
    warning = by_text["inflammatory rhetoric and actions are dangerous"]
    assert (warning.kind, warning.speaker, warning.verb) == ("partial", "Rutte", "warning")
