"""Combine the rule extractor's statements with the attribution tagger's, per document.

Modes: "tagger" (the tagger alone), "quotes" (the rules' direct and mixed quotes, the tagger for everything they
do not cover), "speakers" (the tagger's statements, speaker taken from a rule statement on the same content
when there is one), "union" (the tagger's statements plus rule statements on contents it missed), "augment" (the
rules' statements plus tagger statements on contents they missed; `extract_per_document` switches to "union" for
text without capitals and punctuation, where the parse is unreliable), "merge" (the rules' direct and mixed
quotes, then the tagger's other statements, a missing speaker taken from a rule statement on the same content,
then rule statements on contents neither covers).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from ..schema import Statement

MODES = ("tagger", "quotes", "speakers", "union", "augment", "merge")
TRAILING = {"he", "she", "they"}


def _spans(st: Statement) -> tuple[tuple[int, int], ...]:
    return st.content_spans or ((st.start, st.end),)


def overlap(a: Statement, b: Statement) -> float:
    """Shared content characters over the shorter content's length."""
    shared = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in _spans(a) for s2, e2 in _spans(b))
    shorter = min(sum(e - s for s, e in _spans(a)), sum(e - s for s, e in _spans(b)))
    return shared / shorter if shorter > 0 else 0.0


def _covered(st: Statement, others: Sequence[Statement], threshold: float = 0.5) -> bool:
    return any(overlap(st, o) > threshold for o in others)


def combine(rules: Sequence[Statement], tagged: Sequence[Statement], mode: str = "quotes") -> list[Statement]:
    """One document's statements from both extractors, in text order, ids renumbered."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if mode == "tagger":
        out = list(tagged)
    elif mode == "quotes":
        quotes = [s for s in rules if s.kind in ("direct", "mixed")]
        out = quotes + [s for s in tagged if not _covered(s, quotes)]
    elif mode == "speakers":
        out = [_with_rule_speaker(s, rules) for s in tagged]
    elif mode == "merge":
        quotes = [s for s in rules if s.kind in ("direct", "mixed")]
        out = quotes + [_with_rule_speaker(s, rules) if s.speaker_start is None else s
                        for s in tagged if not _covered(s, quotes)]
        out += [s for s in rules if s.kind not in ("direct", "mixed") and not _covered(s, out)]
    elif mode == "union":
        out = list(tagged) + [s for s in rules if not _covered(s, tagged)]
    else:
        out = list(rules) + [s for s in tagged if not _covered(s, rules)]
    out = _without_restated(out)
    out.sort(key=lambda s: (s.start, s.end))
    return [replace(s, id=f"{s.doc_id}:{n}") for n, s in enumerate(out)]


def _without_restated(statements: Sequence[Statement]) -> list[Statement]:
    """Drop a trailing "he said" read over a whole 'X said: "..."' sentence: X's own statement already holds
    the quote, and the pronoun would otherwise be resolved to someone else."""
    inner = sorted((b.speaker_start, i) for i, b in enumerate(statements)
                   if b.speaker_start is not None and b.cue_end is not None)
    starts = [x for x, _ in inner]

    def restated(a: Statement) -> bool:
        if a.cue_start is None or a.cue_start < a.end or (a.speaker or "").lower() not in TRAILING:
            return False
        candidates = (statements[i] for _, i in inner[bisect_left(starts, a.start):bisect_left(starts, a.end)])
        return any(b is not a and b.cue_end <= b.start < a.end and b.end <= a.end + 2 for b in candidates)

    return [a for a in statements if not restated(a)]


def _with_rule_speaker(st: Statement, rules: Sequence[Statement]) -> Statement:
    best = max(rules, key=lambda r: overlap(st, r), default=None)
    if best is None or overlap(st, best) <= 0.5 or best.speaker_start is None:
        return st
    return replace(st, speaker=best.speaker, speaker_start=best.speaker_start, speaker_end=best.speaker_end)
