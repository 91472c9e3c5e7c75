"""Which sides a statement takes a stance on: countries it names, and people who stand for another side."""

from __future__ import annotations

from stance.schema import Document, Speaker, Statement
from stance.stances import score_stances


class Neutral:
    """Every target scored neutral: the tests look at which targets are asked about, not at the values."""

    def score(self, pairs):
        return [{"favor": 0.2, "against": 0.1, "neutral": 0.7} for _ in pairs]


def _st(i: int, doc: str, speaker_id: str, text: str, cue: str = "said", kind: str = "indirect") -> Statement:
    return Statement(id=f"{doc}:{i}", doc_id=doc, speaker="x", speaker_start=0, speaker_end=1, cue=cue,
                     cue_start=2, cue_end=6, text=text, start=7, end=7 + len(text), kind=kind,
                     speaker_id=speaker_id)


SPEAKERS = [Speaker("erdogan", "Recep Tayyip Erdogan", ("Erdogan",), "President", "Turkey"),
            Speaker("trump", "Donald Trump", ("Trump",), "President", "United States"),
            Speaker("campbell", "Glenn Campbell", (), None, "United Kingdom"),
            Speaker("analyst", "Omer Analyst", (), None, None)]


def _targets(statements: list[Statement]) -> set[tuple[str, str]]:
    docs = [Document(id=d, text="x" * 400) for d in {s.doc_id for s in statements}]
    return set(score_stances(statements, docs, SPEAKERS, Neutral()))


def test_a_person_stands_for_their_side_to_a_speaker_of_another_side():
    found = _targets([_st(0, "a", "erdogan", "the deal is done"), _st(1, "a", "trump", "Erdogan was treated unfairly")])
    assert ("a:1", "Turkey") in found


def test_no_side_through_a_person_for_a_speaker_without_one_or_of_the_same_side():
    found = _targets([_st(0, "a", "erdogan", "the deal is done"),
                      _st(1, "a", "analyst", "Erdogan was treated unfairly"),
                      _st(2, "a", "erdogan", "Erdogan will not back down"),
                      _st(3, "a", "analyst", "Turkey will pay")])
    assert ("a:1", "Turkey") not in found and ("a:2", "Turkey") not in found
    assert ("a:3", "Turkey") in found


def test_a_surname_maps_to_a_side_only_in_a_document_where_that_person_speaks():
    found = _targets([_st(0, "a", "campbell", "it is calm"), _st(1, "a", "trump", "Mr Campbell is wrong"),
                      _st(0, "b", "trump", "Mr Campbell is wrong")])
    assert ("a:1", "United Kingdom") in found and ("b:0", "United Kingdom") not in found


def test_an_evaluative_cue_scores_what_it_is_about_not_sides_named_in_a_modifier():
    sympathy = _st(0, "a", "trump", "Turkish President Recep Tayyip Erdogan's position on the Russian missile purchase",
                   cue="has publicly shown sympathy for", kind="reported_stance")
    warning = _st(1, "a", "trump", "Turkey and Russia of consequences", cue="warned")
    docs = [Document(id="a", text="x" * 400)]
    stances = score_stances([sympathy, warning], docs, SPEAKERS, Neutral())
    model_only = 0.2 - 0.1
    assert stances[("a:0", "Turkey")] > 0.5 and abs(stances[("a:0", "Russia")] - model_only) < 1e-6
    assert stances[("a:1", "Turkey")] < -0.5 and stances[("a:1", "Russia")] < -0.5
