"""The HTML stage of cleaning: main text, metadata and what was left out, from one decoded page.

The main text comes from trafilatura in precision mode with comments excluded; metadata (title,
author, site name, canonical URL) from trafilatura's metadata extraction; the publication date from
htmldate with its extensive text search off and the original (not the updated) date preferred,
or else from a clear date in the URL. Everything visible on the page that did not make it into the main text is
kept, bounded, as ``Removed(kind="page")`` blocks for audit.

The page is parsed once here, with limits that keep hostile markup cheap: the caller's ``str`` is
re-encoded as UTF-8 and parsed as such (a ``<meta charset>`` cannot change how it is read), control
characters are dropped, and libxml2's nesting limit (256 levels) stays on: parsing stops at that
depth, which is reported if it leaves the page without article text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

import htmldate
import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from watchfloor.errors import NoArticleError
from watchfloor.types import Cleaned, Removed

CLEANER = "html-trafilatura/1"

MAX_HTML_CHARS = 20_000_000
"""Larger pages are refused (trafilatura's own default limit for a document)."""
MAX_REMOVED_BLOCKS = 400
MAX_REMOVED_CHARS = 100_000
MAX_REMOVED_BLOCK_CHARS = 2_000
"""A single removed block longer than this is cut (and marked with an ellipsis)."""

SHORT_EXTRACTION_CHARS = 1_000
"""Precision mode yielding less than this, and less than half of what balanced mode finds, is
taken to have pruned the article's container; the balanced result is used instead."""

MAX_ELEMENTS = 100_000
"""Pages with more elements are refused: extraction time grows with them (seconds per 100,000)."""
FAST_ABOVE_BLOCKS = 2_000
FAST_ABOVE_ELEMENTS = 20_000
"""Above these sizes trafilatura runs without its fallback extractors (readability, jusText),
whose cost grows with the square of the number of text blocks on the page."""
MAX_TAG_CHARS = 32_768

LINK_TEXT_SHARE = 0.8
"""Main text that is at least this much made of page blocks holding nothing but links is a menu
or a list of links, not an article."""

_EXTRACTION_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
}
_DATE_OPTIONS = {"extensive_search": False, "original_date": True}

# C0 controls other than tab/newline/carriage return, lone surrogates and non-characters: libxml2
# either rejects them or turns them into replacement characters.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WORD = re.compile(r"\w+")
# A start tag longer than MAX_TAG_CHARS (possessive: no backtracking); group 1 is its name.
_LONG_TAG = re.compile(rf"<([A-Za-z][A-Za-z0-9:_-]{{0,63}}+)[^<>]{{{MAX_TAG_CHARS},}}+>")

# Dates in URLs: a /YYYY/MM/DD/ path or an ISO YYYY-MM-DD anywhere in the path.
_URL_DATE_PATH = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)(?=/|$)")
_URL_DATE_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
_EARLIEST_URL_DATE = dt.date(1990, 1, 1)

# Elements whose content is never visible text.
_INVISIBLE = frozenset(
    {
        "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
        "embed", "canvas", "select", "option", "datalist", "textarea", "title", "meta", "link",
    }
)  # fmt: skip
# Inline elements: they do not break a block of page text.
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "img",
        "input", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
        "sub", "sup", "time", "tt", "u", "var", "wbr", "del", "ins", "big", "nobr",
    }
)  # fmt: skip
# Inline elements of trafilatura's output tree; every other element starts a paragraph.
_OUTPUT_INLINE = frozenset(
    {"hi", "ref", "del", "span", "a", "b", "i", "em", "strong", "sub", "sup"}
)
# Characters of main text that unanchored searches may scan in all, per page (bounds the cost).
_SEARCH_BUDGET = 50_000_000
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def clean_html(html: str, *, source: str, url: str | None = None) -> Cleaned:
    """Clean one decoded HTML page into its article text, metadata and what was removed.

    ``source`` names the input in error messages; ``url`` is where the page came from, if known
    (it resolves a relative canonical link and may give the date). Raises ``NoArticleError`` for
    a page without article text; no other exception for any content of ``html``.
    """
    if len(html) > MAX_HTML_CHARS:
        raise NoArticleError(
            source,
            f"HTML page is too large to clean ({len(html):,} characters, "
            f"the limit is {MAX_HTML_CHARS:,})",
        )
    tree, stopped = _parse(html)
    if tree is None:
        raise NoArticleError(source, "HTML page has no article text (the document is empty)")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise NoArticleError(
            source,
            f"HTML page is too complex to clean ({elements:,} elements, "
            f"the limit is {MAX_ELEMENTS:,})",
        )
    page_blocks = _page_blocks(tree)
    if not page_blocks:
        raise NoArticleError(source, _no_text_message(stopped, "the page has no visible text"))

    fast = len(page_blocks) > FAST_ABOVE_BLOCKS or elements > FAST_ABOVE_ELEMENTS
    document = _extract(tree, source, precision=True, metadata=True, fast=fast)
    paragraphs = _paragraphs(document.body) if document is not None else []
    if len("".join(paragraphs)) < SHORT_EXTRACTION_CHARS:
        balanced = _extract(tree, source, precision=False, metadata=document is None, fast=fast)
        if balanced is not None:
            more = _paragraphs(balanced.body)
            if len("".join(more)) > 2 * len("".join(paragraphs)):
                paragraphs = more
                if document is None:
                    document = balanced
    if not paragraphs:
        raise NoArticleError(
            source,
            _no_text_message(
                stopped, "no main text found; the visible text is navigation or boilerplate"
            ),
        )

    title = _field(document.title) if document is not None else None
    removed: list[Removed] = []
    text_paragraphs = paragraphs
    # A first paragraph that repeats the headline is the headline, which goes into ``title``.
    if title and _key(title) and _key(paragraphs[0]) == _key(title):
        if len(paragraphs) == 1:
            raise NoArticleError(
                source, "HTML page has no article text (only its headline was found)"
            )
        removed.append(Removed(kind="title", text=paragraphs[0]))
        text_paragraphs = paragraphs[1:]
    alignment = _align(page_blocks, paragraphs)
    if alignment.main_chars == 0:
        raise NoArticleError(source, "HTML page has no article text (the text found has no words)")
    if alignment.link_chars >= LINK_TEXT_SHARE * alignment.main_chars:
        raise NoArticleError(
            source,
            "HTML page has no article text (the text found is all links, as in a navigation menu)",
        )
    removed.extend(alignment.removed)

    canonical = _canonical_url(tree, document, url)
    published, basis = _publication_date(tree, url, canonical)
    return Cleaned(
        text="\n\n".join(text_paragraphs),
        cleaner=CLEANER,
        title=title,
        author=_field(document.author) if document is not None else None,
        outlet=_field(document.sitename) if document is not None else None,
        published=published,
        published_basis=basis,
        canonical_url=canonical,
        removed=tuple(removed),
    )


