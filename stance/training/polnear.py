"""Read the PolNeAR attribution corpus (brat standoff): articles with gold source / cue / content spans."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

Spans = tuple[tuple[int, int], ...]

_T = re.compile(r"^(T\d+)\t(\w[\w-]*) ([\d ;]+)\t", re.M)
_E = re.compile(r"^E\d+\t(.+)$", re.M)


@dataclass(frozen=True)
class GoldAttribution:
    """One attribution: character spans (discontinuous pieces) of content, cue and source (empty if none)."""

    content: Spans
    cue: Spans
    source: Spans = ()


@dataclass(frozen=True)
class GoldArticle:
    """One article's raw text and its gold attributions."""

    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _spans(field: str) -> Spans:
    return tuple((int(s), int(e)) for s, e in (piece.split() for piece in field.split(";")))


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """Attributions of one .ann file; stray lines that are neither T nor E lines are ignored."""
    spans = {m.group(1): _spans(m.group(3).strip()) for m in _T.finditer(ann)}
    out = []
    for m in _E.finditer(ann):
        args = dict(a.split(":", 1) for a in m.group(1).split() if ":" in a)
        content = spans.get(args.get("Content", ""), ())
        if not content:
            continue
        out.append(GoldAttribution(content=content, cue=spans.get(args.get("Cue", ""), ()),
                                   source=spans.get(args.get("Source", ""), ())))
    return tuple(sorted(out, key=lambda a: a.content[0]))


def load_polnear(folder: str | os.PathLike, limit: int | None = None) -> list[GoldArticle]:
    """Articles of one PolNeAR compartment folder (holding text/ and attributions/), sorted by name.

    Articles annotated more than once use their first .ann file sorted by name.
    """
    root = Path(folder)
    if not (root / "text").is_dir() or not (root / "attributions").is_dir():
        raise FileNotFoundError(f"{root} is not a PolNeAR folder (expected text/ and attributions/ inside)")
    anns = sorted((root / "attributions").glob("*.ann"))
    articles = []
    for txt in sorted((root / "text").glob("*.txt")):
        mine = [a for a in anns if a.stem.rsplit("_", 1)[0] == txt.stem]
        if not mine:
            continue
        text = txt.read_bytes().decode("utf-8")
        articles.append(GoldArticle(id=txt.stem, text=text,
                                    attributions=parse_ann(mine[0].read_text(encoding="utf-8"))))
        if limit is not None and len(articles) >= limit:
            break
    return articles
