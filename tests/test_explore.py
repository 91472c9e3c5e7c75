"""Notebook helpers on a hand-built analysis: stance matrix, positions, explain, and the three plots."""

from __future__ import annotations

import dataclasses
import math

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from fixtures_analysis import TOP_A, TOP_B, small_analysis  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from stance.analysis import Analysis  # noqa: E402
from stance.explore import explain, find_speaker, stance_frame  # noqa: E402
from stance.schema import Conflict  # noqa: E402
from stance.spans import paragraph, segments  # noqa: E402


@pytest.fixture
def analysis() -> Analysis:
    return small_analysis()


def gid_artists(fig: Figure, gid: str) -> list:
    return [a for a in fig.axes[0].get_children() if a.get_gid() == gid]


def test_stance_matrix_means(analysis: Analysis) -> None:
    m = analysis.stance_matrix()
    assert list(m.index) == ["Donald Trump", "Mike Pompeo", "Recep Tayyip Erdogan", "Jens Stoltenberg"]
    assert list(m.columns) == ["S-400", "Turkey", "sanctions against Turkey"]
    assert m.loc["Mike Pompeo", "Turkey"] == pytest.approx(-0.45)
    assert m.loc["Recep Tayyip Erdogan", "S-400"] == pytest.approx(0.65)
    assert m.loc["Donald Trump", "Turkey"] == pytest.approx(0.5)
    assert math.isnan(m.loc["Donald Trump", "S-400"])
    assert math.isnan(m.loc["Jens Stoltenberg", "sanctions against Turkey"])
    values = m.stack().dropna()
    assert len(values) == 10 and values.between(-1, 1).all()


def test_stance_matrix_counts(analysis: Analysis) -> None:
    m = analysis.stance_matrix(counts=True)
    assert list(m.columns.get_level_values(0).unique()) == ["mean", "count"]
    count = m["count"]
    assert count.loc["Mike Pompeo", "Turkey"] == 2
    assert count.loc["Jens Stoltenberg", "sanctions against Turkey"] == 0
    assert int(count.to_numpy().sum()) == len(analysis.stances)
    assert m["mean"].equals(analysis.stance_matrix())


def test_stance_matrix_empty() -> None:
    bare = dataclasses.replace(small_analysis(), stances={})
    assert bare.stance_matrix().empty
    assert stance_frame(bare).empty


@pytest.mark.parametrize("who", ["mr. pompeo", "MIKE POMPEO", "sp-pompeo", "Secretary of  State Mike Pompeo"])
def test_positions_by_id_name_or_alias(analysis: Analysis, who: str) -> None:
    p = analysis.positions(who)
    assert set(p["statement"]) == {"s2", "s6"}
    assert list(p["target"]) == ["S-400", "Turkey", "Turkey", "sanctions against Turkey"]
    row = p[(p["statement"] == "s2") & (p["target"] == "S-400")].iloc[0]
    assert row["stance"] == pytest.approx(-0.6)
    doc = analysis.document(row["doc_id"])
    assert doc.text[row["start"]:row["end"]] == row["text"] == TOP_A


def test_positions_unknown_and_ambiguous(analysis: Analysis) -> None:
    with pytest.raises(KeyError, match="no speaker"):
        analysis.positions("Sergei Lavrov")
    twins = dataclasses.replace(analysis, speaker_list=[
        *analysis.speaker_list, dataclasses.replace(analysis.speaker_list[0], id="sp-other", name="Other Trump")])
    with pytest.raises(ValueError, match="several speakers"):
        find_speaker(twins, "trump")


def test_positions_without_stance_come_last(analysis: Analysis) -> None:
    bare = dataclasses.replace(analysis, stances={k: v for k, v in analysis.stances.items() if k[0] != "s6"})
    p = bare.positions("Pompeo")
    assert p.iloc[-1]["statement"] == "s6" and pd.isna(p.iloc[-1]["target"]) and math.isnan(p.iloc[-1]["stance"])


def test_explain_contradiction(analysis: Analysis) -> None:
    e = analysis.explain(1)
    assert isinstance(e, dict)
    assert (e["rank"], e["kind"], e["score"]) == (1, "contradiction", pytest.approx(0.915))
    assert e["a"]["speaker"] == "Mike Pompeo" and e["a"]["role"] == "Secretary of State"
    assert e["a"]["side"] == "United States" and e["b"]["side"] == "Turkey"
    assert e["a"]["paragraph"].startswith("Secretary of State Mike Pompeo warned")
    assert e["a"]["paragraph"].endswith("he added.")
    assert f"»{TOP_A}«" in e["a"]["marked"]
    assert "»Turkey will not face any sanctions,«" in e["b"]["marked"]
    assert "»because this purchase is our sovereign right.«" in e["b"]["marked"]
    assert e["nli"]["ab"]["contradiction"] == pytest.approx(0.93)
    assert e["nli"]["ba"]["contradiction"] == pytest.approx(0.87)
    assert e["stance"] is None
    text = repr(e)
    assert "Mike Pompeo" in text and "0.915" in text and "NLI A->B" in text
    assert "<mark>" in e._repr_html_()


