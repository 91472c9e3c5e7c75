"""Turn NLI relations and stances into ranked conflicts (contradiction, opposition) and agreements."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .pairs import comparable
from .schema import Conflict, Relation, Statement


@dataclass(frozen=True)
class Thresholds:
    """Cut-offs for keeping a pair; scores themselves stay continuous in [0, 1]."""

    contradiction: float = 0.5
    opposition: float = 0.25
    agreement: float = 0.6
    stance: float = 0.15


def contradiction_score(r: Relation) -> float:
    """How strongly two statements cannot both hold: contradiction probability, both directions blended."""
    hi = r.contradiction
    lo = min(r.ab.get("contradiction", 0.0), r.ba.get("contradiction", 0.0))
    return 0.75 * hi + 0.25 * lo


def agreement_score(r: Relation) -> float:
    """How strongly one statement supports the other, discounted by any contradiction."""
    return max(0.0, r.entailment - r.contradiction)


def find_conflicts(statements: Sequence[Statement], relations: Sequence[Relation],
                   stances: dict[tuple[str, str], float], th: Thresholds = Thresholds(),
                   per_statement: int = 5) -> tuple[list[Conflict], list[Conflict]]:
    """Conflicts and agreements, each ranked by score (best first), one entry per statement pair.

    Each statement keeps at most `per_statement` oppositions and stance agreements (its strongest), so
    a widely discussed target does not turn every pair of its statements into an entry.
    """
    by_id = {s.id: s for s in statements}
    best: dict[tuple[str, str], Conflict] = {}
    agree: dict[tuple[str, str], Conflict] = {}

    def keep(store: dict, c: Conflict) -> None:
        key = (min(c.a, c.b), max(c.a, c.b))
        if key not in store or store[key].score < c.score:
            store[key] = c

    for r in relations:
        ev = {"nli_ab": _round(r.ab), "nli_ba": _round(r.ba), "similarity": r.similarity}
        c = contradiction_score(r)
        if c >= th.contradiction:
            keep(best, Conflict(r.a, r.b, "contradiction", c, r.topic, ev))
        g = agreement_score(r)
        if g >= th.agreement:
            keep(agree, Conflict(r.a, r.b, "agreement", g, r.topic, ev))

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
                strength = math.sqrt(abs(va) * abs(vb))
                ev = {"target": target, "stance_a": round(va, 3), "stance_b": round(vb, 3)}
                if va * vb < 0 and strength >= th.opposition:
                    keep(best, Conflict(ia, ib, "opposition", strength, target, ev))
                elif va * vb > 0 and strength >= th.agreement:
                    keep(agree, Conflict(ia, ib, "agreement", strength, target, ev))

    return _ranked(best.values(), per_statement), _ranked(agree.values(), per_statement)


def _ranked(items, per_statement: int) -> list[Conflict]:
    """Best first; stance-based entries beyond `per_statement` for either statement are dropped."""
    used: dict[str, int] = {}
    out = []
    for c in sorted(items, key=lambda c: (-c.score, c.a, c.b)):
        if "target" in c.evidence and (used.get(c.a, 0) >= per_statement or used.get(c.b, 0) >= per_statement):
            continue
        if "target" in c.evidence:
            used[c.a] = used.get(c.a, 0) + 1
            used[c.b] = used.get(c.b, 0) + 1
        out.append(c)
    return out


def _round(d: dict[str, float]) -> dict[str, float]:
    return {k: round(float(v), 4) for k, v in d.items()}
