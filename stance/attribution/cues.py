"""Cue lexicon: reporting verbs, phrasal cues and stance expressions, each with a kind, a polarity and a frame.

The frame tells `stance.claims` how a reader turns "X <cue> <content>" into a claim ("refused to" -> "X will not").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Token


@dataclass(frozen=True)
class CueSpec:
    """One cue word or phrase: statement kind, polarity (-1 negates the content) and claim frame."""

    lemma: str
    kind: str = "indirect"
    polarity: int = 1
    frame: str = "say"
    addressee: bool = False
    needs_marker: bool = False


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a parsed doc: token range [start, end), its main verb, and how it is used."""

    start: int
    end: int
    head: int
    spec: CueSpec
    negated: bool = False
    passive_quote: bool = False
    quoted_as: bool = False
    according: bool = False


SAY = ("say add note state declare announce explain claim insist stress emphasize emphasise underline underscore "
       "argue contend maintain assert affirm reaffirm reiterate repeat confirm suggest hint predict forecast estimate "
       "report write tweet reply respond remark comment observe recall reveal disclose acknowledge admit concede "
       "allege complain conclude counter retort protest testify believe think expect hope fear worry caution signal "
       "indicate mention propose charge contend lament boast quip joke vow pledge promise threaten agree "
       "tell inform assure brief remind notify warn urge demand request advise recommend order")
FRAMES = {
    "vow": "commit", "pledge": "commit", "promise": "commit", "threaten": "commit", "agree": "commit",
    "hope": "commit", "warn": "warn", "caution": "warn", "urge": "direct", "demand": "direct",
    "request": "direct", "advise": "direct", "recommend": "direct", "order": "direct",
}
ADDRESSEE = {"tell", "inform", "assure", "brief", "remind", "notify"}
NEGATIVE = {"deny": "indirect", "refute": "indirect", "dispute": "indirect", "rebut": "indirect",
            "reject": "reported_stance", "dismiss": "reported_stance", "rebuff": "reported_stance",
            "refuse": "reported_stance", "decline": "reported_stance"}
NEGATIVE_FRAMES = {"refuse": "commit", "decline": "commit"}
STANCE = {
    "portray": "portray", "depict": "portray", "characterize": "portray", "characterise": "portray",
    "describe": "portray", "brand": "portray",
    "support": "support", "back": "support", "endorse": "support", "welcome": "support", "praise": "support",
    "favor": "support", "favour": "support", "defend": "support", "hail": "support", "applaud": "support",
    "oppose": "oppose", "criticize": "oppose", "criticise": "oppose", "condemn": "oppose", "denounce": "oppose",
    "decry": "oppose", "slam": "oppose", "blast": "oppose", "accuse": "accuse", "blame": "accuse",
}
PHRASAL = {
    ("point", "out"): CueSpec("point out"), ("make", "clear"): CueSpec("make clear"),
    ("rule", "out"): CueSpec("rule out", "indirect", -1, "deny"),
    ("call", "for"): CueSpec("call for", "reported_stance", 1, "call"),
    ("push", "for"): CueSpec("push for", "reported_stance", 1, "call"),
    ("press", "for"): CueSpec("press for", "reported_stance", 1, "call"),
    ("call", "on"): CueSpec("call on", "indirect", 1, "direct"),
    ("speak", "out"): CueSpec("speak out"),
    ("warn", "of"): CueSpec("warn of", "indirect", 1, "warn"),
    ("warn", "against"): CueSpec("warn against", "indirect", 1, "warn"),
}
AMBIGUOUS = set("""
maintain add note state report signal indicate charge order counter repeat recall mention estimate forecast observe
conclude comment agree answer respond reply hope fear worry expect think believe write predict
""".split())
LIGHT_VERBS = "show express voice signal register convey"
STANCE_NOUNS = {
    "sympathy": "sympathy", "support": "support", "solidarity": "support", "understanding": "support",
    "approval": "support", "confidence": "support", "optimism": "support", "backing": "support",
    "willingness": "support", "readiness": "support", "openness": "support", "satisfaction": "support",
    "concern": "concern", "concerns": "concern", "worry": "concern", "worries": "concern", "alarm": "concern",
    "fear": "concern", "fears": "concern", "doubt": "concern", "doubts": "concern", "skepticism": "concern",
    "scepticism": "concern", "reservations": "concern", "dismay": "concern", "displeasure": "concern",
    "opposition": "oppose", "disapproval": "oppose", "anger": "oppose", "frustration": "oppose",
    "outrage": "oppose", "disappointment": "oppose", "regret": "oppose",
}
NOUN_PREPS = {"for", "over", "about", "at", "with", "on", "in", "toward", "towards", "to", "regarding"}
IRREGULAR = {
    "say": "said", "tell": "told", "write": "wrote written", "think": "thought", "forecast": "forecast",
    "admit": "admitted admitting", "rebut": "rebutted rebutting", "signal": "signalled signaled signalling",
    "quip": "quipped quipping", "show": "shown", "make": "made", "speak": "spoke spoken",
    "order": "ordered", "counter": "countered", "offer": "offered", "register": "registered",
}
QUOTE_VERBS = "quote cite"
AUX_BE = {"was", "were", "is", "are", "be", "been", "being", "'s", "am"}
NEGATORS = {"not", "n't", "never"}
AUX_WORDS = {"has", "have", "had", "will", "would", "did", "does", "do", "can", "could", "may", "might", "should",
             "must", "shall", "'s", "'ve", "'d", "'ll"}
