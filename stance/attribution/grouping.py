"""Group tagged spans into attributions: each content with its cue, each cue with its source, then `Statement`s.

What PolNeAR train shows, and the rules follow: a cue belongs to exactly one content and almost always touches
it (median gap 1 character, 90% within 9; the cue before the content in 70% of attributions, after it in 16%,
between its pieces in 14%); a source stands next to its cue (median gap 1, 90% within 23), before it in 89%,
and one source may serve several cues ("He said A and added B").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..schema import Document, Statement
from .cues import cue_spec, is_negated
from .lexicon import HONORIFICS, PARAGRAPH_BREAK

Spans = tuple[tuple[int, int], ...]
MAX_CUE_GAP = 120
MAX_SOURCE_GAP = 200
LINE_PENALTY = 150
CROSS_PENALTY = 120
AFTER_PENALTY = 3
QUOTES = ('"', "\u201c", "\u201d")
_WORD = re.compile(r"[^\W_]+")
LETTER_BEFORE = re.compile(r"(?:^|\s)([A-Za-z])[ .]+$")
NAME_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w\u2019'-]*){1,3}")
NOT_CUES = {"that", "which", "who", "whom", "whose"}
# "whom" is an object, never the one who speaks: no PolNeAR train source is "whom" (0 of 22,501; "who" 422).
NOT_SOURCES = {"whom"}
# "reportedly", "apparently": the writer passes on what someone unnamed says; in PolNeAR train such a cue never
# has a source (20 of 20), so the nearest name is not its speaker.
EVIDENTIAL_ADVERBS = {"reportedly", "apparently", "allegedly", "seemingly", "evidently", "supposedly",
                      "purportedly", "ostensibly"}


class Grouped(NamedTuple):
    """One attribution found by the tagger: content pieces, cue span and source span (None when absent)."""

    content: Spans
    cue: tuple[int, int] | None
    source: tuple[int, int] | None


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def _between(text: str, a: tuple[int, int], b: tuple[int, int]) -> str:
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return text[lo:hi] if hi > lo else ""


def _crosses(a: tuple[int, int], b: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return any(lo <= s and e <= hi and e > s for s, e in spans)


def _word(text: str, span: tuple[int, int]) -> str:
    """A span's text, trimmed and lower-cased, to look up in the word lists above."""
    return text[span[0]:span[1]].strip().lower()


def _within(content: Spans, cue: tuple[int, int], limit: int) -> bool:
    """Whether a cue could be within `limit` of a content: penalties only add, so the bare gap decides."""
    return any(_gap(p, cue) <= limit for p in content) or content[0][0] <= cue[0] <= content[-1][1]


def cue_distance(text: str, content: Spans, cue: tuple[int, int], others: Sequence[tuple[int, int]]) -> float:
    """How far a cue stands from a content: 0 between its pieces, else the character gap with penalties."""
    if any(e1 <= cue[0] and cue[1] <= s2 for (_, e1), (s2, _) in zip(content, content[1:])):
        return 0.0
    near = min(content, key=lambda p: _gap(p, cue))
    d = _gap(near, cue) + (AFTER_PENALTY if cue[0] >= near[1] else 0)
    if "\n" in _between(text, near, cue):
        d += LINE_PENALTY
    if _crosses(near, cue, others):
        d += CROSS_PENALTY
    return float(d)


def source_distance(text: str, cue: tuple[int, int], source: tuple[int, int],
                    contents: Sequence[tuple[int, int]]) -> float:
    """How far a source stands from a cue: the character gap, more when after it, across a line or a content."""
    d = _gap(source, cue) + (0 if source[1] <= cue[0] or text[cue[0]:cue[1]].lower().startswith("accord")
                             else AFTER_PENALTY)
    if "\n" in _between(text, source, cue):
        d += LINE_PENALTY
    if _crosses(source, cue, contents):
        d += CROSS_PENALTY
    return float(d)


def says_something(text: str, content: Spans) -> bool:
    """Whether a content holds a word other than a function word ("that", "the of" are tagging debris)."""
    return any(w.lower() not in STOP_WORDS for s, e in content for w in _WORD.findall(text[s:e]))


