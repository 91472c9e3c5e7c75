"""Seed articles against the hand-annotated gold statements in ../shared/gold (skipped when ../shared is absent).

Matching rule (from the gold file): after lower-casing and replacing every non-alphanumeric character with a
space, the evidence phrase occurs inside the statement text, or the statement text occurs inside the evidence
phrase's sentence; the speaker is right when its name or an alias is among the gold speaker's surface forms.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stance.attribution import extract_statements
from stance.claims import reader_claims
from stance.schema import Document, Speaker, Statement
from stance.speakers import resolve_speakers

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold" / "seed_conflicts.json"
TARGET_RECALL = 0.9

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is absent")


def norm(text: str) -> str:
    """Lower-case, every non-alphanumeric character a space, spaces collapsed."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def evidence_sentence(doc_text: str, evidence: str) -> str:
    """The normalised sentence (or paragraph, when the text has no sentence marks) holding the evidence."""
    target = norm(evidence)
    for paragraph in doc_text.split("\n"):
        for sentence in re.split(r"(?<=[.!?])[\"'\u201d\u2019]?\s+", paragraph):
            if target in norm(sentence):
                return norm(sentence)
        if target in norm(paragraph):
            return norm(paragraph)
    return norm(doc_text)


def content_matches(statement_text: str, evidence: str, sentence: str) -> bool:
    text = norm(statement_text)
    return bool(text) and (norm(evidence) in text or text in sentence)


def speaker_matches(speaker: Speaker | None, forms: list[str]) -> bool:
    if speaker is None:
        return False
    wanted = {norm(f) for f in forms}
    return any(norm(n) in wanted for n in (speaker.name, *speaker.aliases))


@pytest.fixture(scope="module")
def analysed() -> tuple[dict[str, Document], list[Statement], dict[str, Speaker]]:
    docs = {p.name: Document(id=p.name, text=p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}
    statements = [s for d in docs.values() for s in extract_statements(d)]
    statements, speakers = resolve_speakers(statements, list(docs.values()))
    statements = reader_claims(statements, list(docs.values()))
    return docs, statements, {s.id: s for s in speakers}


def gold_hits(analysed) -> list[tuple[dict, bool, bool]]:
    docs, statements, speakers = analysed
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    results = []
    for item in gold["statements"]:
        doc = docs[item["doc"]]
        sentence = evidence_sentence(doc.text, item["evidence"])
        found = [s for s in statements if s.doc_id == doc.id and content_matches(s.text, item["evidence"], sentence)]
        right = any(speaker_matches(speakers.get(s.speaker_id), gold["speakers"][item["speaker"]]) for s in found)
        results.append((item, bool(found), right))
    return results


def test_gold_statements_found_with_right_speaker(analysed) -> None:
    results = gold_hits(analysed)
    missed = [(r[0]["doc"][:3], r[0]["speaker"], r[0]["evidence"], r[1]) for r in results if not r[2]]
    recall = sum(r[2] for r in results) / len(results)
    assert recall >= TARGET_RECALL, f"recall {recall:.2f}; missed (doc, speaker, evidence, content found): {missed}"


def test_offsets_exact_on_seeds(analysed) -> None:
    docs, statements, _ = analysed
    assert statements
    for s in statements:
        text = docs[s.doc_id].text
        if s.speaker is not None:
            assert text[s.speaker_start:s.speaker_end] == s.speaker
        if s.cue is not None:
            assert text[s.cue_start:s.cue_end] == s.cue
        spans = s.content_spans or ((s.start, s.end),)
        assert all(0 <= a < b <= len(text) for a, b in spans)
        assert spans[0][0] == s.start and spans[-1][1] == s.end
        assert s.text == " ".join(text[a:b] for a, b in spans)


def test_statement_ids_in_document_order(analysed) -> None:
    _, statements, _ = analysed
    by_doc: dict[str, list[Statement]] = {}
    for s in statements:
        by_doc.setdefault(s.doc_id, []).append(s)
    for doc_id, sts in by_doc.items():
        assert [s.id for s in sts] == [f"{doc_id}:{n}" for n in range(len(sts))]
        assert [s.start for s in sts] == sorted(s.start for s in sts)


def test_every_statement_has_speaker_and_claim(analysed) -> None:
    _, statements, speakers = analysed
    for s in statements:
        assert s.speaker_id in speakers
        assert s.claim
