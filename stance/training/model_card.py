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
- Reproduce: `{{ command }}` (then `stance eval-{{ task }} --model <folder>{{ " --write" if task == "nli" else "" }}` for the table below).

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


_ATTRIBUTION_TEMPLATE = """\
# {{ name }}

A token classifier that tags who said what in news text: the **source** (speaker), the **cue** (reporting verb
or phrase) and the **content** of each attribution, as BIO tags over word pieces. `stance.attribution.tagger.
AttributionTagger` loads this folder and groups the tagged spans into statements; `extract_statements(doc,
tagger=AttributionTagger())` combines them with the rule extractor.

- Base model: {{ base }} (22.7M parameters, 6 layers, hidden 384), fine-tuned with
  `AutoModelForTokenClassification` ({{ labels|length }} labels).
- Labels (`config.id2label`): {{ labels|join(", ") }}.
- Weights: fp16 safetensors ({{ size_mb }} MB). Tokenizer saved alongside. Load by path only; nothing is
  downloaded.
- Reproduce: `{{ command }}` (about {{ minutes }} minutes on one thread of this 2-core CPU).

## Tags

Each character of a gold span takes its role; where spans overlap (rare in PolNeAR) a cue beats a source, a
source beats a content, and between two spans of one role the earlier attribution keeps the character. A word
piece takes the role of its first character: B- on the first piece of a span, I- after it. A content split in
pieces around its cue ('"A," she said, "B."') tags the first word piece of every later piece **I**-Content, so
decoding joins the pieces back into one content. Grouping pairs each content with the nearest cue (one cue per
content) and each cue with its nearest source, as PolNeAR train has them (cue touching its content, source next
to its cue, mostly before it).

## Training data

PolNeAR v1.0.0 (Newell, Margolin and Ruths, "An attribution relations corpus for political news", LREC 2018;
github.com/networkdynamics/PolNeAR at commit c3eee833): political news from Huffington Post, Breitbart, NYT,
Politico, Washington Post, Western Journalism and USA Today, 2015-11 to 2016-11. {{ licence }}

- train ({{ sources.original.articles }} articles, the first annotation of each, {{ sources.original.attributions }}
  attributions): {{ sources.original.windows }} windows ({{ sources.original.tokens }} word pieces) of the text
  as published and {{ sources.plain.windows }} windows ({{ sources.plain.tokens }} word pieces) of a copy of
  {{ sources.plain.articles }} articles lower-cased with every non-alphanumeric character a space, labels carried
  over through the copy's character map (so that scraped text without capitals or punctuation is read too).
- dev (84 articles): model selection only. PolNeAR's test compartment was not used.
{% for f in files %}- `{{ f }}`
{% endfor %}
## Procedure

{{ epochs }} pass(es) over the windows ({{ steps }} steps of batch {{ batch }}; the selected checkpoint is step
{{ selected }}), windows of {{ max_length }} word pieces, AdamW (fused) lr {{ lr }}, linear warm-up {{ warmup }}
and decay, weight decay {{ wd }}, length-bucketed batches, bf16 autocast, seed {{ seed }}. The checkpoint with
the best mean of content overlap F1 and source F1 on PolNeAR dev (scored by `stance eval-attribution`'s
`evaluate_attribution`) is the one shipped.

| step | content overlap F1 | content exact F1 | source F1 | cue F1 | attribution accuracy |
|---:|---:|---:|---:|---:|---:|
{% for h in history -%}
| {{ h.step }} | {% for k in ("content overlap f1", "content exact f1", "source f1", "cue f1", "attribution accuracy") -%}
{{ "%.3f"|format(h[k]) }} |{{ " " if not loop.last }}{% endfor %}
{% endfor %}
## Evaluation (PolNeAR dev, the tagger alone)

As published:

{{ dev_table }}

Lower-cased, punctuation removed:

{{ plain_table }}
{% if variants %}
## Tagger and rules on PolNeAR dev

{{ variants }}
{% endif %}
## Known limits

{{ limits }}
"""


def write_attribution_card(folder: str | Path, command: str, limits: str, minutes: str | None = None,
                           variants: str | None = None, name: str = "stance-attribution-minilm-l6") -> Path:
    """Render the attribution tagger's README.md from its training.json and eval_results.json."""
    from .attribution_eval import format_attribution_table

    folder = Path(folder)
    meta = json.loads((folder / "training.json").read_text(encoding="utf-8"))
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    results = json.loads((folder / "eval_results.json").read_text(encoding="utf-8"))
    cfg = meta["config"]
    size = sum(p.stat().st_size for p in folder.glob("*.safetensors")) / 1e6
    if minutes is None:
        minutes = f"{meta['timing']['wall_seconds'] / 60:.0f}" if "timing" in meta else "?"
    text = Environment(keep_trailing_newline=True).from_string(_ATTRIBUTION_TEMPLATE).render(
        name=name, base=meta["base_model"], size_mb=f"{size:.1f}", command=command, minutes=minutes,
        labels=[config["id2label"][k] for k in sorted(config["id2label"], key=int)],
        licence="No licence file or statement in the repository; copyright of the texts stays with the publishers; "
                "research use, cite the paper. Only the trained weights are shipped, no text.",
        sources=meta["sources"], files=meta["training_files"], epochs=cfg["epochs"], steps=meta["steps"],
        batch=cfg["batch_size"], selected=results.get("selected_step"), max_length=cfg["max_length"],
        lr=cfg["lr"], warmup=cfg["warmup"], wd=cfg["weight_decay"], seed=cfg["seed"],
        history=meta.get("dev_history", []), dev_table=format_attribution_table(results["dev"]),
        plain_table=format_attribution_table(results["dev_plain"]), variants=variants, limits=limits)
    out = folder / "README.md"
    out.write_text(text, encoding="utf-8")
    return out
