"""Stance toward targets: who is for or against what, scored by the NLI model with two hypotheses.

An NLI model alone scores "X has shown sympathy for Ankara" against "Y warned Ankara of tough
measures" as neutral; asking each statement whether its speaker supports or opposes a shared
target turns that pair into an opposition.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .schema import Document, Speaker, Statement

PRO = "{speaker} supports {target}."
CON = "{speaker} opposes {target}."
_ENTITY_LABELS = {"GPE", "NORP", "ORG", "PERSON", "PRODUCT", "LAW", "EVENT", "FAC"}


@dataclass(frozen=True)
class Target:
    """Something statements take a stance on: an entity named in the corpus, or a user's proposition."""

    name: str
    kind: str = "entity"  # entity | proposition
    aliases: tuple[str, ...] = ()


def speaker_label(s: Statement, speakers: dict[str, Speaker]) -> str:
    sp = speakers.get(s.speaker_id or "")
    if sp and sp.kind == "anonymous":
        return "The " + sp.name.removeprefix("a ").removeprefix("an ").removeprefix("the ")
    return sp.name if sp else (s.speaker or "The speaker")


def premise(s: Statement, speakers: dict[str, Speaker]) -> str:
    """The statement as a reader would paraphrase it, naming its speaker."""
    who = speaker_label(s, speakers)
    claim = (s.claim or s.text).strip().rstrip(".")
    if s.kind == "reported_stance":
        return f"{who} {claim}."
    return f"{who} said that {claim}."


def corpus_targets(statements: Sequence[Statement], documents: Sequence[Document], nlp, top: int = 4,
                   min_speakers: int = 2) -> list[Target]:
    """Entities that statements of several speakers talk about, most widely discussed first."""
    docs = {d.id: d for d in documents}
    mentions: dict[str, set[str]] = defaultdict(set)
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    texts = [s.claim or s.text for s in statements]
    for s, parsed in zip(statements, nlp.pipe(texts, batch_size=64)):
        for ent in parsed.ents:
            if ent.label_ not in _ENTITY_LABELS or len(ent.text) < 2:
                continue
            key = _entity_key(ent.text)
            if not key:
                continue
            mentions[key].add(s.speaker_id or s.speaker or s.id)
            surface[key][ent.text.strip()] += 1
    del docs
    ranked = sorted((k for k in mentions if len(mentions[k]) >= min_speakers),
                    key=lambda k: (-len(mentions[k]), -sum(surface[k].values()), k))
    return [Target(name=surface[k].most_common(1)[0][0].removeprefix("the ").removeprefix("The "),
                   aliases=tuple(surface[k])) for k in ranked[:top]]


def _entity_key(text: str) -> str:
    t = re.sub(r"^(the|a|an)\s+", "", text.strip().lower())
    t = re.sub(r"['’]s$", "", t)
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


def read_targets(path: str) -> list[Target]:
    """Propositions from a file, one a line; blank lines and lines starting with # are skipped."""
    with open(path, encoding="utf-8") as fh:
        lines = [ln.strip() for ln in fh]
    return [Target(name=ln, kind="proposition") for ln in lines if ln and not ln.startswith("#")]


def mentions_target(s: Statement, doc: Document, target: Target) -> bool:
    """A statement can take a stance on an entity its document discusses; propositions apply to all."""
    if target.kind == "proposition":
        return True
    names = [target.name, *target.aliases]
    text = doc.text.lower()
    return any(n.lower() in text for n in names)


def score_stances(statements: Sequence[Statement], documents: Sequence[Document], speakers: Sequence[Speaker],
                  targets: Sequence[Target], scorer) -> dict[tuple[str, str], float]:
    """Stance in [-1, 1] of each statement toward each target it concerns: P(pro) - P(con).

    Entity targets are asked as "<speaker> supports/opposes <target>"; a proposition target is
    scored directly: entailment counts for it, contradiction against it.
    """
    sp = {s.id: s for s in speakers}
    docs = {d.id: d for d in documents}
    jobs: list[tuple[str, str, str]] = []
    pairs: list[tuple[str, str]] = []
    for s in statements:
        p = premise(s, sp)
        who = speaker_label(s, sp)
        for t in targets:
            if not mentions_target(s, docs[s.doc_id], t):
                continue
            if t.kind == "proposition":
                jobs.append((s.id, t.name, "prop"))
                pairs.append((p, t.name))
            else:
                jobs.append((s.id, t.name, "pro"))
                pairs.append((p, PRO.format(speaker=who, target=t.name)))
                jobs.append((s.id, t.name, "con"))
                pairs.append((p, CON.format(speaker=who, target=t.name)))
    probs = scorer.score(pairs) if pairs else []
    raw: dict[tuple[str, str], dict[str, dict[str, float]]] = defaultdict(dict)
    for (sid, tname, which), pr in zip(jobs, probs):
        raw[(sid, tname)][which] = pr
    out: dict[tuple[str, str], float] = {}
    for key, d in raw.items():
        if "prop" in d:
            out[key] = d["prop"]["entailment"] - d["prop"]["contradiction"]
        else:
            pro, con = d["pro"], d["con"]
            out[key] = 0.5 * ((pro["entailment"] + con["contradiction"]) - (con["entailment"] + pro["contradiction"]))
    return out
