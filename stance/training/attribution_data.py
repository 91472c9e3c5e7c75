"""PolNeAR articles as token windows labelled BIO over Source / Cue / Content, for the attribution tagger.

Every article gives windows of its own text and, for a seeded share of articles, of a lower-cased copy with the
punctuation removed (`plain_copy`), whose labels are carried over through the copy's character offset map, so
the tagger also reads scraped text without capitals or punctuation.
"""

from __future__ import annotations

import hashlib
import os
import random
from bisect import bisect_left
from collections.abc import Sequence
from pathlib import Path

from ..attribution.bio import IGNORE, CharTags, char_tags, mapped, plain_copy, token_labels, whole_texts, windows
from .polnear import GoldArticle, GoldAttribution, Spans, load_polnear


def article_tags(article: GoldArticle) -> CharTags:
    """Character roles of an article's text from its gold attributions."""
    return char_tags(len(article.text), [(a.content, a.cue, a.source) for a in article.attributions])


def encode(tokenizer, text: str, tags: CharTags) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    """Word-piece ids, label ids and character offsets of a whole text (no special tokens, no truncation)."""
    enc = whole_texts(tokenizer).encode(text, add_special_tokens=False)
    offsets = [tuple(o) for o in enc.offsets]
    return list(enc.ids), token_labels(tags, offsets), offsets


def window_rows(tokenizer, ids: list[int], labels: list[int], max_length: int, stride: int) -> list[dict]:
    """[CLS] window [SEP] rows (input_ids, labels) of at most max_length tokens."""
    size = max_length - 2
    rows = []
    for s, e in windows(len(ids), size, stride):
        rows.append({"input_ids": [tokenizer.cls_token_id, *ids[s:e], tokenizer.sep_token_id],
                     "labels": [IGNORE, *labels[s:e], IGNORE]})
    return rows


def article_rows(tokenizer, article: GoldArticle, max_length: int, stride: int, plain: bool) -> list[dict]:
    """Windows of one article, and of its lower-cased unpunctuated copy when `plain`."""
    tags = article_tags(article)
    ids, labels, _ = encode(tokenizer, article.text, tags)
    rows = [{**r, "article": article.id, "variant": "original"}
            for r in window_rows(tokenizer, ids, labels, max_length, stride)]
    if plain:
        text, offsets = plain_copy(article.text)
        ids, labels, _ = encode(tokenizer, text, mapped(tags, offsets))
        rows += [{**r, "article": article.id, "variant": "plain"}
                 for r in window_rows(tokenizer, ids, labels, max_length, stride)]
    return rows


def build_attribution_set(folder: str | os.PathLike, tokenizer, max_length: int = 256, stride: int | None = None,
                          plain: float = 1.0, seed: int = 13, limit: int | None = None,
                          articles: Sequence[GoldArticle] | None = None) -> tuple[list[dict], dict[str, dict]]:
    """Training windows of a PolNeAR folder (or of `articles`) and counts per variant; `plain` is the share of
    articles that also give a lower-cased unpunctuated copy, chosen with `seed`."""
    arts = list(articles) if articles is not None else load_polnear(folder, limit=limit)
    rng = random.Random(seed)
    chosen = set(rng.sample(range(len(arts)), round(plain * len(arts))))
    rows: list[dict] = []
    for n, article in enumerate(arts):
        rows.extend(article_rows(tokenizer, article, max_length, stride or max_length - 2, n in chosen))
    stats: dict[str, dict] = {}
    for variant in ("original", "plain"):
        mine = [r for r in rows if r["variant"] == variant]
        stats[variant] = {"articles": len({r["article"] for r in mine}), "windows": len(mine),
                          "tokens": sum(len(r["input_ids"]) for r in mine),
                          "attributions": sum(len(a.attributions) for n, a in enumerate(arts)
                                              if variant == "original" or n in chosen)}
    return rows, stats


def polnear_files(folder: str | os.PathLike) -> list[str]:
    """One line per compartment: folder, number of .txt and .ann files, sha1 prefix over their bytes in name order."""
    root = Path(folder)
    files = sorted(root.glob("text/*.txt")) + sorted(root.glob("attributions/*.ann"))
    digest = hashlib.sha1()
    for f in files:
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    n_txt = sum(1 for f in files if f.suffix == ".txt")
    return [f"polnear/{root.name}: {n_txt} .txt, {len(files) - n_txt} .ann, sha1 {digest.hexdigest()[:12]}"]


def plain_article(article: GoldArticle) -> GoldArticle:
    """The article as a lower-cased unpunctuated copy, its gold spans moved onto the copy's characters."""
    text, offsets = plain_copy(article.text)

    def move(spans: Spans) -> Spans:
        out = []
        for s, e in spans:
            lo, hi = bisect_left(offsets, s), bisect_left(offsets, e)
            while hi > lo and text[hi - 1] == " ":
                hi -= 1
            if hi > lo:
                out.append((lo, hi))
        return tuple(out)

    moved = [GoldAttribution(move(a.content), move(a.cue), move(a.source)) for a in article.attributions]
    return GoldArticle(article.id, text, tuple(a for a in moved if a.content))


def write_brat(articles: Sequence[GoldArticle], folder: str | os.PathLike) -> Path:
    """Write articles as a PolNeAR-style brat folder (text/<id>.txt, attributions/<id>_1.ann)."""
    root = Path(folder)
    (root / "text").mkdir(parents=True, exist_ok=True)
    (root / "attributions").mkdir(parents=True, exist_ok=True)
    for article in articles:
        (root / "text" / f"{article.id}.txt").write_bytes(article.text.encode("utf-8"))
        lines: list[str] = []
        for a in article.attributions:
            ids = {}
            for role, spans in (("Source", a.source), ("Cue", a.cue), ("Content", a.content)):
                if spans:
                    ids[role] = f"T{len(lines) + 1}"
                    where = ";".join(f"{s} {e}" for s, e in spans)
                    surface = " ".join(article.text[s:e] for s, e in spans).replace("\n", " ")
                    lines.append(f"{ids[role]}\t{role} {where}\t{surface}")
            args = " ".join(f"{role}:{t}" for role, t in ids.items())
            lines.append(f"E{len(lines) + 1}\tAttribution:T0 {args}")
        (root / "attributions" / f"{article.id}_1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
