"""Who said what on small hand-written snippets: quote styles, split and multi-paragraph quotes, reported speech,
"according to", stances, unpunctuated lower-case text, stray quote marks, and exact offsets."""

from __future__ import annotations

import pytest

from stance.attribution import extract_statements
from stance.claims import clean, reader_claims
from stance.nlp import load_nlp
from stance.normalize import normalize
from stance.schema import Document, Statement
from stance.speakers import parse_mention, resolve_speakers


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(text: str, nlp) -> list[Statement]:
    doc = Document(id="t", text=text)
    statements = extract_statements(doc, nlp)
    for s in statements:
        assert_offsets(doc, s)
    return statements


def assert_offsets(doc: Document, s: Statement) -> None:
    if s.speaker is not None:
        assert doc.text[s.speaker_start:s.speaker_end] == s.speaker
    if s.cue is not None:
        assert doc.text[s.cue_start:s.cue_end] == s.cue
    spans = s.content_spans or ((s.start, s.end),)
    assert s.text == " ".join(doc.text[a:b] for a, b in spans)
    assert (s.start, s.end) == (spans[0][0], spans[-1][1])


def only(statements: list[Statement], speaker: str) -> Statement:
    found = [s for s in statements if s.speaker == speaker]
    assert len(found) == 1, [(s.speaker, s.text) for s in statements]
    return found[0]


@pytest.mark.parametrize("open_mark,close_mark", [('"', '"'), ("\u201c", "\u201d"), ("''", "''")])
def test_direct_quote_any_marks(nlp, open_mark: str, close_mark: str) -> None:
    text = f"{open_mark}We will not reopen the crossing this winter,{close_mark} the interior minister said on Monday."
    s = only(run(text, nlp), "the interior minister")
    assert s.kind == "direct"
    assert s.cue == "said"
    assert s.text.startswith("We will not reopen the crossing this winter")
    assert open_mark not in s.text and close_mark not in s.text


def test_multi_sentence_quote_before_cue(nlp) -> None:
    text = ('"The fleet has left the harbour. It will not come back before spring," '
            "a navy spokeswoman told reporters.")
    s = only(run(text, nlp), "a navy spokeswoman")
    assert s.kind == "direct"
    assert "The fleet has left the harbour." in s.text and "before spring" in s.text


def test_split_quote_is_one_statement(nlp) -> None:
    text = "\u201cWe are ready to talk,\u201d the envoy said, \u201cbut we will not wait forever.\u201d"
    statements = run(text, nlp)
    s = only(statements, "the envoy")
    assert len(s.content_spans) == 2
    (a, b), (c, d) = s.content_spans
    assert text[a:b].startswith("We are ready to talk") and text[c:d].startswith("but we will not wait")
    assert (s.start, s.end) == (a, d)


def test_quote_continued_in_next_sentence_joins_statement(nlp) -> None:
    text = '"Sanctions will follow," Senator Ruth Alvarado said. "Nobody should doubt it."'
    s = only(run(text, nlp), "Senator Ruth Alvarado")
    assert len(s.content_spans) == 2 and "Nobody should doubt it" in s.text


def test_multi_paragraph_quote_that_reopens(nlp) -> None:
    text = ("The mediator said: \u201cBoth delegations have made concessions. The hardest part is done.\n\n"
            "\u201cWhat remains is a question of political will.\u201d\n\n"
            "The talks resume next week.")
    s = only(run(text, nlp), "The mediator")
    assert s.kind == "direct"
    assert len(s.content_spans) == 2
    assert "hardest part is done" in s.text and "political will" in s.text
    assert "talks resume" not in s.text


def test_reported_speech_cues(nlp) -> None:
    text = ("The defence ministry insisted that the drills were routine. "
            "Opposition leader Tomas Reyes has warned of a new arms race. "
            "A senior Western diplomat told the Daily Courier the ceasefire was fragile.")
    statements = run(text, nlp)
    assert only(statements, "The defence ministry").text == "the drills were routine"
    assert only(statements, "Opposition leader Tomas Reyes").text == "a new arms race"
    diplomat = only(statements, "A senior Western diplomat")
    assert diplomat.text == "the ceasefire was fragile" and diplomat.kind == "indirect"


def test_mixed_quote(nlp) -> None:
    text = 'The president said the border dispute had been handled "very badly" by his predecessor.'
    s = only(run(text, nlp), "The president")
    assert s.kind == "mixed"
    assert "very badly" in s.text and "predecessor" in s.text


def test_according_to(nlp) -> None:
    statements = run("According to the port authority, the tanker left without clearance. "
                     "The cargo was worth $4 million, according to customs officials.", nlp)
    first = only(statements, "the port authority")
    assert first.kind == "according_to" and first.text == "the tanker left without clearance"
    second = only(statements, "customs officials")
    assert second.kind == "according_to" and second.text.startswith("The cargo was worth")


