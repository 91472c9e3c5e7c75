"""NLIScorer on tiny local models: label order from config, batching order, broken folders, default path."""

from __future__ import annotations

import json
import shutil
import sys
import tomllib
from pathlib import Path

import pytest

from nli_fixtures import SHUFFLED, make_model
from stance import nli
from stance.nli import LABELS, NLIModelError, NLIScorer, default_model_path, labels_from_config

REPO = Path(__file__).resolve().parent.parent
PAIRS = [
    ("the man is playing a guitar .", "a man is playing ."),
    ("a dog .", "the dog is running in the park and the cat is sleeping at home ."),
    ("the woman is eating food in the park .", "no woman is eating ."),
    ("a child is running at home , the dog is sleeping .", "the child is not running ."),
    ("the cat is sleeping on a dog .", "a cat is sleeping ."),
    ("the man was at home .", "the man was never at home !"),
    ("a", "the"),
]


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("nli_models")
    out = {name: make_model(root / name, favour=name) for name in LABELS}
    out["random"] = make_model(root / "random", seed=1)
    return out


@pytest.fixture(scope="module")
def random_scorer(models: dict[str, Path]) -> NLIScorer:
    return NLIScorer(models["random"], precision="fp32", batch_size=3)


@pytest.mark.parametrize("favour", LABELS)
def test_probabilities_follow_config_id2label(models: dict[str, Path], favour: str) -> None:
    scorer = NLIScorer(models[favour], precision="fp32")
    assert scorer.labels == tuple(SHUFFLED[i] for i in range(3))
    for s in scorer.score(PAIRS):
        assert set(s) == set(LABELS)
        assert sum(s.values()) == pytest.approx(1.0, abs=1e-5)
        assert max(s, key=s.get) == favour and s[favour] > 0.9
    assert scorer.predict(PAIRS[:2]) == [favour, favour]


@pytest.mark.parametrize("precision", ["bf16", "int8", "auto"])
def test_other_precisions_agree_on_the_winner(models: dict[str, Path], precision: str) -> None:
    scorer = NLIScorer(models["neutral"], precision=precision)
    assert scorer.precision_ in ("bf16", "fp32", "int8")
    assert scorer.predict(PAIRS) == ["neutral"] * len(PAIRS)


def test_batches_sorted_by_length_come_back_in_input_order(random_scorer: NLIScorer) -> None:
    batched = random_scorer.score(PAIRS)
    alone = [random_scorer.score([p])[0] for p in PAIRS]
    assert len({round(s["entailment"], 5) for s in alone}) > 1
    for a, b in zip(batched, alone):
        assert a == pytest.approx(b, abs=1e-5)


def test_score_both_ways_returns_forward_then_backward(random_scorer: NLIScorer) -> None:
    both = random_scorer.score_both_ways(PAIRS)
    forward = random_scorer.score(PAIRS)
    backward = random_scorer.score([(b, a) for a, b in PAIRS])
    assert any(abs(f["contradiction"] - b["contradiction"]) > 1e-4 for f, b in zip(forward, backward))
    assert len(both) == len(PAIRS)
    for (ab, ba), f, b in zip(both, forward, backward):
        assert ab == pytest.approx(f, abs=1e-5)
        assert ba == pytest.approx(b, abs=1e-5)


def test_empty_in_empty_out_and_bad_pairs(random_scorer: NLIScorer) -> None:
    assert random_scorer.score([]) == []
    assert random_scorer.score_both_ways([]) == []
    with pytest.raises(TypeError, match="wrap a single pair"):
        random_scorer.score(("a premise", "a hypothesis"))
    with pytest.raises(TypeError, match="pair 1"):
        random_scorer.score([("a", "b"), ("only one",)])


def test_bad_settings_are_refused(models: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match="precision"):
        NLIScorer(models["random"], precision="fp16")


