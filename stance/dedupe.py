"""One statement per speaker per stretch of text: two cues read over one run-on passage give one statement."""

from __future__ import annotations

from collections.abc import Sequence

from .schema import Statement


def merge_overlaps(statements: Sequence[Statement]) -> list[Statement]:
    """Drop a statement whose content overlaps a longer one by the same speaker in the same document.

    Unpunctuated text often lets two cues ("revealed", "he said") claim the same passage; keeping both
    would double every pair and conflict they take part in. Order is kept.
    """
    keep = {s.id for s in statements}
    groups: dict[tuple[str, str], list[Statement]] = {}
    for s in statements:
        if s.speaker_id:
            groups.setdefault((s.doc_id, s.speaker_id), []).append(s)
    for group in groups.values():
        group.sort(key=lambda s: (s.start, -s.end))
        best = group[0]
        for s in group[1:]:
            if s.start < best.end:
                loser, best = (s, best) if best.end - best.start >= s.end - s.start else (best, s)
                keep.discard(loser.id)
            else:
                best = s
    return [s for s in statements if s.id in keep]
