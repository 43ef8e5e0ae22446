"""The search box's language, parsed by us so that no input reaches the database as syntax.

    word            articles containing the word (case, accents and script ignored)
    two words       both words, anywhere
    "two words"     the phrase
    word*           words starting with ``word``
    -word           without ``word``

Every other character is a separator. Whatever the user types becomes a list of :class:`Term`
whose words are plain ``\\w+`` tokens, rendered for FTS5 as quoted strings and for PostgreSQL as
lexemes, so a stray quote, bracket, ``AND`` or ``NEAR(`` is just text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fold import words

_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def empty(self) -> bool:
        """True when nothing positive is asked for: such a query matches nothing."""
        return not self.positive


def parse_query(text: str) -> Query:
    terms: list[Term] = []
    for match in _TERM.finditer(text[:1000]):
        minus, phrase, bare = match.groups()
        if phrase is not None:
            toks = tuple(words(phrase))
            if toks:
                terms.append(Term(toks, negated=bool(minus)))
            continue
        negated = bare.startswith("-") and len(bare) > 1
        body = bare[1:] if negated else bare
        prefix = body.endswith("*")
        toks = tuple(words(body))
        if not toks:
            continue
        if len(toks) == 1:
            terms.append(Term(toks, prefix=prefix, negated=negated))
        elif negated:
            terms.append(Term(toks, prefix=prefix, negated=True))
        else:
            # "Banja-Luka" or "U.N." become separate words, all required.
            terms.extend(Term((tok,), prefix=prefix and i == len(toks) - 1) for i, tok in
                         enumerate(toks))
    return Query(tuple(terms[:32]))


def to_fts5(query: Query) -> str:
    def render(term: Term) -> str:
        body = '"' + " ".join(term.words) + '"'
        return body + "*" if term.prefix else body

    positive = " AND ".join(render(t) for t in query.positive)
    negative = "".join(f" NOT {render(t)}" for t in query.terms if t.negated)
    return positive + negative


def to_tsquery(query: Query) -> str:
    def render(term: Term) -> str:
        lexemes = [f"'{w}'" for w in term.words]
        if term.prefix:
            lexemes[-1] += ":*"
        body = " <-> ".join(lexemes)
        body = f"({body})" if len(lexemes) > 1 else body
        return f"!{body}" if term.negated else body

    return " & ".join(render(t) for t in query.positive + tuple(t for t in query.terms if t.negated))
