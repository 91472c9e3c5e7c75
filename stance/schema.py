"""The data model: frozen dataclasses whose offsets always index the document text as loaded."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

STATEMENT_KINDS = ("direct", "indirect", "mixed", "according_to", "reported_stance")
CONFLICT_KINDS = ("contradiction", "opposition")


@dataclass(frozen=True)
class Document:
    """One article. `text` is never altered: every offset elsewhere indexes it."""

    id: str
    text: str
    source: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Statement:
    """Who said what, where: speaker, cue and content spans into `Document.text`.

    `content_spans` holds the pieces of a content split around its cue; `start`/`end` enclose them.
    `polarity` is -1 when the cue negates the content ("denied that ..."); `claim` is the content as
    a reader understands it (cue polarity applied, pronouns resolved), the text the NLI model scores.
    `refers_to` is the id of an earlier statement that an opening "this"/"that account" points back to.
    `finite` says whether the claim has a finite verb (None: not tagged); without one it is a phrase such as
    "the U.S. pressure campaign on Iran", not an assertion an NLI model can weigh.
    """

    id: str
    doc_id: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    text: str
    start: int
    end: int
    kind: str
    content_spans: tuple[tuple[int, int], ...] = ()
    speaker_id: str | None = None
    polarity: int = 1
    claim: str | None = None
    refers_to: str | None = None
    finite: bool | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["content_spans"] = [list(s) for s in self.content_spans] or [[self.start, self.end]]
        return d


@dataclass(frozen=True)
class Speaker:
    """One person or body across all documents; anonymous sources keep their description as name."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    side: str | None = None
    kind: str = "person"  # person | anonymous | institution | country

    def to_dict(self) -> dict:
        d = asdict(self)
        d["aliases"] = list(self.aliases)
        return d


@dataclass(frozen=True)
class Relation:
    """NLI probabilities for a pair of statements, in both directions (a->b premise a, hypothesis b)."""

    a: str
    b: str
    ab: dict[str, float]
    ba: dict[str, float]
    topic: str | None = None
    similarity: float = 0.0

    @property
    def contradiction(self) -> float:
        return max(self.ab.get("contradiction", 0.0), self.ba.get("contradiction", 0.0))

    @property
    def entailment(self) -> float:
        return max(self.ab.get("entailment", 0.0), self.ba.get("entailment", 0.0))

    @property
    def neutral(self) -> float:
        return min(self.ab.get("neutral", 1.0), self.ba.get("neutral", 1.0))


@dataclass(frozen=True)
class Conflict:
    """Two statements in conflict (kind contradiction or opposition), or in agreement (kind agreement).

    `score` in [0, 1] ranks them; `evidence` holds what the score came from (NLI scores, stances).
    """

    a: str
    b: str
    kind: str
    score: float
    topic: str | None = None
    evidence: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "kind": self.kind, "score": round(self.score, 4), "topic": self.topic,
                "evidence": self.evidence}
