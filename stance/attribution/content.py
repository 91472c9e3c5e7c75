"""Content spans: what follows a cue ("said that ...", "said: \"...\"") or what precedes its attribution ("..., X said").

Spans are token ranges; quotes are taken whole (all pieces of a multi-paragraph quote).
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import Context
from .cues import CueMatch
from .sources import TIME_MODIFIERS, TIME_NOUNS

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
SKIP_PREPS = {"on", "in", "at", "during", "after", "before", "following", "ahead", "from", "via", "through", "with",
              "outside", "inside", "near", "over", "by", "about", "late", "early", "of"}
BOUNDARY_WORDS = {"even", "though", "although", "while", "whereas", "but", "adding", "saying", "citing",
                  "according", "despite", "without", "noting", "arguing", "insisting", "warning", "stressing",
                  "which"}
AUDIENCE = set("""
reporters journalists correspondents lawmakers legislators parliament congress senators members supporters audience
crowd press media viewers listeners readers delegates students mps meps the
""".split())
MEDIA_END = {"times", "post", "news", "agency", "network", "journal", "reuters", "television", "tv", "radio",
             "newspaper", "daily", "channel", "magazine", "broadcaster", "programme", "program", "show", "website",
             "afp", "ap", "bbc", "cnn", "interfax", "xinhua", "tass"}
END_PUNCT = {".", "!", "?", ";"}
TRAIL_PUNCT = {",", ".", ";", ":", "-", "--", "\u2014", "\u2013", "!", "?"}
FORWARD_CAP = 60
BACKWARD_CAP = 30


@dataclass(frozen=True)
class Content:
    """Content as token ranges, the quote pieces it takes whole, and whether it is only quotes."""

    spans: tuple[tuple[int, int], ...]
    pieces: tuple[int, ...] = ()
    quoted_only: bool = False
    marked: bool = False


REJECTED = Content(())


def forward(ctx: Context, cue: CueMatch, hi: int, cue_starts: set[int], stop: int | None = None,
            clause_starts: set[int] | None = None) -> Content | None:
    """Content after the cue: after "that"/":", a quote, or the clause that follows adverbials and addressees."""
    doc = ctx.doc
    t = cue.end
    if cue.spec.addressee:
        t = _skip_addressee(ctx, t, hi)
    hi = hi if stop is None else min(hi, stop)
    found = _start_after(ctx, t, hi, cue_starts)
    if found is None:
        return None
    start, marked = found
    if ctx.in_quote(start) or start in ctx.mark_of:
        quote = _quote_content(ctx, start, hi, cue_starts)
        return Content(quote.spans, quote.pieces, quote.quoted_only, True) if quote is not None else None
    if cue.spec.needs_marker and not marked and not _clause_ahead(ctx, start, hi, cue.spec.frame):
        return REJECTED
    first = doc[start]
    if not marked and (first.tag_ in FINITE_TAGS or first.tag_ in ("WDT", "WP") or
                       (first.pos_ == "AUX" and first.lower_ not in ("to",))):
        return None
    if (cue.spec.kind == "reported_stance" or cue.spec.polarity < 0) and first.pos_ in ("SCONJ", "ADP") and \
            first.lower_ not in ("to", "that", "of", "for", "over", "about", "on", "against"):
        return REJECTED
    end = hi
    if ctx.degenerate:
        end = min(end, start + FORWARD_CAP)
    else:
        edge = doc[cue.head].right_edge.i + 1
        if edge > start + 1:
            end = min(end, edge)
        end = _boundary(ctx, start, end, clause_starts or cue_starts)
    made = _make(ctx, start, end)
    return Content(made.spans, made.pieces, False, marked) if made is not None else None


def _degenerate_that(ctx: Context, j: int, hi: int) -> bool:
    """In unpunctuated text "that" introduces a clause unless a noun follows with no verb right after it."""
    doc = ctx.doc
    if j + 1 >= hi or doc[j + 1].pos_ != "NOUN":
        return True
    return j + 2 < hi and (doc[j + 2].pos_ in ("VERB", "AUX") or doc[j + 2].tag_.startswith("VB"))


def _clause_ahead(ctx: Context, start: int, hi: int, frame: str) -> bool:
    """A bare content needs its own finite verb soon ("believes the plan will fail"), or "to" for commitments."""
    doc = ctx.doc
    if frame in ("commit", "direct") and doc[start].lower_ == "to":
        return True
    for j in range(start + 1, min(hi, start + 8)):
        if doc[j].is_punct:
            return False
        if doc[j].tag_ in FINITE_TAGS or doc[j].pos_ == "AUX":
            return True
    return False


def backward(ctx: Context, anchor: int, lo: int) -> Content | None:
    """Content before an attribution that starts at token `anchor`, after a comma or closing quote mark."""
    doc = ctx.doc
    k = anchor - 1
    while k >= lo and doc[k].is_space:
        k -= 1
    if k < lo:
        return None
    if ctx.degenerate:
        return _make(ctx, max(lo, anchor - BACKWARD_CAP), anchor)
    if doc[k].text in (",", "\u2014", "--", ":") and k - 1 >= lo:
        k -= 1
        if doc[k].text in (",",) and k - 1 >= lo:
            k -= 1
    elif k not in ctx.mark_of:
        return None
    if k in ctx.mark_of and ctx.quotes[ctx.mark_of[k]].close_mark == doc[k].idx:
        piece = ctx.mark_of[k]
        open_tok = _token_at(ctx, ctx.quotes[_chain(ctx, piece)[0]].open_mark)
        if open_tok is not None and not any(not doc[i].is_punct and not doc[i].is_space for i in range(lo, open_tok)):
            return Content(_piece_spans(ctx, _chain(ctx, piece)), tuple(_chain(ctx, piece)), True)
        return _make(ctx, lo, k + 1)
    return _clause_or_none(ctx, _make(ctx, lo, k + 1))


def _clause_or_none(ctx: Context, content: Content | None) -> Content | None:
    """Unquoted content before an attribution must be a main clause, not "As for X," or "When X happened,"."""
    if content is None or ctx.degenerate:
        return content
    doc = ctx.doc
    s, e = content.spans[0]
    while s < e and doc[s].pos_ in ("CCONJ", "ADV", "PUNCT"):
        s += 1
    if s >= e or doc[s].pos_ in ("SCONJ", "ADP") or doc[s].tag_ in ("VBG", "VBN"):
        return None
    if not any(doc[i].tag_ in FINITE_TAGS or doc[i].pos_ == "AUX" for i in range(s, e)):
        return None
    return content


def parenthetical(ctx: Context, anchor: tuple[int, int], lo: int, hi: int, clause_starts: set[int]) -> Content | None:
    """Content around an attribution set off by commas ("The test, North Korea said, was its biggest yet"); not
    when what follows is the speaker's appositive or a participle (", said X, a senior adviser", ", adding")."""
    doc = ctx.doc
    s, e = anchor
    j = e
    while j < hi and (doc[j].lower_ in TIME_NOUNS or doc[j].pos_ == "ADV"):
        j += 1
    if ctx.degenerate or s - 1 <= lo or doc[s - 1].text != "," or j >= hi - 1 or doc[j].text != ",":
        return None
    before = _make(ctx, lo, s - 1)
    after = _make(ctx, j + 1, _boundary(ctx, j + 1, hi, clause_starts))
    if before is None or after is None or ctx.in_quote(s - 2) or ctx.in_quote(j + 1):
        return None
    if doc[j + 1].tag_ == "VBG" or any(doc[i].dep_ == "appos" and s <= doc[i].head.i < e
                                       for a, b in after.spans for i in range(a, b)):
        return None
    verbs = any(doc[i].tag_ in FINITE_TAGS or doc[i].pos_ == "AUX" for a, b in before.spans + after.spans
                for i in range(a, b))
    return Content(before.spans + after.spans) if verbs else None


