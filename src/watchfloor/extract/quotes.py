"""Quotes and their speakers: who is reported to have said what, with exact spans.

Rule-based and deterministic, in three passes over one article's clean text.

1. **Quotation marks.** Each mark is read from its neighbours (a mark after a space and before a
   word opens, one after a word and before a space or punctuation closes), so straight ``"``,
   English ``“…”``, regional ``„…“``/``„…”``, ``«…»`` (and ``»…«``) and single ``‘…’``/``'…'`` all
   work and typos do not derail the rest of the paragraph. A ``’`` or ``'`` between two letters is
   an apostrophe (``Rutte’s``, ``don’t``), never a mark; one after an ``s`` and before a word
   (``the Allies’ position``) is taken as a closing mark only when no other closing mark follows
   in the paragraph. Marks pair on a small stack, so nested quotes stay inside their quote and an
   unmatched mark is ignored instead of swallowing the paragraph. Quotes never cross a paragraph
   break, except in the press convention for a quote that runs on: a paragraph that ends inside an
   open quote and a next paragraph that opens with a mark make one quote with a part per
   paragraph. An opening mark that is never closed and not continued is dropped: where the quote
   ends cannot be known.
2. **Attributions.** Every reporting verb outside quotes (``said``, ``told``, ``added``,
   ``stressed``, ``emphasised``, ``noted``, ``warned``, ``according to`` …, see ``_VERBS``) is given
   its speaker: the name, description or pronoun written next to it ("Rutte said", "said NATO
   spokesperson Farah Dakhlallah", "Ivana Stradner, a Balkan security expert …, said", "a NATO
   official said", "he stated", "according to a NATO press release"). Names come from the
   ``Mention`` list; without a mention, only a run of two to four capitalised words counts as a
   name; "Rutte’s spokesperson", "the office of Prime Minister Albin Kurti" and "officials in
   Kosovo" are descriptions, not names, and "Rutte and Vučić said" has no single speaker. A
   participle or a coordinated verb without its own subject ("…, warning that", "and added:")
   takes the speaker of the sentence's other attributions if they agree, else the sentence's
   subject (not in the passive); "X, who called …" takes X. ``he``/``she`` take the most recent
   speaker or named person opening a sentence, when nothing in between could also be meant:
   another person's name, or a singular person noun ("the president") outside quotes, or the
   other pronoun already used for that speaker; ``they`` only a plural description
   ("officials"); ``it`` only an organisation or document that is its sentence's subject ("The
   US Embassy condemned what it called …"). Otherwise the speaker stays unknown: a wrong name is
   worse than none.
3. **Quotes to attributions.** A quote takes the attribution written right after it ("“…,” Rutte
   said"), else right before it ("Rutte said: “…”", "he wrote that “…”"), else another one in the
   same sentence (nearest before it first for a partial quote: the official emphasised …,
   underlining that the Alliance “will not allow …”). After a quote that ends with a full stop,
   only a bare attribution counts as written after it ("“… stay.” Rutte said."; not "“…
   stay.” Vučić said Serbia would respond"). An adjacent attribution is decisive, so an ambiguous
   one ("Rutte and Vučić said") leaves the speaker unknown rather than guessing. A source
   ("according to a NATO press release", "reports N1") gives way to a person in the same
   sentence. A partial quote with no reporting verb in its sentence takes the sentence's subject
   ("Kurti accused Serbia of “destabilising the region”"), unless it looks like a name or title
   ("the so-called “Open Balkan”"). A quote is ``direct`` when it starts with a capital and opens
   its paragraph or sentence or follows a colon, comma or reporting verb; else ``partial``.

Two continuation rules, both because the attribution is written once for several quoted pieces:

- *Same paragraph.* A quote with no attribution of its own that starts the sentence right after
  an attributed quote's attribution ("“…,” Dakhlallah told reporters. “…”") is the same quote
  split around its attribution: one ``Quote`` with two ``parts``.
- *Next paragraph.* A quote that opens a paragraph, has no attribution of its own, and follows a
  paragraph whose last sentence holds an attributed quote, is the same speaker's: a separate
  ``Quote`` with the earlier quote's speaker and verb (their spans point at that attribution).

``Quote.text`` is the quoted words without the marks (a trailing ``,``/``;``/``:`` that belongs to
the sentence is left out); for several parts, their texts joined by `` … `` (words between them
left out) or by a blank line (a quote running over paragraphs). A ``source`` speaker is only used
when no person is given: "Ruge said, according to a NATO press release" is Ruge's, and the
``Quote`` type has no field for the secondary source.

Linear in the text: every look-around is bounded (a 120-character window around a verb, eight
levels of nesting, the first 300 characters of a sentence), and the regular expressions have no
nested repetition.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from dataclasses import field as dc_field

from ..types import Mention, Quote
from .sentences import Sentence, sentence_at, split_sentences

NAME = "quotes"
VERSION = "1"
EXTRACTOR = f"{NAME}/{VERSION}"

# -- quotation marks ---------------------------------------------------------------------------

_DOUBLE = frozenset('"“”„«»')
_SINGLE = frozenset("'‘’‚‹›")
_MARKS = _DOUBLE | _SINGLE
_MARK_RE = re.compile("[\"'“”„«»‘’‚‹›]")
# Which marks may close a quote opened by each mark (typographers and typists mix them).
_CLOSERS = {
    '"': '"”“', "“": '”"“', "„": '“”"', "”": '”"',
    "«": "»«", "»": "«»", "‹": "›‹", "›": "‹›",
    "‘": "’'‘", "‚": "‘’'", "'": "'’",
}
_LEFT_OF_OPENER = frozenset("([{<—–-/:;,")
_FIRST_OF_CONTENT = frozenset("…([{$€£¿¡-–—.#@")
_RIGHT_OF_CLOSER = frozenset(".,;:!?)]}—–-/…")
_OPEN, _CLOSE, _EITHER = 1, 2, 3
_MAX_NEST = 8
_DECADE = re.compile(r"\d\ds?\b")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_TWO_ALNUM = re.compile(r"[^\W_][\W_]*[^\W_]")

# -- words -------------------------------------------------------------------------------------


def _forms(*groups: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for group in groups:
        words = group.split()
        for word in words:
            out[word] = words[0]
    return out


# Reporting verbs: every form maps to its first form. Nouns that share a form ("notes", "states")
# are left out; "according to" and "pointed out" are matched as phrases.
_VERBS = _forms(
    "say says said saying", "tell tells told telling", "add adds added adding",
    "stress stresses stressed stressing",
    "emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising",
    "note noted noting", "warn warns warned warning", "stated stating",
    "conclude concludes concluded concluding", "urge urges urged urging",
    "insist insists insisted insisting", "declare declares declared declaring",
    "write writes wrote writing", "recall recalls recalled recalling",
    "explain explains explained explaining", "ask asks asked asking",
    "call calls called calling", "reiterate reiterates reiterated reiterating",
    "underline underlines underlined underlining",
    "underscore underscores underscored underscoring", "argue argues argued arguing",
    "claim claims claimed claiming", "announce announces announced announcing",
    "reply replies replied replying", "respond responds responded responding",
    "comment commented commenting", "affirm affirms affirmed affirming",
    "confirm confirms confirmed confirming", "assure assures assured assuring",
    "admit admits admitted admitting",
    "acknowledge acknowledges acknowledged acknowledging",
    "caution cautions cautioned cautioning", "remark remarked remarking",
    "highlight highlights highlighted highlighting", "tweet tweeted tweeting",
    "describe describes described describing", "report reports reported",
    "according_to", "pointed_out pointing_out",
)
_MEDIA_VERBS = frozenset({"report"})
_VERB_RE = re.compile(
    r"(?<![\w’'-])(?:[Aa]ccording\s+to|pointed\s+out|pointing\s+out|"
    + "|".join(sorted((v for v in _VERBS if "_" not in v), key=len, reverse=True))
    + r")(?![\w’'-])"
)


def _words(*groups: str) -> frozenset[str]:
    return frozenset(w for g in groups for w in g.split())


_PERSON_SINGULAR = _words(
    "official spokesperson spokesman spokeswoman minister president premier chancellor commander",
    "ambassador envoy diplomat representative source analyst expert observer officer chief leader",
    "secretary adviser advisor aide negotiator mediator mayor lawmaker legislator deputy mp",
    "member judge prosecutor witness resident director governor chairman chairwoman chair head",
    "general colonel captain lieutenant sergeant admiral brigadier soldier policeman journalist",
    "researcher professor scholar activist protester citizen man woman insider candidate",
    "coordinator commissioner rapporteur",
)
_PERSON_PLURAL = _words(
    "officials spokespersons spokespeople spokesmen spokeswomen ministers presidents commanders",
    "ambassadors envoys diplomats representatives sources analysts experts observers officers",
    "chiefs leaders advisers advisors aides negotiators mayors lawmakers legislators deputies mps",
    "members judges prosecutors witnesses residents directors governors generals soldiers",
    "journalists researchers scholars activists protesters protestors citizens men women",
    "insiders candidates people critics opponents supporters organisers organizers",
)
_ORG_HEADS = _words(
    "ministry ministries government governments presidency office offices embassy embassies",
    "mission missions alliance police court courts prosecution authorities authority agency",
    "agencies department council commission parliament assembly cabinet army military force",
    "forces command headquarters party parties coalition opposition movement organisation",
    "organization bloc secretariat administration institute foundation centre center service",
    "services municipality delegation team",
)
_DOCUMENT_HEADS = _words(
    "statement statements release releases report reports communiqué communique declaration",
    "document letter post tweet website announcement readout transcript briefing bulletin",
    "newspaper outlet broadcaster daily portal media",
)
_HEADS = _PERSON_SINGULAR | _PERSON_PLURAL | _ORG_HEADS | _DOCUMENT_HEADS
# Singular person nouns that, written between a speaker and a later "he"/"she", could be meant
# instead (the lower-case ones that are also common adjectives or verbs are left out).
_BLOCKING_NOUN = re.compile(
    r"\b(?:official|spokesperson|spokesman|spokeswoman|minister|president|premier|chancellor"
    r"|commander|ambassador|envoy|diplomat|representative|analyst|expert|officer|chief|leader"
    r"|secretary|adviser|advisor|aide|negotiator|mediator|mayor|lawmaker|judge|prosecutor"
    r"|director|governor|chairman|chairwoman|colonel|captain|sergeant|lieutenant|admiral"
    r"|brigadier|king|queen|patriarch|bishop|professor)\b",
    re.IGNORECASE,
)
_MALE = _words("spokesman chairman man policeman mr king")
_FEMALE = _words("spokeswoman chairwoman woman mrs ms madam queen")
_DETERMINERS = _words("a an the one two three four five several some many other another its",
                      "his her their our each both")
_PREPOSITIONS = _words("of for at in from with")
_SUBJECT_PRONOUNS = _words("he she they")
_BE = _words("was were is are been being")
_ADVERBS = _words("also later then again further previously recently earlier once repeatedly",
                  "reportedly already has had have was were is would will had also subsequently",
                  "separately still")
_MODIFIERS = _words(
    "senior top high-ranking high-level junior former acting deputy local regional foreign",
    "western european international anonymous unnamed other military security defence defense",
    "government ministry police press state federal national political diplomatic independent",
    "allied interior justice prime vice assistant special permanent joint written new latest",
    "recent previous earlier public private first second third chief and",
)
_FINITE = _words("met was is has had will would could can may might did does came went made gave",
                 "took held spoke left saw sees remains remained visited", *_VERBS)
_NOT_NAMES = _words("The A An In On At For From With By To Of And But As After Before During",
                    "While When Since Although However Meanwhile It He She They We I This That",
                    "These Those There Here Monday Tuesday Wednesday Thursday Friday Saturday",
                    "Sunday January February March April May June July August September",
                    "October November December")
_TOKEN = re.compile(r"\w+(?:[’'.\-]\w+)*(?:[’'](?=\s|$))?|[^\w\s]")
_POSSESSIVE = re.compile(r"(?:[’']s|s[’'])$", re.IGNORECASE)
_PRE_GAP = re.compile(r"\s*(?:[:,—–]\s*)?(?:that\s+)?")
_PRE_GAP_COLON = re.compile(r"[^.!?;\"“”„«»\n]{0,100}:\s*")
_POST_GAP = re.compile(r"[ \t\n,;—–-]*")
_BARE_TAIL = re.compile(
    r"\s*(?:[.,;:!?]|$|(?:in|on|at|during|after|before|while|when|to|later|then|afterwards"
    r"|yesterday|today|reporters|journalists)\b)")
_WINDOW = 120
_REACH = 400


# -- data --------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass(frozen=True)
class _Speaker:
    text: str
    start: int
    end: int
    kind: str
    """``named``, ``described``, ``pronoun`` (resolved) or ``source``; unresolved pronouns are
    ``_Pronoun`` below."""
    kb_id: str | None = None
    key: str | None = None
    person: bool = False
    plural: bool = False
    gender: str | None = None
    head: str | None = None
    identity: str | None = None


@dataclass(frozen=True)
class _Pronoun:
    word: str
    start: int
    end: int


_AMBIGUOUS = "ambiguous"


@dataclass
class _Attribution:
    verb: str
    verb_start: int
    verb_end: int
    extent_start: int
    extent_end: int
    speaker: _Speaker | None = None
    pronoun: _Pronoun | None = None
    inherit: bool = False
    source: bool = False
    ambiguous: bool = False


@dataclass
class _Raw:
    """A quote as found by the marks: its parts and where its marks are."""

    parts: list[tuple[int, int]]
    open_pos: int
    close_end: int
    first_para: int
    last_para: int
    joiner: list[str] = dc_field(default_factory=list)


@dataclass
class _Found:
    raw: _Raw
    kind: str
    attribution: _Attribution | None = None
    speaker: _Speaker | None = None
    adjacent: str | None = None


# -- pass 1: quotation marks -------------------------------------------------------------------


def _role(text: str, i: int, lo: int, hi: int) -> tuple[int, bool]:
    """Whether the mark at ``i`` opens, closes or may do either (0: not a mark here), and whether
    a closing reading is weak (``s’`` before a word: maybe a plural possessive)."""
    c = text[i]
    prev = text[i - 1] if i > lo else None
    nxt = text[i + 1] if i + 1 < hi else None
    left_open = prev is None or prev.isspace() or prev in _LEFT_OF_OPENER or prev in _MARKS
    right_open = nxt is not None and (nxt.isalnum() or nxt in _FIRST_OF_CONTENT or nxt in _MARKS)
    left_close = prev is not None and not prev.isspace()
    right_close = nxt is None or nxt.isspace() or nxt in _RIGHT_OF_CLOSER or nxt in _MARKS
    opens = left_open and right_open
    closes = left_close and right_close
    if c == '"':
        if opens != closes:
            return (_OPEN if opens else _CLOSE), False
        if opens or (left_open and right_close):
            return _EITHER, False
        return 0, False
    if c == "“":
        if closes and not opens:
            return _CLOSE, False
        return (_OPEN if right_open else 0), False
    if c == "”":
        if opens and not closes:
            return _OPEN, False
        return (_CLOSE if left_close else 0), False
    if c in "„‚":
        return (_OPEN if right_open else 0), False
    if c in "«‹":
        if closes and not opens:
            return _CLOSE, False
        return (_OPEN if right_open else 0), False
    if c in "»›":
        if opens and not closes:
            return _OPEN, False
        return (_CLOSE if left_close else 0), False
    # Single marks: apostrophes inside words and before decades ("’90s") are not marks.
    if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
        return 0, False
    weak = bool(prev in ("s", "S") and nxt is not None and nxt.isspace()
                and i + 2 < hi and text[i + 2].isalnum())
    if c == "’":
        return (_CLOSE if closes else 0), weak
    if opens and not _DECADE.match(text, i + 1):
        return _OPEN, False
    return (_CLOSE if closes else 0), weak


def _scan_paragraph(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int]], int | None]:
    """Top-level (opening mark, closing mark) pairs of one paragraph, and the position of an
    opening mark left open at its end (a quote that may run on into the next paragraph)."""
    m_pos: list[int] = []
    m_role = bytearray()  # role, plus 4 for a weak closing reading
    for m in _MARK_RE.finditer(text, lo, hi):
        role, weak = _role(text, m.start(), lo, hi)
        if role:
            m_pos.append(m.start())
            m_role.append(role | (4 if weak else 0))
    if not m_pos:
        return [], None
    # For a weak closing mark: is there another single closing mark before the next opening one?
    later_close = bytearray(len(m_pos))
    seen_close = 0
    for k in range(len(m_pos) - 1, -1, -1):
        later_close[k] = seen_close
        if text[m_pos[k]] in _SINGLE:
            role = m_role[k] & 3
            if role == _OPEN:
                seen_close = 0
            elif role == _CLOSE:
                seen_close = 1
    # Opening marks as parallel arrays (a hostile page may hold a million of them).
    o_pos: list[int] = []
    o_parent: list[int] = []  # -1: none
    o_closed = bytearray()
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for k, pos in enumerate(m_pos):
        char, role, weak = text[pos], m_role[k] & 3, m_role[k] & 4
        if role in (_CLOSE, _EITHER) and not (weak and later_close[k]):
            found = None
            for depth in range(len(stack) - 1, max(-1, len(stack) - 1 - _MAX_NEST), -1):
                if char in _CLOSERS[text[o_pos[stack[depth]]]]:
                    found = depth
                    break
            if found is not None:
                oid = stack[found]
                del stack[found:]
                o_closed[oid] = 1
                pairs.append((oid, pos))
                continue
        if role in (_OPEN, _EITHER):
            o_pos.append(pos)
            o_parent.append(stack[-1] if stack else -1)
            o_closed.append(0)
            stack.append(len(o_pos) - 1)
    # A quote is top-level when every mark around it was left unclosed (typos are transparent).
    visible: list[int] = []
    for parent in o_parent:
        visible.append(-1 if parent < 0 else (parent if o_closed[parent] else visible[parent]))
    top = sorted((o_pos[oid], close) for oid, close in pairs if visible[oid] < 0)
    dangling = None
    last_close = top[-1][1] if top else -1
    for oid, pos in enumerate(o_pos):
        if not o_closed[oid] and visible[oid] < 0 and pos > last_close and text[pos] in _DOUBLE:
            dangling = pos
            break
    return top, dangling


def _content(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quoted words between two marks, trimmed; None for fewer than two letters or digits."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return (start, end) if _TWO_ALNUM.search(text, start, end) else None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    cursor = 0
    for brk in _PARAGRAPH.finditer(text):
        spans.append((cursor, brk.start()))
        cursor = brk.end()
    spans.append((cursor, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _find_raw(text: str, paragraphs: list[tuple[int, int]]) -> list[_Raw]:
    found: list[_Raw] = []
    chain: _Raw | None = None
    for index, (lo, hi) in enumerate(paragraphs):
        top, dangling = _scan_paragraph(text, lo, hi)
        first = lo
        while first < hi and text[first].isspace():
            first += 1
        if chain is not None:
            if top and top[0][0] == first and text[first] in _DOUBLE:
                span = _content(text, first + 1, top[0][1])
                if span:
                    chain.parts.append(span)
                    chain.joiner.append("\n\n")
                chain.close_end, chain.last_para = top[0][1] + 1, index
                found.append(chain)
                top = top[1:]
                chain = None
            elif dangling == first and not top:
                span = _content(text, first + 1, hi)
                if span:
                    chain.parts.append(span)
                    chain.joiner.append("\n\n")
                chain.close_end, chain.last_para = hi, index
                continue
            else:
                chain = None  # never closed, never continued: where it ends cannot be known
        for open_pos, close_pos in top:
            span = _content(text, open_pos + 1, close_pos)
            if span:
                found.append(_Raw([span], open_pos, close_pos + 1, index, index))
        if dangling is not None:
            span = _content(text, dangling + 1, hi)
            chain = _Raw([span], dangling, hi, index, index) if span else None
    return [r for r in found if r.parts]


# -- pass 2: attributions ----------------------------------------------------------------------


class _Text:
    """The article with its mentions, sentences and quotes indexed for bounded look-ups."""

    def __init__(self, text: str, mentions: list[Mention], paragraphs: list[tuple[int, int]],
                 raws: list[_Raw]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.para_starts = [a for a, _ in paragraphs]
        self.sentences = split_sentences(text)
        self.sentence_starts = [s.start for s in self.sentences]
        self.by_start: dict[int, Mention] = {}
        self.by_end: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            if 0 <= m.start < m.end <= len(text):
                self.by_start.setdefault(m.start, m)
                if m.end not in self.by_end or self.by_end[m.end].start > m.start:
                    self.by_end[m.end] = m
        self.persons = sorted((m for m in self.by_start.values() if m.type == "person"),
                              key=lambda m: m.start)
        self.person_starts = [m.start for m in self.persons]
        regions = sorted(p for r in raws for p in r.parts)
        self.quote_starts = [a for a, _ in regions]
        self.quote_ends = [b for _, b in regions]
        roles = sorted((m.role_start, m.role_end) for m in self.by_start.values()
                       if m.role_start is not None and m.role_end is not None)
        self.blockers: list[tuple[int, str]] = []
        for hit in _BLOCKING_NOUN.finditer(text):
            if not self.in_quote(hit.start()) and not _inside(roles, hit.start()):
                self.blockers.append((hit.start(), hit.group().lower()))
        self.blocker_starts = [p for p, _ in self.blockers]
        self._subjects: dict[int, _Speaker | None] = {}
        self._tokens: dict[int, tuple[list[_Tok], list[int]]] = {}

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and pos < self.quote_ends[i]

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.para_starts, pos) - 1)
        return self.paragraphs[i] if self.paragraphs else (0, len(self.text))

    def tokens(self, lo: int, hi: int) -> list[_Tok]:
        """The tokens inside ``[lo, hi)``, from the paragraph's tokens (each paragraph is split
        into tokens once, however many verbs look into it)."""
        i = max(0, bisect_right(self.para_starts, lo) - 1)
        cached = self._tokens.get(i)
        if cached is None:
            plo, phi = self.paragraphs[i] if self.paragraphs else (0, len(self.text))
            toks = [_Tok(m.start(), m.end(), m.group(), m.group().lower())
                    for m in _TOKEN.finditer(self.text, plo, phi)]
            cached = self._tokens[i] = (toks, [t.start for t in toks])
        toks, starts = cached
        a = bisect_left(starts, lo)
        b = bisect_left(starts, hi, a)
        while b > a and toks[b - 1].end > hi:
            b -= 1
        return toks[a:b]

    def sentence(self, pos: int) -> Sentence | None:
        return sentence_at(self.sentences, pos)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, len(spans) + 10**12)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _is_name_word(tok: _Tok) -> bool:
    t = tok.text
    return t[:1].isupper() and t.isalpha() and t not in _NOT_NAMES and tok.low not in _HEADS


def _is_title_word(ctx: _Text, tok: _Tok) -> bool:
    if tok.low in _HEADS or tok.low in _MODIFIERS - {"and"}:
        return True
    m = ctx.by_end.get(tok.end)
    if m is not None and m.type != "person":
        return True
    return tok.text[:1].isupper() and tok.low.endswith(("ian", "ese", "ish", "ean"))


def _is_modifier(ctx: _Text, tok: _Tok) -> bool:
    t = tok.text
    return (t[:1].isupper() or t[:1].isdigit() or tok.low in _MODIFIERS or tok.low in _HEADS
            or (t[:1].isalpha() and t.isupper())) and tok.low not in _PREPOSITIONS \
        and t not in _NOT_NAMES


def _gender(ctx: _Text, m: Mention | None, head: str | None) -> str | None:
    words = set()
    if head:
        words.add(head)
    if m is not None:
        if m.role:
            words.update(w.lower().strip(".") for w in m.role.split())
        before = ctx.text[max(0, m.start - 5):m.start].split()
        if before:
            words.add(before[-1].lower().strip("."))
    if words & _MALE and not words & _FEMALE:
        return "m"
    if words & _FEMALE and not words & _MALE:
        return "f"
    return None


def _identity(m: Mention) -> str:
    return m.kb_id or m.key or m.text


def _named(ctx: _Text, m: Mention) -> _Speaker:
    key = None
    if m.kb_id is None and m.method != "ambiguous":
        key = m.key or m.text
    return _Speaker(m.text, m.start, m.end, "named", kb_id=m.kb_id, key=key,
                    person=m.type == "person", gender=_gender(ctx, m, None),
                    identity=_identity(m))


def _name_run(ctx: _Text, toks: list[_Tok], first: int, last: int) -> _Speaker | None:
    """Two to four capitalised words the entity extractor did not mark: a name, kept as text."""
    run = toks[first:last + 1]
    if not 2 <= len(run) <= 4 or not all(_is_name_word(t) for t in run):
        return None
    if any(ctx.text[a.end:b.start] not in (" ", "\u00a0") for a, b in zip(run, run[1:],
                                                                          strict=False)):
        return None
    text = ctx.text[run[0].start:run[-1].end]
    return _Speaker(text, run[0].start, run[-1].end, "named", key=text, person=True,
                    identity=text)


def _described(ctx: _Text, toks: list[_Tok], first: int, last: int, head: _Tok) -> _Speaker:
    start, end = toks[first].start, toks[last].end
    low = head.low
    org = None
    for t in toks[first:last + 1]:
        m = ctx.by_start.get(t.start)
        if m is not None and m.type != "person" and m.end <= end:
            org = m
            break
    is_person = low in _PERSON_SINGULAR
    kind = "source" if low in _DOCUMENT_HEADS else "described"  # "a NATO statement said"
    return _Speaker(ctx.text[start:end], start, end, kind, person=is_person,
                    plural=low in _PERSON_PLURAL, gender=_gender(ctx, None, low), head=low,
                    kb_id=org.kb_id if org is not None and low in _DOCUMENT_HEADS else None,
                    key=(org.key or org.text) if org is not None and org.kb_id is None
                    and low in _DOCUMENT_HEADS else None)


def _token_index(toks: list[_Tok], pos: int) -> int | None:
    starts = [t.start for t in toks]
    i = bisect_left(starts, pos)
    return i if i < len(toks) and toks[i].start == pos else None


def _np_before(ctx: _Text, toks: list[_Tok], i: int, depth: int = 0):
    """The noun phrase ending at token ``i``, read backwards: (speaker, index of its first token);
    the speaker is ``_AMBIGUOUS`` for coordinated names ("Rutte and Vučić"). None if there is no
    such phrase."""
    if i < 0:
        return None
    t = toks[i]
    m = ctx.by_end.get(t.end)
    if m is not None and m.start >= toks[0].start:
        first = _token_index(toks, m.start)
        if first is None:
            return None
        if m.role_start is not None and m.role_end is not None and m.role_end <= m.start \
                and not ctx.text[m.role_end:m.start].strip():
            role_first = _token_index(toks, m.role_start)
            first = role_first if role_first is not None else first
        if first > 0 and toks[first - 1].low == "the":
            first -= 1
        # A title the extractor did not attach ("the office of Prime Minister Albin Kurti"):
        # look past it for a preposition.
        t_first = first
        while t_first > 0 and first - t_first < 5 and _is_title_word(ctx, toks[t_first - 1]):
            t_first -= 1
        if t_first < first and t_first > 0 and toks[t_first - 1].low in _PREPOSITIONS:
            first = t_first
        before = toks[first - 1] if first > 0 else None
        if before is not None and before.low in _PREPOSITIONS:
            outer = _np_before(ctx, toks, first - 2, depth + 1) if depth < 2 else None
            if _is_described(outer):
                sp = outer[0]
                return _extend(ctx, sp, t.end), outer[1]
            return None
        if before is not None and before.low in ("and", "&"):
            if m.type != "person":
                return None
            other = _np_before(ctx, toks, first - 2, depth + 1) if depth < 2 else None
            if other and (other[0] == _AMBIGUOUS or other[0].person):
                return _AMBIGUOUS, other[1]
            # "… and Vučić said": two clauses, not two speakers.
        return _named(ctx, m), first
    head = t if t.low in _HEADS else None
    if head is None:
        # Capitalised words the extractor did not mark: a name if two to four of them, and the
        # object of a preposition ("officials in Kosovo") if one comes before them.
        if not _is_name_word(t):
            return None
        k = i
        while k > 0 and i - k < 3 and _is_name_word(toks[k - 1]):
            k -= 1
        before = toks[k - 1] if k > 0 else None
        if before is not None and before.low in _PREPOSITIONS:
            outer = _np_before(ctx, toks, k - 2, depth + 1) if depth < 2 else None
            return (_extend(ctx, outer[0], t.end), outer[1]) if _is_described(outer) else None
        if before is not None and (_POSSESSIVE.search(before.text) or before.low in ("and", "&")):
            return None
        sp = _name_run(ctx, toks, k, i) if k < i else None
        return (sp, k) if sp else None
    k = i - 1
    while k >= 0 and i - k <= 8:
        tk = toks[k]
        if tk.low in _DETERMINERS or (_POSSESSIVE.search(tk.text) and tk.text[:1].isupper()):
            k -= 1
            break
        if ctx.by_end.get(tk.end) is not None or _is_modifier(ctx, tk):
            k -= 1
            continue
        break
    first = k + 1
    before = toks[k] if k >= 0 else None
    sp = _described(ctx, toks, first, i, head)
    if before is not None and before.low in _PREPOSITIONS and depth < 2:
        outer = _np_before(ctx, toks, k - 1, depth + 1)
        if _is_described(outer):
            return _extend(ctx, outer[0], t.end), outer[1]
        return None
    return sp, first


def _is_described(found) -> bool:
    return bool(found) and isinstance(found[0], _Speaker) and found[0].kind == "described"


def _extend(ctx: _Text, sp: _Speaker, end: int) -> _Speaker:
    return _Speaker(ctx.text[sp.start:end], sp.start, end, sp.kind, sp.kb_id, sp.key, sp.person,
                    sp.plural, sp.gender, sp.head, sp.identity)


def _np_after(ctx: _Text, toks: list[_Tok], i: int):
    """The noun phrase starting at token ``i`` (after an inverted verb: "said NATO spokesperson
    Farah Dakhlallah", "according to a NATO press release"): (speaker, last token index)."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.low in _SUBJECT_PRONOUNS:
        return _Pronoun(t.low, t.start, t.end), i
    j = i
    if t.low in _DETERMINERS:
        j += 1
    last_mention: Mention | None = None
    last_mention_end = -1
    head: _Tok | None = None
    head_index = -1
    while j < len(toks) and j - i < 12:
        tk = toks[j]
        m = ctx.by_start.get(tk.start)
        if m is not None:
            end_index = j
            while end_index < len(toks) and toks[end_index].end < m.end:
                end_index += 1
            if end_index >= len(toks):
                break
            if toks[end_index].end > m.end and _POSSESSIVE.search(toks[end_index].text):
                j = end_index + 1  # "Rutte’s spokesperson": a possessive, not the speaker
                continue
            last_mention, last_mention_end, head = m, end_index, None
            j = end_index + 1
            continue
        if tk.low in _HEADS:
            head, head_index = tk, j
            j += 1
            continue
        if tk.low in ("and", "&") and last_mention is not None and head is None:
            break
        if _POSSESSIVE.search(tk.text) or _is_modifier(ctx, tk):
            j += 1
            continue
        break
    if head is not None and head_index > last_mention_end:
        end_index = head_index
        if end_index + 2 < len(toks) and toks[end_index + 1].low in _PREPOSITIONS:
            tail = _np_after(ctx, toks, end_index + 2)
            if tail and isinstance(tail[0], _Speaker):
                end_index = tail[1]
            elif _is_name_word(toks[end_index + 2]):
                end_index += 2  # "the US Embassy in Pristina"
        # "said Vučić’s adviser, Nikola Selaković,": the name in apposition is the speaker.
        if end_index + 2 < len(toks) and toks[end_index + 1].text == ",":
            m = ctx.by_start.get(toks[end_index + 2].start)
            if m is not None and m.type == "person":
                last = end_index + 2
                while last < len(toks) and toks[last].end < m.end:
                    last += 1
                if last < len(toks) and toks[last].end == m.end and (
                        last + 1 == len(toks) or toks[last + 1].text in ",.;"):
                    return _named(ctx, m), last
        return _described(ctx, toks, i, end_index, head), end_index
    if last_mention is not None:
        after = toks[last_mention_end + 1] if last_mention_end + 1 < len(toks) else None
        if after is not None and after.low in ("and", "&") and last_mention.type == "person":
            return _AMBIGUOUS, min(last_mention_end + 2, len(toks) - 1)
        return _named(ctx, last_mention), last_mention_end
    k = i
    while k + 1 < len(toks) and k - i < 3 and _is_name_word(toks[k + 1]):
        k += 1
    sp = _name_run(ctx, toks, i, k) if _is_name_word(t) else None
    return (sp, k) if sp else None


def _attribution(ctx: _Text, match: re.Match) -> _Attribution:
    vs, ve = match.start(), match.end()
    word = match.group().lower()
    form = "according_to" if word.startswith("according") else (
        "pointed_out" if "out" in word.split() else word)
    lemma = _VERBS.get(form, form)
    attr = _Attribution(match.group(), vs, ve, vs, ve)
    plo, phi = ctx.paragraph(vs)
    if lemma == "according_to":
        attr.source = True
        after = ctx.tokens(ve, min(phi, ve + _WINDOW))
        found = _np_after(ctx, after, 0)
        _set(attr, found, after, forward=True)
        if attr.speaker is not None and attr.speaker.kind == "named" and attr.speaker.person:
            attr.source = False  # "according to Rutte": he is the speaker
        elif attr.speaker is not None:
            sp = attr.speaker
            attr.speaker = _Speaker(sp.text, sp.start, sp.end, "source", sp.kb_id, sp.key,
                                    identity=sp.identity)
        return attr
    before = ctx.tokens(max(plo, vs - _WINDOW), vs)
    i = len(before) - 1
    skipped = 0
    while i >= 0 and skipped < 3 and (before[i].low in _ADVERBS or (
            before[i].low.endswith("ly") and before[i].text.islower() and len(before[i].low) > 4)):
        i -= 1
        skipped += 1
    found = None
    if i >= 0:
        tok = before[i]
        if tok.low in _SUBJECT_PRONOUNS or tok.low == "it":
            found = _Pronoun(tok.low, tok.start, tok.end), i
        elif tok.low == "who" and i > 0:
            # "Kurti met Vučić, who called the plan …": the name before "who".
            found = _np_before(ctx, before, i - 2 if before[i - 1].text == "," else i - 1)
        elif tok.text == ",":
            found = _appositive(ctx, before, i)
        elif tok.text not in _MARKS:
            found = _np_before(ctx, before, i)
    if found is not None:
        _set(attr, found, before, forward=False)
    else:
        prev = before[i] if i >= 0 else None
        if prev is not None and (prev.text in _MARKS or prev.text == ",") and \
                not word.endswith("ing"):
            after = ctx.tokens(ve, min(phi, ve + _WINDOW))
            found = _np_after(ctx, after, 0)
            if found is not None:
                _set(attr, found, after, forward=True)
        if found is None and (word.endswith("ing") or (prev is not None and prev.low in (
                "and", "but", ",", "or"))):
            attr.inherit = True
    if lemma in _MEDIA_VERBS and attr.speaker is not None and not attr.speaker.person \
            and attr.speaker.kind in ("named", "described"):
        sp = attr.speaker
        attr.source = True
        attr.speaker = _Speaker(sp.text, sp.start, sp.end, "source", sp.kb_id, sp.key,
                                identity=sp.identity)
    return attr


def _appositive(ctx: _Text, toks: list[_Tok], i: int):
    """``NAME, appositive, VERB`` or ``description, NAME, VERB``, read back from the comma."""
    k = i - 1
    while k >= 0 and i - k <= 25 and toks[k].text != "," and toks[k].text not in ".;:!?" \
            and toks[k].text not in _MARKS:
        k -= 1
    if k < 1 or toks[k].text != ",":
        return None
    inner = ctx.by_start.get(toks[k + 1].start)
    if inner is not None and inner.type == "person" and inner.end == toks[i - 1].end:
        return _named(ctx, inner), k + 1
    if inner is None and not any(ctx.by_start.get(t.start) for t in toks[k + 1:i]):
        name = _name_run(ctx, toks, k + 1, i - 1)  # "A NATO spokesperson, Farah Dakhlallah,"
        if name is not None:
            return name, k + 1
    return _np_before(ctx, toks, k - 1)


def _set(attr: _Attribution, found, toks: list[_Tok], *, forward: bool) -> None:
    if found is None:
        return
    thing, index = found
    if thing == _AMBIGUOUS:
        attr.ambiguous = True
        a = b = toks[index].start if not forward else toks[index].end
    elif isinstance(thing, _Pronoun):
        attr.pronoun = thing
        a, b = thing.start, thing.end
    else:
        attr.speaker = thing
        attr.source = attr.source or thing.kind == "source"
        a, b = thing.start, thing.end
    if forward:
        attr.extent_end = max(attr.extent_end, toks[index].end, b)
    else:
        attr.extent_start = min(attr.extent_start, toks[index].start, a)


def _subject(ctx: _Text, sentence: Sentence) -> _Speaker | None:
    """The grammatical subject of a sentence, when it is a name, a description or nothing."""
    key = sentence.start
    if key in ctx._subjects:
        return ctx._subjects[key]
    result = None
    toks = ctx.tokens(sentence.start, min(sentence.end, sentence.start + 300))
    j = 0
    while j < len(toks) and j < 40:
        tok = toks[j]
        prev = toks[j - 1] if j else None
        after_prep = prev is not None and prev.low in _PREPOSITIONS
        m = ctx.by_start.get(tok.start)
        found = None
        if m is not None:
            end_index = j
            while end_index < len(toks) and toks[end_index].end < m.end:
                end_index += 1
            if end_index >= len(toks):
                break
            if any(o.start > m.end and o.role_start is not None and o.role_start <= m.start
                   for o in _next_mentions(ctx, m.end, 60)):
                j = end_index + 1  # part of a later person's title ("NATO Secretary General")
                continue
            possessive = toks[end_index].end > m.end
            if not after_prep and not possessive:
                found = (_named(ctx, m), end_index)
            j_next = end_index + 1
        elif tok.low in _DETERMINERS and not after_prep:
            found = _np_after(ctx, toks, j)
            if not _is_described(found):
                found = None
            j_next = (found[1] + 1) if found else j + 1
        else:
            j_next = j + 1
        if found is not None:
            sp, last = found
            k = last + 1
            if k < len(toks) and toks[k].text == ",":
                # an appositive: skip to its closing comma
                c = k + 1
                while c < len(toks) and c - k < 20 and toks[c].text != ",":
                    c += 1
                k = c + 1 if c < len(toks) and toks[c].text == "," else k
            be = False
            while k < len(toks) and (toks[k].low in _ADVERBS or toks[k].low in _BE
                                     or toks[k].low.endswith("ly")):
                be = be or toks[k].low in _BE
                k += 1
            if k < len(toks):
                nxt = toks[k]
                if nxt.low in ("and", "&"):
                    break  # "Rutte and Ruge reiterated": no single subject
                if be and nxt.low.endswith(("ed", "en")):
                    break  # passive, "Vučić was accused by Kurti of …": not the speaker
                if nxt.text.islower() and (nxt.low in _FINITE or (
                        nxt.low.endswith("ed") and len(nxt.low) > 3)):
                    result = sp
                    break
            j = j_next
            continue
        j = j_next
    ctx._subjects[key] = result
    return result


def _next_mentions(ctx: _Text, pos: int, span: int) -> list[Mention]:
    i = bisect_left(ctx.person_starts, pos)
    out = []
    while i < len(ctx.persons) and ctx.persons[i].start < pos + span:
        out.append(ctx.persons[i])
        i += 1
    return out


# -- pronouns ----------------------------------------------------------------------------------


def _blocked(ctx: _Text, cand: _Speaker, after: int, before: int) -> bool:
    """Whether another person could be meant by a pronoun between ``after`` and ``before``."""
    i = bisect_left(ctx.person_starts, after)
    while i < len(ctx.persons) and ctx.persons[i].start < before:
        if _identity(ctx.persons[i]) != cand.identity:
            return True
        i += 1
    j = bisect_left(ctx.blocker_starts, after)
    while j < len(ctx.blockers) and ctx.blockers[j][0] < before:
        if cand.head is None or ctx.blockers[j][1] != cand.head:
            return True
        j += 1
    return False


def _resolve(ctx: _Text, attributions: list[_Attribution], by_start: list[int]) -> None:
    """Resolve pronouns and inherited speakers in text order, tracking who was last spoken of."""
    events: list[tuple[int, int, object]] = []
    for a in attributions:
        events.append((a.verb_start, 1, a))
    last_person = -1
    for m in ctx.persons:
        s = ctx.sentence(m.start)
        if s is None or s.start == last_person:
            continue
        last_person = s.start
        sub = _subject(ctx, s)
        if sub is not None and sub.kind == "named" and sub.person:
            events.append((sub.start, 0, sub))
    events.sort(key=lambda e: (e[0], e[1]))
    single: tuple[_Speaker, int] | None = None
    plural: tuple[_Speaker, int] | None = None
    # "he" or "she" once used for someone: a later pronoun of the other gender is someone else.
    seen_gender: dict[str, str] = {}
    for _pos, kind, obj in events:
        if kind == 0:
            assert isinstance(obj, _Speaker)
            single = (obj, obj.end)
            continue
        a = obj
        assert isinstance(a, _Attribution)
        if a.inherit:
            a.speaker = _inherited(ctx, a, attributions, by_start)
            continue
        if a.pronoun is not None and a.pronoun.word == "it":
            a.speaker = _it(ctx, a.pronoun)
            continue
        if a.pronoun is not None:
            p = a.pronoun
            cand = plural if p.word == "they" else single
            ok = cand is not None and not _blocked(ctx, cand[0], cand[1], p.start)
            if ok and p.word != "they":
                wanted = "m" if p.word == "he" else "f"
                g = cand[0].gender or seen_gender.get(cand[0].identity or cand[0].text)
                ok = g is None or g == wanted
                if ok:
                    seen_gender[cand[0].identity or cand[0].text] = wanted
            if ok:
                ante = cand[0]
                a.speaker = _Speaker(ante.text, p.start, p.end, "pronoun", ante.kb_id, ante.key,
                                     ante.person, ante.plural, ante.gender, ante.head,
                                     ante.identity)
            elif p.word == "they":
                plural = None
            else:
                single = None
        sp = a.speaker
        if sp is None or a.source:
            continue
        end = max(a.extent_end, sp.end)
        if sp.plural:
            plural = (sp, end)
        elif sp.person:
            single = (sp, end)


def _it(ctx: _Text, p: _Pronoun) -> _Speaker | None:
    """"it" is the sentence's subject when that is an organisation or a document ("The US Embassy
    condemned what it called …"); otherwise unknown."""
    s = ctx.sentence(p.start)
    sub = _subject(ctx, s) if s is not None else None
    if sub is None or sub.person or sub.plural or sub.end > p.start:
        return None
    return _Speaker(sub.text, p.start, p.end, "pronoun", sub.kb_id, sub.key, head=sub.head,
                    identity=sub.identity)


def _inherited(ctx: _Text, a: _Attribution, attributions: list[_Attribution],
               by_start: list[int]) -> _Speaker | None:
    """The speaker of a participle or a verb without its own subject: the sentence's other
    attributions if they agree on one speaker, else the sentence's subject."""
    s = ctx.sentence(a.verb_start)
    if s is None:
        return None
    lo = bisect_left(by_start, max(s.start, a.verb_start - _REACH))
    speakers = []
    for b in attributions[lo:]:
        if b.verb_start >= a.verb_start:
            break
        if b.source:
            continue
        if b.ambiguous or (b.pronoun is not None and b.speaker is None):
            return None
        if b.speaker is not None:
            speakers.append(b.speaker)
    if speakers:
        if len({sp.identity or sp.text for sp in speakers}) == 1:
            return speakers[-1]
        return None
    sub = _subject(ctx, s)
    if sub is not None and sub.end <= a.verb_start:
        return sub
    return None


# -- pass 3: quotes to attributions ------------------------------------------------------------


def _kind(ctx: _Text, raw: _Raw) -> str:
    text = ctx.text
    start, end = raw.parts[0]
    letter = next((ch for ch in text[start:min(end, start + 40)] if ch.isalpha()), "")
    if letter and letter.islower():
        return "partial"
    plo, _ = ctx.paragraph(raw.open_pos)
    before = text[max(plo, raw.open_pos - 60):raw.open_pos].rstrip()
    if not before:
        return "direct"
    last = before[-1]
    if last in ".!?…:,;—–-(" or last in _MARKS:
        return "direct"
    words = before.split()
    if words and _VERBS.get(words[-1].lower()):
        return "direct"
    return "partial"


def _choose(ctx: _Text, raw: _Raw, kind: str, attrs: list[_Attribution],
            by_start: list[int]) -> tuple[_Attribution | None, str | None]:
    text = ctx.text
    o, c = raw.open_pos, raw.close_end
    plo, _ = ctx.paragraph(o)
    _, phi = ctx.paragraph(max(o, c - 1))
    post = pre = None
    i = bisect_left(by_start, c)
    # The first attribution after the quote whose words start right after the closing mark.
    ended = text[raw.parts[-1][1] - 1] == "."
    for a in attrs[i:i + 4]:
        if a.extent_start >= c and _POST_GAP.fullmatch(text, c, a.extent_start) and \
                "\n\n" not in text[c:a.extent_start] and a.extent_start < phi:
            # After a quote that ends its sentence ("“… stay.” Vučić said Serbia would …") a
            # name and a verb may start a new statement: only a bare attribution counts.
            if not ended or _BARE_TAIL.match(text, a.extent_end):
                post = a
            break
    j = bisect_left(by_start, o)
    for a in reversed(attrs[max(0, j - 4):j]):
        if a.extent_end <= o and a.verb_start >= plo and (
                _PRE_GAP.fullmatch(text, a.extent_end, o)
                or _PRE_GAP_COLON.fullmatch(text, a.extent_end, o)):
            pre = a
            break
    # The quote's sentence, but no more than _REACH characters either side (a "sentence" without
    # full stops can be a whole page).
    s_open = ctx.sentence(o) or Sentence(o, o)
    s_close = ctx.sentence(max(o, c - 1)) or Sentence(c, c)
    lo = bisect_left(by_start, max(s_open.start, o - _REACH))
    before = attrs[lo:j][::-1]
    k = bisect_left(by_start, c)
    after = attrs[k:bisect_left(by_start, min(s_close.end, c + _REACH))]
    if kind == "direct":
        adjacent = [(post, "post"), (pre, "pre")]
        others = after + before
    else:
        adjacent = [(pre, "pre"), (post, "post")]
        others = before + after
    for a, where in adjacent:
        if a is not None and not a.source:
            return a, where
    ordered = [a for a, _ in adjacent if a is not None] + others
    for a in ordered:
        if a.speaker is not None and not a.source:
            return a, None
    for a in ordered:
        if a.speaker is not None:
            return a, None
    for a in ordered:
        return a, None
    return None, None


def _title_like(text: str) -> bool:
    words = text.split()
    return len(words) <= 5 and all(w[:1].isupper() or w.lower() in ("of", "and", "the", "for")
                                   for w in words)


def extract_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Every quote in ``text`` with its speaker, as far as the text says who it is.

    ``mentions`` are the entity mentions of the same text (offsets into it); names are taken from
    them. Deterministic: the same text and mentions give the same quotes, in text order.
    """
    if not text or not _MARK_RE.search(text):
        return []
    paragraphs = _paragraphs(text)
    raws = _find_raw(text, paragraphs)
    if not raws:
        return []
    ctx = _Text(text, mentions, paragraphs, raws)
    attrs = [_attribution(ctx, m) for m in _VERB_RE.finditer(text) if not ctx.in_quote(m.start())]
    attrs.sort(key=lambda a: a.verb_start)
    by_start = [a.verb_start for a in attrs]
    _resolve(ctx, attrs, by_start)

    found: list[_Found] = []
    for raw in raws:
        kind = _kind(ctx, raw)
        a, where = _choose(ctx, raw, kind, attrs, by_start)
        speaker = a.speaker if a is not None else None
        first = text[raw.parts[0][0]:raw.parts[0][1]]
        if a is None and kind == "partial" and not _title_like(first) and not \
                text[max(0, raw.open_pos - 12):raw.open_pos].rstrip().endswith("so-called"):
            s = ctx.sentence(raw.open_pos)
            sub = _subject(ctx, s) if s is not None else None
            if sub is not None and sub.end <= raw.open_pos:
                speaker = sub
        found.append(_Found(raw, kind, a, speaker, where))

    found = _merge_split(ctx, found)
    _continue_paragraphs(ctx, found)
    return [_build(text, f) for f in found]


def _unattributed(f: _Found) -> bool:
    return f.attribution is None and f.speaker is None


def _merge_split(ctx: _Text, found: list[_Found]) -> list[_Found]:
    """Join a quote split around its attribution ("“…,” X said. “…”") into one."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and prev.raw.last_para == f.raw.first_para and (
                _unattributed(f) or (f.adjacent == "pre" and f.attribution is prev.attribution)):
            join = False
            gap = ctx.text[prev.raw.close_end:f.raw.open_pos]
            if not gap.strip():
                join = True
            elif prev.adjacent == "post" and prev.attribution is not None:
                a = prev.attribution
                s = ctx.sentence(a.verb_start)
                if s is not None and a.extent_end <= f.raw.open_pos:
                    if f.raw.open_pos < s.end:
                        join = True
                    else:
                        i = bisect_left(ctx.sentence_starts, s.end)
                        join = i < len(ctx.sentences) and ctx.sentences[i].start == f.raw.open_pos
            if join:
                prev.raw.parts.extend(f.raw.parts)
                prev.raw.joiner.extend([" … "] + f.raw.joiner)
                prev.raw.close_end, prev.raw.last_para = f.raw.close_end, f.raw.last_para
                continue
        out.append(f)
    return out