def group(text: str, pieces: Sequence[tuple[str, Spans]], keep_uncued: bool = False) -> list[Grouped]:
    """Attributions from (role, pieces) spans: cues matched one to one to the nearest contents, greedily by
    distance, then each cue given its nearest source (shared sources allowed). A content without a cue is kept
    when it holds a quotation ("Jane Doe, 34, of Leeds: \"...\"") or when `keep_uncued`, with the nearest
    source before it; a relative word tagged as cue ("that", "which") is debris."""
    contents = [p for r, p in pieces if r == "Content" and says_something(text, p)]
    cues = [p[0] for r, p in pieces if r == "Cue" and _word(text, p[0]) not in NOT_CUES]
    sources = [p[0] for r, p in pieces if r == "Source" and _word(text, p[0]) not in NOT_SOURCES]
    flat = [s for c in contents for s in c]
    pairs = sorted((cue_distance(text, c, q, flat), i, j) for i, c in enumerate(contents)
                   for j, q in enumerate(cues) if _within(c, q, MAX_CUE_GAP))
    cue_of: dict[int, int] = {}
    used: set[int] = set()
    for d, i, j in pairs:
        if d <= MAX_CUE_GAP and i not in cue_of and j not in used:
            cue_of[i] = j
            used.add(j)
    out = []
    for i, content in enumerate(contents):
        if i not in cue_of and not (keep_uncued or _quoted(text, content)):
            continue
        cue = cues[cue_of[i]] if i in cue_of else None
        source = None
        if cue is not None and _word(text, cue) not in EVIDENTIAL_ADVERBS:
            source = _nearest_source(text, cue, sources, flat)
        elif cue is None:
            start = (content[0][0], content[0][0])
            source = _nearest_source(text, start, [s for s in sources if s[1] <= start[0]], flat)
        out.append(Grouped(content, cue, _tidy_source(text, source)))
    return out


def _quoted(text: str, content: Spans) -> bool:
    return any(q in text[s:e] for s, e in content for q in QUOTES)


def _nearest_source(text: str, anchor: tuple[int, int], sources: Sequence[tuple[int, int]],
                    contents: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The source closest to a cue (or to where an uncued content starts), if within `MAX_SOURCE_GAP`."""
    near = [(source_distance(text, anchor, s, contents), s) for s in sources if _gap(s, anchor) <= MAX_SOURCE_GAP]
    d, source = min(near) if near else (None, None)
    return source if d is not None and d <= MAX_SOURCE_GAP else None


def _tidy_source(text: str, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """A tagged source kept within one paragraph ("head on\n\nTony Blair" is Tony Blair) and made whole: a bare
    honorific ("Mr" of "Mr Blair", which the tagger sometimes splits off) takes the capitalised name after it, a
    lone letter the letter before it ("u s" is "U.S." in text stripped of punctuation)."""
    if source is None:
        return source
    breaks = list(PARAGRAPH_BREAK.finditer(text, source[0], source[1]))
    if breaks and breaks[-1].end() < source[1]:
        source = (breaks[-1].end(), source[1])
    word = _word(text, source)
    if len(word) == 1 and word.isalpha():
        initial = LETTER_BEFORE.search(text, max(0, source[0] - 4), source[0])
        return (initial.start(1), source[1]) if initial else source
    if word.rstrip(".") not in HONORIFICS:
        return source
    name = NAME_AFTER.match(text, source[1])
    return (source[0], name.end()) if name else source


def statement_kind(text: str, content: Spans, cue: str | None) -> str:
    """direct (the content is one quotation), mixed (it holds quoted words), according_to, or indirect."""
    if cue and cue.lower().startswith("according"):
        return "according_to"
    body = " ".join(text[s:e] for s, e in content).strip().rstrip(".,;:!? ")
    marks = sum(body.count(q) for q in QUOTES)
    if marks >= 2 and body[:1] in QUOTES and body[-1:] in QUOTES:
        return "direct"
    if marks >= 2:
        return "mixed"
    return "indirect"


def to_statements(doc: Document, grouped: Sequence[Grouped]) -> list[Statement]:
    """Statements (offsets into `doc.text`) in text order, polarity from the cue lexicon."""
    out = []
    for g in sorted(grouped, key=lambda g: g.content[0]):
        text = doc.text
        spans = tuple(sorted(g.content))
        cue = text[g.cue[0]:g.cue[1]] if g.cue else None
        spec = cue_spec(cue) if cue else None
        polarity = 1
        if spec is not None:
            polarity = -spec.polarity if is_negated(cue) else spec.polarity
        kind = spec.kind if spec is not None and spec.kind == "reported_stance" else statement_kind(text, spans, cue)
        out.append(Statement(
            id=f"{doc.id}:{len(out)}", doc_id=doc.id,
            speaker=text[g.source[0]:g.source[1]] if g.source else None,
            speaker_start=g.source[0] if g.source else None, speaker_end=g.source[1] if g.source else None,
            cue=cue, cue_start=g.cue[0] if g.cue else None, cue_end=g.cue[1] if g.cue else None,
            text=" ".join(text[s:e] for s, e in spans), start=spans[0][0], end=spans[-1][1], kind=kind,
            content_spans=spans if len(spans) > 1 else (), polarity=polarity))
    return out
