"""Report renderers on a hand-built Analysis: markdown sections, report.json contract, CSVs, atomic writes."""

from __future__ import annotations

import json
import re
import sys
import types
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from stance.analysis import Analysis
from stance.report import render_markdown, write_report
from stance.report import writer as writer_module
from stance.schema import Conflict, Document, Speaker, Statement

DOC_A = ("Secretary of State Mike Pompeo said on Tuesday that Turkey will face real consequences over the S-400 "
         "purchase. Pompeo added that the F-35 sale is suspended.")
DOC_B = ("President Recep Tayyip Erdogan told reporters that the S-400 deal is done and nobody can stop it.\r\n"
         "\"We will not step back from the F-35 programme,\" Erdogan said.")
REPORT_FILES = {"report.md", "report.json", "statements.csv", "conflicts.csv"}


def span(doc: Document, sid: str, speaker: str, speaker_id: str, cue: str, text: str, kind: str,
         after: int = 0) -> Statement:
    """A statement whose offsets are found in `doc`, so they index its text for real."""
    start = doc.text.index(text, after)
    s_start = doc.text.index(speaker)
    c_start = doc.text.index(cue, s_start)
    return Statement(id=sid, doc_id=doc.id, speaker=speaker, speaker_start=s_start, speaker_end=s_start + len(speaker),
                     cue=cue, cue_start=c_start, cue_end=c_start + len(cue), text=text, start=start,
                     end=start + len(text), kind=kind, speaker_id=speaker_id)


@pytest.fixture()
def analysis() -> Analysis:
    a = Document(id="000_a.txt", text=DOC_A, source="articles/000_a.txt")
    b = Document(id="001_b.txt", text=DOC_B, source="articles/001_b.txt")
    statements = [
        span(a, "s1", "Mike Pompeo", "pompeo", "said", "Turkey will face real consequences over the S-400 purchase",
             "indirect"),
        span(a, "s2", "Pompeo", "pompeo", "added", "the F-35 sale is suspended", "indirect", after=100),
        span(b, "s3", "Recep Tayyip Erdogan", "erdogan", "told", "the S-400 deal is done and nobody can stop it",
             "indirect"),
        span(b, "s4", "Erdogan", "erdogan", "said", "We will not step back from the F-35 programme,", "direct"),
    ]
    speakers = [Speaker(id="pompeo", name="Mike Pompeo", aliases=("Mike Pompeo", "Pompeo"),
                        role="Secretary of State", side="United States"),
                Speaker(id="erdogan", name="Recep Tayyip Erdogan", aliases=("Erdogan",), role="President",
                        side="Turkey")]
    conflict = Conflict(a="s1", b="s3", kind="contradiction", score=0.8712, topic="S-400 purchase",
                        evidence={"contradiction": np.float32(0.8712)})
    agreement = Conflict(a="s2", b="s4", kind="agreement", score=0.61, topic="F-35")
    return Analysis(documents=[a, b], statement_list=statements, speaker_list=speakers,
                    conflict_list=[conflict], agreement_list=[agreement])


def sections(md: str) -> dict[str, str]:
    """Level-2 sections of a markdown report by title."""
    parts = re.split(r"^## (.+)$", md, flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2])}


def cells(row: str) -> list[str]:
    """A markdown table row split on unescaped pipes, each cell unescaped back to plain text."""
    raw = re.split(r"(?<!\\)\|", row.strip())[1:-1]
    return [re.sub(r"\\(.)", r"\1", c.strip()).replace("<br>", "\n") for c in raw]


def offsets(s: Statement) -> str:
    return f"{s.start}–{s.end}"


# --- markdown ---------------------------------------------------------------------------------------

def test_markdown_has_sections_in_order(analysis: Analysis) -> None:
    md = render_markdown(analysis)
    titles = list(sections(md))
    assert titles == ["Conflicts", "By topic", "Agreements", "Positions by speaker"]
    header = md.split("## Conflicts")[0]
    for count in ("2 documents", "4 statements", "2 speakers", "1 conflict", "1 agreement"):
        assert count in header


def test_conflict_shows_both_statements_side_by_side(analysis: Analysis) -> None:
    conflicts = sections(render_markdown(analysis))["Conflicts"]
    s1, s3 = analysis.statement("s1"), analysis.statement("s3")
    assert "contradiction" in conflicts and "0.871" in conflicts and "S-400 purchase" in conflicts
    rows = {cells(line)[0]: cells(line)[1:] for line in conflicts.splitlines() if line.startswith("|")}
    assert rows["Speaker"] == ["**Mike Pompeo**", "**Recep Tayyip Erdogan**"]
    assert rows["Role"] == ["Secretary of State", "President"]
    assert rows["Side"] == ["United States", "Turkey"]
    assert rows["Statement"] == [f"“{s1.text}”", f"“{s3.text}”"]
    assert "said" in rows["Cue"][0] and "told" in rows["Cue"][1]
    assert rows["Source"] == [f"`000_a.txt` {offsets(s1)}", f"`001_b.txt` {offsets(s3)}"]
    assert s1.text in conflicts and s3.text in conflicts


