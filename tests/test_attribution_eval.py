"""Attribution scoring against PolNeAR: a hand-made brat fixture, a fake extractor, the CLI, the real dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance.cli import main
from stance.schema import Document, Statement
from stance.training.attribution_eval import evaluate_attribution, format_attribution_table, match
from stance.training.polnear import load_polnear

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"

ONE = ('Smith said that the plan would fail. "We will win," Jones said. Taxes rose, it was reported.\n'
       "He believes nothing.\n")
TWO = "Brown announced that the talks had collapsed.\n"


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    """Character span of the nth occurrence of sub in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def ann(text: str, attributions: list[dict[str, tuple[str, int]]]) -> str:
    """brat lines for attributions given as {role: (surface, occurrence)}."""
    lines, n = [], 0
    for e, roles in enumerate(attributions, 1):
        refs = []
        for role, (sub, nth) in roles.items():
            n += 1
            s, t = at(text, sub, nth)
            lines.append(f"T{n}\t{role} {s} {t}\t{sub}")
            refs.append(f"{role}:T{n}")
        lines.append(f"E{e}\tAttribution:T{n} " + " ".join(refs))
    return "\n".join(lines) + "\n"


@pytest.fixture()
def polnear(tmp_path: Path) -> Path:
    root = tmp_path / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "one.txt").write_text(ONE, encoding="utf-8")
    (root / "text" / "two.txt").write_text(TWO, encoding="utf-8")
    (root / "attributions" / "one_ann1.ann").write_text(ann(ONE, [
        {"Source": ("Smith", 0), "Cue": ("said", 0), "Content": ("that the plan would fail", 0)},
        {"Source": ("Jones", 0), "Cue": ("said", 1), "Content": ('"We will win,"', 0)},
        {"Cue": ("was reported", 0), "Content": ("Taxes rose", 0)},
        {"Source": ("He", 0), "Cue": ("believes", 0), "Content": ("nothing", 0)}]), encoding="utf-8")
    (root / "attributions" / "two_ann1.ann").write_text(ann(TWO, [
        {"Source": ("Brown", 0), "Cue": ("announced", 0), "Content": ("that the talks had collapsed", 0)}]),
        encoding="utf-8")
    return root


def statement(text: str, content: str | tuple[int, int], cue: str | tuple[int, int] | None,
              speaker: str | tuple[int, int] | None) -> Statement:
    """A predicted statement over substrings (first occurrence) or explicit spans of text."""
    def span(x: str | tuple[int, int] | None) -> tuple[int | None, int | None]:
        return (None, None) if x is None else (x if isinstance(x, tuple) else at(text, x))

    (s, e), (cs, ce), (ss, se) = span(content), span(cue), span(speaker)
    return Statement(id="x", doc_id="one", speaker=None if ss is None else text[ss:se], speaker_start=ss,
                     speaker_end=se, cue=None if cs is None else text[cs:ce], cue_start=cs, cue_end=ce,
                     text=text[s:e], start=s, end=e, kind="indirect")


def predictions(no_source_speaker: str | None = None) -> list[Statement]:
    return [
        statement(ONE, "the plan would fail", "said", "Smith"),
        statement(ONE, "the plan would fail", "said", "Smith"),
        statement(ONE, "We will win", at(ONE, "said", 1), "Smith"),
        statement(ONE, "Taxes rose", "reported", no_source_speaker),
        statement(ONE, "the plan", "believes", "Jones"),
    ]


def fake(by_doc: dict[str, list[Statement]]):
    def extract(docs: list[Document]) -> list[list[Statement]]:
        return [by_doc.get(d.id, []) for d in docs]
    return extract


def figures(results: dict, metric: str, cat: str = "all") -> tuple[int, int, int, int]:
    m = results["metrics"][metric][cat]
    return m["tp_pred"], m["pred"], m["tp_gold"], m["gold"]


def test_content_overlap_is_one_to_one(polnear: Path) -> None:
    r = evaluate_attribution(polnear, extract=fake({"one": predictions()}))
    assert r["articles"] == 2
    assert figures(r, "content overlap") == (3, 5, 3, 5)
    m = r["metrics"]["content overlap"]["all"]
    assert m["p"] == pytest.approx(3 / 5) and m["r"] == pytest.approx(3 / 5) and m["f1"] == pytest.approx(3 / 5)


def test_one_prediction_never_matches_two_gold_contents() -> None:
    gold, pred = [frozenset({1, 2}), frozenset({3, 4})], [frozenset({1, 2, 3, 4})]
    assert len(match(gold, pred, lambda g, p: True)) == 1
    assert match(gold, [frozenset({3, 4}), frozenset({1, 2, 3})], lambda g, p: True) == {1: 0, 0: 1}


def test_exact_needs_the_same_words_punctuation_aside(polnear: Path) -> None:
    r = evaluate_attribution(polnear, extract=fake({"one": predictions()}))
    assert figures(r, "content exact") == (2, 5, 2, 5)
    assert figures(r, "content exact", "direct/mixed") == (1, 1, 1, 1)


