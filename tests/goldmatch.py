"""Matcher for ../shared/gold/seed_conflicts.json, implementing the rule stated in its "about"."""

from __future__ import annotations

import json
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "gold" / "seed_conflicts.json"


def norm(text: str) -> str:
    """Lower-case, every non-alphanumeric character a space, spaces collapsed."""
    return " ".join(re.sub(r"[^0-9a-z]", " ", text.lower()).split())


def load_gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def evidence_sentence(doc_text: str, evidence: str) -> str:
    """The sentence of the document holding the evidence phrase (normalised), or '' if absent."""
    words = norm(evidence).split()
    pattern = r"[^0-9a-z]+".join(re.escape(w) for w in words)
    m = re.search(pattern, doc_text.lower())
    if not m:
        return ""
    start = max(doc_text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    ends = [i for i in (doc_text.find(c, m.end()) for c in ".!?\n") if i != -1]
    return norm(doc_text[start:min(ends) if ends else len(doc_text)])


def text_matches(statement_text: str, doc_text: str, evidence: str) -> bool:
    """The gold rule: evidence inside the statement, or the statement inside the evidence's sentence."""
    st, ev = norm(statement_text), norm(evidence)
    if not st:
        return False
    if ev in st:
        return True
    sentence = evidence_sentence(doc_text, evidence)
    return bool(sentence) and st in sentence


def speaker_forms(gold: dict, key: str) -> set[str]:
    return {norm(f) for f in gold["speakers"][key]}


def speaker_matches(names: list[str], gold: dict, key: str) -> bool:
    """True when any of the statement's speaker names (resolved name, aliases) is a gold form."""
    forms = speaker_forms(gold, key)
    return any(norm(n) in forms for n in names if n)


def statement_names(statement: dict, speakers: dict[str, dict]) -> list[str]:
    sp = speakers.get(statement.get("speaker_id") or "")
    names = [sp["name"], *sp.get("aliases", [])] if sp else []
    return names


def matches_side(statement: dict, speakers: dict[str, dict], docs: dict[str, str], gold: dict, key: str,
                 evidence: list[str], doc_ids: set[str] | None = None) -> bool:
    """A report statement stands for one side of a gold conflict (speaker and evidence both right)."""
    if doc_ids and statement["doc_id"] not in doc_ids:
        return False
    if not speaker_matches(statement_names(statement, speakers), gold, key):
        return False
    text = docs[statement["doc_id"]]
    return any(text_matches(statement["text"], text, ev) for ev in evidence)


def conflict_matches(report: dict, conflict: dict, gold_conflict: dict, gold: dict, docs: dict[str, str]) -> bool:
    """A report conflict (a, b statement ids) matches a gold conflict in either order."""
    by_id = {s["id"]: s for s in report["statements"]}
    speakers = {s["id"]: s for s in report["speakers"]}
    a, b = by_id[conflict["a"]], by_id[conflict["b"]]
    g = gold_conflict

    def side(st: dict, which: str) -> bool:
        return matches_side(st, speakers, docs, gold, g[which], g[f"{which}_evidence"])

    return (side(a, "a") and side(b, "b")) or (side(a, "b") and side(b, "a"))
