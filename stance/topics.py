"""Group statements into topics and name each topic by its most distinctive words."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .pairs import content_words


def cluster_topics(texts: Sequence[str], embeddings: np.ndarray, distance: float = 0.75) -> list[int]:
    """Topic id per text: average-linkage clustering of the embeddings at a cosine distance threshold."""
    n = len(texts)
    if n == 0:
        return []
    if n == 1:
        return [0]
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                    distance_threshold=distance)
    return [int(x) for x in model.fit_predict(embeddings)]


def name_topics(texts: Sequence[str], labels: Sequence[int], top: int = 3) -> dict[int, str]:
    """A short name per topic: the words most frequent in it relative to the whole corpus."""
    from collections import Counter

    overall: Counter[str] = Counter()
    per: dict[int, Counter[str]] = {}
    for text, lab in zip(texts, labels):
        words = content_words(text)
        overall.update(words)
        per.setdefault(lab, Counter()).update(words)
    total = max(1, len(texts))
    names = {}
    for lab, counts in per.items():
        size = sum(1 for x in labels if x == lab)
        scored = sorted(counts, key=lambda w: (-(counts[w] / size) * np.log(1 + total / overall[w]), w))
        names[lab] = ", ".join(scored[:top]) if scored else f"topic {lab}"
    return names
