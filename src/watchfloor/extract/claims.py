"""Numeric claims: the figures an article states, what they count, and what they are about.

Analysts compare figures across sources ("about 4,700 troops from 29 nations" here, "more than
4,600 personnel from 33 countries" there), so each figure becomes a :class:`Claim` with a
normalised measure, a qualifier, and a subject taken only from the sentence that states it.

How a figure is read, sentence by sentence (rule-based, no model, linear in the text):

1. **Numbers**: digits with any thousands separator (``4,700``, regional ``4.700``, ``1 100``) and
   decimal comma or point (``42,3``, ``3.47``), a scale word (``1.1 million``, ``2,7 милијарди``),
   and English number words (``one`` ... ``ninety``, ``hundred``, ``thousand``, ``a dozen``;
   ``a``/``an``/``one`` only where the rest of the phrase makes the count certain: ``a year in
   prison``, ``killing a police officer``).
2. **Not figures**: years (a bare ``1000``-``2100``), dates (``10 March``, ``March 10``, ``29.
   августа``), times (``3 a.m.``), resolution/article/section/list numbers, ordinals (``9th``),
   model designations (``F-16``, ``N1``), phone numbers and other digit runs, numbers inside URLs,
   durations that are not sentences or bans (``for 30 years``, ``48 hours``).
3. **Qualifier** from the words before: about/approximately/around/some/roughly/nearly/almost ->
   ``approximately`` ("almost 3,800" is read as an estimate close to the figure, not as a bound:
   comparing it with "about 3,800" should find agreement, and the qualifier vocabulary has no
   "just under"); more than/over/above/in excess of -> ``more than``; at least/no fewer than ->
   ``at least``; less than/under/fewer than/below -> ``less than``; up to/as many as -> ``up to``;
   ``between X and Y``, ``X to Y``, ``X-Y`` -> a range (``value``..``value_max``, qualifier
   ``exact`` unless a qualifier stands before the range). A qualifier scopes over the number it
   precedes only: in "approximately 1,100 personnel from 23 countries" the 23 is ``exact``.
4. **Measure** from the noun after the number, normalised where the words are synonyms (soldiers,
   peacekeepers, servicemen -> ``troops``; ``personnel`` and ``staff`` stay ``personnel``, because
   sources differ in which they count; nations/countries -> ``countries``, and ``contributing
   nations`` when they follow a troop figure with "from"), or from what happened to the counted
   people (``injured``, ``killed``, ``arrested``: "over 30 KFOR soldiers were injured", "three of
   the attackers were killed", "killing a police officer"), or from the unit (money -> ``amount``
   or ``value``/``cost``/``budget`` when the text says so; per cent -> ``percentage``, ``turnout``
   or ``vote share``). Durations count only as ``prison sentence`` or ``ban``. An unknown English
   plural noun is kept as written ("three northern municipalities" -> ``municipalities``).
5. **Subject**: the mention the figure's phrase attaches to, within the sentence only: a mention
   inside the phrase ("30 KFOR soldiers"), after it ("members of the Presidency"), the head of the
   phrase a parenthesis explains ("KFOR in Kosovo (approximately 4,700 troops"), the possessor of
   what changed ("increased KFOR's presence by 1,000 troops"), the mention right before the figure
   ("LDK 171.357 vota", "LVV: 48 deputetë"), a possessor ("KFOR's 4,700 troops"), the subject of
   a verb of having, sending, buying or winning ("KFOR consists of more than 4,600 personnel"),
   the person sentenced or banned. People counted by what happened to them are described by their
   noun when no mention owns them (subject ``attackers``, key ``attackers``). Otherwise None.
6. **As of**: the anchor (the article's publication date). The date a figure refers to ("in May
   2023, ... over 30 KFOR soldiers were injured") is the time-expression stage's business; a claim
   records when the source stated it.

Changes: "increased ... by 1,000 troops", "700 more troops", "an additional 200" are changes
(``change=True``); decreases ("reduced by 500 troops", "withdrew 500 troops") are changes with a
negative value; "grew from 3,500 to 4,000 troops" is a level (4,000), not a range. Ages are claims
only when written as ages ("aged 45", "45-year-old", "45 years old"). Aircraft are counted as
``aircraft`` whatever their type; the type ("Rafale") stays in the claim's text.

Not read (left as no claim rather than guessed): number words in Serbian and Albanian ("девет"),
fractions ("two-thirds"), vague counts ("dozens", "several hundred"), a partitive without
something that happened to it ("11 of the injured soldiers belong to ..."), an elliptical figure
whose noun is elsewhere ("and 19 to the Hungarian contingent").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..store.fold import fold
from ..types import Claim, Mention
from .sentences import split_sentences

NAME = "claims"
VERSION = "1"
EXTRACTOR = f"{NAME}/{VERSION}"

# Tokens: words (any script), numbers, possessive 's, single punctuation marks. A number is grouped
# thousands (comma, point or space) or plain digits, with an optional decimal part; it never starts
# inside a word or right after a separator (no "1" of "N1", no "700" of "4,700").
_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+)"
    r"|(?P<num>(?<![\w.,])(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+|(?:[ \u00a0\u202f]\d{3})+)(?!\d)"
    r"|\d+)(?:[.,]\d+)?(?!\d))"
    r"|(?P<poss>['’]s(?![^\W\d_]))"
    r"|(?P<punct>\S)"
)
_URL = re.compile(r"(?:https?://|www\.)\S+")


class _Tok(NamedTuple):
    start: int
    end: int
    kind: str
    """``num``, ``word``, ``poss`` (a possessive ``'s``) or ``punct``."""
    raw: str
    low: str
    """Folded (lower-case, no diacritics, Latin script) for word tokens; the raw text otherwise."""


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return fold(word)


def _words(*phrases: str) -> frozenset[str]:
    return frozenset(w for p in phrases for w in p.split())


class _Table:
    """Phrases keyed by folded word tuples ("more than" -> ("more", "than")), with the first and
    last words indexed so that a token that starts or ends no phrase is rejected at once."""

    __slots__ = ("map", "first", "last", "longest")

    def __init__(self, mapping: dict[str, str]) -> None:
        self.map: dict[tuple[str, ...], str] = {}
        for phrases, value in mapping.items():
            for phrase in phrases.split("|"):
                self.map[tuple(_fold(phrase).split())] = value
        self.first = frozenset(k[0] for k in self.map)
        self.last = frozenset(k[-1] for k in self.map)
        self.longest = max(len(k) for k in self.map)

    def at(self, toks: list[_Tok], i: int) -> tuple[str, int] | None:
        """The longest phrase starting at token ``i``: (value, index after it)."""
        if i >= len(toks) or toks[i].low not in self.first:
            return None
        for n in range(min(self.longest, len(toks) - i), 0, -1):
            window = toks[i:i + n]
            if all(t.kind == "word" for t in window):
                hit = self.map.get(tuple(t.low for t in window))
                if hit is not None:
                    return hit, i + n
        return None

    def ending(self, toks: list[_Tok], end: int, floor: int = 0) -> tuple[str, int] | None:
        """The longest phrase ending just before token ``end``: (value, its first index)."""
        if end <= floor or end > len(toks) or toks[end - 1].low not in self.last:
            return None
        for n in range(min(self.longest, end - floor), 0, -1):
            window = toks[end - n:end]
            if all(t.kind == "word" for t in window):
                hit = self.map.get(tuple(t.low for t in window))
                if hit is not None:
                    return hit, end - n
        return None


# --- number words -------------------------------------------------------------------------------

_UNITS = {w: i for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"])}
_TENS = {w: 10 * (i + 2) for i, w in enumerate([
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])}
_BIG = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Scale words after digits, folded ("2,7 милијарди" -> "milijardi").
_SCALES = {
    **dict.fromkeys(_words("thousand hiljada hiljade hiljadu tisuca tisuce mije"), 1e3),
    **dict.fromkeys(_words("million millions mn mln milion miliona milioni milijun milijuna "
                           "milione"), 1e6),
    **dict.fromkeys(_words("billion billions bn milijarda milijarde milijardi milijardu mlrd mld "
                           "miliard miliarde miliarda"), 1e9),
}
_ATTACHED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9}

# --- what a number is not -----------------------------------------------------------------------

_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar januara februar februara mart marta aprila maj maja jun juna juni jul jula juli avgust "
    "avgusta augusta septembar septembra oktobar oktobra novembar novembra decembar decembra "
    "sijecnja veljace ozujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga "
    "prosinca janar shkurt mars prill qershor korrik gusht shtator tetor nentor dhjetor")
