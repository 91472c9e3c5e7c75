"""Speaker resolution: titles to roles, aliases merged across documents, pronouns and bare titles resolved,
anonymous sources kept apart, sides read from the text."""

from __future__ import annotations

import pytest

from stance.attribution import extract_statements
from stance.nlp import load_nlp
from stance.schema import Document, Speaker, Statement
from stance.speakers import parse_mention, resolve_speakers


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def analyse(texts: dict[str, str], nlp) -> tuple[list[Statement], dict[str, Speaker]]:
    docs = [Document(id=k, text=v) for k, v in texts.items()]
    statements = [s for d in docs for s in extract_statements(d, nlp)]
    statements, speakers = resolve_speakers(statements, docs)
    return statements, {s.id: s for s in speakers}


def speaker_of(statements: list[Statement], speakers: dict[str, Speaker], doc_id: str, surface: str) -> Speaker:
    [st] = [s for s in statements if s.doc_id == doc_id and s.speaker == surface]
    return speakers[st.speaker_id]


@pytest.mark.parametrize("surface,kind,name,role,side", [
    ("Secretary of State Laura Quinn", "person", "Laura Quinn", "Secretary of State", None),
    ("Acting Defence Secretary Paul R. Mendez", "person", "Paul Mendez", "Acting Defence Secretary", None),
    ("Greek Foreign Minister Eleni Markou", "person", "Eleni Markou", "Foreign Minister", "Greece"),
    ("U.S. Secretary of Defense Jane Holt", "person", "Jane Holt", "Secretary of Defense", "United States"),
    ("Kremlin spokesman Oleg Barinov", "person", "Oleg Barinov", "spokesman", "Russia"),
    ("the country\u2019s Interior Minister Ana Ruiz", "person", "Ana Ruiz", "Interior Minister", None),
    ("deputy greek foreign minister nikos pappas", "person", "Nikos Pappas", "deputy foreign minister", "Greece"),
    ("mr mendez", "person", "Mendez", None, None),
    ("mr mendez s", "person", "Mendez", None, None),
    ("an unnamed senior Foreign Office official", "anonymous", "senior Foreign Office official", None, None),
    ("Greek diplomatic sources", "anonymous", "Greek diplomatic sources", None, "Greece"),
    ("U.S. officials", "anonymous", "U.S. officials", None, "United States"),
    ("one member of the delegation", "anonymous", "member of the delegation", None, None),
    ("the Kremlin", "institution", "Kremlin", None, "Russia"),
    ("The White House", "institution", "White House", None, "United States"),
    ("the state news agency", "institution", "state news agency", None, None),
    ("Ankara", "country", "Turkey", None, "Turkey"),
    ("the US", "country", "United States", None, "United States"),
    ("Lena Ortiz, Spain's chief negotiator", "person", "Lena Ortiz", "chief negotiator", "Spain"),
    ("Tomas Berg, a senior adviser to the Greek government who led the talks", "person", "Tomas Berg",
     "senior adviser to the Greek government", "Greece"),
    ("Secretary of State Laura Quinn, who flew in on Monday", "person", "Laura Quinn", "Secretary of State", None),
    ("Sen. Jane Doyle (R-Utah)", "person", "Jane Doyle", "Sen.", None),
    ("a senior official, who spoke on condition of anonymity", "anonymous", "senior official", None, None),
    ("Few", "anonymous", "few", None, None),
    ("Critics", "anonymous", "critics", None, None),
    ("Baroness Boothroyd", "person", "Boothroyd", None, None),
    ("Ex-Welsh Office Minister Lord Roberts of Conwy", "person", "Roberts of Conwy", "Ex-Welsh Office Minister", None),
    ("Trade Minister Lord Sainsbury", "person", "Sainsbury", "Trade Minister", None),
    ("The shadow foreign secretary, Michael Ancram,", "person", "Michael Ancram", "shadow foreign secretary", None),
    ("The Lord Chancellor, Lord Falconer", "person", "Falconer", "Lord Chancellor", None),
    ("a senior official, speaking on condition of anonymity", "anonymous", "senior official", None, None),
    ("The Archbishop of Canterbury", "person", "Archbishop of Canterbury", None, None),
    ("the lord chancellor", "anonymous", "lord chancellor", None, None),
    ("Mr Major", "person", "Major", None, None),
    ("Someone", "anonymous", "someone", None, None),
    ("Labour's Paul Flynn", "person", "Paul Flynn", "Labour", None),
    ("Mr Blair's official spokesman", "anonymous", "Mr Blair's official spokesman", None, None),
    ("Tony Blair's", "person", "Tony Blair", None, None),
    ("A spokesman for the Information Commissioner's Office", "anonymous",
     "spokesman for the Information Commissioner's Office", None, None),
    ("Scientists", "anonymous", "scientists", None, None),
    ("Northumbria Police", "institution", "Northumbria Police", None, None),
    ("the National Union of Teachers", "institution", "National Union of Teachers", None, None),
    ("the Institute for Fiscal Studies", "institution", "Institute for Fiscal Studies", None, None),
    ("Shocked health officials in Powys", "anonymous", "Shocked health officials in Powys", None, None),
    ("the documents released at the National Archives", "anonymous", "documents released at the National Archives",
     None, None),
])
def test_parse_mention(surface: str, kind: str, name: str, role: str | None, side: str | None) -> None:
    m = parse_mention(surface)
    assert (m.kind, m.name, m.role, m.side) == (kind, name, role, side)


