"""Stance toward the sides of a dispute: is a statement for or against a country or organisation it names?

An NLI model scores "Trump has shown sympathy for Erdogan" against "Pompeo warned Turkey of tough
measures" as neutral. Asking each statement how it stands toward the sides it mentions (a stance
model trained on target-sentiment and stance data, plus the valence of an evaluative cue such as
"warned" or "praised") turns that pair into an opposition on Turkey.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .schema import Document, Speaker, Statement

FAVOR_CUES = frozenset("""support supports supported back backs backed endorse endorsed welcome welcomed welcomes praise
praised praises sympathy sympathetic sympathize sympathise defend defended defends applaud applauded hail hailed
commend commended thank thanked""".split())
AGAINST_CUES = frozenset("""warn warned warns warning threaten threatened threatens criticize criticise criticized
criticised criticizes condemn condemned condemns accuse accused accuses blame blamed blames attack attacked denounce
denounced oppose opposed opposes slam slammed rebuke rebuked chastise chastised punish punished sanction
sanctioned""".split())
FIRST_PLURAL = re.compile(r"\b(we|our|us|ours)\b", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z][A-Za-z.'\u2019-]*")
COORDINATION = {"and", "or", "nor", "both", "the", "as", "well"}


@dataclass(frozen=True)
class Target:
    """Something statements take a stance on: a side (country or organisation) or a user's proposition."""

    name: str
    kind: str = "side"  # side | proposition


def read_targets(path: str) -> list[Target]:
    """Propositions from a file, one a line; blank lines and lines starting with # are skipped."""
    with open(path, encoding="utf-8") as fh:
        lines = [ln.strip() for ln in fh]
    return [Target(name=ln, kind="proposition") for ln in lines if ln and not ln.startswith("#")]


def cue_valence(cue: str | None) -> int:
    """+1 for a favourable evaluative cue ("praised", "shown sympathy for"), -1 for a hostile one ("warned")."""
    words = set(re.findall(r"[a-z]+", (cue or "").lower()))
    return (1 if words & FAVOR_CUES else 0) - (1 if words & AGAINST_CUES else 0)


def cue_objects(text: str, mentions: Sequence[tuple[str, str, int, int]], speaker_side: str | None) -> set[str]:
    """The sides an evaluative cue is about, among the `mentions` of its content (`_mention_spans`): the first side
    named besides the speaker's own, and sides joined to it by "and"/"or" ("sympathy for Turkey and Qatar"). A side
    named later, in a modifier ("Erdogan's position on the Russian missile purchase"), is not what the sympathy is
    for."""
    spans = sorted((m for m in mentions if m[0] != speaker_side), key=lambda m: m[2])
    if not spans:
        return set()
    objects, end = {spans[0][0]}, spans[0][3]
    for side, _, start, stop in spans[1:]:
        if start < end or set(re.findall(r"[a-z]+", text[end:start].lower())) <= COORDINATION:
            objects.add(side)
            end = max(end, stop)
        else:
            break
    return objects


def _mention_spans(text: str, speaker_side: str | None,
                   person_sides: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """(side, surface, start, end) of the first mention of each side in `text`, in reading order: countries, their
    people, people known to stand for a side, and "we" for the speaker's own."""
    from .attribution.lexicon import country_of

    found: dict[str, tuple[str, str, int, int]] = {}
    words = [(m.group(0).rstrip(".'\u2019"), m.start()) for m in _WORDS.finditer(text)]
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            window = words[i:i + size]
            phrase = " ".join(w for w, _ in window)
            side = country_of(phrase) if len(window) == size else None
            if not side and size <= 2 and phrase[:1].isupper():
                side = person_sides.get(phrase.lower())
            if side:
                found.setdefault(side, (side, phrase, window[0][1], window[-1][1] + len(window[-1][0])))
                i += size - 1
                break
        i += 1
    we = FIRST_PLURAL.search(text) if speaker_side else None
    if we:
        found.setdefault(speaker_side, (speaker_side, we.group(0), we.start(), we.end()))
    return list(found.values())


def statement_sentence(s: Statement, doc: Document) -> str:
    """The attributed sentence as printed: speaker, cue and content, whitespace collapsed."""
    starts = [x for x in (s.start, s.speaker_start, s.cue_start) if x is not None]
    ends = [x for x in (s.end, s.speaker_end, s.cue_end) if x is not None]
    return " ".join(doc.text[min(starts):max(ends)].split())


def _person_sides(speakers: Sequence[Speaker], statements: Sequence[Statement]) -> dict[str | None, dict[str, str]]:
    """Lower-cased forms of people with a known side: names and aliases for every document (key None), and
    surnames per document, only where that person speaks in it (two Campbells in two stories are two people)."""
    people = {sp.id: sp for sp in speakers if sp.kind == "person" and sp.side}
    out: dict[str | None, dict[str, str]] = {None: {}}
    for sp in people.values():
        for form in (sp.name, *sp.aliases):
            out[None].setdefault(form.lower(), sp.side)
    for st in statements:
        sp = people.get(st.speaker_id or "")
        if sp is not None:
            out.setdefault(st.doc_id, {}).setdefault(sp.name.split()[-1].lower(), sp.side)
    return out


def score_stances(statements: Sequence[Statement], documents: Sequence[Document], speakers: Sequence[Speaker],
                  scorer, propositions: Sequence[Target] = (), cue_weight: float = 0.8) -> dict[tuple[str, str], float]:
    """Stance in [-1, 1] of each statement toward each side it names, and toward each proposition.

    The stance model reads the attributed sentence with the side's surface form as target
    (P(favor) - P(against)). Where the cue itself evaluates ("warned", "shown sympathy for") it
    outweighs the model, with weight `cue_weight`, toward what it evaluates (`cue_objects`).
    """
    sp = {s.id: s for s in speakers}
    docs = {d.id: d for d in documents}
    persons = _person_sides(speakers, statements)
    jobs: list[tuple[str, str, int]] = []
    pairs: list[tuple[str, str]] = []
    for s in statements:
        own = sp[s.speaker_id].side if s.speaker_id in sp else None
        sentence = statement_sentence(s, docs[s.doc_id])
        valence = cue_valence(s.cue) if s.kind in ("reported_stance", "indirect") else 0
        # A person stands for their side only to a speaker of another known side (Trump on Erdogan); a remark
        # on a colleague in domestic politics is not a position on the country.
        named = {**persons.get(s.doc_id, {}), **persons[None]} if own else {}
        others = {k: v for k, v in named.items() if v != own}
        mentions = _mention_spans(s.text, own, others)
        evaluated = cue_objects(s.text, mentions, own) if valence else set()
        for side, surface, _, _ in mentions:
            jobs.append((s.id, side, valence if side in evaluated else 0))
            pairs.append((sentence, surface))
        for t in propositions:
            jobs.append((s.id, t.name, 0))
            pairs.append((sentence, t.name))
    probs = scorer.score(pairs) if pairs else []
    out: dict[tuple[str, str], float] = {}
    for (sid, target, valence), pr in zip(jobs, probs):
        value = pr.get("favor", 0.0) - pr.get("against", 0.0)
        if valence:
            value = cue_weight * valence + (1 - cue_weight) * value
        out[(sid, target)] = max(-1.0, min(1.0, value))
    return out