BLOCK_AFTER = {"whether", "if", "how", "what", "why", "when", "where", "who", "which"}
NO_CUE_CONTENT = {"comment", "elaborate", "specify", "respond", "discuss"}


def inflect(lemma: str) -> set[str]:
    """All simple inflections of an English verb (base, -s, -ed, -ing) plus the irregular forms we know."""
    forms = {lemma}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    elif re.search(r"[^aeiou]y$", lemma):
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.update({lemma + "d", lemma[:-1] + "ing"} if not lemma.endswith("ee") else {lemma + "d", lemma + "ing"})
    elif re.search(r"[^aeiou]y$", lemma):
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
    irregular = IRREGULAR.get(lemma)
    if irregular:
        if lemma in ("say", "tell", "write", "think", "forecast", "make", "speak"):
            forms.discard(lemma + "ed")
            forms.discard(lemma + "d")
        forms.update(irregular.split())
    return forms


def _verb_table() -> dict[str, CueSpec]:
    table: dict[str, CueSpec] = {}
    for lemma in SAY.split():
        spec = CueSpec(lemma, "indirect", 1, FRAMES.get(lemma, "say"), lemma in ADDRESSEE, lemma in AMBIGUOUS)
        table.update({f: spec for f in inflect(lemma)})
    for lemma, kind in NEGATIVE.items():
        spec = CueSpec(lemma, kind, -1, NEGATIVE_FRAMES.get(lemma, "deny"))
        table.update({f: spec for f in inflect(lemma)})
    for lemma, frame in STANCE.items():
        spec = CueSpec(lemma, "reported_stance", 1, frame, needs_marker=lemma in AMBIGUOUS)
        table.update({f: spec for f in inflect(lemma)})
    return table


VERB_CUES: dict[str, CueSpec] = _verb_table()
LIGHT_FORMS: set[str] = {f for v in LIGHT_VERBS.split() for f in inflect(v)}
QUOTE_FORMS: set[str] = {f for v in QUOTE_VERBS.split() for f in inflect(v)}
PHRASAL_FORMS: dict[tuple[str, str], CueSpec] = {
    (f, particle): spec for (verb, particle), spec in PHRASAL.items() for f in inflect(verb)}
ACCORDING = CueSpec("according to", "according_to", 1, "say")
QUOTED_AS = CueSpec("quoted as saying", "indirect", 1, "say")
ALWAYS_VERBS = {"said", "says", "told", "tells", "wrote", "insisted", "argued", "stressed", "warned", "urged",
                "vowed", "claimed", "denied", "confirmed", "added"}


def stance_noun_spec(noun: str) -> CueSpec:
    """The spec of a light-verb stance phrase ("expressed concern", "shown sympathy") from its noun."""
    frame = STANCE_NOUNS[noun]
    return CueSpec(f"express {noun}", "reported_stance", 1, frame)


def cue_spec(cue_text: str) -> CueSpec | None:
    """The lexicon entry behind a cue's surface text ("had earlier denied" -> deny), or None."""
    words = re.findall(r"[a-z']+", cue_text.lower())
    if "according" in words:
        return ACCORDING
    if "as" in words and ("saying" in words or "said" in words):
        return QUOTED_AS
    for a, b in zip(words, words[1:]):
        if (a, b) in PHRASAL_FORMS:
            return PHRASAL_FORMS[(a, b)]
    for w in words:
        if w in STANCE_NOUNS and any(x in LIGHT_FORMS for x in words):
            return stance_noun_spec(w)
    for w in reversed(words):
        if w in VERB_CUES:
            return VERB_CUES[w]
    return None


def is_negated(cue_text: str) -> bool:
    """True when the cue itself carries a negation ("did not deny", "has never said")."""
    return any(w in NEGATORS for w in re.findall(r"[a-z']+", cue_text.lower().replace("n't", " n't")))


