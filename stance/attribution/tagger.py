"""AttributionTagger: a MiniLM token classifier tagging Source / Cue / Content spans (BIO) in article text.

`predict(texts)` gives character spans; `statements(docs)` groups them into `Statement`s (see `grouping`) with
offsets into the text as given. The default model folder ships as models/stance-attribution-minilm-l6.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Sequence
from pathlib import Path

from ..schema import Document, Statement
from .bio import LABELS, TagSpan, best_labels, decode, group_pieces, whole_texts, windows, with_probabilities
from .grouping import group, to_statements

MODEL_NAME = "stance-attribution-minilm-l6"
# Chosen on PolNeAR dev and 120 train articles alike: content F1 +0.004 / +0.005, source F1 +0.002 / +0.003.
MIN_CONTENT_PROB = 0.7


class TaggerModelError(ValueError):
    """A folder that cannot be used as an attribution tagger; the message says why in one line."""


def default_tagger_path() -> Path:
    """The tagger folder: $STANCE_ATTRIBUTION_MODEL, the repo's models/, or the installed stance_models."""
    env = os.environ.get("STANCE_ATTRIBUTION_MODEL")
    if env:
        return Path(env).expanduser()
    repo = Path(__file__).resolve().parents[2] / "models" / MODEL_NAME
    if repo.is_dir():
        return repo
    spec = importlib.util.find_spec("stance_models")
    for root in (spec.submodule_search_locations or []) if spec else []:
        if (Path(root) / MODEL_NAME).is_dir():
            return Path(root) / MODEL_NAME
    return repo


def check_tagger_folder(path: str | os.PathLike) -> Path:
    """Refuse a folder without config, safetensors, tokenizer or the seven BIO labels, with a one-line reason."""
    folder = Path(path).expanduser()
    if not (folder / "config.json").is_file():
        raise TaggerModelError(f"no attribution tagger at {folder} (need config.json, safetensors, tokenizer.json)")
    if not any(folder.glob("*.safetensors")):
        raise TaggerModelError(f"no *.safetensors weights in {folder} (only safetensors weights are loaded)")
    if not (folder / "tokenizer.json").is_file():
        raise TaggerModelError(f"no tokenizer.json in {folder}; save the tokenizer with the model")
    id2label = json.loads((folder / "config.json").read_text(encoding="utf-8")).get("id2label") or {}
    if sorted(id2label.values()) != sorted(LABELS):
        raise TaggerModelError(f"{folder} has labels {sorted(id2label.values())}, not the BIO labels {list(LABELS)}")
    return folder


def _training_window(folder: Path | None) -> int:
    """The window length the model was trained with (training.json), else 128 word pieces."""
    meta = folder / "training.json" if folder is not None else None
    if meta is not None and meta.is_file():
        return int(json.loads(meta.read_text(encoding="utf-8")).get("config", {}).get("max_length", 128))
    return 128


