"""Events typed with PLOVER: who did what to whom, where, when, and whether it really happened.

Rule-based and deterministic. A trigger lexicon (verbs and event nouns per PLOVER type and mode)
finds candidate events sentence by sentence; light, bounded heuristics then read the clause around
each trigger for its actors (subject → ``source``, object → ``target``), its place, its time and
its modality. Everything comes from the text and the mentions the entity extractor found: a role
that the text does not fill stays empty.

Vocabulary (source: the PLOVER codebook, Open Event Data Alliance, draft version 0.8, 2021,
``PLOVER_MANUAL.tex`` in https://github.com/openeventdata/PLOVER; modes are spelled as there;
``MODES`` below lists all of PLOVER's, ``EXTENSION_MODES`` watchfloor's few additions).

=========  =========================  =====================================================
type       quad category              modes this extractor assigns (PLOVER spelling)
=========  =========================  =====================================================
AGREE      verbal cooperation         -
CONSULT    verbal cooperation         visit, third-party, multilateral, phone
SUPPORT    verbal cooperation         -
CONCEDE    verbal cooperation         -
COOPERATE  material cooperation       - (``arms-purchase``: watchfloor extension, see below)
AID        material cooperation       - (the 0.8 draft dropped AID's modes; context instead)
RETREAT    material cooperation       withdraw, release, resign
REQUEST    verbal conflict            - (PLOVER 0.8 calls it DEMAND; the project's types,
                                      after POLECAT, call it REQUEST)
ACCUSE     verbal conflict            disapprove, investigate, allege
REJECT     verbal conflict            -
THREATEN   verbal conflict            restrict, ban, arrest, relations, expel, territory,
                                      violence
PROTEST    material conflict          demo, riot, general, strike, hunger, boycott, obstruct
SANCTION   material conflict          convict, expel, withdraw, discontinue
MOBILIZE   material conflict          troops, police
COERCE     material conflict          confiscate, restrict, ban, censor, curfew, martial-law,
                                      arrest, deport, withhold
ASSAULT    material conflict          abduct, beat, assassinate, destroy, primitive,
                                      firearms, explosives, heavy-weapons, massacre
OTHER      (watchfloor catch-all)     election, legislation (watchfloor extensions)
=========  =========================  =====================================================

Contexts are PLOVER's general contexts (military, intelligence, peacekeeping, economic,
diplomatic, resource, disease, enviro_disaster, migration, humanitarian, asylum, legal,
human_rights, rights_freedoms, gender, lgbt, terrorism, human_security, religion_ethnicity,
executive, election, legislative, cbrn, cyber, political_institutions, corruption, crime,
illegal_drugs). ``Event.context`` holds one: a mode-implied one (a conviction is ``legal``, an arms
purchase ``military``), else the first keyword cue of the clause in a fixed priority order.
PLOVER's special contexts (future, hypothetical, negation) are carried by ``Event.modality``.

Decisions where PLOVER leaves a choice, and why:

- **Arms purchases and deliveries** → COOPERATE, context ``military``, mode ``arms-purchase``.
  PLOVER codes military cooperation as COOPERATE with a military context and keeps AID for
  transfers that benefit mainly the recipient; a purchase is a paid, mutual exchange. Donated
  weapons and military aid → AID (context military). The mode is a watchfloor extension
  (PLOVER defines no COOPERATE modes) so that analysts can filter arms deals.
- **Signing an agreement or declaration** → SUPPORT (PLOVER: "ratify, sign, or finalize an
  agreement or treaty"); a promise to sign (future, expected) → AGREE, as PLOVER says.
- **Court sentences and convictions** → SANCTION/convict, context legal. A court ban on a person
  ("banned him from public activities") → COERCE/ban, PLOVER's place for bans on individuals.
- **Laws annulled, cancelled, suspended or struck down** by a court or the High Representative →
  SANCTION (no mode), context legal: a material measure reducing the other side's standing, the
  nearest PLOVER category; PLOVER has no category for annulments.
- **Troop increases and deployments** → MOBILIZE/troops (``police`` for police units).
  **Reductions and withdrawals of forces** → RETREAT/withdraw: PLOVER's category for withdrawing
  forces from an area (the Event type has no field for a direction, and none is needed).
- **Meetings with a subject and an object** ("Ruge met Vučić"): source = subject, target =
  object. PLOVER lists every participant of a symmetric meeting or clash as a source; an exporter
  to POLECAT-style records can merge the two roles. "Talks between X and Y" give two sources.
- **Elections** are not a PLOVER event type (election is a context). An election being held
  ("held parliamentary elections") → OTHER/election; mentions of elections elsewhere only set the
  ``election`` context of the event they appear in.
- **Laws adopted, passed, enacted or signed** → OTHER/legislation, context legislative: PLOVER
  has no category for legislating; the acts matter to analysts (Republika Srpska's laws).
- **Cancelled or postponed meetings and visits** → REJECT (PLOVER 0.8), and the visit itself is
  ``denied``.
- **Comments and appeals** that PLOVER does not code (said, stressed, warned, reaffirmed its
  commitment) are not events. Calls, urgings and demands are REQUEST.

What is not an event: headings; quoted speech (the quote extractor handles it, and its events
would need the speaker resolved); descriptions of states and habits (present-tense "NATO
maintains a presence", "continues to consult"); purpose and attempt infinitives ("laws to ban",
"sought to strengthen"); gerunds governed by a preposition ("accused Serbia of interfering");
participles used as adjectives ("the increased troop presence"); generic nouns without an anchor:
an event noun ("visit", "attack", "protests") must have an actor, a place or a time of its own,
so "this visit" or "a full-scale war is unlikely" give nothing; an event that did not happen
(planned, expected, denied, hypothetical) needs a named actor, else it is a generic statement.
Within an article a later noun mention of the same event ("Rutte's visit" again, with no place or
time of its own) is a back-reference, not a new event.

Modality: ``happened`` (past, perfect, progressive, present), ``planned`` ("will", "scheduled for",
"plans to", "is due to"; an event noun dated after the article), ``expected`` ("is expected to",
"likely"), ``denied`` ("did not", "no", "never", "denied that", "cancelled a visit"),
``hypothetical`` ("if", "could", "would", "may", "unlikely", "risk of", "speculation about").

Actors are entity ids (``resolve.entities.entity_id``: the knowledge-base id, else
``type:slug``). The place is a place mention tied to the trigger (the noun's own "in X", "to X",
"the Banjska attack"; a locative after the verb; a fronted "In X,"); with the optional ``kb`` the
most specific of several wins (site, village, town ... country). The time is the noun's own time
expression, else the nearest in the clause before the trigger (fronted, or right before it with
no other predicate between) or right after it, else one from a preceding clause that shares its
time ("killed on Sunday when gunmen attacked"; not "a day after"); a time held by another event
noun, or by another noun ("the elections of 9 February"), is not taken. The evidence span is the
sentence, or the clause when the sentence is longer than 1,000 characters.

The extractor is pure and linear in the text: every window it reads is bounded (a clause is
capped at a few hundred characters), mentions and times are looked up by bisection, and the
trigger pattern is a character trie, so hostile input (a megabyte on one line) stays fast.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..resolve.entities import entity_id
from ..types import Event, Mention, TimeExpr
from .sentences import Sentence, split_sentences

if TYPE_CHECKING:
    from ..kb.loader import KnowledgeBase

NAME = "events"
VERSION = "1"
EXTRACTOR = f"{NAME}/{VERSION}"

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
         "OTHER")
"""PLOVER's event types (REQUEST for the 0.8 draft's DEMAND) and watchfloor's OTHER."""
MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "return", "disarm", "ceasefire", "access",
                          "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "ban", "arrest", "relations", "expel", "territory",
                           "violence"}),
    "PROTEST": frozenset({"demo", "riot", "general", "strike", "hunger", "boycott",
                          "obstruct"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset({"confiscate", "restrict", "ban", "censor", "curfew", "martial-law",
                         "arrest", "deport", "withhold"}),
    "ASSAULT": frozenset({"abduct", "beat", "torture", "execute", "sexual", "assassinate",
                          "destroy", "primitive", "firearms", "explosives", "suicide-attack",
                          "heavy-weapons", "cleansing", "massacre", "unconventional", "sideAB"}),
}
"""PLOVER 0.8's modes, as it spells them."""
EXTENSION_MODES: dict[str, frozenset[str]] = {
    "COOPERATE": frozenset({"arms-purchase"}),
    "OTHER": frozenset({"election", "legislation"}),
}
"""Modes watchfloor adds where PLOVER has none (documented above)."""
CONTEXTS = frozenset({
    "military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource", "disease",
    "enviro_disaster", "migration", "humanitarian", "asylum", "legal", "human_rights",
    "rights_freedoms", "gender", "lgbt", "terrorism", "human_security", "religion_ethnicity",
    "executive", "election", "legislative", "cbrn", "cyber", "political_institutions",
    "corruption", "crime", "illegal_drugs"})
"""PLOVER 0.8's general contexts."""

_CLAUSE_REACH = 300
"""Characters a clause may extend on either side of its trigger."""
_NP_REACH = 160
"""Characters an event noun's prepositional phrases may extend to its right."""

# --------------------------------------------------------------------------------------------
# Word classes

_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_BE = frozenset(["is", "are", "was", "were", "be", "been", "being", "get", "gets", "got", "gotten"])
_HAVE = frozenset(["has", "have", "had", "having"])
_MODALS = {"will": "planned", "shall": "planned", "’ll": "planned", "'ll": "planned",
           "would": "hypothetical", "could": "hypothetical", "might": "hypothetical",
           "may": "hypothetical", "can": "hypothetical", "cannot": "hypothetical",
           "should": "hypothetical", "must": "hypothetical"}
_NEGATIONS = frozenset(["not", "n't", "never", "no", "neither", "nor", "without"])
_ADVERBS = _words("now also already reportedly allegedly further subsequently then later recently "
                  "gradually jointly officially formally again repeatedly previously earlier still "
                  "just first finally eventually actively publicly openly strongly sharply highly "
                  "likely soon once even both all")
_DETERMINERS = _words("the a an this that these those his her their its our my your any some every "
                      "each another such no")
_PREPOSITIONS = _words("of in on at to from by with against for about into onto over under near "
                       "between among amid amidst during after before since until via through "
                       "throughout across inside outside within without toward towards upon around "
                       "beyond despite following regarding concerning targeting involving ahead")
_TRANSPARENT = _words("including like notably especially both either and or such as plus the a an")
"""Words that do not change which preposition governs a name ("with leaders, including X")."""
_LOCATIVE = _words("in at near inside outside around across throughout within into from on of")
_TITLE_HEADS = _words("president minister ministers government court parliament assembly police "
                      "army forces leader leaders leadership authorities officials representatives "
                      "mayor ministry prosecutor prosecutors spokesperson embassy presidency "
                      "chairman head chief commander people members")
_VERB_BEFORE = _words("to will would could can may might shall should must did does do not never "
                      "also jointly they we he she it who i you")
_PLANNING = {"plans": "planned", "planned": "planned", "plan": "planned", "planning": "planned",
             "intends": "planned", "intended": "planned", "intend": "planned",
             "scheduled": "planned", "due": "planned", "set": "planned", "slated": "planned",
             "going": "planned", "decided": "planned", "decides": "planned",
             "agreed": "planned", "prepared": "planned", "preparing": "planned",
             "ready": "planned", "expected": "expected", "likely": "expected",
             "poised": "expected", "unlikely": "hypothetical", "able": "hypothetical"}
"""The word before ``to`` + trigger, and what it makes of the event; other words (purpose,
attempt, "continues to", "threatened to") leave no event."""
_IRREGULAR = _words("met held sent sought bought shot fought struck beat beaten gave given took "
                    "taken withdrew withdrawn drew drawn broke broken threw thrown led began begun "
                    "spoke spoken made paid found cut put set hit slain froze frozen stepped went")
_PERSONAL = frozenset({"he", "she"})

# --------------------------------------------------------------------------------------------
# Trigger lexicon


@dataclass(frozen=True)
class _Rule:
    type: str
    mode: str | None
    surfaces: tuple[str, ...]
    pos: str = "any"
    """``any`` (verb or noun), ``verb``, ``noun`` or ``gnoun`` (its -ing form is also a noun)."""
    context: str | None = None
    after: re.Pattern[str] | None = None
    """Must match right after the trigger (within the clause)."""
    before: re.Pattern[str] | None = None
    """Must match the end of the text before the trigger (within the sentence)."""
    not_after: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None
    targets: frozenset[str] = frozenset()
    """Prepositions that may introduce a verb's target; ``-`` is a direct object."""


def _gap(n: int) -> str:
    """Up to ``n`` words, then a separator: a bounded window, no runaway backtracking."""
    return rf"(?:\W+[\w’'-]+){{0,{n}}}?\W+"


_TROOPS = (r"(?:troops?|forces|soldiers|presence|contingents?|personnel|units|battalions?|"
           r"reinforcements|deployments?|servicemen|police(?:\s+officers)?|gendarmerie)\b")
_ARMS_WORDS = (r"fighter\s+jets?|jets?|aircraft|warplanes?|planes?|helicopters?|tanks?|drones?|"
               r"missiles?|air[\s-]defen[cs]e|howitzers?|artillery|weapons?|arms|rifles|"
               r"ammunition|armou?red\s+vehicles|warships?|frigates?|submarines?|rafales?|"
               r"leopards?|bayraktars?")
_ARMS = rf"(?:{_ARMS_WORDS})\b"
_AGREEMENTS = (r"(?:agreements?|declarations?|treaty|treaties|memorand(?:um|a)|accords?|pacts?|"
               r"deals?|protocols?|charter)\b")
_LAWS = (r"(?:laws?|legislation|bills?|amendments?|(?:draft\s+)?constitution|decrees?|budget|"
         r"resolutions?)\b")
_LAWS_ANNUL = (r"(?:laws?|legislation|bills?|amendments?|constitution|decrees?|decisions?|"
               r"conclusions?|acts?|mandate|referendum|resolutions?)\b")
_TIES = r"(?:ties|cooperation|co-operation|coordination|relations|partnership|links|contacts)\b"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _rule(type_: str, mode: str | None, surfaces: str, *, pos: str = "any",
          context: str | None = None, after: str | None = None, before: str | None = None,
          not_after: str | None = None, not_before: str | None = None,
          targets: str = "-") -> _Rule:
    return _Rule(type_, mode, tuple(s.strip() for s in surfaces.split("|")), pos, context,
                 _rx(after) if after else None, _rx(before + r"$") if before else None,
                 _rx(not_after) if not_after else None,
                 _rx(not_before + r"$") if not_before else None,
                 frozenset(targets.split()))


_ARMS_AFTER = _gap(6) + _ARMS
_BUY = ("acquired|acquire|acquires|acquiring|purchased|purchase|purchases|purchasing|bought|buy|"
        "buys|buying|procured|procure|procures|procuring|ordered|secured|signed a contract for|"
        "signed contracts for|took delivery of|received|receives|delivered|delivers|deliver|"
        "delivering")

# Order matters where rules share a surface: the first whose conditions hold decides.
_RULES: tuple[_Rule, ...] = (
    # -- material cooperation ---------------------------------------------------------------
    _rule("COOPERATE", "arms-purchase", _BUY, after=_ARMS_AFTER, context="military",
          targets="from with -"),
    _rule("COOPERATE", "arms-purchase", "signed", after=_gap(3) + r"contracts?\b" + _ARMS_AFTER,
          context="military", targets="with from"),
    _rule("COOPERATE", "arms-purchase", "purchase|purchases|procurement|deal|deals|deliveries|"
          "delivery|contract|contracts", pos="noun", context="military",
          before=r"\b(?:arms|weapons?|military|defen[cs]e|jets?|aircraft|drones?|tanks?|"
                 r"missiles?)\s+"),
    _rule("MOBILIZE", "troops", "sent|sends|send|sending|dispatched|dispatch|dispatches|"
          "dispatching|deployed|deploys|deploy|deploying|redeployed|moved|moves",
          after=_gap(4) + _TROOPS, context="military", targets="against"),
    _rule("AID", None, "donated|donate|donates|donating|gave|give|gives|giving|provided|"
          "provide|provides|providing|supplied|supply|supplies|supplying|sent|send|sends|"
          "sending|handed over|delivered|granted|grants|approved",
          after=_gap(6) + r"(?:" + _ARMS_WORDS + r"|(?:military|humanitarian|financial|"
                r"economic|emergency)\s+(?:aid|assistance|equipment)|aid|assistance|loans?|"
                r"grants?|funds|funding)\b",
          targets="to for -"),
    _rule("AID", None, "aid|assistance", pos="noun",
          before=r"\b(?:military|humanitarian|financial|economic|emergency|development)\s+"),
    _rule("COOPERATE", None, "expanded|expand|expands|expanding|strengthened|strengthen|"
          "strengthens|strengthening|deepened|deepen|deepens|deepening|boosted|enhanced|"
          "intensified|improved|resumed|restored|established|upgraded",
          after=_gap(3) + _TIES, targets="with between"),
    _rule("COOPERATE", None, "joint exercise|joint exercises|joint military exercise|"
          "joint military exercises|joint drills|joint naval exercises|joint manoeuvres|"
          "joint maneuvers", pos="noun", context="military"),
    _rule("COOPERATE", None, "extradited|extradite|extradites|extradition", context="legal",
          targets="to -"),
    # -- verbal cooperation -----------------------------------------------------------------
    _rule("SUPPORT", None, "signed|sign|signs|signing|ratified|ratify|ratifies|ratifying|"
          "finalized|finalised|finalize|finalise|concluded|inked",
          after=_gap(4) + _AGREEMENTS, targets="with"),
    _rule("SUPPORT", None, "signed|finalized|finalised|ratified|concluded",
          before=r"\b" + _AGREEMENTS + r"(?:\W+[\w’'-]+){0,5}?\W*", targets="with"),
    _rule("OTHER", "legislation", "signed|signs|sign|adopted|adopts|adopt|passed|passes|pass|"
          "enacted|enacts|enact|approved|approves|promulgated|endorsed",
          after=_gap(3) + _LAWS, context="legislative", targets=""),
    _rule("OTHER", "legislation", "adopted|passed|enacted|approved|promulgated|signed",
          before=r"\b" + _LAWS + r"[^.;]{0,80}?\b(?:which|that)\s+(?:[\w’'-]+\s+){0,4}",
          context="legislative", targets=""),
    _rule("SUPPORT", None, "expressed|reaffirmed|reiterated|voiced|declared|pledged|pledges|"
          "expresses|reaffirms|reiterates",
          after=r"(?:\s+(?:its|their|his|her|the|full|strong|continued|unwavering|firm|"
                r"steadfast|[\w’'-]+[’']s)){0,4}\s+support\s+for\b", targets="for"),
    _rule("SUPPORT", None, "endorsed|praised|commended|congratulated|recognised|recognized",
          not_after=r"\s+as\b", targets="- for"),
    _rule("AGREE", None, "agreed|agree|agrees|pledged|promised|offered|vowed",
          after=r"\s+(?:to|on|upon|that)\b", targets="with -"),
    _rule("AGREE", None, "announced plans|announces plans|announced a plan|signaled plans|"
          "signalled plans|signaled its intention|signalled its intention|"
          "announced its intention|expressed readiness|expressed willingness",
          targets="with -", after=r"\s+(?:to|for)\b"),
    _rule("CONCEDE", None, "pardoned|pardons|amnestied|apologised|apologized|apologises|"
          "apologizes|lifted|eased", not_after=r"\s+(?:the\s+)?(?:ban\s+on\s+)?"
                                               r"(?:spirits|mood)\b", targets="- to"),
    # -- consultation -----------------------------------------------------------------------
    _rule("CONSULT", "visit", "visited|visit|visits|visiting", targets="- to"),
    _rule("CONSULT", "phone", "phone call|phone calls|phone conversation|telephone call|"
          "telephone conversation|spoke by phone|spoke by telephone|spoke on the phone|phoned|"
          "video call|videoconference|video conference", pos="noun", targets="with"),
    _rule("CONSULT", "multilateral", "summit|summits|ministerial", pos="noun", targets="with"),
    _rule("CONSULT", None, "met|meet|meets|meeting|meetings|held talks|hold talks|holds talks|"
          "holding talks|engaged with|negotiated|negotiate|negotiates|negotiating",
          pos="gnoun", targets="- with"),
    _rule("CONSULT", None, "talks|consultations|negotiations|discussions", pos="noun",
          targets="with"),
    # -- verbal conflict --------------------------------------------------------------------
    _rule("REQUEST", None, "demanded|demands|demand|demanding|called on|calls on|call on|"
          "calling on|called upon|calls upon|called for|calls for|call for|calling for|urged|"
          "urges|urge|urging|requested|requests|request|requesting|appealed to|appealed for",
          pos="verb", targets="- on upon to"),
    _rule("ACCUSE", "allege", "accused|accuses|accuse|accusing|blamed|blames|blame|blaming",
          targets="- for"),
    _rule("ACCUSE", "allege", "accusation|accusations", pos="noun", targets="against"),
    _rule("ACCUSE", "allege", "charged|indicted|indicts|indict|sued|sues|sue|filed charges|"
          "pressed charges|filed a lawsuit|filed an indictment|indictment|indictments",
          not_after=r"\s+(?:a|an|the)?\s*(?:fee|price|battery|batteries)\b", context="legal",
          targets="- against"),
    _rule("ACCUSE", "disapprove", "condemned|condemns|condemn|condemning|criticised|criticized|"
          "criticises|criticizes|criticising|criticizing|denounced|denounces|denouncing|decried",
          targets="-"),
    _rule("ACCUSE", "disapprove", "attacked|slammed|attacks", after=_gap(3) + r"(?:decisions?|"
          r"proposals?|statements?|policy|policies|remarks|comments|plans?|moves?|ideas?|laws?|"
          r"rulings?|verdicts?|reports?)\b", targets="-"),
    _rule("ACCUSE", "investigate", "investigated|investigates|investigate|investigating|"
          "launched an investigation|opened an investigation|launched a probe|opened a probe|"
          "probed|probing", targets="- into"),
    _rule("ACCUSE", "investigate", "investigation|investigations|probe|inquiry", pos="noun",
          targets="into against"),
    _rule("REJECT", None, "rejected|rejects|reject|rejecting|refused|refuses|refuse|refusing|"
          "vetoed|vetoes|veto|defied|defies|defy|defying", targets="-"),
    _rule("REJECT", None, "denied|denies|deny|denying",
          after=r"\s+(?:[\w’'-]+\s+){0,2}?(?:entry|access|requests?|permission|visas?|"
                r"accreditation|landing)\b", targets="-"),
    _rule("REJECT", None, "cancelled|canceled|cancels|called off|postponed|suspended|cut short",
          after=_gap(3) + r"(?:meetings?|visits?|talks|summits?|sessions?|trips?)\b",
          targets="- with"),
    _rule("THREATEN", None, "threatened|threatens|threaten|threatening|issued an ultimatum|"
          "ultimatum", targets="- with"),
    _rule("THREATEN", None, "warned", after=_gap(3) + r"(?:retaliat\w*|consequences|"
          r"countermeasures|military\s+action|(?:use\s+of\s+)?force)\b", targets="-"),
    # -- material conflict ------------------------------------------------------------------
    _rule("PROTEST", "riot", "protests|protest|demonstrations|demonstration", pos="noun",
          before=r"\bviolent\s+", not_after=r"\s+of\b"),
    _rule("PROTEST", "riot", "riot|riots|rioted|rioting|rioters", targets="against"),
    _rule("PROTEST", "demo", "protested|protest|protests|protesting|protesters|protestors|"
          "demonstrations|demonstration|demonstrators|rally|rallies|marched|marching|sit-in|"
          "sit-ins|walkout|walkouts|protest march|protest marches",
          not_after=r"\s+of\b", targets="against"),
    _rule("PROTEST", "general", "general strike|general strikes", pos="noun"),
    _rule("PROTEST", "hunger", "hunger strike|hunger strikes", pos="noun"),
    _rule("PROTEST", "strike", "went on strike|go on strike|are on strike|were on strike|"
          "staged a strike"),
    _rule("PROTEST", "boycott", "boycotted|boycotts|boycott|boycotting", targets="-"),
    _rule("PROTEST", "obstruct", "roadblocks|barricades|blocked roads|blocked the road|"
          "blocked the roads|blocked border crossings|blocked the border crossing|blockade|"
          "blockaded", targets="-"),
    _rule("SANCTION", "convict", "sentenced|sentencing|convicted|found guilty", pos="verb",
          context="legal", targets="-"),
    _rule("SANCTION", "convict", "handed|gave|imposed", after=_gap(5) + r"(?:prison\s+)?"
          r"sentences?\b", context="legal", targets="- on"),
    _rule("SANCTION", "convict", "verdict|conviction", pos="noun", context="legal",
          not_before=r"\bacquit\w*\s+", targets="against"),
    _rule("SANCTION", "expel", "expelled|expels|expel|expelling|expulsion",
          after=_gap(3) + r"(?:diplomats?|ambassadors?|envoys?|embassy|attach[eé]s?|missions?|"
                r"observers|monitors)\b", targets="- from"),
    _rule("SANCTION", "discontinue", "suspended|suspends|suspend|severed|severs|sever|cut|cuts|"
          "cutting|broke off|breaks off|froze|freezes|frozen|halted|halts|terminated|"
          "downgraded|ended",
          after=_gap(3) + r"(?:ties|relations|cooperation|co-operation|talks|dialogue|contacts|"
                r"aid|funding|assistance|support|negotiations|trade|imports|exports)\b",
          targets="- with for to"),
    _rule("SANCTION", "withdraw", "withdrew|withdrawn|withdraws|withdraw|recalled|recalls|"
          "pulled", after=_gap(2) + r"(?:ambassadors?|diplomats?|envoys?|observers|monitors|"
                                   r"recognition|aid)\b", targets="from -"),
    _rule("SANCTION", None, "annulled|annuls|annul|annulling|cancelled|canceled|cancels|"
          "cancelling|struck down|strikes down|overturned|overturns|repealed|invalidated|"
          "suspended|suspends|suspend|nullified|voided|revoked|revokes|quashed",
          after=_gap(3) + _LAWS_ANNUL, context="legal", targets="of"),
    _rule("SANCTION", None, "sanctioned|sanctions|imposed sanctions|imposes sanctions|"
          "impose sanctions|blacklisted|blacklists|embargo", pos="any",
          targets="- on against"),
    _rule("RETREAT", "withdraw", "reduced|reduce|reduces|reducing|cut|cuts|cutting|scaled back|"
          "scale back|drew down|drawn down|draw down|withdrew|withdrawn|withdraw|withdraws|"
          "withdrawing|pulled out|pull out|pulls out|pulled back|downsized",
          after=_gap(4) + _TROOPS, targets="from"),
    _rule("RETREAT", "withdraw", "reduced|cut|scaled back|drawn down|withdrawn|withdraw|"
          "withdrew|pulled out|pull out|reposition",
          before=r"\b" + _TROOPS + r"(?:\W+[\w’'-]+){0,4}?\W*", targets="from"),
    _rule("RETREAT", "withdraw", "withdrawal|withdrawals|drawdown|pullout|pull-out", pos="noun",
          targets="from"),
    _rule("RETREAT", "release", "released|releases|release|freed", after=_gap(3)
          + r"(?:prisoners?|detainees?|hostages?|captives?|him|her|them|[A-Z])",
          targets="-"),
    _rule("RETREAT", "resign", "resigned|resigns|resign|stepped down|steps down|resignation",
          targets=""),
    _rule("MOBILIZE", "troops", "increased|increase|increases|increasing|boosted|boost|"
          "bolstered|bolster|reinforced|reinforce|strengthened|expanded|raised|doubled|tripled",
          after=_gap(4) + _TROOPS, context="military", targets="against"),
    _rule("MOBILIZE", "troops", "deployed|deploys|deploy|deploying|redeployed|mobilized|"
          "mobilised|mobilizes|mobilises|mobilize|mobilise|put on alert|placed on alert|"
          "raised the combat readiness|raised combat readiness", context="military",
          targets="against"),
    _rule("MOBILIZE", "troops", "deployment|deployments|reinforcements|mobilization|"
          "mobilisation|military exercise|military exercises|military drills|combat readiness",
          pos="noun", context="military", not_before=r"\bjoint\s+", targets="against"),
    _rule("COERCE", "arrest", "arrested|arrests|arrest|arresting|detained|detains|detain|"
          "detaining|detention|apprehended|taken into custody", targets="- of"),
    _rule("COERCE", "ban", "banned|bans|ban|banning", targets="- of on"),
    _rule("COERCE", "deport", "deported|deports|deport|deporting|deportation|deportations|"
          "expelled|expels|expel|expelling", targets="- of from"),
    _rule("COERCE", "confiscate", "confiscated|confiscates|confiscate|seized|seizes",
          not_after=r"\s+(?:control|power|the\s+initiative|on)\b", targets="- from"),
    _rule("COERCE", "curfew", "imposed a curfew|imposes a curfew|curfew", pos="noun"),
    _rule("COERCE", "martial-law", "declared a state of emergency|state of emergency|"
          "martial law", pos="noun"),
    _rule("COERCE", "censor", "censored|censors|shut down", after=_gap(3)
          + r"(?:media|outlets?|websites?|broadcasters?|television|tv|newspapers?|channels?)\b",
          targets="-"),
    _rule("COERCE", "restrict", "closed|closes|shut|shut down|closing",
          after=_gap(3) + r"(?:border|crossings?|institutions|offices|branches|post offices|"
                          r"banks)\b", targets="-"),
    _rule("COERCE", "withhold", "cut off|cuts off|shut off|shuts off", after=_gap(3)
          + r"(?:power|electricity|water|internet|supplies|gas)\b", targets="- to for"),
    _rule("ASSAULT", "firearms", "opened fire|open fire|fired at|fired on|fired shots|"
          "shots were fired|shooting|shootings|shot|gunfire|gunfight|firefight|shootout",
          pos="gnoun", targets="- at on"),
    _rule("ASSAULT", "explosives", "explosion|explosions|blast|blasts|bombing|bombings|bombed|"
          "exploded|detonated|bomb attack|explosive device|explosive devices", pos="gnoun",
          targets="- on against"),
    _rule("ASSAULT", "heavy-weapons", "shelling|shelled|airstrike|airstrikes|air strike|"
          "air strikes|drone strike|drone strikes|missile strike|missile strikes|rocket attack|"
          "rocket attacks|mortar attack", pos="gnoun", targets="- on against"),
    _rule("ASSAULT", "assassinate", "assassinated|assassination|assassinations", targets="-"),
    _rule("ASSAULT", "abduct", "kidnapped|kidnapping|abducted|abduction|abductions|hijacked",
          pos="gnoun", targets="-"),
    _rule("ASSAULT", "beat", "beaten|beat up|beating|beatings", pos="gnoun", targets="-"),
    _rule("ASSAULT", "primitive", "stabbed|stabbing|torched|set fire|set on fire|arson",
          pos="gnoun", targets="- to"),
    _rule("ASSAULT", "destroy", "vandalised|vandalized|vandalism|sabotage|sabotaged",
          targets="-"),
    _rule("ASSAULT", "massacre", "massacre|massacres|massacred", targets="-"),
    _rule("ASSAULT", None, "attacked|attack|attacks|attacking|assaulted|assault|assaults|"
          "clashed|clash|clashes|clashing|ambushed|ambush|fighting|fought", pos="gnoun",
          not_before=r"\b(?:hybrid|disinformation|verbal|rhetorical|political|media|"
                     r"propaganda|cyber|information|heart|panic|anxiety)\s+",
          not_after=r"(?:\s+(?:rifles?|weapons?|helicopters?|vehicles?|craft)\b|\s+(?:against\s+)?"
                    r"(?:corruption|crime|poverty|disinformation|fires?|for)\b)",
          targets="- on against with of"),
    _rule("ASSAULT", None, "killed|murdered|shot dead", targets="-",
          not_after=r"(?:\s+[\w’'-]+){0,4}?\s+(?:in|during)\s+(?:an?|the)\s+"
                    r"(?:[\w’'-]+\s+){0,2}?(?:attacks?|explosions?|blasts?|shootings?|"
                    r"clash(?:es)?|ambush|bombings?|"
                    r"fighting|riots?)\b"),
    _rule("OTHER", "election", "held", after=r"\s+(?:[\w’'-]+\s+){0,2}?elections?\b",
          context="election", targets=""),
    _rule("OTHER", "election", "held|took place", before=r"\belections?\s+(?:was|were|have been|"
          r"had been|has been)?\s*", context="election", targets=""),
    _rule("OTHER", "election", "went to the polls|go to the polls|voted in", context="election",
          after=None, targets=""),
)

_TYPE_TARGETS_NOUN = {
    "CONSULT": {"with": "target", "to": "target", "of": "source", "between": "source"},
    "AGREE": {"with": "target", "between": "source"},
    "SUPPORT": {"with": "target", "for": "target", "between": "source"},
    "COOPERATE": {"with": "target", "from": "target", "between": "source"},
    "AID": {"to": "target", "for": "target"},
    "ACCUSE": {"against": "target", "into": "target", "of": "target"},
    "REQUEST": {"to": "target"},
    "REJECT": {"of": "target"},
    "THREATEN": {"against": "target", "to": "target"},
    "PROTEST": {"against": "target"},
    "SANCTION": {"against": "target", "on": "target", "for": "target", "of": "target"},
    "MOBILIZE": {"against": "target", "of": "source"},
    "RETREAT": {"of": "source"},
    "COERCE": {"of": "target", "against": "target", "on": "target"},
    "ASSAULT": {"against": "target", "on": "target", "with": "target", "of": "target",
                "between": "source"},
}
"""How a name in an event noun's prepositional phrase relates to the event (``by`` → source for
every type; locative prepositions give the place)."""

_FRONTED_PLACE = frozenset({"AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "OTHER"})
"""Statements and laws: their place is only a fronted "In X," (what they are about, or where a
law applies, is not where they were made)."""

_SOURCE_LIGHT = {
    "CONSULT": r"\b(?:during|on|after|following|before|throughout|at|in|paid|paying|made|"
               r"making|held|holding|hold|holds|attended|began|started|concluded|ended|"
               r"resumed|wrapped\s+up|opened|joined)\s+(?:(?:a|an|the|his|her|their|its)\s+)?",
    "PROTEST": r"\b(?:staged|stage|held|organi[sz]ed|led|joined|began|started)\s+(?:(?:a|an|"
               r"the|their|its)\s+)?",
    "ASSAULT": r"\b(?:carried\s+out|carry\s+out|launched|launch|staged|conducted|committed|"
               r"perpetrated|mounted)\s+(?:(?:a|an|the|their|its)\s+)?",
    "MOBILIZE": r"\b(?:conducted|held|began|started|launched|ordered|announced)\s+(?:(?:a|an|"
                r"the|their|its)\s+)?",
    "ACCUSE": r"\b(?:launched|opened|began|started|announced)\s+(?:(?:a|an|the|their|its)\s+)?",
}
"""Words before an event noun after which the clause's subject is the actor ("Rutte said during
a visit", "protesters staged demonstrations", "gunmen carried out an attack")."""

_CONTEXT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, _rx(pattern)) for name, pattern in (
        ("legal", r"\b(?:courts?|judges?|judicial|judiciary|sentenc\w+|convict\w*|verdicts?|"
                  r"prosecut\w+|indict\w*|trials?|lawsuits?|acquit\w*)\b"),
        ("terrorism", r"\bterror\w*"),
        ("election", r"\b(?:elections?|electoral|ballots?|votes?|voting|polls|campaign)\b"),
        ("legislative", r"\b(?:laws?|legislation|legislative|parliament\w*|assembly|bills?|"
                        r"constitution\w*|decrees?|lawmakers|amendments?)\b"),
        ("cyber", r"\b(?:cyber\w*|hack\w*)\b"),
        ("cbrn", r"\b(?:nuclear|chemical\s+weapons?|biological\s+weapons?|radiological)\b"),
        ("peacekeeping", r"\b(?:peacekeep\w*|KFOR|EUFOR|UNMIK|UNPROFOR)\b"),
        ("military", r"\b(?:military|troops?|soldiers|army|armed\s+forces|defen[cs]e|"
                     r"security\s+(?:agreement|pact|cooperation|declaration)|weapons?|arms|"
                     r"jets?|aircraft|tanks?|drones?|missiles?|naval|navy|air\s+force|"
                     r"bases?|exercises?)\b"),
        ("economic", r"\b(?:econom\w+|trade|gas|oil|energy|invest\w*|financ\w*|loans?|"
                     r"tariffs?|budget|currency|dinar|imports?|exports?)\b"),
        ("humanitarian", r"\bhumanitarian\b"),
        ("asylum", r"\basylum\b"),
        ("migration", r"\b(?:migra\w+|refugees?|displaced)\b"),
        ("human_rights", r"\bhuman\s+rights\b"),
        ("corruption", r"\b(?:corrupt\w*|brib\w+)\b"),
        ("illegal_drugs", r"\b(?:drugs?|narcotics?|cocaine|heroin|cannabis)\b"),
        ("crime", r"\b(?:crimes?|criminals?|smuggl\w+|organi[sz]ed\s+crime)\b"),
        ("intelligence", r"\b(?:intelligence|espionage|spy\w*|spies|information\s+operations?|"
                         r"disinformation)\b"),
        ("diplomatic", r"\b(?:diplomat\w*|embass\w+|ambassadors?|envoys?|foreign\s+ministers?)\b"),
        ("religion_ethnicity", r"\b(?:ethnic\w*|Serbs?|Albanians?|Bosniaks?|Croats?|Muslims?|"
                               r"Orthodox|Catholics?|Roma)\b"),
    ))

_ASSAULT_MODE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (mode, _rx(pattern)) for mode, pattern in (
        ("explosives", r"\b(?:explos\w+|bombs?|bombing|blasts?|IEDs?|grenades?|landmines?|"
                       r"detonat\w+)\b"),
        ("firearms", r"\b(?:guns?|gunmen|gunfire|shots?|shooting|opened\s+fire|rifles?|snipers?|"
                     r"firearms?|automatic\s+weapons)\b"),
        ("heavy-weapons", r"\b(?:artillery|mortars?|shell(?:ing|ed)|rockets?|airstrikes?|"
                          r"air\s+strikes?|drone\s+strikes?)\b"),
        ("primitive", r"\b(?:stab\w*|knives|knife|machetes?|stones|rocks|molotov|arson|"
                      r"set\s+fire|torch\w*)\b"),
        ("abduct", r"\b(?:kidnap\w*|abduct\w*|hijack\w*)\b"),
    ))