# Words that make the following number a label, not a count.
_REFERENCE_WORDS = _words(
    "resolution resolutions article articles section sections chapter chapters paragraph "
    "paragraphs annex item items point points page pages p pp no nos number numbers law decree "
    "episode episodes protocol clause amendment route highway platform gate room flight line "
    "rezolucija rezolucije rezolucijom clan clana tacka tacke stav stava neni nenit rezoluta "
    "rezolutes br nr version level phase round grade category camp sector")
_TIME_AFTER = _words("am pm a p o'clock oclock h hrs")

# --- qualifiers -----------------------------------------------------------------------------------

_QUALIFIERS = _Table({
    "about|approximately|approx|around|some|roughly|nearly|almost|close to|circa|ca|an estimated|"
    "estimated|oko|priblizno|skoro|gotovo|blizu|otprilike|rreth|afro|perafersisht|gati":
        "approximately",
    "more than|over|above|in excess of|upwards of|exceeding|vise od|preko|mbi|me shume se|"
    "vise nego": "more than",
    "at least|no fewer than|no less than|a minimum of|not less than|najmanje|barem|bar|te pakten|"
    "se paku|minimum": "at least",
    "less than|under|fewer than|below|not more than|no more than|manje od|ispod|me pak se|nen":
        "less than",
    "up to|as many as|a maximum of|maximum|deri ne|deri": "up to",
})
_QUALIFIER_SYMBOLS = {">": "more than", "<": "less than", "~": "approximately", "≈": "approximately",
                      "≥": "at least", "≤": "up to"}
_AFTER_QUALIFIERS = _Table({"or more|or above|or over": "at least", "or so": "approximately",
                              "or fewer|or less|or under": "up to", "plus": "more than"})

# --- measures -------------------------------------------------------------------------------------

_PEOPLE = "people"
# Nouns with a normalised measure: phrase -> (measure, unit). Plurals and irregular forms only,
# plus the singular of a few ("one soldier was killed").
_NOUNS = _Table({
    "troops|soldiers|soldier|peacekeepers|peacekeeper|servicemen|serviceman|service members|"
    "servicemembers|military personnel|vojnika|vojnici|vojska|ushtare|ushtaret|paqeruajtes":
        "troops",
    "personnel|staff|staff members": "personnel",
    "police officers|police officer|policemen|policeman|police|policajaca|policajci|policaca|"
    "policia|policaj|policiste": "police officers",
    "people|persons|person|ljudi|osoba|lica|njerez|persona": "people",
    "men": "men", "women": "women", "children": "children", "gunmen": "gunmen",
    "countries|country|nations|nation|zemalja|zemlje|drzava|drzave|vende|vendeve|shtete|"
    "shteteve": "countries",
    "contributing nations|contributing countries|troop contributing nations|"
    "troop contributing countries|troop-contributing nations|troop-contributing countries":
        "contributing nations",
    "votes|vote|vota|votash|votave|glasova|glasa|glasovi": "votes",
    "seats|seat|mandates|mandata|mandati|ulese|uleset|deputete|deputeteve|poslanika|mps|mandats":
        "seats",
    "aircraft|jets|jet|fighter jets|fighter jet|fighters|planes|warplanes|aviona|avioni|"
    "aeroplane|aeroplanet": "aircraft",
    "helicopters|helikoptera": "helicopters", "drones|dronova": "drones",
    "tanks|tenkova": "tanks", "abstentions|abstention": "abstentions",
})
_UNIT_OF = {"troops": _PEOPLE, "personnel": _PEOPLE, "police officers": _PEOPLE,
            "people": _PEOPLE, "men": _PEOPLE, "women": _PEOPLE, "children": _PEOPLE,
            "gunmen": _PEOPLE, "countries": "countries", "contributing nations": "countries",
            "votes": "votes", "votes in favour": "votes", "votes against": "votes",
            "abstentions": "votes", "seats": "seats", "aircraft": "aircraft",
            "helicopters": "helicopters", "drones": "drones", "tanks": "tanks",
            "injured": _PEOPLE, "killed": _PEOPLE, "arrested": _PEOPLE}
_EVENTS = {
    **dict.fromkeys(_words(
        "injured wounded hurt povredjeno povredjena povredjeni povrijedjeno povrijedjeni ranjeno "
        "ranjeni ranjena plagosur plagosura plagosen plagosen"), "injured"),
    **dict.fromkeys(_words(
        "killed dead died slain murdered poginulo poginula poginuli ubijeno ubijeni ubijena vrare "
        "vdiq vdekur"), "killed"),
    **dict.fromkeys(_words(
        "arrested detained uhapseno uhapseni uhapsena privedeno privedeni arrestuar arrestuan "
        "ndaluar"), "arrested"),
}
# Active verbs before a count of people: "killing a police officer", "injured 30 soldiers".
_EVENT_VERBS = {
    **dict.fromkeys(_words("killing killed kills kill"), "killed"),
    **dict.fromkeys(_words("injuring injured injures wounding wounded wounds"), "injured"),
    **dict.fromkeys(_words("arresting arrested arrests detaining detained detains"), "arrested"),
}
_AUX = _words("were was are is have has had been being got get reportedly also all both "
              "seriously slightly lightly badly critically fatally later allegedly subsequently "
              "je su bili bile bilo u jane ishin kane")
_TIME_UNITS = {
    **dict.fromkeys(_words("year years godina godine godinu vit vite vjet vjec"), "years"),
    **dict.fromkeys(_words("month months mjeseci meseci mesec mjesec mjeseca meseca muaj muajve"),
                    "months"),
    **dict.fromkeys(_words("week weeks sedmica sedmice nedelja nedelje tjedana jave"), "weeks"),
    **dict.fromkeys(_words("day days dana dan dite diteve"), "days"),
    **dict.fromkeys(_words("hour hours sati sat ore oret"), "hours"),
}
_PRISON_AFTER = _Table({"in prison|in jail|imprisonment|of imprisonment|prison|jail|behind bars|"
                          "in custody|zatvora|u zatvoru|burg|burgim|heqje lirie": "prison"})
_PRISON_BEFORE = _words("sentence term imprisonment")
_SENTENCED = _words("sentenced sentencing sentence osudio osudjen osudjena osudila osudili denuar "
                    "denoi jailed")
_JAILED = _words("jailed imprisoned incarcerated")
_BANNED = _words("ban banned banning barred disqualified zabrana zabranu zabranio zabranjeno "
                 "ndalim ndaloi")
_PERCENT_WORDS = _Table({"per cent|percent|pct|per qind|perqind|odsto|posto|procenata|procenta|"
                           "procent|posto": "percent",
                           "percentage points|percentage point": "percentage points"})
_CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP"}
_CURRENCY_CODES = {"eur": "EUR", "usd": "USD", "gbp": "GBP", "rsd": "RSD", "bam": "BAM",
                   "km": "BAM", "chf": "CHF", "all": "ALL"}
