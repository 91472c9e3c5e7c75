"""Command line: `stance report`, `stance statements`, `stance train-nli`, `stance eval-nli`, `eval-attribution`..."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

# The keys of stance.training.nli_data.EVAL_SETS, spelled out so that `--help` needs no `datasets` import.
EVAL_SET_NAMES = ("mnli_mm", "xnli_en_test", "anli_r1", "anli_r2", "anli_r3", "sick_test")

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")


class StanceError(Exception):
    """An error a user can act on: printed as one line, exit status 2."""


def _is_user_error(exc: Exception) -> bool:
    """Errors about the user's input or model folder, as opposed to bugs."""
    names = {"StanceError", "InputError", "NLIModelError", "TaggerModelError", "AveragingError"}
    return type(exc).__name__ in names or isinstance(exc, (FileNotFoundError, PermissionError, NotADirectoryError, IsADirectoryError))


def _default_data_dir() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "shared", "data", "nli"))


def _average_models(args: argparse.Namespace) -> int:
    from .training.averaging import average_models

    print(average_models(args.folders, args.out))
    return 0


def _train_nli(args: argparse.Namespace) -> int:
    from .training.nli_train import TrainConfig, train_nli

    cfg = TrainConfig(data_dir=args.data, out_dir=args.out, base_model=args.base, epochs=args.epochs,
                      batch_size=args.batch_size, lr=args.lr, max_length=args.max_length, seed=args.seed,
                      bf16=not args.no_bf16, freeze_embeddings=args.freeze_embeddings,
                      sources=args.sources, limit=args.limit, checkpoint_every=args.checkpoint_every,
                      eval_every=args.eval_every, threads=args.threads, task=args.task)
    if not os.path.isdir(cfg.data_dir):
        raise StanceError(f"NLI data folder not found: {cfg.data_dir}")
    if args.sources and args.task == "nli":
        from .training.nli_data import OPTIONAL_SOURCES, TRAIN_SOURCES

        known = [*TRAIN_SOURCES, *OPTIONAL_SOURCES]
        unknown = [name for name in args.sources if name not in known]
        if unknown:
            raise StanceError(f"unknown NLI source(s) {', '.join(unknown)}; choose from {', '.join(known)}")
    if args.export:
        from .training.nli_train import export_checkpoint

        print(export_checkpoint(args.out, log=lambda m: print(m, file=sys.stderr, flush=True)))
        return 0
    out = train_nli(cfg, resume=args.resume, log=lambda m: print(m, file=sys.stderr, flush=True))
    print(out)
    return 0


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _default_polnear_dir() -> str:
    return os.path.join(os.path.dirname(_default_data_dir()), "polnear")


def _train_attribution(args: argparse.Namespace) -> int:
    from .training.attribution_train import AttributionTrainConfig, export_attribution, train_attribution

    cfg = AttributionTrainConfig(data_dir=args.data, out_dir=args.out, base_model=args.base, epochs=args.epochs,
                                 batch_size=args.batch_size, lr=args.lr, max_length=args.max_length,
                                 plain=args.plain, seed=args.seed, bf16=not args.no_bf16, limit=args.limit,
                                 dropout=args.dropout,
                                 checkpoint_every=args.checkpoint_every, eval_every=args.eval_every,
                                 threads=args.threads)
    for part in ("train", "dev"):
        if not os.path.isdir(os.path.join(cfg.data_dir, part)):
            raise StanceError(f"PolNeAR {part}/ folder not found in {cfg.data_dir}")
    if args.export:
        print(export_attribution(args.out, log=_stderr))
        return 0
    print(train_attribution(cfg, resume=args.resume, log=_stderr))
    return 0


def _eval_nli(args: argparse.Namespace) -> int:
    from .training.nli_eval import evaluate_model, format_table

    if not os.path.isdir(args.data):
        raise StanceError(f"NLI data folder not found: {args.data}")
    results = evaluate_model(args.model, args.data, sets=args.sets, batch_size=args.batch_size,
                             write=args.write)
    print(format_table(results))
    return 0


def _eval_stance(args: argparse.Namespace) -> int:
    from .training.stance_eval import evaluate_stance, format_stance_table

    if not os.path.isdir(args.data):
        raise StanceError(f"stance data folder not found: {args.data}")
    if args.limit is not None and args.limit < 1:
        raise StanceError(f"--limit must be at least 1, not {args.limit}")
    print(format_stance_table(evaluate_stance(args.model, args.data, batch_size=args.batch_size, limit=args.limit)))
    return 0


