"""Per-document token context shared by the extraction steps: quotes per token, units, and text style."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..normalize import Normalized
from .lexicon import HONORIFICS
from .quotes import QuotePiece, find_quotes

LETTERS = re.compile(r"[^\W\d_]")
UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
MIN_LETTERS = 200
MAX_UPPER_RATIO = 0.01
MAX_PUNCT_PER_1000 = 3.0


@dataclass
class Context:
    """A parsed, normalised document with quote membership per token and attribution units (token ranges)."""

    doc: Doc
    norm: Normalized
    quotes: list[QuotePiece]
    piece_of: list[int]
    mark_of: dict[int, int]
    units: list[tuple[int, int]]
    unit_of: list[int]
    degenerate: bool
    known_names: set[str]
    headline: list[bool]

    def in_quote(self, i: int) -> bool:
        return self.piece_of[i] >= 0

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised character span of tokens [start, end)."""
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last.text)


def is_degenerate(text: str) -> bool:
    """True for text without capitals and sentence punctuation (scraped or transcribed copy): parse is unreliable."""
    letters = len(LETTERS.findall(text))
    if letters < MIN_LETTERS:
        return False
    upper = len(UPPER.findall(text))
    punct = sum(text.count(c) for c in '.!?;"')
    return upper / letters < MAX_UPPER_RATIO and punct * 1000 / letters < MAX_PUNCT_PER_1000


def build_context(doc: Doc, norm: Normalized) -> Context:
    """Attach quotes, units and style to a parsed normalised document."""
    quotes = find_quotes(norm.text, norm.paragraphs)
    starts = [q.start for q in quotes]
    piece_of: list[int] = []
    mark_of: dict[int, int] = {}
    marks = {q.open_mark: n for n, q in enumerate(quotes)}
    marks.update({q.close_mark: n for n, q in enumerate(quotes) if q.close_mark is not None})
    for tok in doc:
        k = bisect.bisect_right(starts, tok.idx) - 1
        inside = k >= 0 and quotes[k].start <= tok.idx < quotes[k].end and not tok.is_space
        piece_of.append(k if inside else -1)
        if tok.text == '"' and tok.idx in marks:
            mark_of[tok.i] = marks[tok.idx]
    degenerate = is_degenerate(norm.text)
    units = _paragraph_units(doc, norm) if degenerate else _sentence_units(doc, quotes)
    unit_of = [0] * len(doc)
    for u, (s, e) in enumerate(units):
        for i in range(s, e):
            unit_of[i] = u
    names = {doc[i + 1].lower_ for i in range(len(doc) - 1)
             if doc[i].lower_.rstrip(".") in HONORIFICS and doc[i + 1].is_alpha}
    headline = [_is_headline(doc, u) for u in units]
    return Context(doc, norm, quotes, piece_of, mark_of, units, unit_of, degenerate, names, headline)


def _is_headline(doc: Doc, unit: tuple[int, int]) -> bool:
    """A title-cased unit without a final full stop ("Obama Says Museum Will Tell of Suffering")."""
    words = [t for t in doc[unit[0]:unit[1]] if t.is_alpha and len(t) > 3]
    if len(words) < 3 or doc[unit[1] - 1].text in (".", '"'):
        return False
    return sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def _paragraph_units(doc: Doc, norm: Normalized) -> list[tuple[int, int]]:
    units = []
    i = 0
    for ps, pe in norm.paragraphs:
        while i < len(doc) and doc[i].idx < ps:
            i += 1
        s = i
        while i < len(doc) and doc[i].idx < pe:
            i += 1
        if i > s:
            units.append((s, i))
    return units


def _sentence_units(doc: Doc, quotes: list[QuotePiece]) -> list[tuple[int, int]]:
    """Sentences, merged where a quote runs across a sentence boundary or a sentence is only punctuation."""
    units: list[list[int]] = []
    for sent in doc.sents:
        s, e = sent.start, sent.end
        while s < e and doc[s].is_space:
            s += 1
        while e > s and doc[e - 1].is_space:
            e -= 1
        if e <= s:
            continue
        if units and (_quote_crosses(doc, quotes, doc[s].idx) or all(t.is_punct for t in doc[s:e])) and \
                "\n" not in doc[units[-1][1]:s].text:
            units[-1][1] = e
        else:
            units.append([s, e])
    return [(s, e) for s, e in units]


def _quote_crosses(doc: Doc, quotes: list[QuotePiece], pos: int) -> bool:
    return any(q.start < pos <= q.end or (q.close_mark is not None and q.start < pos <= q.close_mark)
               for q in quotes if q.start < pos + 1)