def test_by_topic_and_agreements(analysis: Analysis) -> None:
    parts = sections(render_markdown(analysis))
    assert "### S-400 purchase" in parts["By topic"]
    assert "#1" in parts["By topic"] and "Mike Pompeo vs Recep Tayyip Erdogan" in parts["By topic"]
    for sid in ("s2", "s4"):
        assert analysis.statement(sid).text in parts["Agreements"]
    assert analysis.statement("s1").text not in parts["Agreements"]


def test_positions_by_speaker(analysis: Analysis) -> None:
    body = sections(render_markdown(analysis))["Positions by speaker"]
    pompeo, erdogan = body.split("### Mike Pompeo")[1].split("### Recep Tayyip Erdogan")
    assert "Secretary of State" in pompeo and "United States" in pompeo and "Pompeo" in pompeo
    assert "President" in erdogan and "Turkey" in erdogan and "Erdogan" in erdogan
    for sid, block in (("s1", pompeo), ("s2", pompeo), ("s3", erdogan), ("s4", erdogan)):
        s = analysis.statement(sid)
        line = next(l for l in block.splitlines() if s.text in l)
        assert s.doc_id in line and offsets(s) in line
    assert pompeo.index(analysis.statement("s1").text) < pompeo.index(analysis.statement("s2").text)


def test_markdown_special_characters_do_not_break_tables(analysis: Analysis) -> None:
    nasty = "A | B *bold* _it_ `code` [link](x) <script>\r\nnext line & $5 &amp; \\ end"
    doc = Document(id="weird|id.txt", text=nasty)
    s5 = Statement(id="s5", doc_id=doc.id, speaker=None, speaker_start=None, speaker_end=None, cue=None,
                   cue_start=None, cue_end=None, text=nasty, start=0, end=len(nasty), kind="according_to")
    weird = Analysis(documents=analysis.documents + [doc], statement_list=analysis.statement_list + [s5],
                     speaker_list=analysis.speaker_list,
                     conflict_list=[Conflict(a="s1", b="s5", kind="opposition", score=0.5, topic="x | y")])
    md = render_markdown(weird)
    table = [l for l in sections(md)["Conflicts"].splitlines() if l.startswith("|")]
    widths = {len(cells(l)) for l in table}
    assert widths == {3}
    statement_row = next(cells(l) for l in table if cells(l)[0] == "Statement")
    assert statement_row[2] == f"“{nasty}”".replace("\r\n", "\n")
    source_row = next(cells(l) for l in table if cells(l)[0] == "Source")
    assert "weird|id.txt" in source_row[2]
    assert "<script>" not in md


def test_empty_analysis_renders() -> None:
    md = render_markdown(Analysis(documents=[Document(id="d", text="x")], statement_list=[], speaker_list=[]))
    assert "No conflicts found." in md and "No agreements found." in md and "0 statements" in md


def test_analysis_to_markdown_uses_the_renderer(analysis: Analysis) -> None:
    assert analysis.to_markdown() == render_markdown(analysis)


# --- report.json ------------------------------------------------------------------------------------