def _continue_paragraphs(ctx: _Text, found: list[_Found]) -> None:
    """A quote opening the paragraph after an attributed quote, with no attribution of its own,
    is the same speaker's."""
    text = ctx.text
    for prev, f in zip(found, found[1:], strict=False):
        if not _unattributed(f) or f.kind != "direct" or prev.speaker is None:
            continue
        if f.raw.first_para != prev.raw.last_para + 1:
            continue
        plo, _ = ctx.paragraphs[f.raw.first_para]
        if text[plo:f.raw.open_pos].strip():
            continue
        _, pend = ctx.paragraphs[prev.raw.last_para]
        last = ctx.sentence(pend - 1)
        reach = prev.raw.close_end
        if prev.attribution is not None:
            reach = max(reach, prev.attribution.extent_end)
        if last is None or reach <= last.start:
            continue
        f.attribution, f.speaker = prev.attribution, prev.speaker


def _build(text: str, f: _Found) -> Quote:
    raw = f.raw
    pieces = [text[slice(*raw.parts[0])]]
    for joiner, (a, b) in zip(raw.joiner, raw.parts[1:], strict=True):
        pieces += [joiner, text[a:b]]
    joined = "".join(pieces)
    sp = f.speaker
    a = f.attribution
    verb = (a.verb, a.verb_start, a.verb_end) if a is not None else (None, None, None)
    if sp is None:
        return Quote(raw.parts[0][0], raw.parts[0][1], joined, tuple(raw.parts), f.kind, None,
                     verb=verb[0], verb_start=verb[1], verb_end=verb[2])
    return Quote(raw.parts[0][0], raw.parts[0][1], joined, tuple(raw.parts), f.kind, sp.text,
                 speaker_start=sp.start, speaker_end=sp.end, speaker_kb_id=sp.kb_id,
                 speaker_key=sp.key, speaker_kind=sp.kind, verb=verb[0], verb_start=verb[1],
                 verb_end=verb[2])