_CURRENCY_WORDS = {
    **dict.fromkeys(_words("euro euros eur evra eura evro eure euroja"), "EUR"),
    **dict.fromkeys(_words("dollars dollar dolara dolar dollare usd"), "USD"),
    **dict.fromkeys(_words("dinars dinar dinara rsd"), "RSD"),
    **dict.fromkeys(_words("marks maraka km bam"), "BAM"),
    **dict.fromkeys(_words("lek leke leku"), "ALL"),
    **dict.fromkeys(_words("pounds gbp"), "GBP"),
    "chf": "CHF",
}
# A noun before a bare figure that names what it measures ("turnout was 3.47 per cent").
_BEFORE_MEASURES = _Table({
    "turnout|izlaznost|pjesemarrja|pjesemarrje": "turnout",
    "value|worth|vrednost|vrijednost|vlera|vleren|vlere": "value",
    "cost|costs|costing|cena|cijena|kosto|kostoja|price": "cost",
    "budget|budzet|buxheti|buxhet": "budget",
    "population|stanovnistvo|popullsia": "population",
    "death toll|toll": "killed",
})
# "for"/"za"/"pro" alone count only at the end of the phrase ("49 for and 3 against"), not in
# "4,000 votes for the party"; see ``vote_side``.
_VOTE_SIDES = _Table({"in favour|in favor|for|za|pro": "votes in favour",
                        "against|protiv|kunder": "votes against",
                        "abstaining|abstained|abstentions|uzdrzano|abstenim": "abstentions"})

# --- subjects -------------------------------------------------------------------------------------

# Verbs whose subject owns the figure that follows them ("KFOR consists of more than 4,600 ...").
_HAVE_VERBS = _Table({
    "has|have|had|having|consists of|consisted of|consist of|comprises|comprised|comprising|"
    "counts|counted|numbers|numbered|totals|totalled|totaled|includes|included|maintains|"
    "maintained|keeps|kept|fields|fielded|employs|employed|deploys|deployed|deploy|deploying|"
    "send|sends|sent|sending|bought|buy|buys|buying|purchased|purchase|purchases|purchasing|"
    "ordered|orders|order|acquire|acquired|acquires|won|wins|win|received|receives|got|gets|"
    "secured|secures|took|takes|obtained|lost|loses|mori|fitoi|dobila|dobio|dobili|osvojila|"
    "osvojio|osvojili|ima|imaju|imala|imao|ka|kane|kupovini|kupovinu|kupi|nabavku|broji|"
    "withdraw|withdrew|withdrawn|withdraws|withdrawing|pull out|pulled out|pulls out": "have",
})
_CHANGE_VERBS = {
    **dict.fromkeys(_words("increased increase increases increasing raised raise boosted boost "
                           "reinforced reinforce expanded expand strengthened bolstered augmented "
                           "grew grow rose rise rises added add povecao povecala povecan "
                           "rritur rriti"), 1),
    **dict.fromkeys(_words("reduced reduce reduces reducing cut cuts decreased decrease lowered "
                           "lower withdrew withdrawn withdraw fell fall dropped drop shrank "
                           "smanjio smanjila smanjen ulur uli"), -1),
}
_WITHDRAW = _words("withdrew withdraw withdrawn withdrawing withdraws")  # and "pull(ed) out"
_MORE_AFTER = _words("more additional extra further new")
_MORE_BEFORE = _Table({"an additional|another|a further|further|additional|an extra|extra":
                         "more"})
# Words between a verb and its figure: "has a population of 1.8 million", "has a total of".
_VERB_TO_FIGURE = _words("a an the total of estimated population budget strength force turnout "
                         "staff workforce")
_PREPOSITIONS = _words(
    "of from in at to by with for on into across through throughout near over under against "
    "about toward towards via within without between among after before since during per "
    "sipas nga ne me per prej mbi ndaj iz od sa za po kod ka prema u na o kroz")
_CLAUSE_WORDS = _words("that which who whom whose where while whereas but although though "
                       "because when if da sto koji koja koje qe ndersa sepse")
_CLAUSE_PUNCT = frozenset(";:—\"“”«»")
_POSSESSIVE_PRONOUNS = _words("its their his her our my your the these those this that all")
# Nouns that look like plurals but are not counts.
_NOT_HEADS = _words(
    "news series means times others ones tens dozens hundreds thousands millions billions percent "
    "cents this has was does is as us its his hers ours yours theirs whereas always perhaps "
    "sometimes less unless across towards besides afterwards years months weeks days hours "
    "minutes seconds decades centuries thus plus minus bis yes was vs")
_FUNCTION = _words(
    "of in from to with and or but for by at on into the a an were was are is have has had be "
    "been being will would could can may might should must that which who as than per each its "
    "their his her our this these those it they he she we you i not no nor so than then there "
    "here without within after before since during under over between among against about "
    "above below near while when if because although according said says say told also only "
    "just still even already more most less least very such other another both either neither "
    "all any some many much few several i e se dhe ne nga me per te u na od iz za sa je su da "
    "ili ose")


@dataclass
class _Num:
    """A number found in a sentence: tokens [i, j), its value, and what kind of number it is."""

    i: int
    j: int
    value: float
    weak: bool = False
    """``a``/``an``/``one``: kept only where the rest of the phrase makes the count certain."""
    plain_int: bool = False
    """Digits only, no separator or decimal: could be a year."""
    value_max: float | None = None
    lead: int | None = None
    """For "between X and Y" / "from X to Y": the index of "between"/"from"."""


@dataclass
class _Draft:
    start: int
    end: int
    measure: str
    value: float
    value_max: float | None
    unit: str | None
    qualifier: str
    change: bool = False
    subject: tuple[str | None, str | None, str | None, int | None, int | None] = \
        (None, None, None, None, None)
    subject_decided: bool = False
    num_j: int = 0
    """Token index just after the number."""
    head_end: int = 0
    """Token index just after the figure's phrase (noun, predicate or unit): a later number
    inside it ("about 600 of them from ...") is part of this claim, not another."""
    np_start: int = 0
    np_end: int = 0
    """Character span of the counted noun phrase after the number, if any."""
    people_np: bool = False
    extras: dict[str, object] = field(default_factory=dict)


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup or "punct"
        raw = m.group()
        if raw == "*":
            continue  # Markdown emphasis left in plain text: "mori **396.787 vota**"
        out.append(_Tok(m.start(), m.end(), kind, raw, _fold(raw) if kind == "word" else raw))
    return out


def _digits_value(raw: str) -> tuple[float, bool]:
    """The value of a digit string and whether it is a plain integer (no separator)."""
    s = raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    seps = [c for c in s if c in ".,"]
    if not seps:
        return float(s), " " not in raw and "\u00a0" not in raw and "\u202f" not in raw
    last = max(s.rfind("."), s.rfind(","))
    head, tail = s[:last], s[last + 1:]
    if len(set(seps)) == 2:
        return float(re.sub(r"[.,]", "", head) + "." + tail), False
    if len(seps) > 1 or (len(tail) == 3 and head not in ("0", "")):
        return float(s.replace(seps[0], "")), False
    return float(head + "." + tail), False


