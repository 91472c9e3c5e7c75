"""Notebook helpers over an `Analysis`: stance matrix, a speaker's positions, conflict explanations, plots.

Each function is also a method of `Analysis` (`analysis.stance_matrix()`, `analysis.explain(1)` ...).
Plots build a `matplotlib.figure.Figure` without pyplot, so nothing is shown twice or kept alive
by pyplot; Jupyter displays the returned figure, `fig.savefig(...)` writes it.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from .conflicts import why
from .schema import Conflict, Relation, Speaker, Statement
from .spans import paragraph, segments, statement_spans

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .analysis import Analysis

UNKNOWN = "unknown speaker"
CONFLICT_COLOUR = "#c62828"
AGREEMENT_COLOUR = "#2e7d32"
NO_SIDE_COLOUR = "#9e9e9e"


def speaker_name(analysis: Analysis, s: Statement) -> str:
    """The resolved speaker's name, else the speaker as written, else 'unknown speaker'."""
    sp = analysis.speaker(s.speaker_id)
    return sp.name if sp else (s.speaker or UNKNOWN)


def stance_frame(analysis: Analysis) -> pd.DataFrame:
    """One row per (statement, target) stance: speaker, side, target, stance, document and offsets."""
    by_id = analysis._statements_by_id()
    rows = []
    for (sid, target), value in analysis.stances.items():
        s = by_id.get(sid)
        if s is None:
            continue
        sp = analysis.speaker(s.speaker_id)
        rows.append({"speaker": speaker_name(analysis, s), "speaker_id": s.speaker_id, "side": sp.side if sp else None,
                     "target": target, "stance": float(value), "statement": sid, "doc_id": s.doc_id,
                     "start": s.start, "end": s.end, "text": s.text})
    cols = ["speaker", "speaker_id", "side", "target", "stance", "statement", "doc_id", "start", "end", "text"]
    return pd.DataFrame(rows, columns=cols)


def _target_order(analysis: Analysis, found: list[str]) -> list[str]:
    listed = [t for t in analysis.targets if t in found]
    return listed + sorted(set(found) - set(listed))


def _speaker_order(analysis: Analysis, found: list[str]) -> list[str]:
    listed = [sp.name for sp in analysis.speaker_list if sp.name in found]
    return list(dict.fromkeys(listed)) + sorted(set(found) - set(listed))


def stance_matrix(analysis: Analysis, counts: bool = False) -> pd.DataFrame:
    """Speakers (rows, by name) x targets (columns): mean stance in [-1, 1], NaN where a speaker said nothing.

    With `counts=True` the columns get a first level like `pivot_table(aggfunc=["mean", "count"])`:
    `m["mean"]` is the stance matrix and `m["count"]` the number of statements behind each cell.
    Only speakers and targets with at least one stance appear, in speaker-list and target-list order.
    """
    frame = stance_frame(analysis)
    rows = _speaker_order(analysis, frame["speaker"].unique().tolist())
    cols = _target_order(analysis, frame["target"].unique().tolist())
    grouped = frame.groupby(["speaker", "target"])["stance"]
    mean = grouped.mean().unstack("target").reindex(index=rows, columns=cols).astype(float)
    mean.index.name, mean.columns.name = "speaker", "target"
    if not counts:
        return mean
    count = grouped.size().unstack("target").reindex(index=rows, columns=cols).fillna(0).astype(int)
    count.index.name, count.columns.name = "speaker", "target"
    return pd.concat({"mean": mean, "count": count}, axis=1)


def find_speaker(analysis: Analysis, who: str) -> Speaker:
    """The speaker whose id, name or alias is `who` (case- and space-insensitive); a clear error otherwise."""
    key = " ".join(who.split()).casefold()
    for sp in analysis.speaker_list:
        if sp.id.casefold() == key or " ".join(sp.name.split()).casefold() == key:
            return sp
    hits = [sp for sp in analysis.speaker_list if key in {" ".join(a.split()).casefold() for a in sp.aliases}]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise ValueError(f"{who!r} is an alias of several speakers: {', '.join(sp.name for sp in hits)}")
    raise KeyError(f"no speaker with id, name or alias {who!r}")


