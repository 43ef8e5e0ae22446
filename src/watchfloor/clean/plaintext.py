"""Rule-based cleaning of plain text and Markdown scraped from the web.

A scrape of a news page keeps the page's chrome as lines of text: navigation above the headline, a
teaser that repeats the first paragraphs, "See also" links in the middle, and a footer with the
outlet's address, newsletter sign-up and copyright. The cleaner classifies each non-blank line by
its shape and position and keeps the rest as the article:

* header: navigation before the title (short bullets, menu words, breadcrumbs), the title (the
  first headline-like line, or the line equal to ``title_hint``), and up to three byline/date
  lines just above or below it, from which the author and publication date are read;
* body: lines that match a standalone boilerplate pattern anywhere (see-also links, share and
  follow rows, advertisement markers, cookie notices, comment prompts, previous/next links and the
  headline that follows them), repeated leads (a paragraph that is word for word the start of the
  text after it, usually cut off with "[…]"), and teaser + headline pairs of other articles;
* footer: the zone at the end that starts with an anchor ("About Us", "Contact: …", "All rights
  reserved", "Leave a Comment" …) and holds nothing but anchors, short lines and the odd short
  sentence between them; an empty "Sources" heading right above it goes with it. The outlet is
  read from footer lines ("X is media outlet of Y", "X @2025. All Rights Reserved.", "© 2025 X").

Patterns are written for English and, for the commonest phrases and month names, for Albanian,
Bosnian/Croatian/Serbian and Macedonian. They only ever look at short standalone lines, so a body
sentence that mentions a newsletter or a contact is body text. Every line taken out is kept in
``Cleaned.removed`` with the reason, in input order: the text plus the removed lines account for
every non-blank input line.

Everything here runs in time linear in the input: regular expressions are applied to bounded
lines only, and the Markdown ones use possessive quantifiers or character classes that stop at the
next delimiter.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..types import Cleaned, Removed

PLAINTEXT_CLEANER = "plaintext-rules/1"
MARKDOWN_CLEANER = "markdown-rules/1"

__all__ = [
    "MARKDOWN_CLEANER",
    "PLAINTEXT_CLEANER",
    "clean_markdown",
    "clean_plaintext",
    "markdown_to_plain",
]

# Boilerplate is short: a line longer than this is never compared against a boilerplate pattern.
_PATTERN_LIMIT = 400
# How far into the text the title and navigation are looked for (non-blank lines).
_HEADER_LIMIT = 60
# Lines after the title that may hold bylines and dates.
_BYLINE_WINDOW = 3
# Word tokens of a line that take part in the repeated-lead comparison.
_LEAD_CHAR_LIMIT = 4000

# Removal kinds.
TITLE = "title"
BYLINE = "byline"
NAVIGATION = "navigation"
FOOTER = "footer"
TEASER = "teaser"
SEE_ALSO = "see-also"
COMMENT = "comment-prompt"
REPEATED_LEAD = "repeated-lead"


# --------------------------------------------------------------------------------------------
# Lines


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u2060\ufeff\u00ad"), None)
_BULLETS = frozenset("•◦▪▫●○■□‣⁃∙·-–—*+►▸▹▶➤✓✔")
_SEPARATOR = _BULLETS | {" "}
_CLOSERS = "\"'”’»)]*"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"'})


def _collapse(line: str) -> str:
    """The line with invisible characters dropped and every run of whitespace made one space."""
    return " ".join(line.translate(_INVISIBLE).split())


@dataclass(slots=True)
class _Line:
    raw: str
    """The input line, whitespace collapsed, bullet glyph included (what ``Removed`` records)."""
    text: str
    """The same without a leading bullet glyph (what the article keeps)."""
    bullet: bool
    block: int
    """Lines with no blank line between them share a block."""
    words: int


def _make_lines(lines: Iterable[str]) -> list[_Line]:
    out: list[_Line] = []
    block = 0
    gap = False
    for line in lines:
        raw = _collapse(line)
        if not raw:
            gap = True
            continue
        if gap and out:
            block += 1
        gap = False
        text, bullet = raw, False
        # "* * *" or "- - -" is a separator, not a list item
        if raw[0] in _BULLETS and (
            len(raw) == 1 or (raw[1] == " " and not set(raw[2:100]) <= _SEPARATOR)
        ):
            text, bullet = raw[2:], True
        words = text.count(" ") + 1 if text else 0
        out.append(_Line(raw, text, bullet, block, words))
    return out


def _tail(text: str) -> str:
    """The last character that is not a closing quote or bracket ('' when there is none)."""
    stripped = text[-12:].rstrip(_CLOSERS)
    return stripped[-1] if stripped else ""


def _key(text: str) -> str:
    """A comparison key: case, quotes and trailing punctuation do not matter."""
    return _collapse(text).casefold().translate(_QUOTES).rstrip(" .:;,!?")


def _first_alnum_is_lower(text: str) -> bool:
    for ch in text[:20]:
        if ch.isalnum():
            return ch.islower()
    return False


_ELLIPSIS_END = re.compile(r"(?:\[ ?(?:…|\.{3}) ?\]|\( ?(?:…|\.{3}) ?\)|…|\.{3})$")


def _ellipsis_end(text: str) -> re.Match[str] | None:
    """The ellipsis that ends the line ("…", "...", "[…]", "(...)"), if any."""
    return _ELLIPSIS_END.search(text[-12:])


def _headline_like(line: _Line) -> bool:
    """Short, not a sentence: could be a headline or a section heading."""
    text = line.text
    if line.bullet or not 2 <= line.words <= 30 or len(text) > 250:
        return False
    if _tail(text) in ".,;:…" or _ellipsis_end(text) or _first_alnum_is_lower(text):
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    return _parse_byline(text) is None


def _body_like(line: _Line) -> bool:
    """Reads as running text: a long line, or a sentence of some words."""
    return line.words >= 35 or (line.words >= 5 and _tail(line.text) in ".!?…:")


def _weak(line: _Line) -> bool:
    """Short and not a sentence: harmless inside a footer zone (address lines, link rows)."""
    return line.words <= 12 and len(line.text) <= 120 and _tail(line.text) not in ".!?"


def _pairable(line: _Line) -> bool:
    """Could be the headline of another article after a "Next Article" or "Related" label."""
    return line.words <= 30 and len(line.text) <= 300 and _tail(line.text) != "."


# --------------------------------------------------------------------------------------------
# Boilerplate patterns (each applied to one short line, matched from its start)

_I = re.IGNORECASE


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), _I)


_ADVERT = _rx(
    r"(?:advertisement|advertising|advert|ads?|sponsored(?: (?:content|post|article|story))?"
    r"|paid (?:content|post|partnership)|promoted(?: content)?)\W{0,3}",
    r"(?:the )?(?:story|article|text) continues (?:below|after)"
    r"(?: (?:the |this )?(?:advertisement|ad))?\W{0,3}",
    r"scroll (?:down )?to continue(?: reading)?\W{0,3}",
    r"continue reading(?: below| the (?:article|story))?\W{0,3}",
)
_COOKIE = _rx(
    r"(?:this (?:web)?site|this page|we|our (?:web)?site)(?: also)? uses? cookies\b.*",
    r"(?:accept|reject|decline|manage|allow|customi[sz]e)(?: all| our)? cookies\b.*",
    r"cookies? (?:policy|settings|preferences|consent|notice|banner)\b.*",
    r"cookies?",
)
_SHARE = _rx(
    r"share(?: this(?: article| story| post| page| video)?| the (?:article|story)"
    r"| (?:on|via|to) [\w .+-]{1,40}|:.{0,120})?\W{0,3}",
    r"(?:click|tap) (?:here )?to share\b.{0,80}",
    r"(?:print|email|e-mail)(?: this)?(?: article| story| page)\W{0,3}",
    r"(?:print|email|e-mail) this\W{0,3}",
)
_FOLLOW = _rx(
    r"follow us(?:(?: on| at| via| ?:) [^,;\"“”]{1,100})?\W{0,3}",
    r"follow [\w .&'’-]{1,40} on (?:twitter|x|facebook|instagram|telegram|linkedin|youtube|tiktok"
    r"|threads|bluesky|mastodon|google news|whatsapp|viber)\b.{0,80}",
    r"(?:join|find|like) us on (?:twitter|x|facebook|instagram|telegram|linkedin|youtube|tiktok"
    r"|threads|bluesky|mastodon|whatsapp|viber)\b.{0,80}",
    r"join our (?:telegram|whatsapp|viber|discord)(?: channel| group)?\b.{0,80}",
)
_NEWSLETTER = _rx(
    r"(?:sign ?up|subscribe|register)(?: now| today| here| free| for free)?\b.{0,60}?"
    r"\bnewsletters?\b.{0,140}",
    r"(?:click|tap) here to (?:subscribe|sign up|register|join|follow|support|donate)\b.{0,100}",
    r"subscribe(?: now| today| here)?\W{0,3}",
    r"(?:already a subscriber|become a (?:member|subscriber|supporter|patron)"
    r"|support (?:our|independent) journalism)\b.{0,150}",
    r"get (?:our|the) (?:latest |newest |best )?(?:news|articles|stories|headlines|updates)\b"
    r".{0,40}\b(?:inbox|by email|instantly)\b.{0,40}",
)
# "All rights reserved" in English and the region's languages.
_RIGHTS_RESERVED = (
    r"all rights reserved|të gjitha të drejtat(?: e)?(?: janë)?(?: të)? rezervuara"
    r"|sva prava (?:su )?(?:zadržana|pridržana|zaštićena)|сва права (?:су )?задржана"
    r"|сите права се задржани"
)
_COPYRIGHT = _rx(
    r"(?:copyright ?)?© ?.{0,150}",
    r"(?:copyright ?)?\(c\) ?(?:19|20)\d{2}\b.{0,150}",
    r"copyright (?:© ?)?(?:(?:19|20)\d{2}|by)\b.{0,150}",
    r".{0,150}?\b(?:" + _RIGHTS_RESERVED + r")\W{0,3}",
    r"[^\s@].{0,80}? ?[@©] ?(?:19|20)\d{2}\b.{0,100}",
)
_TAGS = _rx(r"(?:tags?|tagged(?: with| as)?|filed under|keywords|categor(?:y|ies)) ?:.{0,250}")
_COMMENT = _rx(
    r"(?:leave|write|post|add|submit|make|drop|share) (?:a |an |your |the )?"
    r"(?:comment|reply|response|opinion)s?(?: (?:below|here|to [\w .'-]{1,60}))?\W{0,3}",
    r"\d+ (?:comments?|replies|responses|reactions)\W{0,3}",
    r"(?:ostavite|napišite|napisite|ostavi|dodaj(?:te)?) komentar|lini (?:një )?koment"
    r"|(?:оставите|оставете|напишите|остави) коментар|(?:komentari|komente|коментари)"
    r"(?: ?\(\d+\))?\W{0,3}",
    r"comments?(?: ?\(\d+\))?\W{0,3}",
    r"(?:replies|responses|reactions) ?\(\d+\)\W{0,3}",
    r"(?:cancel reply|post comment|submit comment|send comment|add comment|show comments"
    r"|view comments|hide comments|load more comments|no comments(?: yet)?|comments are closed"
    r"|log in to comment|reply)\W{0,3}",
    r"(?:be the first to comment|join the (?:discussion|conversation)"
    r"|(?:you must be )?logged in to (?:post a )?comment)\b.{0,60}",
    r"your email address will not be published\b.{0,150}",
    r"required fields are marked\b.{0,20}",
    r"save my name,? email,? and website\b.{0,150}",
    r"notify me of (?:follow-up comments|new posts|new comments)\b.{0,120}",
    r"this site uses akismet\b.{0,150}",
)
# A label alone on its line, followed by the headline it links to.
_NAV_LABEL = _rx(
    r"(?:[«‹<←] ?)?(?:previous|prev|next|older|newer)"
    r"(?: (?:article|post|story|entry|news|item|page))?(?: ?[»›>→])?\W{0,2}",
    r"(?:[«‹<←] ?)?(?:prethodni|sljedeći|sledeći|следећи|претходни|следен) (?:članak|clanak"
    r"|чланак|članak|напис|tekst|текст|вест|vijest|vest)(?: ?[»›>→])?\W{0,2}",
    r"(?:[«‹<←] ?)?artikulli i (?:mëparshëm|radhës|ardhshëm)(?: ?[»›>→])?\W{0,2}",
)
_NAV_WITH_TEXT = _rx(
    r"(?:previous|prev|next|older|newer) (?:article|post|story|entry)s? ?[:»›>→|–—-] ?\S.{0,250}",
)
# "Read also" and "Related" in Albanian, Bosnian/Croatian/Serbian (both scripts) and Macedonian.
_LOCAL_SEE_ALSO = (
    r"lexoni edhe|lexo edhe|lexo më shumë|lexoni më shumë|(?:lajme|artikuj) të ngjashëm?"
    r"|pročitajte (?:i|još|takođe|također|više)|procitajte (?:i|jos|takodje|vise)"
    r"|(?:povezane|vezane|slične) (?:vijesti|vesti|teme)|povezano|vidi (?:i|još)"
    r"|прочитајте (?:и|још|више|повеќе)|опширније|повезане вести|повезано|поврзани вести"
    r"|поврзано|види (?:и|још)"
)
_SEE_ALSO_LABEL = _rx(
    r"(?:see also|read (?:also|more|next|this)|also read|more(?: on this(?: story| topic)?"
    r"| about this| news| stories| articles| from [\w .'’-]{1,30})?"
    r"|related(?: (?:articles?|posts?|stories|news|content|coverage|reading|topics|links|items))?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)"
    r"|recommended(?: for you| articles| stories| reading)?|most (?:read|popular|viewed|shared)"
    r"|trending(?: now| stories| news)?|don'?t miss|must read|editor'?s (?:picks?|choice)"
    r"|top stories|latest (?:news|articles|stories|posts)|popular (?:posts|articles|stories)"
    r"|" + _LOCAL_SEE_ALSO + r")\W{0,3}",
)
_SEE_ALSO_WITH_TEXT = _rx(
    r"(?:see also|read (?:also|more|next)|also read|" + _LOCAL_SEE_ALSO + r")"
    r" ?[:»›>→|–—-] ?(?P<a>\S.{0,250})",
    r"(?:related|more|recommended|also on [\w.-]{1,30}) ?[:»›>→|] ?(?P<b>\S.{0,250})",
    r"see also (?P<c>\S.{0,250})",
)
_SOCIAL = frozenset(
    (
        "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "email", "e-mail", "mail",
        "reddit", "pinterest", "viber", "print", "messenger", "tumblr", "vk", "instagram",
        "youtube", "tiktok", "threads", "bluesky", "mastodon", "share", "copy", "link",
        "flipboard", "pocket", "skype", "wechat", "sms",
    )
)  # fmt: skip

# Footer-only anchors: they end an article but are ordinary words in a body.
_FOOTER_ANCHOR = _rx(
    r"(?:about(?: us)?|who we are|contact(?: us)?|impressum|imprint|privacy(?: policy| notice)?"
    r"|terms(?: of (?:use|service))?(?: (?:and|&) conditions)?|terms (?:and|&) conditions"
    r"|disclaimer|advertise(?: with us)?|advertising|careers|jobs|sitemap|rss(?: feeds?)?"
    r"|editorial (?:board|team|staff|policy)|our team|masthead|faq|help|newsletters?"
    r"|social media|legal notice|accessibility|corrections|(?:ethics|editorial) policy"
    r"|code of ethics|donate|support us)\W{0,3}",
    r"(?:contact|tel|telephone|phone|mob|mobile|fax|e-?mail|mail|whatsapp|viber|skype)"
    r"\.? ?:.{0,150}",
    r"(?:address|adress|adresa|addr|location|headquarters|head office|editorial office"
    r"|newsroom|redakcija|redaksia)\.? ?:.{0,150}",
    r"\+?\d[\d ()./-]{6,24}\d",
    r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}",
    r"powered by\b.{1,60}",
    r".{1,60}? is (?:an? |the )?(?:[\w-]+ ){0,3}?(?:media|news) (?:outlet|portal|site|website"
    r"|platform|agency|company|brand|service|publication|organi[sz]ation)\b.{0,120}",
    r".{1,60}? is (?:an? )?(?:part|member|publication|product|project|brand) of\b.{1,120}",
)
# A heading that introduces a list of sources or links; removed only when nothing but boilerplate
# follows it.
_SOURCES_HEADING = _rx(
    r"(?:sources?|references?|notes|footnotes|links|bibliography|citations|further reading"
    r"|related links|sources and references)\W{0,3}"
)

# Navigation at the top of a page.
_NAV_WORDS = frozenset(
    (
        "home", "homepage", "home page", "news", "latest", "latest news", "breaking news",
        "all news", "menu", "main menu", "search", "login", "log in", "sign in", "sign up",
        "register", "subscribe", "skip to content", "skip to main content", "skip to navigation",
        "jump to content", "toggle navigation", "navigation", "close", "open menu", "close menu",
        "back", "go back", "back to top", "top", "about", "about us", "contact", "contact us",
        "english", "language", "languages", "more", "categories", "sections", "newsletter",
        "print", "listen", "share", "follow us", "donate", "support us", "account", "my account",
        "log out", "logout", "sign out", "en", "sq", "sr", "mk", "bs", "hr",
        # the same in the region's languages
        "početna", "naslovna", "vijesti", "vesti", "novosti", "pretraga", "pretraži", "meni",
        "почетна", "насловна", "вести", "вијести", "новости", "претрага", "мени",
        "ballina", "kryefaqja", "lajme", "kërko", "menyja",
    )
)  # fmt: skip
_BREADCRUMB_SPLIT = re.compile(r" (?:>|»|›|→|::) ")
_SLASH_SPLIT = re.compile(r" (?:/|\|) ")


_SHARE_PREFIX = re.compile(
    r"share(?: this(?: article| story| post| page)?)?(?: on| via)? ?:? ?", _I
)


def _is_social_row(text: str) -> bool:
    """A row of share buttons: "Facebook Twitter Email", "Share: Facebook | X"."""
    if len(text) > 150:
        return False
    prefix = _SHARE_PREFIX.match(text)
    if prefix and prefix.end():
        text = text[prefix.end() :] or "share"
    tokens = [t for t in re.split(r"[\s|•·,/]+", text.casefold()) if t]
    if not tokens or len(tokens) > 12:
        return False
    joined = " ".join(tokens).replace("copy link", "copy")
    parts = joined.split()
    social = [t for t in parts if t in _SOCIAL or t == "copy"]
    return len(social) == len(parts) and (len(parts) >= 2 or parts[0] == "share")


def _anywhere_kind(line: _Line) -> tuple[str, bool] | None:
    """(kind, is_label) for a line that is boilerplate wherever it stands, else None.

    ``is_label`` means the line is a label alone ("Next Article", "Related") and the headline on
    the next line belongs to it.
    """
    text = line.text
    if not text or len(text) > _PATTERN_LIMIT:
        return None
    if _NAV_LABEL.fullmatch(text):
        return NAVIGATION, True
    if _SEE_ALSO_LABEL.fullmatch(text):
        return SEE_ALSO, True
    if _NAV_WITH_TEXT.fullmatch(text):
        return NAVIGATION, False
    match = _SEE_ALSO_WITH_TEXT.fullmatch(text)
    if match:
        rest = match.group("a") or match.group("b") or match.group("c") or ""
        if rest.count(" ") < 30 and _tail(rest) != ".":
            return SEE_ALSO, False
    if _COMMENT.fullmatch(text):
        return COMMENT, False
    if len(text) <= 200 and (_COPYRIGHT.fullmatch(text) or _TAGS.fullmatch(text)):
        return FOOTER, False
    for pattern in (_ADVERT, _COOKIE, _SHARE, _FOLLOW, _NEWSLETTER):
        if pattern.fullmatch(text):
            return FOOTER, False
    if _is_social_row(text):
        return FOOTER, False
    return None


def _footer_anchor(line: _Line) -> bool:
    text = line.text
    return 0 < len(text) <= 250 and _FOOTER_ANCHOR.fullmatch(text) is not None


def _nav_key(text: str) -> str:
    return _key(text).strip(" »›>|/→←«‹<")


def _strong_nav(line: _Line) -> bool:
    """Unmistakably site navigation: a menu word, a breadcrumb, a row of section names."""
    text = line.text
    if not text:
        return True
    if len(text) > 150:
        return False
    if _nav_key(text) in _NAV_WORDS:
        return True
    if _tail(text) in ".!?" or _parse_byline(text) is not None:
        return False
    parts = _BREADCRUMB_SPLIT.split(text)
    if len(parts) < 2:
        # "Home / News / World": slashes and bars only when a menu word leads
        parts = _SLASH_SPLIT.split(text)
        if len(parts) < 2 or _nav_key(parts[0]) not in _NAV_WORDS:
            return False
    return all(p and p.count(" ") < 5 for p in parts) and line.words <= 15


def _nav_candidate(line: _Line) -> bool:
    """Could be navigation when it stands above the title."""
    if _strong_nav(line):
        return True
    if _parse_byline(line.text) is not None:
        return False
    if line.bullet and line.words <= 15 and _tail(line.text) not in ".!?:":
        return True
    tokens = line.text.split()
    if (
        tokens
        and tokens[0].casefold() == "home"
        and len(tokens) <= 12
        and all(t[0].isupper() for t in tokens)
    ):
        return True
    return line.words <= 2 and _tail(line.text) not in ".!?:"


# --------------------------------------------------------------------------------------------
# Bylines and dates

# Month names in English and in the region's languages (Albanian, Bosnian/Croatian/Serbian in
# both scripts, Macedonian), nominative and genitive.
_MONTH_NAMES = (
    "january jan januar januara janar siječanj siječnja sijecanj sijecnja јануар јануара јануари",
    "february feb februar februara shkurt veljača veljače veljaca veljace фебруар фебруара "
    "февруари",
    "march mar mart marta mars ožujak ožujka ozujak ozujka март марта",
    "april apr aprila prill travanj travnja април априла",
    "may maj maja svibanj svibnja мај маја",
    "june jun juni juna qershor lipanj lipnja јун јуна јуни",
    "july jul juli jula korrik srpanj srpnja јул јула јули",
    "august aug avgust avgusta augusta gusht kolovoz kolovoza август августа",
    "september sep sept septembar septembra shtator rujan rujna септембар септембра септември",
    "october oct oktobar oktobra tetor listopad listopada октобар октобра октомври",
    "november nov novembar novembra nëntor nentor studeni studenog studenoga новембар новембра "
    "ноември",
    "december dec decembar decembra dhjetor prosinac prosinca децембар децембра декември",
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_WEEKDAY = r"(?:(?:[a-z]{3,6}day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,? )?"
_TIME = (
    r"(?:(?: ?,| at| -| –| \|)? ?\d{1,2}[:.]\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?"
    r"(?: ?\(?[a-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?)?"
)
_YEAR_WORD = r"(?:\.? ?(?:godine|godina|god\.|g\.|године|год\.|г\.|година))?"
_DATE_DMY = re.compile(
    _WEEKDAY
    + r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\.? (?:of )?(?P<m>[^\W\d_]{3,10})\.?,? (?P<y>\d{4})"
    + _YEAR_WORD
    + _TIME,
    _I,
)
_DATE_MDY = re.compile(
    _WEEKDAY + r"(?P<m>[^\W\d_]{3,10})\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})" + _TIME,
    _I,
)
_DATE_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:z|[+-]\d{2}:?\d{2})?)?" + _TIME,
    _I,
)
_DATE_DOTTED = re.compile(
    _WEEKDAY + r"(?P<d>\d{1,2})\. ?(?P<m>\d{1,2})\. ?(?P<y>\d{4})\.?" + _YEAR_WORD + _TIME, _I
)
_DATE_SLASH = re.compile(_WEEKDAY + r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})" + _TIME, _I)
_DATE_LABEL = re.compile(
    r"(?:published|posted|updated|last updated|last modified|modified|date|created|"
    r"first published|objavljeno|publikuar)(?: on| at)? ?:? ?",
    _I,
)
_READING_TIME = _rx(
    r"\d{1,3} ?(?:min(?:ute)?s?|mins?)\.?(?: read| reading(?: time)?)?",
    r"(?:reading time|read time) ?:? ?\d{1,3} ?(?:min(?:ute)?s?|mins?)\.?",
)
_BY_PREFIX = re.compile(
    r"(?:(?:written|reported|words|text|story) by|by|authors?|autor|writer) ?:? ", _I
)
_BYLINE_SPLIT = re.compile(r" ?[|·•] ?| [—–-] | / ")
_NAME_PARTICLES = frozenset(
    ("de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "du", "bin", "al",
     "el", "ibn", "y", "e", "dos", "das", "ter", "ten")
)  # fmt: skip
_NAME_JOINERS = frozenset(("and", "&", "und", "i", "dhe", "и"))
_NAME_CHARS = frozenset("-'’.")


class _Date:
    """A date read from a byline; ``value`` is None when the form is ambiguous (03/04/2025)."""

    __slots__ = ("value",)

    def __init__(self, value: dt.date | None) -> None:
        self.value = value


def _make_date(year: str, month: int | None, day: str | int) -> dt.date | None:
    if month is None:
        return None
    try:
        value = dt.date(int(year), month, int(day))
    except ValueError:
        return None
    return value if 1900 <= value.year <= 2100 else None


def _parse_date(text: str) -> _Date | None:
    """A whole string that is a date (optionally with weekday and time), else None."""
    label = _DATE_LABEL.match(text)
    if label:
        text = text[label.end() :]
    text = text.strip(" ,.")
    if not text or len(text) > 60 or not any(ch.isdigit() for ch in text):
        return None
    for pattern in (_DATE_DMY, _DATE_MDY):
        m = pattern.fullmatch(text)
        if m:
            value = _make_date(m["y"], _MONTHS.get(m["m"].casefold()), m["d"])
            return _Date(value) if value else None
    m = _DATE_ISO.fullmatch(text) or _DATE_DOTTED.fullmatch(text)
    if m:
        value = _make_date(m["y"], int(m["m"]), m["d"])
        return _Date(value) if value else None
    m = _DATE_SLASH.fullmatch(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        if a > 12 or a == b:
            value = _make_date(m["y"], b, a)
        elif b > 12:
            value = _make_date(m["y"], a, b)
        else:
            return _Date(None) if _make_date(m["y"], a, b) and _make_date(m["y"], b, a) else None
        return _Date(value) if value else None
    return None


def _valid_name(text: str, *, allow_caps: bool) -> bool:
    text = text.strip(" ,;")
    if not text or len(text) > 80:
        return False
    tokens = text.replace(",", " , ").split()
    names = 0
    caps = 0
    for token in tokens:
        low = token.casefold()
        if token == "," or low in _NAME_JOINERS or low in _NAME_PARTICLES:
            continue
        if not token[0].isupper() or not all(ch.isalpha() or ch in _NAME_CHARS for ch in token):
            return False
        names += 1
        if len(token) > 1 and token.isupper():
            caps += 1
    if not 1 <= names <= 8 or tokens[0].casefold() in _NAME_JOINERS:
        return False
    if names == 1 and not allow_caps:
        return False  # one word without "By" is a place or a section, not a byline
    return allow_caps or caps < names


@dataclass(slots=True)
class _Byline:
    author: str | None
    published: dt.date | None


def _label_like(text: str) -> bool:
    """A short tag beside a date ("Politics | 2 April 2025"); not taken for the author."""
    return (
        len(text) <= 40 and text.count(" ") < 4 and text[0].isupper() and _tail(text) not in ".!?"
    )


def _parse_byline(text: str) -> _Byline | None:
    """A line like "Name | 2 April 2025", "By Name", "March 12, 2025"; else None."""
    if not text or len(text) > 150:
        return None
    by = _BY_PREFIX.match(text)
    body = text[by.end() :] if by else text
    segments = [segment.strip() for segment in _BYLINE_SPLIT.split(body)]
    if len(segments) > 5:
        return None
    author: str | None = None
    date: _Date | None = None
    labels = 0
    reading_time = False
    for index, segment in enumerate(segments):
        if not segment:
            continue
        found = _parse_date(segment)
        if found is not None:
            date = date or found
            continue
        if _READING_TIME.fullmatch(segment):
            reading_time = True
            continue
        named = by is not None and index == 0
        if not named and (inner := _BY_PREFIX.match(segment)):
            segment = segment[inner.end() :]
            named = True
        split = _split_name_date(segment, allow_caps=named)
        if split is not None:
            author = author or split[0]
            date = date or split[1]
            continue
        if _valid_name(segment, allow_caps=named):
            author = author or segment.strip(" ,;")
            continue
        if not named and _label_like(segment):
            labels += 1
            continue
        return None
    if date is not None:
        return _Byline(author, date.value)
    if by is not None and author is not None:
        return _Byline(author, None)
    if reading_time and author is None and labels == 0:
        return _Byline(None, None)
    return None


def _split_name_date(segment: str, *, allow_caps: bool) -> tuple[str | None, _Date] | None:
    """ "Name, 12 March 2025" → (name, date); "PRISTINA, 12 March 2025" → (None, date)."""
    start = 0
    while (comma := segment.find(",", start)) >= 0:
        name, rest = segment[:comma].strip(), segment[comma + 1 :]
        found = _parse_date(rest)
        if found is not None:
            if _valid_name(name, allow_caps=allow_caps):
                return name, found
            if not allow_caps and name and _label_like(name):
                return None, found  # a dateline: the place is not the author
        start = comma + 1
    return None


# --------------------------------------------------------------------------------------------
# Outlet

_OUTLET_OF = re.compile(
    r"(?P<name>\S.{0,58}?) is (?:an? |the )?(?:[\w-]+ ){0,3}?(?:(?:media|news) (?:outlet|portal"
    r"|site|website|platform|agency|company|brand|service|publication|organi[sz]ation)"
    r"|(?:part|member|publication|product|project|brand) of)\b",
    _I,
)
_COPY_LEAD = re.compile(
    r"(?:copyright ?)?(?:©|\(c\)|copyright) ?"
    r"(?:(?:19|20)\d{2}(?: ?[-–] ?(?:(?:19|20)\d{2}|present))? ?,? ?)?"
    r"(?:by )?(?P<name>[^.,|©@]{2,60}?) ?(?:(?:19|20)\d{2})? ?(?:[.,|]|$)",
    _I,
)
_COPY_TRAIL = re.compile(r"(?P<name>[^.,|©@]{2,60}?) ?(?:@|©|\(c\)|copyright) ?(?:19|20)\d{2}", _I)
_COPY_RIGHTS = re.compile(
    r"(?P<name>[^.,|©@]{2,60}?) ?(?:(?:19|20)\d{2})? ?[.,|-]? ?(?:" + _RIGHTS_RESERVED + ")", _I
)


def _outlet_name(name: str) -> str | None:
    name = name.strip(" .,:;|-–—")
    low = name.casefold()
    if (
        not name
        or name.count(" ") > 5
        or not any(ch.isalpha() for ch in name)
        or low.startswith(("all rights", "copyright", "rights reserved"))
        or low in ("the", "this site", "this website", "we")
    ):
        return None
    return name


def _find_outlet(footer_lines: list[str]) -> str | None:
    for text in footer_lines:
        match = _OUTLET_OF.match(text)
        if match and (name := _outlet_name(match["name"])):
            return name
    for text in footer_lines:
        if len(text) > 200:
            continue
        for pattern in (_COPY_TRAIL, _COPY_LEAD, _COPY_RIGHTS):
            match = pattern.match(text)
            if match and (name := _outlet_name(match["name"])):
                return name
    return None


# --------------------------------------------------------------------------------------------
# Repeated leads


_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return [m.group().casefold() for m in _WORD.finditer(text[:_LEAD_CHAR_LIMIT])]


def _is_lead_of_following(lines: list[_Line], index: int, *, cut: bool) -> bool:
    """Whether line ``index`` is word for word the start of the text after it.

    With ``cut`` (the line ended in an ellipsis that was taken off) its last word may be cut short.
    """
    text = lines[index].text
    if cut:
        ending = _ellipsis_end(text)
        if ending is not None:
            text = text[: len(text) - len(ending.group())]
    if len(text) > _LEAD_CHAR_LIMIT or index + 1 >= len(lines):
        return False
    first = _WORD.search(text)
    following = _WORD.search(lines[index + 1].text)
    if (
        first is None
        or following is None
        or first.group().casefold() != (following.group().casefold())
    ):
        return False  # the usual case, decided without tokenising the line
    wanted = _tokens(text)
    if len(wanted) < (5 if cut else 8):
        return False
    k = 0
    for position in range(index + 1, len(lines)):
        for match in _WORD.finditer(lines[position].text):
            token = match.group().casefold()
            last = k == len(wanted) - 1
            if token != wanted[k] and not (cut and last and token.startswith(wanted[k])):
                return False
            k += 1
            if k == len(wanted):
                return True
    return False


# --------------------------------------------------------------------------------------------
# The cleaner


def clean_plaintext(text: str, *, source: str, title_hint: str | None = None) -> Cleaned:
    """Clean plain text scraped from a web page into an article.

    ``source`` names the input (it is not read); ``title_hint`` is a known title, e.g. from a
    record's metadata: a line equal to it is taken as the title.
    """
    return _clean(text.splitlines(), PLAINTEXT_CLEANER, title_hint)


def clean_markdown(text: str, *, source: str, title_hint: str | None = None) -> Cleaned:
    """Clean Markdown: converted to plain paragraphs first, then the plain-text rules.

    A YAML front matter block (``---`` … ``---`` at the very start) is metadata, not text: its
    ``title`` serves as the title hint (and as the title when no line carries it), and its
    ``author``, ``outlet``/``publisher``/``site_name``, ``date``/``published`` and ``url``/
    ``canonical_url`` fill the fields (a date from it has the basis ``metadata``).
    """
    meta, body = _front_matter(text)
    cleaned = _clean(
        markdown_to_plain(body).splitlines(), MARKDOWN_CLEANER, title_hint or meta.get("title")
    )
    if not meta:
        return cleaned
    updates: dict[str, object] = {}
    if cleaned.title is None and meta.get("title"):
        updates["title"] = meta["title"]
    if meta.get("author"):
        updates["author"] = meta["author"]
    outlet = meta.get("outlet") or meta.get("publisher") or meta.get("site_name")
    if outlet:
        updates["outlet"] = outlet
    for key in ("published", "date", "pubdate", "publish_date", "date_published"):
        found = _parse_date(meta.get(key, ""))
        if found is not None and found.value is not None:
            updates["published"] = found.value
            updates["published_basis"] = "metadata"
            break
    url = meta.get("canonical_url") or meta.get("canonical") or meta.get("url")
    if url and url.startswith(("http://", "https://")):
        updates["canonical_url"] = url
    return replace(cleaned, **updates)  # type: ignore[arg-type]


_FRONT_MATTER_KEY = re.compile(r"([A-Za-z_][\w-]{0,40}) ?: ?(.*)")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """(fields, rest) of a leading ``---`` block of ``key: value`` lines; ({}, text) if none."""
    head = text[:20_000].lstrip("\ufeff")
    lines = head.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for index, line in enumerate(lines[1:200], 1):
        if line.strip() in ("---", "..."):
            consumed = sum(len(x) for x in head.splitlines(keepends=True)[: index + 1])
            return meta, head[consumed:] + text[20_000:]
        match = _FRONT_MATTER_KEY.fullmatch(line.strip())
        if match and not line[:1].isspace():
            value = _collapse(match.group(2))
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1].strip()
            if value:
                meta[match.group(1).casefold()] = value
    return {}, text


def _find_hinted_title(lines: list[_Line], title_hint: str) -> int | None:
    hint = _key(title_hint)
    if not hint or not any(ch.isalnum() for ch in hint):
        return None  # a separator such as "* * *" is no title, whatever the page says
    # "Headline | Site" or "Headline - Site" as a hint still finds the headline line.
    prefixes = [hint]
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        if sep in hint:
            prefixes.append(hint.rsplit(sep, 1)[0].strip())
    found: int | None = None
    for index, line in enumerate(lines[:_HEADER_LIMIT]):
        if len(line.text) <= 2 * len(hint) + 10 and _key(line.text) in prefixes:
            if not line.bullet:
                return index
            found = index if found is None else found
        elif _body_like(line) and _anywhere_kind(line) is None:
            break
    return found


def _clean(raw_lines: Iterable[str], cleaner: str, title_hint: str | None) -> Cleaned:
    lines = _make_lines(raw_lines)
    n = len(lines)
    kinds: list[str | None] = [None] * n
    # What each line is when it stands anywhere ("See also …", "Share this", "Next Article" …).
    strong = [_anywhere_kind(line) for line in lines]
    skind: list[str | None] = [s[0] if s else None for s in strong]
    label = [bool(s and s[1]) for s in strong]
    # A line right after a label alone ("Next Article", "Related") is the headline it links to.
    paired: list[str | None] = [None] * n
    for i in range(n - 1):
        if label[i] and skind[i + 1] is None and _pairable(lines[i + 1]):
            paired[i + 1] = skind[i]

    title_index, body_start = _header(lines, kinds, skind, title_hint)

    # Bylines (and the headline printed twice) right under the title.
    title_key = _key(lines[title_index].text) if title_index is not None else None
    i = body_start
    while i < n and i < body_start + _BYLINE_WINDOW:
        line = lines[i]
        if skind[i] is not None and not label[i]:
            kinds[i] = skind[i]
        elif title_key is not None and len(line.text) < 300 and _key(line.text) == title_key:
            kinds[i] = TITLE
        elif _is_byline(line):
            kinds[i] = BYLINE
        else:
            break
        i += 1
    body_start = i
    author: str | None = None
    published: dt.date | None = None
    for i in range(body_start):
        if kinds[i] == BYLINE and (found := _parse_byline(lines[i].text)) is not None:
            author = author or found.author
            published = published or found.published

    # Repeated leads and teaser + headline pairs: lines cut off with an ellipsis.
    for i in range(body_start, n):
        if kinds[i] is not None or skind[i] is not None or paired[i] is not None:
            continue
        ending = _ellipsis_end(lines[i].text)
        if ending is None:
            continue
        if _is_lead_of_following(lines, i, cut=True):
            kinds[i] = REPEATED_LEAD
        elif ending.group()[0] in "[(" and lines[i].words <= 150:
            before = i - 1
            if (
                before >= body_start
                and kinds[before] in (None, TEASER)
                and paired[before] in (None, SEE_ALSO)
                and skind[before] is None
                and _headline_like(lines[before])
            ):
                kinds[i] = TEASER
                if paired[before] is None:
                    kinds[before] = TEASER
            elif i + 1 < n and skind[i + 1] == SEE_ALSO:  # "… […]" then "Read more"
                kinds[i] = TEASER

    # Footer: the zone at the end that holds nothing but anchors and short lines.
    top = _footer_top(lines, body_start, kinds, skind, label, paired)
    current = FOOTER
    for i in range(top, n):
        if kinds[i] is None:
            if skind[i] is not None:
                kinds[i] = skind[i]
            elif paired[i] is not None:
                kinds[i] = paired[i]
            elif _footer_anchor(lines[i]) or _SOURCES_HEADING.fullmatch(lines[i].text):
                kinds[i] = FOOTER
            else:
                kinds[i] = current  # a line inside the zone goes with the anchor above it
        current = kinds[i] or current

    # Body: boilerplate that stands alone anywhere, and paragraphs repeated word for word.
    for i in range(body_start, top):
        if kinds[i] is not None:
            continue
        if skind[i] is not None:
            kinds[i] = skind[i]
        elif paired[i] is not None:
            kinds[i] = paired[i]
        elif (
            not lines[i].bullet
            and lines[i].words >= 8
            and _is_lead_of_following(lines, i, cut=False)
        ):
            kinds[i] = REPEATED_LEAD

    footer_texts = [lines[i].text for i in range(n) if kinds[i] == FOOTER]
    return Cleaned(
        text=_paragraphs(lines, kinds),
        cleaner=cleaner,
        title=lines[title_index].text if title_index is not None else None,
        author=author,
        outlet=_find_outlet(footer_texts),
        published=published,
        published_basis="byline" if published is not None else "none",
        removed=tuple(Removed(k, lines[i].raw) for i, k in enumerate(kinds) if k is not None),
    )


_OPEN_ENDINGS = frozenset(("a", "an", "the", "of", "and", "or", "to", "for", "with", "from"))


def _continued(lines: list[_Line], index: int) -> bool:
    """Whether line ``index`` is the first part of a wrapped sentence, so not a headline."""
    text = lines[index].text
    if text[text.rfind(" ") + 1 :].casefold() in _OPEN_ENDINGS:
        return True
    following = lines[index + 1] if index + 1 < len(lines) else None
    return (
        following is not None
        and following.block == lines[index].block
        and _first_alnum_is_lower(following.text)
    )


def _is_byline(line: _Line) -> bool:
    return not line.bullet and _parse_byline(line.text) is not None


def _short_sentence(line: _Line) -> bool:
    return line.words <= 25 and len(line.text) <= 200


def _footer_top(
    lines: list[_Line],
    body_start: int,
    kinds: list[str | None],
    skind: list[str | None],
    label: list[bool],
    paired: list[str | None],
) -> int:
    """Where the footer zone at the end starts (``len(lines)`` when there is none).

    Scanning up from the end, the zone takes anchors (footer lines, boilerplate, comment
    prompts, links to other articles), short lines between them, and at most two short sentences
    in a row ("Get the day's top stories in your inbox."). It starts at an anchor; a sentence is
    in it only below an anchor that opens a footer, not below an advertisement or a "See also"
    link that may stand in the body.
    """
    n = len(lines)
    anchors: dict[int, bool] = {}  # index → whether it opens a footer
    top = n
    loose = 0
    i = n - 1
    while i >= body_start:
        line = lines[i]
        if kinds[i] or skind[i] or paired[i] or _footer_anchor(line):
            inline = kinds[i] in (TEASER, REPEATED_LEAD) or paired[i] is not None
            inline = inline or (skind[i] == SEE_ALSO and not label[i])
            inline = inline or (skind[i] == FOOTER and _ADVERT.fullmatch(line.text) is not None)
            anchors[i] = not inline
            top, loose = i, 0
        elif top == i + 1 and len(line.text) <= 60 and _SOURCES_HEADING.fullmatch(line.text):
            anchors[i] = True  # an empty "Sources" heading: nothing but boilerplate after it
            top, loose = i, 0
        elif _weak(line):
            pass
        elif top < n and loose < 2 and _short_sentence(line):
            loose += 1
        else:
            break
        i -= 1
    start = top
    opened = False
    for i in range(top, n):
        if i in anchors:
            opened = opened or anchors[i]
        elif not opened and not _weak(lines[i]):
            # a sentence with no footer opener above it: the zone can only start further down
            start = next((k for k in range(i + 1, n) if k in anchors), n)
    return start


def _header(
    lines: list[_Line], kinds: list[str | None], skind: list[str | None], title_hint: str | None
) -> tuple[int | None, int]:
    """Find the title and mark what stands above it; return (title index, first line after).

    Above the title: navigation, and bylines (marked ``byline``; read by the caller).
    """
    n = len(lines)
    title_index = _find_hinted_title(lines, title_hint) if title_hint else None
    hinted = title_index is not None
    # The run of lines at the top that could be navigation, then any byline lines.
    run = 0
    while run < min(n, _HEADER_LIMIT) and (skind[run] is not None or _nav_candidate(lines[run])):
        run += 1
    after = run
    while after < min(n, run + _BYLINE_WINDOW) and _is_byline(lines[after]):
        after += 1
    if (
        title_index is None
        and after < n
        and _headline_like(lines[after])
        and not _continued(lines, after)
        and any(_body_like(line) for line in lines[after + 1 :])
    ):
        title_index = after
    if title_index is None and 0 < run < n and (_body_like(lines[run]) or _is_byline(lines[run])):
        # "Home / Short headline / body": the last short line above the body is the headline.
        last = lines[run - 1]
        if (
            skind[run - 1] is None
            and not _strong_nav(last)
            and _headline_like(last)
            and not _continued(lines, run - 1)
        ):
            title_index = run - 1

    if title_index is not None:
        kinds[title_index] = TITLE
        for i in range(title_index):
            if skind[i] is not None:
                kinds[i] = skind[i]
            elif _is_byline(lines[i]):
                kinds[i] = BYLINE
            elif not (hinted and _body_like(lines[i])):
                kinds[i] = NAVIGATION
        return title_index, title_index + 1
    # No title: only what is unmistakably navigation goes.
    last_nav = -1
    for i in range(run):
        if skind[i] is not None or _strong_nav(lines[i]):
            last_nav = i
    for i in range(last_nav + 1):
        kinds[i] = skind[i] or NAVIGATION
    return None, last_nav + 1


def _wrap_width(run: list[_Line]) -> int | None:
    """The width a run of lines was hard-wrapped at, or None when it reads as one line each.

    Wrapped text has lines of about the same length (at most 100 characters), most of them
    broken in mid-sentence; a paragraph ends at a shorter line.
    """
    if len(run) < 2:
        return None
    widest = max(len(line.text) for line in run)
    inner = [line for line in run[:-1] if not line.bullet]
    if widest > 100 or not inner:
        return None
    long = [line for line in inner if len(line.text) >= max(30, 0.6 * widest)]
    if len(long) * 3 < len(inner) * 2:
        return None
    open_ended = sum(1 for line in long if _tail(line.text) not in ".!?:")
    return widest if open_ended * 2 >= len(long) else None


def _paragraphs(lines: list[_Line], kinds: list[str | None]) -> str:
    """The kept lines as paragraphs, one blank line apart.

    Each line is a paragraph, except that hard-wrapped lines are joined again, and so is a line
    that starts in lower case after one that does not end a sentence.
    """
    paragraphs: list[str] = []

    def emit(run: list[_Line]) -> None:
        width = _wrap_width(run)
        for k, line in enumerate(run):
            previous = run[k - 1] if k else None
            if previous is None or line.bullet:
                continues = False
            elif width is not None and not previous.bullet:
                continues = len(previous.text) >= 0.6 * width
            else:
                continues = (
                    _tail(previous.text) not in ".!?:;"
                    and _first_alnum_is_lower(line.text)
                    and not line.text.startswith(("http://", "https://", "www."))
                )
            if continues:
                paragraphs[-1] += " " + line.text
            else:
                paragraphs.append(line.text)

    run: list[_Line] = []
    for i, line in enumerate(lines):
        if kinds[i] is not None or not line.text or (run and run[-1].block != line.block):
            emit(run)
            run = []
        if kinds[i] is None and line.text:
            run.append(line)
    emit(run)
    return "\n\n".join(paragraphs)


# --------------------------------------------------------------------------------------------
# Markdown

_ESCAPABLE = "\\`*_{}[]()#+-.!~<>|"
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~<>|])")
_UNESCAPE = {0xF0000 + ord(c): c for c in _ESCAPABLE}
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}+\](?:\([^()\n]{0,2000}+\)|\[[^\[\]\n]{0,200}+\])?")
_LINK = re.compile(r"\[([^\[\]\n]{0,500}+)\](?:\([^()\n]{0,2000}+\)|\[[^\[\]\n]{0,200}+\])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]{1,50}+\]")
_AUTOLINK = re.compile(
    r"<((?:https?://|mailto:)[^<>\s]{1,2000}+|[^<>\s@]{1,200}+@[^<>\s]{1,200}+)>"
)
_HTML_BREAK = re.compile(r"<br ?/?>", _I)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}+(?:\s[^<>\n]{0,500}+)?/?>")
_EMPHASIS = re.compile(
    r"(?:^|(?<=[\s(\[{\"'“‘«/-]))(?:\*++|_++|~~)(?=\S)"
    r"|(?<=[^\s*_~])(?:\*++|_++|~~)(?=$|[\s)\]}.,;:!?\"'”’»/-])"
)
_REF_DEFINITION = re.compile(r" {0,3}\[[^\[\]\n]{1,200}+\]: ?\S")
_LIST_ITEM = re.compile(r"([-*+•]|\d{1,9}[.)])(?: +(.*))?")
_TABLE_RULE = re.compile(r"\|?(?: ?:?-{1,}+:? ?\|)+ ?:?-*+:? ?\|?")


def _strip_html_comments(text: str) -> str:
    if "<!--" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _inline(text: str) -> str:
    """Markdown inline markup to plain text: links to their text, images dropped, markers off."""
    text = _ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), text)
    text = _strip_html_comments(text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)  # a link inside a link's text
    text = _FOOTNOTE_REF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_BREAK.sub(" ", text)
    text = _HTML_TAG.sub("", text)
    text = text.replace("`", "")
    text = _EMPHASIS.sub("", text)
    text = html.unescape(text) if "&" in text else text
    return _collapse(text.translate(_UNESCAPE))


def _heading(stripped: str) -> str | None:
    """The text of an ATX heading ("## Title ##"), or None when the line is not one."""
    level = len(stripped) - len(stripped.lstrip("#"))
    if not 1 <= level <= 6:
        return None
    rest = stripped[level:]
    if rest and rest[0] not in " \t":
        return None
    rest = rest.strip()
    closing = rest.rstrip("#")
    if closing != rest and (not closing or closing[-1] in " \t"):
        rest = closing.strip()
    return rest


def _rule(stripped: str) -> bool:
    """A thematic break: three or more of the same -, * or _ (spaces allowed)."""
    compact = stripped.replace(" ", "").replace("\t", "")
    return len(compact) >= 3 and compact[0] in "-*_" and compact == compact[0] * len(compact)


def markdown_to_plain(text: str) -> str:
    """Markdown to plain text: one line per paragraph, heading or list item, blocks apart.

    Headings lose their ``#``, links become their text, images and thematic breaks are dropped,
    emphasis and code markers go, list items keep a ``-`` bullet (ordered ones their number) so
    the plain-text rules can tell them; fenced code keeps its lines.
    """
    out: list[str] = []
    paragraph: list[str] = []
    prefix = ""
    fence: str | None = None

    def flush() -> None:
        nonlocal prefix
        if paragraph:
            line = _inline(" ".join(paragraph))
            if line:
                out.append(prefix + line)
            paragraph.clear()
        prefix = ""

    def blank() -> None:
        flush()
        if out and out[-1] != "":
            out.append("")

    for source_line in text.splitlines():
        stripped = source_line.strip()
        if fence is not None:
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
                blank()
            elif stripped:
                out.append(_collapse(stripped))
            continue
        if stripped.startswith(("```", "~~~")):
            blank()
            marker = stripped[0]
            fence = marker * (len(stripped) - len(stripped.lstrip(marker)))
            continue
        while stripped.startswith(">"):
            stripped = stripped[1:].lstrip()
        if not stripped:
            blank()
            continue
        if paragraph and not prefix and (set(stripped) == {"="} or set(stripped) == {"-"}):
            flush()  # a setext heading underline
            blank()
            continue
        if _rule(stripped):
            blank()
            continue
        heading = _heading(stripped)
        if heading is not None:
            blank()
            if heading:
                line = _inline(heading)
                if line:
                    out.append(line)
            blank()
            continue
        if _REF_DEFINITION.match(stripped) and stripped.startswith("["):
            flush()
            continue
        if stripped.startswith("|") or (stripped.count("|") >= 2 and not paragraph):
            flush()
            if _TABLE_RULE.fullmatch(stripped):
                continue
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            row = " | ".join(c for c in (_inline(c) for c in cells) if c)
            if row:
                out.append(row)
            continue
        item = _LIST_ITEM.fullmatch(stripped)
        if item and item.group(2):
            flush()
            marker = item.group(1)
            prefix = "- " if marker in "-*+•" else marker + " "
            paragraph.append(item.group(2))
            continue
        if item and not item.group(2) and stripped in "-*+•":
            continue  # an empty list item
        paragraph.append(stripped)
    flush()
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)