_THREAT_MODE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (mode, _rx(pattern)) for mode, pattern in (
        ("violence", r"\b(?:force|attack\w*|invade|invasion|strike|retaliat\w+|war|violence|"
                     r"kill\w*|bomb\w*|military\s+action)\b"),
        ("relations", r"\b(?:sever|suspend|cut|break\s+off|withdraw\s+from|leave|quit)\b"
                      r"(?:\W+\w+){0,3}?\W+(?:ties|relations|talks|dialogue|negotiations|"
                      r"agreement|cooperation)\b"),
        ("restrict", r"\b(?:sanctions?|boycotts?|block\w*|blockade|curfew|close\s+the\s+"
                     r"border)\b"),
        ("ban", r"\bban\w*\b"),
        ("arrest", r"\b(?:arrest\w*|imprison\w*|jail\w*|detain\w*)\b"),
        ("expel", r"\b(?:expel\w*|deport\w*)\b"),
        ("territory", r"\b(?:seize|occupy|annex\w*|take\s+over)\b"),
    ))

_NOUN_PLANNED_BEFORE = _rx(r"\b(?:planned|upcoming|forthcoming|proposed|scheduled|next|future|"
                           r"prospective)\b")
_NOUN_HYPOTHETICAL_BEFORE = _rx(r"\b(?:possible|potential|eventual|hypothetical)\b")
_NOUN_PLANNED_AFTER = _rx(r"\s*(?:,\s*)?(?:(?:is|was|are|were)\s+)?(?:scheduled|planned|set|"
                          r"slated|due)\s+(?:for|to|on|in|next)\b|\s+to\s+be\s+held\b")
