"""ClaimDiff scoring of the report's conflict and agreement scores (loader, thresholds, evaluation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance.training.claimdiff import at_threshold, best_threshold, evaluate_claimdiff, load_claimdiff

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "claimdiff"


def _write(folder: Path, relation_dir: str, name: str, rows: list[tuple[str, str, int]]) -> None:
    (folder / relation_dir).mkdir(parents=True, exist_ok=True)
    data = [{"topic": "t", "date": "", "pair_id": i, "claim_a": a, "claim_b": b, "article_a": "", "article_b": "",
             "relation": y, "rationale": []} for i, (a, b, y) in enumerate(rows)]
    (folder / relation_dir / name).write_text(json.dumps({"data": data, "ver": "1.0"}), encoding="utf-8")


class ByWords:
    """Contradiction when the hypothesis holds "not", entailment when the two texts are equal."""

    def score_both_ways(self, pairs):
        def one(a: str, b: str) -> dict[str, float]:
            c = 0.9 if "not" in b.split() else 0.05
            e = 0.9 if a == b else 0.05
            return {"contradiction": c, "entailment": e, "neutral": max(0.0, 1 - c - e)}
        return [(one(a, b), one(b, a)) for a, b in pairs]


def test_thresholds_give_the_right_precision_recall_and_best_cut():
    labels, scores = [1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1]
    assert at_threshold(labels, scores, 0.5) == {"threshold": 0.5, "p": 0.5, "r": 0.5, "f1": 0.5, "predicted": 2}
    assert best_threshold(labels, scores) == 0.4


def test_evaluation_on_a_small_folder(tmp_path):
    rows = [("a", "it is not so", 1), ("b", "it is so", 0), ("c", "not at all", 1), ("d", "fine", 0)]
    _write(tmp_path, "ClaimDiff-W", "ClaimDiff-weak-train.json", rows)
    _write(tmp_path, "ClaimDiff-W", "ClaimDiff-weak-test.json", rows)
    res = evaluate_claimdiff(tmp_path, ByWords(), "weakens")
    assert res["roc auc"] == 1.0 and res["test positives"] == 2
    assert res["report threshold"]["f1"] == 1.0
    with pytest.raises(FileNotFoundError, match="no ClaimDiff file"):
        evaluate_claimdiff(tmp_path, ByWords(), "strengthens")


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/claimdiff is absent")
def test_real_claimdiff_test_counts():
    test = load_claimdiff(REAL, "weakens", "test")
    assert len(test) == 1084 and sum(r["label"] for r in test) == 238
    assert sum(r["label"] for r in load_claimdiff(REAL, "strengthens", "test")) == 614


def test_claimdiff_train_becomes_three_way_nli_rows(tmp_path):
    from stance.training.nli_data import claimdiff_train

    pairs = [("a", "b"), ("c", "d"), ("e", "f"), ("g", "h")]
    _write(tmp_path / "claimdiff", "ClaimDiff-W", "ClaimDiff-weak-train.json",
           [(a, b, y) for (a, b), y in zip(pairs, [1, 0, 0, 1])])
    _write(tmp_path / "claimdiff", "ClaimDiff-S", "ClaimDiff-strength-train.json",
           [(a, b, y) for (a, b), y in zip(pairs, [0, 1, 0, 1])])
    rows = claimdiff_train(tmp_path / "nli")
    assert [(r["premise"], r["label"]) for r in rows] == [("a", "contradiction"), ("c", "entailment"),
                                                          ("e", "neutral")]
