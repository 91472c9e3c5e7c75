"""Candidate pairs: statements about the same thing from different speakers, so pairs grow ~linearly."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .schema import Statement

_WORD = re.compile(r"[a-z0-9][a-z0-9\-]+")
SAME_WORDS = 0.8
_STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being it its
this that these those he she they we you i his her their our your not no will would could should can may might
said says say told has have had do does did than then there here what which who whom whose when where why how
all any some such also very more most much many into over about after before under again""".split())


def content_words(text: str) -> set[str]:
    """Lower-cased content words (no stop words), used for the shared-term signal."""
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


@lru_cache(maxsize=1 << 16)
def _wording(text: str, claim: str) -> tuple[tuple[str, ...], bool]:
    """A statement's words, and whether its claim holds a content word; cached, as pairing asks for each often."""
    return tuple(_WORD.findall(text.lower())), bool(content_words(claim))


def comparable(a: Statement, b: Statement) -> bool:
    """Two statements can conflict when they come from different speakers, or one speaker in two documents, and
    do not say the same words (one story carried twice; for one speaker, `SAME_WORDS` of their words in common);
    a statement without a content word ("No.", "They did not.") conflicts with nothing on its own."""
    (words, said_a), (others, said_b) = _wording(a.text, a.claim or a.text), _wording(b.text, b.claim or b.text)
    if words and words == others:
        return False
    if not said_a or not said_b:
        return False
    if a.speaker_id and a.speaker_id == b.speaker_id:
        if len(set(words) & set(others)) >= SAME_WORDS * len(set(words) | set(others)):
            return False
        return a.doc_id != b.doc_id
    if not a.speaker_id and not b.speaker_id and a.speaker == b.speaker and a.doc_id == b.doc_id:
        return False
    return True


def candidate_pairs(statements: Sequence[Statement], embeddings: np.ndarray, k: int = 8,
                    min_similarity: float = 0.35, window: int = 3,
                    sides: Sequence[str | None] = ()) -> list[tuple[int, int, float]]:
    """Index pairs (i < j, similarity) among each statement's k nearest neighbours above a threshold,
    plus statements up to `window` apart in one document that share a content word or whose speakers
    stand on different known sides (`sides[i]` is statement i's speaker side, None when unknown).

    Similarity is the embedding cosine, raised a little when the two share content words, so that
    statements naming the same things meet even when phrased differently. Reporters set a claim beside
    its denial a paragraph later, which k-NN over the whole corpus can miss. At most n*(k+window) pairs.
    """
    n = len(statements)
    if n < 2:
        return []
    words = [content_words(s.claim or s.text) for s in statements]
    pairs: dict[tuple[int, int], float] = {}
    block = 512
    for start in range(0, n, block):
        sims = embeddings[start:start + block] @ embeddings.T
        for row, i in enumerate(range(start, min(n, start + block))):
            order = np.argsort(-sims[row])
            taken = 0
            for j in order:
                j = int(j)
                if taken >= k or sims[row, j] < min_similarity - 0.15:
                    break
                if j == i or not comparable(statements[i], statements[j]):
                    continue
                shared = len(words[i] & words[j])
                score = float(sims[row, j]) + min(0.15, 0.05 * shared)
                if score < min_similarity:
                    continue
                key = (min(i, j), max(i, j))
                pairs[key] = max(pairs.get(key, 0.0), min(1.0, score))
                taken += 1
    for i, j in nearby(statements, window):
        shared = len(words[i] & words[j])
        sim = float(embeddings[i] @ embeddings[j])
        rivals = bool(sides) and sides[i] is not None and sides[j] is not None and sides[i] != sides[j]
        if (i, j) not in pairs and (shared and sim >= min_similarity - 0.15 or rivals):
            pairs[(i, j)] = min(1.0, max(0.0, sim + min(0.15, 0.05 * shared)))
    return [(i, j, s) for (i, j), s in sorted(pairs.items())]


def nearby(statements: Sequence[Statement], window: int) -> list[tuple[int, int]]:
    """Index pairs (i < j) of comparable statements at most `window` apart in the same document's text order."""
    by_doc: dict[str, list[int]] = {}
    for i, s in enumerate(statements):
        by_doc.setdefault(s.doc_id, []).append(i)
    out = []
    for idx in by_doc.values():
        idx.sort(key=lambda i: statements[i].start)
        for x, i in enumerate(idx):
            for j in idx[x + 1:x + 1 + window]:
                if comparable(statements[i], statements[j]):
                    out.append((min(i, j), max(i, j)))
    return out