_NOUN_EXPECTED_AFTER = _rx(r"\s+(?:(?:is|are)\s+)?expected\s+(?:on|in|next|later|to)\b")
_HYPOTHETICAL_CLAUSE = _rx(r"\b(?:if|unless|whether|unlikely)\b")
_HYPOTHETICAL_NEAR = _rx(r"\b(?:risk|risks|fears?|threat|threats|possibility|prospect|danger|"
                         r"speculations?|rumou?rs?|narratives?|scenarios?)\s+(?:of|about|that|"
                         r"concerning|regarding)\s+(?:[\w’'-]+\s+){0,4}$")
_PREVENTED_NEAR = _rx(r"\b(?:prevent\w*|avert\w*|avoid\w*|thwart\w*|foil\w*|cancel\w*|"
                      r"suspend\w*|postpon\w*|called\s+off|call\s+off|cut\s+short)\s+"
                      r"(?:[\w’'-]+\s+){0,3}$")
_DENIED_CLAUSE = _rx(r"\bden(?:ied|ies|y|ying)\s+(?:that\b|having\b|any\b|(?=\w+ing\b))")
_DENIED_BEFORE = _rx(r"\b(?:den(?:ied|ies|y|ying)|(?:rejected|dismissed)\s+(?:claims|reports|"
                     r"allegations))\s*$")
