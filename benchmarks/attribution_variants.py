"""Rules, tagger and their combinations scored on PolNeAR dev (and its lower-cased unpunctuated copy).

    OMP_NUM_THREADS=1 python benchmarks/attribution_variants.py --threads 1 [--tagger PATH] [--json out.json]

Speed is extraction only (models loaded beforehand), in PolNeAR articles per second of wall clock.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from table import markdown_table  # noqa: E402
DEFAULT_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"
VARIANTS = ("rules", "tagger", "quotes", "speakers", "union", "augment", "merge")


def extractor(variant: str, nlp, tagger, parallel: bool = False):
    """A `list[Document] -> list[list[Statement]]` for one variant."""
    from stance.attribution import extract_per_document

    if variant == "rules":
        return lambda docs: extract_per_document(docs, nlp)
    return lambda docs: extract_per_document(docs, nlp, tagger=tagger, mode=variant, parallel=parallel)


def row(variant: str, text: str, res: dict) -> dict:
    """The figures of one evaluation, rounded, as one table row."""
    m, acc = res["metrics"], res["attribution accuracy"]
    out = {"variant": variant, "text": text}
    for metric, short in (("content overlap", "ovl"), ("content exact", "exact")):
        for k in ("p", "r", "f1"):
            out[f"{short} {k.upper()}"] = round(m[metric]["all"][k], 3)
    out["source F1"] = round(m["source"]["all"]["f1"], 3)
    out["cue F1"] = round(m["cue"]["all"]["f1"], 3)
    out["attr acc"] = round(acc["all"]["value"], 3)
    out["ovl F1 direct"] = round(m["content overlap"]["direct/mixed"]["f1"], 3)
    out["ovl F1 indirect"] = round(m["content overlap"]["indirect"]["f1"], 3)
    out["source F1 direct"] = round(m["source"]["direct/mixed"]["f1"], 3)
    out["source F1 indirect"] = round(m["source"]["indirect"]["f1"], 3)
    out["articles/s"] = round(res["articles_per_s"], 2)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", default=str(DEFAULT_DEV))
    parser.add_argument("--tagger", default=None, help="tagger folder (default: the shipped one)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--no-plain", action="store_true", help="skip the lower-cased unpunctuated copy")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--parallel", action="store_true", help="tagger in a second thread while spaCy parses")
    parser.add_argument("--keep-uncued", action="store_true", help="tagger keeps contents without a cue")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()

    import torch

    from stance.attribution.tagger import AttributionTagger
    from stance.nlp import load_nlp
    from stance.training.attribution_data import plain_article, write_brat
    from stance.training.attribution_eval import evaluate_attribution
    from stance.training.polnear import load_polnear

    torch.set_num_threads(args.threads)
    nlp, tagger = load_nlp(), AttributionTagger(args.tagger, keep_uncued=args.keep_uncued)
    rows, raw = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        folders = {"original": Path(args.dev)}
        if not args.no_plain:
            folders["plain"] = write_brat([plain_article(a) for a in load_polnear(args.dev, limit=args.limit)], tmp)
        for text, folder in folders.items():
            for variant in args.variants:
                extract = extractor(variant, nlp, tagger, args.parallel)
                res = evaluate_attribution(folder, extract=extract, limit=args.limit)
                raw[f"{variant}/{text}"] = res
                rows.append(row(variant, text, res))
                print(markdown_table(rows[-1:]), file=sys.stderr, flush=True)
    print(f"PolNeAR dev, torch threads {args.threads}, parallel {args.parallel}, tagger {tagger.path_}\n")
    print(markdown_table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps({"threads": args.threads, "rows": rows, "results": raw}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