def test_explain_orients_a_reversed_relation(analysis: Analysis) -> None:
    e = analysis.explain(3)
    assert (e["a"]["statement_id"], e["b"]["statement_id"]) == ("s2", "s7")
    assert e["nli"]["ab"]["contradiction"] == pytest.approx(0.74)
    assert e["nli"]["ba"]["contradiction"] == pytest.approx(0.62)


def test_explain_opposition(analysis: Analysis) -> None:
    e = explain(analysis, analysis.conflict_list[1])
    assert e["rank"] == 2 and e["kind"] == "opposition"
    assert e["stance"] == {"target": "S-400", "a": pytest.approx(0.8), "b": pytest.approx(-0.7)}
    assert e["a"]["speaker"] == "Recep Tayyip Erdogan" and e["b"]["role"] == "NATO Secretary General"
    assert e["nli"] is not None
    assert "stance on S-400: A +0.80, B -0.70" in repr(e)


def test_explain_agreement_and_errors(analysis: Analysis) -> None:
    e = analysis.explain(analysis.agreement_list[0])
    assert e["kind"] == "agreement" and e["nli"]["ab"]["entailment"] == pytest.approx(0.72)
    with pytest.raises(IndexError):
        analysis.explain(0)
    with pytest.raises(IndexError):
        analysis.explain(5)
    with pytest.raises(ValueError, match="unknown statement"):
        analysis.explain(Conflict("s1", "nope", "contradiction", 0.9))


def test_explain_escapes_html() -> None:
    a = small_analysis()
    doc = dataclasses.replace(a.documents[0], text=a.documents[0].text.replace("Secretary", "<i>Secretary</i>"))
    shifted = dataclasses.replace(a, documents=[doc, *a.documents[1:]])
    assert "&lt;i&gt;Secretary&lt;/i&gt;" in shifted.explain(1)._repr_html_()
    assert "<i>Secretary" not in shifted.explain(1)._repr_html_()


def test_paragraph_of_a_long_line_is_trimmed() -> None:
    text = "word " * 400 + "THE CLAIM" + " word" * 400
    start = text.index("THE CLAIM")
    p = paragraph(text, start, start + 9, context=50)
    assert p.cut_before and p.cut_after and p.end - p.start < 130
    assert text[p.start:p.end].strip() == text[p.start:p.end]


def test_segments_cover_text_and_overlaps() -> None:
    segs = segments("abcdefgh", [(1, 5, "x"), (3, 7, "y")])
    assert "".join(s.text for s in segs) == "abcdefgh"
    assert [(s.text, s.ids) for s in segs] == [("a", ()), ("bc", ("x",)), ("de", ("x", "y")), ("fg", ("y",)),
                                              ("h", ())]


def test_plot_stance_heatmap_cells(analysis: Analysis) -> None:
    fig = analysis.plot_stance_heatmap()
    assert isinstance(fig, Figure)
    assert fig.axes[0].images[0].get_array().shape == (4, 3)
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert len(labels) == 10 and "-0.45\nn=2" in labels


def test_plot_stance_heatmap_without_stances(analysis: Analysis) -> None:
    with pytest.raises(ValueError, match="no stances"):
        dataclasses.replace(analysis, stances={}).plot_stance_heatmap()


def test_plot_conflict_graph(analysis: Analysis) -> None:
    fig = analysis.plot_conflict_graph()
    assert isinstance(fig, Figure)
    (nodes,) = gid_artists(fig, "speakers")
    assert len(nodes.get_offsets()) == 4
    assert len(gid_artists(fig, "conflict-edge")) == 3
    assert len(gid_artists(fig, "agreement-edge")) == 1
    assert len(gid_artists(analysis.plot_conflict_graph(agreements=False), "agreement-edge")) == 0


def test_plot_conflict_graph_without_networkx(analysis: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "networkx", None)
    (nodes,) = gid_artists(analysis.plot_conflict_graph(), "speakers")
    assert len(nodes.get_offsets()) == 4


def test_plot_timeline(analysis: Analysis) -> None:
    fig = analysis.plot_timeline()
    assert isinstance(fig, Figure)
    (points,) = gid_artists(fig, "statements")
    assert len(points.get_offsets()) == 8
    assert len(gid_artists(fig, "conflict-line")) == 4
    assert len(gid_artists(fig, "agreement-line")) == 1


def test_plot_timeline_needs_dates(analysis: Analysis) -> None:
    undated = dataclasses.replace(analysis, documents=[dataclasses.replace(d, published=None)
                                                       for d in analysis.documents])
    with pytest.raises(ValueError, match="published date"):
        undated.plot_timeline()


def test_plot_on_given_axes(analysis: Analysis) -> None:
    fig = Figure()
    ax1, ax2 = fig.subplots(1, 2)
    assert analysis.plot_conflict_graph(ax=ax2) is fig
    assert analysis.plot_stance_heatmap(ax=ax1) is fig
