"""Candidate pairs, topic grouping and conflict ranking on small hand-made inputs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from stance.conflicts import (CONDITIONAL_WEIGHT, FRAGMENT_WEIGHT, QUESTION_WEIGHT, RELATED_FULL, RELATED_NONE,
                             REPEAT_DISCOUNT, SAME_SPEAKER_WEIGHT, UNRELATED_WEIGHT, UNRESOLVED_WEIGHT, Thresholds, conditional, contradiction_score, find_conflicts,
                             fragment, why)
from stance.pairs import candidate_pairs, comparable
from stance.schema import Relation, Statement
from stance.topics import cluster_topics, name_topics


def st(i: int, speaker: str, doc: str = "d1", text: str | None = None) -> Statement:
    return Statement(id=f"{doc}:{i}", doc_id=doc, speaker=speaker, speaker_start=0, speaker_end=1, cue="said",
                     cue_start=0, cue_end=1, text=text or f"the talks on topic{i} were settled", start=0, end=1, kind="indirect",
                     speaker_id=speaker)


def unit(rows: list[list[float]]) -> np.ndarray:
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def test_same_speaker_same_document_is_not_a_pair():
    assert not comparable(st(0, "a"), st(1, "a"))
    assert comparable(st(0, "a"), st(1, "a", doc="d2"))
    assert comparable(st(0, "a"), st(1, "b"))


def test_pairs_follow_similarity_and_skip_same_speaker():
    statements = [st(0, "a"), st(1, "b"), st(2, "a"), st(3, "c")]
    vecs = unit([[1, 0], [0.95, 0.05], [0.9, 0.1], [0, 1]])
    pairs = {(i, j) for i, j, _ in candidate_pairs(statements, vecs, k=3, min_similarity=0.5)}
    assert (0, 1) in pairs and (1, 2) in pairs
    assert (0, 2) not in pairs
    assert all(3 not in p for p in pairs)


def test_pairs_grow_linearly_with_statements():
    rng = np.random.default_rng(0)
    for n in (50, 200):
        statements = [st(i, f"s{i % 7}", doc=f"d{i % 5}", text=f"topic{i}") for i in range(n)]
        vecs = unit(rng.normal(size=(n, 16)).tolist())
        pairs = candidate_pairs(statements, vecs, k=4, min_similarity=-1.0)
        assert len(pairs) <= 4 * n


def test_topics_cluster_and_name():
    texts = ["sanctions on turkey", "turkey sanctions threat", "football match result", "match won by team"]
    vecs = unit([[1, 0.1], [0.95, 0.12], [0, 1], [0.05, 1]])
    labels = cluster_topics(texts, vecs, distance=0.3)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    names = name_topics(texts, labels)
    assert "sanctions" in names[labels[0]] or "turkey" in names[labels[0]]


def rel(a: str, b: str, c_ab: float, c_ba: float, e: float = 0.0) -> Relation:
    ab = {"contradiction": c_ab, "entailment": e, "neutral": 1 - c_ab - e}
    ba = {"contradiction": c_ba, "entailment": e, "neutral": 1 - c_ba - e}
    return Relation(a=a, b=b, ab=ab, ba=ba, topic="t", similarity=0.8)


def test_conflicts_ranked_and_kinds():
    statements = [st(0, "a"), st(1, "b"), st(2, "c"), st(3, "d")]
    relations = [rel("d1:0", "d1:1", 0.9, 0.7), rel("d1:0", "d1:2", 0.55, 0.1), rel("d1:1", "d1:3", 0.1, 0.1, 0.85)]
    stances = {("d1:2", "Turkey"): 0.8, ("d1:3", "Turkey"): -0.6, ("d1:0", "Turkey"): 0.05}
    conflicts, agreements = find_conflicts(statements, relations, stances, Thresholds())
    kinds = [(c.a, c.b, c.kind) for c in conflicts]
    assert kinds[0] == ("d1:0", "d1:1", "contradiction")
    assert ("d1:2", "d1:3", "opposition") in kinds
    assert all(0 <= c.score <= 1 for c in conflicts)
    assert [c.score for c in conflicts] == sorted((c.score for c in conflicts), reverse=True)
    assert not any("d1:0" in (c.a, c.b) and c.kind == "opposition" for c in conflicts)
    assert [(g.a, g.b) for g in agreements] == [("d1:1", "d1:3")]


def test_contradiction_score_uses_both_directions():
    one_way = contradiction_score(rel("a", "b", 0.9, 0.1))
    both = contradiction_score(rel("a", "b", 0.9, 0.9))
    assert 0 < one_way < both <= 1


def placed(i: int, speaker: str, start: int, text: str = "x", doc: str = "d1", **kw) -> Statement:
    base = st(i, speaker, doc=doc, text=text)
    return Statement(**{**base.__dict__, "start": start, "end": start + len(text), **kw})


def test_nearby_statements_of_rival_sides_are_paired_even_when_far_apart_in_embedding_space():
    statements = [placed(0, "a", 0, "sanctions are coming"), placed(1, "b", 100, "the deal is done"),
                  placed(2, "c", 200, "weather report today"), placed(3, "d", 5000, "deal done", doc="d2")]
    vecs = unit([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]])
    without = {(i, j) for i, j, _ in candidate_pairs(statements, vecs, k=2, min_similarity=0.5, window=0)}
    assert (0, 1) not in without
    sides = ["United States", "Turkey", None, "Turkey"]
    near = {(i, j) for i, j, _ in candidate_pairs(statements, vecs, k=2, min_similarity=0.5, window=2, sides=sides)}
    assert (0, 1) in near
    assert (0, 2) not in near and (1, 2) not in near
    assert (1, 3) in near


def test_a_statement_rejecting_the_one_it_points_back_to_is_a_contradiction():
    claim = placed(0, "a", 0, "talks were under way")
    denial = placed(1, "b", 50, "such talks were being held", polarity=-1, refers_to="d1:0")
    verdict = placed(2, "c", 100, "this was not a realistic expectation", refers_to="d1:0")
    echo = placed(3, "d", 150, "this was a good step", refers_to="d1:0")
    conflicts, _ = find_conflicts([claim, denial, verdict, echo], [], {}, Thresholds())
    found = {(c.a, c.b): c for c in conflicts}
    assert found[("d1:0", "d1:1")].evidence == {"rebuttal": "denial"}
    assert found[("d1:0", "d1:2")].evidence["rebuttal"] == "negative verdict"
    assert ("d1:0", "d1:3") not in found
    assert all(c.kind == "contradiction" and 0 < c.score <= 1 for c in conflicts)


def test_a_rebuttal_is_never_also_an_agreement():
    claim = placed(0, "a", 0, "Turkey should not use the S-400s")
    verdict = placed(1, "b", 50, "this was not a realistic expectation", refers_to="d1:0")
    echo = placed(2, "c", 100, "Turkey should not use the missiles")
    relations = [rel("d1:0", "d1:1", 0.0, 0.0, 0.9), rel("d1:0", "d1:2", 0.0, 0.0, 0.9)]
    conflicts, agreements = find_conflicts([claim, verdict, echo], relations, {}, Thresholds())
    assert [(c.a, c.b) for c in conflicts] == [("d1:0", "d1:1")]
    assert [(c.a, c.b) for c in agreements] == [("d1:0", "d1:2")]


def test_a_statement_against_a_side_opposes_that_sides_speaker():
    from stance.schema import Speaker

    speakers = [Speaker(id="a", name="A", side="United States"), Speaker(id="b", name="B", side="Turkey"),
                Speaker(id="c", name="C", side="Turkey")]
    statements = [st(0, "a"), st(1, "b"), st(2, "c")]
    relations = [rel("d1:0", "d1:1", 0.1, 0.1), rel("d1:0", "d1:2", 0.1, 0.1)]
    stances = {("d1:0", "Turkey"): -0.8, ("d1:2", "Turkey"): -0.9}
    conflicts, _ = find_conflicts(statements, relations, stances, Thresholds(), speakers=speakers)
    pairs = {(c.a, c.b): c for c in conflicts}
    assert pairs[("d1:0", "d1:1")].kind == "opposition"
    assert pairs[("d1:0", "d1:1")].evidence["speaks_for"] == "Turkey"
    assert ("d1:0", "d1:2") not in pairs


def test_speaking_for_a_side_needs_a_current_office_and_counts_less_off_topic():
    from dataclasses import replace

    from stance.schema import Speaker

    speakers = [Speaker(id="a", name="A", side="United States"), Speaker(id="b", name="B", side="Turkey"),
                Speaker(id="c", name="C", role="former diplomat", side="Turkey"), Speaker(id="d", name="D", side="Turkey")]
    statements = [st(0, "a"), st(1, "b"), st(2, "c"), st(3, "d")]
    on, off = rel("d1:0", "d1:1", 0.1, 0.1), replace(rel("d1:0", "d1:3", 0.1, 0.1), similarity=0.4)
    relations = [on, rel("d1:0", "d1:2", 0.1, 0.1), off]
    conflicts, _ = find_conflicts(statements, relations, {("d1:0", "Turkey"): -0.8}, Thresholds(), speakers=speakers)
    pairs = {(c.a, c.b): c for c in conflicts}
    assert ("d1:0", "d1:2") not in pairs
    assert pairs[("d1:0", "d1:3")].score < pairs[("d1:0", "d1:1")].score
    assert pairs[("d1:0", "d1:3")].evidence["loosely_related"] and "loosely related" in why(pairs[("d1:0", "d1:3")])


def test_named_people_outrank_a_country_used_as_speaker():
    from stance.schema import Speaker

    speakers = [Speaker(id="a", name="A"), Speaker(id="b", name="B"), Speaker(id="c", name="Ankara", kind="country")]
    statements = [st(0, "a"), st(1, "b"), st(2, "c")]
    relations = [rel("d1:0", "d1:1", 0.8, 0.8), rel("d1:0", "d1:2", 0.8, 0.8)]
    conflicts, _ = find_conflicts(statements, relations, {}, Thresholds(), speakers=speakers)
    assert [(c.a, c.b) for c in conflicts] == [("d1:0", "d1:1"), ("d1:0", "d1:2")]
    assert conflicts[1].score < conflicts[0].score


def test_overlapping_statements_of_one_speaker_merge_into_the_longest():
    from stance.dedupe import merge_overlaps

    long = placed(0, "a", 10, "the parts will arrive in july and we will not back down")
    short = placed(1, "a", 14, "parts will arrive in july")
    other = placed(2, "b", 14, "parts will arrive in july")
    later = placed(3, "a", 200, "the deal is done")
    elsewhere = placed(4, "a", 14, "parts will arrive in july", doc="d2")
    kept = [s.id for s in merge_overlaps([long, short, other, later, elsewhere])]
    assert kept == ["d1:0", "d1:2", "d1:3", "d2:4"]


def test_why_names_what_each_kind_of_score_rests_on():
    from stance.conflicts import why
    from stance.schema import Conflict

    nli = Conflict("a", "b", "contradiction", 0.8, None, {"nli_ab": {"contradiction": 0.9}, "nli_ba": {"contradiction": 0.7}})
    assert why(nli) == "NLI contradiction: A→B 0.90, B→A 0.70"
    stance = Conflict("a", "b", "opposition", 0.6, "Turkey", {"target": "Turkey", "stance_a": 0.6, "stance_b": -0.7})
    assert why(stance) == "opposite stances on Turkey: A +0.60, B -0.70"
    speaks = Conflict("a", "b", "opposition", 0.6, "Turkey", {"target": "Turkey", "stance_a": -0.8, "speaks_for": "Turkey"})
    assert "B speaks for Turkey" in why(speaks)
    assert "rejects" in why(Conflict("a", "b", "contradiction", 0.85, None, {"rebuttal": "denial"}))


def test_opposite_stances_in_unrelated_articles_are_not_a_conflict():
    statements = [st(0, "a", doc="d1"), st(1, "b", doc="d2"), st(2, "c", doc="d3")]
    stances = {("d1:0", "Britain"): 0.9, ("d2:1", "Britain"): -0.9, ("d3:2", "Britain"): -0.8}
    relations = [rel("d1:0", "d3:2", 0.1, 0.1)]
    conflicts, _ = find_conflicts(statements, relations, stances, Thresholds())
    assert [(c.a, c.b, c.kind) for c in conflicts] == [("d1:0", "d3:2", "opposition")]


def test_a_statement_shown_again_ranks_lower_than_a_fresh_pair_of_almost_equal_score():
    statements = [st(i, f"s{i}") for i in range(5)]
    relations = [rel("d1:0", "d1:1", 0.95, 0.95), rel("d1:0", "d1:2", 0.94, 0.94), rel("d1:0", "d1:3", 0.93, 0.93),
                 rel("d1:3", "d1:4", 0.9, 0.9)]
    conflicts, _ = find_conflicts(statements, relations, {}, Thresholds())
    order = [(c.a, c.b) for c in conflicts]
    assert order == [("d1:0", "d1:1"), ("d1:3", "d1:4"), ("d1:0", "d1:2"), ("d1:0", "d1:3")]
    scores = [c.score for c in conflicts]
    assert scores == sorted(scores, reverse=True)
    assert abs(conflicts[2].score - contradiction_score(relations[1]) * REPEAT_DISCOUNT) < 1e-9
    assert conflicts[2].evidence["shown_before"] == 1 and "shown_before" not in conflicts[0].evidence
    assert why(conflicts[2]).endswith("shown 1x above") and "above" not in why(conflicts[0])


def test_an_nli_contradiction_with_an_unresolved_such_is_ranked_down_except_with_its_referent():
    claim = placed(0, "a", 0, "talks on jets were under way")
    other = placed(1, "b", 40, "the two sides remained in talks")
    denial = replace(placed(2, "c", 80, "such talks were being held", refers_to="d1:0"),
                     claim="Such talks were not being held.")
    relations = [rel("d1:0", "d1:2", 0.9, 0.9), rel("d1:1", "d1:2", 0.9, 0.9)]
    conflicts, _ = find_conflicts([claim, other, denial], relations, {}, Thresholds())
    found = {(c.a, c.b): c for c in conflicts}
    vague = found[("d1:1", "d1:2")]
    repeats = REPEAT_DISCOUNT ** vague.evidence.get("shown_before", 0)
    assert abs(vague.score - contradiction_score(relations[1]) * UNRESOLVED_WEIGHT * repeats) < 1e-9
    assert "this/such" in why(found[("d1:1", "d1:2")])
    assert found[("d1:0", "d1:2")].score == contradiction_score(relations[0])


def _weak_beside_firm(first: str) -> tuple:
    """Conflicts of `first` against a firm claim, and of that claim against a firm rival (same NLI scores)."""
    claim = placed(1, "b", 60, "the embargo will stay in place")
    other = placed(2, "c", 120, "the embargo was lifted last year")
    relations = [rel("d1:0", "d1:1", 0.9, 0.9), rel("d1:1", "d1:2", 0.9, 0.9)]
    conflicts, _ = find_conflicts([placed(0, "a", 0, first), claim, other], relations, {}, Thresholds())
    found = {(c.a, c.b): c for c in conflicts}
    assert found[("d1:1", "d1:2")].score == contradiction_score(relations[1])
    weak = found[("d1:0", "d1:1")]
    repeats = REPEAT_DISCOUNT ** weak.evidence.get("shown_before", 0)
    return weak, found[("d1:1", "d1:2")], claim, contradiction_score(relations[0]) * repeats


def test_an_indirect_question_is_weak_evidence_of_a_contradiction():
    question, firm, _, full = _weak_beside_firm("whether the embargo would be lifted")
    assert abs(question.score - full * QUESTION_WEIGHT) < 1e-9
    assert "question" in why(question) and "question" not in why(firm)


def test_the_same_words_in_two_copies_of_a_story_are_never_a_candidate_pair():
    a = st(0, "sp1", text="The vote will be held on 5 May.", doc="d1")
    b = st(1, "sp1", text="the vote will be held on 5 May", doc="d2")
    c = st(2, "sp2", text="The vote will be held in June.", doc="d2")
    assert not comparable(a, b) and comparable(a, c)
    assert not comparable(st(3, "sp3", text="They did not."), c)
    longer = st(4, "sp1", text="The vote will indeed be held on 5 May.", doc="d3")
    assert not comparable(a, longer) and comparable(st(5, "sp9", text=longer.text, doc="d4"), a)


def test_a_story_carried_twice_lists_each_conflict_once():
    statements = [st(0, "sp1", doc="d1", text="Talks will resume in June."),
                  st(1, "sp2", doc="d1", text="There will be no talks this year."),
                  st(2, "sp1", doc="d2", text="Talks will resume in June."),
                  st(3, "sp2", doc="d2", text="There will be no talks this year.")]
    relations = [rel("d1:0", "d1:1", 0.9, 0.9), rel("d2:2", "d2:3", 0.9, 0.9), rel("d1:0", "d2:3", 0.8, 0.8)]
    conflicts, _ = find_conflicts(statements, relations, {}, Thresholds())
    assert len(conflicts) == 1 and conflicts[0].score == contradiction_score(relations[0])


def test_a_fragment_without_a_verb_is_weak_evidence_of_a_contradiction():
    weak, _, claim, full = _weak_beside_firm("The Telegraph")
    assert abs(weak.score - full * FRAGMENT_WEIGHT) < 1e-9
    assert "phrase" in why(weak) and not fragment(claim) and not fragment(placed(3, "d", 0, "Talks have failed"))


def test_a_claim_the_tagger_finds_no_finite_verb_in_is_a_phrase_however_long():
    from stance.claims import mark_finite
    from stance.nlp import load_nlp

    phrases = ["the u s pressure campaign on iran", "A loan agreement for the supply of air defence systems in 2017",
               "To drop the plans."]
    clauses = ["Turkey bought the S-400 last year", "it will mean they will not receive the f 35",
               "mr erdogan is acquiescing to russian pressure", "I'm quite shocked to see this leaflet"]
    tagged = mark_finite([placed(i, "a", 0, t) for i, t in enumerate(phrases + clauses)], load_nlp())
    assert [fragment(s) for s in tagged] == [True] * len(phrases) + [False] * len(clauses)
    assert [s.finite for s in tagged] == [False] * len(phrases) + [True] * len(clauses)
    relation = rel("d1:0", "d1:1", 0.9, 0.9)
    untagged = placed(0, "a", 0, phrases[0])
    for first, weight in ((untagged, 1.0), (replace(untagged, finite=False), FRAGMENT_WEIGHT)):
        conflicts, _ = find_conflicts([first, placed(1, "b", 60, "the embargo will stay in place")], [relation], {},
                                      Thresholds())
        assert abs(conflicts[0].score - contradiction_score(relation) * weight) < 1e-9
        assert ("phrase" in why(conflicts[0])) == (weight < 1)


def test_a_conditional_claim_is_weak_evidence_of_a_contradiction():
    iffy, firm, claim, full = _weak_beside_firm("If the embargo is lifted, the talks will resume.")
    assert abs(iffy.score - full * CONDITIONAL_WEIGHT) < 1e-9
    assert "condition" in why(iffy) and "condition" not in why(firm)
    assert conditional(placed(3, "d", 0, "The talks will fail unless the embargo goes"))
    assert not conditional(claim)
    assert not conditional(placed(4, "d", 0, "Turkey should not use the S-400s even if it buys them"))
    assert not conditional(placed(5, "d", 0, "The talks failed. If they resume, we will see."))


def test_a_contradiction_between_loosely_related_claims_ranks_below_the_same_verdict_on_related_ones():
    statements = [st(0, "a", text="His wife had been fully supportive."),
                  st(1, "b", text="Her husband had committed adultery."),
                  st(2, "c", text="The embargo will stay."), st(3, "d", text="The embargo was lifted.")]
    middle = (RELATED_NONE + RELATED_FULL) / 2
    for similarity, weight in ((0.1, UNRELATED_WEIGHT), (RELATED_NONE, UNRELATED_WEIGHT),
                               (middle, (1 + UNRELATED_WEIGHT) / 2), (RELATED_FULL, 1.0)):
        loose = replace(rel("d1:0", "d1:1", 0.9, 0.9), similarity=similarity)
        conflicts, _ = find_conflicts(statements, [loose, rel("d1:2", "d1:3", 0.7, 0.7)], {}, Thresholds())
        found = {c.a: c for c in conflicts}
        assert abs(found["d1:0"].score - contradiction_score(loose) * weight) < 1e-9
        assert ("loosely related" in why(found["d1:0"])) == (weight < 1)
        assert found["d1:2"].score == contradiction_score(rel("d1:2", "d1:3", 0.7, 0.7))


def test_one_speakers_own_words_in_two_articles_are_weak_evidence_of_a_contradiction():
    statements = [st(0, "a", doc="d1", text="Talks will resume in June."),
                  st(1, "a", doc="d2", text="There will be no talks this year."),
                  st(2, "b", doc="d2", text="Talks resume in June.")]
    relations = [rel("d1:0", "d2:1", 0.9, 0.9), rel("d2:1", "d2:2", 0.9, 0.9)]
    conflicts, _ = find_conflicts(statements, relations, {}, Thresholds())
    found = {(c.a, c.b): c for c in conflicts}
    assert found[("d2:1", "d2:2")].score == contradiction_score(relations[1])
    own = found[("d1:0", "d2:1")]
    repeats = REPEAT_DISCOUNT ** own.evidence.get("shown_before", 0)
    assert abs(own.score - contradiction_score(relations[0]) * SAME_SPEAKER_WEIGHT * repeats) < 1e-9
    assert "one speaker" in why(own) and "one speaker" not in why(found[("d2:1", "d2:2")])