def continuation(ctx: Context, after: int, hi: int, cue_starts: set[int]) -> Content | None:
    """A quote resuming right after an attribution (' "A," she said, "B." '): the second half of a split quote."""
    doc = ctx.doc
    j = after
    while j < hi and (doc[j].is_space or doc[j].text in (",", ":") or doc[j].lower_ in TIME_NOUNS or
                      doc[j].pos_ == "ADV"):
        j += 1
    if j < hi and j not in cue_starts and (j in ctx.mark_of or ctx.in_quote(j)):
        piece = ctx.mark_of.get(j, ctx.piece_of[j])
        if ctx.quotes[piece].open_mark == doc[j].idx or ctx.in_quote(j):
            return Content(_piece_spans(ctx, _chain(ctx, piece)), tuple(_chain(ctx, piece)), True)
    return None


def whole_quote_unit(ctx: Context, unit: tuple[int, int]) -> Content | None:
    """The unit's quote when the unit is nothing but a quote (a quoted sentence continuing a speaker's words)."""
    s, e = unit
    words = [i for i in range(s, e) if not ctx.doc[i].is_punct and not ctx.doc[i].is_space]
    if not words or not all(ctx.in_quote(i) for i in words):
        return None
    pieces = sorted({ctx.piece_of[i] for i in words})
    return Content(_piece_spans(ctx, pieces), tuple(pieces), True)