"""Before "that": "Serbia denied that its forces attacked ..."."""
_THIRD_PARTY = _rx(r"\b(?:mediated|hosted|facilitated|brokered|convened)\s+by\b|"
                   r"\bunder\s+the\s+auspices\s+of\b")
_MULTILATERAL_WORDS = _rx(r"\b(?:ministers[’']?|ministerial|summit|council|assembly|plenary|"
                          r"conference)\b")
_POLICE = _rx(r"\b(?:police|gendarmerie|special\s+units|riot\s+units)\b")
_NP_STOP = _rx(r"[,;:()\[\]“”\"]|\s[—–-]\s|"
               r"\b(?:is|are|was|were|be|been|has|have|had|will|would|"
               r"could|can|may|might|should|must|did|does|do|that|which|who|whom|where|when|"
               r"while|whereas|but|and\s+(?:the|a|an|its|their|his|her)\s+\w+\s+(?:is|are|was|"
               r"were)|as\s+well\s+as|according|saying|said|says|remains?|continues?)\b|"
               r"\b[\w’'-]+(?:ed|ing)\b")
_CLAUSE_BREAK = re.compile(
    r"[;:()\[\]]|\s[—–]\s|,\s+(?=(?:which|who|whom|whose|where|while|whereas|but|although|"
    r"though|because|since|as|after|before|when|whilst|with|following|according|amid|amidst|"
    r"despite|unlike|so|yet|and\s+(?:then\s+)?(?:he|she|they|it|we)\b)\b)|"
    r",\s+(?!(?:including|during|regarding|concerning|notwithstanding|something|nothing)\b)"
    r"(?=[\w’'-]+ing\b)|"
    r",\s+and\s+(?=(?:[a-z]+ed|said|told|met|held|sent|made|gave|called|urged|blamed)\b)|"
    r"\b(?:said|says|told\s+[\w’'-]+|stated|added|claimed|noted|insisted|argued)\b"
    r"(?:\s+that\b)?(?=\s+(?!(?:in|on|at|during|after|before|while|when|from|to|by|with|for|of|"
    r"about|according|also|later|earlier|today|yesterday|that)\b)[\w’'])|"
    r"\s(?=(?:that|whereas|when|while|after|because|if|unless|whether)\s)", re.IGNORECASE)
_THAT_AFTER = _rx(r"(?:\b[\w’'-]+(?:ed|s)|\b(?:said|say|told|tell|think|believe|know|suggest|"
                  r"clear|sure|fact|means|hope|hopes|given|so|such|now)),?\s*$|"
                  r"\b(?:said|says|told|stated|announced|confirmed|reported|added|noted)\b"
                  r"[^,;.]{0,25}$")
"""Words after which "that" opens a clause ("reiterated that", "said that", "so that")."""
_SPEECH = re.compile(r"(?:said|says|told|stated|added|claimed|noted|insisted|argued)\b")
_CONJUNCTIONS = _words("that whereas when while after because if unless whether which who whom "
                       "whose where although though since as before whilst so yet")
_QUOTE_MARK = re.compile(r"[“”\"]")
_QUOTE_REACH = 3000
_POSSESSIVE = re.compile(r"^(?:[’']s?)")


