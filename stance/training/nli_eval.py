"""Accuracy and contradiction precision/recall/F1 of an NLI model on the local evaluation sets."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from ..nli import LABELS, NLIScorer, canonical_label

RESULTS_FILE = "eval_results.json"


class Scorer(Protocol):
    """Anything with NLIScorer's `score`: pairs in, one {label: probability} dict per pair out."""

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]: ...


def _gold(label: object) -> str:
    if isinstance(label, int) and not isinstance(label, bool) and 0 <= label < len(LABELS):
        return LABELS[label]
    name = canonical_label(str(label))
    if name is None:
        raise ValueError(f"gold label {label!r} is not an NLI label")
    return name


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def evaluate_rows(scorer: Scorer, rows: Sequence[dict]) -> dict:
    """Score rows of premise/hypothesis/label; return n, accuracy, contradiction P/R/F1, confusion, pairs/s."""
    gold = [_gold(r["label"]) for r in rows]
    t0 = time.perf_counter()
    scores = scorer.score([(r["premise"], r["hypothesis"]) for r in rows])
    seconds = time.perf_counter() - t0
    pred = [max(s, key=s.get) for s in scores]
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, pred):
        confusion[g][p] += 1
    tp = confusion["contradiction"]["contradiction"]
    precision = _ratio(tp, sum(confusion[g]["contradiction"] for g in LABELS))
    recall = _ratio(tp, sum(confusion["contradiction"].values()))
    return {
        "n": len(rows),
        "accuracy": _ratio(sum(g == p for g, p in zip(gold, pred)), len(rows)),
        "contradiction_precision": precision,
        "contradiction_recall": recall,
        "contradiction_f1": _ratio(2 * precision * recall, precision + recall),
        "confusion": confusion,
        "pairs_per_s": _ratio(len(rows), seconds) if seconds > 0 else 0.0,
    }


def evaluate_model(model_path: str | os.PathLike | None, data_dir: str | os.PathLike,
                   sets: list[str] | None = None, batch_size: int = 64, write: bool = False,
                   precision: str = "auto") -> dict:
    """Evaluate a model folder (default: the shipped model) on the chosen EVAL_SETS; optionally save the results."""
    from .nli_data import EVAL_SETS

    names = list(sets) if sets else list(EVAL_SETS)
    unknown = [n for n in names if n not in EVAL_SETS]
    if unknown:
        raise ValueError(f"unknown evaluation set(s) {unknown}; choose from {list(EVAL_SETS)}")
    scorer = NLIScorer(model_path, batch_size=batch_size, precision=precision)
    results = {
        "model": str(scorer.path_),
        "labels": list(scorer.labels),
        "precision": scorer.precision_,
        "batch_size": batch_size,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "sets": {name: evaluate_rows(scorer, EVAL_SETS[name](Path(data_dir))) for name in names},
    }
    if write:
        save_results(results, scorer.path_)
    return results


def save_results(results: dict, folder: str | os.PathLike) -> Path:
    """Write eval_results.json in the model folder, keeping earlier results for sets not re-run."""
    path = Path(folder) / RESULTS_FILE
    merged = dict(results)
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
            merged["sets"] = {**old.get("sets", {}), **results["sets"]}
        except (OSError, ValueError):
            pass
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def format_table(results: dict) -> str:
    """A markdown table of the results of evaluate_model, one row per evaluation set."""
    lines = [f"model: {results.get('model', '?')} ({results.get('precision', '?')})", "",
             "| set | n | accuracy | contradiction P | contradiction R | contradiction F1 | pairs/s |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in results["sets"].items():
        lines.append(f"| {name} | {r['n']} | {r['accuracy']:.1%} | {r['contradiction_precision']:.1%} | "
                     f"{r['contradiction_recall']:.1%} | {r['contradiction_f1']:.1%} | {r['pairs_per_s']:.0f} |")
    return "\n".join(lines)