def positions(analysis: Analysis, speaker: str) -> pd.DataFrame:
    """A speaker's statements grouped by target (target-list order), each with its stance, document and offsets.

    Statements with no stance on any target come last, target and stance missing (NaN); `speaker` is an id,
    name or alias.
    """
    sp = find_speaker(analysis, speaker)
    order = {t: i for i, t in enumerate(_target_order(analysis, sorted({t for _, t in analysis.stances})))}
    docs = {d.id: (i, d) for i, d in enumerate(analysis.documents)}
    on: dict[str, list[tuple[str, float]]] = {}
    for (sid, target), value in analysis.stances.items():
        on.setdefault(sid, []).append((target, float(value)))
    rows = []
    for s in analysis.statement_list:
        if s.speaker_id != sp.id:
            continue
        pos, doc = docs.get(s.doc_id, (len(docs), None))
        base = {"statement": s.id, "doc_id": s.doc_id, "published": doc.published if doc else None,
                "start": s.start, "end": s.end, "kind": s.kind, "cue": s.cue, "text": s.text,
                "_doc": pos}
        for target, value in on.get(s.id, [(None, math.nan)]):
            rows.append({"target": target, "stance": value, **base,
                         "_target": order.get(target, len(order)) if target is not None else len(order) + 1})
    cols = ["target", "stance", "statement", "doc_id", "published", "start", "end", "kind", "cue", "text"]
    if not rows:
        return pd.DataFrame(columns=cols)
    frame = pd.DataFrame(rows).sort_values(["_target", "_doc", "start", "statement"], kind="stable")
    return frame[cols].reset_index(drop=True)


class Explanation(dict):
    """`explain()`'s result: a plain dict that prints readably and renders as HTML in Jupyter."""

    def __repr__(self) -> str:
        head = f"#{self['rank']} " if self.get("rank") else ""
        lines = [f"{head}{self['kind']} · score {self['score']:.3f}" + (f" · topic: {self['topic']}" if self["topic"]
                                                                         else "")]
        for key in ("a", "b"):
            side = self[key]
            who = ", ".join(x for x in (side["role"], side["side"]) if x)
            lines.append(f"\n{key.upper()}: {side['speaker']}" + (f" ({who})" if who else ""))
            lines.append(f"   {side['doc_id']} [{side['start']}:{side['end']}] {side['cue'] or ''} ({side['kind']})")
            lines.append("   " + side["marked"])
        if self.get("why"):
            lines.append(f"\nwhy: {self['why']}")
        if self.get("stance"):
            st = self["stance"]
            lines.append(f"stance on {st['target']}: A {st['a']:+.2f}, B {st['b']:+.2f}")
        if self.get("nli"):
            for way in ("ab", "ba"):
                lines.append(f"NLI {way[0].upper()}->{way[1].upper()}: " + _scores(self["nli"][way]))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        head = f"#{self['rank']} " if self.get("rank") else ""
        topic = f" · {e(str(self['topic']))}" if self["topic"] else ""
        cells = []
        for key in ("a", "b"):
            side = self[key]
            who = ", ".join(e(x) for x in (side["role"], side["side"]) if x)
            body = "".join(f"<mark>{e(seg.text)}</mark>" if seg.ids else e(seg.text) for seg in side["segments"])
            cells.append(f"<td style='vertical-align:top;text-align:left'><b>{e(side['speaker'])}</b>"
                         f"{' (' + who + ')' if who else ''}<br><small>{e(side['doc_id'])} "
                         f"[{side['start']}:{side['end']}] {e(side['cue'] or '')} ({e(side['kind'])})</small>"
                         f"<p>{body}</p></td>")
        extra = [f"why: {e(self['why'])}"] if self.get("why") else []
        if self.get("stance"):
            st = self["stance"]
            extra.append(f"stance on <i>{e(str(st['target']))}</i>: A {st['a']:+.2f}, B {st['b']:+.2f}")
        if self.get("nli"):
            extra += [f"NLI {w[0].upper()}→{w[1].upper()}: {e(_scores(self['nli'][w]))}" for w in ("ab", "ba")]
        return (f"<div><b>{head}{e(self['kind'])}</b> · score {self['score']:.3f}{topic}"
                f"<table><tr><th>A</th><th>B</th></tr><tr>{''.join(cells)}</tr></table>"
                f"<p>{'<br>'.join(extra)}</p></div>")


