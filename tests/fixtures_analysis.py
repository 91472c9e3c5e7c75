"""A small hand-built `Analysis` (the S-400 dispute) for testing explore and report code without the pipeline."""

from __future__ import annotations

from stance.analysis import Analysis
from stance.schema import Conflict, Document, Relation, Speaker, Statement

D1 = (
    "ANKARA — Turkey took delivery of the first parts of the Russian S-400 air-defence system on Friday, "
    "defying months of warnings from Washington.\n\n"
    "Speaking to reporters at the G20 summit, President Donald Trump said Turkey had been treated very unfairly "
    "by the Obama administration over the Patriot missiles.\n\n"
    "Secretary of State Mike Pompeo warned that the purchase of the S-400 would bring sanctions against Turkey. "
    "\"We have been clear about the consequences,\" he added.\n\n"
    "President Recep Tayyip Erdogan said the S-400 deal was done and could not be reversed.\n"
)
D2 = (
    "\"Turkey will not face any sanctions,\" Erdogan told a news conference in Istanbul, "
    "\"because this purchase is our sovereign right.\"\n"
    "NATO Secretary General Jens Stoltenberg said the S-400 was incompatible with the alliance's systems.\n"
    "Pompeo said Turkey would be removed from the F-35 programme if it kept the missiles.\n"
)
D3 = (
    "WASHINGTON — Asked about the missile deal on Tuesday, Trump said sanctions against Turkey were not being "
    "considered right now.\n\n"
    "Stoltenberg, speaking in Brussels, said Turkey remained a valued member of the alliance.\n"
)

TOP_A = "the purchase of the S-400 would bring sanctions against Turkey"
TOP_B = "Turkey will not face any sanctions, because this purchase is our sovereign right."


def _statement(doc: Document, sid: str, speaker: str, speaker_id: str, cue: str, content: str,
               kind: str = "indirect") -> Statement:
    """An indirect statement whose offsets are found in the document text: speaker, then cue, then content."""
    sp = doc.text.index(speaker)
    cu = doc.text.index(cue, sp + len(speaker))
    st = doc.text.index(content, cu)
    return Statement(id=sid, doc_id=doc.id, speaker=speaker, speaker_start=sp, speaker_end=sp + len(speaker),
                     cue=cue, cue_start=cu, cue_end=cu + len(cue), text=content, start=st, end=st + len(content),
                     kind=kind, speaker_id=speaker_id)


def _split_quote(doc: Document) -> Statement:
    """Erdogan's direct quote, split around its cue into two content spans."""
    first, second = "Turkey will not face any sanctions,", "because this purchase is our sovereign right."
    a, b = doc.text.index(first), doc.text.index(second)
    sp, cu = doc.text.index("Erdogan"), doc.text.index("told")
    return Statement(id="s4", doc_id=doc.id, speaker="Erdogan", speaker_start=sp, speaker_end=sp + 7, cue="told",
                     cue_start=cu, cue_end=cu + 4, text=TOP_B, start=a, end=b + len(second), kind="direct",
                     content_spans=((a, a + len(first)), (b, b + len(second))), speaker_id="sp-erdogan")


def documents() -> list[Document]:
    return [
        Document("d1", D1, source="articles/turkey-s400-delivery.txt", published="2019-07-12",
                 url="https://example.com/world/turkey-s400", title="Turkey takes delivery of Russian missiles"),
        Document("d2", D2, source="articles/nato-reaction.txt", published="2019-07-14",
                 title="NATO voices concern as Ankara shrugs off sanctions threat"),
        Document("d3", D3, source="articles/trump-sanctions.txt", published="2019-07-17T09:30:00Z",
                 title="Trump says sanctions on Turkey are not on the table"),
    ]


def speakers() -> list[Speaker]:
    return [
        Speaker("sp-trump", "Donald Trump", ("Trump", "President Donald Trump", "Mr. Trump"), "President",
                "United States"),
        Speaker("sp-pompeo", "Mike Pompeo", ("Pompeo", "Secretary of State Mike Pompeo", "Mr. Pompeo"),
                "Secretary of State", "United States"),
        Speaker("sp-erdogan", "Recep Tayyip Erdogan", ("Erdogan", "President Recep Tayyip Erdogan"), "President",
                "Turkey"),
        Speaker("sp-stoltenberg", "Jens Stoltenberg", ("Stoltenberg", "NATO Secretary General Jens Stoltenberg"),
                "NATO Secretary General", "NATO"),
    ]


def statements(docs: list[Document]) -> list[Statement]:
    d1, d2, d3 = docs
    return [
        _statement(d1, "s1", "President Donald Trump", "sp-trump", "said",
                   "Turkey had been treated very unfairly by the Obama administration over the Patriot missiles"),
        _statement(d1, "s2", "Secretary of State Mike Pompeo", "sp-pompeo", "warned", TOP_A),
        _statement(d1, "s3", "President Recep Tayyip Erdogan", "sp-erdogan", "said",
                   "the S-400 deal was done and could not be reversed"),
        _split_quote(d2),
        _statement(d2, "s5", "NATO Secretary General Jens Stoltenberg", "sp-stoltenberg", "said",
                   "the S-400 was incompatible with the alliance's systems"),
        _statement(d2, "s6", "Pompeo", "sp-pompeo", "said",
                   "Turkey would be removed from the F-35 programme if it kept the missiles"),
        _statement(d3, "s7", "Trump", "sp-trump", "said",
                   "sanctions against Turkey were not being considered right now"),
        _statement(d3, "s8", "Stoltenberg", "sp-stoltenberg", "said",
                   "Turkey remained a valued member of the alliance"),
    ]