def find_cues(tokens: Sequence[Token], in_quote: Sequence[bool], parsed: bool) -> list[CueMatch]:
    """All cues outside quotes in `tokens`, left to right; phrases win over the single words they contain."""
    found: list[CueMatch] = []
    n = len(tokens)
    i = 0
    while i < n:
        match = None if in_quote[i] else _match_at(tokens, i, in_quote, parsed)
        if match:
            found.append(match)
            i = match.end
        else:
            i += 1
    return found


def _is_verbish(tok: Token, parsed: bool) -> bool:
    if tok.lower_ in ALWAYS_VERBS:
        return not (parsed and tok.dep_ == "amod")
    if not tok.tag_.startswith("VB"):
        return False
    return not (parsed and tok.dep_ in ("amod", "compound"))


def _match_at(tokens: Sequence[Token], i: int, in_quote: Sequence[bool], parsed: bool) -> CueMatch | None:
    tok = tokens[i]
    low = tok.lower_
    nxt = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    if low == "according" and nxt == "to":
        return CueMatch(i, i + 2, i, ACCORDING, according=True)
    if low == "as" and nxt in ("saying", "telling"):
        return _quoted_as(tokens, i)
    if low in LIGHT_FORMS and _is_verbish(tok, parsed):
        m = _light_verb(tokens, i, in_quote)
        if m:
            return m
    if (low, nxt) in PHRASAL_FORMS and _is_verbish(tok, parsed):
        return _finish(tokens, i, i + 2, PHRASAL_FORMS[(low, nxt)])
    spec = VERB_CUES.get(low)
    if spec is None or not _is_verbish(tok, parsed):
        return None
    if _is_passive(tokens, i) or (i + 1 < len(tokens) and tokens[i + 1].tag_ == "RP"):
        return None
    if i > 0 and tokens[i - 1].lower_ == "to" and tokens[i].tag_ == "VB":
        return None
    if nxt in BLOCK_AFTER or (nxt == "to" and i + 2 < len(tokens) and tokens[i + 2].lower_ in NO_CUE_CONTENT):
        return None
    return _finish(tokens, i, i + 1, spec)


def _finish(tokens: Sequence[Token], start: int, end: int, spec: CueSpec) -> CueMatch:
    """Extend a cue leftwards over its auxiliaries, adverbs and negation ("has not denied", "has publicly shown")."""
    left = start
    negated = False
    for j in range(start - 1, max(start - 5, -1), -1):
        low = tokens[j].lower_
        if low in NEGATORS:
            negated = True
            left = j
        elif low in AUX_WORDS or (tokens[j].pos_ == "AUX" and tokens[j].tag_ in ("MD", "VBZ", "VBD", "VBP")):
            left = j
        elif tokens[j].pos_ != "ADV" or low in ("however", "also"):
            break
    return CueMatch(left, end, start, spec, negated=negated)


def _is_passive(tokens: Sequence[Token], i: int) -> bool:
    if tokens[i].tag_ != "VBN":
        return False
    j = i - 1
    while j >= 0 and tokens[j].pos_ == "ADV":
        j -= 1
    return j >= 0 and tokens[j].lower_ in AUX_BE


def _light_verb(tokens: Sequence[Token], i: int, in_quote: Sequence[bool]) -> CueMatch | None:
    """ "expressed (deep) concern over", "has publicly shown sympathy for": verb + stance noun (+ preposition)."""
    for j in range(i + 1, min(i + 4, len(tokens))):
        low = tokens[j].lower_
        if low in STANCE_NOUNS and not in_quote[j]:
            end = j + 1
            if end < len(tokens) and tokens[end].lower_ in NOUN_PREPS:
                end += 1
            return _finish(tokens, i, end, stance_noun_spec(low))
        if tokens[j].pos_ not in ("ADJ", "ADV", "DET") or tokens[j].lower_ in ("that", "this"):
            return None
    return None


def _quoted_as(tokens: Sequence[Token], i: int) -> CueMatch | None:
    """ "X quoted/cited Y as saying" (speaker Y, cue "as saying") or passive "Y was quoted as saying"."""
    for j in range(i - 1, max(i - 14, -1), -1):
        if tokens[j].lower_ in QUOTE_FORMS:
            if j == i - 1 and j > 0 and tokens[j - 1].lower_ in AUX_BE:
                return CueMatch(j - 1, i + 2, j, QUOTED_AS, passive_quote=True)
            return CueMatch(i, i + 2, j, QUOTED_AS, quoted_as=True)
        if tokens[j].is_punct and tokens[j].text != ".":
            break
    return None