def _scores(d: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in d.items())


class _Lookup:
    """Indexes over an analysis, built once so that explaining many pairs stays linear."""

    def __init__(self, analysis: Analysis) -> None:
        self.statements = analysis._statements_by_id()
        self.documents = {d.id: d for d in analysis.documents}
        self.speakers = {sp.id: sp for sp in analysis.speaker_list}
        self.relations: dict[frozenset[str], Relation] = {}
        for r in analysis.relation_list:
            self.relations.setdefault(frozenset((r.a, r.b)), r)
        self.stances: dict[str, dict[str, float]] = {}
        for (sid, target), value in analysis.stances.items():
            self.stances.setdefault(sid, {})[target] = float(value)


def _side_view(analysis: Analysis, s: Statement, look: _Lookup) -> dict[str, Any]:
    """One statement of a pair: speaker with role and side, its paragraph, and that paragraph with it marked."""
    sp = look.speakers.get(s.speaker_id or "")
    doc = look.documents.get(s.doc_id)
    text = doc.text if doc else s.text
    spans = statement_spans(s, len(text)) if doc else [(0, len(text))]
    if not spans:
        text, spans = s.text, [(0, len(s.text))]
    para = paragraph(text, spans[0][0], spans[-1][1])
    segs = segments(text, [(a, b, s.id) for a, b in spans], para.start, para.end)
    marked = "".join(f"»{seg.text}«" if seg.ids else seg.text for seg in segs)
    marked = ("…" if para.cut_before else "") + marked + ("…" if para.cut_after else "")
    return {"statement_id": s.id, "speaker": sp.name if sp else (s.speaker or UNKNOWN), "speaker_id": s.speaker_id,
            "role": sp.role if sp else None, "side": sp.side if sp else None, "doc_id": s.doc_id,
            "published": doc.published if doc else None,
            "source": analysis.paths.get(s.doc_id, doc.source if doc else None),
            "start": s.start, "end": s.end, "cue": s.cue, "kind": s.kind, "text": s.text, "claim": s.claim,
            "paragraph": text[para.start:para.end], "paragraph_start": para.start, "paragraph_end": para.end,
            "cut_before": para.cut_before, "cut_after": para.cut_after, "spans": spans, "segments": segs,
            "marked": marked, "stances": dict(look.stances.get(s.id, {}))}


def _resolve(analysis: Analysis, conflict: int | Conflict) -> tuple[Conflict, int | None]:
    if isinstance(conflict, Conflict):
        for items in (analysis.conflict_list, analysis.agreement_list):
            for rank, c in enumerate(items, 1):
                if c is conflict or c == conflict:
                    return conflict, rank
        return conflict, None
    if isinstance(conflict, bool) or not isinstance(conflict, int):
        raise TypeError(f"explain() takes a rank (int) or a Conflict, not {type(conflict).__name__}")
    n = len(analysis.conflict_list)
    if not 1 <= conflict <= n:
        raise IndexError(f"conflict rank {conflict} out of range: ranks run from 1 to {n}" if n
                         else "there are no conflicts to explain")
    return analysis.conflict_list[conflict - 1], conflict