class _SentenceReader:
    """Finds the claims of one sentence."""

    def __init__(self, text: str, start: int, end: int, mentions: list[Mention],
                 urls: list[tuple[int, int]]) -> None:
        self.text = text
        self.toks = _tokens(text, start, end)
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.urls = urls
        self.role_spans = [(m.role_start, m.role_end) for m in mentions
                           if m.role_start is not None and m.role_end is not None]
        self.drafts: list[_Draft] = []
        self.tok_starts = [t.start for t in self.toks]
        self.lows = [t.low if t.kind == "word" else "" for t in self.toks]
        self.n = len(self.toks)
        self.marks = self._clause_marks()

    # --- small helpers ---------------------------------------------------------------------------

    def word(self, i: int) -> str:
        """The folded word at token ``i`` ("" for punctuation, numbers and out of range)."""
        return self.lows[i] if 0 <= i < self.n else ""

    def raw(self, i: int) -> str:
        return self.toks[i].raw if 0 <= i < len(self.toks) else ""

    def adjacent(self, i: int, j: int) -> bool:
        """Token ``j`` starts exactly where token ``i`` ends."""
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) \
            and self.toks[i].end == self.toks[j].start

    def mention_at(self, pos: int) -> Mention | None:
        k = bisect.bisect_right(self.mention_starts, pos) - 1
        while k >= 0 and pos - self.mentions[k].start < 300:
            m = self.mentions[k]
            if m.start <= pos < m.end:
                return m
            k -= 1
        return None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        k = bisect.bisect_left(self.mention_starts, start)
        out = []
        while k < len(self.mentions) and self.mentions[k].start < end:
            if self.mentions[k].end <= end:
                out.append(self.mentions[k])
            k += 1
        return out

    def token_index(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.tok_starts, pos)

    def _clause_marks(self) -> list[int]:
        """For every token (and for the end), the first token of its clause, in one pass.

        A clause starts after ``;``, ``:``, a dash between spaces, a quotation mark, or a
        subordinating word ("that", "which", "while", Serbian "da", Albanian "që" ...).
        """
        marks = []
        current = 0
        for k, t in enumerate(self.toks):
            marks.append(current)
            dash = t.raw in ("–", "-") and t.start > 0 and self.text[t.start - 1].isspace()
            if (t.kind == "punct" and (t.raw in _CLAUSE_PUNCT or dash)) or \
                    (t.kind == "word" and t.low in _CLAUSE_WORDS):
                current = k + 1
        marks.append(current)
        return marks

    def clause_start(self, i: int) -> int:
        """First token of the clause holding token ``i`` (looking back at most 40 tokens)."""
        i = min(max(i, 0), self.n)
        return max(self.marks[i], i - 40, 0)

    # --- numbers --------------------------------------------------------------------------------

    def numbers(self) -> list[_Num]:
        out: list[_Num] = []
        toks = self.toks
        i = 0
        while i < len(toks):
            t = toks[i]
            num = None
            if t.kind == "num":
                num = self.digits(i)
            elif t.kind == "word" and (t.low in _UNITS or t.low in _TENS or t.low in ("a", "an")):
                num = self.spelled(i)
            if num is None:
                i += 1
                continue
            out.append(num)
            i = num.j
        return self.ranges(out)

    def digits(self, i: int) -> _Num | None:
        t = self.toks[i]
        text = self.text
        value, plain = _digits_value(t.raw)
        j = i + 1
        nxt = self.toks[j] if j < len(self.toks) else None
        # Letters glued to the digits: a scale ("2.7bn") or not a count ("9th", "1990s", "4G").
        if nxt is not None and nxt.start == t.end and nxt.kind == "word":
            scale = _ATTACHED_SCALES.get(nxt.low)
            if scale is None:
                return None
            value *= scale
            plain = False
            j += 1
        # Part of a longer digit run: dates, times, phone numbers, versions, fractions.
        after = text[t.end:t.end + 2]
        if len(after) == 2 and after[0] in "./:" and after[1].isdigit():
            return None
        before = text[max(0, t.start - 2):t.start]
        if len(before) == 2 and before[1] in "./:" and before[0].isdigit():
            return None
        if len(before) == 2 and before[1] in "-‐/" and before[0].isalpha():
            return None  # F-16, MiG-29, COVID-19
        if before[-1:] in ("+", "#", "№"):
            return None
        if re.match(r"[-–]\d+[-–/]\d", text[t.end:t.end + 12]) or \
                re.search(r"\d[-–/]\d+[-–]$", text[max(0, t.start - 12):t.start]):
            return None  # "2025-03-11", "011-123-456"
        run = re.match(r"[ \u00a0]\d", text[t.end:t.end + 2])
        if run or re.search(r"\d[ \u00a0]$", before):
            return None  # "11 123 4567"
        # A regional ordinal or date ("29. августа", "2024. године"): a point then lower case.
        if text[t.end:t.end + 1] == "." and re.match(r"\.\s+[^\W\d_]", text[t.end:t.end + 3]) \
                and text[t.end + 2:t.end + 3].islower():
            return None
        k = bisect.bisect_right(self.urls, (t.start, len(text))) - 1
        if k >= 0 and self.urls[k][0] <= t.start < self.urls[k][1]:
            return None
        if j < len(self.toks) and self.toks[j].kind == "word" and self.toks[j].low in _SCALES \
                and not (j + 1 < len(self.toks) and self.toks[j + 1].raw == "-"):
            value *= _SCALES[self.toks[j].low]
            plain = False
            j += 1
        return _Num(i, j, value, plain_int=plain)

    def spelled(self, i: int) -> _Num | None:
        toks = self.toks
        first = toks[i].low
        if first in ("a", "an"):
            nxt = self.word(i + 1)
            if nxt in ("dozen", "hundred", "thousand", "million", "billion"):
                value = {"dozen": 12, **_BIG}[nxt]
                j = i + 2
                if nxt in ("hundred", "thousand"):
                    more = self._spelled_tail(j, value)
                    if more:
                        value, j = more
                return _Num(i, j, float(value))
            if self.a_counts(i):
                return _Num(i, i + 1, 1.0, weak=True)
            return None
        total, current, j, last = 0, 0, i, ""
        while j < len(toks) and toks[j].kind in ("word", "punct"):
            w = toks[j].low if toks[j].kind == "word" else toks[j].raw
            if w in _UNITS and last not in ("unit", "teen"):
                current += _UNITS[w]
                last = "unit" if _UNITS[w] < 10 else "teen"
            elif w in _TENS and last in ("", "big", "hundred"):
                current += _TENS[w]
                last = "tens"
            elif w == "-" and last == "tens" and self.adjacent(j - 1, j) and \
                    self.word(j + 1) in _UNITS and self.adjacent(j, j + 1):
                pass
            elif w == "hundred" and last in ("unit", "teen", "tens"):
                current *= 100
                last = "hundred"
            elif w in ("thousand", "million", "billion") and last:
                total += max(current, 1) * _BIG[w]
                current = 0
                last = "big"
            elif w == "dozen" and last in ("unit", "teen"):
                current *= 12
                last = "dozen"
            elif w == "and" and last in ("hundred", "big") and \
                    (self.word(j + 1) in _UNITS or self.word(j + 1) in _TENS):
                pass
            else:
                break
            j += 1
        while j > i and toks[j - 1].low in ("-", "and"):
            j -= 1
        value = total + current
        if j == i or value == 0:
            return None
        weak = value == 1 and j == i + 1
        return _Num(i, j, float(value), weak=weak)

    def _spelled_tail(self, j: int, value: int) -> tuple[int, int] | None:
        """"a hundred and fifty": continue a number after "a hundred"/"a thousand"."""
        if self.word(j) == "and" and (self.word(j + 1) in _UNITS or self.word(j + 1) in _TENS):
            rest = self.spelled(j + 1)
            if rest:
                return value + int(rest.value), rest.j
        return None

    def a_counts(self, i: int) -> bool:
        """Whether "a"/"an" at ``i`` counts one of something the claim rules can use."""
        if self.word(i - 1) in _EVENT_VERBS:
            return True
        if self.word(i + 1) in _TIME_UNITS:
            return True
        for k in range(i + 1, min(i + 5, len(self.toks))):
            hit = _NOUNS.at(self.toks, k)
            if hit and _UNIT_OF.get(hit[0]) == _PEOPLE:
                return True
        return False

    def ranges(self, nums: list[_Num]) -> list[_Num]:
        """Join "between 20 and 30", "20 to 30", "20-30", "two or three" into one range."""
        out: list[_Num] = []
        k = 0
        while k < len(nums):
            a = nums[k]
            if k + 1 < len(nums) and not a.weak:
                b = nums[k + 1]
                gap = [t for t in self.toks[a.j:b.i]]
                joiner = " ".join(t.low for t in gap)
                between = self.word(a.i - 1) == "between" and joiner == "and"
                if self.word(a.i - 1) == "from" and joiner == "to" and self.change_verb(a.i - 1) \
                        is not None:
                    out.append(a)  # "grew from 3,500 to 4,000 troops": a change, not a range
                    k += 1
                    continue
                if (between or joiner in ("to", "-", "–", "or", "do", "deri ne")) and \
                        b.value > a.value and not b.weak and not self._is_date_at(b):
                    a.value_max = b.value
                    a.j = b.j
                    if between or (self.word(a.i - 1) == "from" and joiner == "to"):
                        a.lead = a.i - 1
                    out.append(a)
                    k += 2
                    continue
            out.append(a)
            k += 1
        return out

    def _is_date_at(self, n: _Num) -> bool:
        return self.word(n.j) in _MONTHS or (self.raw(n.j) == "." and self.word(n.j + 1) in _MONTHS)

    def excluded(self, n: _Num) -> bool:
        """Years, dates, times, labels, list numbers: never claims."""
        toks = self.toks
        prev = n.i - 1
        while prev >= 0 and toks[prev].raw in (".", "(", "#", "№"):
            prev -= 1
        if self.word(prev) in _REFERENCE_WORDS:
            return True
        if self.word(prev) in _MONTHS and toks[prev].raw[:1].isupper():
            return True  # "March 10", "May 2023"
        if self._is_date_at(n):
            return True
        # "10 and 11 March"
        if self.word(n.j) in ("and", "or", "to") or self.raw(n.j) in ("-", "–"):
            k = n.j + 1
            if k < len(toks) and toks[k].kind == "num" and self.word(k + 1) in _MONTHS:
                return True
        nxt = self.word(n.j)
        if nxt in _TIME_AFTER and (self.raw(n.j + 1) == "." or nxt in ("am", "pm", "h", "hrs",
                                                                        "o'clock", "oclock")):
            return True  # 3 a.m., 3 pm
        if n.plain_int and 1000 <= n.value <= 2100 and n.value_max is None:
            hit = _NOUNS.at(toks, n.j)
            if not hit:
                return True  # a year
        # List or section number at the start of a line: "1. Introduction", "2) Context".
        start = toks[n.i].start
        if self.raw(n.j) in (".", ")") and n.j == n.i + 1:
            window = max(0, start - 40)
            line_start = self.text.rfind("\n", window, start) + 1 or (0 if window == 0 else -1)
            if line_start >= 0 and not self.text[line_start:start].strip(" \t#*-"):
                return True
        # An enumeration in brackets: "(1)".
        if self.raw(n.i - 1) == "(" and self.raw(n.j) == ")":
            return True
        return self.word(n.j) == "s" and self.adjacent(n.j - 1, n.j)

    # --- qualifiers -----------------------------------------------------------------------------

    def qualifier_before(self, i: int) -> tuple[str, int]:
        """The qualifier ending just before token ``i`` and the token it starts at."""
        floor = max(0, i - _QUALIFIERS.longest)
        hit = _QUALIFIERS.ending(self.toks, i, floor)
        if hit:
            return hit[0], hit[1]
        if i > 0 and self.toks[i - 1].raw in _QUALIFIER_SYMBOLS:
            return _QUALIFIER_SYMBOLS[self.toks[i - 1].raw], i - 1
        return "exact", i

    # --- the claims of the sentence ------------------------------------------------------------

    def claims(self) -> list[_Draft]:
        for n in self.numbers():
            if self.drafts and n.i < self.drafts[-1].head_end or self.excluded(n):
                continue
            draft = self.read(n)
            if draft is not None:
                self.drafts.append(draft)
        for draft in self.drafts:
            if not draft.subject_decided:
                draft.subject = self.subject(draft)
        return self.drafts

    def read(self, n: _Num) -> _Draft | None:
        toks = self.toks
        start_i = n.i if n.lead is None else n.lead
        currency = None
        # Currency before the number: "€2.7 billion", "EUR 2.7 billion", "US$ 5 million".
        if n.i > 0 and toks[n.i - 1].raw in _CURRENCY_SYMBOLS:
            currency = _CURRENCY_SYMBOLS[toks[n.i - 1].raw]
            start_i = n.i - 1
            if self.word(start_i - 1) == "us":
                start_i -= 1
        elif self.word(n.i - 1) in _CURRENCY_CODES and toks[n.i - 1].raw.isupper():
            currency = _CURRENCY_CODES[self.word(n.i - 1)]
            start_i = n.i - 1
        qualifier, q_start = self.qualifier_before(start_i)
        change = False
        sign = 1.0
        more = _MORE_BEFORE.ending(toks, q_start, max(0, q_start - 2))
        if more:
            change = True
            q_start = more[1]
        j = n.j
        # Qualifiers after the number: "30 or more", "30-plus", "30+".
        after = _AFTER_QUALIFIERS.at(toks, j)
        if after and qualifier == "exact":
            qualifier, j = after
        elif self.raw(j) == "+" and self.adjacent(j - 1, j) and qualifier == "exact":
            qualifier, j = "more than", j + 1
        elif self.raw(j) == "-" and self.word(j + 1) == "plus" and qualifier == "exact":
            qualifier, j = "more than", j + 2
        d = _Draft(start=toks[q_start].start, end=toks[j - 1].end, measure="", value=n.value,
                   value_max=n.value_max, unit=None, qualifier=qualifier, change=change,
                   num_j=n.j, head_end=j)
        prev_word = self.word(q_start - 1)
        if prev_word in _WITHDRAW or (prev_word == "out" and self.word(q_start - 2) in (
                "pull", "pulled", "pulls", "pulling")):
            d.change, sign = True, -1.0
        if prev_word in ("by", "to"):
            verb = self.change_verb(q_start - 1)
            if verb is not None:
                d.extras["change_verb"] = verb  # its possessor or object is the subject
                if prev_word == "by":  # "increased by 1,000" is a change; "grew to 4,000" a level
                    d.change = True
                    sign = float(_CHANGE_VERBS[self.toks[verb].low])
        ok = (self.money(d, j, currency) if currency or self._currency_after(j)
              else self.percent(d, j) or self.duration(d, n, j) or self.partitive(d, n, j)
              or self.votes_ellipsis(d, j) or self.counted(d, n, j))
        if not ok:
            return None
        if n.weak and d.measure not in ("injured", "killed", "arrested", "prison sentence", "ban") \
                and not (self.word(n.i) == "one" and d.extras.get("lexicon")):
            return None
        if sign < 0:
            d.value, d.value_max = -d.value, (-d.value_max if d.value_max is not None else None)
        return d

    def _currency_after(self, j: int) -> str | None:
        k = j + 1 if self.word(j) in ("us", "american", "serbian", "convertible") else j
        return _CURRENCY_WORDS.get(self.word(k))

    def money(self, d: _Draft, j: int, currency: str | None) -> bool:
        if currency is None:
            k = j + 1 if self.word(j) in ("us", "american", "serbian", "convertible") else j
            currency = _CURRENCY_WORDS[self.word(k)]
            j = k + 1
        d.unit, d.head_end, d.end = currency, j, self.toks[j - 1].end
        before = self.measure_before(d)
        d.measure = before if before in ("value", "cost", "budget") else "amount"
        return True

    def measure_before(self, d: _Draft) -> str | None:
        """A noun shortly before the figure naming what it measures ("turnout was ...")."""
        q = self.token_index(d.start)
        floor = max(self.clause_start(q), q - 5)
        for end in range(q, floor, -1):
            hit = _BEFORE_MEASURES.ending(self.toks, end, floor)
            if hit:
                return hit[0]
        return None

    def percent(self, d: _Draft, j: int) -> bool:
        if self.raw(j) == "%":
            unit, j = "percent", j + 1
        else:
            hit = _PERCENT_WORDS.at(self.toks, j)
            if not hit:
                return False
            unit, j = hit
        d.unit, d.head_end, d.end = unit, j, self.toks[j - 1].end
        d.measure = "percentage"
        before = self.measure_before(d)
        if before == "turnout" or self.word(j) == "turnout":
            d.measure = "turnout"
        elif self.word(j) == "of" and self.word(j + 1) in ("the", "all") and \
                self.word(j + 2) in ("vote", "votes", "ballots"):
            d.measure = "vote share"
        # "396.787 vota, ose 42,30 për qind", "196.474 vota (20,95 për qind)"
        prev = self.drafts[-1] if self.drafts else None
        if prev is not None and prev.measure == "votes":
            gap = self.text[prev.end:d.start]
            if re.fullmatch(r"\s*(?:,\s*(?:or|ose|ili|odnosno)\s*|\(\s*|,\s*)", gap):
                d.measure = "vote share"
                self.inherit(d, prev)
        return True

    def duration(self, d: _Draft, n: _Num, j: int) -> bool:
        """Years or months: a prison sentence, a ban, an age, or nothing."""
        toks = self.toks
        compound = self.raw(j) in ("-", "‐") and self.adjacent(j - 1, j) and \
            self.word(j + 1) in _TIME_UNITS
        unit_i = j + 1 if compound else j
        unit = _TIME_UNITS.get(self.word(unit_i))
        if unit is None:
            if self.word(n.i - 1) == "aged":  # "aged 45"
                d.measure, d.unit, d.start = "age", "years", toks[n.i - 1].start
                return True
            return False
        after = unit_i + 1
        if compound:
            if self.raw(after) in ("-", "‐") and self.word(after + 1) == "old":
                d.measure, d.unit, d.head_end = "age", "years", after + 2
                d.end = toks[after + 1].end
                return True
            kind = None
            for k in range(after, min(after + 3, len(toks))):
                if self.word(k) in ("ban", "disqualification"):
                    kind, after = "ban", k + 1
                    break
                # "three-year sentence", "-year prison sentence", "-year jail term" (a "four-year
                # term" alone is a term of office).
                if self.word(k) in ("sentence", "imprisonment") or (
                        self.word(k) == "term" and self.word(k - 1) in ("prison", "jail")):
                    kind, after = "prison sentence", k + 1
                    break
            if kind is None:
                return False
            d.measure, d.unit, d.head_end, d.end = kind, unit, after, toks[after - 1].end
            return True
        if self.word(after) == "old":
            d.measure, d.unit, d.head_end, d.end = "age", "years", after + 1, toks[after].end
            return True
        if self.raw(after) in ("'", "’") and self.adjacent(unit_i, after):
            after += 1  # "five years' imprisonment"
        prison = _PRISON_AFTER.at(toks, after)
        q = self.token_index(d.start)
        clause = self.clause_start(q)
        if prison:
            d.measure, d.unit, d.head_end, d.end = \
                "prison sentence", unit, prison[1], toks[prison[1] - 1].end
            return True
        before = self.word(q - 1)
        if before in ("of",) and self.word(q - 2) in _PRISON_BEFORE:
            d.measure, d.unit, d.head_end, d.end = "prison sentence", unit, after, toks[unit_i].end
            return True
        if before in ("to", "na", "me") and any(self.word(k) in _SENTENCED
                                                for k in range(clause, q - 1)):
            d.measure, d.unit, d.head_end, d.end = "prison sentence", unit, after, toks[unit_i].end
            return True
        if before == "for" and any(self.word(k) in _JAILED for k in range(max(clause, q - 8), q)):
            d.measure, d.unit, d.head_end, d.end = "prison sentence", unit, after, toks[unit_i].end
            return True  # "jailed for 10 years"
        if before in ("for", "of", "na", "per") and any(self.word(k) in _BANNED
                                                        for k in range(max(clause, q - 25), q)):
            d.measure, d.unit, d.head_end, d.end = "ban", unit, after, toks[unit_i].end
            return True
        return False

    def partitive(self, d: _Draft, n: _Num, j: int) -> bool:
        """"three of the attackers were killed", "about 600 of them from the United States"."""
        if self.word(j) != "of":
            return False
        toks = self.toks
        if self.word(j + 1) in ("them", "whom"):
            prev = next((p for p in reversed(self.drafts)
                         if p.measure not in ("contributing nations", "countries")), None)
            k = j + 2
            event = self.predicate(k)
            if event:
                d.measure, d.unit, d.head_end = event[0], _PEOPLE, event[1]
                d.end = toks[event[1] - 1].end
                if prev is not None:
                    self.inherit(d, prev)
                return True
            if prev is not None and self.word(k) == "from":
                at = k + 2 if self.word(k + 1) == "the" else k + 1
                m = self.mention_at(toks[at].start) if at < len(toks) else None
                if m is not None:
                    d.measure, d.unit = prev.measure, prev.unit
                    d.head_end, d.end = self.token_index(m.end), m.end
                    d.subject, d.subject_decided = self.from_mention(m), True
                    return True
            return False
        k = j + 1
        if self.word(k) in _POSSESSIVE_PRONOUNS:
            k += 1
        np = self.noun_phrase(k)
        if np is None:
            return False
        head_end, _measure, _lexicon = np
        event = self.predicate(head_end)
        if not event:
            return False
        d.measure, d.unit, d.head_end = event[0], _PEOPLE, event[1]
        d.end = toks[event[1] - 1].end
        d.np_start, d.np_end, d.people_np = toks[k].start, toks[head_end - 1].end, True
        return True

    def votes_ellipsis(self, d: _Draft, j: int) -> bool:
        """"49 votes in favour and three against": the second figure reuses "votes"."""
        prev = self.drafts[-1] if self.drafts else None
        if prev is None or not prev.measure.startswith("votes") and prev.measure != "abstentions":
            return False
        if _NOUNS.at(self.toks, j):
            return False
        side = self.vote_side(j)
        if side is None:
            return False
        d.measure, d.unit, d.head_end = side[0], "votes", side[1]
        d.end = self.toks[side[1] - 1].end
        self.inherit(d, prev)
        return True

    def vote_side(self, j: int) -> tuple[str, int] | None:
        """"in favour", "against", "abstaining" at token ``j``: (measure, index after it)."""
        side = _VOTE_SIDES.at(self.toks, j)
        if side is not None and side[1] == j + 1 and self.word(j) in ("for", "za", "pro"):
            nxt = self.word(j + 1)
            if nxt not in ("and", "with", "while", "i", "dhe") and \
                    self.raw(j + 1) not in (",", ".", ";", ")", ""):
                return None
        return side

    def noun_phrase(self, k: int) -> tuple[int, str, bool] | None:
        """The counted noun after a number: (index after it, measure, from the lexicon).

        At most four words: modifiers (adjectives, names, "more") then the head. A lexicon noun
        ends the phrase; otherwise the first English plural-looking word is the head.
        """
        toks = self.toks
        for step in range(4):
            i = k + step
            if i >= len(toks):
                return None
            t = toks[i]
            hit = _NOUNS.at(toks, i)
            if hit:
                return hit[1], hit[0], True
            if t.kind == "punct" and t.raw in ("-", "‐") and step > 0 and self.adjacent(i - 1, i):
                continue
            if t.kind != "word" or t.low in _FUNCTION or t.low in _EVENTS or t.low in _AUX:
                return None
            if t.low in _TIME_UNITS or t.low in _MONTHS and t.raw[:1].isupper():
                return None
            inside = self.mention_at(t.start)
            if inside is None and self._plural(t):
                return i + 1, t.raw.lower(), False
        return None

    @staticmethod
    def _plural(t: _Tok) -> bool:
        w = t.raw
        return (len(w) >= 4 and w.isascii() and w.isalpha() and w.endswith("s")
                and not w.endswith(("ss", "us", "is")) and w.lower() not in _NOT_HEADS
                and (w[1:].islower()))

    def predicate(self, k: int) -> tuple[str, int] | None:
        """What happened to counted people: "were injured", "hurt", "had been killed"."""
        for step in range(4):
            w = self.word(k + step)
            if w in _EVENTS:
                return _EVENTS[w], k + step + 1
            if w not in _AUX:
                return None
        return None

    def counted(self, d: _Draft, n: _Num, j: int) -> bool:
        """A number followed by what it counts (noun and/or what happened to them)."""
        toks = self.toks
        k = j
        if self.word(k) in _MORE_AFTER and self.word(k) != "new":
            d.change = True
            k += 1
        elif self.word(k) in ("new", "other"):
            k += 1
        # "41 injured", "three dead", "50 were injured": the predicate right after the number.
        direct = self.predicate(k)
        if direct is not None and (self.word(k) in _EVENTS or self.word(k) in _AUX):
            measure, end = direct
            np = self.noun_phrase(end) if self.word(k) in _EVENTS else None
            if np is not None and _UNIT_OF.get(np[1]) in (_PEOPLE, None):
                d.np_start, d.np_end, d.people_np = toks[end].start, toks[np[0] - 1].end, True
                end = np[0]
            d.measure, d.unit, d.head_end, d.end = measure, _PEOPLE, end, toks[end - 1].end
            return True
        np = self.noun_phrase(k)
        active = _EVENT_VERBS.get(self.word(self.token_index(d.start) - 1))
        if np is None and self.word(k) == "others":
            # "injured a dozen others", "two others were wounded"
            event = self.predicate(k + 1)
            measure = event[0] if event else active
            if measure is not None:
                end = event[1] if event else k + 1
                d.measure, d.unit, d.people_np = measure, _PEOPLE, True
                d.np_start, d.np_end = toks[k].start, toks[k].end
                d.head_end, d.end = end, toks[end - 1].end
                if active is not None and not event:
                    d.start = toks[self.token_index(d.start) - 1].start
                return True
        if np is None:
            before = self.measure_before(d)
            if before in ("population", "killed"):
                d.measure, d.unit = before, _PEOPLE
                return True
            return False
        head_end, measure, lexicon = np
        d.extras["lexicon"] = lexicon
        if not lexicon and (n.value == 1 and n.value_max is None):
            return False
        d.np_start, d.np_end = toks[k].start, toks[head_end - 1].end
        d.head_end, d.end = head_end, toks[head_end - 1].end
        people = _UNIT_OF.get(measure) == _PEOPLE or not lexicon
        event = self.predicate(head_end) if people else None
        if event is not None:
            d.measure, d.unit, d.people_np = event[0], _PEOPLE, True
            d.head_end, d.end = event[1], toks[event[1] - 1].end
            return True
        if active is not None and people:
            d.measure, d.unit, d.people_np = active, _PEOPLE, True
            d.start = toks[self.token_index(d.start) - 1].start
            return True
        if measure == "countries" and self.word(self.token_index(d.start) - 1) == "from":
            prev = self.drafts[-1] if self.drafts else None
            if prev is not None and prev.unit == _PEOPLE and prev.measure in (
                    "troops", "personnel", "police officers", "people") and \
                    re.fullmatch(r"\s*from\s*", self.text[prev.end:d.start]):
                d.measure, d.unit = "contributing nations", "countries"
                self.inherit(d, prev)
                return True
        if measure == "votes":
            side = self.vote_side(head_end)
            if side is not None and side[0] != "abstentions":
                measure, d.head_end, d.end = side[0], side[1], toks[side[1] - 1].end
        d.measure, d.unit = measure, _UNIT_OF.get(measure)
        return True

    def change_verb(self, by: int) -> int | None:
        """The change verb a "by N" belongs to ("increased KFOR's presence by 1,000")."""
        floor = max(self.clause_start(by), by - 8)
        for k in range(by - 1, floor - 1, -1):
            if self.word(k) in _CHANGE_VERBS:
                return k
        return None

    # --- subjects -------------------------------------------------------------------------------

    @staticmethod
    def from_mention(m: Mention) -> tuple[str | None, str | None, str | None, int | None,
                                          int | None]:
        key = None if m.kb_id else (m.key or m.text)
        return m.text, m.kb_id, key, m.start, m.end

    def inherit(self, d: _Draft, prev: _Draft) -> None:
        if not prev.subject_decided:
            prev.subject = self.subject(prev)
            prev.subject_decided = True
        d.subject, d.subject_decided = prev.subject, True

    def eligible(self, m: Mention) -> bool:
        """A mention that can be a clause's subject: not a possessor, not in a prepositional
        phrase, not part of a person's title ("NATO" in "NATO Secretary General Jens ...")."""
        i = self.token_index(m.start)
        end_i = self.token_index(m.end)
        if end_i < len(self.toks) and self.toks[end_i].kind == "poss":
            return False
        if self.word(i - 1) in _PREPOSITIONS or self.word(i - 1) == "according":
            return False
        if self.word(i - 2) == "according" or self.raw(i - 1) == "(":
            return False
        return not any(a <= m.start and m.end <= b for a, b in self.role_spans)

    def subject(self, d: _Draft) -> tuple[str | None, str | None, str | None, int | None,
                                          int | None]:
        toks = self.toks
        q = self.token_index(d.start)
        clause = self.clause_start(q)
        # The person sentenced or banned.
        if d.measure in ("prison sentence", "ban"):
            found = self.sentenced(d, q, clause)
            if found[0] is not None:
                return found
        # A mention inside the counted phrase ("30 KFOR soldiers") or right after it
        # ("three members of the Presidency").
        if d.np_end > d.np_start:
            inside = self.mentions_in(toks[d.num_j - 1].end if d.num_j else d.np_start, d.np_end)
            if inside:
                return self.from_mention(inside[0])
        if d.np_end:
            k = self.token_index(d.np_end)
            if self.word(k) == "of":
                k += 1 + (self.word(k + 1) == "the")
                m = self.mention_at(toks[k].start) if k < len(toks) else None
                if m is not None:
                    return self.from_mention(m)
        # "NATO increased KFOR's presence by 1,000 troops": the possessor or object of the change.
        verb = d.extras.get("change_verb")
        if isinstance(verb, int):
            between = self.mentions_in(toks[verb].end, d.start)
            for m in between:
                end_i = self.token_index(m.end)
                if end_i < len(toks) and toks[end_i].kind == "poss":
                    return self.from_mention(m)
            if between:
                return self.from_mention(between[0])
            return self.clause_subject(clause, verb)
        # A figure in brackets explains the phrase before them: "KFOR in Kosovo (approximately".
        paren = self.paren_head(q)
        if paren is not None:
            return self.from_mention(paren)
        # A mention right before the figure: "LDK 171.357 vota", "LVV: 48 deputetë".
        k = bisect.bisect_left(self.mention_starts, d.start) - 1
        if k >= 0:
            m = self.mentions[k]
            gap = self.text[m.end:d.start]
            if m.end <= d.start and re.fullmatch(
                    r"\)?\s*(?:\([^()]{1,12}\)\s*)?(?:[-–][^\W\d_]+\s*)?:?\s*", gap) and \
                    (gap.strip() or m.start >= toks[clause].start):
                return self.from_mention(m)
        # A possessor shortly before: "KFOR's 4,700 troops", "KFOR's strength of 4,700 troops".
        for k in range(q - 1, max(clause, q - 6) - 1, -1):
            if toks[k].kind == "poss":
                m = self.mention_at(toks[k - 1].start) if k > 0 else None
                if m is not None:
                    return self.from_mention(m)
            if toks[k].kind == "word" and toks[k].low in _HAVE_VERBS.first:
                break
        # "KFOR, with 4,700 troops, ...": an apposition to the mention before the comma.
        if self.word(q - 1) == "with" and self.raw(q - 2) == ",":
            m = self.mention_at(toks[q - 3].start) if q >= 3 else None
            if m is not None and m.end == toks[q - 3].end:
                return self.from_mention(m)
        # The subject of a verb of having, sending, buying or winning.
        k = q
        while self.word(k - 1) in _VERB_TO_FIGURE and k > clause:
            if self.word(k - 1) == "of" and _HAVE_VERBS.ending(toks, k, clause):
                break
            k -= 1
        verb = _HAVE_VERBS.ending(toks, k, clause)
        if verb is not None:
            v = verb[1]
            if v >= 2 and toks[v - 1].kind == "poss":  # "Serbia's purchase of 12 jets"
                m = self.mention_at(toks[v - 2].start)
                if m is not None:
                    return self.from_mention(m)
            found = self.clause_subject(clause, v)
            if found[0] is not None:
                return found
        # People counted by what happened to them, described by their noun.
        if d.people_np and d.np_end > d.np_start:
            return self.description(d.np_start, d.np_end)
        return (None, None, None, None, None)

    def clause_subject(self, clause: int, verb: int) -> tuple[str | None, str | None, str | None,
                                                              int | None, int | None]:
        if clause >= verb:
            return (None, None, None, None, None)
        for m in self.mentions_in(self.toks[clause].start, self.toks[verb].start):
            if self.eligible(m):
                return self.from_mention(m)
        return (None, None, None, None, None)

    def description(self, start: int, end: int) -> tuple[str | None, str | None, str | None,
                                                         int | None, int | None]:
        k = self.token_index(start)
        while k < len(self.toks) and self.toks[k].start < end and \
                self.word(k) in _POSSESSIVE_PRONOUNS | {"a", "an"}:
            k += 1
        if k >= len(self.toks) or self.toks[k].start >= end:
            return (None, None, None, None, None)
        start = self.toks[k].start
        words = self.text[start:end]
        return words, None, words.lower(), start, end

    def sentenced(self, d: _Draft, q: int, clause: int) -> tuple[
            str | None, str | None, str | None, int | None, int | None]:
        """The person sentenced or banned: the object of "sentenced"/"banned" (up to the next
        preposition), the person handed "a sentence", or, for "banned him" and for a ban stated
        with a prison sentence of the same sentence, that sentence's subject."""
        toks = self.toks
        words = _SENTENCED if d.measure == "prison sentence" else _BANNED
        for k in range(q - 1, max(0, q - 30) - 1, -1):
            if self.word(k) not in words:
                continue
            if self.word(k + 1) in ("him", "her", "them"):
                break
            stop = k + 1
            while stop < q and self.word(stop) not in _PREPOSITIONS:
                stop += 1
            found = self.mentions_in(toks[k].end, toks[stop].start if stop < len(toks) else d.start)
            if not found and self.word(k) in ("sentence", "ban"):  # "handed Dodik a sentence"
                found = [m for m in self.mentions_in(toks[max(0, k - 6)].start, toks[k].start)
                         if m.type == "person"]
            people = [m for m in found if m.type == "person"]
            if people or found:
                return self.from_mention((people or found)[0])
            if self.word(k - 1) in ("was", "were", "is", "been", "be", "are"):
                return self.clause_subject(self.clause_start(k), k - 1)  # "Dodik was sentenced"
            break
        if d.measure == "ban":
            for other in reversed(self.drafts):
                if other is not d and other.measure == "prison sentence" and \
                        other.start < d.start:
                    if not other.subject_decided:
                        other.subject = self.subject(other)
                        other.subject_decided = True
                    return other.subject
        return (None, None, None, None, None)

    def paren_head(self, q: int) -> Mention | None:
        """For a figure at the start of a bracket, the mention the bracket explains."""
        toks = self.toks
        k = q - 1
        while k >= max(0, q - 3) and toks[k].raw != "(":
            if toks[k].kind != "word":
                return None
            k -= 1
        if k < 0 or toks[k].raw != "(":
            return None
        pos = toks[k].start
        chain: list[Mention] = []
        while True:
            idx = bisect.bisect_left(self.mention_starts, pos) - 1
            if idx < 0:
                break
            m = self.mentions[idx]
            gap = self.text[m.end:pos]
            if chain and not re.fullmatch(r"\s+(?:in|at|of|for)\s+(?:the\s+)?", gap):
                break
            if not chain and gap.strip():
                break
            chain.append(m)
            pos = m.start
        return chain[-1] if chain else None