class AttributionTagger:
    """Tag sources, cues and contents with a local token-classification model folder.

    precision: "auto" (bf16 autocast where the CPU has native bf16, else fp32), "bf16" or "fp32". Long texts are
    read in windows of `max_length` word pieces (default: the training window), `stride` apart (default 3/4 of
    a window); each token takes the window where it is most central. A content no cue was paired with is kept
    when it holds a quotation, or always with `keep_uncued`: a statement without cue, with the source before it.
    A content span whose pieces are on average less likely content than `min_content_prob` is dropped.
    """

    def __init__(self, path: str | os.PathLike | None = None, batch_size: int = 16, max_length: int | None = None,
                 stride: int | None = None, precision: str = "auto", threads: int | None = None,
                 keep_uncued: bool = False, min_content_prob: float = MIN_CONTENT_PROB) -> None:
        self.path = path
        self.keep_uncued = keep_uncued
        self.min_content_prob = min_content_prob
        self.batch_size = batch_size
        self.max_length = max_length
        self.stride = stride
        self.precision = precision
        self.threads = threads
        self._load()

    @classmethod
    def from_model(cls, model, tokenizer, batch_size: int = 16, max_length: int = 128, stride: int | None = None,
                   precision: str = "auto") -> "AttributionTagger":
        """Wrap a model and tokenizer already in memory (dev scores during training), without reading a folder."""
        self = cls.__new__(cls)
        self.path, self.batch_size, self.max_length, self.stride = None, batch_size, max_length, stride
        self.precision, self.threads, self.keep_uncued = precision, None, False
        self.min_content_prob = MIN_CONTENT_PROB
        self._use(model, tokenizer, None)
        return self

    def _load(self) -> None:
        import torch
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        from ..nli import _quiet_loading

        if self.threads:
            torch.set_num_threads(self.threads)
        folder = check_tagger_folder(self.path if self.path is not None else default_tagger_path())
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        with _quiet_loading():
            model = AutoModelForTokenClassification.from_pretrained(
                folder, local_files_only=True, use_safetensors=True, dtype=torch.float32)
        self._use(model.eval(), tokenizer, folder)

    def _use(self, model, tokenizer, folder: Path | None) -> None:
        from ..nli import native_bf16

        self.model_ = model
        self.tokenizer_ = tokenizer
        self.labels_ = [model.config.id2label[i] for i in range(len(LABELS))]
        self.order_ = [self.labels_.index(name) for name in LABELS]
        self.precision_ = ("bf16" if native_bf16() else "fp32") if self.precision == "auto" else self.precision
        self.path_ = folder
        self.max_length_ = self.max_length or _training_window(folder)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(path={str(self.path_)!r}, precision={self.precision!r}->{self.precision_})"

    def tag(self, texts: Sequence[str]) -> list[list[TagSpan]]:
        """Decoded spans of each text, with the flag marking content pieces that continue an earlier one."""
        import torch

        encs = whole_texts(self.tokenizer_).encode_batch(list(texts), add_special_tokens=False)
        size = self.max_length_ - 2
        stride = self.stride or size * 3 // 4
        jobs = [(t, s, e) for t, enc in enumerate(encs) for s, e in windows(len(enc.ids), size, stride)]
        jobs.sort(key=lambda j: j[2] - j[1])
        best: list[list[tuple[int, list[float]]]] = [[(-1, [])] * len(enc.ids) for enc in encs]
        cls, sep, pad = self.tokenizer_.cls_token_id, self.tokenizer_.sep_token_id, self.tokenizer_.pad_token_id
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision_ == "bf16"):
            for k in range(0, len(jobs), self.batch_size):
                chunk = [j for j in jobs[k:k + self.batch_size] if j[2] > j[1]]
                if not chunk:
                    continue
                width = max(e - s for _, s, e in chunk) + 2
                ids = [[cls, *encs[t].ids[s:e], sep] for t, s, e in chunk]
                mask = [[1] * len(x) + [0] * (width - len(x)) for x in ids]
                ids = [x + [pad] * (width - len(x)) for x in ids]
                logits = self.model_(input_ids=torch.tensor(ids), attention_mask=torch.tensor(mask)).logits
                rows = torch.log_softmax(logits.float()[:, :, self.order_], -1).tolist()
                for (t, s, e), row in zip(chunk, rows):
                    for i in range(s, e):
                        margin = min(i - s, e - 1 - i)
                        if margin > best[t][i][0]:
                            best[t][i] = (margin, row[i - s + 1])
        out = []
        for b, enc in zip(best, encs):
            rows = [lp for _, lp in b]
            out.append(with_probabilities(decode(best_labels(rows, enc.word_ids), enc.offsets, enc.word_ids), rows,
                                          enc.offsets))
        return out

    def predict(self, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        """(label, start, end) character spans of each text, label one of Source, Cue, Content."""
        return [[(s.label, s.start, s.end) for s in spans] for spans in self.tag(texts)]

    def statements(self, docs: Sequence[Document]) -> list[list[Statement]]:
        """Statements of each document from its tagged spans (contents grouped with their cue and source)."""
        out = []
        for doc, spans in zip(docs, self.tag([d.text for d in docs])):
            sure = [s for s in spans if s.label != "Content" or s.prob >= self.min_content_prob]
            out.append(to_statements(doc, group(doc.text, group_pieces(sure, text=doc.text), self.keep_uncued)))
        return out
