"""The HTML cleaner on small pages written for the purpose."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchfloor.clean.html import (
    CLEANER,
    MAX_REMOVED_BLOCKS,
    MAX_REMOVED_CHARS,
    clean_html,
)
from watchfloor.errors import NoArticleError
from watchfloor.types import Cleaned

STORY = [
    "The city council voted on Tuesday to extend the northern tram line by six kilometres, "
    "ending a debate that had run for almost three years.",
    "Supporters said the extension would connect two growing districts to the centre and cut "
    "commuting times by a quarter for thousands of residents.",
    "Opponents argued that the money should have gone to repairing existing bridges, several "
    "of which have been closed to heavy traffic since last winter.",
    "Construction is expected to begin next spring, and the first trams could run on the new "
    "section before the end of the following year.",
]
COMMENTS = [
    "Great news, finally something for our district after years of waiting!",
    "What a waste of taxpayer money, fix the bridges first please.",
]
NAV = ["Home", "Politics", "Sport", "Weather"]
SCRIPT_PAYLOAD = "window.secretPayload = 'do-not-keep-this-script-text';"


def article(paragraphs: list[str] = STORY) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def nav_html() -> str:
    items = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    return f"<header><nav><ul>{items}</ul></nav></header>"


FULL_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves tram extension | Riverside Herald</title>
<meta property="og:site_name" content="Riverside Herald">
<meta property="og:title" content="Council approves tram extension">
<meta name="author" content="Jane Miller">
<meta property="article:published_time" content="2024-05-14T09:30:00Z">
<link rel="canonical" href="https://herald.example.com/news/tram-extension">
<script>{SCRIPT_PAYLOAD}</script>
<style>body {{ color: red; }}</style>
</head><body>
{nav_html()}
<main><article>
<h1>Council approves tram extension</h1>
<p>{STORY[0]}</p><p>{STORY[1]}</p>
<h2>Costs and objections</h2>
<p>{STORY[2]}</p><p>{STORY[3]}</p>
<script>{SCRIPT_PAYLOAD}</script>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>{COMMENTS[0]}</p></div>
<div class="comment"><p>{COMMENTS[1]}</p></div>
</section></main>
<footer><p>© 2024 Riverside Herald. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def full() -> Cleaned:
    return clean_html(FULL_PAGE, source="herald.html")


# --- main text and removed ----------------------------------------------------------------------


def test_article_is_kept_and_nav_and_comments_are_removed(full: Cleaned) -> None:
    assert full.cleaner == CLEANER == "html-trafilatura/1"
    for paragraph in STORY:
        assert paragraph in full.text
    for noise in [*NAV, *COMMENTS, "All rights reserved"]:
        assert noise not in full.text
    removed = [r.text for r in full.removed if r.kind == "page"]
    for noise in [*NAV, *COMMENTS, "© 2024 Riverside Herald. All rights reserved.", "Privacy"]:
        assert noise in removed
    # page order is kept: navigation first, footer last
    assert removed.index("Home") < removed.index(COMMENTS[0]) < removed.index("Privacy")
    # nothing of the article is reported as removed
    assert not any(p in removed for p in STORY)


def test_headline_goes_to_title_not_text(full: Cleaned) -> None:
    assert not full.text.startswith("Council approves")
    assert full.removed[0].kind == "title"
    assert full.removed[0].text == "Council approves tram extension"


def test_heading_inside_article_is_its_own_paragraph(full: Cleaned) -> None:
    assert full.text.split("\n\n") == [STORY[0], STORY[1], "Costs and objections", *STORY[2:]]


def test_script_and_style_never_reach_text_or_removed(full: Cleaned) -> None:
    everything = full.text + "\n".join(r.text for r in full.removed)
    assert "secretPayload" not in everything
    assert "color: red" not in everything


def test_removed_is_deduplicated() -> None:
    menu = "".join(f'<div><a href="/a{i}">Subscribe</a></div>' for i in range(5))
    cleaned = clean_html(page(menu + f"<article>{article()}</article>" + menu), source="dup")
    assert [r.text for r in cleaned.removed].count("Subscribe") == 1


def test_removed_is_bounded() -> None:
    links = "".join(
        f'<li><a href="/t/{i}">Topic number {i} {"x" * 300}</a></li>' for i in range(3000)
    )
    cleaned = clean_html(page(f"<article>{article()}</article><ul>{links}</ul>"), source="big")
    assert len(cleaned.removed) <= MAX_REMOVED_BLOCKS
    assert sum(len(r.text) for r in cleaned.removed) <= MAX_REMOVED_CHARS
    assert cleaned.removed[0].text.startswith("Topic number 0 ")


# --- paragraph format ---------------------------------------------------------------------------


def test_paragraph_format() -> None:
    spread = STORY[0].replace(" ", " \n\t ", 3)
    body = (
        "<article>"
        f"<p>\n   {spread}   </p>"
        "<h2>What  happens\n next</h2>"
        f"<p>{STORY[1]}<br>{STORY[2]}</p>"
        f"<p>{STORY[3]}<br> <br>A closing line after a blank line on the page.</p>"
        "<ul><li>First item of a list in the story</li><li>Second item of the list</li></ul>"
        "</article>"
    )
    text = clean_html(page(body), source="format").text
    assert text == "\n\n".join(
        [
            STORY[0],
            "What happens next",
            f"{STORY[1]} {STORY[2]}",  # a single <br> is whitespace
            STORY[3],  # <br><br> separates paragraphs
            "A closing line after a blank line on the page.",
            "First item of a list in the story",
            "Second item of the list",
        ]
    )
    assert text == text.strip()
    assert "\n\n\n" not in text
    for paragraph in text.split("\n\n"):
        assert paragraph == " ".join(paragraph.split())


def test_inline_markup_does_not_split_words() -> None:
    body = f"<article><p>The <b>coun</b>cil met <i>again</i>, said <a href='/x'>officials</a>. {STORY[0]}</p></article>"
    text = clean_html(page(body), source="inline").text
    assert text.startswith("The council met again, said officials. ")


# --- metadata -----------------------------------------------------------------------------------


def test_metadata_from_the_page(full: Cleaned) -> None:
    assert full.title == "Council approves tram extension"
    assert full.author == "Jane Miller"
    assert full.outlet == "Riverside Herald"
    assert full.canonical_url == "https://herald.example.com/news/tram-extension"
    assert full.published == dt.date(2024, 5, 14)
    assert full.published_basis == "metadata"


def test_absent_metadata_is_none() -> None:
    cleaned = clean_html(page(f"<article>{article()}</article>"), source="bare")
    assert cleaned.title is None
    assert cleaned.author is None
    assert cleaned.outlet is None
    assert cleaned.canonical_url is None
    assert cleaned.published is None
    assert cleaned.published_basis == "none"


def test_metadata_date_beats_url_date() -> None:
    cleaned = clean_html(FULL_PAGE, source="x", url="https://herald.example.com/2020/01/02/tram")
    assert (cleaned.published, cleaned.published_basis) == (dt.date(2024, 5, 14), "metadata")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/2025/03/11/tram-line-vote", dt.date(2025, 3, 11)),
        ("https://news.example.org/2025/03/11", dt.date(2025, 3, 11)),
        ("https://news.example.org/local/2025-03-11-tram-line.html", dt.date(2025, 3, 11)),
        ("https://news.example.org/local/tram-line-vote", None),
        ("https://news.example.org/2025/13/45/impossible", None),
        ("https://news.example.org/2025/03/tram-month-only", None),
        ("https://news.example.org/2999/01/01/future", None),
        ("https://news.example.org/article?id=20250311", None),
    ],
)
def test_date_from_url(url: str, expected: dt.date | None) -> None:
    cleaned = clean_html(page(f"<article>{article()}</article>"), source="u", url=url)
    assert cleaned.published == expected
    assert cleaned.published_basis == ("url" if expected else "none")


def test_date_from_canonical_url_and_relative_canonical() -> None:
    head = '<link rel="canonical" href="/2023/07/09/tram-line">'
    html = page(f"<article>{article()}</article>", head)
    cleaned = clean_html(html, source="c", url="https://news.example.org/amp/tram")
    assert cleaned.canonical_url == "https://news.example.org/2023/07/09/tram-line"
    assert (cleaned.published, cleaned.published_basis) == (dt.date(2023, 7, 9), "url")


# --- pages without an article -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "the document is empty"),
        (" \n\t ", "the document is empty"),
        ("<html><head><title>Nothing</title></head><body> </body></html>", "the page has no visible text"),
        ("<html><body><!-- only a comment --><script>var x = 1;</script></body></html>", "the page has no visible text"),
        (page(nav_html() + "<footer><a href='/about'>About us</a> <a href='/contact'>Contact</a></footer>"), "the text found is all links, as in a navigation menu"),
    ],
    ids=["empty", "whitespace", "empty-body", "script-only", "navigation-only"],
)  # fmt: skip
def test_no_article_raises_with_exact_message(html: str, reason: str) -> None:
    with pytest.raises(NoArticleError) as caught:
        clean_html(html, source="feeds/empty.html")
    assert str(caught.value) == f"feeds/empty.html: HTML page has no article text ({reason})"
    assert caught.value.code == "W108"
    assert caught.value.source == "feeds/empty.html"


# --- hostile pages ------------------------------------------------------------------------------

STORY_BLOCK = f"<article>{article()}</article>"
HOSTILE = {
    "script-payloads": page(
        f"<script>{'alert(1);' * 50_000}</script>{STORY_BLOCK}"
        "<script>document.write('<p>' + 'x'.repeat(1e6))</script><script>/*</script>"
    ),
    "deep-nesting-after": page(STORY_BLOCK + "<div>" * 5000 + "deep" + "</div>" * 5000),
    "deep-inline-nesting": page(STORY_BLOCK + "<span><b>" * 20_000),
    "huge-attribute": page(f'<div data-x="{"a" * 3_000_000}">x</div>{STORY_BLOCK}'),
    "many-attributes": page(
        "<div " + " ".join(f"a{i}=v" for i in range(50_000)) + f">x</div>{STORY_BLOCK}"
    ),
    "broken-markup": "<html><body><p>unclosed <b>bold <i>it</p></div></span><td>cell"
    + STORY_BLOCK.replace("</p>", "")
    + "<table><tr><td>x</table></ul></body></html></html><p",
    "charset-lie": "<html><head><meta charset='utf-16'><meta http-equiv='Content-Type' "
    "content='text/html; charset=shift_jis'></head><body>"
    + STORY_BLOCK.replace("tram line", "tram líne ☃ Жж")
    + "</body></html>",
    "xml-declaration": "<?xml version='1.0' encoding='ISO-8859-1'?><html><body>"
    + STORY_BLOCK
    + "</body></html>",
    "control-characters": page(
        "\x00\x01\x1b" + STORY_BLOCK.replace("council", "coun\x00cil\ud800")
    ),
    "entity-expansion": '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    + page("<p>&b;&b;&b;&b;</p>" + STORY_BLOCK),
    "frameset": "<html><frameset><frame src='a.html'></frameset></html>",
    "not-html": '{"json": true, "items": [1, 2, 3]}',
    "too-many-elements": page("<i>w</i>" * 120_000 + STORY_BLOCK),
}


@pytest.mark.parametrize("html", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_pages_never_crash(html: str) -> None:
    try:
        cleaned = clean_html(html, source="hostile.html")
    except NoArticleError as err:
        assert "\n" not in str(err)
        return
    assert "secretPayload" not in cleaned.text
    assert "alert(1)" not in cleaned.text and "repeat(1e6)" not in cleaned.text
    assert sum(len(r.text) for r in cleaned.removed) <= MAX_REMOVED_CHARS


@pytest.mark.parametrize(
    "name", ["script-payloads", "deep-nesting-after", "huge-attribute", "many-attributes",
             "broken-markup", "control-characters", "xml-declaration"],
)  # fmt: skip
def test_hostile_pages_still_give_the_article(name: str) -> None:
    cleaned = clean_html(HOSTILE[name], source=name)
    assert STORY[1] in cleaned.text
    assert STORY[3] in cleaned.text


def test_meta_charset_cannot_change_decoding() -> None:
    cleaned = clean_html(HOSTILE["charset-lie"], source="lie")
    assert "tram líne ☃ Жж" in cleaned.text


def test_control_characters_are_dropped() -> None:
    cleaned = clean_html(HOSTILE["control-characters"], source="ctl")
    assert "council" in cleaned.text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", cleaned.text)


def test_markup_nested_too_deep_before_the_article_is_reported() -> None:
    html = page("<div>" * 5000 + "x" + "</div>" * 5000 + STORY_BLOCK)
    with pytest.raises(NoArticleError) as caught:
        clean_html(html, source="deep.html")
    assert str(caught.value) == (
        "deep.html: HTML page has no article text "
        "(parsing stopped early: markup is nested more than 256 levels deep)"
    )


def test_too_many_elements_is_refused() -> None:
    with pytest.raises(NoArticleError, match=r"too complex to clean \(120,\d{3} elements"):
        clean_html(HOSTILE["too-many-elements"], source="many.html")


FRAGMENTS = [
    "<p>", "</p>", "<div>", "</div>", "<a href='/x'>", "</a>", "<br>", "<table><tr><td>", "</td>",
    "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml ?>",
    "<!DOCTYPE html>", "<html>", "<body>", "</body>", "<head>", "<meta charset='utf-16'>",
    "<title>", "</title>", "<h1>", "</h1>", "<ul><li>", "<svg>", "<noscript>", "<template>",
    "&amp;", "&#0;", "&#xD800;", "&bogus;", "\x00", "\ud800", "\ufeff", "<", ">", '"', "=", " ",
    "\n", "<p hidden>", "<div style='display:none'>", "<frameset>", "<iframe>", "<textarea>",
    "<plaintext>", "<nav>", "<footer>", "<article>", "</article>", "Жж ", "中文 ",
    "<link rel=canonical href='/2020/01/01/x'>", STORY[0], STORY[1],
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join),
    st.sampled_from([None, "https://x.org/2020/05/06/a", "http://[::1", "javascript:alert(1)"]),
)
def test_any_markup_gives_a_clean_result_or_no_article(html: str, url: str | None) -> None:
    try:
        cleaned = clean_html(html, source="fuzz.html", url=url)
    except NoArticleError as err:
        assert str(err).startswith("fuzz.html: HTML page has no article text (")
        return
    assert cleaned.text and cleaned.text == cleaned.text.strip()
    assert "\n\n\n" not in cleaned.text
    assert cleaned.published_basis in ("metadata", "url", "none")