def _eval_attribution(args: argparse.Namespace) -> int:
    from .training.attribution_eval import evaluate_attribution, format_attribution_table, save_attribution_results

    if args.limit is not None and args.limit < 1:
        raise StanceError(f"--limit must be at least 1, not {args.limit}")
    if args.json and not os.path.isdir(os.path.dirname(os.path.abspath(args.json))):
        raise StanceError(f"folder for --json not found: {os.path.dirname(os.path.abspath(args.json))}")
    extract = None
    if args.attribution != "rules":
        from .attribution import extract_per_document

        tagger = _tagger(args)
        nlp = None
        if args.attribution != "tagger":
            from .nlp import load_nlp

            nlp = load_nlp()

        def extract(docs):
            return extract_per_document(docs, nlp, tagger=tagger, mode=args.attribution)
    results = evaluate_attribution(args.folder, extract=extract, limit=args.limit, progress=not args.quiet)
    if args.json:
        save_attribution_results(results, args.json)
    print(format_attribution_table(results))
    return 0


def _progress(quiet: bool):
    if quiet:
        return lambda _msg: None
    return lambda msg: print(f"stance: {msg}", file=sys.stderr, flush=True)


def _report(args: argparse.Namespace) -> int:
    from .nli import NLIScorer
    from .pipeline import analyze
    from .report import write_report

    if args.targets and not os.path.isfile(args.targets):
        raise StanceError(f"targets file not found: {args.targets}")
    scorer = NLIScorer(args.model) if args.model else NLIScorer()
    analysis = analyze(args.inputs, scorer=scorer, targets=args.targets, progress=_progress(args.quiet),
                       attribution=args.attribution, tagger=_tagger(args), neighbours=args.neighbours)
    written = write_report(analysis, args.out, html=args.html)
    if not args.quiet:
        for path in written:
            print(path)
    return 0


def _statements(args: argparse.Namespace) -> int:
    import json

    from .claims import reader_claims
    from .documents import load_documents
    from .pipeline import extract_all
    from .speakers import resolve_speakers

    documents = load_documents(args.inputs)
    statements, _ = resolve_speakers(extract_all(documents, attribution=args.attribution, tagger=_tagger(args)),
                                     documents)
    statements = reader_claims(statements, documents)
    keys = ("doc_id", "speaker", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "text", "start",
            "end", "kind", "content_spans", "speaker_id", "polarity", "claim")
    for s in statements:
        d = s.to_dict()
        sys.stdout.write(json.dumps({k: d[k] for k in keys}, ensure_ascii=False) + "\n")
    return 0


def _attribution_options(parser: argparse.ArgumentParser) -> None:
    from .pipeline import ATTRIBUTION, DEFAULT_ATTRIBUTION

    parser.add_argument("--attribution", default=DEFAULT_ATTRIBUTION, choices=ATTRIBUTION,
                        help=f"who-said-what extractor: the rules, the attribution tagger, or a combination "
                             f"(default: {DEFAULT_ATTRIBUTION})")
    parser.add_argument("--tagger", default=None, help="attribution tagger folder (default: the shipped model)")


def _count(value: str) -> int:
    """argparse type: a whole number >= 0."""
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, not {value!r}")
    return int(value)