STANCES: dict[tuple[str, str], float] = {
    ("s1", "Turkey"): 0.6, ("s7", "Turkey"): 0.4, ("s7", "sanctions against Turkey"): -0.6,
    ("s2", "S-400"): -0.6, ("s2", "Turkey"): -0.4, ("s6", "Turkey"): -0.5, ("s2", "sanctions against Turkey"): 0.9,
    ("s3", "S-400"): 0.8, ("s4", "S-400"): 0.5, ("s4", "Turkey"): 0.3, ("s4", "sanctions against Turkey"): -0.9,
    ("s5", "S-400"): -0.7, ("s8", "Turkey"): 0.7,
}


def relations() -> list[Relation]:
    return [
        Relation("s2", "s4", {"entailment": 0.02, "neutral": 0.05, "contradiction": 0.93},
                 {"entailment": 0.03, "neutral": 0.10, "contradiction": 0.87}, "sanctions against Turkey", 0.71),
        Relation("s7", "s2", {"entailment": 0.06, "neutral": 0.32, "contradiction": 0.62},
                 {"entailment": 0.04, "neutral": 0.22, "contradiction": 0.74}, "sanctions against Turkey", 0.66),
        Relation("s5", "s6", {"entailment": 0.72, "neutral": 0.24, "contradiction": 0.04},
                 {"entailment": 0.61, "neutral": 0.33, "contradiction": 0.06}, "S-400", 0.58),
        Relation("s3", "s5", {"entailment": 0.10, "neutral": 0.70, "contradiction": 0.20},
                 {"entailment": 0.08, "neutral": 0.75, "contradiction": 0.17}, "S-400", 0.49),
    ]


def _nli(r: Relation) -> dict:
    return {"nli_ab": dict(r.ab), "nli_ba": dict(r.ba), "similarity": r.similarity}


def conflicts(rels: list[Relation]) -> tuple[list[Conflict], list[Conflict]]:
    r24, r72, r56, _ = rels
    flipped = {"nli_ab": dict(r72.ba), "nli_ba": dict(r72.ab), "similarity": r72.similarity}
    found = [
        Conflict("s2", "s4", "contradiction", 0.915, "sanctions against Turkey", _nli(r24)),
        Conflict("s3", "s5", "opposition", 0.748, "S-400", {"target": "S-400", "stance_a": 0.8, "stance_b": -0.7}),
        Conflict("s2", "s7", "contradiction", 0.71, "sanctions against Turkey", flipped),
        Conflict("s1", "s6", "opposition", 0.548, "Turkey", {"target": "Turkey", "stance_a": 0.6, "stance_b": -0.5}),
    ]
    agreements = [Conflict("s5", "s6", "agreement", 0.64, "S-400", _nli(r56))]
    return found, agreements


def small_analysis() -> Analysis:
    """3 dated documents, 8 statements by 4 speakers on 3 sides, 2 contradictions, 2 oppositions, 1 agreement."""
    docs = documents()
    rels = relations()
    found, agreements = conflicts(rels)
    return Analysis(documents=docs, statement_list=statements(docs), speaker_list=speakers(), relation_list=rels,
                    conflict_list=found, agreement_list=agreements,
                    targets=["S-400", "Turkey", "sanctions against Turkey"],
                    paths={d.id: d.source for d in docs if d.source}, stances=dict(STANCES))


PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<a href="javascript:alert(1)">x</a>',
            "<img src=x onerror=document.body.setAttribute('data-pwned','1')>")


def hostile_analysis() -> Analysis:
    """Article text, names, topics and paths made of HTML/JS injection attempts; a report must show them as text."""
    lines = [f"Officials said {p} was found." for p in PAYLOADS]
    doc = Document("<b>doc</b>", "\n".join(lines) + "\n", source="javascript:alert(6)",
                   published="2020-01-01", url="https://evil.example/x.js",
                   title="</title><script>alert(5)</script>")
    sides = ['"><script>alert(2)</script>', "<svg onload=alert(1)>"]
    speakers_ = [Speaker(f"sp{i}", f"<b onmouseover=alert({i})>Official {i}</b>", (f"<i>{i}</i>",),
                         "<u>minister</u>", sides[i % 2]) for i in range(len(PAYLOADS))]
    stmts = []
    for i, p in enumerate(PAYLOADS):
        start = doc.text.index(p)
        cue = doc.text.index("said", doc.text.rfind("\n", 0, start) + 1)
        stmts.append(Statement(f"s{i}", doc.id, "Officials", cue - 10, cue - 1, "said", cue, cue + 4, p, start,
                               start + len(p), "indirect", speaker_id=f"sp{i}", claim=f"{p} (claim)"))
    target = "<img src=x onerror=alert(4)>"
    found = [
        Conflict("s0", "s1", "contradiction", 0.9, "<script>alert(3)</script>",
                 {"nli_ab": {"<b>entailment</b>": 0.1, "contradiction": 0.9}, "nli_ba": {"contradiction": 0.8}}),
        Conflict("s2", "s3", "opposition", 0.7, target, {"target": target, "stance_a": 0.7, "stance_b": -0.7}),
    ]
    return Analysis(documents=[doc], statement_list=stmts, speaker_list=speakers_, conflict_list=found,
                    agreement_list=[Conflict("s1", "s3", "agreement", 0.65, None, {})], targets=[target],
                    paths={doc.id: "javascript:alert(7)"}, stances={("s2", target): 0.7, ("s3", target): -0.7})
