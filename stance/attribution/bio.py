"""BIO tags over Source / Cue / Content for the attribution tagger: encoding gold spans, decoding predictions.

Overlapping gold spans (rare in PolNeAR: 9 content pairs and 25 characters of source inside content in 19,832
training attributions) are resolved character by character: a cue beats a source, a source beats a content,
and between spans of one role the earlier attribution keeps the character. A content split into pieces (around
its cue: '"A," she said, "B."') tags the first token of every later piece I-Content instead of B-Content, so
decoding can join the pieces back into one content.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

ROLES = ("Source", "Cue", "Content")
LABELS = ("O", "B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content", "I-Content")
LABEL2ID = {name: i for i, name in enumerate(LABELS)}
IGNORE = -100
_PRIORITY = {"Content": 0, "Source": 1, "Cue": 2}

Spans = tuple[tuple[int, int], ...]


class TagSpan(NamedTuple):
    """A decoded span: role, character offsets, whether it continues the content before it, and the mean
    probability of its role (B- or I-) over its word pieces (1.0 when not scored)."""

    label: str
    start: int
    end: int
    continued: bool = False
    prob: float = 1.0


class CharTags(NamedTuple):
    """Per character of a text: role (None outside spans), piece id (-1 outside) and the ids of later pieces."""

    roles: list[str | None]
    pieces: list[int]
    continued: frozenset[int]


def char_tags(length: int, attributions: Sequence[tuple[Spans, Spans, Spans]]) -> CharTags:
    """Character roles of a text of `length` from (content, cue, source) span tuples, overlaps resolved."""
    roles: list[str | None] = [None] * length
    pieces = [-1] * length
    continued: set[int] = set()
    entries = []
    for n, (content, cue, source) in enumerate(attributions):
        for role, spans in (("Content", content), ("Cue", cue), ("Source", source)):
            for k, (s, e) in enumerate(spans):
                entries.append((_PRIORITY[role], n, role, k, s, e))
    for piece_id, (prio, _, role, k, s, e) in enumerate(sorted(entries, key=lambda x: (x[0], -x[1]))):
        if role == "Content" and k > 0:
            continued.add(piece_id)
        for i in range(max(s, 0), min(e, length)):
            roles[i] = role
            pieces[i] = piece_id
    return CharTags(roles, pieces, frozenset(continued))


def mapped(tags: CharTags, offsets: Sequence[int]) -> CharTags:
    """The tags of a derived text whose character i comes from original character offsets[i]."""
    return CharTags([tags.roles[o] for o in offsets], [tags.pieces[o] for o in offsets], tags.continued)


def token_labels(tags: CharTags, token_offsets: Sequence[tuple[int, int]]) -> list[int]:
    """Label ids of tokens (by the character each starts with); special tokens (empty offsets) get IGNORE."""
    out: list[int] = []
    prev_piece = -1
    seen: set[int] = set()
    for s, e in token_offsets:
        if e <= s:
            out.append(IGNORE)
            continue
        role, piece = tags.roles[s], tags.pieces[s]
        if role is None:
            out.append(LABEL2ID["O"])
        else:
            inside = piece == prev_piece or (role == "Content" and (piece in tags.continued or piece in seen))
            out.append(LABEL2ID[("I-" if inside else "B-") + role])
            seen.add(piece)
        prev_piece = piece
    return out


def by_word(labels: Sequence[str], words: Sequence[int | None]) -> list[str]:
    """Each word piece takes the label of its word's first piece, so no span starts or ends inside a word."""
    out: list[str] = []
    for i, (name, w) in enumerate(zip(labels, words)):
        if i and w is not None and w == words[i - 1]:
            role = out[-1].partition("-")[2]
            out.append(f"I-{role}" if role else "O")
        else:
            out.append(name)
    return out


CONTINUE_PENALTY = 1.0


def best_labels(logprobs: Sequence[Sequence[float]], words: Sequence[int | None],
                continue_penalty: float = CONTINUE_PENALTY) -> list[str]:
    """The most probable well-formed label sequence over words (Viterbi on each word's first piece).

    `logprobs` are per-token log-probabilities in `LABELS` order. I-Source / I-Cue only follow their own B- or
    I-; I-Content also follows anything else (a content continued after its cue, '"A," she said, "B."') at a
    cost of `continue_penalty` nats. Later pieces of a word are left "O" for `decode` to fill from the first.
    """
    firsts = [i for i, w in enumerate(words) if w is not None and (i == 0 or words[i - 1] != w)]
    out = ["O"] * len(words)
    if not firsts:
        return out
    bs, is_, bc, ic, bt, it = (LABEL2ID[n] for n in ("B-Source", "I-Source", "B-Cue", "I-Cue", "B-Content",
                                                     "I-Content"))
    inf = float("-inf")
    score = list(logprobs[firsts[0]])
    score[is_] = score[ic] = inf
    score[it] -= continue_penalty
    back: list[tuple[int, ...]] = []
    for i in firsts[1:]:
        x = logprobs[i]
        top = max(range(len(LABELS)), key=score.__getitem__)
        best = score[top]
        src = bs if score[bs] >= score[is_] else is_
        cue = bc if score[bc] >= score[ic] else ic
        own = bt if score[bt] >= score[it] else it
        cont = own if score[own] >= best - continue_penalty else top
        back.append((top, top, src, top, cue, top, cont))
        score = [best + x[0], best + x[bs], score[src] + x[is_], best + x[bc], score[cue] + x[ic], best + x[bt],
                 max(score[own], best - continue_penalty) + x[it]]
    label = max(range(len(LABELS)), key=score.__getitem__)
    path = [label]
    for pointers in reversed(back):
        label = pointers[label]
        path.append(label)
    for i, label in zip(firsts, reversed(path)):
        out[i] = LABELS[label]
    return out


