"""Direct quotes in normalised text: pairs of double quote marks, per paragraph, chained across paragraphs.

A quote left open at the end of a paragraph continues when the next paragraph reopens one (news style for
multi-paragraph quotes); any other unmatched mark is dropped, so a stray mark never swallows the article.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_BEFORE = set("([{\u2014\u2013-/:")
CLOSE_AFTER = set(".,;:!?)]}\u2014\u2013-'\"")


@dataclass(frozen=True)
class QuotePiece:
    """The inside of one quote within one paragraph: [start, end) in normalised text, marks excluded."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None
    chain: int
    paragraph: int


def find_quotes(text: str, paragraphs: tuple[tuple[int, int], ...]) -> list[QuotePiece]:
    """All quote pieces of a normalised text, in order; pieces of one multi-paragraph quote share `chain`."""
    pieces: list[QuotePiece] = []
    chain = 0
    carried: int | None = None
    for p, (ps, pe) in enumerate(paragraphs):
        marks = [k for k in range(ps, pe) if text[k] == '"']
        starts_open = bool(marks) and marks[0] == ps
        if carried is not None and not starts_open:
            carried = None
        open_at: int | None = None
        for k in marks:
            role = _role(text, k, ps, pe)
            if open_at is None:
                if role != "close" or k == ps:
                    open_at = k
                continue
            if role == "open" and k > open_at + 1 and text[k - 1] == " ":
                before = text[open_at + 1:k].rstrip()
                if before and before[-1] in ".?!,":
                    cur_chain = carried if (carried is not None and open_at == ps) else chain
                    if cur_chain == chain:
                        chain += 1
                    pieces.append(QuotePiece(open_at + 1, open_at + 1 + len(before), open_at, None, cur_chain, p))
                    carried = None
                open_at = k
                continue
            cur_chain = carried if (carried is not None and open_at == ps) else chain
            if cur_chain == chain:
                chain += 1
            pieces.append(QuotePiece(open_at + 1, k, open_at, k, cur_chain, p))
            carried = None
            open_at = None
        if open_at is None:
            carried = None
            continue
        next_opens = p + 1 < len(paragraphs) and text[paragraphs[p + 1][0]] == '"'
        unclosed_ok = open_at == ps or text[max(open_at - 2, ps):open_at].strip() in (":", ",")
        if next_opens or unclosed_ok:
            cur_chain = carried if (carried is not None and open_at == ps) else chain
            if cur_chain == chain:
                chain += 1
            pieces.append(QuotePiece(open_at + 1, _rstrip(text, open_at + 1, pe), open_at, None, cur_chain, p))
            carried = cur_chain if next_opens else None
        else:
            carried = None
    return [q for q in pieces if q.end > q.start]


def _role(text: str, k: int, ps: int, pe: int) -> str:
    """Whether a straight double quote at `k` looks like an opening mark, a closing mark, or either."""
    prev = text[k - 1] if k > ps else None
    nxt = text[k + 1] if k + 1 < pe else None
    can_open = (prev is None or prev.isspace() or prev in OPEN_BEFORE) and nxt is not None and not nxt.isspace()
    can_close = prev is not None and not prev.isspace() and (nxt is None or nxt.isspace() or nxt in CLOSE_AFTER)
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
