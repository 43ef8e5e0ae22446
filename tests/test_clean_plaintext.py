"""The plain-text and Markdown cleaner: each rule on small texts, and what must always hold."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from watchfloor.clean.plaintext import (
    MARKDOWN_CLEANER,
    PLAINTEXT_CLEANER,
    clean_markdown,
    clean_plaintext,
    markdown_to_plain,
)
from watchfloor.types import Cleaned

BODY = (
    "The leaders of Kosovo and Serbia met in Brussels on Tuesday for a new round of "
    "EU-facilitated talks, the first since the summer."
)
BODY2 = "Officials said the meeting lasted four hours and that another round would follow in April."
BODY3 = "The envoy said progress was possible but that both sides had to make compromises."


def clean(text: str, title_hint: str | None = None) -> Cleaned:
    return clean_plaintext(text, source="test.txt", title_hint=title_hint)


def kinds(cleaned: Cleaned) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in cleaned.removed]


def paragraphs(cleaned: Cleaned) -> list[str]:
    return cleaned.text.split("\n\n") if cleaned.text else []


# Characters the cleaner drops as invisible (zero-width spaces and marks, BOM, soft hyphen).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u2060\ufeff\u00ad"), None)


def normalise(line: str) -> str:
    return " ".join(line.translate(_INVISIBLE).split())


def assert_nothing_lost(source_lines: list[str], cleaned: Cleaned) -> None:
    """Every non-blank input line is in the text (bullet glyph aside) or removed, in order."""
    removed = Counter(r.text for r in cleaned.removed)
    order = iter(line for line in map(normalise, source_lines) if line)
    for r in cleaned.removed:  # removed entries appear in input order
        assert any(line == r.text for line in order), f"{r!r} out of order or not from the input"
    for source_line in source_lines:
        line = normalise(source_line)
        if not line:
            continue
        if removed[line] > 0:
            removed[line] -= 1
            continue
        content = line[2:] if len(line) > 1 and line[1] == " " and not line[0].isalnum() else line
        if len(line) == 1 and not line.isalnum():
            content = ""
        assert content in cleaned.text or line in cleaned.text, f"lost: {line!r}"


def assert_well_formed(cleaned: Cleaned) -> None:
    for paragraph in paragraphs(cleaned):
        assert paragraph, "empty paragraph"
        assert paragraph == " ".join(paragraph.split()), f"whitespace not collapsed: {paragraph!r}"


# --- header: navigation, title, byline -------------------------------------------------------


def test_navigation_before_the_title_and_the_repeated_headline_bullet() -> None:
    text = (
        "• Home \u00a0\n  • Kosovo and Serbia Resume Talks in Brussels\n- News\n\n"
        f"Kosovo and Serbia Resume Talks in Brussels\n\n{BODY}\n\n{BODY2}\n"
    )
    cleaned = clean(text)
    assert cleaned.title == "Kosovo and Serbia Resume Talks in Brussels"
    assert kinds(cleaned) == [
        ("navigation", "• Home"),
        ("navigation", "• Kosovo and Serbia Resume Talks in Brussels"),
        ("navigation", "- News"),
        ("title", "Kosovo and Serbia Resume Talks in Brussels"),
    ]
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_menu_words_and_breadcrumbs_are_navigation() -> None:
    text = f"Skip to content\nMenu\nHome > World > Europe\nTalks Resume in Brussels\n{BODY}\n"
    cleaned = clean(text)
    assert cleaned.title == "Talks Resume in Brussels"
    assert [k for k, _ in kinds(cleaned)] == ["navigation"] * 3 + ["title"]


def test_without_a_title_only_unmistakable_navigation_goes() -> None:
    text = f"Home | News | Politics\n• Key point one\n{BODY}\n"
    cleaned = clean(text)
    assert cleaned.title is None
    assert kinds(cleaned) == [("navigation", "Home | News | Politics")]
    assert paragraphs(cleaned) == ["Key point one", BODY]


def test_title_is_the_first_headline_like_line() -> None:
    cleaned = clean(f"NATO Reassesses Its Presence in the Balkans\n\n{BODY}\n")
    assert cleaned.title == "NATO Reassesses Its Presence in the Balkans"
    assert cleaned.text == BODY


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY}\n{BODY2}\n",  # the first line is a sentence
        "Summary\n" + BODY + "\n",  # one word is a heading, not a title
        "A Headline With Nothing After It\n",  # no body follows
        f"{BODY} Cut off […]\n{BODY2}\n",
    ],
)
def test_no_title_is_invented(text: str) -> None:
    assert clean(text).title is None


def test_a_question_can_be_a_title() -> None:
    assert clean(f"Will NATO Stay in Kosovo?\n{BODY}\n").title == "Will NATO Stay in Kosovo?"


def test_title_hint_picks_the_equal_line_over_the_navigation_bullet() -> None:
    text = f"• Talks collapse\nMenu\nBreaking: Talks collapse\nTalks collapse\n{BODY}\n"
    cleaned = clean(text, title_hint="Talks collapse")
    assert cleaned.title == "Talks collapse"
    assert kinds(cleaned) == [
        ("navigation", "• Talks collapse"),
        ("navigation", "Menu"),
        ("navigation", "Breaking: Talks collapse"),
        ("title", "Talks collapse"),
    ]


def test_title_hint_with_a_site_suffix_still_finds_the_line() -> None:
    cleaned = clean(f"Menu\nTalks collapse\n{BODY}\n", title_hint="Talks Collapse | Balkan Daily")
    assert cleaned.title == "Talks collapse"


def test_title_hint_that_matches_nothing_falls_back_to_the_rules() -> None:
    cleaned = clean(f"Talks Resume in Brussels\n{BODY}\n", title_hint="Something else")
    assert cleaned.title == "Talks Resume in Brussels"


def test_headline_printed_twice_goes_as_title() -> None:
    cleaned = clean(f"Talks Resume in Brussels\nTalks Resume in Brussels\n{BODY}\n")
    assert kinds(cleaned) == [("title", "Talks Resume in Brussels")] * 2
    assert cleaned.text == BODY


@pytest.mark.parametrize(
    ("byline", "author", "published"),
    [
        ("Mejreme Asllani | 2 April 2025", "Mejreme Asllani", dt.date(2025, 4, 2)),
        ("By Jane Doe", "Jane Doe", None),
        ("Jane Doe, 12 March 2025", "Jane Doe", dt.date(2025, 3, 12)),
        ("12.03.2025", None, dt.date(2025, 3, 12)),
        ("March 12, 2025", None, dt.date(2025, 3, 12)),
        ("2025-03-12", None, dt.date(2025, 3, 12)),
        ("2025-03-12T09:30:00Z", None, dt.date(2025, 3, 12)),
        ("Published: 12 March 2025 10:30", None, dt.date(2025, 3, 12)),
        ("Wednesday, 2 April 2025 at 14:30 CET", None, dt.date(2025, 4, 2)),
        ("By Jane Doe | Apr. 2, 2025", "Jane Doe", dt.date(2025, 4, 2)),
        (
            "Jane Doe and John Smith | 2nd April 2025",
            "Jane Doe and John Smith",
            dt.date(2025, 4, 2),
        ),
        ("Politics | 2 April 2025", None, dt.date(2025, 4, 2)),  # a section tag is not an author
        ("PRISTINA, 2 April 2025", None, dt.date(2025, 4, 2)),  # a dateline: the place is no author
        ("Prishtinë, 16 mars 2025", None, dt.date(2025, 3, 16)),
        ("Beograd, 29. avgusta 2024. godine", None, dt.date(2024, 8, 29)),
        ("Београд, 29. августа 2024.", None, dt.date(2024, 8, 29)),
        ("13/04/2025", None, dt.date(2025, 4, 13)),
        ("03/04/2025", None, None),  # day and month cannot be told apart: no date is guessed
    ],
)
def test_byline_under_the_title(byline: str, author: str | None, published: dt.date | None) -> None:
    cleaned = clean(f"Talks Resume in Brussels\n{byline}\n{BODY}\n")
    assert cleaned.author == author
    assert cleaned.published == published
    assert cleaned.published_basis == ("byline" if published else "none")
    assert ("byline", byline) in kinds(cleaned)
    assert cleaned.text == BODY


def test_byline_without_a_title() -> None:
    cleaned = clean(f"By Jane Doe\n{BODY}\n")
    assert (cleaned.title, cleaned.author) == (None, "Jane Doe")


def test_several_byline_lines() -> None:
    cleaned = clean(f"Talks Resume in Brussels\nBy Jane Doe\nMarch 12, 2025\n3 min read\n{BODY}\n")
    assert [k for k, _ in kinds(cleaned)] == ["title", "byline", "byline", "byline"]
    assert (cleaned.author, cleaned.published) == ("Jane Doe", dt.date(2025, 3, 12))


def test_byline_between_the_navigation_and_the_title() -> None:
    text = (
        "Home\nNews\nKosovo\nContact\n\nKosovo | 23 September 2025 | 3 min read\n\n"
        f"Police officer killed in northern Kosovo\n\n{BODY}\n"
    )
    cleaned = clean(text)
    assert cleaned.title == "Police officer killed in northern Kosovo"
    assert (cleaned.author, cleaned.published) == (None, dt.date(2025, 9, 23))
    assert [k for k, _ in kinds(cleaned)] == ["navigation"] * 4 + ["byline", "title"]
    assert cleaned.text == BODY


def test_short_title_with_a_byline_under_it() -> None:
    cleaned = clean(f"Kosovo Talks\nBy Reuters\n{BODY}\n")
    assert (cleaned.title, cleaned.author) == ("Kosovo Talks", "Reuters")


@pytest.mark.parametrize(
    "line",
    [
        "Jane Doe",  # a name alone is not a byline
        "By the time the talks ended, both delegations had left.",
        "Security Priorities and Regional Tensions",
    ],
)
def test_lines_that_are_not_bylines_stay(line: str) -> None:
    cleaned = clean(f"Talks Resume in Brussels\n{line}\n{BODY}\n")
    assert cleaned.author is None
    assert line in cleaned.text


def test_a_date_line_in_the_body_is_kept() -> None:
    cleaned = clean(f"Talks Resume in Brussels\n{BODY}\n2 April 2025\n{BODY2}\n")
    assert cleaned.published is None
    assert "2 April 2025" in cleaned.text


# --- body: repeated leads, teasers, see-also, standalone boilerplate ---------------------------


def test_repeated_lead_cut_off_with_an_ellipsis() -> None:
    teaser = f"{BODY} Officials said the meeting lasted four ho […]"
    cleaned = clean(f"Talks Resume in Brussels\n\n{teaser}\n\n{BODY}\n\n{BODY2}\n")
    assert kinds(cleaned)[1] == ("repeated-lead", teaser)
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_repeated_lead_ignores_case_and_punctuation() -> None:
    teaser = "THE LEADERS of Kosovo and Serbia met in Brussels – on Tuesday..."
    cleaned = clean(f"{teaser}\n{BODY}\n")
    assert kinds(cleaned) == [("repeated-lead", teaser)]


def test_paragraph_repeated_word_for_word_is_kept_once() -> None:
    cleaned = clean(f"{BODY}\n{BODY}\n{BODY2}\n")
    assert kinds(cleaned) == [("repeated-lead", BODY)]
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_a_cut_off_paragraph_that_differs_from_what_follows_stays() -> None:
    lone = "Officials expect a further meeting soon, though nothing is fixed […]"
    cleaned = clean(f"Talks Resume in Brussels\n{BODY}\n{lone}\n{BODY2}\n")
    assert lone in cleaned.text


def test_teaser_and_headline_pairs_of_other_articles() -> None:
    text = (
        f"{BODY}\n\nYou may also like\nMinisters Meet in Skopje\nEnergy ministers from the "
        "region met to discuss the grid and […]\nSecond Story Headline\nAnother teaser that "
        f"is cut off […]\n\n{BODY2}\n"
    )
    cleaned = clean(text)
    assert [k for k, _ in kinds(cleaned)] == ["see-also", "see-also", "teaser", "teaser", "teaser"]
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


@pytest.mark.parametrize(
    "line",
    [
        "See also\u00a0 Albanian Parliament Stunned as AI 'Minister' Delivers Speech",
        "See also: Serbia's president rejects new proposal",
        "Related: Serbia's president rejects new proposal",
        "Read more: Kosovo's economic boom",
        "READ ALSO » Montenegro joins the talks",
    ],
)
def test_see_also_lines_in_the_middle_of_the_body(line: str) -> None:
    cleaned = clean(f"{BODY}\n{line}\n{BODY2}\n")
    assert kinds(cleaned) == [("see-also", " ".join(line.split()))]
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_a_label_alone_takes_the_headline_after_it() -> None:
    cleaned = clean(f"{BODY}\nRead more\nSerbia Rejects New Proposal\n{BODY2}\n")
    assert kinds(cleaned) == [
        ("see-also", "Read more"),
        ("see-also", "Serbia Rejects New Proposal"),
    ]


def test_previous_and_next_article_with_their_headlines() -> None:
    text = (
        f"{BODY}\n\nPrevious Article\n\nNadezhda Angarskaya on gastric resection: choosing health"
        "\n\nNext Article\n\nSan Vicente del Raspeig: Police Arrest Suspect in Stolen Vehicle, "
        "Reckless Driving, and Restraining-Order Case\n\nWrite a Comment\n\nLeave a Comment"
    )
    cleaned = clean(text)
    assert [k for k, _ in kinds(cleaned)] == ["navigation"] * 4 + ["comment-prompt"] * 2
    assert cleaned.text == BODY


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Advertisement", "footer"),
        ("ADVERTISEMENT", "footer"),
        ("Story continues below advertisement", "footer"),
        ("Share this", "footer"),
        ("Share this article", "footer"),
        ("Share on Facebook", "footer"),
        ("Facebook Twitter LinkedIn WhatsApp Email", "footer"),
        ("Share: Facebook | X | Telegram", "footer"),
        ("Follow us on Telegram", "footer"),
        ("Follow Balkan Daily on Google News", "footer"),
        ("Click here to subscribe", "footer"),
        ("Subscribe to our newsletter to get our newest articles instantly!", "footer"),
        ("Sign Up for Our Newsletter", "footer"),
        ("This website uses cookies to improve your experience. Accept", "footer"),
        ("Accept all cookies", "footer"),
        ("Tags: Kosovo, Serbia, EU", "footer"),
        ("© 2024 Balkan Daily", "footer"),
        ("Balkan Daily 2024. All rights reserved.", "footer"),
        ("Comments (3)", "comment-prompt"),
        ("3 Comments", "comment-prompt"),
        ("Leave a Reply", "comment-prompt"),
        (
            "Your email address will not be published. Required fields are marked *",
            "comment-prompt",
        ),
        ("Next Article: Serbia Rejects New Proposal", "navigation"),
    ],
)
def test_standalone_boilerplate_anywhere(line: str, kind: str) -> None:
    cleaned = clean(f"{BODY}\n{line}\n{BODY2}\n")
    assert kinds(cleaned) == [(kind, line)]
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


@pytest.mark.parametrize(
    "line",
    [
        "Readers who subscribe to the newsletter were told last week that the meeting was likely.",
        "Contact with the negotiators was limited, and the ministry did not respond.",
        "Subscribers to the service said they had been warned, and the company shared the data.",
        "Share prices in Belgrade fell by three percent after the announcement.",
        "Follow us on this path, the minister told the crowd, and we will reach Brussels.",
        "The copyright dispute between the two broadcasters is now before a court in Skopje.",
        "Comments by the envoy were welcomed in Pristina.",
        "Related developments were reported from Podgorica.",
        "Advertising spending in the region grew by a fifth last year, the report said.",
        "Next, the delegations will meet in Ohrid.",
    ],
)
def test_body_sentences_with_boilerplate_words_are_kept(line: str) -> None:
    for text in (f"{BODY}\n{line}\n{BODY2}\n", f"Talks Resume\n{BODY}\n{BODY2}\n{line}\n"):
        cleaned = clean(text)
        assert line in paragraphs(cleaned), text


# --- footer ------------------------------------------------------------------------------------

SEED_LIKE_FOOTER = """About Us

