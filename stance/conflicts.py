"""Turn NLI relations and stances into ranked conflicts (contradiction, opposition) and agreements."""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .claims import DEMONSTRATIVE, has_verb
from .pairs import comparable
from .schema import Conflict, Relation, Speaker, Statement

# How much a position attributed to this kind of speaker weighs in the ranking: a named person's words
# are firmer evidence of a position than a reporter's "Washington" or "Ankara".
SPECIFICITY = {"person": 1.0, "anonymous": 0.9, "institution": 0.9, "country": 0.8}
NEGATIVE_VERDICT = re.compile(
    r"^\W*(?:this|that|these|those|such|it)\b(?:\s+\w+){0,2}?\s+(?:is|was|are|were|would be|will be|remains)\s+"
    r"(?:(?:not|never|hardly|no)\b|(?:\w+\s+){0,2}(?:false|untrue|wrong|baseless|groundless|unfounded|absurd|"
    r"ridiculous|nonsense|a lie|lies|misleading|inaccurate|incorrect|unrealistic|impossible|fake|fabricated|"
    r"mistaken|out of the question)\b)", re.IGNORECASE)
REBUTTAL_SCORE = 0.85
SPEAKS_FOR_WEIGHT = 0.8
# A speaker is taken to stand for their own side unless the stance model is fairly sure they turn on it.
OWN_SIDE_DOUBT = 0.5
# Each earlier, higher-ranked entry that already shows one of a pair's statements discounts its score by this.
REPEAT_DISCOUNT = 0.9
# An NLI verdict on a claim that still opens with "such talks" / "this" reads it without knowing what it points
# to; only the pairing with the statement it points back to is sure of that.
UNRESOLVED_WEIGHT = 0.7
# "asked whether sanctions would follow" asserts nothing about sanctions: an indirect question is weak evidence.
QUESTION_WEIGHT = 0.5
QUESTION_OPENERS = {"whether", "why", "how"}
# A claim without a finite verb ("The Telegraph.", "the U.S. pressure campaign on Iran", "To drop the plans.") is
# a phrase, not an assertion: the NLI model's verdict on it says little. Untagged claims fall back to a rough test
# on at most `FRAGMENT_WORDS` words.
FRAGMENT_WORDS = 3
FRAGMENT_WEIGHT = 0.5
# "If they impose sanctions, we will retaliate" asserts neither that sanctions come nor that retaliation does; the
# NLI model reads it as if it did. "even if" and "as if" leave the main clause asserted.
CONDITIONAL_WEIGHT = 0.5
CONDITION_WORDS = {"if", "unless"}
NOT_CONDITIONS = {"even", "as"}
# Two claims contradict only when they are about the same thing. Below `RELATED_FULL` cosine similarity of their
# embeddings the NLI verdict counts for less, down to `UNRELATED_WEIGHT` at `RELATED_NONE`: on the BBC politics
# articles, NLI "contradictions" between loosely related claims ("His wife had been fully supportive" against
# "Her husband had committed adultery") were nearly all spurious.
RELATED_NONE = 0.35
RELATED_FULL = 0.6
UNRELATED_WEIGHT = 0.5