def test_a_peer_is_known_by_the_name_before_the_designation() -> None:
    lord, place = parse_mention("Lord Roberts of Conwy"), parse_mention("Merionnydd Nant Conwy")
    assert lord.surname == "roberts" and lord.surname != place.surname
    assert parse_mention("Mr Roberts").surname == lord.surname


def test_aliases_merge_across_documents_with_role_and_side(nlp) -> None:
    statements, speakers = analyse({
        "a": "Acting Defence Secretary Paul R. Mendez said the base would stay open. "
             "Mr. Mendez told reporters that the talks had stalled.",
        "b": "Paul R. Mendez, speaking in Oslo, said the deal was off. He added that a new offer was unlikely.",
        "c": "U.S. defence chief Paul Mendez said the fleet would sail on Monday.",
    }, nlp)
    ids = {s.speaker_id for s in statements}
    assert len(ids) == 1
    [person] = [speakers[i] for i in ids]
    assert person.name == "Paul Mendez" and person.kind == "person"
    assert person.role == "Acting Defence Secretary"
    assert person.side == "United States"
    assert {"Mr. Mendez", "Paul R. Mendez"} <= set(person.aliases)


def test_lowercase_surname_merges_with_full_name(nlp) -> None:
    statements, speakers = analyse({
        "a": "Prime Minister Ilona Varga said the vote would go ahead.",
        "b": "mr varga is not a form used here but ms varga said the vote would go ahead on sunday.",
    }, nlp)
    assert speaker_of(statements, speakers, "b", "ms varga").name == "Ilona Varga"


def test_a_headline_ending_in_a_capitalised_word_is_not_part_of_the_name_below_it(nlp) -> None:
    statements, speakers = analyse({
        "a": "Varga rebuffs the EU\n\nIlona Varga has rejected the quota plan.\n\n"
             "Mr Varga said the vote would go ahead. Hungarian Prime Minister Ilona Varga said talks were over.",
    }, nlp)
    varga = speaker_of(statements, speakers, "a", "Mr Varga")
    assert varga.name == "Ilona Varga" and varga.side == "Hungary"
    assert not any("EU" in alias for alias in varga.aliases)


def test_pronoun_and_bare_title_resolve_to_earlier_speaker(nlp) -> None:
    text = ("Greek Foreign Minister Eleni Markou said the islands were not negotiable. "
            "Opposition leader Stavros Dimas said talks should resume. "
            "The minister insisted that the patrols would continue. "
            "She added that Athens had informed its allies.")
    statements, speakers = analyse({"a": text}, nlp)
    markou = speaker_of(statements, speakers, "a", "Greek Foreign Minister Eleni Markou")
    she = [s for s in statements if s.speaker == "She"][0]
    assert she.speaker_id == markou.id
    assert text[she.speaker_start:she.speaker_end] == "She"
    minister = [s for s in statements if s.speaker == "The minister"][0]
    assert minister.speaker_id == markou.id
    assert markou.side == "Greece"


