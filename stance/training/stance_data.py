"""Stance data: is a text for, against, or neutral toward a target (an entity or a proposition)?

Three public sets, read from ../shared/data: NewsMTSC (sentiment toward a person in political news),
PERSPECTRUM (perspectives that support or undermine a debate claim) and IBM Claim Stance (claims PRO or
CON a motion). Unrelated text/target pairs are added as neutral so the model learns to abstain.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections.abc import Iterable
from pathlib import Path

STANCE_LABELS = ("against", "neutral", "favor")
Row = dict


def _row(text: str, target: str, label: str, source: str) -> Row:
    return {"premise": re.sub(r"\s+", " ", text).strip(), "hypothesis": re.sub(r"\s+", " ", target).strip(),
            "label": STANCE_LABELS.index(label), "source": source}


def newsmtsc(root: Path, files: Iterable[str] = ("train.jsonl",)) -> list[Row]:
    """Sentence -> mentioned person; polarity 2 = against, 4 = neutral, 6 = favor."""
    names = {2.0: "against", 4.0: "neutral", 6.0: "favor"}
    rows = []
    for name in files:
        for line in (root / "newsmtsc" / name).read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            for t in d["targets"]:
                if t.get("polarity") in names:
                    rows.append(_row(d["sentence_normalized"], t["mention"], names[t["polarity"]], "newsmtsc"))
    return rows


def perspectrum(root: Path, splits: tuple[str, ...] = ("train",), seed: int = 13) -> list[Row]:
    """Perspective -> claim: SUPPORT = favor, UNDERMINE = against; a random other claim = neutral."""
    folder = root / "nli" / "perspectrum_stance"
    claims = json.loads((folder / "perspectrum_with_answers_v1.0.json").read_text(encoding="utf-8"))
    pool = {p["pId"]: p["text"] for p in json.loads((folder / "perspective_pool_v1.0.json").read_text("utf-8"))}
    split = json.loads((folder / "dataset_split_v1.0.json").read_text(encoding="utf-8"))
    label = {"SUPPORT": "favor", "UNDERMINE": "against"}
    chosen = [c for c in claims if split.get(str(c["cId"])) in splits]
    rng = random.Random(seed)
    rows = []
    for c in chosen:
        for cluster in c["perspectives"]:
            lab = label.get(cluster["stance_label_3"])
            for pid in cluster["pids"]:
                if lab and pid in pool:
                    rows.append(_row(pool[pid], c["text"], lab, "perspectrum"))
                    other = rng.choice(chosen)
                    if other["cId"] != c["cId"] and rng.random() < 0.4:
                        rows.append(_row(pool[pid], other["text"], "neutral", "perspectrum"))
    return rows


def ibm_claim_stance(root: Path, splits: tuple[str, ...] = ("train",), seed: int = 13) -> list[Row]:
    """Claim -> motion: PRO = favor, CON = against; a claim against another motion = neutral."""
    raw = (root / "ibm_claim_stance" / "claim_stance_dataset_v1.csv").read_text(encoding="utf-8", errors="replace")
    lines = []
    for line in raw.splitlines():
        line = line.rstrip(";")
        if line.startswith('"') and line.endswith('"'):
            line = line[1:-1].replace('""', '"')
        lines.append(line)
    table = list(csv.DictReader(io.StringIO("\n".join(lines))))
    chosen = [r for r in table if r.get("split") in splits]
    motions = sorted({r["topicText"] for r in chosen})
    rng = random.Random(seed)
    rows = []
    for r in chosen:
        lab = {"PRO": "favor", "CON": "against"}.get(r.get("claims.stance", ""))
        text = r.get("claims.claimCorrectedText") or ""
        if not lab or not text:
            continue
        rows.append(_row(text, r["topicText"], lab, "ibm_claim_stance"))
        other = rng.choice(motions)
        if other != r["topicText"] and rng.random() < 0.5:
            rows.append(_row(text, other, "neutral", "ibm_claim_stance"))
    return rows


def build_stance_set(root: str | Path, seed: int = 13) -> tuple[list[Row], dict[str, dict]]:
    """Training rows from the train splits of the three sets, with per-source counts."""
    root = Path(root)
    rows: list[Row] = []
    stats: dict[str, dict] = {}
    seen: set[tuple[str, str]] = set()
    for name, rs in (("newsmtsc", newsmtsc(root)), ("perspectrum", perspectrum(root, seed=seed)),
                     ("ibm_claim_stance", ibm_claim_stance(root, seed=seed))):
        kept = []
        for r in rs:
            key = (r["premise"].lower(), r["hypothesis"].lower())
            if key not in seen:
                seen.add(key)
                kept.append(r)
        rows.extend(kept)
        stats[name] = {"kept": len(kept), "used": len(kept),
                       "labels": {lab: sum(1 for r in kept if r["label"] == i) for i, lab in enumerate(STANCE_LABELS)}}
    return rows, stats


def stance_dev(root: str | Path) -> list[Row]:
    """Held-out rows for model selection: NewsMTSC devtest_rw and PERSPECTRUM dev."""
    root = Path(root)
    return newsmtsc(root, ("devtest_rw.jsonl",)) + perspectrum(root, ("dev",))


def stance_test(root: str | Path) -> dict[str, list[Row]]:
    """Test sets: NewsMTSC devtest_mt, PERSPECTRUM test, IBM Claim Stance test."""
    root = Path(root)
    return {"newsmtsc_mt": newsmtsc(root, ("devtest_mt.jsonl",)), "perspectrum_test": perspectrum(root, ("test",)),
            "ibm_test": ibm_claim_stance(root, ("test",))}


def stance_files(root: str | Path) -> list[str]:
    """The files the stance training set is read from, relative to root, with a sha1 prefix."""
    import hashlib

    root = Path(root)
    names = ["newsmtsc/train.jsonl", "nli/perspectrum_stance/perspectrum_with_answers_v1.0.json",
             "nli/perspectrum_stance/perspective_pool_v1.0.json", "nli/perspectrum_stance/dataset_split_v1.0.json",
             "ibm_claim_stance/claim_stance_dataset_v1.csv"]
    return [f"{n} sha1:{hashlib.sha1((root / n).read_bytes()).hexdigest()[:12]}" for n in names if (root / n).exists()]
