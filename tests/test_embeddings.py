"""The packaged MiniLM encoder: one cached copy, unit vectors, bf16 close to fp32."""

from __future__ import annotations

import numpy as np

from stance.embeddings import embed, encoder_path, load_encoder

TEXTS = ["Turkey will not back down on the missile purchase.",
         "Ankara said it would go ahead with buying the S-400 system.",
         "The central bank raised interest rates by half a point."]


def test_the_encoder_is_loaded_once_whatever_the_path_spelling() -> None:
    assert load_encoder() is load_encoder(None) is load_encoder(encoder_path())


def test_embeddings_are_unit_rows_and_bf16_keeps_the_neighbours() -> None:
    fp32, bf16 = embed(TEXTS, precision="fp32"), embed(TEXTS, precision="bf16")
    assert fp32.shape == bf16.shape == (3, 384)
    assert np.allclose(np.linalg.norm(bf16, axis=1), 1.0, atol=1e-4)
    assert np.abs(fp32 @ fp32.T - bf16 @ bf16.T).max() < 0.02
    sims = fp32 @ fp32.T
    assert sims[0, 1] > sims[0, 2] and sims[0, 1] > sims[1, 2]
    assert embed([]).shape == (0, 384)


def test_loading_the_models_prints_nothing(capfd) -> None:
    """`stance report --quiet` must stay quiet: no weight-loading progress bars from transformers."""
    from stance.attribution.tagger import AttributionTagger
    from stance.embeddings import _load
    from stance.nli import NLIScorer

    capfd.readouterr()
    _load.__wrapped__(str(encoder_path()), True)
    NLIScorer()
    AttributionTagger()._load()
    assert capfd.readouterr().err == ""