def decode(labels: Sequence[str], token_offsets: Sequence[tuple[int, int]],
           words: Sequence[int | None] | None = None) -> list[TagSpan]:
    """Spans from per-token label names; a lone I-Source/I-Cue starts a span, a lone I-Content continues one.

    With `words` (the word index of each token), labels are first made whole-word (`by_word`).
    """
    if words is not None:
        labels = by_word(labels, words)
    out: list[TagSpan] = []
    current: list | None = None
    for name, (s, e) in zip(labels, token_offsets):
        if e <= s:
            continue
        prefix, _, role = name.partition("-")
        if prefix == "I" and current is not None and current[0] == role:
            current[2] = e
            continue
        if current is not None:
            out.append(TagSpan(*current))
            current = None
        if prefix in ("B", "I"):
            current = [role, s, e, prefix == "I" and role == "Content"]
    if current is not None:
        out.append(TagSpan(*current))
    return out


def with_probabilities(spans: Sequence[TagSpan], logprobs: Sequence[Sequence[float]],
                       offsets: Sequence[tuple[int, int]]) -> list[TagSpan]:
    """Each span with `prob`: the mean over its word pieces of P(B-role) + P(I-role), from per-piece log-probs
    in `LABELS` order."""
    starts = [s for s, _ in offsets]
    out = []
    for sp in spans:
        b, i = LABEL2ID[f"B-{sp.label}"], LABEL2ID[f"I-{sp.label}"]
        probs = []
        for k in range(bisect_left(starts, sp.start), len(offsets)):
            if offsets[k][0] >= sp.end:
                break
            probs.append(math.exp(logprobs[k][b]) + math.exp(logprobs[k][i]))
        out.append(sp._replace(prob=sum(probs) / len(probs)) if probs else sp)
    return out


def group_pieces(spans: Sequence[TagSpan], max_gap: int = 300, hole: int = 40,
                 text: str | None = None) -> list[tuple[str, Spans]]:
    """Join continued content pieces to the previous content: (role, pieces).

    A piece after a short untagged hole (at most `hole` characters, no line break) closes the hole; a piece
    with a cue or source tagged since the previous content (the '"A," she said, "B."' split) becomes its next
    piece when within `max_gap` and the same paragraph; any other continued piece starts a content of its own.
    """
    out: list[tuple[str, Spans]] = []
    last_content: int | None = None
    tagged_since = False
    for sp in sorted(spans, key=lambda x: x.start):
        if sp.label == "Content" and sp.continued and last_content is not None:
            pieces = out[last_content][1]
            gap = sp.start - pieces[-1][1]
            if not tagged_since and gap <= hole and (text is None or "\n" not in text[pieces[-1][1]:sp.start]):
                out[last_content] = ("Content", pieces[:-1] + ((pieces[-1][0], sp.end),))
                continue
            if tagged_since and gap <= max_gap and (text is None or "\n" not in text[pieces[-1][1]:sp.start]):
                out[last_content] = ("Content", pieces + ((sp.start, sp.end),))
                tagged_since = False
                continue
        out.append((sp.label, ((sp.start, sp.end),)))
        if sp.label == "Content":
            last_content = len(out) - 1
            tagged_since = False
        else:
            tagged_since = True
    return out


def plain_copy(text: str) -> tuple[str, list[int]]:
    """Lower-cased copy with every non-alphanumeric character a space and spaces collapsed, plus its offset map.

    Built like scraped copy (seed 002): "U.S. officials' plan" becomes "u s officials plan"; character i of the
    copy comes from character offsets[i] of `text`.
    """
    chars: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(text):
        if c.isalnum():
            low = c.lower()
            chars.append(low if len(low) == 1 else c)
            offsets.append(i)
        elif chars and chars[-1] != " ":
            chars.append(" ")
            offsets.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets


def whole_texts(tokenizer):
    """The tokenizer's fast backend with truncation and padding off (tokenizer.json may carry a max length)."""
    backend = tokenizer.backend_tokenizer
    backend.no_truncation()
    backend.no_padding()
    return backend


def windows(n_tokens: int, size: int, stride: int) -> list[tuple[int, int]]:
    """Token windows [start, end) of at most `size` covering n_tokens, consecutive starts `stride` apart."""
    if n_tokens <= size:
        return [(0, n_tokens)]
    out = [(s, s + size) for s in range(0, n_tokens - size, stride)]
    out.append((n_tokens - size, n_tokens))
    return out
