from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from watchfloor.store.fold import fold, fold_with_offsets
from watchfloor.store.query import Term, parse_query, to_fts5, to_tsquery


def test_fold_case_diacritics_and_script() -> None:
    assert fold("Vučić") == fold("VUCIC") == fold("Вучић") == "vucic"
    assert fold("Prishtinë") == "prishtine"
    assert fold("Đorđević") == fold("Ђорђевић") == "djordjevic"
    assert fold("Љубљана") == "ljubljana"


def test_fold_with_offsets_maps_back() -> None:
    folded, offsets = fold_with_offsets("Ђорђе Vučić")
    assert folded == "djordje vucic"
    assert len(offsets) == len(folded)
    assert offsets[folded.index("vucic")] == 6


def test_parse_words_phrases_prefix_and_negation() -> None:
    query = parse_query('Vučić "Republika Srpska" koso* -Dodik')
    assert query.terms == (
        Term(("vucic",)),
        Term(("republika", "srpska")),
        Term(("koso",), prefix=True),
        Term(("dodik",), negated=True),
    )
    assert to_fts5(query) == '"vucic" AND "republika srpska" AND "koso"* NOT "dodik"'
    assert to_tsquery(query) == "'vucic' & ('republika' <-> 'srpska') & 'koso':* & !'dodik'"


def test_syntax_characters_are_plain_text() -> None:
    query = parse_query('NEAR( a:b ^x "unbalanced AND OR ) * ^ :col')
    assert query.terms == (
        Term(("near",)),
        Term(("a",)),
        Term(("b",)),
        Term(("x",)),
        Term(("unbalanced", "and", "or", "col")),
    )


def test_only_negative_or_punctuation_is_empty() -> None:
    assert parse_query("-kosovo").empty
    assert parse_query("!!! ... ***").empty
    assert parse_query("").empty


@given(st.text(max_size=200))
def test_any_input_renders_safely(text: str) -> None:
    query = parse_query(text)
    for term in query.terms:
        assert term.words and all(w.replace("_", "").isalnum() or w.isalnum() for w in term.words)
    fts = to_fts5(query)
    assert fts.count('"') % 2 == 0
    to_tsquery(query)
