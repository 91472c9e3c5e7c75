"""NLI evaluation: metrics on fixtures with known predictions, the results file, the real sets when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nli_fixtures import ROWS, make_model
from stance.nli import NLIScorer
from stance.training.nli_eval import evaluate_model, evaluate_rows, format_table, save_results

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "nli"


class StubScorer:
    """Answers a fixed label per premise, so the confusion matrix is known in advance."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers

    def score(self, pairs: list[tuple[str, str]]) -> list[dict[str, float]]:
        return [{lab: float(lab == self.answers[p]) for lab in ("entailment", "neutral", "contradiction")}
                for p, _ in pairs]


def test_metrics_on_known_predictions() -> None:
    predicted = ["entailment", "contradiction", "contradiction", "neutral", "entailment", "contradiction"]
    r = evaluate_rows(StubScorer({row["premise"]: p for row, p in zip(ROWS, predicted)}), ROWS)
    assert r["n"] == 6
    assert r["accuracy"] == pytest.approx(4 / 6)
    assert r["contradiction_precision"] == pytest.approx(2 / 3)
    assert r["contradiction_recall"] == pytest.approx(2 / 3)
    assert r["contradiction_f1"] == pytest.approx(2 / 3)
    assert r["confusion"]["neutral"]["contradiction"] == 1
    assert r["confusion"]["contradiction"]["neutral"] == 1


@pytest.fixture(scope="module")
def contradiction_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_model(tmp_path_factory.mktemp("eval") / "always_c", favour="contradiction")


def test_tiny_model_that_always_says_contradiction(contradiction_model: Path) -> None:
    r = evaluate_rows(NLIScorer(contradiction_model, precision="fp32"), ROWS)
    assert r["accuracy"] == pytest.approx(3 / 6)
    assert r["contradiction_precision"] == pytest.approx(3 / 6)
    assert r["contradiction_recall"] == pytest.approx(1.0)
    assert r["contradiction_f1"] == pytest.approx(2 / 3)
    assert r["pairs_per_s"] > 0


def _sick_fixture(root: Path) -> Path:
    cols = ["pair_ID", "sentence_A", "sentence_B", "entailment_label", "relatedness_score", "SemEval_set"]
    lines = ["\t".join(cols)]
    for i, row in enumerate(ROWS):
        lines.append("\t".join([str(i), row["premise"], row["hypothesis"], row["label"].upper(), "3.0",
                                "TEST" if i < 4 else "TRAIN"]))
    (root / "sick").mkdir(parents=True)
    (root / "sick" / "SICK.txt").write_text("\n".join(lines) + "\n")
    return root


def test_evaluate_model_on_a_fixture_set_and_write(contradiction_model: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import datasets

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf_cache")
    data = _sick_fixture(tmp_path / "data")
    results = evaluate_model(str(contradiction_model), str(data), sets=["sick_test"], write=True,
                             precision="fp32")
    sick = results["sets"]["sick_test"]
    assert sick["n"] == 4
    assert sick["accuracy"] == pytest.approx(2 / 4)
    saved = json.loads((contradiction_model / "eval_results.json").read_text())
    assert saved["sets"]["sick_test"]["n"] == 4
    assert saved["labels"] == ["contradiction", "entailment", "neutral"]
    table = format_table(results)
    assert "| sick_test | 4 | 50.0% | 50.0% | 100.0% | 66.7% |" in table
    with pytest.raises(ValueError, match="unknown evaluation set"):
        evaluate_model(str(contradiction_model), str(data), sets=["mnli_matched"])


def test_saved_results_keep_sets_not_rerun(tmp_path: Path) -> None:
    save_results({"model": "m", "sets": {"a": {"n": 1}}}, tmp_path)
    save_results({"model": "m", "sets": {"b": {"n": 2}}}, tmp_path)
    assert json.loads((tmp_path / "eval_results.json").read_text())["sets"] == {"a": {"n": 1}, "b": {"n": 2}}


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data/nli")
def test_real_eval_set_loads_and_scores(contradiction_model: Path) -> None:
    results = evaluate_model(str(contradiction_model), str(SHARED), sets=["anli_r1"], precision="fp32")
    r = results["sets"]["anli_r1"]
    assert r["n"] >= 900
    assert r["contradiction_recall"] == pytest.approx(1.0)
    assert r["accuracy"] == pytest.approx(r["contradiction_precision"])


def test_cli_set_names_are_the_eval_sets() -> None:
    from stance.cli import EVAL_SET_NAMES
    from stance.training.nli_data import EVAL_SETS

    assert list(EVAL_SET_NAMES) == list(EVAL_SETS)


def test_cli_rejects_an_unknown_set(capsys) -> None:
    from stance.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["eval-nli", "--sets", "mnli_matched"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
