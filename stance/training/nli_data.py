"""Loaders for the local NLI sets: one per source, each returning rows of premise, hypothesis, label.

Every loader reads local files through `datasets`; labels are mapped to entailment / neutral /
contradiction, and two-way sets whose negative class cannot be honestly split are left out.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from datasets import Dataset, load_dataset

LABELS = ("entailment", "neutral", "contradiction")
Row = dict[str, str]

_LABEL_MAP = {
    "entailment": "entailment", "e": "entailment", "supports": "entailment", "entails": "entailment",
    "neutral": "neutral", "n": "neutral", "not_enough_info": "neutral", "nei": "neutral",
    "contradiction": "contradiction", "c": "contradiction", "refutes": "contradiction",
    "0": "entailment", "1": "neutral", "2": "contradiction",
}


def _label(value: object) -> str | None:
    if value is None:
        return None
    return _LABEL_MAP.get(str(value).strip().lower())


def _clean(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()


def _rows(ds: Iterable[dict], premise: str, hypothesis: str, label: str,
          label_fn: Callable[[object], str | None] = _label) -> list[Row]:
    out = []
    for r in ds:
        lab = label_fn(r.get(label))
        p, h = _clean(r.get(premise)), _clean(r.get(hypothesis))
        if lab and p and h:
            out.append({"premise": p, "hypothesis": h, "label": lab})
    return out


def _each(files: str | list[str], **kwargs) -> list[dict]:
    """Load each file on its own (schemas differ between rounds and protocols) and chain the rows."""
    out: list[dict] = []
    for f in [files] if isinstance(files, str) else files:
        out.extend(load_dataset(data_files=f, split="train", **kwargs))
    return out


def _tsv(files: str | list[str]) -> list[dict]:
    return _each(files, path="csv", delimiter="\t", quoting=csv.QUOTE_NONE, keep_default_na=False,
                 on_bad_lines="skip", encoding_errors="replace")


def _csv(files: str | list[str]) -> list[dict]:
    return _each(files, path="csv", keep_default_na=False)


def _jsonl(files: str | list[str]) -> list[dict]:
    return _each(files, path="json")


def _files(root: Path, pattern: str) -> list[str]:
    return sorted(glob.glob(str(root / pattern)))


# --- evaluation sets ---------------------------------------------------------------------------

MISMATCHED_GENRES = {"oup", "nineeleven", "letters", "verbatim", "facetoface"}


def mnli_mismatched(root: Path) -> list[Row]:
    """MNLI dev-mismatched with gold labels: the TaxiNLI rows from the mismatched genres."""
    ds = _tsv(str(root / "taxinli" / "taxinli10k.tsv"))
    return _rows((r for r in ds if r["genre"] in MISMATCHED_GENRES), "prem", "hyp", "label")


def xnli_test(root: Path) -> list[Row]:
    return _rows(_tsv(str(root / "xnli_en" / "xnli_test_en.tsv")), "premise", "hypothesis", "label")


def anli_dev(root: Path, rnd: int) -> list[Row]:
    return _rows(_csv(str(root / "anli" / f"ANLI_analysis_r{rnd}_dev.csv")), "context", "statement",
                 "gold_label")


def sick_split(root: Path, split: str) -> list[Row]:
    ds = _tsv(str(root / "sick" / "SICK.txt"))
    return _rows((r for r in ds if r["SemEval_set"] == split), "sentence_A", "sentence_B",
                 "entailment_label")


EVAL_SETS: dict[str, Callable[[Path], list[Row]]] = {
    "mnli_mm": mnli_mismatched,
    "xnli_en_test": xnli_test,
    "anli_r1": lambda root: anli_dev(root, 1),
    "anli_r2": lambda root: anli_dev(root, 2),
    "anli_r3": lambda root: anli_dev(root, 3),
    "sick_test": lambda root: sick_split(root, "TEST"),
}


# --- training sets -----------------------------------------------------------------------------

def lingnli(root: Path) -> list[Row]:
    return _rows(_jsonl(_files(root, "lingnli/*/*.jsonl")), "premise", "hypothesis", "label")


def bowman2020(root: Path) -> list[Row]:
    rows = _rows(_tsv(_files(root, "new_protocols_bowman2020/*/train.tsv")), "sentence1", "sentence2",
                 "gold_label")
    return rows + _rows(_jsonl(_files(root, "new_protocols_bowman2020/*/val.jsonl")), "sentence1",
                        "sentence2", "gold_label")


def mnli_matched(root: Path) -> list[Row]:
    return _rows(_tsv(str(root / "mnli" / "mnli_dev_matched_gold_from_hans_repo.tsv")), "premise",
                 "hypothesis", "gold_label")


def taxinli_matched_genres(root: Path) -> list[Row]:
    ds = _tsv(str(root / "taxinli" / "taxinli10k.tsv"))
    return _rows((r for r in ds if r["genre"] not in MISMATCHED_GENRES), "prem", "hyp", "label")


def snli(root: Path) -> list[Row]:
    rows = _rows(_csv(str(root / "snli" / "snli_dev.csv")), "premise", "hypothesis", "label")
    for split in ("dev", "test"):
        s1 = (root / "snli" / f"esnli_s1.{split}").read_text(encoding="utf-8").splitlines()
        s2 = (root / "snli" / f"esnli_s2.{split}").read_text(encoding="utf-8").splitlines()
        lab = (root / "snli" / f"esnli_labels.{split}").read_text(encoding="utf-8").splitlines()
        ds = Dataset.from_dict({"p": s1, "h": s2, "l": lab}).to_list()
        rows += _rows(ds, "p", "h", "l")
    return [{**r, "premise": _detok(r["premise"]), "hypothesis": _detok(r["hypothesis"])} for r in rows]


def _detok(text: str) -> str:
    return re.sub(r" ([.,!?;:'])", r"\1", text).replace(" n't", "n't")


def snli_counterfactual(root: Path) -> list[Row]:
    return _rows(_tsv(_files(root, "snli_counterfactual/all_combined/*.tsv")), "sentence1", "sentence2",
                 "gold_label")


def sick_train(root: Path) -> list[Row]:
    return sick_split(root, "TRAIN") + sick_split(root, "TRIAL")


def conjnli(root: Path) -> list[Row]:
    ds = _tsv([str(root / "conjnli" / "adversarial_train_15k.tsv"), str(root / "conjnli" / "conj_dev.tsv")])
    cols = list(ds[0])
    return _rows(ds, cols[0], cols[1], cols[2])


def misc_3way(root: Path) -> list[Row]:
    names = ["joci_train", "joci_dev", "mpe_train", "mpe_dev", "commitment_bank_train",
             "commitment_bank_dev", "fracas_train", "fracas_dev"]
    return _rows(_csv([str(root / "misc_nli_felipessalvatore" / f"{n}.csv") for n in names]), "premise",
                 "hypothesis", "label")


def negation(root: Path) -> list[Row]:
    ds = _tsv(_files(root, "negation_nli/*_negation.tsv"))
    return _rows(ds, "Text", "Hypothesis", "gold_label")


def nope(root: Path) -> list[Row]:
    return _rows(_jsonl(_files(root, "nope/*.jsonl")), "premise", "hypothesis", "label")


def breaking_nli(root: Path) -> list[Row]:
    return _rows(_jsonl(str(root / "breaking_nli" / "data" / "dataset.jsonl")), "sentence1", "sentence2",
                 "gold_label")


def fever(root: Path) -> list[Row]:
    v1 = _rows(_jsonl(_files(root, "fever_symmetric/symmetric_v0.1_*.jsonl")), "evidence_sentence",
               "claim", "label")
    v2 = _rows(_jsonl(_files(root, "fever_symmetric/symmetric_v0.2_*.jsonl")), "evidence", "claim", "label")
    return [{**r, "premise": _detok(r["premise"].replace("-LRB-", "(").replace("-RRB-", ")")),
             "hypothesis": _detok(r["hypothesis"])} for r in v1 + v2]


def climate_fever(root: Path) -> list[Row]:
    rows = []
    for claim in _jsonl(str(root / "climate_fever" / "climate-fever.jsonl")):
        for ev in claim["evidences"]:
            lab = _label(ev["evidence_label"])
            if lab:
                rows.append({"premise": _clean(ev["evidence"]), "hypothesis": _clean(claim["claim"]),
                             "label": lab})
    return rows


def healthver(root: Path) -> list[Row]:
    return _rows(_csv(_files(root, "healthver/healthver_*.csv")), "evidence", "claim", "label")


def fool_me_twice(root: Path) -> list[Row]:
    ds = _jsonl(_files(root, "fool_me_twice/*.jsonl"))
    rows = []
    for r in ds:
        ev = " ".join(e["text"] for e in r["gold_evidence"] or [])
        lab = _label(r["label"])
        if lab and ev.strip():
            rows.append({"premise": _clean(ev), "hypothesis": _clean(r["text"]), "label": lab})
    return rows


def claimdiff_train(root: Path) -> list[Row]:
    """ClaimDiff train (../claimdiff beside the NLI folder): claim B weakens A -> contradiction, strengthens A ->
    entailment, neither -> neutral. Real cross-outlet news claims; its test split (other topics) stays out."""
    folder = root.parent / "claimdiff"
    weak = {r["pair_id"]: r for r in json.loads((folder / "ClaimDiff-W" / "ClaimDiff-weak-train.json")
                                                .read_text(encoding="utf-8"))["data"]}
    strong = {r["pair_id"]: r for r in json.loads((folder / "ClaimDiff-S" / "ClaimDiff-strength-train.json")
                                                  .read_text(encoding="utf-8"))["data"]}
    rows = []
    for pid, w in weak.items():
        s = strong.get(pid)
        same = s is not None and (w["claim_a"], w["claim_b"]) == (s["claim_a"], s["claim_b"])
        if not same or w["relation"] + s["relation"] > 1:
            continue
        label = "contradiction" if w["relation"] else "entailment" if s["relation"] else "neutral"
        rows.append({"premise": _clean(w["claim_a"]), "hypothesis": _clean(w["claim_b"]), "label": label})
    return rows


# name -> (loader, passes per training run)
TRAIN_SOURCES: dict[str, tuple[Callable[[Path], list[Row]], float]] = {
    "lingnli": (lingnli, 1.0),
    "bowman2020": (bowman2020, 1.0),
    "mnli_matched": (mnli_matched, 1.0),
    "taxinli_matched_genres": (taxinli_matched_genres, 1.0),
    "negation_nli": (negation, 1.0),
    "nope": (nope, 1.0),
    "conjnli": (conjnli, 1.0),
    "snli": (snli, 1.0),
    "snli_counterfactual": (snli_counterfactual, 1.0),
    "sick_train": (sick_train, 1.0),
    "misc_3way": (misc_3way, 1.0),
    "breaking_nli": (breaking_nli, 0.5),
    "fever_symmetric": (fever, 1.0),
    "climate_fever": (climate_fever, 1.0),
    "healthver": (healthver, 1.0),
    "fool_me_twice": (fool_me_twice, 1.0),
}
# Sources a run can ask for by name (--sources) that the default mix leaves out.
OPTIONAL_SOURCES: dict[str, tuple[Callable[[Path], list[Row]], float]] = {
    "claimdiff_train": (claimdiff_train, 2.0),
}

DEV_SET = "xnli_en_validation"

# SICK's train and test splits are drawn from one shared pool of sentences by design, so a premise-level
# check would discard half of SICK train; for it only exact pairs (in either order) count as overlap.
PAIR_LEVEL_OVERLAP = {"sick_train"}


def xnli_validation(root: Path) -> list[Row]:
    """Held out for model selection: MNLI genres, not an evaluation set of ours."""
    return _rows(_tsv(str(root / "xnli_en" / "xnli_validation_en.tsv")), "premise", "hypothesis", "label")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def eval_texts(root: Path) -> tuple[set[str], set[str]]:
    """Normalised premises and pair keys of every evaluation set, to keep them out of training."""
    premises, pairs = set(), set()
    for loader in EVAL_SETS.values():
        for r in loader(root):
            premises.add(_key(r["premise"]))
            pairs.add(_key(r["premise"]) + "||" + _key(r["hypothesis"]))
    return premises, pairs


def build_training_set(root: str | os.PathLike, sources: Iterable[str] | None = None,
                       seed: int = 13) -> tuple[list[dict], dict[str, dict]]:
    """Training rows (premise, hypothesis, label id, source) with eval overlaps and duplicates dropped.

    Returns the rows and per-source statistics (rows kept, dropped for overlap, dropped as duplicates).
    """
    import random

    root = Path(root)
    names = list(sources) if sources else list(TRAIN_SOURCES)
    eval_premises, eval_pairs = eval_texts(root)
    for r in xnli_validation(root):
        eval_premises.add(_key(r["premise"]))
    seen: set[str] = set()
    rng = random.Random(seed)
    rows: list[dict] = []
    stats: dict[str, dict] = {}
    for name in names:
        loader, passes = TRAIN_SOURCES.get(name) or OPTIONAL_SOURCES[name]
        kept, overlap, dup = [], 0, 0
        for r in loader(root):
            pk, hk = _key(r["premise"]), _key(r["hypothesis"])
            pair = pk + "||" + hk
            premise_leak = pk in eval_premises and name not in PAIR_LEVEL_OVERLAP
            if premise_leak or pair in eval_pairs or hk + "||" + pk in eval_pairs:
                overlap += 1
                continue
            if pair in seen:
                dup += 1
                continue
            seen.add(pair)
            kept.append({**r, "label": LABELS.index(r["label"]), "source": name})
        n = len(kept)
        take = kept * int(passes) + rng.sample(kept, int(round((passes % 1) * n)))
        rows.extend(take)
        stats[name] = {"kept": n, "used": len(take), "dropped_eval_overlap": overlap,
                       "dropped_duplicate": dup}
    return rows, stats


SOURCE_FILES: dict[str, list[str]] = {
    "lingnli": ["lingnli/*/*.jsonl"],
    "bowman2020": ["new_protocols_bowman2020/*/train.tsv", "new_protocols_bowman2020/*/val.jsonl"],
    "mnli_matched": ["mnli/mnli_dev_matched_gold_from_hans_repo.tsv"],
    "taxinli_matched_genres": ["taxinli/taxinli10k.tsv"],
    "negation_nli": ["negation_nli/*_negation.tsv"],
    "nope": ["nope/*.jsonl"],
    "conjnli": ["conjnli/adversarial_train_15k.tsv", "conjnli/conj_dev.tsv"],
    "snli": ["snli/snli_dev.csv", "snli/esnli_*"],
    "snli_counterfactual": ["snli_counterfactual/all_combined/*.tsv"],
    "sick_train": ["sick/SICK.txt"],
    "misc_3way": [f"misc_nli_felipessalvatore/{n}_*.csv" for n in ("joci", "mpe", "commitment_bank", "fracas")],
    "breaking_nli": ["breaking_nli/data/dataset.jsonl"],
    "fever_symmetric": ["fever_symmetric/*.jsonl"],
    "climate_fever": ["climate_fever/climate-fever.jsonl"],
    "healthver": ["healthver/healthver_*.csv"],
    "fool_me_twice": ["fool_me_twice/*.jsonl"],
    "claimdiff_train": ["../claimdiff/ClaimDiff-W/ClaimDiff-weak-train.json",
                        "../claimdiff/ClaimDiff-S/ClaimDiff-strength-train.json"],
}


def training_files(root: str | os.PathLike, sources: Iterable[str] | None = None) -> list[str]:
    """The data files behind the chosen sources, relative to root, with their sha1 prefix."""
    root = Path(root)
    out = []
    for name in sources or TRAIN_SOURCES:
        for pattern in SOURCE_FILES.get(name, []):
            for f in _files(root, pattern):
                digest = hashlib.sha1(Path(f).read_bytes()).hexdigest()[:12]
                out.append(f"{os.path.relpath(f, root)} sha1:{digest}")
    return out


def load_eval_set(root: str | os.PathLike, name: str) -> list[Row]:
    return EVAL_SETS[name](Path(root))


def dump_jsonl(rows: Iterable[dict], path: str | os.PathLike) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
