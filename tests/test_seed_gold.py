"""Acceptance on the seeds: the report finds the hand-annotated conflicts and statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from goldmatch import GOLD, conflict_matches, load_gold, matches_side

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is absent")


@pytest.fixture(scope="module")
def seed_report() -> tuple[dict, dict[str, str]]:
    import stance

    analysis = stance.analyze([str(SEEDS)])
    docs = {d.id: d.text for d in analysis.documents}
    return analysis.to_dict(), docs


def required_found(report: dict, docs: dict[str, str]) -> list[str]:
    gold = load_gold()
    return [g["id"] for g in gold["conflicts"] if g["required"]
            and any(conflict_matches(report, c, g, gold, docs) for c in report["conflicts"])]


def test_required_conflicts_found(seed_report):
    """Issue 3 acceptance: at least 8 of the 9 required gold conflicts are among the report's conflicts."""
    found = required_found(*seed_report)
    assert len(found) >= 8, f"found {found}"


def test_top_ten_are_mostly_gold(seed_report):
    """Issue 3 acceptance: at least 7 of the report's top 10 conflicts are gold conflicts."""
    report, docs = seed_report
    gold = load_gold()
    top = report["conflicts"][:10]
    hits = [c for c in top if any(conflict_matches(report, c, g, gold, docs) for g in gold["conflicts"])]
    assert len(top) == 10 and len(hits) >= 7, f"{len(hits)} of the top {len(top)} conflicts are gold"


def test_gold_statements_found_with_speaker(seed_report):
    report, docs = seed_report
    gold = load_gold()
    speakers = {s["id"]: s for s in report["speakers"]}
    missing = []
    for g in gold["statements"]:
        if not any(matches_side(s, speakers, docs, gold, g["speaker"], [g["evidence"]], {g["doc"]})
                   for s in report["statements"]):
            missing.append((g["speaker"], g["evidence"]))
    found = len(gold["statements"]) - len(missing)
    assert found >= 0.9 * len(gold["statements"]), f"missing {missing}"
