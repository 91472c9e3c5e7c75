"""Score candidate pairs with the NLI model in both directions."""

from __future__ import annotations

from collections.abc import Sequence

from .schema import Relation, Statement


def claim_text(s: Statement) -> str:
    """What the NLI model reads for a statement: the reader's claim, else the content."""
    return (s.claim or s.text).strip()


def score_pairs(statements: Sequence[Statement], pairs: Sequence[tuple[int, int, float]], scorer,
                topics: Sequence[str | None] | None = None) -> list[Relation]:
    """One Relation per candidate pair, with NLI probabilities a->b and b->a."""
    if not pairs:
        return []
    texts = [(claim_text(statements[i]), claim_text(statements[j])) for i, j, _ in pairs]
    both = scorer.score_both_ways(texts)
    out = []
    for (i, j, sim), (ab, ba) in zip(pairs, both):
        topic = topics[i] if topics else None
        out.append(Relation(a=statements[i].id, b=statements[j].id, ab=dict(ab), ba=dict(ba), topic=topic,
                            similarity=round(float(sim), 4)))
    return out