def _surface_classes(surface: str, pos: str) -> str:
    """Grammatical classes a surface form can have: ``v`` past, ``g`` -ing, ``n`` noun, ``b``
    base/present verb, ``nb`` noun or verb."""
    head = surface.split()[0]
    if pos == "noun":
        return "n"
    if head.endswith("ed") or head in _IRREGULAR:
        return "v"
    if head.endswith("ing"):
        return "gn" if pos == "gnoun" else "g"
    if pos == "verb":
        return "b"
    return "nb"


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many phrases, as a character trie (no alternation blow-up)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [(r"\s+" if char == " " else re.escape(char)) + emit(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_BY_SURFACE: dict[str, list[tuple[_Rule, str]]] = {}
for _r in _RULES:
    for _surface in _r.surfaces:
        _BY_SURFACE.setdefault(_surface, []).append((_r, _surface_classes(_surface, _r.pos)))
_TRIGGER = re.compile(r"(?<![\w’'-])(?:" + _trie_pattern(_BY_SURFACE) + r")(?![\w-])",
                      re.IGNORECASE)

_PLACE_RANK = {"site": 0, "village": 1, "town": 2, "city": 3, "municipality": 4, "entity": 5,
               "region": 6, "country": 7}
"""Most specific first, for choosing among several places in a clause."""

# --------------------------------------------------------------------------------------------
# The article


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans between matching quotation marks (curly or straight), in one linear pass."""
    spans, opened, mark = [], -1, ""
    for m in _QUOTE_MARK.finditer(text):
        char, pos = m.group(), m.start()
        if opened >= 0 and pos - opened > _QUOTE_REACH:
            opened = -1  # an unmatched mark: forget it
        if opened < 0:
            if char != "”":
                opened, mark = pos, char
        elif (mark == "“" and char == "”") or (mark == '"' and char == '"'):
            spans.append((opened, pos + 1))
            opened = -1
    return spans


class _Doc:
    """An article's text with its mentions, quotes and times indexed for bounded look-ups."""

    def __init__(self, text: str, mentions: Sequence[Mention], times: Sequence[TimeExpr],
                 anchor: dt.date | None, kb: KnowledgeBase | None) -> None:
        self.text = text
        self.anchor = anchor
        self.kb = kb
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]
        self.times = sorted(times, key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self.quotes = _quote_spans(text)
        self.quote_starts = [a for a, _ in self.quotes]
        roles = sorted((m.role_start, m.role_end) for m in self.mentions
                       if m.role_start is not None and m.role_end is not None)
        self.roles = roles
        self.role_starts = [a for a, _ in roles]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def times_in(self, lo: int, hi: int) -> list[TimeExpr]:
        i = bisect.bisect_left(self.time_starts, lo)
        out = []
        while i < len(self.times) and self.times[i].start < hi:
            if self.times[i].end <= hi:
                out.append(self.times[i])
            i += 1
        return out

    def mention_at(self, lo: int, hi: int) -> Mention | None:
        """A mention overlapping [lo, hi)."""
        i = bisect.bisect_right(self.starts, hi) - 1
        for j in range(i, max(-1, i - 4), -1):
            m = self.mentions[j]
            if m.start < hi and lo < m.end:
                return m
        return None

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1]

    def in_role(self, m: Mention) -> bool:
        """Inside the title of a person named next to it ("NATO" in "NATO Secretary General")."""
        i = bisect.bisect_right(self.role_starts, m.start) - 1
        for j in range(i, max(-1, i - 3), -1):
            a, b = self.roles[j]
            if a <= m.start and m.end <= b:
                return True
        return False

    def kind(self, m: Mention) -> str | None:
        if self.kb is None or not m.kb_id or m.kb_id not in self.kb.entries:
            return None
        return self.kb.entries[m.kb_id].kind

    def in_time(self, pos: int) -> bool:
        i = bisect.bisect_right(self.time_starts, pos) - 1
        return i >= 0 and self.times[i].start <= pos < self.times[i].end

    def words_before(self, lo: int, pos: int, n: int, *, raw: bool = False) -> list[str]:
        """The ``n`` words before ``pos`` (not before ``lo``), lower-cased unless ``raw``; a
        word of a time expression or the month "May" reads ``#`` (it is no modal verb)."""
        start = max(lo, pos - 14 * n)
        out = []
        for w in _WORD.finditer(self.text, start, pos):
            word = w.group()
            if self.in_time(w.start()) or (word == "May" and w.start() > lo):
                out.append("#")
            else:
                out.append(word if raw else word.lower())
        return out[-n:]

    def masked(self, lo: int, hi: int) -> str:
        """The text of [lo, hi) with names blanked, for keyword cues ("Rule of Law Mission" is
        no legislation)."""
        text = self.text
        parts, cursor = [], lo
        for m in self.mentions_in(lo, hi):
            if m.start >= cursor:
                parts.append(text[cursor:m.start])
                parts.append(" " * (m.end - m.start))
                cursor = m.end
        parts.append(text[cursor:hi])
        return "".join(parts)


# --------------------------------------------------------------------------------------------
# Small readers over bounded windows

_PLACE_NOUNS = _words("village town city municipality municipalities region area district "
                      "province entity outskirts centre center")
_LIST_WORDS = _words("including notably especially like such and or as plus")
_COMMON_ADJECTIVES = _words("key other both all several many local regional senior top political "
                            "international foreign national")
_PEACEKEEPERS = re.compile(r"^(?:KFOR|EUFOR|UNMIK|UNPROFOR|NATO Kosovo Force|EUFOR Althea)\b")
_NEEDS_ACTOR = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT",
                          "THREATEN", "CONSULT", "COOPERATE", "AID"})
"""Types that report nothing without an actor ("talks were held", "urges a commitment")."""


def _char_before(text: str, lo: int, pos: int) -> str:
    i = pos - 1
    while i >= lo and text[i].isspace():
        i -= 1
    return text[i] if i >= lo else ""


def _phrase_start(doc: _Doc, lo: int, start: int) -> int:
    """Where the phrase holding a name begins: after the last comma, semicolon or colon before
    it, unless that comma continues a list ("with leaders, including X", "in X, Y, and Z")."""
    text = doc.text
    hi = start
    for _ in range(6):
        i = max(text.rfind(",", lo, hi), text.rfind(";", lo, hi), text.rfind(":", lo, hi))
        if i < 0:
            return lo
        follow = re.match(r"\s*([\w’'-]+)", text[i + 1:i + 30])
        listed = follow is not None and (follow.group(1).lower() in _LIST_WORDS
                                         or _same_kind_around(doc, i, i + 1 + follow.start(1)))
        if text[i] != "," or not listed:
            return i + 1
        hi = i
    return hi


def _same_kind_around(doc: _Doc, comma: int, after: int) -> bool:
    """Names of one type on both sides of a comma: a list ("Bosnia, Kosovo, and Serbia")."""
    before = doc.mention_at(comma - 1, comma) if comma else None
    following = doc.mention_at(after, after + 1)
    return before is not None and following is not None and before.end == comma \
        and following.start == after and before.type == following.type


def _governor(doc: _Doc, lo: int, start: int) -> str | None:
    """The nearest preposition among the eight words before a name, in its phrase, or None.

    Adjectives, titles and list words are looked through ("with key figures, including
    President X" → "with"); "to" before a verb is an infinitive marker ("to ensure X's"), not a
    preposition.
    """
    lo = _phrase_start(doc, lo, start)
    raw = doc.words_before(lo, start, 8, raw=True)
    for i in range(len(raw) - 1, -1, -1):
        word = raw[i].lower()
        if word == "of" and i > 0 and raw[i - 1].lower() in _PLACE_NOUNS:
            continue
        if word in _PREPOSITIONS and word not in _TRANSPARENT:
            if word == "to" and i + 1 < len(raw) and _verb_like(raw[i + 1]):
                return "to-verb"
            return word
    return None


def _verb_like(raw: str) -> bool:
    word = raw.lower()
    return raw[:1].islower() and word not in _DETERMINERS and word not in _COMMON_ADJECTIVES \
        and word != "#" and not word[:1].isdigit()


def _governor_near(doc: _Doc, lo: int, start: int) -> str | None:
    """Like ``_governor``, but a verb between ends the search: "following the events of 2023,
    NATO increased" leaves NATO ungoverned. "according to X" reads ``according``."""
    lo = _phrase_start(doc, lo, start)
    words = doc.words_before(lo, start, 6)
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word == "to" and i > 0 and words[i - 1] == "according":
            return "according"
        if word == "of" and i > 0 and words[i - 1] in _PLACE_NOUNS:
            continue  # "near the village of Banjska": governed by "near"
        if word == "of" and i > 0 and words[i - 1] in _TITLE_HEADS:
            return "of-title"  # "the Prime Minister of Republika Srpska"
        if word in _PREPOSITIONS and word not in _TRANSPARENT:
            if i + 1 < len(words) and (words[i + 1] == "#" or words[i + 1][:1].isdigit()):
                continue  # "On 27 February the Assembly": the preposition is the date's
            return word
        if word in _TRANSPARENT or word in _DETERMINERS or word == "#" or word[:1].isdigit():
            continue
        if word.endswith(("ed", "ing")) or word in _BE or word in _HAVE:
            return None
    return None


def _hyphenated(text: str, m: Mention) -> bool:
    """A name used as part of a compound ("EU-facilitated", "Kosovo-Serbia")."""
    after = text[m.end:m.end + 1]
    before = text[m.start - 1:m.start] if m.start else ""
    return after in ("-", "‐", "–") or before in ("-", "‐", "–")


def _possessive(text: str, m: Mention) -> bool:
    return bool(_POSSESSIVE.match(text[m.end:m.end + 2]))


# --------------------------------------------------------------------------------------------
# Clauses


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int
    opener: str
    """What opened the clause: ``start`` (the sentence), ``,-ing`` (a participle), ``and`` (a
    conjoined predicate), ``said`` (reported speech), ``:``, or the conjunction (``with``,
    ``who``, ``that``, ``when`` ...)."""
    body: int
    """Where the clause's words begin after its conjunction ("when| an armed group ...")."""
    head_end: int
    """Where the text before the clause ends (the start of the break that opened it)."""


def _breaks(text: str, s: Sentence) -> list[tuple[int, int, str]]:
    out = []
    for m in _CLAUSE_BREAK.finditer(text, s.start, s.end):
        kind = m.group().strip().lower()
        follow = re.match(r"[\w’'-]+", text[m.end():m.end() + 30])
        word = follow.group().lower() if follow else ""
        if kind == ",":
            kind = ",-ing" if word.endswith("ing") and word not in ("following", "according") \
                else word
        elif kind.startswith(","):
            kind = "and"
        elif _SPEECH.match(kind):
            kind = "said"
        elif not kind:
            kind = word  # " that", " when"
            if word == "that" and not _THAT_AFTER.search(text, max(s.start, m.start() - 30),
                                                         m.start()):
                continue  # "In May that year": a determiner, not a conjunction
        out.append((m.start(), m.end(), kind))
    return out


def _clause(text: str, breaks: list[tuple[int, int, str]], ends: list[int], s: Sentence,
            t0: int, t1: int) -> _Clause:
    start, opener, end, head_end = s.start, "start", s.end, s.start
    i = bisect.bisect_right(ends, t0) - 1  # the last break ending before the trigger
    if i >= 0:
        head_end, start, opener = breaks[i]
    if i + 1 < len(breaks) and breaks[i + 1][0] >= t1:
        end = breaks[i + 1][0]
    start = max(start, t0 - _CLAUSE_REACH)
    body = start
    if opener in _CONJUNCTIONS or opener == "with":
        word = re.match(r"\s*[\w’'-]+", text[start:t0])
        body = start + word.end() if word else start
    return _Clause(start, min(end, t1 + _CLAUSE_REACH), opener, body, max(head_end,
                                                                          start - _CLAUSE_REACH))