def _start_after(ctx: Context, t: int, hi: int, cue_starts: set[int]) -> tuple[int, bool] | None:
    """Where the content starts after token `t`, and whether a marker ("that", ":") introduced it."""
    doc = ctx.doc
    j = t
    while j < hi and j < t + 16:
        tok = doc[j]
        if j in cue_starts or tok.text in END_PUNCT or ctx.in_quote(j) or j in ctx.mark_of:
            break
        if tok.lower_ == "that" and (_degenerate_that(ctx, j, hi) if ctx.degenerate else
                                     (tok.tag_ == "IN" or tok.dep_ == "mark")):
            return (j + 1, True) if j + 1 < hi else None
        if tok.text == ":":
            return (j + 1, True) if j + 1 < hi else None
        if tok.tag_ in FINITE_TAGS or tok.pos_ == "AUX":
            break
        j += 1
    j = t
    after_comma = False
    while j < hi:
        tok = doc[j]
        low = tok.lower_
        if j in cue_starts:
            return None
        if low == ",":
            after_comma = True
        possessive = j + 1 < hi and doc[j + 1].tag_ == "POS"
        if tok.is_space or low in (",", "--", "\u2014") or (low in TIME_NOUNS and not possessive) or (
                tok.pos_ == "ADV" and low not in
                                                                                ("not", "never", "n't")):
            j += 1
            continue
        if low in TIME_MODIFIERS and j + 1 < hi and doc[j + 1].lower_ in TIME_NOUNS:
            j += 2
            continue
        if tok.like_num and j > t and doc[j - 1].lower_ in TIME_NOUNS:
            j += 1
            continue
        if low in SKIP_PREPS and not ctx.in_quote(j):
            j = _skip_np(ctx, j + 1, hi)
            continue
        if tok.pos_ == "SCONJ" and low not in ("that", "if", "whether"):
            return None
        break
    if j >= hi or doc[j].text in END_PUNCT or doc[j].is_punct and j not in ctx.mark_of:
        return None
    if after_comma and not (ctx.in_quote(j) or j in ctx.mark_of):
        return None
    return j, False


def _skip_np(ctx: Context, j: int, hi: int) -> int:
    """Skip the noun phrase of a prepositional phrase (and its "of"/"with" attachments)."""
    doc = ctx.doc
    n = 0
    while j < hi and n < 16:
        tok = doc[j]
        if ctx.in_quote(j) or j in ctx.mark_of:
            break
        participle = tok.tag_ in ("VBN", "VBG") and j + 1 < hi and doc[j + 1].pos_ in ("NOUN", "PROPN") and n > 0
        if tok.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON") or tok.tag_ == "POS" or participle or \
                tok.lower_ in ("of", "with", "in", "-") or (ctx.degenerate and tok.lower_ == "s"):
            if tok.lower_ == "that" or (tok.pos_ == "PRON" and n > 0):
                break
            j += 1
            n += 1
            continue
        break
    return j


