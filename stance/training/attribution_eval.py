"""Score an attribution extractor against PolNeAR gold: content, source and cue P/R/F1, attribution accuracy.

Spans become sets of token indices, a discontinuous span the union of its pieces. Tokens are words and numbers
(`[^\\W_]+` with inner apostrophes) and single punctuation characters; only "exact" ignores punctuation.
Contents are matched one to one inside each article, greedily by descending token Jaccard: "overlap" pairs
need Jaccard >= 0.5, "exact" pairs the same word tokens.
Every figure is given for all attributions and split by the gold content: "direct/mixed" when it contains a
double quote (straight or curly), else "indirect". A prediction takes the category of the gold content it
matched at overlap level, and when unmatched the same quote rule applied to its own content.

Source is scored per attribution, end to end: every gold attribution with a source is one gold source, every
prediction with a speaker one predicted source, and a hit is an overlap-matched pair whose speaker and gold
source have Jaccard >= 0.5; so a source on an unmatched content is a miss (gold) or a false positive (predicted).
Cues are matched one to one on their own, whatever the contents, and hit on any shared token. Attribution
accuracy is the share of overlap-matched contents whose speaker shares a token with the gold source, or, for a
gold attribution without source, that have no speaker.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..schema import Document, Statement
from .polnear import GoldArticle, Spans, load_polnear

Extractor = Callable[[list[Document]], list[list[Statement]]]
Tokens = frozenset[int]
CATEGORIES = ("all", "direct/mixed", "indirect")
METRICS = ("content overlap", "content exact", "source", "cue")
MATCHING = "greedy by descending token Jaccard, one to one, within each article"
_TOKEN = re.compile(r"([^\W_]+(?:['’][^\W_]+)*)|[^\w\s]|_")
_QUOTES = ('"', "“", "”")


@dataclass(frozen=True)
class Item:
    """One attribution (gold or predicted) as token sets; `source` is empty when it has none."""

    content: Tokens
    words: Tokens
    cue: Tokens
    source: Tokens
    category: str


@dataclass
class Counts:
    """Matched and total gold / predicted items of one metric in one category."""

    tp_gold: int = 0
    gold: int = 0
    tp_pred: int = 0
    pred: int = 0

    def scores(self) -> dict[str, float | int]:
        """Precision, recall, F1 and the counts they come from."""
        p = self.tp_pred / self.pred if self.pred else 0.0
        r = self.tp_gold / self.gold if self.gold else 0.0
        return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp_pred": self.tp_pred,
                "pred": self.pred, "tp_gold": self.tp_gold, "gold": self.gold}


@dataclass
class ArticleScore:
    """Items and matches of one article: `overlap` and `exact` map gold index to predicted index."""

    gold: list[Item]
    pred: list[Item]
    overlap: dict[int, int] = field(default_factory=dict)
    exact: dict[int, int] = field(default_factory=dict)
    cue: dict[int, int] = field(default_factory=dict)


class _Tokenizer:
    def __init__(self, text: str) -> None:
        tokens = list(_TOKEN.finditer(text))
        self.starts = [m.start() for m in tokens]
        self.ends = [m.end() for m in tokens]
        self.words = frozenset(i for i, m in enumerate(tokens) if m.group(1))

    def __call__(self, spans: Spans) -> Tokens:
        return frozenset(i for s, e in spans for i in range(bisect_right(self.ends, s), bisect_left(self.starts, e)))


def jaccard(a: Tokens, b: Tokens) -> float:
    """Token Jaccard similarity; 0 when either set is empty."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _category(text: str, spans: Spans) -> str:
    return "direct/mixed" if any(q in text[s:e] for s, e in spans for q in _QUOTES) else "indirect"


def _gold_items(article: GoldArticle, tok: _Tokenizer) -> list[Item]:
    return [Item(tok(a.content), tok(a.content) & tok.words, tok(a.cue), tok(a.source),
                 _category(article.text, a.content))
            for a in article.attributions]


def _span(start: int | None, end: int | None) -> Spans:
    return ((start, end),) if start is not None and end is not None else ()


def _pred_items(text: str, statements: Sequence[Statement], tok: _Tokenizer) -> list[Item]:
    items = []
    for st in statements:
        spans = st.content_spans or ((st.start, st.end),)
        content, cue = tok(spans), tok(_span(st.cue_start, st.cue_end))
        items.append(Item(content, content & tok.words, cue, tok(_span(st.speaker_start, st.speaker_end)),
                          _category(text, spans)))
    return items