def _tagger(args: argparse.Namespace):
    """The AttributionTagger the options ask for, or None for the rules alone."""
    if args.attribution == "rules":
        return None
    from .attribution.tagger import AttributionTagger

    return AttributionTagger(args.tagger)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stance", description=__doc__)
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("report", help="write the conflict report for articles (folders, .txt, .jsonl, .csv)")
    r.add_argument("inputs", nargs="+")
    r.add_argument("--out", default="report", help="output folder (default: report/)")
    r.add_argument("--targets", default=None, help="file of propositions to take stances on, one a line")
    r.add_argument("--model", default=None, help="local NLI model folder (default: the shipped model)")
    r.add_argument("--html", action="store_true", help="also write report.html")
    r.add_argument("--quiet", action="store_true", help="no progress on stderr")
    r.add_argument("--neighbours", type=_count, default=4,
                   help="nearest statements each statement is paired with for NLI, besides its neighbours in the "
                        "text (default 4; fewer is faster and finds fewer conflicts)")
    _attribution_options(r)
    r.set_defaults(func=_report)

    st = sub.add_parser("statements", help="print one JSON object per statement found")
    st.add_argument("inputs", nargs="+")
    _attribution_options(st)
    st.set_defaults(func=_statements)

    for name, task, out, help_ in (
            ("train-nli", "nli", "models/stance-nli-minilm-l6", "train the NLI cross-encoder from the packaged MiniLM"),
            ("train-stance", "stance", "models/stance-target-minilm-l6",
             "train the target-stance cross-encoder (favor / against / neutral)")):
        t = sub.add_parser(name, help=help_)
        t.add_argument("--data", default=_default_data_dir(), help="folder of NLI data (../shared/data/nli)")
        t.add_argument("--out", default=out)
        t.add_argument("--base", default=None, help="base encoder folder (default: packaged all-MiniLM-L6-v2)")
        t.add_argument("--epochs", type=float, default=2.0)
        t.add_argument("--batch-size", type=int, default=32)
        t.add_argument("--lr", type=float, default=6e-5)
        t.add_argument("--max-length", type=int, default=128)
        t.add_argument("--seed", type=int, default=13)
        t.add_argument("--sources", nargs="*", default=None)
        t.add_argument("--limit", type=int, default=None, help="train on this many rows only")
        t.add_argument("--checkpoint-every", type=int, default=500)
        t.add_argument("--eval-every", type=int, default=2000)
        t.add_argument("--threads", type=int, default=None)
        t.add_argument("--no-bf16", action="store_true")
        t.add_argument("--freeze-embeddings", action="store_true")
        t.add_argument("--resume", action="store_true", help="continue from the last checkpoint")
        t.add_argument("--export", action="store_true", help="write the model folder from the last checkpoint and stop")
        t.set_defaults(func=_train_nli, task=task)

    av = sub.add_parser("average-models", help="average the weights of fine-tuned runs of one model (model soup)")
    av.add_argument("folders", nargs="+", help="two or more model folders with the same architecture and labels")
    av.add_argument("--out", required=True, help="folder to write the averaged model to")
    av.set_defaults(func=_average_models)

    ta = sub.add_parser("train-attribution", help="train the attribution tagger (source / cue / content) on PolNeAR")
    ta.add_argument("--data", default=_default_polnear_dir(), help="PolNeAR folder holding train/ and dev/")
    ta.add_argument("--out", default="models/stance-attribution-minilm-l6")
    ta.add_argument("--base", default=None, help="base encoder folder (default: packaged all-MiniLM-L6-v2)")
    ta.add_argument("--epochs", type=float, default=1.0)
    ta.add_argument("--batch-size", type=int, default=32)
    ta.add_argument("--lr", type=float, default=1e-4)
    ta.add_argument("--max-length", type=int, default=128, help="word pieces per window")
    ta.add_argument("--plain", type=float, default=1.0,
                    help="share of articles also trained as a lower-cased unpunctuated copy")
    ta.add_argument("--dropout", type=float, default=0.0, help="hidden and attention dropout (0: twice as fast)")
    ta.add_argument("--seed", type=int, default=13)
    ta.add_argument("--limit", type=int, default=None, help="train on this many articles only")
    ta.add_argument("--checkpoint-every", type=int, default=100)
    ta.add_argument("--eval-every", type=int, default=150, help="steps between dev evaluations (0: at the end)")
    ta.add_argument("--threads", type=int, default=None)
    ta.add_argument("--no-bf16", action="store_true")
    ta.add_argument("--resume", action="store_true", help="continue from the last checkpoint")
    ta.add_argument("--export", action="store_true", help="write the model folder from the best checkpoint and stop")
    ta.set_defaults(func=_train_attribution)

    e = sub.add_parser("eval-nli", help="accuracy and contradiction P/R/F1 on the NLI evaluation sets")
    e.add_argument("--model", default=None, help="local NLI model folder (default: the shipped model)")
    e.add_argument("--data", default=_default_data_dir())
    e.add_argument("--sets", nargs="*", default=None, choices=EVAL_SET_NAMES, metavar="SET",
                   help=f"evaluation sets to run (default: all of {', '.join(EVAL_SET_NAMES)})")
    e.add_argument("--batch-size", type=int, default=64)
    e.add_argument("--write", action="store_true", help="save the results as eval_results.json in the model folder")
    e.set_defaults(func=_eval_nli)

    es = sub.add_parser("eval-stance", help="accuracy and macro F1 of a target-stance model on the stance test sets")
    es.add_argument("--model", default=None, help="local stance model folder (default: the shipped model)")
    es.add_argument("--data", default=os.path.dirname(_default_data_dir()),
                    help="folder holding newsmtsc/, nli/perspectrum_stance/ and ibm_claim_stance/ (../shared/data)")
    es.add_argument("--limit", type=int, default=None, help="score the first N rows of each set only")
    es.add_argument("--batch-size", type=int, default=64)
    es.set_defaults(func=_eval_stance)

    a = sub.add_parser("eval-attribution",
                       help="content, source and cue P/R/F1 of the attribution extractor on a PolNeAR folder")
    a.add_argument("folder", help="a PolNeAR compartment holding text/ and attributions/ (../shared/data/polnear/dev)")
    a.add_argument("--limit", type=int, default=None, help="score the first N articles only")
    a.add_argument("--json", default=None, help="also save the results to this JSON file")
    a.add_argument("--quiet", action="store_true", help="no progress on stderr")
    _attribution_options(a)
    a.set_defaults(func=_eval_attribution)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(format="stance: warning: %(message)s", level=logging.WARNING)
    try:
        return args.func(args)
    except Exception as exc:  # every failure becomes one line unless --debug
        if args.debug:
            raise
        if _is_user_error(exc):
            print(f"stance: error: {exc}", file=sys.stderr)
            return 2
        print(f"stance: error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