def _explain(analysis: Analysis, c: Conflict, rank: int | None, look: _Lookup) -> Explanation:
    missing = [i for i in (c.a, c.b) if i not in look.statements]
    if missing:
        raise ValueError(f"{c.kind} {'#' + str(rank) + ' ' if rank else ''}refers to unknown statement "
                         f"{missing[0]!r}")
    a = _side_view(analysis, look.statements[c.a], look)
    b = _side_view(analysis, look.statements[c.b], look)
    r = look.relations.get(frozenset((c.a, c.b)))
    nli = None
    if r is not None:
        ab, ba = (r.ab, r.ba) if r.a == c.a else (r.ba, r.ab)
        nli = {"ab": dict(ab), "ba": dict(ba), "similarity": r.similarity}
    elif "nli_ab" in c.evidence:
        nli = {"ab": dict(c.evidence["nli_ab"]), "ba": dict(c.evidence.get("nli_ba", {})),
               "similarity": c.evidence.get("similarity")}
    stance = None
    target = c.evidence.get("target")
    if target is not None and "speaks_for" not in c.evidence:
        stance = {"target": target, "a": float(c.evidence.get("stance_a", a["stances"].get(target, math.nan))),
                  "b": float(c.evidence.get("stance_b", b["stances"].get(target, math.nan)))}
    return Explanation(rank=rank, kind=c.kind, score=float(c.score), topic=c.topic, a=a, b=b, nli=nli,
                       stance=stance, why=why(c), evidence=dict(c.evidence))


def explain(analysis: Analysis, conflict: int | Conflict) -> Explanation:
    """Everything behind one conflict (by rank, 1 = top, or a Conflict/agreement): both statements in their
    paragraphs, speakers with role and side, NLI scores both ways, stances on the target, score and kind."""
    c, rank = _resolve(analysis, conflict)
    return _explain(analysis, c, rank, _Lookup(analysis))


def explain_pairs(analysis: Analysis, pairs: Sequence[Conflict]) -> list[Explanation]:
    """`explain` for a ranked list of pairs (e.g. `analysis.agreement_list`), ranks counted from 1 in that list."""
    look = _Lookup(analysis)
    return [_explain(analysis, c, rank, look) for rank, c in enumerate(pairs, 1)]


def _figure(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def plot_stance_heatmap(analysis: Analysis, ax: Axes | None = None) -> Figure:
    """Heatmap of `stance_matrix`: red against, blue for, grey where a speaker said nothing; cells show mean and n."""
    import matplotlib

    m = stance_matrix(analysis, counts=True)
    if m.empty:
        raise ValueError("no stances to plot: the analysis has no (statement, target) stances")
    mean, count = m["mean"], m["count"]
    fig, ax = _figure(ax, (2.8 + 1.4 * mean.shape[1], 1.4 + 0.55 * mean.shape[0]))
    cmap = matplotlib.colormaps["RdBu"].with_extremes(bad="#eeeeee")
    image = ax.imshow(mean.to_numpy(dtype=float), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(mean.shape[1]), [_short(t) for t in mean.columns], rotation=30, ha="right")
    ax.set_yticks(range(mean.shape[0]), list(mean.index))
    values = mean.to_numpy(dtype=float)
    for i, j in zip(*(~pd.isna(values)).nonzero()):
        value = values[i, j]
        ax.text(j, i, f"{value:+.2f}\nn={count.iat[i, j]}", ha="center", va="center", fontsize=8,
                color="white" if abs(value) > 0.6 else "black")
    fig.colorbar(image, ax=ax, label="stance (−1 against, +1 for)", shrink=0.8)
    ax.set_title("Stance by speaker and target")
    return fig


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _side_colours(sides: list[str | None]) -> dict[str | None, str]:
    import matplotlib

    palette = matplotlib.colormaps["tab10"].colors
    named = list(dict.fromkeys(s for s in sides if s))
    colours: dict[str | None, str] = {s: matplotlib.colors.to_hex(palette[i % len(palette)])
                                      for i, s in enumerate(named)}
    colours[None] = NO_SIDE_COLOUR
    return colours


def _speaker_key(s: Statement) -> str:
    return s.speaker_id or f"raw:{s.speaker or UNKNOWN}"


def _layout(nodes: list[str], edges: dict[tuple[str, str], float]) -> dict[str, tuple[float, float]]:
    """Spring layout from networkx (weighted by score) when installed, else evenly on a circle."""
    try:
        import networkx as nx
    except ImportError:
        n = max(len(nodes), 1)
        return {k: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)) for i, k in enumerate(nodes)}
    g = nx.Graph()
    g.add_nodes_from(nodes)
    for (u, v), w in edges.items():
        if u != v:
            g.add_edge(u, v, weight=w + (g.edges[u, v]["weight"] if g.has_edge(u, v) else 0.0))
    pos = nx.spring_layout(g, seed=7, weight="weight", k=1.5 / math.sqrt(max(len(nodes), 1)))
    return {k: (float(x), float(y)) for k, (x, y) in pos.items()}