def test_direct_indirect_split_follows_the_gold_quote_marks(polnear: Path) -> None:
    r = evaluate_attribution(polnear, extract=fake({"one": predictions()}))
    assert figures(r, "content overlap", "direct/mixed") == (1, 1, 1, 1)
    assert figures(r, "content overlap", "indirect") == (2, 4, 2, 4)
    assert r["metrics"]["content overlap"]["indirect"]["p"] == pytest.approx(0.5)


def test_source_is_scored_per_attribution(polnear: Path) -> None:
    r = evaluate_attribution(polnear, extract=fake({"one": predictions()}))
    assert figures(r, "source") == (1, 4, 1, 4)
    assert figures(r, "source", "direct/mixed") == (0, 1, 0, 1)


def test_cues_match_on_any_shared_token(polnear: Path) -> None:
    r = evaluate_attribution(polnear, extract=fake({"one": predictions()}))
    assert figures(r, "cue") == (4, 5, 4, 5)


@pytest.mark.parametrize("speaker, right", [(None, 2), ("Jones", 1)])
def test_no_source_gold_is_right_only_without_a_speaker(polnear: Path, speaker: str | None, right: int) -> None:
    r = evaluate_attribution(polnear, extract=fake({"one": predictions(speaker)}))
    acc = r["attribution accuracy"]
    assert (acc["all"]["right"], acc["all"]["n"]) == (right, 3)
    assert (acc["direct/mixed"]["right"], acc["direct/mixed"]["n"]) == (0, 1)


def test_perfect_extractor_scores_one(polnear: Path) -> None:
    gold = {a.id: a for a in load_polnear(polnear)}
    perfect = {doc_id: [Statement(id="x", doc_id=doc_id, speaker="", speaker_start=(g.source or ((None, None),))[0][0],
                                  speaker_end=(g.source or ((None, None),))[0][1], cue="", cue_start=g.cue[0][0],
                                  cue_end=g.cue[0][1], text="", start=g.content[0][0], end=g.content[-1][1],
                                  kind="indirect", content_spans=g.content) for g in a.attributions]
               for doc_id, a in gold.items()}
    r = evaluate_attribution(polnear, extract=fake(perfect))
    for metric, by_cat in r["metrics"].items():
        assert by_cat["all"]["f1"] == pytest.approx(1.0), metric
    assert r["attribution accuracy"]["all"]["value"] == pytest.approx(1.0)
    table = format_attribution_table(r)
    assert "| content overlap F1 | 1.000 | 1.000 | 1.000 |" in table
    assert "| attribution accuracy | 1.000 (5/5) | 1.000 (1/1) | 1.000 (4/4) |" in table


def test_extractor_must_answer_every_document(polnear: Path) -> None:
    with pytest.raises(ValueError, match="statement lists"):
        evaluate_attribution(polnear, extract=lambda docs: [])


def test_cli_prints_the_table_and_saves_json(polnear: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "r.json"
    assert main(["eval-attribution", str(polnear), "--json", str(out), "--quiet"]) == 0
    table = capsys.readouterr().out
    assert "| content overlap P |" in table and "| attribution accuracy |" in table
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["articles"] == 2 and saved["metrics"]["content overlap"]["all"]["gold"] == 5


@pytest.mark.parametrize("make", [lambda p: p / "missing", lambda p: p])
def test_cli_refuses_a_folder_that_is_not_polnear(tmp_path: Path, capsys: pytest.CaptureFixture, make) -> None:
    (tmp_path / "a.txt").write_text("Not PolNeAR.", encoding="utf-8")
    assert main(["eval-attribution", str(make(tmp_path))]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("stance: error: ") and "PolNeAR" in err[0]


def test_cli_refuses_an_empty_polnear_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    assert main(["eval-attribution", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no annotated PolNeAR articles" in err[0]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="needs ../shared/data/polnear")
def test_rule_extractor_on_five_dev_articles() -> None:
    gold = sum(len(a.attributions) for a in load_polnear(POLNEAR / "dev", limit=5))
    r = evaluate_attribution(POLNEAR / "dev", limit=5)
    assert r["articles"] == 5 and r["articles_per_s"] > 0
    content = r["metrics"]["content overlap"]
    assert content["all"]["gold"] == gold == content["direct/mixed"]["gold"] + content["indirect"]["gold"]
    assert content["all"]["tp_gold"] > 0
    for by_cat in r["metrics"].values():
        for m in by_cat.values():
            assert 0 <= m["p"] <= 1 and 0 <= m["r"] <= 1 and 0 <= m["f1"] <= 1
            assert m["tp_pred"] <= m["pred"] and m["tp_gold"] <= m["gold"]
    assert 0 <= r["attribution accuracy"]["all"]["value"] <= 1