# --------------------------------------------------------------------------------------------
# Drafts: an event being read, before its time, place and context are settled


@dataclass
class _Draft:
    rule: _Rule
    t0: int
    t1: int
    clause: _Clause
    sentence: Sentence
    noun: bool
    modality: str
    after_end: int | None = None
    sources: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)
    place: Mention | None = None
    np_place: Mention | None = None
    np: tuple[int, int] = (0, 0)
    mode: str | None = None
    type: str = ""
    conjoined: _Draft | None = None
    """The verb this one is conjoined to ("sentenced ... and banned"): same subject and time."""


def _actor(doc: _Doc, m: Mention) -> bool:
    return m.type in ("person", "organization", "place") and not doc.in_quote(m.start) \
        and not doc.in_role(m) and not _hyphenated(doc.text, m)


_JOINER = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?$")


def _coordinated(doc: _Doc, m: Mention, lo: int, hi: int) -> list[Mention]:
    """The name and those joined to it by commas and "and" ("Albania, Croatia, and Kosovo")."""
    cands = [c for c in doc.mentions_in(lo, hi) if _actor(doc, c) and c.type == m.type]
    index = next((i for i, c in enumerate(cands) if c is m), None)
    if index is None:
        return [m]
    def joined(a: Mention, b: Mention) -> bool:
        head = b.role_start if b.role_start is not None and b.role_start >= a.end else b.start
        return bool(_JOINER.match(doc.text[a.end:head]))

    first = last = index
    while first > 0 and joined(cands[first - 1], cands[first]):
        first -= 1
    while last + 1 < len(cands) and joined(cands[last], cands[last + 1]):
        last += 1
    return cands[first:last + 1]


def _subject(doc: _Doc, lo: int, hi: int, *, with_opener: bool = False) -> list[Mention]:
    """The subject among the names before the trigger.

    Names governed by a preposition are not subjects, except "of" after a title ("the Prime
    Minister of Republika Srpska"), "according to X" and a clause-opening "with" ("with Kosovo
    accusing Serbia"). After a fronted phrase ("In reaction to these developments, Dodik
    signed") the first name after the last comma wins.
    """
    text = doc.text
    cands = []
    for m in doc.mentions_in(lo, hi):
        if not _actor(doc, m):
            continue
        gov = _governor_near(doc, lo, m.start)
        if gov == "with":
            opening = text[lo:m.start].strip().lower()
            if not (with_opener and opening.startswith("with") and len(opening.split()) <= 4):
                continue
        elif gov not in (None, "according", "of-title"):
            continue
        if any(c not in cands and c.start < m.start for c in _coordinated(doc, m, lo, hi)):
            continue  # "spoken to X and Y": Y is governed with X
        cands.append(m)
    if not cands:
        return []
    commas = [i for i in range(lo, hi) if text[i] == ","][-2:] if "," in text[lo:hi] else []
    chosen = cands[0]
    if commas:
        after = [m for m in cands if m.start > commas[-1]]
        if after:
            chosen = after[0]  # after a fronted phrase: "In reaction to this, Dodik signed"
        elif len(commas) == 2 and any(commas[0] < m.start < commas[0] + 4 for m in cands):
            chosen = next(m for m in cands if commas[0] < m.start)  # "the EU envoy, Orav, said"
        elif [m for m in cands if m.start < commas[0]]:
            chosen = [m for m in cands if m.start < commas[0]][-1]  # "Srpska Lista, the party,"
    return [c for c in _coordinated(doc, chosen, lo, hi) if c is chosen or c in cands]


_NEXT_PREDICATE = _rx(r"\b(?:and|but)\s+(?:[a-z]+ed|said|says|told|asked|spoke|met|held|sent|"
                      r"made|gave|called|urged|warned|added|noted)\b|\b(?:said|says|told|"
                      r"what|which|who|whom|that)\b")


def _object(doc: _Doc, lo: int, hi: int, allowed: frozenset[str]) -> list[Mention]:
    """The first name after the trigger that the rule accepts as its target: within six words
    (titles not counted) and before any further predicate ("condemned the attack and asked
    KFOR to ..." has no target)."""
    stop = _NEXT_PREDICATE.search(doc.text, lo, hi)
    hi = stop.start() if stop else hi
    for m in doc.mentions_in(lo, hi):
        if not _actor(doc, m):
            continue
        head = m.role_start if m.role_start is not None and m.role_start >= lo else m.start
        if len(_WORD.findall(doc.text, lo, head)) > 6:
            break
        gov = _governor(doc, lo, m.start)
        if m.type == "place" and gov in _LOCATIVE and gov not in allowed:
            continue
        if (gov is None and "-" in allowed) or (gov is not None and gov in allowed):
            return _coordinated(doc, m, lo, hi)
    return []


# --------------------------------------------------------------------------------------------
# Grammar and modality


def _mention_ends_at(doc: _Doc, pos: int) -> bool:
    """A name (not a possessive) right before ``pos``: "Serbia attacks", "Croatia acquiring"."""
    i = pos - 1
    while i >= 0 and doc.text[i] in " \t":
        i -= 1
    m = doc.mention_at(i, i + 1)
    return m is not None and m.end == i + 1 and _actor(doc, m)


def _form(doc: _Doc, classes: str, t0: int, t1: int, clause: _Clause) -> str | None:
    """How the trigger is used: ``noun``, ``verb`` or ``passive``; None when it reports no
    event of its own (an adjectival participle, a gerund after a preposition, a verb-only
    trigger used as a noun)."""
    text, lo = doc.text, clause.start
    before = doc.words_before(lo, t0, 6)
    prev = before[-1] if before else ""
    if classes == "v":
        i = len(before) - 1
        while i >= 0 and (before[i] in _ADVERBS or before[i].endswith("ly")):
            i -= 1
        word = before[i] if i >= 0 else ""
        if word in _BE:
            return "passive"
        if word in _DETERMINERS or word.endswith(("’s", "'s")):
            return None  # "the increased troop presence": an adjective
        if re.match(r"\s+by\s", text[t1:t1 + 5]) and word and word not in _HAVE \
                and word not in _MODALS and not _mention_ends_at(doc, t0):
            return "passive"  # "an agreement signed by Albania"
        return "verb"
    if classes in ("g", "gn"):
        if prev in _BE:
            return "verb"
        if clause.opener == ",-ing" and not text[lo:t0].strip():
            return "verb"
        if _char_before(text, lo, t0) == "," or prev in ("and", "while", "when", "after",
                                                         "before") or _mention_ends_at(doc, t0):
            if classes == "gn" and (prev in _DETERMINERS or prev.endswith(("’s", "'s"))):
                return "noun"
            return "verb"
        if classes == "gn" or prev.endswith(("’s", "'s", "s’")):
            return "noun"  # "the shooting", "the US's cutting support"
        return None
    if classes == "n":
        return "noun"
    i = len(before) - 1
    while i > 0 and (before[i] in _ADVERBS or before[i].endswith("ly")):
        i -= 1  # "will likely visit"
    if prev in _VERB_BEFORE or prev in _MODALS or (before and before[i] in _MODALS):
        return "verb"
    if _mention_ends_at(doc, t0) and re.match(r"\s+(?:the|a|an|its|his|her|their|him|them|it|"
                                              r"\d|(?-i:[A-Z]))", text[t1:t1 + 6], re.IGNORECASE):
        return "verb"  # "Serbia attacks Kosovo" (but "the Zvečan clashes; NATO ...")
    if classes == "b":
        # a verb-only rule whose word stands as a noun ("at the request of") reports nothing
        return None if prev in _DETERMINERS or prev in _PREPOSITIONS else "verb"
    return "noun"


def _verb_modality(doc: _Doc, t0: int, clause: _Clause) -> str | None:
    """Modality of a verb trigger, or None when it reports no event of its own."""
    text = doc.text
    before = doc.words_before(clause.start, t0, 6)
    if before[-1:] == ["to"] or before[-2:] == ["to", "be"]:
        i = len(before) - (2 if before[-1] == "to" else 3)
        while i >= 0 and before[i] in _ADVERBS:
            i -= 1
        return _PLANNING.get(before[i] if i >= 0 else "")
    modality = "happened"
    for i in range(len(before) - 1, max(-1, len(before) - 5), -1):
        word = before[i]
        if word in _NEGATIONS or word.endswith("n't"):
            return "denied"
        if word in _MODALS:
            modality = _MODALS[word]
            if modality == "planned" and "likely" in before[i:]:
                modality = "expected"
            break
        if word not in _ADVERBS and word not in _BE and word not in _HAVE \
                and word not in ("did", "does", "do") and not word.endswith("ly"):
            break
    head = text[clause.start:t0]
    if _DENIED_CLAUSE.search(head) or (clause.opener == "that" and _DENIED_BEFORE.search(
            text, max(clause.start - 60, clause.head_end - 60, 0), clause.head_end)):
        return "denied"
    if _HYPOTHETICAL_CLAUSE.search(head):
        return "hypothetical"
    if modality == "happened" and re.search(r"\b(?:usually|regularly|often|always|every)\b",
                                            head, re.IGNORECASE):
        return None  # a habit, not an event
    return modality


def _noun_modality(doc: _Doc, t0: int, t1: int, np_lo: int, clause: _Clause,
                   type_: str) -> str:
    text = doc.text
    left = text[np_lo:t0]
    if type_ == "ASSAULT":
        left = re.sub(r"(?i)\bplanned\b", "", left)  # "a planned attack" was premeditated
    before = doc.words_before(clause.start, np_lo, 3)
    if before[-1:] in (["no"], ["without"]):
        return "denied"
    near = text[max(clause.start, np_lo - 120):np_lo]
    if _PREVENTED_NEAR.search(near):
        return "denied"
    if _NOUN_PLANNED_AFTER.match(text, t1) or _NOUN_PLANNED_BEFORE.search(left):
        return "planned"
    if _NOUN_EXPECTED_AFTER.match(text, t1):
        return "expected"
    if _NOUN_HYPOTHETICAL_BEFORE.search(left) or _HYPOTHETICAL_NEAR.search(near):
        return "hypothetical"
    if _HYPOTHETICAL_CLAUSE.search(text[clause.start:np_lo]):
        return "hypothetical"
    for word in reversed(before):
        if word in _MODALS:
            return _MODALS[word]
    return "happened"


# --------------------------------------------------------------------------------------------
# Reading one trigger


def _left_np(doc: _Doc, lo: int, t0: int) -> int:
    """Where an event noun's pre-modifiers begin ("NATO Secretary General Mark Rutte’s visit")."""
    text = doc.text
    start = t0
    words = list(_WORD.finditer(text, max(lo, t0 - 90), t0))
    for w in reversed(words[-8:]):
        word = w.group().lower()
        gap = text[w.end():start].strip()
        if gap and not gap.startswith(("’", "'")):
            break  # punctuation ends the phrase
        if word in _DETERMINERS or word in _PREPOSITIONS or word in _BE or word in _HAVE \
                or word in _MODALS or word in ("and", "or", "but", "said", "says", "told") \
                or word in _IRREGULAR or (word.endswith(("ed", "ing")) and w.group().islower()):
            break  # a verb ("Serbia condemned attacks") is not a modifier
        start = w.start()
    return start


def _right_np(doc: _Doc, t1: int, hi: int) -> int:
    """Where an event noun's prepositional phrases end (at a verb, a clause word, a comma)."""
    end = min(hi, t1 + _NP_REACH)
    for m in _NP_STOP.finditer(doc.text, t1, end):
        if doc.mention_at(m.start(), m.end()) is None:
            return m.start()
    return end


