"""`render_html`: one self-contained, offline HTML report; every piece of article text is escaped by Jinja.

Highlights are built by splitting texts at statement offsets into segments that the template escapes
one by one; no tag is ever inserted into article text. The only script is a static file, allowed by
its hash in the page's Content-Security-Policy, which also blocks every network request.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from io import BytesIO
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import __version__
from ..analysis import Analysis
from ..explore import Explanation, explain_pairs, plot_stance_heatmap, speaker_name
from ..schema import Statement
from ..spans import segments, statement_spans
from .context import SCORE_NOTE


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("stance.report", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


@lru_cache(maxsize=1)
def _script() -> str:
    """The report's filter script, a static package file (never built from article text)."""
    return files("stance.report").joinpath("templates", "report.js").read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def render_html(analysis: Analysis) -> str:
    """The whole report as one HTML page: ranked conflicts side by side, filters, heatmap, documents."""
    script = _script()
    return _environment().get_template("report.html.j2").render(
        **html_context(analysis), script=Markup(script), script_hash=_csp_hash(script), version=__version__,
        score_note=SCORE_NOTE)


def html_context(analysis: Analysis) -> dict[str, Any]:
    """Everything the template shows, as plain values; texts stay raw here and are escaped by the template."""
    doc_anchor = {d.id: f"doc-{i}" for i, d in enumerate(analysis.documents)}
    st_anchor = {s.id: f"st-{i}" for i, s in enumerate(analysis.statement_list)}
    conflicts = [_pair(e, "conflict", doc_anchor, st_anchor)
                 for e in explain_pairs(analysis, analysis.conflict_list)]
    agreements = [_pair(e, "agreement", doc_anchor, st_anchor)
                  for e in explain_pairs(analysis, analysis.agreement_list)]
    pairs = conflicts + agreements
    refs: dict[str, list[dict[str, str]]] = {}
    for p in pairs:
        for key in ("a", "b"):
            refs.setdefault(p[key]["statement_id"], []).append({"anchor": p["anchor"], "label": p["label"]})
    return {
        "counts": {"documents": len(analysis.documents), "statements": len(analysis.statement_list),
                   "speakers": len(analysis.speaker_list), "conflicts": len(conflicts),
                   "agreements": len(agreements)},
        "conflicts": conflicts,
        "agreements": agreements,
        "filters": _filters(pairs),
        "heatmap": heatmap_data_uri(analysis),
        "speakers": _speakers(analysis),
        "documents": [_document(analysis, i, refs, st_anchor) for i in range(len(analysis.documents))],
    }


def _pair(e: Explanation, group: str, doc_anchor: dict[str, str], st_anchor: dict[str, str]) -> dict[str, Any]:
    """An explained pair plus the anchors it links to in this page."""
    rank = e["rank"]
    label = f"#{rank}" if group == "conflict" else f"agreement #{rank}"
    for key in ("a", "b"):
        e[key]["doc_anchor"] = doc_anchor.get(e[key]["doc_id"])
        e[key]["statement_anchor"] = st_anchor.get(e[key]["statement_id"])
        e[key]["claim"] = e[key]["claim"] if e[key]["claim"] and e[key]["claim"] != e[key]["text"] else None
    return {**e, "rank": rank, "anchor": f"{group}-{rank}", "label": label, "group": group}


def _filters(pairs: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Values offered by each filter, in first-seen order (pairs are ranked, so the strongest come first)."""
    def values(items: Iterable[str | None]) -> list[str]:
        return list(dict.fromkeys(v for v in items if v))

    return {"speaker": sorted(values(p[k]["speaker"] for p in pairs for k in "ab"), key=str.casefold),
            "side": sorted(values(p[k]["side"] for p in pairs for k in "ab"), key=str.casefold),
            "topic": values(p["topic"] for p in pairs),
            "kind": values(p["kind"] for p in pairs)}


def heatmap_data_uri(analysis: Analysis) -> str | None:
    """The stance heatmap as a base64 PNG data URI, or None when there are no stances."""
    if not analysis.stances:
        return None
    try:
        fig = plot_stance_heatmap(analysis)
    except ValueError:
        return None
    buf = BytesIO()
    fig.savefig(buf, format="png", dpi=80, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _speakers(analysis: Analysis) -> list[dict[str, Any]]:
    said: dict[str, int] = {}
    for s in analysis.statement_list:
        if s.speaker_id:
            said[s.speaker_id] = said.get(s.speaker_id, 0) + 1
    rows = [{"name": sp.name, "role": sp.role, "side": sp.side, "kind": sp.kind, "statements": said.get(sp.id, 0),
             "aliases": [a for a in sp.aliases if a != sp.name]} for sp in analysis.speaker_list]
    return sorted(rows, key=lambda r: (-r["statements"], r["name"].casefold()))


def _document(analysis: Analysis, index: int, refs: dict[str, list[dict[str, str]]],
              st_anchor: dict[str, str]) -> dict[str, Any]:
    """A document's full text cut into segments, statements marked, each mark linked to its pairs."""
    doc = analysis.documents[index]
    mine = [s for s in analysis.statement_list if s.doc_id == doc.id]
    by_id: dict[str, Statement] = {s.id: s for s in mine}
    marks = [(a, b, s.id) for s in mine for a, b in statement_spans(s, len(doc.text))]
    segs = segments(doc.text, marks)
    last = {sid: n for n, seg in enumerate(segs) for sid in seg.ids}
    seen: set[str] = set()
    pieces = []
    for n, seg in enumerate(segs):
        first = [sid for sid in seg.ids if sid not in seen]
        seen.update(seg.ids)
        ends = [sid for sid in seg.ids if last[sid] == n]
        pieces.append({
            "text": seg.text, "marked": bool(seg.ids),
            "anchor": st_anchor[first[0]] if first else None,
            "extra_anchors": [st_anchor[sid] for sid in first[1:]],
            "title": "; ".join(f"{speaker_name(analysis, by_id[sid])}: {by_id[sid].cue or by_id[sid].kind}"
                               for sid in seg.ids),
            "in_pair": any(sid in refs for sid in seg.ids),
            "refs": [r for sid in ends for r in refs.get(sid, [])],
        })
    return {"anchor": f"doc-{index}", "id": doc.id, "title": doc.title, "published": doc.published,
            "path": analysis.paths.get(doc.id, doc.source), "url": doc.url, "statements": len(mine),
            "pieces": pieces}
