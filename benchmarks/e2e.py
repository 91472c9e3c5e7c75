"""End-to-end speed: articles/s and scored pairs for `stance.analyze` on the seeds and the BBC politics set.

    python benchmarks/e2e.py [--bbc PATH] [--limit N] [--attribution rules|augment|...]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from table import markdown_table  # noqa: E402
DEFAULT_BBC = ROOT.parent / "shared" / "data" / "bbc_politics"


def run(name: str, paths: list[str], scorer, stance_scorer, attribution: str, tagger) -> dict:
    """Time one analysis; the stage timings come from the pipeline's progress messages."""
    import stance

    t0 = time.perf_counter()
    analysis = stance.analyze(paths, scorer=scorer, stance_scorer=stance_scorer, attribution=attribution,
                              tagger=tagger)
    seconds = time.perf_counter() - t0
    n = len(analysis.documents)
    return {"set": name, "attribution": attribution, "articles": n, "statements": len(analysis.statement_list),
            "speakers": len(analysis.speaker_list), "pairs scored": len(analysis.relation_list),
            "conflicts": len(analysis.conflict_list), "seconds": round(seconds, 1),
            "articles/s": round(n / seconds, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bbc", default=str(DEFAULT_BBC))
    parser.add_argument("--limit", type=int, default=None, help="use only the first N BBC articles")
    parser.add_argument("--attribution", default=None, help="extractor (default: the pipeline's default)")
    args = parser.parse_args()

    from stance.nli import NLIScorer, StanceScorer
    from stance.pipeline import DEFAULT_ATTRIBUTION
    from stance.nlp import load_nlp

    t0 = time.perf_counter()
    scorer, stance_scorer = NLIScorer(), StanceScorer()
    load_nlp()
    from stance.embeddings import load_encoder

    load_encoder()
    attribution = args.attribution or DEFAULT_ATTRIBUTION
    tagger = None
    if attribution != "rules":
        from stance.attribution.tagger import AttributionTagger

        tagger = AttributionTagger()
    print(f"models loaded in {time.perf_counter() - t0:.1f}s (not counted below)", file=sys.stderr)
    rows = [run("seeds", [str(ROOT / "seeds")], scorer, stance_scorer, attribution, tagger)]
    bbc = Path(args.bbc)
    if bbc.is_dir():
        files = sorted(str(p) for p in bbc.glob("*.txt"))[: args.limit]
        rows.append(run(f"bbc_politics ({len(files)})", files, scorer, stance_scorer, attribution, tagger))
    else:
        print(f"skipping BBC politics: {bbc} not found", file=sys.stderr)
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