def test_reported_stance(nlp) -> None:
    statements = run("The government has refused to withdraw its troops from the valley. "
                     "The prime minister dismissed that account.", nlp)
    refused = only(statements, "The government")
    assert refused.kind == "reported_stance" and refused.polarity == -1
    assert refused.text == "to withdraw its troops from the valley"


def test_quoted_as_saying(nlp) -> None:
    text = ("The shipments will continue, a state news agency quoted an unnamed defence official as saying on Friday.")
    s = only(run(text, nlp), "an unnamed defence official")
    assert s.text == "The shipments will continue"


def test_denial_polarity_and_claim(nlp) -> None:
    doc = Document(id="d", text="The foreign minister denied that secret talks were being held in Geneva.")
    statements = extract_statements(doc, nlp)
    statements, _ = resolve_speakers(statements, [doc])
    [s] = reader_claims(statements, [doc])
    assert s.polarity == -1
    assert s.claim == "Secret talks were not being held in Geneva."


def test_lowercase_unpunctuated_text(nlp) -> None:
    text = ("officials in the capital were cautious the border will stay closed until the spring the interior "
            "minister said on tuesday the opposition leader marta kovac told reporters the closure was illegal and "
            "that she would challenge it in court a spokesman for the army said troops would not be withdrawn "
            "diplomats expect a long standoff over the winter months and beyond with no talks planned before march")
    statements = run(text, nlp)
    by_speaker = {s.speaker: s for s in statements}
    assert "the interior minister" in by_speaker
    assert "the border will stay closed until the spring" in by_speaker["the interior minister"].text
    kovac = [s for s in statements if s.speaker and "marta kovac" in s.speaker]
    assert kovac and "the closure was illegal" in kovac[0].text
    army = [s for s in statements if s.speaker and s.speaker.startswith("a spokesman")]
    assert army and "troops would not be withdrawn" in army[0].text


@pytest.mark.parametrize("text", [
    'He said "the deal is done. The minister said the plan was sound.\n\nThe army said it would withdraw.',
    'The minister said the plan was sound." The army said it would withdraw.',
    '"""\n\nThe army said it would withdraw. "',
])
def test_odd_quote_marks_do_not_swallow(nlp, text: str) -> None:
    statements = run(text, nlp)
    army = [s for s in statements if s.speaker == "The army"]
    assert army and army[0].text == "it would withdraw"


def test_repeated_caption_paragraph_skipped(nlp) -> None:
    caption = "Soldiers patrol the border near the river crossing, the ministry said in a statement."
    text = f"{caption}\n{caption}\nTalks are expected to resume, diplomats said."
    statements = run(text, nlp)
    assert len([s for s in statements if s.speaker == "the ministry"]) == 1
    assert [s for s in statements if s.speaker == "diplomats"]


def test_ids_and_order(nlp) -> None:
    statements = run('The mayor said the bridge was safe. "It is not," engineers said.', nlp)
    assert [s.id for s in statements] == ["t:0", "t:1"]
    assert statements[0].start < statements[1].start


def test_normalize_maps_back_to_original() -> None:
    text = "Headline\n\nHe  said the \u201cquoted\u201d offer had been made and withdrawn within days, and that in\nsight here."
    norm = normalize(text)
    assert '"quoted"' in norm.text and norm.text.count("\n") == 1
    start = norm.text.index("quoted")
    s, e = norm.to_original(start, start + len("quoted"))
    assert text[s:e] == "quoted"
    s, e = norm.to_original(norm.text.index("in sight"), norm.text.index("in sight") + len("in sight"))
    assert text[s:e] == "in\nsight"


def statement(text: str, speaker: str, cue: str, kind: str = "indirect", n: int = 0, start: int = 100) -> Statement:
    return Statement(id=f"c:{n}", doc_id="c", speaker=speaker, speaker_start=0, speaker_end=len(speaker), cue=cue,
                     cue_start=0, cue_end=len(cue), text=text, start=start, end=start + len(text), kind=kind,
                     speaker_id="s")