def plot_conflict_graph(analysis: Analysis, ax: Axes | None = None, agreements: bool = True) -> Figure:
    """Speakers as nodes coloured by side; conflicts as red and agreements as green edges, wider for higher scores.

    Several pairs between the same two speakers make one edge (width from the best score, label the count).
    """
    by_id = analysis._statements_by_id()
    said = Counter(_speaker_key(s) for s in analysis.statement_list)
    names = {sp.id: sp.name for sp in analysis.speaker_list}
    sides = {sp.id: sp.side for sp in analysis.speaker_list}
    nodes = [sp.id for sp in analysis.speaker_list if said.get(sp.id)]
    edges: dict[tuple[str, str, str], list[float]] = {}
    pairs = [*analysis.conflict_list, *(analysis.agreement_list if agreements else [])]
    for c in pairs:
        if c.a not in by_id or c.b not in by_id:
            continue
        u, v = sorted((_speaker_key(by_id[c.a]), _speaker_key(by_id[c.b])))
        for k in (u, v):
            if k not in nodes:
                nodes.append(k)
        edges.setdefault((u, v, "agreement" if c.kind == "agreement" else "conflict"), []).append(c.score)
    if not nodes:
        raise ValueError("no speakers to plot: the analysis has no attributed statements")
    pos = _layout(nodes, {(u, v): max(s) for (u, v, _), s in edges.items()})
    colours = _side_colours([sides.get(n) for n in nodes])
    fig, ax = _figure(ax, (8, 6))
    both = {(u, v) for (u, v, k) in edges if (u, v, "conflict") in edges and (u, v, "agreement") in edges}
    for (u, v, kind), scores in edges.items():
        (x0, y0), (x1, y1) = pos[u], pos[v]
        colour = AGREEMENT_COLOUR if kind == "agreement" else CONFLICT_COLOUR
        if u == v:
            ring = ax.scatter([x0], [y0], s=1400, facecolors="none", edgecolors=colour, zorder=1,
                              linewidths=1 + 3 * max(scores))
            ring.set_gid(f"{kind}-self")
            continue
        dx, dy = y1 - y0, x0 - x1
        norm = math.hypot(dx, dy) or 1.0
        shift = (0.025 if kind == "agreement" else -0.025) if (u, v) in both else 0.0
        ox, oy = shift * dx / norm, shift * dy / norm
        (line,) = ax.plot([x0 + ox, x1 + ox], [y0 + oy, y1 + oy], color=colour, linewidth=1 + 5 * max(scores),
                          alpha=0.75, linestyle="--" if kind == "agreement" else "-", zorder=1,
                          solid_capstyle="round")
        line.set_gid(f"{kind}-edge")
        if len(scores) > 1:
            ax.text((x0 + x1) / 2 + ox, (y0 + y1) / 2 + oy, f"×{len(scores)}", color=colour, fontsize=8,
                    ha="center", va="center", bbox={"boxstyle": "round", "fc": "white", "ec": "none", "alpha": 0.8})
    xs, ys = [pos[n][0] for n in nodes], [pos[n][1] for n in nodes]
    points = ax.scatter(xs, ys, s=[300 + 120 * said.get(n, 0) for n in nodes], zorder=2, edgecolors="white",
                        c=[colours[sides.get(n)] for n in nodes], linewidths=1.5)
    points.set_gid("speakers")
    for n, x, y in zip(nodes, xs, ys):
        ax.annotate(_short(names.get(n, n.removeprefix("raw:")), 30), (x, y), xytext=(0, -18),
                    textcoords="offset points", ha="center", va="top", fontsize=9, zorder=3)
    _graph_legend(ax, colours, {sides.get(n) for n in nodes}, {k for _, _, k in edges})
    ax.margins(0.18)
    ax.set_axis_off()
    ax.set_title("Conflicts (red) and agreements (green) between speakers")
    return fig