def _no_text_message(stopped: str | None, reason: str) -> str:
    """The one-line reason; a parse that stopped early explains a page without text best."""
    if stopped:
        reason = f"parsing stopped early: {stopped}"
    return f"HTML page has no article text ({reason})"


# --- parsing ------------------------------------------------------------------------------------


def _parse(html: str) -> tuple[lxml.html.HtmlElement | None, str | None]:
    """Parse the page; also say why libxml2 stopped early, if it hit one of its limits.

    A tag longer than ``MAX_TAG_CHARS`` keeps its name and loses its attributes first: libxml2
    checks attributes for duplicates in quadratic time, and so do some of the XPath searches run
    on the tree later.
    """
    html = _INVALID_CHARS.sub("", html)
    if _LONG_TAG.search(html):
        html = _LONG_TAG.sub(r"<\1>", html)
    data = html.encode("utf-8")
    if not data.strip():
        return None, None
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, None
    for entry in parser.error_log:
        if entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            message = " ".join(entry.message.split())
            if "depth" in message.lower():
                return tree, "markup is nested more than 256 levels deep"
            return tree, f"a parser limit was exceeded ({message[:200]})"
    return tree, None


# --- main text ----------------------------------------------------------------------------------


def _extract(
    tree: lxml.html.HtmlElement, source: str, *, precision: bool, metadata: bool, fast: bool
) -> Document | None:
    """Run trafilatura on (a copy of) the parsed page; None when it finds nothing."""
    try:
        document = trafilatura.bare_extraction(
            tree,
            favor_precision=precision,
            with_metadata=metadata,
            fast=fast,
            date_extraction_params=dict(_DATE_OPTIONS),
            **_EXTRACTION_OPTIONS,
        )
    except Exception as err:  # noqa: BLE001 - any failure inside the extractor is a bad page
        raise NoArticleError(
            source, f"HTML page has no article text (the extractor failed: {type(err).__name__})"
        ) from err
    if document is None or isinstance(document, dict) or document.body is None:
        return None
    return document


def _paragraphs(body: etree._Element) -> list[str]:
    """Paragraphs of trafilatura's output tree, whitespace collapsed.

    Every block element (paragraph, heading, list item, quote, table row ...) starts a new
    paragraph, and so do two or more line breaks in a row (``<br><br>``, a blank line on the
    page); a single line break is whitespace. Table cells in one row are joined by `` | ``.
    """
    paragraphs: list[str] = []
    parts: list[str] = []
    after_break = False  # a line break with no text since

    def add(text: str | None) -> None:
        nonlocal after_break
        if text:
            parts.append(text)
            if not text.isspace():
                after_break = False

    def flush() -> None:
        nonlocal after_break
        text = " ".join("".join(parts).split())
        if text:
            paragraphs.append(text)
        parts.clear()
        after_break = False

    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag == "lb":
                if after_break:
                    flush()
                else:
                    parts.append(" ")
                    after_break = True
            elif tag == "cell":
                if element.getprevious() is not None:
                    parts.append(" | ")
            elif tag not in _OUTPUT_INLINE:
                flush()
            add(element.text)
        else:
            if tag not in _OUTPUT_INLINE and tag not in ("cell", "lb"):
                flush()
            if element is not body:
                add(element.tail)
    flush()
    return paragraphs