def _noun_actors(doc: _Doc, d: _Draft) -> None:
    """Actors and place from an event noun's own phrase: "Rutte's visit to Sarajevo", "the
    attack against KFOR troops in Zvečan", "visits by NATO officials", "the Banjska attack"."""
    text = doc.text
    np_lo, np_hi = d.np
    roles = _TYPE_TARGETS_NOUN.get(d.rule.type, {})
    for m in doc.mentions_in(np_lo, d.t0):
        if not _actor(doc, m):
            continue
        if m.type == "place" and not _possessive(text, m):
            d.np_place = d.np_place or m
        elif not d.sources:
            d.sources = _coordinated(doc, m, np_lo, d.t0)
    for m in doc.mentions_in(d.t1, np_hi):
        if not _actor(doc, m) or any(m is x for x in d.sources + d.targets):
            continue
        gov = _governor(doc, d.t1, m.start)
        role = "source" if gov == "by" else roles.get(gov or "")
        if d.rule.mode == "visit" and gov == "to":
            if m.type == "place":
                d.np_place = d.np_place or m
            d.targets = d.targets or _coordinated(doc, m, d.t1, np_hi)
        elif role == "source" and not d.sources:
            d.sources = _coordinated(doc, m, d.t1, np_hi)
        elif role == "target" and not d.targets and not (
                m.type == "place" and gov in ("on", "of") and doc.kind(m) not in ("country",
                                                                                    "entity")):
            d.targets = _coordinated(doc, m, d.t1, np_hi)
        elif m.type == "place" and gov in _LOCATIVE | {"against"}:
            d.np_place = d.np_place or m
    d.place = d.np_place


def _clause_place(doc: _Doc, d: _Draft, used: set[int]) -> Mention | None:
    """A place named in the clause: near after the trigger ("met with leaders in Sarajevo") or
    fronted ("In Zvečan, protesters ..."); for statements and laws only fronted (where a law
    applies or what a statement is about is not where it was made)."""
    text = doc.text
    lo, hi = d.clause.start, d.clause.end
    near_from = d.after_end or d.t1
    cands = []
    for m in doc.mentions_in(lo, hi):
        if m.type != "place" or id(m) in used or not _actor(doc, m):
            continue
        gov = _governor_near(doc, lo, m.start)
        if gov not in _LOCATIVE or gov == "of":
            continue
        fronted = m.start < d.t0 and re.match(r"\s*(?:(?:speaking|reporting)\s+)?(?:in|at)\s*$",
                                               text[lo:m.start], re.IGNORECASE)
        near = near_from <= m.start <= near_from + 80 and not _LATER_PREDICATE.search(
            text, near_from, m.start)
        if fronted or (near and d.type not in _FRONTED_PLACE):
            cands.append(m)
    if not cands:
        return None
    return min(cands, key=lambda m: (_PLACE_RANK.get(doc.kind(m) or "", 8), abs(m.start - d.t0)))


def _build(doc: _Doc, rule: _Rule, classes: str, t0: int, t1: int, clause: _Clause,
           s: Sentence, after_end: int | None, drafts: list[_Draft],
           prev_persons: list[Mention]) -> _Draft | None:
    text = doc.text
    form = _form(doc, classes, t0, t1, clause)
    if form is None:
        return None
    d = _Draft(rule, t0, t1, clause, s, form == "noun", "happened", after_end, mode=rule.mode,
               type=rule.type)
    if d.noun:
        d.np = (_left_np(doc, clause.start, t0), _right_np(doc, t1, clause.end))
        d.modality = _noun_modality(doc, t0, t1, d.np[0], clause, rule.type)
        _noun_actors(doc, d)
        light = _SOURCE_LIGHT.get(rule.type)
        lead = text[max(clause.start, d.np[0] - 60):d.np[0]]
        if not d.sources and light and re.search(light + r"$", lead, re.IGNORECASE):
            d.sources = _subject(doc, clause.body, d.np[0], with_opener=clause.opener == "with")
        if not d.sources and re.search(r"\b(?:his|her)\s+$", lead, re.IGNORECASE):
            d.sources = _possessor(doc, d)
        return d
    modality = _verb_modality(doc, t0, clause)
    if modality is None:
        return None
    d.modality = modality
    subject = _subject(doc, clause.body, t0, with_opener=clause.opener == "with")
    last = drafts[-1] if drafts else None
    if last is not None and not last.noun and last.clause.start == clause.start and re.search(
            r"\band\s+(?:[\w’'-]+\s+){0,2}$", text[last.t1:t0]) and last.sources:
        subject = [] if form == "passive" else last.sources  # "sentenced X ... and banned him"
        d.conjoined = last
    if form == "passive":
        if re.match(r"\s+by\s", text[t1:t1 + 5]):
            d.sources = _object(doc, t1, clause.end, frozenset({"by"}))
        d.targets = subject if rule.targets else []
    else:
        d.sources = subject
        if rule.targets:
            d.targets = _object(doc, t1, clause.end, rule.targets)
            if not d.targets and after_end is not None:
                # "announced plans to host a NATO base": the partner after the phrase
                d.targets = _object(doc, after_end, clause.end, rule.targets)
            if re.match(r"\s+(?:him|her)\b", text[t1:t1 + 6], re.IGNORECASE) \
                    and drafts and drafts[-1].targets:
                # "sentenced Dodik ... and banned him": the pronoun is the last target
                d.targets = []
                d.target_ids = [entity_id(m) for m in drafts[-1].targets if m.type == "person"]
    if not d.sources:
        d.sources = _inherited_subject(doc, d, drafts, prev_persons)
    if rule.mode == "visit":
        d.place = next((m for m in d.targets if m.type == "place"), None)
    return d


def _inherited_subject(doc: _Doc, d: _Draft, drafts: list[_Draft],
                       prev_persons: list[Mention]) -> list[Mention]:
    """A subject the clause leaves out: a participle's ("..., urging them"), a label's
    ("Boris Ruge (August 2024): Met with ..."), a relative pronoun's, a personal pronoun's."""
    text = doc.text
    s, clause = d.sentence, d.clause
    if clause.opener in (",-ing", "and"):
        if drafts and drafts[-1].sources:
            return drafts[-1].sources
        return _subject(doc, max(s.start, clause.head_end - _CLAUSE_REACH), clause.head_end)
    if clause.opener == ":" and clause.head_end - s.start < 120 \
            and len(text[s.start:clause.head_end].split()) <= 12:
        return _subject(doc, s.start, clause.head_end)
    if clause.opener == "who":
        before = [x for x in doc.mentions_in(max(s.start, clause.start - 40), clause.start)
                  if _actor(doc, x)]
        return before[-1:]
    first = doc.words_before(clause.body, d.t0, 12)[:1]
    near = doc.words_before(clause.body, d.t0, 2)
    pronoun = next((w for w in first + near if w in ("he", "she", "it", "they")), None)
    if pronoun is None:
        return []
    if clause.opener == "said":
        speaker = _subject(doc, max(s.start, clause.head_end - _CLAUSE_REACH), clause.head_end)
        if speaker:
            return speaker  # "KFOR said it had increased ..."
    people = {m.kb_id or m.key or m.text for m in prev_persons}
    if pronoun in _PERSONAL and len(people) == 1:
        return prev_persons[:1]  # "He engaged with ..." after a sentence naming one person
    return []


_INCIDENTS = frozenset({"ASSAULT", "PROTEST", "MOBILIZE", "COERCE"})


def _subject_place(doc: _Doc, d: _Draft) -> Mention | None:
    """The place an incident noun's clause goes on to name, when the noun is new to the text:
    "An explosion late on Friday damaged the Ibar-Lepenac canal in the village of Varage"."""
    text = doc.text
    hi = min(d.clause.end, d.np[1] + 160)
    cands = []
    for m in doc.mentions_in(d.np[1], hi):
        if m.type != "place" or not _actor(doc, m):
            continue
        if len(_WORD.findall(text, d.np[1], m.start)) > 15:
            break
        gov = _governor_near(doc, d.np[1], m.start)
        if gov is None or gov in _LOCATIVE:
            cands.append(m)
    if not cands:
        return None
    return min(cands, key=lambda m: (_PLACE_RANK.get(doc.kind(m) or "", 8), m.start))


def _possessor(doc: _Doc, d: _Draft) -> list[Mention]:
    """"In his meeting with Rutte, Kurti raised ...": the person the sentence goes on with."""
    text = doc.text
    comma = text.find(",", d.t1, d.sentence.end)
    if comma < 0 or comma - d.t1 > 80:
        return []
    for m in doc.mentions_in(comma, min(d.sentence.end, comma + 60)):
        if _actor(doc, m) and m.type == "person" and _governor_near(doc, comma, m.start) is None:
            return [m]
    return []


def _one_pass(cues: tuple[tuple[str, re.Pattern[str]], ...]) -> re.Pattern[str]:
    """All cues in one pattern with a named group each (the patterns start with ``\\b``)."""
    return _rx(r"\b(?:" + "|".join(f"(?P<{name.replace('-', '_')}>"
                                   f"{cue.pattern.removeprefix(chr(92) + 'b')})"
                                   for name, cue in cues) + ")")


def _first_cue(cues: tuple[tuple[str, re.Pattern[str]], ...], pattern: re.Pattern[str],
               text: str) -> str | None:
    """The cue of highest priority found in ``text``, in one pass over it."""
    found = {m.lastgroup for m in pattern.finditer(text)}
    return next((name for name, _ in cues if name.replace("-", "_") in found), None)


_ASSAULT_MODE_CUE = _one_pass(_ASSAULT_MODE_CUES)
_THREAT_MODE_CUE = _one_pass(_THREAT_MODE_CUES)
_CONTEXT_CUE = _one_pass(_CONTEXT_CUES)


def _adjust(doc: _Doc, d: _Draft) -> None:
    """Mode and type details read from the clause."""
    text = doc.text
    lo, hi = d.clause.start, d.clause.end
    window = text[d.np[0]:d.np[1]] if d.noun else text[d.t0:hi]
    if d.type == "ASSAULT" and d.mode is None:
        d.mode = _first_cue(_ASSAULT_MODE_CUES, _ASSAULT_MODE_CUE, window) \
            or _first_cue(_ASSAULT_MODE_CUES, _ASSAULT_MODE_CUE, text[lo:hi])
    elif d.type == "CONSULT" and d.mode is None:
        if _THIRD_PARTY.search(text[lo:hi]):
            d.mode = "third-party"
        elif d.noun and (any(m.type == "organization" for m in d.sources if m.start < d.t0)
                         or _MULTILATERAL_WORDS.search(text[d.np[0]:d.t0])):
            d.mode = "multilateral"  # "the NATO Defence Ministers' meeting"
    elif d.type == "MOBILIZE" and _POLICE.search(text[d.t0:min(hi, d.t1 + 60)]):
        d.mode = "police"
    elif d.type == "THREATEN":
        d.mode = _first_cue(_THREAT_MODE_CUES, _THREAT_MODE_CUE, text[d.t1:hi])
    if d.type == "SUPPORT" and d.modality in ("planned", "expected"):
        d.type = "AGREE"  # PLOVER: a promise to sign is AGREE


