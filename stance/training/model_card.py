"""Write a model folder's README.md (model card) from its training.json and eval_results.json."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment

_LICENCES = {
    "lingnli": "no licence stated by the repository",
    "bowman2020": "Wikipedia text (CC BY-SA 3.0 / GFDL); no separate data licence",
    "mnli_matched": "MNLI (OANC text; see Williams et al. 2018), packaged MIT",
    "taxinli_matched_genres": "C-UDA v1.0 (MNLI rows)",
    "negation_nli": "MIT",
    "nope": "see the NOPE repository",
    "conjnli": "see the ConjNLI repository",
    "snli": "CC BY-SA 4.0 (SNLI); e-SNLI MIT",
    "snli_counterfactual": "see Kaushik et al. 2020 repository",
    "sick_train": "CC BY-NC-SA 3.0 (SICK)",
    "misc_3way": "per set (JOCI, MPE, CommitmentBank, FraCaS); packaging MIT",
    "breaking_nli": "see Glockner et al. 2018",
    "fever_symmetric": "CC BY-SA 3.0 (FEVER, Wikipedia)",
    "climate_fever": "see CLIMATE-FEVER repository",
    "healthver": "see HealthVer repository",
    "fool_me_twice": "CC BY-SA (Wikipedia-derived)",
    "newsmtsc": "MIT (repository); cite Hamborg & Donnay 2021",
    "perspectrum": "CC BY-SA 4.0",
    "ibm_claim_stance": "CC BY-SA 3.0 (IBM Debater)",
}

_TEMPLATE = """\
# {{ name }}

{{ summary }}

- Base model: {{ base }} (22.7M parameters, 6 layers, hidden 384), fine-tuned as a cross-encoder
  (`AutoModelForSequenceClassification`, 3 labels).
- Labels (`config.id2label`): {{ labels }}.
- Weights: fp16 safetensors ({{ size_mb }} MB). Tokenizer saved alongside. Load by path only; nothing is
  downloaded.
- Reproduce: `{{ command }}` (then `stance eval-nli --model <folder> --write` for the table below).

## Training data

{{ rows }} training rows (after removing duplicates and anything overlapping the evaluation sets by
normalised premise or pair text), seed {{ seed }}.

| source | rows kept | dropped: eval overlap | dropped: duplicate | licence |
|---|---|---|---|---|
{% for name, s in sources.items() -%}
| {{ name }} | {{ s.kept }} | {{ s.get("dropped_eval_overlap", "") }} | {{ s.get("dropped_duplicate", "") }} | {{ licences.get(name, "see PROVENANCE.md") }} |
{% endfor %}
Files (relative to `../shared/data{{ "/nli" if task == "nli" else "" }}`, with sha1 prefixes) are listed in
`training.json`.

## Procedure

{{ epochs }} passes over the data ({{ steps }} steps of batch {{ batch }}), AdamW (fused) lr {{ lr }}, linear
warm-up {{ warmup }} and decay, weight decay {{ wd }}, max length {{ max_length }} tokens, length-bucketed
batches, bf16 autocast on a 2-core CPU, word embeddings {{ "frozen" if frozen else "trained" }}.
Held-out accuracy during training ({{ dev_name }}):
{% for h in history %}step {{ h.step }}: {{ "%.4f"|format(h.dev_acc) }}{{ "; " if not loop.last else "." }}{% endfor %}

## Evaluation

{{ eval_table }}

{{ anchors }}

## Known limits

{{ limits }}
"""


def write_model_card(folder: str | Path, name: str, summary: str, command: str, anchors: str, limits: str,
                     eval_table: str | None = None) -> Path:
    """Render README.md into `folder` from its training.json (and eval_results.json if present)."""
    folder = Path(folder)
    meta = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    cfg = meta["config"]
    if eval_table is None and (folder / "eval_results.json").exists():
        from .nli_eval import format_table

        eval_table = format_table(json.loads((folder / "eval_results.json").read_text(encoding="utf-8")))
    size = sum(p.stat().st_size for p in folder.glob("*.safetensors")) / 1e6
    text = Environment(keep_trailing_newline=True).from_string(_TEMPLATE).render(
        name=name, summary=summary, base=meta["base_model"], size_mb=f"{size:.1f}",
        labels=", ".join(f"{k}: {v}" for k, v in sorted(config["id2label"].items(), key=lambda kv: int(kv[0]))),
        command=command, rows=meta["training_rows"], seed=cfg["seed"], sources=meta["sources"],
        licences=_LICENCES, task=cfg.get("task", "nli"), epochs=cfg["epochs"], steps=meta.get("steps"),
        batch=cfg["batch_size"], lr=cfg["lr"], warmup=cfg["warmup"], wd=cfg["weight_decay"],
        max_length=cfg["max_length"], frozen=cfg["freeze_embeddings"], history=meta.get("dev_history", []),
        dev_name="XNLI-en validation" if cfg.get("task", "nli") == "nli" else "NewsMTSC devtest_rw + PERSPECTRUM dev",
        eval_table=eval_table or "(not evaluated yet)", anchors=anchors, limits=limits)
    out = folder / "README.md"
    out.write_text(text, encoding="utf-8")
    return out