def match(gold: Sequence[Tokens], pred: Sequence[Tokens], accept: Callable[[Tokens, Tokens], bool]) -> dict[int, int]:
    """One-to-one matching of accepted pairs, greedy by descending Jaccard (ties: text order)."""
    pairs = sorted(((jaccard(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                    if g and p and accept(g, p)), key=lambda x: (-x[0], x[1], x[2]))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def score_article(article: GoldArticle, statements: Sequence[Statement]) -> ArticleScore:
    """Gold and predicted items of one article and their content (overlap, exact) and cue matches."""
    tok = _Tokenizer(article.text)
    gold, pred = _gold_items(article, tok), _pred_items(article.text, statements, tok)
    overlap = match([g.content for g in gold], [p.content for p in pred], lambda g, p: jaccard(g, p) >= 0.5)
    inverse = {j: i for i, j in overlap.items()}
    pred = [replace(p, category=gold[inverse[j]].category) if j in inverse else p for j, p in enumerate(pred)]
    return ArticleScore(gold, pred, overlap,
                        match([g.words for g in gold], [p.words for p in pred], lambda g, p: g == p),
                        match([g.cue for g in gold], [p.cue for p in pred], lambda g, p: bool(g & p)))


def _source_right(g: Item, p: Item) -> bool:
    return bool(g.source & p.source) if g.source else not p.source


def _tally(scores: Sequence[ArticleScore]) -> tuple[dict[str, dict[str, Counts]], dict[str, list[int]]]:
    counts = {m: {c: Counts() for c in CATEGORIES} for m in METRICS}
    accuracy = {c: [0, 0] for c in CATEGORIES}
    for a in scores:
        source_hits = {i for i, j in a.overlap.items() if jaccard(a.gold[i].source, a.pred[j].source) >= 0.5}
        per_metric = {"content overlap": (a.overlap, lambda it: True), "content exact": (a.exact, lambda it: True),
                      "source": ({i: a.overlap[i] for i in source_hits}, lambda it: bool(it.source)),
                      "cue": (a.cue, lambda it: bool(it.cue))}
        for metric, (m, counted) in per_metric.items():
            hit_pred = set(m.values())
            for i, g in enumerate(a.gold):
                if counted(g):
                    for c in ("all", g.category):
                        counts[metric][c].gold += 1
                        counts[metric][c].tp_gold += i in m
            for j, p in enumerate(a.pred):
                if counted(p):
                    for c in ("all", p.category):
                        counts[metric][c].pred += 1
                        counts[metric][c].tp_pred += j in hit_pred
        for i, j in a.overlap.items():
            for c in ("all", a.gold[i].category):
                accuracy[c][0] += _source_right(a.gold[i], a.pred[j])
                accuracy[c][1] += 1
    return counts, accuracy


def _default_extract(docs: list[Document]) -> list[list[Statement]]:
    from ..attribution import extract_many
    from ..nlp import load_nlp

    statements = extract_many(docs, load_nlp())
    by_doc: dict[str, list[Statement]] = {d.id: [] for d in docs}
    for st in statements:
        by_doc[st.doc_id].append(st)
    return [by_doc[d.id] for d in docs]


def evaluate_attribution(folder: str | os.PathLike, extract: Extractor | None = None, limit: int | None = None,
                         progress: bool = False, chunk: int = 20) -> dict:
    """Run `extract` (default: the rule extractor) on a PolNeAR folder and score it against the gold spans."""
    articles = load_polnear(folder, limit=limit)
    if not articles:
        raise FileNotFoundError(f"{folder} holds no annotated PolNeAR articles (text/*.txt with attributions/*.ann)")
    if extract is None:
        from ..nlp import load_nlp

        load_nlp()
        extract = _default_extract
    docs = [Document(id=a.id, text=a.text) for a in articles]
    predicted: list[list[Statement]] = []
    seconds = cpu = 0.0
    for k in range(0, len(docs), chunk):
        t0, c0 = time.perf_counter(), time.process_time()
        out = extract(docs[k:k + chunk])
        seconds, cpu = seconds + time.perf_counter() - t0, cpu + time.process_time() - c0
        if len(out) != len(docs[k:k + chunk]):
            raise ValueError(f"extract returned {len(out)} statement lists for {len(docs[k:k + chunk])} documents")
        predicted.extend(out)
        if progress:
            print(f"stance: extracted {len(predicted)}/{len(docs)} articles", file=sys.stderr, flush=True)
    counts, accuracy = _tally([score_article(a, p) for a, p in zip(articles, predicted)])
    return {"folder": str(folder), "articles": len(articles), "seconds": seconds, "cpu_seconds": cpu,
            "articles_per_s": len(articles) / seconds if seconds else 0.0,
            "articles_per_cpu_s": len(articles) / cpu if cpu else 0.0, "matching": MATCHING,
            "metrics": {m: {c: counts[m][c].scores() for c in CATEGORIES} for m in METRICS},
            "attribution accuracy": {c: {"value": r / n if n else 0.0, "right": r, "n": n}
                                     for c, (r, n) in accuracy.items()}}


def format_attribution_table(results: dict) -> str:
    """A markdown table of evaluate_attribution's results: one row per figure, one column per category."""
    content = results["metrics"]["content overlap"]
    head = " | ".join(f"{c} (gold {content[c]['gold']}, pred {content[c]['pred']})" for c in CATEGORIES)
    lines = [f"{results['articles']} articles from {results['folder']}; extraction only: "
             f"{results['articles_per_s']:.2f} articles/s wall clock, {results['articles_per_cpu_s']:.2f} per CPU "
             f"second; matching: {results['matching']}", "", f"| metric | {head} |", "|---|---:|---:|---:|"]
    for metric in METRICS:
        row = results["metrics"][metric]
        lines.append(f"| {metric} P | " + " | ".join(
            f"{row[c]['p']:.3f} ({row[c]['tp_pred']}/{row[c]['pred']})" for c in CATEGORIES) + " |")
        lines.append(f"| {metric} R | " + " | ".join(
            f"{row[c]['r']:.3f} ({row[c]['tp_gold']}/{row[c]['gold']})" for c in CATEGORIES) + " |")
        lines.append(f"| {metric} F1 | " + " | ".join(f"{row[c]['f1']:.3f}" for c in CATEGORIES) + " |")
    acc = results["attribution accuracy"]
    lines.append("| attribution accuracy | " + " | ".join(
        f"{acc[c]['value']:.3f} ({acc[c]['right']}/{acc[c]['n']})" for c in CATEGORIES) + " |")
    return "\n".join(lines)


def save_attribution_results(results: dict, path: str | os.PathLike) -> Path:
    """Write the results as JSON, so runs of different extractors can be compared later."""
    out = Path(path)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
