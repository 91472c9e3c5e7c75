"""How well the conflict scores separate real news claim pairs: ClaimDiff (Ko et al. 2022).

ClaimDiff pairs claims from two outlets' articles on one contentious topic and marks whether claim B weakens
claim A (ClaimDiff-W) or strengthens it (ClaimDiff-S). "Weakens" is the nearest public label to the report's
contradictions, "strengthens" to its agreements. The scores are the report's own (`contradiction_score`,
`agreement_score` over NLI in both directions); thresholds are chosen on train and applied to test.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from ..conflicts import Thresholds, agreement_score, contradiction_score
from ..schema import Relation

FILES = {("weakens", "train"): "ClaimDiff-W/ClaimDiff-weak-train.json",
         ("weakens", "test"): "ClaimDiff-W/ClaimDiff-weak-test.json",
         ("strengthens", "train"): "ClaimDiff-S/ClaimDiff-strength-train.json",
         ("strengthens", "test"): "ClaimDiff-S/ClaimDiff-strength-test.json"}


def load_claimdiff(folder: str | os.PathLike, relation: str, split: str) -> list[dict]:
    """Pairs of one ClaimDiff file: dicts with claim_a, claim_b, label (1 when the relation holds), topic."""
    path = Path(folder) / FILES[(relation, split)]
    if not path.is_file():
        raise FileNotFoundError(f"no ClaimDiff file at {path}")
    rows = json.loads(path.read_text(encoding="utf-8"))["data"]
    return [{"claim_a": r["claim_a"], "claim_b": r["claim_b"], "label": int(r["relation"]), "topic": r["topic"]}
            for r in rows if r.get("claim_a") and r.get("claim_b")]


def pair_scores(rows: Sequence[dict], scorer, relation: str) -> list[float]:
    """The report's score for each pair: contradiction for "weakens", agreement for "strengthens"."""
    both = scorer.score_both_ways([(r["claim_a"], r["claim_b"]) for r in rows])
    score = contradiction_score if relation == "weakens" else agreement_score
    return [score(Relation(a="a", b="b", ab=dict(ab), ba=dict(ba))) for ab, ba in both]


def at_threshold(labels: Sequence[int], scores: Sequence[float], threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of `score >= threshold` as a positive prediction."""
    tp = sum(1 for y, s in zip(labels, scores) if y and s >= threshold)
    pred = sum(1 for s in scores if s >= threshold)
    gold = sum(labels)
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return {"threshold": threshold, "p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "predicted": pred}


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The cut-off with the highest F1 (ties: the higher cut-off)."""
    candidates = sorted(set(round(s, 3) for s in scores))
    return max(candidates, key=lambda t: (at_threshold(labels, scores, t)["f1"], t)) if candidates else 0.5


def evaluate_claimdiff(folder: str | os.PathLike, scorer, relation: str = "weakens") -> dict:
    """Ranking quality (ROC AUC, average precision) on test, and P/R/F1 at the report's threshold and at the
    threshold that is best on train."""
    from sklearn.metrics import average_precision_score, roc_auc_score

    train, test = load_claimdiff(folder, relation, "train"), load_claimdiff(folder, relation, "test")
    s_train, s_test = pair_scores(train, scorer, relation), pair_scores(test, scorer, relation)
    y_train, y_test = [r["label"] for r in train], [r["label"] for r in test]
    default = Thresholds().contradiction if relation == "weakens" else Thresholds().agreement
    tuned = best_threshold(y_train, s_train)
    return {"relation": relation, "train pairs": len(train), "test pairs": len(test), "test positives": sum(y_test),
            "roc auc": roc_auc_score(y_test, s_test), "average precision": average_precision_score(y_test, s_test),
            "base rate": sum(y_test) / len(y_test),
            "report threshold": at_threshold(y_test, s_test, default), "train-best threshold": at_threshold(
                y_test, s_test, tuned)}
