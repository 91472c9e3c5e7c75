"""The command line turns bad input into one line on stderr, a non-zero exit, and no partial report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def bad_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "empty_dir").mkdir()
    (tmp / "empty.txt").write_text("")
    (tmp / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (tmp / "broken.jsonl").write_text('{"text": \n')
    return {name: tmp / name for name in ("empty_dir", "empty.txt", "binary.txt", "broken.jsonl", "missing.txt")}


@pytest.mark.parametrize("case", ["empty_dir", "empty.txt", "binary.txt", "broken.jsonl", "missing.txt"])
def test_bad_input_is_one_line_and_nonzero(tmp_path, capsys, case):
    path = bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    code = main(["report", str(path), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err and err[-1].startswith("stance: error: ") and "Traceback" not in "\n".join(err)
    assert not out.exists()


def test_statements_prints_json_lines_with_offsets(capsys):
    seed = sorted(SEEDS.glob("000_*.txt"))[0]
    assert main(["statements", str(seed)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    text = seed.read_text(encoding="utf-8")
    assert lines
    for st in lines:
        assert st["doc_id"] == seed.name
        if st["speaker"] is not None:
            assert text[st["speaker_start"]:st["speaker_end"]] == st["speaker"]
        assert text[st["cue_start"]:st["cue_end"]] == st["cue"]
        assert 0 <= st["start"] < st["end"] <= len(text)


def test_targets_file_adds_propositions_every_statement_takes_a_stance_on(tmp_path):
    from stance import analyze
    from stance.stances import read_targets

    targets = tmp_path / "targets.txt"
    targets.write_text("# one proposition a line\n\nSanctions on Turkey are justified\n", encoding="utf-8")
    assert [t.name for t in read_targets(str(targets))] == ["Sanctions on Turkey are justified"]
    seed = sorted(SEEDS.glob("000_*.txt"))[0]
    analysis = analyze([str(seed)], targets=str(targets))
    on_target = {sid for sid, target in analysis.stances if target == "Sanctions on Turkey are justified"}
    assert on_target == {s.id for s in analysis.statement_list}
    assert "Sanctions on Turkey are justified" in analysis.targets


def test_missing_targets_file_is_one_line(tmp_path, capsys):
    seed = sorted(SEEDS.glob("000_*.txt"))[0]
    out = tmp_path / "out"
    code = main(["report", str(seed), "--out", str(out), "--quiet", "--targets", str(tmp_path / "nope.txt")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and err == [f"stance: error: targets file not found: {tmp_path / 'nope.txt'}"]
    assert not out.exists()


def test_a_missing_tagger_folder_is_one_line(tmp_path, capsys):
    seed = next(SEEDS.glob("*.txt"))
    code = main(["statements", str(seed), "--attribution", "tagger", "--tagger", str(tmp_path / "none")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err and "no attribution tagger" in err


def test_an_unknown_attribution_choice_is_refused(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["statements", str(next(SEEDS.glob("*.txt"))), "--attribution", "guess"])
    assert exc.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_an_unknown_nli_source_is_one_line(tmp_path, capsys):
    code = main(["train-nli", "--data", str(tmp_path), "--out", str(tmp_path / "m"), "--sources", "lingnli", "mnli_x"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.startswith("stance: error: unknown NLI source(s) mnli_x; choose from lingnli")
    assert "claimdiff_train" in err and not (tmp_path / "m").exists()


SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.skipif(not (SHARED_DATA / "newsmtsc").is_dir(), reason="../shared/data is absent")
def test_eval_stance_scores_the_shipped_model_above_chance_on_each_test_set(capsys):
    assert main(["eval-stance", "--data", str(SHARED_DATA), "--limit", "90"]) == 0
    rows = [line.split("|")[1:-1] for line in capsys.readouterr().out.splitlines()[2:]]
    assert [r[0].strip() for r in rows] == ["newsmtsc_mt", "perspectrum_test", "ibm_test"]
    assert all(int(r[1]) == 90 and 0.45 < float(r[2]) <= 1.0 for r in rows), rows


def test_eval_stance_without_its_data_is_one_line(tmp_path, capsys):
    assert main(["eval-stance", "--data", str(tmp_path / "absent")]) == 2
    assert capsys.readouterr().err.strip() == f"stance: error: stance data folder not found: {tmp_path / 'absent'}"


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_neighbours_must_be_a_whole_number(capsys, value):
    with pytest.raises(SystemExit) as exc:
        main(["report", str(SEEDS), "--neighbours", value])
    assert exc.value.code == 2 and "expected a whole number >= 0" in capsys.readouterr().err


def test_neighbours_reach_the_pipeline_and_fewer_pair_a_subset(tmp_path, monkeypatch):
    import stance.pipeline

    seen = {}
    real = stance.pipeline.analyze

    def spy(*args, **kwargs):
        seen.update(kwargs, analysis=real(*args, **kwargs))
        return seen["analysis"]

    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))[:2]]
    monkeypatch.setattr(stance.pipeline, "analyze", spy)
    assert main(["report", *seeds, "--out", str(tmp_path / "out"), "--quiet", "--neighbours", "0"]) == 0
    assert seen["neighbours"] == 0
    few = {frozenset((r.a, r.b)) for r in seen["analysis"].relation_list}
    many = {frozenset((r.a, r.b)) for r in real(seeds).relation_list}
    assert few < many