# One speaker's own words in two articles: an NLI "contradiction" between them is far more often a misreading than
# a change of position (on BBC politics, none of 15 sampled of 96), so it ranks lower, still listed.
SAME_SPEAKER_WEIGHT = 0.5
FORMER = re.compile(r"\b(former|ex|retired|onetime|one-time)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Thresholds:
    """Cut-offs for keeping a pair; scores themselves stay continuous in [0, 1]."""

    contradiction: float = 0.5
    opposition: float = 0.25
    agreement: float = 0.6
    stance: float = 0.15


def speaks_for(sp: Speaker) -> str | None:
    """The side a speaker speaks for: their own side, unless they hold it no longer ("former diplomat")."""
    if sp.role and FORMER.search(sp.role):
        return None
    return sp.side


def contradiction_score(r: Relation) -> float:
    """How strongly two statements cannot both hold: contradiction probability, both directions blended."""
    hi = r.contradiction
    lo = min(r.ab.get("contradiction", 0.0), r.ba.get("contradiction", 0.0))
    return 0.75 * hi + 0.25 * lo


def agreement_score(r: Relation) -> float:
    """How strongly one statement supports the other, discounted by any contradiction."""
    return max(0.0, r.entailment - r.contradiction)


def relatedness(similarity: float) -> float:
    """Weight of an NLI verdict on two claims with this embedding similarity: 1 when related, less when loosely."""
    share = min(1.0, max(0.0, (similarity - RELATED_NONE) / (RELATED_FULL - RELATED_NONE)))
    return UNRELATED_WEIGHT + (1.0 - UNRELATED_WEIGHT) * share


def rebuttal(a: Statement, b: Statement) -> str | None:
    """How `b` rejects the earlier statement `a` it points back to ("denied this", "this was not realistic")."""
    if b.refers_to != a.id or not comparable(a, b):
        return None
    if b.polarity < 0:
        return "denial"
    if NEGATIVE_VERDICT.match(b.text):
        return "negative verdict"
    return None


def unresolved(s: Statement, other: Statement) -> bool:
    """Whether s's claim still opens with a demonstrative ("such talks", "this") and other is not what it points to."""
    words = (s.claim or s.text).split(maxsplit=1)
    return bool(words) and words[0].lower() in DEMONSTRATIVE and s.refers_to != other.id


def open_question(s: Statement) -> bool:
    """Whether s's content is an indirect question ("whether ...", "why ...") rather than an assertion."""
    words = (s.claim or s.text).split(maxsplit=1)
    return bool(words) and words[0].lower().strip("\"'\u201c") in QUESTION_OPENERS


def conditional(s: Statement) -> bool:
    """Whether the first sentence of s's claim holds only under a condition ("if X, Y", "Y unless X")."""
    first = re.split(r"(?<=[.!?])\s+", (s.claim or s.text).strip(), maxsplit=1)[0]
    words = re.findall(r"[\w']+", first.lower())
    return any(w in CONDITION_WORDS and (i == 0 or words[i - 1] not in NOT_CONDITIONS) for i, w in enumerate(words))


def fragment(s: Statement) -> bool:
    """Whether s's claim is a phrase with no finite verb (`Statement.finite`), not a statement; untagged, whether
    it is a scrap of at most `FRAGMENT_WORDS` words with no verb."""
    if s.finite is not None:
        return not s.finite
    text = s.claim or s.text
    return len(re.findall(r"\w+", text)) <= FRAGMENT_WORDS and not has_verb(text)


def why(c: Conflict) -> str:
    """One line saying what a conflict's score rests on, for reports and notebooks."""
    ev = c.evidence
    repeat = f"; ranked down, its statements shown {ev['shown_before']}x above" if ev.get("shown_before") else ""
    vague = "; ranked down, one side opens with this/such and may mean something else" if ev.get("unresolved") else ""
    asked = "; ranked down, one side is a question, not a claim" if ev.get("question") else ""
    scrap = "; ranked down, one side is a phrase, not a sentence" if ev.get("fragment") else ""
    iffy = "; ranked down, one side holds only under a condition (if/unless)" if ev.get("conditional") else ""
    loose = (f"; ranked down, the two claims are only loosely related (similarity {ev.get('similarity', 0.0):.2f})"
             if ev.get("loosely_related") else "")
    own = "; ranked down, both are one speaker's words" if ev.get("same_speaker") else ""
    return _reason(c) + loose + own + vague + asked + scrap + iffy + repeat


def _reason(c: Conflict) -> str:
    ev = c.evidence
    if "rebuttal" in ev:
        return f"B points back to A and rejects it ({ev['rebuttal']})"
    if "speaks_for" in ev:
        return f"A is against {ev['speaks_for']} ({ev['stance_a']:+.2f}); B speaks for {ev['speaks_for']}"
    if "target" in ev:
        how = "same stance" if c.kind == "agreement" else "opposite stances"
        return f"{how} on {ev['target']}: A {ev['stance_a']:+.2f}, B {ev['stance_b']:+.2f}"
    label = "entailment" if c.kind == "agreement" else "contradiction"
    ab, ba = ev.get("nli_ab", {}), ev.get("nli_ba", {})
    return f"NLI {label}: A→B {ab.get(label, 0.0):.2f}, B→A {ba.get(label, 0.0):.2f}"


def find_conflicts(statements: Sequence[Statement], relations: Sequence[Relation],
                   stances: dict[tuple[str, str], float], th: Thresholds = Thresholds(),
                   per_statement: int = 8, speakers: Sequence[Speaker] = ()) -> tuple[list[Conflict], list[Conflict]]:
    """Conflicts and agreements, each ranked by score (best first), one entry per statement pair (and per pair of
    speakers' words, for stories carried twice).

    Besides NLI contradictions and opposite stances on one target, a statement that points back to
    another ("denied that account", "this was not realistic") and rejects it is a contradiction, and a
    statement against a side opposes that side's own speakers (`speaks_for`), weighted like an NLI verdict
    by how related the two statements are. Scores are weighted by how specific the two speakers are
    (`SPECIFICITY`). Each statement keeps at most `per_statement` stance-based entries (its strongest), so
    a widely discussed target does not swamp the report.
    Opposite stances count only within one article or between a candidate pair (statements about the same
    thing): two remarks about Britain in unrelated stories are not a conflict.
    """
    by_id = {s.id: s for s in statements}
    said = {s.id: _said(s) for s in statements}
    weak = {s.id: (open_question(s), fragment(s), conditional(s)) for s in statements}
    related = {frozenset((r.a, r.b)) for r in relations}
    kind_of = {sp.id: sp.kind for sp in speakers}
    side_of = {sp.id: sp.side for sp in speakers}
    voice_of = {sp.id: speaks_for(sp) for sp in speakers}
    best: dict[tuple[str, str], Conflict] = {}
    agree: dict[tuple[str, str], Conflict] = {}

    def weight(a: str, b: str) -> float:
        return (SPECIFICITY.get(kind_of.get(by_id[a].speaker_id or "", "person"), 1.0)
                * SPECIFICITY.get(kind_of.get(by_id[b].speaker_id or "", "person"), 1.0))

    def keep(store: dict, c: Conflict) -> None:
        c = Conflict(c.a, c.b, c.kind, c.score * weight(c.a, c.b), c.topic, c.evidence)
        key = tuple(sorted((said[c.a], said[c.b])))
        if key not in store or store[key].score < c.score:
            store[key] = c

    for b in statements:
        a = by_id.get(b.refers_to or "")
        how = rebuttal(a, b) if a else None
        if how:
            keep(best, Conflict(a.id, b.id, "contradiction", REBUTTAL_SCORE, None, {"rebuttal": how}))

    for r in relations:
        ev = {"nli_ab": _round(r.ab), "nli_ba": _round(r.ba), "similarity": r.similarity}
        on_topic = sure = relatedness(r.similarity)
        if on_topic < 1.0:
            ev["loosely_related"] = True
        if by_id[r.a].speaker_id and by_id[r.a].speaker_id == by_id[r.b].speaker_id:
            ev["same_speaker"], sure = True, sure * SAME_SPEAKER_WEIGHT
        if unresolved(by_id[r.a], by_id[r.b]) or unresolved(by_id[r.b], by_id[r.a]):
            ev["unresolved"], sure = True, sure * UNRESOLVED_WEIGHT
        for flag, w, seen in zip(("question", "fragment", "conditional"),
                                 (QUESTION_WEIGHT, FRAGMENT_WEIGHT, CONDITIONAL_WEIGHT), zip(weak[r.a], weak[r.b])):
            if any(seen):
                ev[flag], sure = True, sure * w
        c = contradiction_score(r)
        if c >= th.contradiction:
            keep(best, Conflict(r.a, r.b, "contradiction", c * sure, r.topic, ev))
        g = agreement_score(r)
        if g >= th.agreement:
            keep(agree, Conflict(r.a, r.b, "agreement", g * sure, r.topic, ev))
        for x, y in ((r.a, r.b), (r.b, r.a)):
            speaks = voice_of.get(by_id[y].speaker_id or "")
            vx = stances.get((x, speaks), 0.0) if speaks else 0.0
            if (vx <= -th.stance and stances.get((y, speaks), 0.0) > -OWN_SIDE_DOUBT
                    and side_of.get(by_id[x].speaker_id or "") != speaks):
                strength = SPEAKS_FOR_WEIGHT * abs(vx) * on_topic
                if strength >= th.opposition:
                    sf = {"target": speaks, "stance_a": round(vx, 3), "speaks_for": speaks}
                    if on_topic < 1.0:
                        sf.update(similarity=r.similarity, loosely_related=True)
                    keep(best, Conflict(x, y, "opposition", strength, speaks, sf))

    per_target: dict[str, list[tuple[str, float]]] = {}
    for (sid, target), value in stances.items():
        if abs(value) >= th.stance:
            per_target.setdefault(target, []).append((sid, value))
    for target, items in per_target.items():
        items.sort()
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (ia, va), (ib, vb) = items[x], items[y]
                a, b = by_id[ia], by_id[ib]
                if not comparable(a, b) or (a.speaker_id and a.speaker_id == b.speaker_id):
                    continue
                if a.doc_id != b.doc_id and frozenset((ia, ib)) not in related:
                    continue
                strength = math.sqrt(abs(va) * abs(vb))
                ev = {"target": target, "stance_a": round(va, 3), "stance_b": round(vb, 3)}
                if va * vb < 0 and strength >= th.opposition:
                    keep(best, Conflict(ia, ib, "opposition", strength, target, ev))
                elif va * vb > 0 and strength >= th.agreement:
                    keep(agree, Conflict(ia, ib, "agreement", strength, target, ev))

    # "This was not a realistic expectation" repeats what it rejects, so NLI reads entailment: a rebuttal is
    # never also an agreement.
    rejected = {key for key, c in best.items() if "rebuttal" in c.evidence}
    agreements = [c for key, c in agree.items() if key not in rejected]
    return _ranked(best.values(), per_statement), _ranked(agreements, per_statement)


def _said(s: Statement) -> tuple[str, str]:
    """Who said which words: a story carried twice gives the same pair of statements twice, shown once."""
    return s.speaker_id or s.speaker or "", " ".join(re.findall(r"\w+", s.text.lower()))


def _ranked(items, per_statement: int) -> list[Conflict]:
    """Best first, each score discounted by `REPEAT_DISCOUNT` per earlier entry that already showed one of its
    statements, so one much-discussed statement does not fill the top of the report. Stance-based entries
    beyond `per_statement` for either statement are dropped."""
    shown: dict[str, int] = {}
    used: dict[str, int] = {}
    heap = [(-c.score, c.a, c.b, 0, c) for c in items]
    heapq.heapify(heap)
    out = []
    while heap:
        neg, a, b, seen, c = heapq.heappop(heap)
        now = shown.get(a, 0) + shown.get(b, 0)
        if now != seen:
            heapq.heappush(heap, (-c.score * REPEAT_DISCOUNT ** now, a, b, now, c))
            continue
        stance_based = "target" in c.evidence
        if stance_based and (used.get(a, 0) >= per_statement or used.get(b, 0) >= per_statement):
            continue
        if stance_based:
            used[a], used[b] = used.get(a, 0) + 1, used.get(b, 0) + 1
        shown[a], shown[b] = shown.get(a, 0) + 1, shown.get(b, 0) + 1
        out.append(replace(c, score=-neg, evidence={**c.evidence, "shown_before": seen}) if seen else c)
    return out


def _round(d: dict[str, float]) -> dict[str, float]:
    return {k: round(float(v), 4) for k, v in d.items()}