def test_report_json_contract(analysis: Analysis, tmp_path: Path) -> None:
    write_report(analysis, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert set(data) == {"documents", "speakers", "statements", "conflicts", "agreements"}
    assert data["documents"] == [{"id": "000_a.txt", "path": "articles/000_a.txt"},
                                 {"id": "001_b.txt", "path": "articles/001_b.txt"}]
    for sp in data["speakers"]:
        assert {"id", "name", "aliases", "role", "side"} <= set(sp)
        assert isinstance(sp["aliases"], list)
    assert [(sp["name"], sp["role"], sp["side"]) for sp in data["speakers"]] == [
        ("Mike Pompeo", "Secretary of State", "United States"), ("Recep Tayyip Erdogan", "President", "Turkey")]
    keys = {"id", "doc_id", "speaker_id", "speaker", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end",
            "text", "start", "end", "kind"}
    texts = {"000_a.txt": DOC_A, "001_b.txt": DOC_B}
    assert [s["id"] for s in data["statements"]] == ["s1", "s2", "s3", "s4"]
    for s in data["statements"]:
        assert keys <= set(s)
        assert texts[s["doc_id"]][s["start"]:s["end"]] == s["text"]
        assert texts[s["doc_id"]][s["cue_start"]:s["cue_end"]] == s["cue"]
        assert texts[s["doc_id"]][s["speaker_start"]:s["speaker_end"]] == s["speaker"]
    [c] = data["conflicts"]
    assert {"a", "b", "kind", "score", "topic"} <= set(c)
    assert (c["a"], c["b"], c["kind"], c["topic"]) == ("s1", "s3", "contradiction", "S-400 purchase")
    assert c["score"] == pytest.approx(0.8712)
    assert c["evidence"]["contradiction"] == pytest.approx(0.8712, abs=1e-6)
    [g] = data["agreements"]
    assert (g["a"], g["b"], g["kind"]) == ("s2", "s4", "agreement")


# --- csv --------------------------------------------------------------------------------------------

def test_statements_csv(analysis: Analysis, tmp_path: Path) -> None:
    write_report(analysis, tmp_path)
    df = pd.read_csv(tmp_path / "statements.csv", keep_default_na=False)
    assert list(df["id"]) == ["s1", "s2", "s3", "s4"]
    for col in ("doc_id", "speaker_name", "role", "side", "text", "start", "end", "cue", "kind"):
        assert col in df.columns
    row = df.set_index("id").loc["s3"]
    s3 = analysis.statement("s3")
    assert (row["speaker_name"], row["role"], row["side"]) == ("Recep Tayyip Erdogan", "President", "Turkey")
    assert (row["text"], row["doc_id"], row["start"], row["end"]) == (s3.text, "001_b.txt", s3.start, s3.end)


def test_conflicts_csv(analysis: Analysis, tmp_path: Path) -> None:
    write_report(analysis, tmp_path)
    df = pd.read_csv(tmp_path / "conflicts.csv", keep_default_na=False)
    assert len(df) == 1
    row = df.iloc[0]
    s1, s3 = analysis.statement("s1"), analysis.statement("s3")
    assert (row["rank"], row["kind"], row["topic"], row["a"], row["b"]) == (1, "contradiction", "S-400 purchase",
                                                                            "s1", "s3")
    assert row["score"] == pytest.approx(0.8712)
    assert (row["speaker_a"], row["speaker_b"]) == ("Mike Pompeo", "Recep Tayyip Erdogan")
    assert (row["text_a"], row["text_b"]) == (s1.text, s3.text)
    assert (row["doc_a"], row["doc_b"]) == ("000_a.txt", "001_b.txt")
    assert (row["start_a"], row["end_a"], row["start_b"], row["end_b"]) == (s1.start, s1.end, s3.start, s3.end)


# --- writing ----------------------------------------------------------------------------------------

def test_write_report_creates_folder_and_all_files(analysis: Analysis, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "report"
    paths = write_report(analysis, out)
    assert {p.name for p in paths} == REPORT_FILES
    assert all(p.parent == out and p.is_file() for p in paths)
    assert {p.name for p in out.iterdir()} == REPORT_FILES
    assert [p.name for p in out.parent.iterdir()] == ["report"]
    assert (out / "report.md").read_text(encoding="utf-8") == render_markdown(analysis)


def test_failing_renderer_leaves_no_report(analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: Analysis) -> str:
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(writer_module, "render_markdown", broken)
    with pytest.raises(RuntimeError, match="exploded"):
        write_report(analysis, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_failure_while_moving_files_leaves_no_report(analysis: Analysis, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = writer_module.os.replace
    moved: list[str] = []

    def flaky_replace(src: Path, dst: Path) -> None:
        if len(moved) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)
        moved.append(Path(dst).name)

    monkeypatch.setattr(writer_module.os, "replace", flaky_replace)
    with pytest.raises(OSError):
        write_report(analysis, tmp_path / "out")
    assert len(moved) == 2
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_an_existing_report_intact(analysis: Analysis, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write_report(analysis, tmp_path / "out")
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    monkeypatch.setattr(writer_module, "to_csv_text", lambda df: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_report(analysis, tmp_path / "out")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_out_dir_that_is_a_file_is_refused(analysis: Analysis, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(NotADirectoryError):
        write_report(analysis, tmp_path / "out")


def test_html_without_renderer_is_not_implemented(analysis: Analysis, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "stance.report.html", None)
    with pytest.raises(NotImplementedError, match="html"):
        write_report(analysis, tmp_path / "out", html=True)
    assert not (tmp_path / "out").exists()


def test_html_hook_writes_report_html(analysis: Analysis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("stance.report.html")
    fake.render_html = lambda a: f"<html>{len(a.statement_list)} statements</html>"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "stance.report.html", fake)
    paths = write_report(analysis, tmp_path / "out", html=True)
    assert {p.name for p in paths} == REPORT_FILES | {"report.html"}
    assert (tmp_path / "out" / "report.html").read_text() == "<html>4 statements</html>"


def test_both_reports_say_scores_rank_and_are_not_probabilities(analysis: Analysis) -> None:
    from stance.report.context import SCORE_NOTE
    from stance.report.html import render_html
    from stance.report.markdown import render_markdown

    assert "not probabilities" in SCORE_NOTE
    assert "Scores rank; they are not probabilities" in render_markdown(analysis)
    assert "Scores rank; they are not probabilities" in render_html(analysis)
