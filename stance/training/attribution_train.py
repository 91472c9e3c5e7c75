"""Train the attribution tagger (BIO over Source / Cue / Content) on PolNeAR train, selecting on PolNeAR dev.

Shares the NLI loop's machinery (`nli_train`): length-bucketed batches, bf16 autocast, fused AdamW, checkpoints
with resume, and the fp16 safetensors model folder. Dev selection uses `attribution_eval` end to end: the
checkpoint with the best mean of content overlap F1 and source F1 on dev is the one written out.
"""

from __future__ import annotations

import json
import math
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from tqdm import tqdm
from transformers import AutoModelForTokenClassification, AutoTokenizer, get_linear_schedule_with_warmup

from ..attribution.bio import IGNORE, LABEL2ID, LABELS
from ..attribution.tagger import AttributionTagger
from .attribution_data import build_attribution_set, plain_article, polnear_files, write_brat
from .nli_train import _checkpoint, _collate, _write_model_folder, bucketed_batches, default_base_model, train_step
from .polnear import load_polnear

ID2LABEL = dict(enumerate(LABELS))


@dataclass
class AttributionTrainConfig:
    """Settings of one tagger training run; stored beside the checkpoints so a resume uses the same ones."""

    data_dir: str
    out_dir: str
    base_model: str | None = None
    epochs: float = 1.0
    batch_size: int = 32
    lr: float = 1e-4
    warmup: float = 0.06
    weight_decay: float = 0.01
    max_length: int = 128
    stride: int | None = None
    plain: float = 1.0
    seed: int = 13
    bf16: bool = True
    freeze_embeddings: bool = False
    dropout: float = 0.0
    checkpoint_every: int = 100
    eval_every: int = 150
    threads: int | None = None
    limit: int | None = None
    dev_limit: int | None = None


def _dev_score(results: dict) -> float:
    m = results["metrics"]
    return (m["content overlap"]["all"]["f1"] + m["source"]["all"]["f1"]) / 2


def dev_results(model, tok, folder: Path, cfg: AttributionTrainConfig, plain: bool = False) -> dict:
    """attribution_eval results of an in-memory model on a PolNeAR folder (or its lower-cased unpunctuated copy)."""
    from .attribution_eval import evaluate_attribution

    tagger = AttributionTagger.from_model(model, tok, max_length=cfg.max_length,
                                          precision="bf16" if cfg.bf16 else "fp32")
    was_training = model.training
    model.eval()
    try:
        if not plain:
            return {**evaluate_attribution(folder, extract=tagger.statements, limit=cfg.dev_limit),
                    "folder": f"polnear/{folder.name}"}
        with tempfile.TemporaryDirectory() as tmp:
            arts = [plain_article(a) for a in load_polnear(folder, limit=cfg.dev_limit)]
            return {**evaluate_attribution(write_brat(arts, tmp), extract=tagger.statements),
                    "folder": f"polnear/{folder.name}, lower-cased with punctuation removed"}
    finally:
        model.train(was_training)


def _label_collate(enc: dict[str, list[list[int]]], labels: list[list[int]], idx: list[int],
                   pad_id: int) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    batch = _collate(enc, idx, pad_id)
    width = batch["input_ids"].shape[1]
    return batch, torch.tensor([labels[i] + [IGNORE] * (width - len(labels[i])) for i in idx])


def _new_model(base: str, dropout: float):
    """Token classifier on the base encoder; eager attention and no dropout train about twice as fast on CPU."""
    return AutoModelForTokenClassification.from_pretrained(
        base, num_labels=len(LABELS), id2label=ID2LABEL, label2id=dict(LABEL2ID), attn_implementation="eager",
        hidden_dropout_prob=dropout, attention_probs_dropout_prob=dropout, dtype=torch.float32)


