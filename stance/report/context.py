"""Plain dicts describing a report, built once from an `Analysis` and shared by the renderers."""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis
from ..conflicts import why
from ..schema import Conflict, Speaker, Statement

SCORE_NOTE = ("Scores rank; they are not probabilities. On real cross-outlet news claims (ClaimDiff test, "
              "benchmarks/claimdiff.py) a contradiction score of 0.5 or more was right about 3 times in 10, so read "
              "the evidence before quoting a conflict.")


def report_context(analysis: Analysis) -> dict[str, Any]:
    """Counts, ranked conflicts and agreements, conflicts by topic, and each speaker's statements."""
    speakers = {sp.id: sp for sp in analysis.speaker_list}
    statements = {s.id: s for s in analysis.statement_list}
    doc_order = {d.id: i for i, d in enumerate(analysis.documents)}
    conflicts = [_pair(rank, c, statements, speakers) for rank, c in enumerate(analysis.conflict_list, 1)]
    agreements = [_pair(rank, c, statements, speakers) for rank, c in enumerate(analysis.agreement_list, 1)]
    in_conflicts: dict[str, list[int]] = {}
    for c in conflicts:
        for side in ("a", "b"):
            in_conflicts.setdefault(c[side]["id"], []).append(c["rank"])

    def ordered(items: list[Statement]) -> list[dict[str, Any]]:
        items = sorted(items, key=lambda s: (doc_order.get(s.doc_id, len(doc_order)), s.start, s.end))
        return [_statement(s, speakers) | {"conflicts": in_conflicts.get(s.id, [])} for s in items]

    said: dict[str, list[Statement]] = {}
    unattributed: dict[str, list[Statement]] = {}
    for s in analysis.statement_list:
        if s.speaker_id in speakers:
            said.setdefault(s.speaker_id, []).append(s)
        else:
            unattributed.setdefault(s.speaker or "unknown speaker", []).append(s)
    speaker_views = [_speaker(sp) | {"statements": ordered(said.get(sp.id, []))} for sp in analysis.speaker_list]
    speaker_views.sort(key=lambda v: (-len(v["statements"]), v["name"].lower()))
    return {
        "score_note": SCORE_NOTE,
        "counts": {"documents": len(analysis.documents), "statements": len(analysis.statement_list),
                   "speakers": len(analysis.speaker_list), "conflicts": len(conflicts),
                   "agreements": len(agreements)},
        "documents": [{"id": d.id, "path": analysis.paths.get(d.id, d.source), "title": d.title}
                      for d in analysis.documents],
        "conflicts": conflicts,
        "topics": _by_topic(conflicts),
        "agreements": agreements,
        "speakers": speaker_views,
        "unattributed": [{"name": name, "statements": ordered(items)} for name, items in unattributed.items()],
    }


def _speaker(sp: Speaker) -> dict[str, Any]:
    return {"id": sp.id, "name": sp.name, "role": sp.role, "side": sp.side, "kind": sp.kind,
            "aliases": [a for a in sp.aliases if a != sp.name]}


def _statement(s: Statement, speakers: dict[str, Speaker]) -> dict[str, Any]:
    """One statement with its resolved speaker; `claim` only when it differs from the quoted text."""
    sp = speakers.get(s.speaker_id) if s.speaker_id else None
    return {"id": s.id, "doc_id": s.doc_id, "text": s.text, "start": s.start, "end": s.end, "cue": s.cue,
            "kind": s.kind, "polarity": s.polarity, "claim": s.claim if s.claim and s.claim != s.text else None,
            "speaker": sp.name if sp else (s.speaker or "unknown speaker"), "speaker_id": s.speaker_id,
            "role": sp.role if sp else None, "side": sp.side if sp else None}


def _pair(rank: int, c: Conflict, statements: dict[str, Statement], speakers: dict[str, Speaker]) -> dict[str, Any]:
    """A ranked conflict or agreement with both statements spelled out."""
    missing = [i for i in (c.a, c.b) if i not in statements]
    if missing:
        raise ValueError(f"{c.kind} #{rank} refers to unknown statement {missing[0]!r}")
    return {"rank": rank, "kind": c.kind, "score": c.score, "topic": c.topic, "why": why(c),
            "a": _statement(statements[c.a], speakers), "b": _statement(statements[c.b], speakers)}


def _by_topic(conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflicts grouped by topic, topics ordered by their best-ranked conflict; untopiced ones last."""
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for c in conflicts:
        groups.setdefault(c["topic"] or None, []).append(c)
    order = sorted(groups, key=lambda t: (t is None, groups[t][0]["rank"]))
    return [{"topic": t, "conflicts": groups[t]} for t in order]