Adress:


Bul. Ilirya, Nr.5/2-1, 1200 Tetovo
\u00a0
Republic of North Macedonia
\u00a0
BalkanView is media outlet of BVS

Contact: +389 70 250 516

Sign Up for Our Newsletter

Subscribe to our newsletter to get our newest articles instantly!

BalkanView\u00a0\u00a0@2025. All Rights Reserved."""


def test_footer_block_after_the_body() -> None:
    cleaned = clean(f"{BODY}\n\n{BODY2}\n\n{SEED_LIKE_FOOTER}")
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
    assert {k for k, _ in kinds(cleaned)} == {"footer"}
    assert [t for _, t in kinds(cleaned)][:4] == [
        "About Us",
        "Adress:",
        "Bul. Ilirya, Nr.5/2-1, 1200 Tetovo",
        "Republic of North Macedonia",
    ]
    assert cleaned.outlet == "BalkanView"


def test_footer_with_short_sentences_between_its_anchors() -> None:
    text = (
        f"{BODY}\n\nWrite a Comment\n\nName *\nEmail *\n\nAbout Us\n\n"
        "Frontier Daily brings you news from Kosovo and the wider region every day.\n\n"
        "Address: Rruga Shembullore 12, 10000 Prishtinë, Kosovo\n\n"
        "Sign Up for Our Newsletter\n\nGet the day's top stories in your inbox every morning.\n\n"
        "Frontier Daily \u00a92025. All Rights Reserved."
    )
    cleaned = clean(text)
    assert cleaned.text == BODY
    assert cleaned.outlet == "Frontier Daily"
    assert [k for k, _ in kinds(cleaned)] == ["comment-prompt"] * 3 + ["footer"] * 6


def test_a_sentence_below_an_advertisement_marker_is_body() -> None:
    text = f"{BODY}\nAdvertisement\nThe talks will resume in April, officials said.\nShare this\n"
    assert paragraphs(clean(text)) == [BODY, "The talks will resume in April, officials said."]


def test_short_lines_above_the_first_footer_anchor_stay() -> None:
    cleaned = clean(f"{BODY}\nKey Facts Remain Open\n© 2025 Balkan Daily\n")
    assert paragraphs(cleaned) == [BODY, "Key Facts Remain Open"]


def test_footer_only_anchors_in_the_middle_of_the_body_stay() -> None:
    cleaned = clean(f"{BODY}\nAbout Us\nContact: press office, +381 11 123 456\n{BODY2}\n")
    assert paragraphs(cleaned) == [
        BODY,
        "About Us",
        "Contact: press office, +381 11 123 456",
        BODY2,
    ]


def test_comment_form_at_the_end() -> None:
    text = (
        f"{BODY}\nLeave a Reply\nCancel reply\nName *\nEmail *\nWebsite\n"
        "Save my name, email, and website in this browser for the next time I comment.\n"
        "Post Comment"
    )
    cleaned = clean(text)
    assert cleaned.text == BODY
    assert {k for k, _ in kinds(cleaned)} == {"comment-prompt"}


def test_empty_sources_heading_goes_with_the_footer() -> None:
    text = f"{BODY}\n\nSources\n\nSee also\u00a0 Kosovo's Economic Boom: Record Growth"
    cleaned = clean(text)
    assert kinds(cleaned) == [
        ("footer", "Sources"),
        ("see-also", "See also Kosovo's Economic Boom: Record Growth"),
    ]
    assert cleaned.text == BODY


def test_sources_heading_with_sources_under_it_stays() -> None:
    text = f"{BODY}\nSources\nNATO press release\nReuters\n"
    assert paragraphs(clean(text)) == [BODY, "Sources", "NATO press release", "Reuters"]


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("BalkanView @2025. All Rights Reserved.", "BalkanView"),
        ("© 2025 Balkan Daily. All rights reserved.", "Balkan Daily"),
        ("Copyright © 2018-2025 Kosovo Online", "Kosovo Online"),
        ("© Prishtina Insight 2025", "Prishtina Insight"),
        ("Balkan Daily 2024. All rights reserved.", "Balkan Daily"),
        ("All rights reserved.", None),
        ("Share this", None),
    ],
)
def test_outlet_from_the_footer(footer: str, outlet: str | None) -> None:
    assert clean(f"{BODY}\n{BODY2}\n{footer}\n").outlet == outlet


def test_media_outlet_of_names_the_outlet_not_the_owner() -> None:
    cleaned = clean(f"{BODY}\nAbout Us\nBalkanView is media outlet of BVS\n© 2025 BVS Media\n")
    assert cleaned.outlet == "BalkanView"


def test_outlet_is_not_read_from_the_body() -> None:
    text = f"{BODY}\nThe Balkan Daily is a news portal of the diaspora, its editor said.\n{BODY2}\n"
    assert clean(text).outlet is None


def test_attribution_in_the_body_is_not_the_outlet() -> None:
    text = f"{BODY} The Alliance will not allow a security vacuum, reports N1.\n{BODY2}\n"
    cleaned = clean(text)
    assert cleaned.outlet is None
    assert "reports N1" in cleaned.text


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Lexoni edhe: Si votoi diaspora me postë", "see-also"),
        ("Pročitajte i: Dodik odbacio presudu", "see-also"),
        ("Прочитајте још: Вучић о Рафалима", "see-also"),
        ("Prethodni članak", "navigation"),
        ("Ostavite komentar", "comment-prompt"),
        ("© 2025 Kodra Press. Të gjitha të drejtat e rezervuara.", "footer"),
        ("Sva prava zadržana.", "footer"),
    ],
)
def test_boilerplate_in_the_regions_languages(line: str, kind: str) -> None:
    cleaned = clean(f"{BODY}\n{line}\n{BODY2}\n")
    assert kinds(cleaned)[0] == (kind, line)
    assert BODY2 in cleaned.text


# --- paragraphs ---------------------------------------------------------------------------------


def test_paragraphs_are_one_blank_line_apart_with_whitespace_collapsed() -> None:
    text = f"  {BODY}  \n\n\n\n\t{BODY2}\u00a0\u00a0\n{BODY3}\n"
    cleaned = clean(text)
    assert cleaned.text == f"{BODY}\n\n{BODY2}\n\n{BODY3}"


def test_bullets_keep_their_text_without_the_glyph() -> None:
    text = f"{BODY}\n  • First point of the plan.\n  - Second point of the plan.\n{BODY2}\n"
    assert paragraphs(clean(text)) == [
        BODY,
        "First point of the plan.",
        "Second point of the plan.",
        BODY2,
    ]


def test_section_headings_are_kept() -> None:
    text = (
        "Talks Resume in Brussels\nMejreme Asllani | 2 April 2025\nSummary\n"
        f"{BODY}\nForecast\nShort-term (Now - 3 months)\n{BODY2}\n"
    )
    assert paragraphs(clean(text)) == [
        "Summary",
        BODY,
        "Forecast",
        "Short-term (Now - 3 months)",
        BODY2,
    ]


def test_hard_wrapped_paragraphs_are_joined_again() -> None:
    text = (
        "The leaders of Kosovo and Serbia met in Brussels on Tuesday for a\n"
        "new round of EU-facilitated talks, the first since the summer. The\n"
        "envoy said progress was possible.\n"
        "\n"
        "Officials said the meeting lasted four hours and that another round\n"
        "would follow in April, according to a statement released late on\n"
        "Tuesday evening by the European External Action Service.\n"
        "Share this\n"
    )
    assert paragraphs(clean(text)) == [
        "The leaders of Kosovo and Serbia met in Brussels on Tuesday for a new round of "
        "EU-facilitated talks, the first since the summer. The envoy said progress was possible.",
        "Officials said the meeting lasted four hours and that another round would follow in "
        "April, according to a statement released late on Tuesday evening by the European "
        "External Action Service.",
    ]


def test_line_continuing_in_lower_case_is_joined() -> None:
    text = f"The talks were held in the Berlaymont building\nand lasted four hours.\n{BODY2}\n"
    assert paragraphs(clean(text)) == [
        "The talks were held in the Berlaymont building and lasted four hours.",
        BODY2,
    ]


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "Share this\n© 2025 Balkan Daily\n"])
def test_nothing_left_gives_empty_text(text: str) -> None:
    cleaned = clean(text)
    assert cleaned.text == ""
    assert cleaned.cleaner == PLAINTEXT_CLEANER


def test_cleaner_names() -> None:
    assert clean(BODY).cleaner == "plaintext-rules/1"
    assert clean_markdown(BODY, source="a.md").cleaner == MARKDOWN_CLEANER == "markdown-rules/1"


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_to_plain_paragraphs() -> None:
    md = (
        "# Kosovo *and* Serbia Resume **Talks** #\n\n"
        "![Leaders in Brussels](/img/a.jpg)\n\n"
        'The leaders met in\nBrussels on [Tuesday](https://example.com/t "day") for\n'
        "`EU-facilitated` talks.<br/>Really.\n\n"
        "## What was agreed\n\n"
        "- Energy: a shared __grid__ plan\n"
        "* Missing persons: a new _commission_\n"
        "+ ~~Old~~ idea\n"
        "1. First numbered item\n\n"
        '> "We are ready," said the envoy.\n\n'
        "Setext Heading\n--------------\n\n"
        "***\n\n"
        "[ref]: https://example.com\n"
        "Link [text][ref] and <https://example.org> and [![logo](l.png)](https://x.org).\n\n"
        "```\ncode line one\n```\n"
        "<!-- a comment --> Tom &amp; Jerry\n"
    )
    assert markdown_to_plain(md).split("\n") == [
        "Kosovo and Serbia Resume Talks",
        "",
        "The leaders met in Brussels on Tuesday for EU-facilitated talks. Really.",
        "",
        "What was agreed",
        "",
        "- Energy: a shared grid plan",
        "- Missing persons: a new commission",
        "- Old idea",
        "1. First numbered item",
        "",
        '"We are ready," said the envoy.',
        "",
        "Setext Heading",
        "",
        "Link text and https://example.org and .",
        "",
        "code line one",
        "",
        "Tom & Jerry",
    ]


def test_markdown_keeps_literal_characters() -> None:
    md = r"A snake_case_word stays, 5 * 3 stays, \*escaped\* stars stay, costs rose ~5%."
    assert markdown_to_plain(md) == (
        "A snake_case_word stays, 5 * 3 stays, *escaped* stars stay, costs rose ~5%."
    )


def test_clean_markdown_applies_the_boilerplate_rules() -> None:
    md = (
        "[Home](/) | [News](/news)\n\n"
        "# Kosovo and Serbia Resume Talks\n\n"
        "**By [Jane Doe](/authors/jane)** | 2 April 2025\n\n"
        f"{BODY}\n\n"
        "- First point of the plan.\n- Second point of the plan.\n\n"
        "See also: [Serbia rejects proposal](/x)\n\n"
        f"{BODY2}\n\n"
        "Share this\n\n[Facebook](https://fb) [Twitter](https://tw)\n\n"
        "© 2025 Balkan Daily\n"
    )
    cleaned = clean_markdown(md, source="a.md")
    assert cleaned.cleaner == MARKDOWN_CLEANER
    assert cleaned.title == "Kosovo and Serbia Resume Talks"
    assert (cleaned.author, cleaned.published) == ("Jane Doe", dt.date(2025, 4, 2))
    assert cleaned.outlet == "Balkan Daily"
    assert paragraphs(cleaned) == [
        BODY,
        "First point of the plan.",
        "Second point of the plan.",
        BODY2,
    ]
    assert kinds(cleaned) == [
        ("navigation", "Home | News"),
        ("title", "Kosovo and Serbia Resume Talks"),
        ("byline", "By Jane Doe | 2 April 2025"),
        ("see-also", "See also: Serbia rejects proposal"),
        ("footer", "Share this"),
        ("footer", "Facebook Twitter"),
        ("footer", "© 2025 Balkan Daily"),
    ]


def test_markdown_front_matter_is_metadata() -> None:
    md = (
        "---\n"
        'title: "KQZ shpall rezultatet përfundimtare"\n'
        "date: 2025-03-16\n"
        "author: Redaksia\n"
        "outlet: Kodra Press\n"
        "url: https://kodrapress.test/politike/kqz\n"
        "tags:\n  - zgjedhje\n"
        "---\n\n"
        "# KQZ shpall rezultatet përfundimtare\n\n"
        "*Prishtinë, 16 mars 2025*\n\n"
        f"{BODY}\n"
    )
    cleaned = clean_markdown(md, source="a.md")
    assert cleaned.title == "KQZ shpall rezultatet përfundimtare"
    assert (cleaned.author, cleaned.outlet) == ("Redaksia", "Kodra Press")
    assert (cleaned.published, cleaned.published_basis) == (dt.date(2025, 3, 16), "metadata")
    assert cleaned.canonical_url == "https://kodrapress.test/politike/kqz"
    assert cleaned.text == BODY
    assert [k for k, _ in kinds(cleaned)] == ["title", "byline"]


def test_markdown_without_closing_front_matter_is_text() -> None:
    cleaned = clean_markdown(f"---\ntitle: x\n\n{BODY}\n", source="a.md")
    assert cleaned.text == f"title: x\n\n{BODY}"


# --- invariants ----------------------------------------------------------------------------------

_BOILERPLATE = [
    "• Home",
    "- News",
    "Menu",
    "About Us",
    "Adress:",
    "Contact: +389 70 250 516",
    "Sign Up for Our Newsletter",
    "BalkanView @2025. All Rights Reserved.",
    "BalkanView is media outlet of BVS",
    "See also\u00a0 Another Headline Here",
    "Previous Article",
    "Next Article",
    "Write a Comment",
    "Leave a Comment",
    "Sources",
    "Share this",
    "Advertisement",
    "Mejreme Asllani | 2 April 2025",
    "12.03.2025",
    "Related",
    "You may also like",
    "Short teaser of another story […]",
    f"{BODY[:60]} […]",
    "Security Priorities and Regional Tensions",
    "Summary",
    "Republic of North Macedonia",
    "•",
    "* * *",
    BODY,
    BODY2,
    BODY3,
    f"  • {BODY3}",
]
_LINE = st.one_of(
    st.sampled_from(_BOILERPLATE),
    st.just(""),
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        max_size=80,
    ),
    st.lists(
        st.sampled_from(
            [
                "NATO",
                "talks",
                "Kosovo",
                "said",
                "the",
                "of",
                "and",
                "in",
                "Serbia",
                ".",
                ",",
                "[…]",
                "•",
                "-",
                "2025",
            ]
        ),
        min_size=1,
        max_size=25,
    ).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, max_size=30), hint=st.one_of(st.none(), st.sampled_from(_BOILERPLATE)))
def test_every_input_line_is_kept_or_removed(lines: list[str], hint: str | None) -> None:
    text = "\n".join(lines)
    cleaned = clean(text, title_hint=hint)
    assert_nothing_lost(text.splitlines(), cleaned)
    assert_well_formed(cleaned)
    if cleaned.title is not None:
        assert ("title", cleaned.title) in [(k, t.lstrip("•-*+ ")) for k, t in kinds(cleaned)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, max_size=30))
def test_every_markdown_line_is_kept_or_removed(lines: list[str]) -> None:
    text = "\n".join(lines)
    assume(not text.startswith("---"))  # front matter is metadata, tested on its own
    cleaned = clean_markdown(text, source="a.md")
    assert_nothing_lost(markdown_to_plain(text).splitlines(), cleaned)
    assert_well_formed(cleaned)


def test_the_seed_like_page_loses_nothing() -> None:
    text = (
        "• Home \u00a0\n  • Talks Resume in Brussels\n- News\n\nTalks Resume in Brussels\n\n"
        f"{BODY[:80]} […]\n\n{BODY}\n\nSee also\u00a0 Another Headline\n{BODY2}\n\n"
        f"{SEED_LIKE_FOOTER}"
    )
    cleaned = clean(text)
    assert_nothing_lost(text.splitlines(), cleaned)
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_pure_function_same_input_same_output() -> None:
    text = f"Talks Resume in Brussels\n{BODY}\nShare this\n"
    assert clean(text) == clean(text)


# --- hostile input -------------------------------------------------------------------------------

_MB = 5_000_000


@pytest.mark.parametrize(
    "text",
    [
        "a" * _MB,
        "word " * (_MB // 5),
        "[" * _MB,
        "![a](" * (_MB // 5),
        "*a" * (_MB // 2),
        "<!--" * (_MB // 4),
        "<a " * (_MB // 3),
        "_" * _MB,
        "# " + " " * _MB + "x",
        "See also " + "x " * (_MB // 2),
        "word […] " * (_MB // 9),
        "Home\n" * (_MB // 50),
    ],
    ids=[
        "letters",
        "words",
        "brackets",
        "images",
        "stars",
        "comments",
        "tags",
        "underscores",
        "heading",
        "see-also",
        "ellipses",
        "nav-lines",
    ],
)
def test_hostile_input_is_handled_in_linear_time(text: str) -> None:
    for cleaner in (clean_plaintext, clean_markdown):
        started = time.perf_counter()
        cleaned = cleaner(text, source="big.txt")
        elapsed = time.perf_counter() - started
        assert elapsed < 15, f"{cleaner.__name__} took {elapsed:.1f}s"
        assert isinstance(cleaned.text, str)
