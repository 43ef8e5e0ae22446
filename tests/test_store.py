"""The store on SQLite and on a real PostgreSQL server: same behaviour on both."""

from __future__ import annotations

import datetime as dt

import pytest

from watchfloor.errors import NotFoundError, StoreError
from watchfloor.store import Store, content_hash, sha256
from watchfloor.store.db import current_revision, head_revision
from watchfloor.types import Cleaned, LanguageGuess, RawDocument, Removed

EN = LanguageGuess("en", 0.98, "Latn")


def _add(store: Store, source: str, text: str, **meta: object) -> tuple[str, int]:
    raw = RawDocument(source=source, kind="text", data=text.encode())
    cleaned = Cleaned(text=text, cleaner="test/1", **meta)  # type: ignore[arg-type]
    return store.add_article(raw, sha256(raw.data), cleaned, EN)


def test_schema_is_at_head(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()


def test_store_and_read_back(store: Store) -> None:
    status, article_id = _add(
        store,
        "a.txt",
        "Aleksandar Vučić met KFOR commanders in Belgrade.",
        title="Vučić meets KFOR",
        author="A. Writer",
        outlet="Sava Daily",
        published=dt.date(2025, 3, 10),
        published_basis="byline",
        removed=(Removed("footer", "© 2025 Sava Daily"),),
    )
    assert status == "stored"
    article = store.get_article(article_id)
    assert article.text == "Aleksandar Vučić met KFOR commanders in Belgrade."
    assert article.published == dt.date(2025, 3, 10) and article.published_basis == "byline"
    assert article.removed == (Removed("footer", "© 2025 Sava Daily"),)
    assert article.sources == ("a.txt",)
    assert article.ingested_at.tzinfo is not None
    assert store.integrity_problems() == []


def test_same_text_from_another_source_is_a_duplicate(store: Store) -> None:
    _, first = _add(store, "a.txt", "KFOR troops patrol  Zvečan.")
    status, second = _add(store, "b.txt", "kfor troops patrol Zvečan.")
    assert (status, second) == ("duplicate", first)
    assert store.count_articles() == 1
    assert store.get_article(first).sources == ("a.txt", "b.txt")
    assert store.integrity_problems() == []


def test_content_hash_ignores_case_and_spacing() -> None:
    assert content_hash("A  b\nC") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


def test_search_folds_case_diacritics_and_script(store: Store) -> None:
    _, latin = _add(store, "a.txt", "Serbian President Aleksandar Vučić spoke in Belgrade.")
    _, cyrillic = _add(store, "b.txt", "Председник Србије Александар Вучић говорио је у Београду.")
    _, other = _add(store, "c.txt", "Albin Kurti spoke in Prishtinë about the election.")
    assert {h.article.id for h in store.search("Vucic")} == {latin, cyrillic}
    assert {h.article.id for h in store.search("VUČIĆ")} == {latin, cyrillic}
    assert [h.article.id for h in store.search("pristine")] == []
    assert [h.article.id for h in store.search("prishtine")] == [other]
    assert [h.article.id for h in store.search('"President Aleksandar"')] == [latin]
    assert [h.article.id for h in store.search("belgr*")] == [latin]
    assert {h.article.id for h in store.search("spoke -kurti")} == {latin}


def test_search_snippet_marks_the_match(store: Store) -> None:
    _add(store, "a.txt", "Words before. " * 20 + "Председник Вучић говорио је. " + "After. " * 20)
    [hit] = store.search("vucic")
    assert hit.highlight is not None
    assert hit.snippet[hit.highlight[0]:hit.highlight[1]] == "Вучић"
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")


@pytest.mark.parametrize(
    "query", ['"', "NEAR(", "AND", "a OR", "*", "-", "''", "col:x", "x' OR 1=1 --", "\\", "\x00",
              "^", "(((", "\"\"\"", "title:kosovo", "a" * 5000]
)
def test_search_never_leaks_syntax_errors(store: Store, query: str) -> None:
    _add(store, "a.txt", "NATO and KFOR in Kosovo.")
    store.search(query)


def test_unknown_article_id(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no article with id 999"):
        store.get_article(999)


def test_failures_are_logged_once(store: Store) -> None:
    store.record_failure("bad.txt", "", "text", "W103", "bad.txt: empty file (no text at all)")
    store.record_failure("bad.txt", "", "text", "W103", "bad.txt: empty file (no text at all)")
    [entry] = store.log(status="failed")
    assert entry.message == "bad.txt: empty file (no text at all)"
    assert entry.error_code == "W103"


def test_export_order_and_batches(store: Store) -> None:
    ids = [_add(store, f"{i}.txt", f"Article number {i} about Kosovo.")[1] for i in range(7)]
    assert [a.id for a in store.iter_articles(batch=3)] == ids


def test_bad_database_locations(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match="folder .* does not exist"):
        Store(str(tmp_path / "missing" / "x.db"))
    with pytest.raises(StoreError, match="only SQLite and PostgreSQL are supported"):
        Store("mysql://localhost/x")
