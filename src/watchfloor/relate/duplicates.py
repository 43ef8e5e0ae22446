"""Copies, near copies and rewrites: which articles carry the same text or retell the same facts.

Two steps, both pure functions (no database, no I/O):

1. **Finding candidates, sublinearly.** :func:`signature` is a MinHash of the article's word
   5-shingles (text folded by :func:`watchfloor.store.fold.fold`: case, diacritics, script,
   punctuation and whitespace do not count). :func:`band_keys` cuts it into ``BANDS`` bands of
   ``ROWS`` values and hashes each band to a short string; the store keeps the keys in an indexed
   table, and two articles are candidates when they share one key. With 32 bands of 4 rows, a pair
   whose shingle sets overlap by Jaccard 0.5 shares a band with probability 0.87, 0.6 → 0.99,
   0.7 → 1.00, while 0.3 → 0.23 and 0.1 → 0.003. Rewrites share facts, not wording, so the caller
   also fetches candidates that share several specific names (an indexed query too).
2. **Labelling a pair.** :func:`relate` decides ``copy``, ``near-copy``, ``rewrite`` or nothing,
   with a score, the shared facts that support the label, and which article came first.

Costs: :func:`signature` is linear in the article's length (one 4-byte BLAKE2b per shingle, then
one ``shingles x NUM_PERM`` integer array operation): about 0.5-1 ms for a 300-word article
(measured in ``tests/test_duplicates.py``). :func:`band_keys` and :func:`text_similarity`
are O(NUM_PERM). :func:`relate` is linear in the two articles' lengths and fact counts (the word
profile of a text is memoised, so relating one new article with many candidates folds it once);
it never looks at a third article, so the cost per new article is the number of candidates times
a constant, whatever the size of the store.

Determinism: every hash is BLAKE2b of UTF-8 bytes and the permutation constants are derived from
fixed strings, so signatures and band keys are the same in every process and on every machine
(Python's ``hash()`` of a string is salted per process and is never used). Changing ``SHINGLE``,
``NUM_PERM``, ``BANDS``, ``ROWS`` or the constants changes every stored key: bump ``VERSION``.

Why not ``datasketch``: its MinHash would do, but the stored band keys must stay comparable
forever, so the permutation constants and the byte-level hashing are owned here rather than
inherited from a dependency's defaults (and its package pulls in SciPy). The core is a dozen lines
of NumPy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np

from ..store.fold import words
from ..types import ArticleFacts, DateEstimate, Relation

NAME = "duplicates"
VERSION = "1"

SHINGLE = 5
"""Words per shingle. Five keeps the template phrases of ordinary news prose ("said in a
statement on") from making unrelated articles look alike: on a generated corpus of templated
articles the median Jaccard of unrelated pairs is 0.03 with 5-shingles and 0.11 with 3-shingles."""
NUM_PERM = 128
BANDS = 32
ROWS = 4
assert BANDS * ROWS == NUM_PERM

EMPTY = 0xFFFFFFFF
"""The value of every slot of an empty text's signature (no shingle)."""

# -- thresholds (see relate) -------------------------------------------------------------------

NEAR_COPY = 0.5
"""Estimated 5-shingle Jaccard from which two texts are the same text lightly edited. A
re-publication with a changed first sentence and a dropped date scores 0.83 (the Banjska report in
the sample corpus); a close paraphrase with the same quotes 0.23; unrelated real articles at most
0.06, and even templated generated articles stay under 0.2."""
REWRITE_CONTAINMENT = 0.8
"""Share (weighted by specificity) of the names of the article with fewer names that the other
article also names. A retelling keeps the actors and places; a different report on the same topic
brings its own (seed 002 vs 004: about 0.65; the Drina Courier court report vs the Sava Daily visit
report, which retells the same verdict as background: 0.6; seed 001 in 000: 1.0)."""
REWRITE_MIN_SPECIFIC = 3.0
"""Least weight of shared names: about three people, towns or specific bodies (a country or an
alliance weighs 0.2, so shared countries alone never reach it)."""
REWRITE_VOCABULARY = 0.2
"""Least Jaccard of the two texts' content words (folded words of four letters or more, minus
function words). A retelling in new words still uses the same content words (seeds 000/001: 0.26;
Sava Daily / Neretva Ledger: 0.76); this is the "moderate text similarity" that word shingles
cannot see (000/001 share 1% of their 5-shingles). It is a corroboration only: shared wording alone
never makes a rewrite."""
REWRITE_KEPT = 0.5
"""When both articles quote statements (or both state figures), a rewrite keeps at least this
share of the smaller set: it carries the same quotes and figures. A retelling that drops all of
them (seed 001 has none of seed 000's quotes) is judged on the rest. Articles that report
different statements or different numbers are different reports, however alike their names and
words: on a generated corpus of templated articles (same ten people, fifteen places and ten
sentence patterns), this rule is what keeps random pairs apart."""
QUOTE_MIN_WORDS = 4
"""Shorter quotations ("criminal attack", "ReArm Europe") are phrases, not statements."""
QUOTE_SIMILARITY = 0.8
"""Word-set Jaccard from which two quotations are the same statement (a word dropped or changed)."""


# -- MinHash ------------------------------------------------------------------------------------

def _constants() -> tuple[np.ndarray, np.ndarray]:
    """Multipliers (odd) and increments of the multiply-add-shift hash family, from fixed seeds."""
    mult, add = [], []
    for i in range(NUM_PERM):
        digest = hashlib.blake2b(f"watchfloor/minhash/{i}".encode(), digest_size=16).digest()
        mult.append(int.from_bytes(digest[:8], "big") | 1)
        add.append(int.from_bytes(digest[8:], "big"))
    return np.array(mult, dtype=np.uint64), np.array(add, dtype=np.uint64)


_MULT, _ADD = _constants()


def _tokens(text: str) -> list[str]:
    """Folded word tokens, exactly as the search index sees them."""
    return words(text)


def _shingles(tokens: Sequence[str]) -> set[str]:
    if not tokens:
        return set()
    if len(tokens) < SHINGLE:
        return {" ".join(tokens)}
    return {" ".join(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def signature(text: str) -> list[int]:
    """MinHash signature (``NUM_PERM`` unsigned 32-bit ints) of the folded word 5-shingles.

    Each shingle is hashed to 32 bits with BLAKE2b; permutation ``i`` is the multiply-add-shift hash
    ``((a_i * x + b_i) mod 2**64) >> 32`` (a 2-independent family for 32-bit keys). A text with
    fewer than five words is one shingle; an empty text gives ``[EMPTY] * NUM_PERM``.
    """
    shingles = _shingles(_tokens(text))
    if not shingles:
        return [EMPTY] * NUM_PERM
    keys = np.fromiter(
        (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "big")
         for s in shingles),
        dtype=np.uint64, count=len(shingles))
    # uint64 array arithmetic wraps modulo 2**64, which is the hash family's definition.
    hashed = (keys[:, None] * _MULT[None, :] + _ADD[None, :]) >> np.uint64(32)
    return [int(v) for v in hashed.min(axis=0)]


def band_keys(sig: Sequence[int]) -> list[str]:
    """One key per LSH band, ``"{band}:{16 hex digits}"``; none for an empty text's signature."""
    if len(sig) != NUM_PERM:
        raise ValueError(f"a signature has {NUM_PERM} values, not {len(sig)}")
    if all(v == EMPTY for v in sig):
        return []
    data = np.asarray(sig, dtype=">u4").tobytes()  # 4 big-endian bytes per value
    width = 4 * ROWS
    digests = (hashlib.blake2b(data[band * width:(band + 1) * width], digest_size=8)
               for band in range(BANDS))
    return [f"{band}:{digest.hexdigest()}" for band, digest in enumerate(digests)]


def text_similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (share of equal slots).

    Its standard error is about ``sqrt(J (1 - J) / NUM_PERM)``: 0.044 at J = 0.5. Two empty texts
    are not similar (0.0): there is nothing to compare.
    """
    if len(a) != len(b):
        raise ValueError(f"signatures of different lengths ({len(a)} and {len(b)})")
    if not a:
        return 0.0
    if all(v == EMPTY for v in a) or all(v == EMPTY for v in b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


# -- the facts of a pair ------------------------------------------------------------------------

# Entity weights: how much a shared name says that two articles tell the same facts. Without
# statistics of the store (rarity), specificity stands in for it: people, towns and sites are
# specific; countries, regions and alliances are named by nearly every article of the region.
_KIND_WEIGHT = {
    "country": 0.2, "region": 0.2, "alliance": 0.2, "international": 0.2,
    "entity": 0.5, "mission": 0.5, "government": 0.5, "armed-force": 0.5,
    "city": 1.0, "town": 1.0, "village": 1.0, "site": 1.0, "municipality": 1.0,
    "court": 0.8, "institution": 0.8, "agency": 0.8, "party": 0.8, "ngo": 0.8, "media": 0.8,
    "company": 0.8,
}
_TYPE_WEIGHT = {"person": 1.0, "place": 0.8, "organization": 0.6}
BROAD_IDS = frozenset({
    # Used when the entity type comes without its kind: the broad names of this region's news.
    "nato", "european-union", "united-nations", "un-security-council", "osce", "council-of-europe",
    "western-balkans", "balkans", "europe", "kosovo", "serbia", "bosnia-and-herzegovina",
    "montenegro", "north-macedonia", "albania", "croatia", "slovenia", "hungary", "romania",
    "bulgaria", "greece", "italy", "germany", "france", "united-kingdom", "turkey", "russia",
    "china", "ukraine", "united-states",
})


def entity_weight(entity_id: str, entity_type: str) -> float:
    """Weight of a shared name: 1.0 for a person, town or site, 0.2 for a country or alliance.

    ``entity_type`` is ``person``, ``place`` or ``organization``, optionally with the knowledge
    base's kind after a slash (``place/country``, ``organization/alliance``), which is preferred.
    Without a kind, the ids in :data:`BROAD_IDS` weigh 0.2.
    """
    base, _, kind = entity_type.partition("/")
    if kind in _KIND_WEIGHT:
        return _KIND_WEIGHT[kind]
    if entity_id in BROAD_IDS:
        return 0.2
    return _TYPE_WEIGHT.get(base, 0.5)


@lru_cache(maxsize=256)
def _profile(text: str) -> tuple[bytes, frozenset[str]]:
    """A digest of the folded word sequence (empty for no words) and the content words.

    Memoised (texts are immutable) so that relating one article with many candidates folds it
    once; 256 entries of a few tens of kilobytes each.
    """
    tokens = _tokens(text)
    if not tokens:
        return b"", frozenset()
    digest = hashlib.blake2b("\x1f".join(tokens).encode("utf-8"), digest_size=16).digest()
    content = frozenset(t for t in tokens if len(t) >= 4 and t not in _STOP and not t.isdigit())
    return digest, content


_STOP_WORDS = """
about above across after again against also although among another around because been before
being below between both cannot could does doing down during each either every from further
have having here hers herself himself into itself just more most much must neither nevertheless
once only other ought ours ourselves over said says same should since some such than that their
theirs them themselves then there these they this those though through under until upon very
were what when where whether which while whom whose will with within without would your yours
yourself still even well already however according told added
"""
_STOP = frozenset(_STOP_WORDS.split())


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _quote_words(text: str) -> frozenset[str]:
    return frozenset(_tokens(text))


def _shared_quotes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int]]:
    """Quotations of ``a`` that ``b`` also carries (same words, or one inside the other)."""
    found: list[tuple[str, int]] = []
    theirs = [w for w in (_quote_words(q) for q in b) if len(w) >= QUOTE_MIN_WORDS]
    seen: set[frozenset[str]] = set()
    for quote in a:
        mine = _quote_words(quote)
        if len(mine) < QUOTE_MIN_WORDS or mine in seen:
            continue
        for other in theirs:
            common = len(mine & other)
            if (common / len(mine | other) >= QUOTE_SIMILARITY
                    or (common >= QUOTE_MIN_WORDS + 1
                        and common >= QUOTE_SIMILARITY * min(len(mine), len(other)))):
                seen.add(mine)
                found.append((quote, len(mine)))
                break
    return found


def _quote_count(quotes: Sequence[str]) -> int:
    return len({w for w in map(_quote_words, quotes) if len(w) >= QUOTE_MIN_WORDS})


def _quote_label(quote: str, limit: int = 8) -> str:
    parts = quote.split()
    text = " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")
    return f"quote: \u201c{text}\u201d"


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


_APPROX = 0.1
"""``approximately x`` allows 10% either way."""


def _interval(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "approximately":
        return value * (1 - _APPROX), value * (1 + _APPROX)
    if qualifier in ("more than", "at least"):
        return value, float("inf")
    if qualifier in ("less than", "up to"):
        return float("-inf"), value
    return value, value


def _compatible(a: tuple[float, str], b: tuple[float, str]) -> bool:
    lo_a, hi_a = _interval(*a)
    lo_b, hi_b = _interval(*b)
    return lo_a <= hi_b and lo_b <= hi_a


def _figures(a: ArticleFacts, b: ArticleFacts) -> tuple[list[str], list[str], int]:
    """Shared figures, conflicting figures, and how many distinct figures the smaller side has.

    A figure is (subject, measure, value). It is shared when both articles give the same value for
    the same subject and measure; conflicting when they give values for the same named subject and
    measure that cannot both hold (29 and 33 contributing nations; "more than 4,600" and "about
    4,700" do not conflict). A rewrite carries the same figures; a conflicting figure means a
    different report (another date or source), so it rules a rewrite out.
    """
    def figures(f: ArticleFacts) -> dict[tuple[str | None, str], set[tuple[float, str]]]:
        out: dict[tuple[str | None, str], set[tuple[float, str]]] = {}
        for subject, measure, value, qualifier in f.claims:
            out.setdefault((subject, measure), set()).add((float(value), qualifier))
        return out

    fa, fb = figures(a), figures(b)
    shared: list[str] = []
    conflicts: list[str] = []
    for key in sorted(set(fa) & set(fb), key=lambda k: (k[0] or "", k[1])):
        subject, measure = key
        values_a = {v for v, _ in fa[key]}
        values_b = {v for v, _ in fb[key]}
        common = sorted(values_a & values_b)
        label = f"{subject} {measure}" if subject else measure
        for value in common:
            shared.append(f"figure: {label} {_number(value)}")
        if subject is None or common:
            continue
        if not any(_compatible(x, y) for x in fa[key] for y in fb[key]):
            left = "/".join(_number(v) for v in sorted(values_a))
            right = "/".join(_number(v) for v in sorted(values_b))
            conflicts.append(f"{label}: {left} vs {right}")
    smaller = min(sum(len(v) for v in fa.values()), sum(len(v) for v in fb.values()))
    return shared, conflicts, smaller


def _period(earliest: dt.date | None, latest: dt.date | None) -> str:
    if earliest is None or latest is None:
        return "undated"
    if earliest == latest:
        return earliest.isoformat()
    if earliest.day == 1 and (latest + dt.timedelta(days=1)).day == 1 and \
            (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest:%Y-%m}"
    if (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31) and \
            earliest.year == latest.year:
        return str(earliest.year)
    return f"{earliest.isoformat()}..{latest.isoformat()}"


def _events(a: ArticleFacts, b: ArticleFacts,
            weights: Mapping[str, float]) -> list[str]:
    """Events both articles report: same PLOVER type, and

    - both dated with overlapping intervals and no contradicting places (equal, or one unknown), or
    - at the same specific place (a town, site, person-free place of weight >= 0.8) when one or both
      are undated: "a visit to Sarajevo" in an undated article and "visited Sarajevo in March
      2025" in a dated one.

    Undated events without a place ("met", "urged") are in every political article: not evidence.
    """
    found: dict[str, None] = {}
    for type_a, a0, a1, place_a in a.events:
        for type_b, b0, b1, place_b in b.events:
            if type_a != type_b:
                continue
            dated = None not in (a0, a1, b0, b1)
            if dated:
                assert a0 and a1 and b0 and b1
                if not (a0 <= b1 and b0 <= a1):
                    continue
                if place_a and place_b and place_a != place_b:
                    continue
                # The more precise of the two reports.
                period = _period(a0, a1) if (a1 - a0) <= (b1 - b0) else _period(b0, b1)
            else:
                if not place_a or place_a != place_b or weights.get(place_a, 0.8) < 0.8:
                    continue
                period = _period(a0, a1) if a0 else _period(b0, b1)
            place = place_a or place_b
            label = f"event: {type_a} {period}" + (f" at {place}" if place else "")
            found.setdefault(label, None)
    return list(found)


def _weights(f: ArticleFacts) -> dict[str, float]:
    return {entity: entity_weight(entity, kind) for entity, kind, _ in f.entities}


def _containment(wa: Mapping[str, float], wb: Mapping[str, float]) -> tuple[float, float]:
    """(weighted share of the smaller name set found in the other, weight of the shared names)."""
    shared = sum(w for e, w in wa.items() if e in wb)
    smaller = min(sum(wa.values()), sum(wb.values()))
    return (shared / smaller if smaller else 0.0), shared


# -- order -----------------------------------------------------------------------------------


def _dated_refs(f: ArticleFacts) -> list[dt.date]:
    return [e for e, _, _, _ in f.times if e is not None]


def order(a: ArticleFacts, b: ArticleFacts,
          estimates: Mapping[int, DateEstimate] | None = None) -> tuple[int, int, str]:
    """(earlier id, later id, basis) for two related articles.

    1. Both have a publication date and the dates differ: by date (``published``).
    2. One is undated. Its content may tell (``estimated``):
       - with the dating stage's estimated interval for it (``estimates``): it is earlier when the
         interval ends before the other's date, later when it starts after it, and nothing else is
         read (the estimate already weighs tense and office-holders' titles);
       - without one, from its own time expressions: it is later when it refers to a day after the
         dated article's date while the dated article refers to nothing after its own date: it
         reports something newer than the other could.
       The reverse (the dated article is the later one) is concluded only from an estimate that
       ends before its date. The text alone cannot show it: both articles carry the same facts, so
       the dates they mention say nothing about which was written first, and an upper bound for an
       undated text needs the knowledge base (a title held only until a known day), which is the
       dating stage's work. Not knowing, neither is assumed to be the original.
    3. Both undated: by their estimated intervals when these do not overlap (``estimated``).
    4. Otherwise (same day, or dates that do not tell): by ingestion time, then article id
       (``ingested``): the order in which the store received them, the best evidence left, and a
       stable one. Seeds 000 and 001 are both undated, and their content gives only lower bounds
       that overlap (001 cites March 2025, 000 no date at all), so 000 comes first by ingestion.
    """
    estimates = estimates or {}
    if a.published and b.published and a.published != b.published:
        return (a.article_id, b.article_id, "published") if a.published < b.published else \
            (b.article_id, a.article_id, "published")
    if bool(a.published) != bool(b.published):
        dated, undated = (a, b) if a.published else (b, a)
        assert dated.published is not None
        est = estimates.get(undated.article_id)
        if est is not None:
            if est.latest is not None and est.latest < dated.published:
                return undated.article_id, dated.article_id, "estimated"
            if est.earliest is not None and est.earliest > dated.published:
                return dated.article_id, undated.article_id, "estimated"
        elif any(d > dated.published for d in _dated_refs(undated)) and \
                not any(d > dated.published for d in _dated_refs(dated)):
            return dated.article_id, undated.article_id, "estimated"
    if not a.published and not b.published:
        ea, eb = estimates.get(a.article_id), estimates.get(b.article_id)
        if ea and eb:
            if ea.latest and eb.earliest and ea.latest < eb.earliest:
                return a.article_id, b.article_id, "estimated"
            if eb.latest and ea.earliest and eb.latest < ea.earliest:
                return b.article_id, a.article_id, "estimated"
    first, second = sorted((a, b), key=lambda f: (_utc(f.ingested_at), f.article_id))
    return first.article_id, second.article_id, "ingested"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# -- the decision ------------------------------------------------------------------------------


def _entity_label(shared: Iterable[tuple[str, float]], limit: int = 8) -> str:
    ranked = sorted(shared, key=lambda item: (-item[1], item[0]))
    names = [e for e, _ in ranked[:limit]]
    return "entities: " + ", ".join(names) + (", …" if len(ranked) > limit else "")


def relate(a: ArticleFacts, b: ArticleFacts, sim: float, *,
           estimates: Mapping[int, DateEstimate] | None = None) -> Relation | None:
    """Label a candidate pair ``copy``, ``near-copy`` or ``rewrite``; None when not related.

    ``sim`` is the estimated shingle Jaccard (:func:`text_similarity` of their signatures).

    - **copy**: the same words in the same order after folding (case, diacritics, punctuation
      and whitespace do not count). Score 1.0.
    - **near-copy**: ``sim >= NEAR_COPY`` (0.5): most five-word passages are the same
      (syndication with light edits, a re-publication with a new first sentence). Score ``sim``.
    - **rewrite**: the same facts in other words. All of:

      a. the shared names weigh at least ``REWRITE_MIN_SPECIFIC`` (about three people, towns or
         specific bodies; countries and alliances weigh 0.2, see :func:`entity_weight`);
      b. at least ``REWRITE_CONTAINMENT`` (0.8) of the weighted names of the article with fewer
         names are also in the other (a retelling keeps its actors and places, and may add some);
      c. no conflicting figure (same subject and measure, values that cannot both hold);
      d. at least one shared fact besides names: a quotation, a figure, or an event (same type,
         overlapping dates, same place);
      e. when both quote statements, at least half of the smaller set of quotations is shared;
         likewise for figures (``REWRITE_KEPT``);
      f. content words overlap by at least ``REWRITE_VOCABULARY`` (Jaccard 0.2).

      Articles on the same topic share countries, alliances and a few leaders but not most of
      their specific names (b), and they quote other statements and give other figures (c, e).
      Shared wording never suffices: (f) only corroborates. Score: the mean of the name
      containment, the shared facts (three or more count fully) and the content-word overlap
      (0.5 or more counts fully).

    ``shared`` lists the supporting facts for every label: quotations, figures, events, then the
    shared names, most specific first. ``estimates`` (optional) maps article ids to the dating
    stage's estimated intervals of undated articles; see :func:`order` for who came first.
    """
    if a.article_id == b.article_id:
        return None
    words_a, content_a = _profile(a.text)
    words_b, content_b = _profile(b.text)
    if not words_a or not words_b:
        return None
    weights_a, weights_b = _weights(a), _weights(b)
    weights = {**weights_a, **weights_b}
    shared_entities = sorted((e, w) for e, w in weights_a.items() if e in weights_b)
    quotes = _shared_quotes(a.quotes, b.quotes)
    figures, conflicts, figures_smaller = _figures(a, b)
    events = _events(a, b, weights)
    facts = [_quote_label(q) for q, _ in quotes] + figures + events
    if shared_entities:
        facts.append(_entity_label(shared_entities))
    earlier, later, basis = order(a, b, estimates)

    if words_a == words_b:
        return Relation("copy", earlier, later, 1.0, round(sim, 4), tuple(facts), basis)
    if sim >= NEAR_COPY:
        return Relation("near-copy", earlier, later, round(sim, 4), round(sim, 4), tuple(facts),
                        basis)

    containment, specific = _containment(weights_a, weights_b)
    vocabulary = _jaccard(content_a, content_b)
    fact_count = len(quotes) + len(figures) + len(events)
    if (specific < REWRITE_MIN_SPECIFIC or containment < REWRITE_CONTAINMENT or conflicts
            or fact_count == 0 or vocabulary < REWRITE_VOCABULARY):
        return None
    quotes_smaller = min(_quote_count(a.quotes), _quote_count(b.quotes))
    if quotes_smaller and len(quotes) < REWRITE_KEPT * quotes_smaller:
        return None
    if figures_smaller and len(figures) < REWRITE_KEPT * figures_smaller:
        return None
    score = (containment + min(1.0, fact_count / 3) + min(1.0, vocabulary / 0.5)) / 3
    return Relation("rewrite", earlier, later, round(score, 4), round(sim, 4), tuple(facts), basis)
