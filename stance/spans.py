"""Paragraphs around statements and highlight segments, all by offsets into the unaltered document text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .schema import Statement

Span = tuple[int, int]


class Paragraph(NamedTuple):
    """Where a paragraph lies in a document; `cut_before`/`cut_after` say a long line was trimmed."""

    start: int
    end: int
    cut_before: bool = False
    cut_after: bool = False


class Segment(NamedTuple):
    """A run of text and the ids of the marks covering all of it (empty: plain text)."""

    text: str
    ids: tuple[str, ...]
    start: int


def statement_spans(s: Statement, length: int | None = None) -> list[Span]:
    """The character spans of a statement's content (its `content_spans`, else start-end), clipped to `length`."""
    raw = list(s.content_spans) or [(s.start, s.end)]
    top = length if length is not None else max(e for _, e in raw)
    spans = [(max(0, a), min(top, b)) for a, b in raw]
    return [(a, b) for a, b in spans if a < b]


def paragraph(text: str, start: int, end: int, context: int = 400) -> Paragraph:
    """The line-delimited paragraph holding text[start:end], trimmed to `context` characters either side."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    cut_before = cut_after = False
    if start - lo > context:
        space = text.find(" ", start - context, start)
        lo, cut_before = (space + 1 if space >= 0 else start - context), True
    if hi - end > context:
        space = text.rfind(" ", end, end + context)
        hi, cut_after = (space if space >= 0 else end + context), True
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    return Paragraph(lo, hi, cut_before, cut_after)


def segments(text: str, marks: Sequence[tuple[int, int, str]], lo: int = 0, hi: int | None = None) -> list[Segment]:
    """Split text[lo:hi] at every mark boundary; each piece lists the ids of the (start, end, id) marks over it."""
    hi = len(text) if hi is None else min(hi, len(text))
    inside = [(max(a, lo), min(b, hi), i) for a, b, i in marks if max(a, lo) < min(b, hi)]
    cuts = sorted({lo, hi, *(a for a, _, _ in inside), *(b for _, b, _ in inside)})
    out: list[Segment] = []
    for x, y in zip(cuts, cuts[1:]):
        ids = tuple(dict.fromkeys(i for a, b, i in inside if a <= x and y <= b))
        if out and out[-1].ids == ids:
            prev = out.pop()
            out.append(Segment(prev.text + text[x:y], ids, prev.start))
        else:
            out.append(Segment(text[x:y], ids, x))
    return out
