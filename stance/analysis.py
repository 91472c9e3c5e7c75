"""`Analysis`: what `analyze()` returns; objects for code, pandas frames for notebooks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from .schema import Conflict, Document, Relation, Speaker, Statement

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

STATEMENT_COLUMNS = ["id", "doc_id", "speaker_id", "speaker", "speaker_start", "speaker_end", "cue", "cue_start",
                     "cue_end", "text", "start", "end", "kind", "content_spans"]


@dataclass
class Analysis:
    """The result of a run: documents, statements, speakers, NLI relations, conflicts and agreements.

    The `*_list` attributes hold the dataclasses; `statements`, `speakers`, `conflicts` and
    `agreements` are pandas DataFrames built from them.
    """

    documents: list[Document]
    statement_list: list[Statement]
    speaker_list: list[Speaker]
    relation_list: list[Relation] = field(default_factory=list)
    conflict_list: list[Conflict] = field(default_factory=list)
    agreement_list: list[Conflict] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    paths: dict[str, str] = field(default_factory=dict)
    stances: dict[tuple[str, str], float] = field(default_factory=dict)

    def statement(self, statement_id: str) -> Statement:
        return self._statements_by_id()[statement_id]

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        return {s.id: s for s in self.speaker_list}.get(speaker_id) if speaker_id else None

    def document(self, doc_id: str) -> Document:
        return {d.id: d for d in self.documents}[doc_id]

    def _statements_by_id(self) -> dict[str, Statement]:
        return {s.id: s for s in self.statement_list}

    @property
    def statements(self) -> pd.DataFrame:
        speakers = {s.id: s for s in self.speaker_list}
        rows = []
        for s in self.statement_list:
            sp = speakers.get(s.speaker_id) if s.speaker_id else None
            rows.append({**s.to_dict(), "speaker_name": sp.name if sp else None,
                         "role": sp.role if sp else None, "side": sp.side if sp else None})
        return pd.DataFrame(rows, columns=STATEMENT_COLUMNS + ["polarity", "claim", "speaker_name", "role", "side"])

    @property
    def speakers(self) -> pd.DataFrame:
        counts: dict[str, int] = {}
        for s in self.statement_list:
            if s.speaker_id:
                counts[s.speaker_id] = counts.get(s.speaker_id, 0) + 1
        rows = [{**sp.to_dict(), "statements": counts.get(sp.id, 0)} for sp in self.speaker_list]
        return pd.DataFrame(rows, columns=["id", "name", "aliases", "role", "side", "kind", "statements"])

    def _pair_frame(self, items: list[Conflict]) -> pd.DataFrame:
        by_id = self._statements_by_id()
        speakers = {s.id: s for s in self.speaker_list}
        rows = []
        for rank, c in enumerate(items, 1):
            a, b = by_id[c.a], by_id[c.b]
            sa, sb = speakers.get(a.speaker_id or ""), speakers.get(b.speaker_id or "")
            rows.append({"rank": rank, "kind": c.kind, "score": c.score, "topic": c.topic,
                         "speaker_a": sa.name if sa else a.speaker, "side_a": sa.side if sa else None,
                         "text_a": a.text, "doc_a": a.doc_id, "a": a.id,
                         "speaker_b": sb.name if sb else b.speaker, "side_b": sb.side if sb else None,
                         "text_b": b.text, "doc_b": b.doc_id, "b": b.id,
                         "role_a": sa.role if sa else None, "role_b": sb.role if sb else None,
                         "start_a": a.start, "end_a": a.end, "start_b": b.start, "end_b": b.end,
                         "cue_a": a.cue, "cue_b": b.cue})
        cols = ["rank", "kind", "score", "topic", "speaker_a", "side_a", "text_a", "doc_a", "a", "speaker_b",
                "side_b", "text_b", "doc_b", "b", "role_a", "role_b", "start_a", "end_a", "start_b", "end_b",
                "cue_a", "cue_b"]
        return pd.DataFrame(rows, columns=cols)

    @property
    def conflicts(self) -> pd.DataFrame:
        return self._pair_frame(self.conflict_list)

    @property
    def agreements(self) -> pd.DataFrame:
        return self._pair_frame(self.agreement_list)

    def to_dict(self) -> dict:
        """The report.json contract: documents, speakers, statements, conflicts (ranked), agreements."""
        statements = []
        for s in self.statement_list:
            d = s.to_dict()
            statements.append({k: d[k] for k in STATEMENT_COLUMNS} | {"polarity": s.polarity, "claim": s.claim})
        return {
            "documents": [{"id": d.id, "path": self.paths.get(d.id, d.source)} for d in self.documents],
            "speakers": [{k: v for k, v in sp.to_dict().items()} for sp in self.speaker_list],
            "statements": statements,
            "conflicts": [c.to_dict() for c in self.conflict_list],
            "agreements": [c.to_dict() for c in self.agreement_list],
        }

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, default=_jsonable)

    def to_markdown(self) -> str:
        from .report.markdown import render_markdown

        return render_markdown(self)

    def stance_matrix(self, counts: bool = False) -> pd.DataFrame:
        """Speakers x targets mean stance; `counts=True` adds a "count" level (see `explore.stance_matrix`)."""
        from .explore import stance_matrix

        return stance_matrix(self, counts=counts)

    def positions(self, speaker: str) -> pd.DataFrame:
        """One speaker's statements (by id, name or alias) grouped by target, with stance and offsets."""
        from .explore import positions

        return positions(self, speaker)

    def explain(self, conflict: int | Conflict) -> dict:
        """Both statements of a conflict (rank from 1, or a Conflict) in their paragraphs, with the evidence."""
        from .explore import explain

        return explain(self, conflict)

    def plot_stance_heatmap(self, ax: Axes | None = None) -> Figure:
        """Heatmap of the stance matrix as a matplotlib Figure."""
        from .explore import plot_stance_heatmap

        return plot_stance_heatmap(self, ax=ax)

    def plot_conflict_graph(self, ax: Axes | None = None, agreements: bool = True) -> Figure:
        """Speakers coloured by side, conflicts and agreements as edges, as a matplotlib Figure."""
        from .explore import plot_conflict_graph

        return plot_conflict_graph(self, ax=ax, agreements=agreements)

    def plot_timeline(self, ax: Axes | None = None, conflicts: bool = True) -> Figure:
        """Statements by speaker over `Document.published` dates, as a matplotlib Figure."""
        from .explore import plot_timeline

        return plot_timeline(self, ax=ax, conflicts=conflicts)


def _jsonable(value: object) -> object:
    """JSON for values `json` cannot encode itself: numpy or torch scalars and arrays (e.g. in `evidence`), sets."""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
