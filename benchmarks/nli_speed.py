"""Pairs per second of NLIScorer (fp32, bf16, int8) against the plain transformers pipeline on MNLI-mismatched.

    python benchmarks/nli_speed.py [--model DIR] [--n 1000] [--batch-size 64]

Wall-clock pairs/s is the figure that counts; pairs per CPU-second (all threads) shows when other work on
the machine was slowing the run down (wall rate far below CPU rate x threads).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stance.nli import NLIScorer, check_model_folder, default_model_path  # noqa: E402

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "nli"


def load_pairs(data_dir: Path, n: int) -> list[dict[str, str]]:
    """The first n MNLI-mismatched rows (premise, hypothesis, label)."""
    from stance.training.nli_data import mnli_mismatched

    return mnli_mismatched(data_dir)[:n]


def time_scorer(model: Path, rows: list[dict], precision: str, batch_size: int, threads: int | None = None) -> dict:
    """Throughput and predictions of NLIScorer at one precision, after a one-batch warm-up."""
    scorer = NLIScorer(model, batch_size=batch_size, precision=precision, threads=threads)
    pairs = [(r["premise"], r["hypothesis"]) for r in rows]
    scorer.score(pairs[:batch_size])
    t0, c0 = time.perf_counter(), time.process_time()
    scores = scorer.score(pairs)
    return {"name": "NLIScorer", "precision": scorer.precision_, "seconds": time.perf_counter() - t0,
            "cpu_seconds": time.process_time() - c0, "pred": [max(s, key=s.get) for s in scores]}


def time_pipeline(model: Path, rows: list[dict], batch_size: int) -> dict:
    """Throughput and predictions of `transformers.pipeline("text-classification", top_k=None)` in fp32."""
    import torch
    from transformers import pipeline

    from stance.nli import canonical_label

    pipe = pipeline("text-classification", model=str(model), tokenizer=str(model), top_k=None,
                    dtype=torch.float32, device="cpu")
    inputs = [{"text": r["premise"], "text_pair": r["hypothesis"]} for r in rows]
    pipe(inputs[:batch_size], batch_size=batch_size, truncation=True)
    t0, c0 = time.perf_counter(), time.process_time()
    out = pipe(inputs, batch_size=batch_size, truncation=True)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    pred = [canonical_label(max(o, key=lambda d: d["score"])["label"]) for o in out]
    return {"name": "transformers pipeline", "precision": "fp32", "seconds": seconds, "cpu_seconds": cpu,
            "pred": pred}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a markdown table."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default=None, help="NLI model folder (default: the shipped model)")
    p.add_argument("--n", type=int, default=1000, help="number of MNLI-mismatched pairs")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--data", default=str(DATA_DIR), help="NLI data folder (../shared/data/nli)")
    p.add_argument("--precisions", nargs="*", default=["fp32", "bf16", "int8"])
    p.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    args = p.parse_args(argv)

    if not Path(args.data).is_dir():
        print(f"skipped: NLI data folder not found: {args.data}")
        return 0
    model, _ = check_model_folder(args.model or default_model_path())
    if args.threads:
        __import__("torch").set_num_threads(args.threads)
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    rows = load_pairs(Path(args.data), args.n)
    gold = [r["label"] for r in rows]
    print(f"model {model}\n{len(rows)} MNLI-mismatched pairs, batch {args.batch_size}, "
          f"{__import__('torch').get_num_threads()} torch threads\n", flush=True)

    runs = [time_pipeline(model, rows, args.batch_size)]
    runs += [time_scorer(model, rows, prec, args.batch_size, args.threads) for prec in args.precisions]
    base = runs[0]
    fp32 = next((r for r in runs[1:] if r["precision"] == "fp32"), None)
    print("| engine | precision | pairs/s | vs pipeline | pairs per CPU-second | accuracy | agrees with fp32 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in runs:
        r["rate"] = len(rows) / r["seconds"]
        r["acc"] = sum(p == g for p, g in zip(r["pred"], gold)) / len(rows)
        agree = (f"{sum(a == b for a, b in zip(r['pred'], fp32['pred'])) / len(rows):.1%}" if fp32 else "-")
        print(f"| {r['name']} | {r['precision']} | {r['rate']:.1f} | {r['rate'] / (len(rows) / base['seconds']):.2f}x"
              f" | {len(rows) / r['cpu_seconds']:.1f} | {r['acc']:.1%} | {agree} |")
    int8 = next((r for r in runs[1:] if r["precision"] == "int8"), None)
    if int8 and fp32:
        diff = (int8["acc"] - fp32["acc"]) * 100
        verdict = "keeps" if abs(diff) <= 1.0 else "does NOT keep"
        print(f"\nint8 {verdict} accuracy within one point of fp32 ({diff:+.1f} points on {len(rows)} pairs)")
    best = max(runs[1:], key=lambda r: r["rate"], default=None)
    if best:
        print(f"fastest NLIScorer: {best['precision']} at {best['rate']:.1f} pairs/s, "
              f"{best['rate'] / base['rate']:.2f}x the pipeline (targets: >= 180 pairs/s, >= 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
