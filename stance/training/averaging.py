"""Average the weights of several fine-tuned runs of one model ("model soup", Wortsman et al. 2022).

Runs fine-tuned from the same base weights with the same classifier initialisation stay close enough in weight
space that their average scores better than either run, at the cost of one model.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

WEIGHTS = "model.safetensors"


class AveragingError(ValueError):
    """Folders that cannot be averaged (missing weights, different shapes or labels): one line for the user."""


def _member(folder: str | os.PathLike) -> tuple[Path, dict]:
    path = Path(folder)
    if not (path / WEIGHTS).is_file() or not (path / "config.json").is_file():
        raise AveragingError(f"{path} is not a model folder (need config.json and {WEIGHTS})")
    return path, json.loads((path / "config.json").read_text(encoding="utf-8"))


def average_models(folders: Sequence[str | os.PathLike], out: str | os.PathLike) -> Path:
    """Write the uniform average of `folders` (same architecture and labels) to `out` as fp16 safetensors, with
    the first folder's config and tokenizer and a training.json listing every member's own training.json."""
    import torch
    from safetensors.torch import load_file, save_file

    if len(folders) < 2:
        raise AveragingError("give at least two model folders to average")
    members = [_member(f) for f in folders]
    first, config = members[0]
    for path, other in members[1:]:
        if other.get("id2label") != config.get("id2label") or other.get("model_type") != config.get("model_type"):
            raise AveragingError(f"{path} has other labels or another architecture than {first}")
    total: dict[str, torch.Tensor] = {}
    for path, _ in members:
        weights = load_file(str(path / WEIGHTS))
        if total and (weights.keys() != total.keys()
                      or any(weights[k].shape != total[k].shape for k in total)):
            raise AveragingError(f"{path} has other weights than {first}")
        for k, v in weights.items():
            total[k] = total[k] + v.double() if k in total else v.double()
    averaged = {k: (v / len(members)).to(torch.float16).contiguous() for k, v in total.items()}

    out = Path(out)
    tmp = out.parent / (out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    for item in first.iterdir():
        if item.is_file() and item.name not in (WEIGHTS, "training.json", "eval_results.json", "README.md"):
            shutil.copy2(item, tmp / item.name)
    save_file(averaged, str(tmp / WEIGHTS), metadata={"format": "pt"})
    meta = [json.loads((p / "training.json").read_text(encoding="utf-8")) if (p / "training.json").is_file()
            else {} for p, _ in members]
    files = list(dict.fromkeys(f for m in meta for f in m.get("training_files", [])))
    summary = {**meta[0], "averaged_from": [{"folder": str(p), **m} for (p, _), m in zip(members, meta)],
               "training_files": files}
    (tmp / "training.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return out
