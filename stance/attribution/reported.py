"""Assemble attributions: for every cue a speaker and a content, giving direct, indirect, mixed, according-to
and reported-stance statements; quotes continuing a speaker's words are attached to that speaker."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .content import (REJECTED, Content, after_phrase, backward, continuation, forward, parenthetical,
                      whole_quote_unit)
from .context import Context
from .cues import CueMatch, find_cues
from .lexicon import INSTITUTION_WORDS, MEDIA, country_of
from .sources import adjacent, np_left, np_right, speaker_score, subject_from_parse

Span = tuple[int, int]
POSSESSIVE_DETS = {"his", "her", "its", "their", "our", "my", "your"}


@dataclass(frozen=True)
class Found:
    """One attribution in token ranges: speaker, cue (may be None for a continued quote), content, kind."""

    speaker: Span | None
    cue: Span | None
    content: Content
    kind: str
    polarity: int


def attributions(ctx: Context) -> list[Found]:
    """Every attribution in the document, in the order of their cues."""
    doc = ctx.doc
    in_quote = [ctx.in_quote(i) for i in range(len(doc))]
    cues = [c for c in find_cues(doc, in_quote, not ctx.degenerate) if not (c.negated and c.spec.polarity > 0
                                                                          and c.spec.kind == "indirect")]
    cues = [c for c in cues if not ctx.headline[ctx.unit_of[c.head]]]
    speakers = _speakers(ctx, cues)
    anchors = sorted(a for a in (_anchor(c, s) for c, s in zip(cues, speakers)) if a is not None)
    cue_starts = {c.start for c in cues}
    clause_starts = cue_starts | {s for s, _ in anchors}
    claimed: set[int] = set()
    found: list[Found] = []
    for cue, (speaker, side) in zip(cues, speakers):
        if speaker is None:
            continue
        lo, hi = ctx.units[ctx.unit_of[cue.head]]
        content = _content(ctx, cue, speaker, side, lo, hi, cue_starts, anchors, clause_starts)
        if content is None:
            continue
        content = _unclaimed(content, claimed)
        if content is None:
            continue
        if content.quoted_only:
            more = continuation(ctx, max(cue.end, speaker[1]), hi, cue_starts)
            if more is not None:
                content = _join(content, _unclaimed(more, claimed))
        claimed.update(content.pieces)
        found.append(Found(speaker, (cue.start, cue.end), content, _kind(ctx, cue, content),
                           -cue.spec.polarity if cue.negated else cue.spec.polarity))
    return _continued_quotes(ctx, found, claimed, cue_starts)


def _speakers(ctx: Context, cues: list[CueMatch]) -> list[tuple[Span | None, str]]:
    """Speaker span and where it stands ("left", "right", "middle", "inherited") for each cue."""
    doc = ctx.doc
    out: list[tuple[Span | None, str]] = []
    for cue in cues:
        lo, hi = ctx.units[ctx.unit_of[cue.head]]
        if cue.according:
            out.append((np_right(doc, cue.end, hi, ctx.degenerate), "right"))
            continue
        if cue.quoted_as:
            out.append((np_right(doc, cue.head + 1, cue.start, ctx.degenerate), "middle"))
            continue
        parsed = subject_from_parse(doc, cue.head, lo, hi) if not ctx.degenerate else None
        if parsed is not None and parsed[0] > cue.head:
            out.append((parsed, "right"))
            continue
        participle = doc[cue.head].tag_ == "VBG" and cue.start > lo and doc[cue.start - 1].text == ","
        walked = None if participle else np_left(doc, cue.start, lo, ctx.degenerate, ctx.known_names)
        if walked is not None and _separated(ctx, walked[1], cue.start):
            walked = None
        left = parsed
        if parsed is None or (walked is not None and walked != parsed and not adjacent(doc, parsed, cue.start, lo)
                              and speaker_score(doc, walked, ctx.known_names) >= 1):
            left = walked
        invertible = _may_invert(ctx, cue, lo)
        right = np_right(doc, cue.end, hi, ctx.degenerate) if invertible else None
        ls, rs = speaker_score(doc, left, ctx.known_names), speaker_score(doc, right, ctx.known_names)
        if ctx.degenerate and ls == 1 and not _body(doc, left):
            ls = 0
        far_left = left is not None and not ctx.degenerate and not adjacent(doc, left, cue.start, lo)
        if right is not None and rs >= 2 and (rs > ls or far_left):
            out.append((right, "right"))
            continue
        if left is not None and (ls >= 1 or (ls == 0 and cue.spec.frame == "say" and not ctx.degenerate
                                             and cue.spec.kind == "indirect" and doc[left[1] - 1].pos_ == "NOUN"
                                             and doc[left[0]].lower_ not in POSSESSIVE_DETS)):
            near = adjacent(doc, left, cue.start, lo) or ctx.degenerate
            out.append((left, "left" if near else "inherited"))
            continue
        inherited = _inherit(ctx, cue, cues, out)
        out.append((inherited, "inherited") if inherited is not None else (None, ""))
    return out


def _body(doc: Doc, span: Span | None) -> bool:
    """A country or institution phrase ("turkey", "the state department"): a speaker without a person noun."""
    if span is None:
        return False
    words = [doc[i].lower_ for i in range(*span) if doc[i].lower_ not in ("the", "a", "an")]
    return bool(words) and (country_of(" ".join(words)) is not None or words[-1] in INSTITUTION_WORDS | MEDIA)


def _separated(ctx: Context, end: int, cue_start: int) -> bool:
    """True when a sentence break or another clause lies between a walked-left phrase and its cue."""
    return any(ctx.doc[i].text in (".", ";", "?", "!") for i in range(end, cue_start))


def _may_invert(ctx: Context, cue: CueMatch, lo: int) -> bool:
    """Inversion ("..., said the official") needs content before the cue and a determiner/name after it."""
    if cue.start - lo < 3:
        return False
    if ctx.degenerate:
        return True
    prev = ctx.doc[cue.start - 1]
    return prev.text == "," or cue.start - 1 in ctx.mark_of


def _inherit(ctx: Context, cue: CueMatch, cues: list[CueMatch], out: list[tuple[Span | None, str]]) -> Span | None:
    """A participle or coordinated cue (", adding", "and said") takes the speaker of the cue before it."""
    doc = ctx.doc
    head = doc[cue.head]
    before = doc[cue.start - 1].lower_ if cue.start > 0 else ""
    if not (head.tag_ == "VBG" or before in ("and", ",", "but")):
        return None
    for prev, (span, _) in zip(reversed(cues[:len(out)]), reversed(out)):
        if span is not None and ctx.unit_of[prev.head] == ctx.unit_of[cue.head]:
            return span
    return None


def _anchor(cue: CueMatch, speaker: tuple[Span | None, str]) -> tuple[int, int] | None:
    """The attribution clause of a cue: cue plus its speaker when the speaker stands next to it."""
    span, side = speaker
    if span is None:
        return None
    if side in ("inherited", ""):
        return cue.start, cue.end
    return min(span[0], cue.start), max(span[1], cue.end)


def _content(ctx: Context, cue: CueMatch, speaker: Span, side: str, lo: int, hi: int, cue_starts: set[int],
             anchors: list[tuple[int, int]], clause_starts: set[int]) -> Content | None:
    """Pick the content by where the speaker stands and what follows the cue."""
    doc = ctx.doc
    own = _anchor(cue, (speaker, side)) or (cue.start, cue.end)
    prev_end = max([e for s, e in anchors if s < own[0] and e <= own[0]], default=lo)
    nxt = next((s for s, _ in anchors if s >= own[1]), None)
    if ctx.degenerate:
        stop, back_lo = nxt, max(lo, prev_end)
    else:
        stop = nxt if nxt is not None and nxt > 0 and (doc[nxt - 1].text == "," or nxt - 1 in ctx.mark_of) else None
        back_lo = lo
    if cue.according:
        starts_unit = all(doc[i].is_punct or doc[i].is_space or doc[i].pos_ in ("CCONJ", "ADV")
                          for i in range(lo, cue.start))
        if starts_unit and not ctx.degenerate:
            return after_phrase(ctx, speaker[1], hi)
        return backward(ctx, cue.start, back_lo) or _real(forward(ctx, _shifted(cue, speaker[1]), hi, cue_starts,
                                                                  stop))
    if side == "right":
        return parenthetical(ctx, own, back_lo, hi, clause_starts) or backward(ctx, cue.start, back_lo)
    if cue.quoted_as:
        medium = np_left(doc, cue.head, lo, ctx.degenerate, ctx.known_names)
        return _real(forward(ctx, cue, hi, cue_starts, stop)) or backward(ctx, medium[0] if medium else cue.head,
                                                                          back_lo)
    ahead = forward(ctx, cue, hi, cue_starts, stop, clause_starts)
    if ahead is REJECTED or cue.spec.kind == "reported_stance":
        return _real(ahead)
    if ahead is None:
        return parenthetical(ctx, own, back_lo, hi, clause_starts) or backward(ctx, own[0], back_lo)
    if ahead.quoted_only and not ctx.degenerate:
        behind = backward(ctx, own[0], back_lo)
        if behind is not None and behind.quoted_only:
            return _join(behind, ahead)
    if ctx.degenerate and not ahead.marked and own[0] - back_lo >= 4:
        behind = backward(ctx, own[0], back_lo)
        return _join(behind, ahead) if behind is not None else ahead
    return ahead


def _real(content: Content | None) -> Content | None:
    return None if content is REJECTED else content


def _shifted(cue: CueMatch, end: int) -> CueMatch:
    return CueMatch(cue.start, end, cue.head, cue.spec)


def _unclaimed(content: Content | None, claimed: set[int]) -> Content | None:
    """Drop quote pieces an earlier statement already took; a quote-only content with none left is dropped."""
    if content is None or not content.quoted_only or not (set(content.pieces) & claimed):
        return content
    return None


def _join(a: Content | None, b: Content | None) -> Content | None:
    if a is None or b is None:
        return a or b
    spans = tuple(sorted(set(a.spans + b.spans)))
    return Content(spans, tuple(sorted(set(a.pieces + b.pieces))), a.quoted_only and b.quoted_only)


def _kind(ctx: Context, cue: CueMatch, content: Content) -> str:
    if cue.spec.kind in ("according_to", "reported_stance"):
        return cue.spec.kind
    if content.quoted_only:
        return "direct"
    return "mixed" if content.pieces and _quoted_words(ctx, content) >= 2 else "indirect"


def _quoted_words(ctx: Context, content: Content) -> int:
    return sum(1 for s, e in content.spans for i in range(s, e) if ctx.in_quote(i) and ctx.doc[i].is_alpha)


def _continued_quotes(ctx: Context, found: list[Found], claimed: set[int], cue_starts: set[int]) -> list[Found]:
    """Quote-only sentences after a quoting statement keep its speaker: in the same paragraph they extend that
    statement (' "A," she said. "B." ' is one statement), in the next paragraph they become their own."""
    out = list(found)
    by_unit = {ctx.unit_of[f.content.spans[-1][0]]: n for n, f in enumerate(out) if f.kind in ("direct", "mixed")}
    prev: int | None = None
    last_unit = -1
    for u, unit in enumerate(ctx.units):
        if u in by_unit:
            prev, last_unit = by_unit[u], u
            continue
        if prev is None:
            continue
        if any(unit[0] <= c < unit[1] for c in cue_starts):
            prev = None
            continue
        quote = _unclaimed(whole_quote_unit(ctx, unit), claimed)
        if quote is None:
            prev = None
            continue
        claimed.update(quote.pieces)
        f = out[prev]
        same_paragraph = _paragraph(ctx, unit[0]) == _paragraph(ctx, ctx.units[last_unit][0]) and u == last_unit + 1
        if same_paragraph and f.kind == "direct":
            out[prev] = Found(f.speaker, f.cue, _join(f.content, quote), f.kind, f.polarity)
        else:
            out.append(Found(f.speaker, None, quote, "direct", 1))
            prev = len(out) - 1
        last_unit = u
    return out


def _paragraph(ctx: Context, token: int) -> int:
    return ctx.norm.paragraph_of(ctx.doc[token].idx)