def _context(doc: _Doc, d: _Draft) -> str | None:
    """The rule's context, else the first cue (by priority) in the clause, then the sentence;
    names are blanked first ("Rule of Law Mission" is no legislation) and peacekeeping missions
    are recognised by name."""
    if d.rule.context:
        return d.rule.context
    around = (max(d.sentence.start, d.t0 - _CLAUSE_REACH), min(d.sentence.end,
                                                                d.t1 + _CLAUSE_REACH))
    for lo, hi in ((d.clause.start, d.clause.end), around):
        found = {m.lastgroup for m in _CONTEXT_CUE.finditer(doc.masked(lo, hi))}
        if any(_PEACEKEEPERS.match(m.text) for m in doc.mentions_in(lo, hi)):
            found.add("peacekeeping")
        if found:
            return next(name for name, _ in _CONTEXT_CUES if name in found)
    return None


def _claimed(claimed: list[tuple[int, int]], t: TimeExpr, d: _Draft) -> bool:
    """Whether another event noun's phrase (not one holding this trigger) holds the time."""
    i = bisect.bisect_right(claimed, (t.start, 1 << 62))
    for a, b in claimed[max(0, i - 3):i]:
        if a <= t.start and t.end <= b and not a <= d.t0 < b:
            return True
    return False


def _time(doc: _Doc, d: _Draft, claimed: list[tuple[int, int]]) -> TimeExpr | None:
    """The time of the event: the noun's own ("the attack ... in May 2023"), else the nearest
    in the clause before the trigger or right after it ("suspended the laws on 7 March"), else
    one in an earlier clause of the sentence. A time that belongs to another event noun or to
    another noun ("the elections of 9 February") is not taken."""
    text, s = doc.text, d.sentence
    cands = [t for t in doc.times_in(max(s.start, d.t0 - 2 * _CLAUSE_REACH),
                                     min(s.end, d.t1 + _CLAUSE_REACH))
             if t.kind not in ("duration", "set") and not doc.in_quote(t.start)]
    if d.noun:
        own = [t for t in cands if d.np[0] <= t.start and t.end <= d.np[1]]
        if own:
            return min(own, key=lambda t: abs(t.start - d.t1))
    free = [t for t in cands if not _claimed(claimed, t, d)
            and not re.search(r"\bof\s+(?:the\s+)?$", text[max(s.start, t.start - 8):t.start])]
    end = max(d.t1, d.np[1] if d.noun else d.t1, d.after_end or d.t1)
    head = d.np[0] if d.noun else d.t0
    before = [t for t in free if d.clause.start <= t.start and t.end <= head
              and _time_before(text, d, t, head)]
    after = [t for t in free if end <= t.start and t.end <= d.clause.end
             and not _LATER_PREDICATE.search(text, end, t.start)
             and len(_WORD.findall(text, end, t.start)) <= 8]
    if after or before:
        return min(after + before, key=lambda t: (max(t.start - d.t1, d.t0 - t.end, 0),
                                                  t.start < d.t0))
    if d.clause.opener not in _SAME_TIME_OPENERS:
        return None
    earlier = [t for t in free if d.sentence.start <= t.start and t.end <= d.clause.start]
    return earlier[-1] if earlier else None


_LATER_PREDICATE = _rx(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|said|"
                       r"says|told|spoke|met|went|came|made|held|took|gave|sent|led|began)\b|"
                       r"\b(?!(?:scheduled|planned|slated|expected|set)\b)[a-z]+ed\b|[;:]")
_FRONTED_TIME = _rx(r"[\W]*(?:[\w’'-]+ly,?\s+|(?:[\w’'-]+\s+){0,3}[\w’'-]+,\s+)?"
                    r"(?:(?:in|on|at|during|by|early|late|last|this|that)\s+)*")
"""What may stand before a time that opens its clause and so dates all of it ("Subsequently,
in May 2023, violent protests ... resulted in violent clashes")."""
_SAME_TIME_OPENERS = frozenset({",-ing", "and", "with", "when", "while", "whilst", "where",
                                ":"})
"""Clauses that share the time of the clause before them ("killed on Sunday when gunmen
attacked"); "after", "before", "said that" ... do not."""


def _time_before(text: str, d: _Draft, t: TimeExpr, head: int) -> bool:
    """Whether a time before the trigger dates it: it opens the clause ("In May 2023, violent
    protests"), or stands right before it ("the Court, on 26 February, sentenced"; "the Court on
    Friday suspended"), with no other predicate or phrase in between."""
    if _FRONTED_TIME.fullmatch(text, d.clause.body, t.start):
        return True
    between = text[t.end:head]
    if _LATER_PREDICATE.search(between):
        return False
    if "," not in between:
        return True
    parenthetical = re.search(r",\s*(?:(?:on|in|at|during|early|late)\s+)*$",
                              text[max(d.clause.start, t.start - 20):t.start])
    return between.strip() == "," and parenthetical is not None


def _dated(doc: _Doc, t: TimeExpr | None, d: _Draft) -> bool:
    """A time that anchors an event noun: its own, or fronted in its clause ("In May 2023,
    violent protests"), and a date, not "in recent years"."""
    if t is None or not (d.clause.start <= t.start and t.end <= d.np[1]):
        return False
    if t.end <= d.np[0] and not _time_before(doc.text, d, t, d.np[0]):
        return False
    return t.kind != "relative" or t.precision in ("day", "month", "year")


# --------------------------------------------------------------------------------------------
# Sentences and the article


def _drafts(doc: _Doc, s: Sentence, prev_persons: list[Mention]) -> list[_Draft]:
    text = doc.text
    breaks = _breaks(text, s)
    ends = [b for _, b, _ in breaks]
    drafts: list[_Draft] = []
    for match in _TRIGGER.finditer(text, s.start, s.end):
        t0, t1 = match.span()
        if doc.in_quote(t0) or doc.mention_at(t0, t1) is not None:
            continue
        surface = " ".join(match.group().lower().split())
        clause = _clause(text, breaks, ends, s, t0, t1)
        for rule, classes in _BY_SURFACE.get(surface, ()):
            after_end = None
            if rule.after is not None:
                hit = rule.after.match(text, t1, clause.end)
                if not hit:
                    continue
                after_end = hit.end()
            if rule.before is not None and not rule.before.search(text, max(s.start, t0 - 160),
                                                                  t0):
                continue
            if rule.not_after is not None and rule.not_after.match(text, t1, clause.end):
                continue
            if rule.not_before is not None and rule.not_before.search(text,
                                                                      max(s.start, t0 - 60), t0):
                continue
            draft = _build(doc, rule, classes, t0, t1, clause, s, after_end, drafts, prev_persons)
            if draft is not None:
                drafts.append(draft)
            break  # the first rule whose conditions hold decides
    return drafts


_EVIDENCE_REACH = 1000
"""A sentence longer than this is no citation unit (a page scraped onto one line): the clause
is cited instead."""


@dataclass
class _Seen:
    """What the article has reported so far, for back-references ("Rutte's visit", again)."""

    places: dict[tuple[str, str | None, frozenset[str]], set[str | None]] = field(
        default_factory=dict)

    def add(self, event: Event) -> None:
        key = (event.type, event.mode, frozenset(a for r, a in event.actors if r == "source"))
        self.places.setdefault(key, set()).add(event.place)

    def back_reference(self, d: _Draft, actors: tuple[tuple[str, str], ...],
                       time: TimeExpr | None) -> bool:
        """A noun mention of an event already reported, adding no place or time of its own."""
        sources = frozenset(a for r, a in actors if r == "source")
        places = self.places.get((d.type, d.mode, sources))
        if not sources or time is not None or places is None:
            return False
        return d.np_place is None or entity_id(d.np_place) in places


def _sentence_events(doc: _Doc, s: Sentence, prev_persons: list[Mention],
                     seen: _Seen) -> list[Event]:
    text = doc.text
    drafts = _drafts(doc, s, prev_persons)
    claimed = sorted(d.np for d in drafts if d.noun)
    out: list[Event] = []
    keys: set[tuple[object, ...]] = set()
    times: dict[int, TimeExpr | None] = {}
    for d in drafts:
        time = _time(doc, d, claimed)
        if time is None and d.conjoined is not None:
            time = times.get(id(d.conjoined))
        times[id(d)] = time
        source_ids = _ids(d.sources)
        target_ids = [t for t in dict.fromkeys(_ids(d.targets) + d.target_ids)
                      if t not in source_ids]
        has_actor = bool(source_ids or target_ids)
        if d.noun and d.np_place is None and d.type in _INCIDENTS and re.search(
                r"(?i)(?:^|\b(?:an?|new|another)\s+)$", text[max(d.clause.body, d.np[0] - 12):
                                                               d.np[0]]):
            d.np_place = d.place = _subject_place(doc, d)  # "An explosion damaged the canal"
        if d.noun and not (has_actor or d.np_place is not None or _dated(doc, time, d)):
            continue  # a generic or anaphoric noun: "this visit", "a full-scale war"
        if not has_actor and (d.modality != "happened" or d.type in _NEEDS_ACTOR):
            continue  # a statement about what might be, or nobody's statement
        _adjust(doc, d)
        if d.place is None:
            d.place = _clause_place(doc, d, {id(m) for m in d.sources + d.targets})
        if d.noun and d.modality == "happened" and time is not None and doc.anchor \
                and time.earliest and time.earliest > doc.anchor:
            d.modality = "planned"  # an event noun dated after the article
        actors = tuple([("source", i) for i in source_ids] + [("target", i) for i in target_ids])
        if d.noun and seen.back_reference(d, actors, time):
            continue
        place = entity_id(d.place) if d.place is not None else None
        key = (d.type, d.mode, actors, place)
        if d.noun and key in keys:
            continue  # "protests ... the protesters": one event
        keys.add(key)
        start, end = (s.start, s.end) if s.end - s.start <= _EVIDENCE_REACH \
            else (d.clause.start, d.clause.end)
        event = Event(start=start, end=end, text=text[start:end], type=d.type, mode=d.mode,
                      modality=d.modality, trigger=text[d.t0:d.t1], trigger_start=d.t0,
                      trigger_end=d.t1, actors=actors, place=place, time=time,
                      context=_context(doc, d))
        out.append(event)
        seen.add(event)
    return out


def _ids(mentions: list[Mention]) -> list[str]:
    return list(dict.fromkeys(entity_id(m) for m in mentions))


def _is_heading(sentence: str) -> bool:
    """A short line without a closing stop whose words are capitalised: a section heading."""
    stripped = sentence.strip()
    if not stripped or "\n" in stripped or stripped[-1] in ".!?\"”’:;,)":
        return False
    words = stripped.split()
    if len(words) > 10:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= max(1, len([w for w in words if len(w) > 3]) - 1)


def extract_events(text: str, mentions: list[Mention], times: list[TimeExpr],
                   anchor: dt.date | None, *, kb: KnowledgeBase | None = None) -> list[Event]:
    """Events reported in ``text``, in text order.

    ``mentions`` are the entity extractor's mentions of this text, ``times`` its time
    expressions, ``anchor`` the article's publication date (None when unknown). ``kb`` is
    optional: with it, the most specific of several places wins (a village over its country).
    """
    doc = _Doc(text, mentions, times, anchor, kb)
    events: list[Event] = []
    seen = _Seen()
    prev_persons: list[Mention] = []
    for s in split_sentences(text):
        if _is_heading(text[s.start:s.end]):
            continue
        events.extend(_sentence_events(doc, s, prev_persons, seen))
        prev_persons = [m for m in doc.mentions_in(s.start, s.end)
                        if m.type == "person" and not doc.in_quote(m.start)]
    return events
