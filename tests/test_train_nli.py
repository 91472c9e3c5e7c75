"""A few training steps on fixture rows write a model folder that NLIScorer loads."""

from __future__ import annotations

import json
from pathlib import Path

from safetensors import safe_open

from nli_fixtures import ROWS, make_model
from stance.nli import LABELS, NLIScorer
from stance.training.nli_train import TrainConfig, train_nli


def test_train_nli_on_fixture_rows_writes_a_loadable_folder(tmp_path: Path) -> None:
    base = make_model(tmp_path / "base", seed=3)
    cfg = TrainConfig(data_dir=str(tmp_path / "no_data"), out_dir=str(tmp_path / "out" / "nli"),
                      base_model=str(base), epochs=20, batch_size=6, lr=1e-2, warmup=0.0, max_length=32,
                      checkpoint_every=1000, eval_every=1000, threads=1, bf16=False)
    out = train_nli(cfg, rows=ROWS, log=lambda _: None)

    assert out == tmp_path / "out" / "nli"
    config = json.loads((out / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(3)] == list(LABELS)
    assert (out / "tokenizer.json").is_file()
    with safe_open(str(out / "model.safetensors"), framework="pt") as f:
        assert {str(f.get_tensor(k).dtype) for k in f.keys()} == {"torch.float16"}
    meta = json.loads((out / "training.json").read_text())
    assert meta["training_rows"] == len(ROWS) and meta["steps"] == 20
    assert meta["sources"] == {"given": {"kept": len(ROWS), "used": len(ROWS)}}

    scorer = NLIScorer(out, precision="fp32")
    assert scorer.labels == LABELS
    scores = scorer.score([(r["premise"], r["hypothesis"]) for r in ROWS])
    assert [max(s, key=s.get) for s in scores] == [r["label"] for r in ROWS]
    assert sum(s[r["label"]] for s, r in zip(scores, ROWS)) / len(ROWS) > 0.6


def test_training_continues_from_a_shipped_fp16_folder_with_bf16(tmp_path: Path) -> None:
    base = make_model(tmp_path / "base", seed=3)
    first = TrainConfig(data_dir=str(tmp_path / "no_data"), out_dir=str(tmp_path / "first"), base_model=str(base),
                        epochs=2, batch_size=6, lr=1e-3, warmup=0.0, max_length=32, checkpoint_every=1000,
                        eval_every=1000, threads=1, bf16=False)
    fp16 = train_nli(first, rows=ROWS, log=lambda _: None)
    second = TrainConfig(**{**first.__dict__, "base_model": str(fp16), "out_dir": str(tmp_path / "second"),
                            "bf16": True})
    out = train_nli(second, rows=ROWS, log=lambda _: None)
    assert json.loads((out / "training.json").read_text())["steps"] == 2
    assert len(NLIScorer(out, precision="fp32").score([("a", "b")])) == 1


def test_averaging_two_runs_writes_their_mean_as_a_loadable_fp16_folder(tmp_path: Path) -> None:
    from safetensors.torch import load_file

    from stance.training.averaging import average_models

    a, b = make_model(tmp_path / "a", seed=1), make_model(tmp_path / "b", seed=2)
    (a / "training.json").write_text(json.dumps({"training_files": ["x sha1:1"], "steps": 5}))
    out = average_models([a, b], tmp_path / "soup")
    wa, wb, mean = (load_file(str(f / "model.safetensors")) for f in (a, b, out))
    key = "classifier.weight"
    expected = (wa[key].double() + wb[key].double()) / 2
    assert mean[key].dtype.is_floating_point and str(mean[key].dtype) == "torch.float16"
    assert float((mean[key].double() - expected).abs().max()) < 1e-3
    assert not (mean[key].double() - wa[key].double()).abs().max() < 1e-3
    meta = json.loads((out / "training.json").read_text())
    assert [m["folder"] for m in meta["averaged_from"]] == [str(a), str(b)] and meta["training_files"] == ["x sha1:1"]
    assert sorted(NLIScorer(out, precision="fp32").labels) == sorted(LABELS)


def test_averaging_refuses_folders_with_other_labels_or_weights(tmp_path: Path) -> None:
    import pytest

    from stance.cli import main
    from stance.training.averaging import AveragingError, average_models

    a = make_model(tmp_path / "a", seed=1)
    other = make_model(tmp_path / "other", id2label={0: "entailment", 1: "neutral", 2: "contradiction"})
    with pytest.raises(AveragingError, match="other labels"):
        average_models([a, other], tmp_path / "soup")
    with pytest.raises(AveragingError, match="not a model folder"):
        average_models([a, tmp_path], tmp_path / "soup")
    assert main(["average-models", str(a), "--out", str(tmp_path / "soup")]) == 2
    assert not (tmp_path / "soup").exists() and not (tmp_path / "soup.tmp").exists()