def train_attribution(cfg: AttributionTrainConfig, resume: bool = False, log=print) -> Path:
    """Train, select on dev and write the tagger folder (fp16 safetensors, tokenizer, config, training.json,
    eval_results.json) to cfg.out_dir; the data folder holds PolNeAR's train/ and dev/."""
    started = time.time()
    out = Path(cfg.out_dir)
    ckpt_dir = out.parent / (out.name + ".checkpoints")
    if resume and (ckpt_dir / "config.json").exists():
        cfg = AttributionTrainConfig(**json.loads((ckpt_dir / "config.json").read_text()))
    ckpt_dir.mkdir(parents=True, exist_ok=True)
    (ckpt_dir / "config.json").write_text(json.dumps(asdict(cfg), indent=1))
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    base = cfg.base_model or default_base_model()
    train_dir, dev_dir = Path(cfg.data_dir) / "train", Path(cfg.data_dir) / "dev"

    tok = AutoTokenizer.from_pretrained(base)
    rows, stats = build_attribution_set(train_dir, tok, cfg.max_length, cfg.stride, cfg.plain, cfg.seed, cfg.limit)
    log(f"training windows: {len(rows)} " + "; ".join(f"{k}: {v}" for k, v in stats.items()))
    lengths = [len(r["input_ids"]) for r in rows]
    enc = {"input_ids": [r["input_ids"] for r in rows], "attention_mask": [[1] * n for n in lengths]}
    labels_of = [r["labels"] for r in rows]

    model = _new_model(base, cfg.dropout)
    if cfg.freeze_embeddings:
        model.base_model.embeddings.word_embeddings.weight.requires_grad = False
    decay = [p for p in model.parameters() if p.requires_grad and p.ndim > 1]
    no_decay = [p for p in model.parameters() if p.requires_grad and p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg.lr, fused=True)
    steps_per_epoch = math.ceil(len(rows) / cfg.batch_size)
    total = max(1, int(steps_per_epoch * cfg.epochs))
    sched = get_linear_schedule_with_warmup(opt, int(cfg.warmup * total), total)

    step, history = 0, []
    if resume and (ckpt_dir / "last.pt").exists():
        state = torch.load(ckpt_dir / "last.pt", weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step, history = state["step"], state["history"]
        log(f"resumed at step {step}/{total}")

    def plan(epoch: int) -> list[list[int]]:
        return bucketed_batches(lengths, cfg.batch_size, random.Random(cfg.seed * 1000 + epoch))

    def evaluate() -> None:
        t0 = time.time()
        res = dev_results(model, tok, dev_dir, cfg)
        m = res["metrics"]
        entry = {"step": step, "epoch": round(step / steps_per_epoch, 3), "score": _dev_score(res),
                 **{f"{k} f1": m[k]["all"]["f1"] for k in ("content overlap", "content exact", "source", "cue")},
                 "attribution accuracy": res["attribution accuracy"]["all"]["value"]}
        history.append(entry)
        best = max(h["score"] for h in history)
        if entry["score"] >= best:
            torch.save({"model": model.state_dict(), "step": step, "dev": res}, ckpt_dir / "best.pt.tmp")
            os.replace(ckpt_dir / "best.pt.tmp", ckpt_dir / "best.pt")
        log(f"step {step}: dev " + ", ".join(f"{k} {v:.4f}" for k, v in entry.items() if isinstance(v, float))
            + f" ({time.time() - t0:.0f}s){' best' if entry['score'] >= best else ''}")

    model.train()
    bar = tqdm(total=total, initial=step, unit="step", dynamic_ncols=True, mininterval=10)
    seen, t0 = 0, time.time()
    while step < total:
        epoch, offset = divmod(step, steps_per_epoch)
        for idx in plan(epoch)[offset:]:
            if step >= total:
                break
            batch, labels = _label_collate(enc, labels_of, idx, tok.pad_token_id)
            loss = train_step(model, batch, lambda logits: torch.nn.functional.cross_entropy(
                logits.view(-1, len(LABELS)), labels.view(-1), ignore_index=IGNORE), opt, sched, cfg.bf16)
            step += 1
            seen += len(idx)
            bar.update(1)
            if step % 10 == 0:
                bar.set_postfix(loss=f"{loss.item():.3f}", ex_s=f"{seen / (time.time() - t0):.1f}",
                                epoch=f"{step / steps_per_epoch:.2f}")
            if step % cfg.checkpoint_every == 0 or step == total:
                _checkpoint(ckpt_dir / "last.pt", model, opt, sched, step, history)
            if (cfg.eval_every and step % cfg.eval_every == 0) or step == total:
                evaluate()
                _checkpoint(ckpt_dir / "last.pt", model, opt, sched, step, history)
    bar.close()
    return export_attribution(cfg.out_dir, log=log, rows=len(rows), stats=stats,
                              timing={"wall_seconds": round(time.time() - started), "threads": torch.get_num_threads(),
                                      "resumed": resume})


def export_attribution(out_dir: str, log=print, rows: int | None = None, stats: dict | None = None,
                       timing: dict | None = None) -> Path:
    """Write the model folder from the best dev checkpoint of a run, with dev results on both text styles
    (recomputed, so they follow the current decoding and grouping)."""
    out = Path(out_dir)
    ckpt_dir = out.parent / (out.name + ".checkpoints")
    if not (ckpt_dir / "best.pt").exists():
        raise FileNotFoundError(f"no dev-selected checkpoint in {ckpt_dir}")
    cfg = AttributionTrainConfig(**json.loads((ckpt_dir / "config.json").read_text()))
    base = cfg.base_model or default_base_model()
    tok = AutoTokenizer.from_pretrained(base)
    if stats is None:
        found, stats = build_attribution_set(Path(cfg.data_dir) / "train", tok, cfg.max_length, cfg.stride,
                                             cfg.plain, cfg.seed, cfg.limit)
        rows = len(found)
    best = torch.load(ckpt_dir / "best.pt", weights_only=False)
    last = torch.load(ckpt_dir / "last.pt", weights_only=False) if (ckpt_dir / "last.pt").exists() else {}
    model = _new_model(base, cfg.dropout)
    model.load_state_dict(best["model"])
    dev_dir = Path(cfg.data_dir) / "dev"
    results = {"dev": dev_results(model, tok, dev_dir, cfg),
               "dev_plain": dev_results(model, tok, dev_dir, cfg, plain=True),
               "selected_step": best["step"]}
    files = polnear_files(Path(cfg.data_dir) / "train") + [f + " (model selection)" for f in polnear_files(dev_dir)]
    _write_model_folder(out, model, tok, cfg, stats, last.get("history", []), rows or 0,
                        step=last.get("step", best["step"]), files=files)
    (out / "eval_results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    if timing:
        meta = json.loads((out / "training.json").read_text())
        (out / "training.json").write_text(json.dumps({**meta, "timing": timing}, indent=1))
    log(f"wrote {out} (step {best['step']})")
    return out