def _skip_addressee(ctx: Context, t: int, hi: int) -> int:
    """Skip the person told ("told reporters", "told him", "told The Washington Times")."""
    doc = ctx.doc
    if t >= hi:
        return t
    tok = doc[t]
    if tok.lower_ in ("him", "her", "them", "us", "me", "you") or tok.lower_ in AUDIENCE - {"the"}:
        return t + 1
    if ctx.degenerate:
        for j in range(t, min(hi, t + 5)):
            if doc[j].lower_ in MEDIA_END:
                return j + 1
            if doc[j].lower_ == "that":
                break
        return t
    for child in doc[t - 1].children if t > 0 else ():
        if child.dep_ in ("dative", "dobj", "iobj") and child.left_edge.i == t:
            return child.right_edge.i + 1
    j = t
    while j < hi and (doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ") or doc[j].tag_ == "POS") and \
            doc[j].lower_ not in ("that",) and not ctx.in_quote(j):
        if doc[j].pos_ == "DET" and j > t:
            break
        j += 1
        if doc[j - 1].pos_ == "NOUN" and j < hi and doc[j].pos_ not in ("NOUN", "PROPN"):
            break
    return j


def _quote_content(ctx: Context, start: int, hi: int, cue_starts: set[int]) -> Content | None:
    """A quote that opens the content: the quote alone, or quote plus following words when the clause goes on."""
    doc = ctx.doc
    piece = ctx.mark_of.get(start, ctx.piece_of[start])
    chain = _chain(ctx, piece)
    q = ctx.quotes[chain[-1]]
    close_tok = _token_at(ctx, q.close_mark) if q.close_mark is not None else None
    comma_closed = q.end > q.start and ctx.norm.text[q.end - 1] == ","
    if close_tok is not None and close_tok + 1 < hi and not comma_closed:
        nxt = close_tok + 1
        if not doc[nxt].is_punct and nxt not in cue_starts and doc[nxt].pos_ not in ("PRON", "PROPN") \
                and ctx.quotes[chain[0]].paragraph == q.paragraph:
            open_tok = _token_at(ctx, ctx.quotes[chain[0]].open_mark)
            end = _boundary(ctx, nxt, hi, cue_starts) if not ctx.degenerate else hi
            if open_tok is not None and end > nxt:
                return _make(ctx, open_tok, end)
    return Content(_piece_spans(ctx, chain), tuple(chain), True)


def _boundary(ctx: Context, start: int, end: int, cue_starts: set[int]) -> int:
    """End content before ", even though ...", ", while ...", "; ", "and said" and similar turns to another clause."""
    doc = ctx.doc
    for j in range(start + 1, end):
        if ctx.in_quote(j):
            continue
        tok = doc[j]
        if tok.lower_ in ("and", "but", ",", ";") and (j + 1 in cue_starts or (
                j + 2 < end and doc[j + 1].lower_ in ("and", "but") and j + 2 in cue_starts)):
            return j
        if tok.text == ";" or (tok.text in ("\u2014", "--") and j + 1 < end and not ctx.in_quote(j + 1)):
            return j
        if tok.text == "," and j + 1 < end and doc[j + 1].lower_ in BOUNDARY_WORDS:
            return j
    return end


def after_phrase(ctx: Context, start: int, hi: int) -> Content | None:
    """The rest of the unit after a phrase and its comma ("According to X, <content>")."""
    j = start
    while j < hi and ctx.doc[j].text in (",", ":"):
        j += 1
    return _make(ctx, j, hi)


def _make(ctx: Context, start: int, end: int) -> Content | None:
    doc = ctx.doc
    while end > start and doc[end - 1].text == '"' and end - 1 not in ctx.mark_of:
        end -= 1
    while start < end and doc[start].text == '"' and start not in ctx.mark_of:
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in TRAIL_PUNCT or
                           (doc[end - 1].pos_ in ("CCONJ", "DET", "ADP", "SCONJ") and not ctx.in_quote(end - 1)
                            and end - 1 > start)):
        end -= 1
    while start < end and (doc[start].is_space or doc[start].text in TRAIL_PUNCT):
        start += 1
    if end <= start or not any(doc[i].is_alpha for i in range(start, end)):
        return None
    pieces = tuple(sorted({ctx.piece_of[i] for i in range(start, end) if ctx.piece_of[i] >= 0}))
    return Content(((start, end),), pieces, False)


def _chain(ctx: Context, piece: int) -> list[int]:
    chain = ctx.quotes[piece].chain
    return [n for n, q in enumerate(ctx.quotes) if q.chain == chain]


def _piece_spans(ctx: Context, pieces: list[int]) -> tuple[tuple[int, int], ...]:
    """Token ranges of quote pieces (inside the marks)."""
    spans = []
    for n in pieces:
        q = ctx.quotes[n]
        toks = [i for i in _tokens_between(ctx, q.start, q.end)]
        while toks and ctx.doc[toks[-1]].text in (",", ";", ":", "-", "\u2014"):
            toks.pop()
        if toks:
            spans.append((toks[0], toks[-1] + 1))
    return tuple(spans)


def _tokens_between(ctx: Context, start: int, end: int) -> list[int]:
    doc = ctx.doc
    first = _token_at(ctx, start, after=True)
    if first is None:
        return []
    out = []
    i = first
    while i < len(doc) and doc[i].idx < end:
        if not doc[i].is_space:
            out.append(i)
        i += 1
    return out


def _token_at(ctx: Context, char: int | None, after: bool = False) -> int | None:
    """Index of the token starting at normalised offset `char` (or the first one after it)."""
    if char is None:
        return None
    doc = ctx.doc
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(doc) and (doc[lo].idx == char or after):
        return lo
    if lo > 0 and doc[lo - 1].idx <= char < doc[lo - 1].idx + len(doc[lo - 1].text):
        return lo - 1
    return None
