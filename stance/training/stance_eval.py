"""Accuracy and macro F1 of a target-stance model on the held-out stance sets."""

from __future__ import annotations

from pathlib import Path

from .stance_data import STANCE_LABELS, stance_test


def evaluate_stance(model_path: str | None, data_root: str | Path, batch_size: int = 64,
                    limit: int | None = None) -> dict[str, dict]:
    """Per test set (its first `limit` rows): n, accuracy, macro F1 over favor/against/neutral (labels from the
    model's config)."""
    from sklearn.metrics import accuracy_score, f1_score

    from ..nli import StanceScorer

    scorer = StanceScorer(model_path, batch_size=batch_size)
    results = {}
    for name, rows in stance_test(data_root).items():
        rows = rows[:limit] if limit else rows
        if not rows:
            continue
        probs = scorer.score([(r["premise"], r["hypothesis"]) for r in rows])
        pred = [max(p, key=p.get) for p in probs]
        gold = [STANCE_LABELS[r["label"]] for r in rows]
        results[name] = {"n": len(rows), "accuracy": round(accuracy_score(gold, pred), 4),
                         "macro_f1": round(f1_score(gold, pred, average="macro"), 4)}
    return results


def format_stance_table(results: dict[str, dict]) -> str:
    """The results as the markdown table of the model card."""
    lines = ["| test set | n | accuracy | macro F1 |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {r['n']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} |" for name, r in results.items()]
    return "\n".join(lines)