def test_he_resolves_to_nearest_person(nlp) -> None:
    text = ("Senator Ruth Alvarado said the bill was dead. Governor Tom Becker disagreed. "
            "Mr. Becker said the bill would pass. He said the votes were there.")
    statements, speakers = analyse({"a": text}, nlp)
    he = [s for s in statements if s.speaker == "He"][0]
    assert speakers[he.speaker_id].name == "Tom Becker"


def test_he_is_not_a_person_his_own_words_name(nlp) -> None:
    text = ("Senator Ruth Alvarado said the bill was dead. Governor Tom Becker said the bill would pass. "
            "Asked about the senator, he said he still trusted Mr Becker.")
    statements, speakers = analyse({"a": text}, nlp)
    [trust] = [s for s in statements if "trusted" in s.text]
    assert trust.speaker == "he" and speakers[trust.speaker_id].name == "Ruth Alvarado"


def test_he_with_nobody_quoted_before_is_the_last_person_named_other_than_in_his_words(nlp) -> None:
    text = ("Tony Blair faces questions about his relationship with Gordon Brown.\n\nMeanwhile, the chancellor is "
            "touring Africa. But before leaving, he insisted he still trusted Mr Blair. Mr Blair said all was well. "
            "Mr Brown said the tour mattered.")
    statements, speakers = analyse({"a": text}, nlp)
    [trust] = [s for s in statements if "trusted" in s.text]
    assert trust.speaker == "he" and speakers[trust.speaker_id].name == "Gordon Brown"


def test_anonymous_sources_stay_distinct(nlp) -> None:
    text = ("An unnamed senior Foreign Office official said the offer still stood. "
            "Greek diplomatic sources said the offer was not realistic. "
            "EU officials said sanctions were certain. "
            "The official added that talks would continue.")
    statements, speakers = analyse({"a": text}, nlp)
    official = speaker_of(statements, speakers, "a", "An unnamed senior Foreign Office official")
    sources = speaker_of(statements, speakers, "a", "Greek diplomatic sources")
    eu = speaker_of(statements, speakers, "a", "EU officials")
    assert len({official.id, sources.id, eu.id}) == 3
    assert official.kind == sources.kind == eu.kind == "anonymous"
    assert official.name == "senior Foreign Office official"
    assert sources.side == "Greece" and eu.side == "European Union"
    later = [s for s in statements if s.speaker == "The official"][0]
    assert later.speaker_id == official.id


def test_countries_and_capitals_merge(nlp) -> None:
    statements, speakers = analyse({
        "a": "Turkey said the purchase was final.",
        "b": "Ankara insisted that the deal did not concern NATO.",
    }, nlp)
    assert len({s.speaker_id for s in statements}) == 1
    [country] = speakers.values()
    assert country.kind == "country" and country.name == "Turkey"


def test_relative_pronoun_speaker_stands_for_the_name_before_it() -> None:
    text = "The plan came from Luis Rubio, who warned that costs would rise. Later, whom said nothing new."
    who = text.index("who ")
    stray = text.index("whom")
    docs = [Document(id="r", text=text)]
    statements = [
        Statement(id="r:0", doc_id="r", speaker="who", speaker_start=who, speaker_end=who + 3, cue="warned",
                  cue_start=who + 4, cue_end=who + 10, text="costs would rise", start=who + 16, end=who + 32,
                  kind="indirect"),
        Statement(id="r:1", doc_id="r", speaker="whom", speaker_start=stray, speaker_end=stray + 4, cue="said",
                  cue_start=stray + 5, cue_end=stray + 9, text="nothing new", start=stray + 10, end=stray + 21,
                  kind="indirect")]
    out, speakers = resolve_speakers(statements, docs)
    by_id = {s.id: s for s in speakers}
    assert parse_mention("whom").kind == "pronoun"
    assert by_id[out[0].speaker_id].name == "Luis Rubio"
    assert by_id[out[1].speaker_id].name.startswith("unresolved")