def _broken(src: Path, dst: Path, how: str) -> Path:
    shutil.copytree(src, dst)
    cfg_path = dst / "config.json"
    cfg = json.loads(cfg_path.read_text())
    if how == "no_weights":
        (dst / "model.safetensors").rename(dst / "pytorch_model.bin")
    elif how == "no_tokenizer":
        for f in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
            (dst / f).unlink(missing_ok=True)
    elif how == "no_config":
        cfg_path.unlink()
    elif how == "no_id2label":
        cfg.pop("id2label")
    elif how == "generic":
        cfg["id2label"] = {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"}
    elif how == "sentiment":
        cfg["id2label"] = {"0": "negative", "1": "neutral", "2": "positive"}
    elif how == "two_way":
        cfg["id2label"] = {"0": "entailment", "1": "not_entailment"}
    if cfg_path.exists():
        cfg_path.write_text(json.dumps(cfg))
    return dst


@pytest.mark.parametrize("how, message", [
    ("no_weights", "safetensors"),
    ("no_tokenizer", "no tokenizer files"),
    ("no_config", "no config.json"),
    ("no_id2label", "no id2label"),
    ("generic", "generic labels"),
    ("sentiment", "not the 3 NLI labels"),
    ("two_way", "2-way model"),
])
def test_broken_folders_are_refused_in_one_line(models: dict[str, Path], tmp_path: Path, how: str,
                                                message: str) -> None:
    folder = _broken(models["random"], tmp_path / how, how)
    with pytest.raises(NLIModelError, match=message) as err:
        NLIScorer(folder)
    assert "\n" not in str(err.value)


def test_missing_path_and_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NLIModelError, match="not found"):
        NLIScorer(tmp_path / "nowhere")
    (tmp_path / "model.safetensors").write_bytes(b"")
    with pytest.raises(NLIModelError, match="must be a folder"):
        NLIScorer(tmp_path / "model.safetensors")


def test_label_names_are_normalised() -> None:
    assert labels_from_config({"0": "CONTRADICTION", "1": "Entailment", "2": "neutral"}) == (
        "contradiction", "entailment", "neutral")
    assert labels_from_config({0: "entail", 1: "Neutral", 2: "contradict"}) == LABELS
    with pytest.raises(NLIModelError, match="not the 3 NLI labels"):
        labels_from_config({0: "entailment", 1: "entailment", 2: "contradiction"})


def test_default_model_path_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STANCE_NLI_MODEL", str(tmp_path / "from_env"))
    assert default_model_path() == tmp_path / "from_env"
    monkeypatch.delenv("STANCE_NLI_MODEL")
    monkeypatch.setattr(nli, "__file__", str(tmp_path / "site" / "stance" / "nli.py"))
    installed = tmp_path / "site" / "stance_models" / nli.MODEL_NAME
    installed.mkdir(parents=True)
    (installed.parent / "__init__.py").write_text('"""models"""\n')
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.delitem(sys.modules, "stance_models", raising=False)
    assert default_model_path() == installed
    checkout = tmp_path / "site" / "models" / nli.MODEL_NAME
    checkout.mkdir(parents=True)
    assert default_model_path() == checkout


def test_pyproject_ships_models_and_every_subpackage() -> None:
    tool = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "stance").rglob("__init__.py")}
    assert on_disk <= set(tool["packages"]), f"add to [tool.setuptools] packages: {on_disk - set(tool['packages'])}"
    assert tool["package-dir"]["stance_models"] == "models"
    assert (REPO / "models" / "__init__.py").is_file()
    patterns = tool["package-data"]["stance_models"]
    assert any(Path(f"{nli.MODEL_NAME}/model.safetensors").match(p) for p in patterns)
    assert not any(Path(f"{nli.MODEL_NAME}.checkpoints/last.pt").match(p) for p in patterns)


def test_long_pairs_are_truncated_to_what_the_model_allows(random_scorer: NLIScorer) -> None:
    long = " ".join(["the man is playing a guitar in the park ."] * 40)
    assert random_scorer.max_length_ == 64
    assert len(random_scorer.score([(long, long), ("a", "the")])) == 2
