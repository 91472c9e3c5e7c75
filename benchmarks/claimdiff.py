"""Conflict and agreement scores on real news claim pairs (ClaimDiff test): ROC AUC, AP, P/R/F1.

    python benchmarks/claimdiff.py [--data ../shared/data/claimdiff] [--model DIR]

"weakens" is scored with the report's contradiction score, "strengthens" with its agreement score;
"train-best" applies the cut-off with the best F1 on ClaimDiff train to test.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from table import markdown_table  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "claimdiff"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(DEFAULT))
    parser.add_argument("--model", default=None, help="NLI model folder (default: the shipped model)")
    args = parser.parse_args()
    if not Path(args.data).is_dir():
        print(f"skipping: no ClaimDiff at {args.data}", file=sys.stderr)
        return 0

    from stance.nli import NLIScorer
    from stance.training.claimdiff import evaluate_claimdiff

    scorer = NLIScorer(args.model) if args.model else NLIScorer()
    rows = []
    for relation in ("weakens", "strengthens"):
        res = evaluate_claimdiff(args.data, scorer, relation)
        for name in ("report threshold", "train-best threshold"):
            at = res[name]
            rows.append({"relation": relation, "test pairs": res["test pairs"], "positives": res["test positives"],
                         "ROC AUC": f"{res['roc auc']:.3f}", "AP": f"{res['average precision']:.3f}",
                         "base rate": f"{res['base rate']:.3f}", "cut-off": f"{name.split()[0]} {at['threshold']:.3f}",
                         "P": f"{at['p']:.3f}", "R": f"{at['r']:.3f}", "F1": f"{at['f1']:.3f}",
                         "predicted": at["predicted"]})
    print(f"ClaimDiff test, model {scorer.path_}\n")
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