# A sentence without a digit or any of these words has no claim: skip it before tokenising.
# ("a"/"an" counts only next to a time unit, a people noun or an event verb; see ``a_counts``.)
_TRIGGERS = frozenset(
    {w for w in list(_UNITS) + list(_TENS) + ["dozen", "hundred", "thousand", "million",
                                             "billion"] if w != "zero"}
    | {w for w in _TIME_UNITS if w.isascii()}
    | {k[0] for k, v in _NOUNS.map.items() if _UNIT_OF.get(v) == _PEOPLE}
    | set(_EVENT_VERBS) | {w for w in _EVENTS if w.isascii()})
_DIGIT = re.compile(r"\d")
_ASCII_WORD = re.compile(r"[a-z]+")


def _may_have_claims(sentence: str) -> bool:
    return bool(_DIGIT.search(sentence)) or \
        not _TRIGGERS.isdisjoint(_ASCII_WORD.findall(sentence.lower()))


def extract_claims(text: str, mentions: list[Mention], anchor: dt.date | None) -> list[Claim]:
    """Every figure ``text`` states, with its measure, qualifier and subject, in text order.

    ``mentions`` are the article's entity mentions (offsets into ``text``); ``anchor`` is its
    publication date, recorded as each claim's ``as_of`` (None when the article is undated).
    """
    if not text.strip():
        return []
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    starts = [m.start for m in ordered]
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
    out: list[Claim] = []
    for sentence in split_sentences(text):
        if not _may_have_claims(text[sentence.start:sentence.end]):
            continue
        lo = bisect.bisect_left(starts, sentence.start)
        hi = bisect.bisect_left(starts, sentence.end)
        inside = [m for m in ordered[lo:hi] if m.end <= sentence.end]
        reader = _SentenceReader(text, sentence.start, sentence.end, inside, urls)
        for d in reader.claims():
            subject, kb_id, key, s_start, s_end = d.subject
            out.append(Claim(
                start=d.start, end=d.end, text=text[d.start:d.end], subject=subject,
                subject_kb_id=kb_id, subject_key=key, measure=d.measure, value=d.value,
                value_max=d.value_max, unit=d.unit, qualifier=d.qualifier, change=d.change,
                as_of=anchor, subject_start=s_start, subject_end=s_end))
    return out
