"""`analyze()`: documents -> statements -> speakers -> pairs -> relations -> conflicts, each stage on its own."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence

from .analysis import Analysis
from .conflicts import Thresholds, find_conflicts
from .schema import Document, Statement

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


ATTRIBUTION = ("rules", "tagger", "quotes", "speakers", "union", "augment", "merge")
DEFAULT_ATTRIBUTION = "merge"


def extract_all(documents: Sequence[Document], nlp=None, progress: Progress = _quiet,
                attribution: str = DEFAULT_ATTRIBUTION, tagger=None, chunk: int = 16) -> list[Statement]:
    """Statements of every document, in document order.

    `attribution` picks the extractor: "rules" (spaCy parse and cue lexicon) or, with the shipped
    `AttributionTagger` (or `tagger`), one of the combinations in `attribution.combine`.
    """
    from .attribution import extract_per_document
    from .nlp import load_nlp

    if attribution not in ATTRIBUTION:
        raise ValueError(f"attribution must be one of {ATTRIBUTION}, not {attribution!r}")
    if attribution != "rules" and tagger is None:
        from .attribution.tagger import AttributionTagger

        tagger = AttributionTagger()
    nlp = None if attribution == "tagger" else nlp or load_nlp()
    out: list[Statement] = []
    for k in range(0, len(documents), chunk):
        part = documents[k:k + chunk]
        for sts in extract_per_document(part, nlp, tagger=tagger if attribution != "rules" else None,
                                        mode=attribution, parallel=(os.cpu_count() or 1) > 1):
            out.extend(sts)
        progress(f"read {min(k + chunk, len(documents))}/{len(documents)} documents, {len(out)} statements")
    return out


def analyze(inputs, scorer=None, targets: Sequence[str] | str | None = None, nlp=None,
            thresholds: Thresholds = Thresholds(), neighbours: int = 4, stance_scorer=None,
            progress: Progress = _quiet, attribution: str = DEFAULT_ATTRIBUTION, tagger=None) -> Analysis:
    """Run the whole flow on paths, Documents or a datasets.Dataset and return an `Analysis`.

    `scorer` is an `NLIScorer` and `stance_scorer` a `StanceScorer` (defaults: the shipped models);
    `targets` is a file of propositions, or a list of them, to take stances on besides the sides
    (countries, organisations) the statements name. `attribution` and `tagger`: see `extract_all`.
    """
    from .claims import mark_finite, reader_claims
    from .dedupe import merge_overlaps
    from .documents import load_documents
    from .embeddings import embed
    from .nli import NLIScorer, StanceScorer
    from .nlp import load_nlp
    from .pairs import candidate_pairs
    from .relations import claim_text, score_pairs
    from .speakers import resolve_speakers
    from .stances import Target, read_targets, score_stances
    from .topics import cluster_topics, name_topics

    t0 = time.perf_counter()
    documents = load_documents(inputs)
    progress(f"loaded {len(documents)} documents")
    nlp = nlp or load_nlp()
    statements = extract_all(documents, nlp=nlp, progress=progress, attribution=attribution, tagger=tagger)
    # A content with no speaker at all ("is not yet known", "has been announced") says nothing about who holds it.
    statements = [s for s in statements if s.speaker_start is not None]
    statements, speakers = resolve_speakers(statements, documents)
    statements = mark_finite(reader_claims(merge_overlaps(statements), documents), nlp)
    progress(f"{len(statements)} statements by {len(speakers)} speakers")

    texts = [claim_text(s) for s in statements]
    vectors = embed(texts)
    labels = cluster_topics(texts, vectors)
    names = name_topics(texts, labels)
    topic_of = [names[lab] for lab in labels]
    side_of = {sp.id: sp.side for sp in speakers}
    pairs = candidate_pairs(statements, vectors, k=neighbours,
                            sides=[side_of.get(s.speaker_id or "") for s in statements])
    scorer = scorer or NLIScorer()
    progress(f"scoring {len(pairs)} candidate pairs both ways")
    relations = score_pairs(statements, pairs, scorer, topic_of)

    found: list[Target] = []
    if isinstance(targets, str):
        found = read_targets(targets)
    elif targets:
        found = [Target(name=t, kind="proposition") for t in targets]
    stance_scorer = stance_scorer or StanceScorer()
    stances = score_stances(statements, documents, speakers, stance_scorer, found)
    sides = sorted({t for _, t in stances})
    progress(f"{len(stances)} stances toward {len(sides)} targets")

    conflicts, agreements = find_conflicts(statements, relations, stances, thresholds, speakers=speakers)
    paths = {d.id: d.source for d in documents if d.source}
    progress(f"{len(conflicts)} conflicts, {len(agreements)} agreements in {time.perf_counter() - t0:.1f}s")
    return Analysis(documents=list(documents), statement_list=statements, speaker_list=speakers,
                    relation_list=relations, conflict_list=conflicts, agreement_list=agreements,
                    targets=sides, paths=paths, stances=stances)