# --- what was removed ---------------------------------------------------------------------------


class _Block(NamedTuple):
    text: str
    link_only: bool
    """All of the block's text is link text (as in a menu or a list of related links)."""


def _page_blocks(tree: lxml.html.HtmlElement) -> list[_Block]:
    """The visible text of the page as blocks (one per block element or line), in page order."""
    root = tree.find("body")
    if root is None:
        root = tree
    blocks: list[_Block] = []
    parts: list[str] = []
    unlinked = False  # some text of the current block is outside links
    links = 0  # how many <a> elements enclose the current position

    def add(text: str) -> None:
        nonlocal unlinked
        parts.append(text)
        if not links and not text.isspace():
            unlinked = True

    def flush() -> None:
        nonlocal unlinked
        text = " ".join("".join(parts).split())
        if text:
            blocks.append(_Block(text, link_only=not unlinked))
        parts.clear()
        unlinked = False

    skipped = False  # the next event is the end of an element whose content was skipped
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in _INVISIBLE or _hidden(element):
                walker.skip_subtree()
                skipped = True
                continue
            if tag == "a":
                links += 1
            elif tag not in _INLINE:
                flush()
            if element.text:
                add(element.text)
        else:
            if skipped:
                skipped = False
            elif tag == "a":
                links -= 1
            elif tag not in _INLINE:
                flush()
            if element.tail and element is not root:
                add(element.tail)
    flush()
    return blocks


def _hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style[:1000]) is not None


def _key(text: str) -> str:
    """Words only, case-folded, one space after each: robust to spacing and punctuation."""
    return "".join(word + " " for word in _WORD.findall(text.casefold()))


class _Alignment(NamedTuple):
    removed: list[Removed]
    main_chars: int
    """Length of the main text's key (see ``_key``)."""
    link_chars: int
    """How much of that key was matched by page blocks made only of link text."""


def _align(page_blocks: list[_Block], paragraphs: list[str]) -> _Alignment:
    """Find the page blocks that are not part of the main text (deduplicated and bounded).

    A block belongs to the main text when its words continue the main text where the last
    matched block ended, or, for a block of 40 characters or more, when they occur anywhere in
    it. Short blocks must line up so that a menu entry is not taken for the same word in the
    article.
    """
    main = "".join(_key(paragraph) for paragraph in paragraphs)
    position = link_chars = 0
    search_budget = _SEARCH_BUDGET
    removed: list[Removed] = []
    seen: set[str] = set()
    total = 0
    for block in page_blocks:
        key = _key(block.text)
        if not key or block.text in seen:
            continue
        matched = main.startswith(key, position)
        if matched:
            position += len(key)
        elif len(key) >= 40 and search_budget > 0:
            search_budget -= len(main)
            found = main.find(key)
            if found >= 0:
                matched = True
                position = found + len(key)
        if matched:
            if block.link_only:
                link_chars += len(key)
            continue
        seen.add(block.text)
        text = block.text
        if len(text) > MAX_REMOVED_BLOCK_CHARS:
            text = text[: MAX_REMOVED_BLOCK_CHARS - 1].rstrip() + "…"
        if len(removed) >= MAX_REMOVED_BLOCKS or total + len(text) > MAX_REMOVED_CHARS:
            break
        total += len(text)
        removed.append(Removed(kind="page", text=text))
    return _Alignment(removed, len(main), link_chars)


# --- metadata -----------------------------------------------------------------------------------


def _field(value: object) -> str | None:
    """A metadata string with whitespace collapsed, or None."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _canonical_url(
    tree: lxml.html.HtmlElement,
    document: Document | None,
    url: str | None,
) -> str | None:
    """The page's own canonical (or og:url) address; a relative one is resolved against ``url``."""
    found = _field(document.url) if document is not None else None
    if found:
        return found
    if not url:
        return None
    for link in tree.iterfind(".//link[@href]"):
        if (link.get("rel") or "").strip().lower() == "canonical":
            href = _field(link.get("href"))
            if href:
                try:
                    resolved = urljoin(url, href)
                except ValueError:
                    return None
                if urlsplit(resolved).scheme in ("http", "https"):
                    return resolved
            break
    return None


def _publication_date(
    tree: lxml.html.HtmlElement, url: str | None, canonical: str | None
) -> tuple[dt.date | None, str]:
    """The date from the page's markup, else from a dated URL, else none."""
    try:
        # url="" keeps htmldate from reading a date out of the canonical link: that is the
        # "url" basis, decided below.
        found = htmldate.find_date(tree, url="", **_DATE_OPTIONS)
    except Exception:  # noqa: BLE001 - a date htmldate cannot read is simply not known
        found = None
    if found:
        try:
            return dt.date.fromisoformat(found), "metadata"
        except ValueError:
            pass
    for candidate in (url, canonical):
        date = _date_in_url(candidate)
        if date is not None:
            return date, "url"
    return None, "none"


def _date_in_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    latest = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    for pattern in (_URL_DATE_PATH, _URL_DATE_ISO):
        match = pattern.search(path)
        if match:
            try:
                date = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            if _EARLIEST_URL_DATE <= date <= latest:
                return date
    return None