def _graph_legend(ax: Axes, colours: dict[str | None, str], present: set[str | None], kinds: set[str]) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, color=colours[s], label=s or "no side")
               for s in colours if s in present]
    if "conflict" in kinds:
        handles.append(Line2D([], [], color=CONFLICT_COLOUR, linewidth=3, label="conflict"))
    if "agreement" in kinds:
        handles.append(Line2D([], [], color=AGREEMENT_COLOUR, linewidth=3, linestyle="--", label="agreement"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)


def parse_date(value: str | None) -> datetime | None:
    """A document's `published` as a naive UTC datetime, or None when missing or unreadable."""
    if not value:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return None
    if pd.isna(stamp):
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp.to_pydatetime()


def plot_timeline(analysis: Analysis, ax: Axes | None = None, conflicts: bool = True) -> Figure:
    """Statements over time by speaker (dot size: statements that day), conflicts and agreements as lines.

    Uses `Document.published`; raises ValueError when no document has a readable date.
    """
    import matplotlib.dates as mdates

    dates = {d.id: parse_date(d.published) for d in analysis.documents}
    if not any(dates.values()):
        raise ValueError("no document has a published date: a timeline needs Document.published "
                         "(e.g. a 'published' column or field in the input)")
    dated = [s for s in analysis.statement_list if dates.get(s.doc_id)]
    if not dated:
        raise ValueError("no statement comes from a document with a published date")
    names = {_speaker_key(s): speaker_name(analysis, s) for s in dated}
    first: dict[str, datetime] = {}
    for s in dated:
        k, day = _speaker_key(s), dates[s.doc_id]
        first[k] = min(first.get(k, day), day)
    rows = sorted(first, key=lambda k: (first[k], names[k]))
    y = {k: i for i, k in enumerate(rows)}
    fig, ax = _figure(ax, (9, 1.6 + 0.45 * len(rows)))
    per = Counter((_speaker_key(s), dates[s.doc_id]) for s in dated)
    keys = list(per)
    points = ax.scatter([mdates.date2num(d) for _, d in keys], [y[k] for k, _ in keys],
                        s=[40 * per[key] for key in keys], color="#37474f", zorder=3)
    points.set_gid("statements")
    undated = len(analysis.statement_list) - len(dated)
    if conflicts:
        by_id = analysis._statements_by_id()
        for c in [*analysis.conflict_list, *analysis.agreement_list]:
            a, b = by_id.get(c.a), by_id.get(c.b)
            if not a or not b or not dates.get(a.doc_id) or not dates.get(b.doc_id):
                continue
            agree = c.kind == "agreement"
            (line,) = ax.plot([mdates.date2num(dates[a.doc_id]), mdates.date2num(dates[b.doc_id])],
                              [y[_speaker_key(a)], y[_speaker_key(b)]], linestyle="--" if agree else "-",
                              color=AGREEMENT_COLOUR if agree else CONFLICT_COLOUR, alpha=0.3 + 0.6 * c.score,
                              linewidth=1 + 2 * c.score, zorder=2)
            line.set_gid(f"{'agreement' if agree else 'conflict'}-line")
    ax.set_yticks(range(len(rows)), [_short(names[k], 30) for k in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    days = [mdates.date2num(d) for _, d in keys]
    ax.set_xlim(min(days) - 1, max(days) + 1)
    ax.grid(axis="x", alpha=0.3)
    note = f" ({undated} undated statements not shown)" if undated else ""
    ax.set_title("Statements over time" + (", conflicts red, agreements green" if conflicts else "") + note)
    return fig