@pytest.mark.parametrize("text,speaker,cue,kind,polarity,claim", [
    ("such talks were being conducted", "the minister", "had earlier denied", "indirect", -1,
     "Such talks were not being conducted."),
    ("the ships had not left port", "the navy", "denied", "indirect", -1, "The ships had left port."),
    ("that Ankara may buy more", "he", "did not rule out", "indirect", 1, "Ankara may buy more."),
    ("to withdraw its troops from the valley", "The government", "has refused", "reported_stance", -1,
     "The government will not withdraw its troops from the valley."),
    ("to retaliate if sanctions are imposed", "The republic", "has vowed", "indirect", 1,
     "The republic will retaliate if sanctions are imposed."),
    ("the neighbouring state not to deploy the missiles", "The alliance", "has urged", "indirect", 1,
     "The neighbouring state should not deploy the missiles."),
    ("sanctions against the regime", "Two senators", "issued a letter urging", "indirect", 1,
     "Sanctions against the regime are needed."),
    ("severe economic consequences", "The envoy", "warned of", "indirect", 1,
     "There will be severe economic consequences."),
    ("the blockade as a matter of national survival", "Officials", "have portrayed", "reported_stance", 1,
     "The blockade is a matter of national survival."),
    ("the rebels' demands for autonomy", "The senator", "has shown sympathy for", "reported_stance", 1,
     "The rebels' demands for autonomy deserves sympathy."),
    ("\u201cWe will never accept this border,\u201d", "the president", "said", "direct", 1,
     "We will never accept this border."),
])
def test_claims_apply_cue_polarity_and_frame(text: str, speaker: str, cue: str, kind: str, polarity: int,
                                             claim: str) -> None:
    doc = Document(id="c", text="x" * 400)
    [out] = reader_claims([statement(text, speaker, cue, kind)], [doc])
    assert (out.polarity, out.claim) == (polarity, claim)


def test_claim_resolves_opening_pronoun_and_demonstrative() -> None:
    doc = Document(id="c", text="x" * 400)
    first = statement("the island should be demilitarised", "Western officials", "said", n=0, start=10)
    second = statement("this was not a realistic expectation", "Local diplomats", "said", n=1, start=80)
    third = statement("he would not attend the summit", "The foreign minister", "said", n=2, start=150)
    account = statement("that account", "The ministry", "dismissed", "reported_stance", n=3, start=200)
    out = {s.id: s for s in reader_claims([first, second, third, account], [doc])}
    assert out["c:1"].claim == "It was not a realistic expectation that the island should be demilitarised."
    assert out["c:2"].claim == "The foreign minister would not attend the summit."
    assert out["c:3"].polarity == -1
    assert out["c:3"].claim == "The foreign minister would attend the summit."


def test_a_denial_of_such_talks_points_back_to_the_statement_it_denies(nlp) -> None:
    doc = Document(id="d", text="The president said negotiations on new jets were under way. "
                                "The foreign minister had earlier denied that such talks were being conducted.")
    statements, _ = resolve_speakers(extract_statements(doc, nlp), [doc])
    first, second = sorted(reader_claims(statements, [doc]), key=lambda s: s.start)
    assert first.refers_to is None
    assert second.refers_to == first.id and second.polarity == -1


@pytest.mark.parametrize("text", [
    '"Subpoenas are not optional," panel Chairman Rep. Jane Doyle (R-Utah) said in a statement.',
    'Subpoenas are not optional, panel Chairman Rep. Jane Doyle (R-Utah) said.',
])
def test_a_bracketed_party_note_between_speaker_and_cue(nlp, text) -> None:
    [s] = run(text, nlp)
    assert s.speaker == "panel Chairman Rep. Jane Doyle (R-Utah)" and s.cue == "said"
    assert s.text == "Subpoenas are not optional"
    assert parse_mention(s.speaker).name == "Jane Doyle"


@pytest.mark.parametrize("text,speaker,content", [
    ("Lena Ortiz, the ministry's chief negotiator, said the offer was final.",
     "Lena Ortiz, the ministry's chief negotiator", "the offer was final"),
    ("Tomas Berg, who led the talks for two years, told reporters that no deal was near.",
     "Tomas Berg, who led the talks for two years", "no deal was near"),
    ("The offer was final, said Lena Ortiz, the ministry's chief negotiator.",
     "Lena Ortiz, the ministry's chief negotiator", "The offer was final"),
])
def test_speaker_span_takes_its_appositive_and_content_does_not(nlp, text, speaker, content) -> None:
    """Sources are marked with their appositive (as PolNeAR marks them); the appositive is never content."""
    [s] = run(text, nlp)
    assert (s.speaker, s.text) == (speaker, content)
    assert text[s.speaker_start:s.speaker_end] == speaker


def test_participle_after_an_inverted_cue_is_not_content(nlp) -> None:
    statements = run("The plan failed, said Ortiz, adding that nobody had read it.", nlp)
    assert [s.text for s in statements] == ["The plan failed", "nobody had read it"]
    assert {s.speaker for s in statements} == {"Ortiz"}


@pytest.mark.parametrize("content,cleaned", [
    ("that the offer had failed", "the offer had failed"),
    ("that Ankara would buy the system", "Ankara would buy the system"),
    ("that such talks were held", "such talks were held"),
    ("that account was false", "that account was false"),
    ("that deal is dead", "that deal is dead"),
])
def test_a_leading_complementiser_that_is_dropped_but_not_a_demonstrative(content: str, cleaned: str) -> None:
    assert clean(content) == cleaned
