"""The attribution tagger: BIO round trips, the unpunctuated copy, span grouping, training on a tiny fixture."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from safetensors import safe_open

from stance.attribution.bio import (LABELS, TagSpan, best_labels, by_word, char_tags, decode, group_pieces, mapped,
                                    plain_copy, token_labels, windows, with_probabilities)
from stance.attribution.grouping import group, says_something, to_statements
from stance.schema import Document, Statement
from stance.training.polnear import GoldArticle, GoldAttribution, load_polnear

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
TEXT = ('"We will not yield," the minister said, "and we will fight on." Officials in Ankara said the U.S. '
        'offer had failed.\nAccording to the report, prices rose.')


def _find(text: str, piece: str, after: int = 0) -> tuple[int, int]:
    start = text.index(piece, after)
    return start, start + len(piece)


def _gold(text: str = TEXT) -> list[GoldAttribution]:
    minister = _find(text, "the minister")
    return [
        GoldAttribution(content=(_find(text, '"We will not yield,"'), _find(text, '"and we will fight on."')),
                        cue=(_find(text, "said"),), source=(minister,)),
        GoldAttribution(content=(_find(text, "the U.S. offer had failed"),),
                        cue=(_find(text, "said", minister[1] + 6),), source=(_find(text, "Officials in Ankara"),)),
        GoldAttribution(content=(_find(text, "prices rose"),), cue=(_find(text, "According to"),),
                        source=(_find(text, "the report"),)),
    ]


def _triples(gold: list[GoldAttribution]) -> list[tuple]:
    return [(a.content, a.cue, a.source) for a in gold]


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import AutoTokenizer

    from stance.training.nli_train import default_base_model

    return AutoTokenizer.from_pretrained(default_base_model())


def _round_trip(tokenizer, text: str, tags) -> list[tuple[str, tuple]]:
    from stance.training.attribution_data import encode

    _, labels, offsets = encode(tokenizer, text, tags)
    return group_pieces(decode([LABELS[i] for i in labels], offsets))


def test_bio_round_trip_recovers_spans_and_the_discontinuous_content(tokenizer) -> None:
    gold = _gold()
    pieces = _round_trip(tokenizer, TEXT, char_tags(len(TEXT), _triples(gold)))
    expected = sorted([("Content", a.content) for a in gold] + [("Cue", a.cue) for a in gold]
                      + [("Source", a.source) for a in gold], key=lambda x: x[1][0])
    assert pieces == expected
    assert [p for r, p in pieces if r == "Content"][0] == gold[0].content


def test_continued_content_piece_is_tagged_inside_after_its_cue(tokenizer) -> None:
    from stance.training.attribution_data import encode

    _, labels, offsets = encode(tokenizer, TEXT, char_tags(len(TEXT), _triples(_gold())))
    second = _find(TEXT, '"and we will fight on."')[0]
    first_token = next(i for i, (s, _) in enumerate(offsets) if s == second)
    assert LABELS[labels[first_token]] == "I-Content"
    assert LABELS[labels[first_token - 1]] == "O"
    assert LABELS[labels[0]] == "B-Content"


def test_plain_copy_maps_labels_back_to_the_original_characters(tokenizer) -> None:
    plain, offsets = plain_copy(TEXT)
    assert plain.startswith("we will not yield the minister said and we will fight on officials in ankara said "
                            "the u s offer")
    assert all(plain[i] == " " or plain[i] == TEXT[o].lower() for i, o in enumerate(offsets))
    gold = _gold()
    pieces = _round_trip(tokenizer, plain, mapped(char_tags(len(TEXT), _triples(gold)), offsets))
    back = [(r, tuple((offsets[s], offsets[e - 1] + 1) for s, e in spans)) for r, spans in pieces]
    assert ("Content", _trim(gold[0].content)) in back
    assert ("Content", _trim(gold[1].content)) in back
    assert ("Source", gold[1].source) in back
    assert ("Cue", gold[2].cue) in back


def _trim(spans: tuple) -> tuple:
    """Spans shrunk to their first and last word characters (what survives in the unpunctuated copy)."""
    out = []
    for s, e in spans:
        m = re.search(r"\w(.*\w)?", TEXT[s:e], re.S)
        out.append((s + m.start(), s + m.end()))
    return tuple(out)


def test_overlaps_resolved_cue_over_source_over_content() -> None:
    text = "The official said it."
    tags = char_tags(len(text), [(((0, 21),), ((13, 17),), ((0, 12),))])
    assert tags.roles[0] == "Source" and tags.roles[14] == "Cue" and tags.roles[19] == "Content"
    labels = token_labels(tags, [(0, 3), (4, 12), (13, 17), (18, 20), (20, 21)])
    assert [LABELS[i] for i in labels] == ["B-Source", "I-Source", "B-Cue", "B-Content", "I-Content"]


def test_lone_inside_tags_start_spans_and_windows_cover_the_text() -> None:
    spans = decode(["I-Cue", "O", "I-Content", "I-Content", "B-Source"], [(0, 4), (5, 6), (7, 9), (10, 12), (13, 15)])
    assert spans == [TagSpan("Cue", 0, 4), TagSpan("Content", 7, 12, True), TagSpan("Source", 13, 15)]
    assert windows(10, 4, 3) == [(0, 4), (3, 7), (6, 10)]
    assert windows(3, 4, 3) == [(0, 3)]


def _logprobs(*rows: dict[str, float]) -> list[list[float]]:
    """Per-token log-probabilities in LABELS order: the named labels get the given probability, the rest share."""
    out = []
    for row in rows:
        rest = (1 - sum(row.values())) / (len(LABELS) - len(row))
        out.append([math.log(row.get(name, rest)) for name in LABELS])
    return out


def test_best_labels_keeps_a_well_formed_argmax() -> None:
    lp = _logprobs({"B-Source": .9}, {"I-Source": .9}, {"B-Cue": .9}, {"B-Content": .9}, {"I-Content": .9}, {"O": .9})
    assert best_labels(lp, [0, 1, 2, 3, 4, 5]) == ["B-Source", "I-Source", "B-Cue", "B-Content", "I-Content", "O"]


def test_best_labels_repairs_orphan_inside_tags() -> None:
    lp = _logprobs({"O": .9}, {"I-Source": .5, "B-Source": .4}, {"I-Cue": .45, "O": .4, "B-Cue": .1})
    assert best_labels(lp, [0, 1, 2]) == ["O", "B-Source", "O"]
    assert [s.label for s in decode(best_labels(lp, [0, 1, 2]), [(0, 1), (2, 3), (4, 5)])] == ["Source"]


def test_best_labels_continues_a_content_only_when_it_pays_the_penalty() -> None:
    weak = _logprobs({"B-Content": .9}, {"B-Cue": .9}, {"I-Content": .5, "B-Content": .45})
    strong = _logprobs({"B-Content": .9}, {"B-Cue": .9}, {"I-Content": .9, "B-Content": .05})
    assert best_labels(weak, [0, 1, 2])[2] == "B-Content"
    assert best_labels(strong, [0, 1, 2])[2] == "I-Content"
    assert best_labels(weak, [0, 1, 2], continue_penalty=0.0)[2] == "I-Content"


def test_best_labels_reads_only_the_first_piece_of_a_word() -> None:
    lp = _logprobs({"B-Cue": .9}, {"B-Source": .9}, {"O": .9})
    labels = best_labels(lp, [0, 0, None])
    assert labels == ["B-Cue", "O", "O"]
    assert decode(labels, [(0, 3), (3, 5), (0, 0)], [0, 0, None]) == [TagSpan("Cue", 0, 5)]


def test_grouping_pairs_contents_cues_and_sources() -> None:
    gold = _gold()
    pieces = ([("Content", a.content) for a in gold] + [("Cue", a.cue) for a in gold]
              + [("Source", a.source) for a in gold])
    found = group(TEXT, pieces)
    assert {(g.content, g.cue, g.source) for g in found} == {(a.content, a.cue[0], a.source[0]) for a in gold}
    statements = to_statements(Document(id="d", text=TEXT), found)
    assert [s.kind for s in statements] == ["direct", "indirect", "according_to"]
    assert statements[0].speaker == "the minister" and statements[0].content_spans == gold[0].content
    assert statements[2].speaker == "the report"


def test_grouping_keeps_a_cue_for_one_content_and_drops_uncued_contents() -> None:
    text = "He denied that the deal was off. Markets fell. She said talks would resume."
    pieces = [("Source", (_find(text, "He"),)), ("Cue", (_find(text, "denied"),)),
              ("Content", (_find(text, "that the deal was off"),)), ("Content", (_find(text, "Markets fell"),)),
              ("Source", (_find(text, "She"),)), ("Cue", (_find(text, "said"),)),
              ("Content", (_find(text, "talks would resume"),))]
    found = group(text, pieces)
    assert [text[g.cue[0]:g.cue[1]] for g in found] == ["denied", "said"]
    assert [text[g.source[0]:g.source[1]] for g in found] == ["He", "She"]
    assert len(group(text, pieces, keep_uncued=True)) == 3
    assert to_statements(Document(id="d", text=text), found)[0].polarity == -1


def test_an_uncued_quotation_is_kept_with_the_source_before_it() -> None:
    text = 'Markets fell. Jane Doe, 34, of Leeds: "We cannot pay more."'
    pieces = [("Content", (_find(text, "Markets fell"),)), ("Source", (_find(text, "Jane Doe"),)),
              ("Content", (_find(text, '"We cannot pay more."'),))]
    [found] = group(text, pieces)
    assert text[found.source[0]:found.source[1]] == "Jane Doe" and found.cue is None
    [st] = to_statements(Document(id="d", text=text), [found])
    assert st.kind == "direct" and st.speaker == "Jane Doe"
    after = '"We cannot pay more." Jane Doe left early.'
    [g] = group(after, [("Content", (_find(after, '"We cannot pay more."'),)), ("Source", (_find(after, "Jane Doe"),))])
    assert g.source is None


def test_span_probability_is_the_mean_over_its_pieces_of_its_role() -> None:
    log = [[math.log(p or 1e-9) for p in row] for row in ([0.9, 0, 0, 0, 0, 0.05, 0.05], [0.2, 0, 0, 0, 0, 0.7, 0.1],
                                                   [0.4, 0, 0, 0, 0, 0.1, 0.5], [0.1, 0.8, 0.1, 0, 0, 0, 0])]
    offsets = [(0, 3), (4, 8), (9, 12), (13, 17)]
    content, source = with_probabilities([TagSpan("Content", 4, 12), TagSpan("Source", 13, 17)], log, offsets)
    assert content.prob == pytest.approx((0.8 + 0.6) / 2, abs=1e-6) and source.prob == pytest.approx(0.9, abs=1e-6)


def test_a_content_the_tagger_is_unsure_of_is_dropped() -> None:
    from stance.attribution.tagger import AttributionTagger

    text = "She said talks would resume. He said prices would rise."
    spans = [TagSpan("Source", *_find(text, "She")), TagSpan("Cue", *_find(text, "said")),
             TagSpan("Content", *_find(text, "talks would resume"), prob=0.9),
             TagSpan("Source", *_find(text, "He")), TagSpan("Cue", *_find(text, "said", 20)),
             TagSpan("Content", *_find(text, "prices would rise"), prob=0.4)]
    tagger = AttributionTagger.__new__(AttributionTagger)
    tagger.keep_uncued, tagger.min_content_prob = False, 0.7
    tagger.tag = lambda texts: [spans]
    [statements] = tagger.statements([Document(id="d", text=text)])
    assert [(s.speaker, s.text) for s in statements] == [("She", "talks would resume")]
    tagger.min_content_prob = 0.0
    assert len(tagger.statements([Document(id="d", text=text)])[0]) == 2


def test_a_source_tagged_as_a_bare_honorific_takes_the_name_after_it() -> None:
    text = "Mr Kilroy-Silk said the party had failed. Mr. Brown said taxes would rise."
    second = text.index("Mr. Brown")
    pieces = [("Source", (_find(text, "Mr"),)), ("Cue", (_find(text, "said"),)),
              ("Content", (_find(text, "the party had failed"),)),
              ("Source", ((second, second + 3),)), ("Cue", (_find(text, "said", second),)),
              ("Content", (_find(text, "taxes would rise"),))]
    found = group(text, pieces)
    assert [text[g.source[0]:g.source[1]] for g in found] == ["Mr Kilroy-Silk", "Mr. Brown"]


FIXTURE = [
    '[S1 Officials] [Q1 said] [C1 the talks failed]. [C2 "We will not yield,"] [S2 the minister] [Q2 said]. '
    '[S3 She] [Q3 denied] [C3 the report].',
    '[S1 The minister] [Q1 said] [C1 the report failed]. [C2 "We will fight,"] [S2 officials] [Q2 said]. '
    '[S3 She] [Q3 said] [C3 talks failed].',
]
MARKUP = re.compile(r"\[([SQC])(\d) ([^\]]+)\]")


def _fixture_articles() -> list[GoldArticle]:
    """Articles from the markup: [S1 source] [Q1 cue] [C1 content] spans of attribution 1, and so on."""
    out = []
    for n, marked in enumerate(FIXTURE):
        text, spans, pos = "", {}, 0
        for m in MARKUP.finditer(marked):
            text += marked[pos:m.start()]
            spans[(m.group(1), m.group(2))] = ((len(text), len(text) + len(m.group(3))),)
            text += m.group(3)
            pos = m.end()
        text += marked[pos:] + "\n"
        attrs = [GoldAttribution(spans[("C", k)], spans[("Q", k)], spans[("S", k)])
                 for k in sorted({k for _, k in spans})]
        out.append(GoldArticle(f"a{n}", text, tuple(attrs)))
    return out


def _tiny_base(folder: Path) -> Path:
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    words = sorted({w for a in _fixture_articles() for w in re.findall(r"\w+", a.text.lower())}) + ['"', ".", ","]
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words)}
    tk = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tk.normalizer = normalizers.BertNormalizer(lowercase=True)
    tk.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                  sep_token="[SEP]", mask_token="[MASK]", model_max_length=64)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=64)
    torch.manual_seed(0)
    BertModel(cfg).save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)
    return folder


@pytest.mark.slow
def test_training_on_a_tiny_fixture_writes_a_loadable_tagger(tmp_path: Path) -> None:
    from stance.attribution.tagger import AttributionTagger
    from stance.training.attribution_data import write_brat
    from stance.training.attribution_train import AttributionTrainConfig, train_attribution

    articles = _fixture_articles()
    assert [len(a.attributions) for a in load_polnear(write_brat(articles, tmp_path / "data" / "train"))] == [3, 3]
    write_brat(articles, tmp_path / "data" / "dev")
    cfg = AttributionTrainConfig(data_dir=str(tmp_path / "data"), out_dir=str(tmp_path / "out" / "tagger"),
                                 base_model=str(_tiny_base(tmp_path / "base")), epochs=60, batch_size=4, lr=5e-3,
                                 warmup=0.0, max_length=32, checkpoint_every=1000, eval_every=30, threads=1,
                                 bf16=False)
    out = train_attribution(cfg, log=lambda _: None)

    config = json.loads((out / "config.json").read_text())
    assert [config["id2label"][str(i)] for i in range(len(LABELS))] == list(LABELS)
    with safe_open(str(out / "model.safetensors"), framework="pt") as f:
        assert {str(f.get_tensor(k).dtype) for k in f.keys()} == {"torch.float16"}
    meta = json.loads((out / "training.json").read_text())
    assert meta["sources"]["original"]["articles"] == 2 and meta["sources"]["plain"]["windows"] >= 2
    results = json.loads((out / "eval_results.json").read_text())
    assert results["dev"]["metrics"]["content overlap"]["all"]["f1"] > 0.6
    assert "dev_plain" in results

    tagger = AttributionTagger(out, precision="fp32")
    predicted = tagger.predict([a.text for a in articles])
    assert {lab for spans in predicted for lab, _, _ in spans} == {"Source", "Cue", "Content"}
    text = articles[0].text
    assert ("Cue", *_find(text, "denied")) in predicted[0]
    statements = tagger.statements([Document(id="a0", text=text)])[0]
    assert any(s.cue == "denied" and s.speaker == "She" for s in statements)


def test_tagger_refuses_a_folder_without_bio_labels(tmp_path: Path) -> None:
    from stance.attribution.tagger import AttributionTagger, TaggerModelError

    with pytest.raises(TaggerModelError, match="no attribution tagger"):
        AttributionTagger(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps({"id2label": {"0": "entailment"}}))
    (tmp_path / "model.safetensors").write_bytes(b"")
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(TaggerModelError, match="not the BIO labels"):
        AttributionTagger(tmp_path)


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/polnear is absent")
def test_gold_spans_survive_encoding_and_grouping_on_polnear_dev(tokenizer) -> None:
    from stance.training.attribution_data import article_tags, encode
    from stance.training.attribution_eval import evaluate_attribution

    arts = {a.id: a for a in load_polnear(SHARED / "dev", limit=20)}

    def extract(docs: list[Document]) -> list:
        out = []
        for d in docs:
            _, labels, offsets = encode(tokenizer, d.text, article_tags(arts[d.id]))
            spans = decode([LABELS[i] if i >= 0 else "O" for i in labels], offsets)
            out.append(to_statements(d, group(d.text, group_pieces(spans))))
        return out

    res = evaluate_attribution(SHARED / "dev", extract=extract, limit=20)
    assert res["metrics"]["content overlap"]["all"]["f1"] > 0.97
    assert res["metrics"]["source"]["all"]["f1"] > 0.93


def _statement(doc_id: str, start: int, end: int, kind: str, speaker: tuple[int, int] | None = None) -> "Statement":
    from stance.schema import Statement

    s, e = speaker or (None, None)
    return Statement(id="x", doc_id=doc_id, speaker="S" if speaker else None, speaker_start=s, speaker_end=e,
                     cue="said", cue_start=0, cue_end=4, text="t", start=start, end=end, kind=kind)


def test_combine_modes_take_quotes_speakers_and_missed_contents() -> None:
    from stance.attribution.combine import combine

    rules = [_statement("d", 10, 30, "direct", (0, 5)), _statement("d", 40, 60, "indirect", (35, 38)),
             _statement("d", 100, 120, "indirect", (90, 95))]
    tagged = [_statement("d", 12, 30, "direct"), _statement("d", 40, 70, "indirect", (32, 34)),
              _statement("d", 200, 220, "indirect")]
    assert [(s.start, s.end) for s in combine(rules, tagged, "tagger")] == [(12, 30), (40, 70), (200, 220)]
    quotes = combine(rules, tagged, "quotes")
    assert [(s.start, s.end) for s in quotes] == [(10, 30), (40, 70), (200, 220)]
    assert [s.id for s in quotes] == ["d:0", "d:1", "d:2"]
    assert [s.speaker_start for s in combine(rules, tagged, "speakers")] == [0, 35, None]
    assert [(s.start, s.end) for s in combine(rules, tagged, "union")] == [(12, 30), (40, 70), (100, 120),
                                                                           (200, 220)]
    augment = combine(rules, tagged, "augment")
    assert [(s.start, s.end, s.speaker_start) for s in augment] == [(10, 30, 0), (40, 60, 35), (100, 120, 90),
                                                                     (200, 220, None)]
    with pytest.raises(ValueError):
        combine(rules, tagged, "best")


def test_merge_keeps_rule_quotes_tagger_contents_and_fills_missing_speakers() -> None:
    from stance.attribution.combine import combine

    rules = [_statement("d", 10, 30, "direct", (0, 5)), _statement("d", 40, 60, "indirect", (35, 38)),
             _statement("d", 100, 120, "indirect", (90, 95)), _statement("d", 300, 320, "indirect", (290, 295))]
    tagged = [_statement("d", 12, 30, "direct"), _statement("d", 40, 70, "indirect", (32, 34)),
              _statement("d", 200, 220, "indirect"), _statement("d", 300, 325, "indirect")]
    merged = combine(rules, tagged, "merge")
    assert [(s.start, s.end, s.speaker_start) for s in merged] == [(10, 30, 0), (40, 70, 32), (100, 120, 90),
                                                                    (200, 220, None), (300, 325, 290)]
    assert [s.id for s in merged] == [f"d:{n}" for n in range(5)]


def test_a_source_tagged_as_a_lone_letter_takes_the_letter_before_it() -> None:
    text = "the u s warned turkey of sanctions"
    s = text.index(" s ") + 1
    pieces = [("Source", ((s, s + 1),)), ("Cue", (_find(text, "warned"),)), ("Content", (_find(text, "turkey"),))]
    [found] = group(text, pieces)
    assert text[found.source[0]:found.source[1]] == "u s"


def test_a_source_tagged_across_a_paragraph_break_keeps_the_part_after_it() -> None:
    text = "Labour would tackle it head on\n\nTony Blair says the economy is strong."
    pieces = [("Source", ((text.index("head on"), text.index(" says")),)), ("Cue", (_find(text, "says"),)),
              ("Content", (_find(text, "the economy is strong"),))]
    [found] = group(text, pieces)
    assert text[found.source[0]:found.source[1]] == "Tony Blair"


def test_a_trailing_he_said_over_a_named_speakers_quote_is_dropped() -> None:
    from stance.attribution.combine import combine

    text = 'George Osborne said: "The finances are in a black hole," he said. Guidance said mail goes, Mr Thomas said.'

    def at(piece: str, after: int = 0) -> tuple[int, int]:
        return _find(text, piece, after)

    def stated(speaker: str, cue: tuple[int, int], content: tuple[int, int], after: int = 0) -> Statement:
        (ss, se), (cs, ce) = at(speaker, after), cue
        return Statement(id="x", doc_id="d", speaker=speaker, speaker_start=ss, speaker_end=se, cue="said",
                         cue_start=cs, cue_end=ce, text=text[content[0]:content[1]], start=content[0],
                         end=content[1], kind="direct")
    quote = at('"The finances are in a black hole,"')
    named = stated("George Osborne", at("said"), quote)
    he = stated("he", at("said", quote[1]), (0, quote[1]))
    guidance = stated("Guidance", at("said", he.cue_end), at("mail goes"))
    thomas = stated("Mr Thomas", at("said", guidance.cue_end), (guidance.speaker_start, guidance.end))
    kept = combine([named, he, guidance, thomas], [], "augment")
    assert [s.speaker for s in kept] == ["George Osborne", "Mr Thomas", "Guidance"]


def test_extract_statements_with_a_tagger_in_tagger_mode_needs_no_parse() -> None:
    from stance.attribution import extract_per_document, extract_statements

    class Stub:
        def statements(self, docs: list[Document]) -> list[list]:
            return [[_statement(d.id, 0, 4, "indirect")] for d in docs]

    class NoParse:
        def pipe(self, *_a, **_k):
            raise AssertionError("parsed")

        def __call__(self, *_a):
            raise AssertionError("parsed")

    doc = Document(id="d", text="Talks failed, he said.")
    assert [(s.start, s.end) for s in extract_statements(doc, NoParse(), tagger=Stub(), mode="tagger")] == [(0, 4)]
    both = extract_per_document([doc, Document(id="e", text="x")], NoParse(), tagger=Stub(), mode="tagger")
    assert [[s.doc_id for s in sts] for sts in both] == [["d"], ["e"]]


SHIPPED = Path(__file__).resolve().parents[1] / "models" / "stance-attribution-minilm-l6"


@pytest.mark.slow
@pytest.mark.skipif(not SHIPPED.is_dir(), reason="no shipped attribution tagger")
def test_shipped_tagger_finds_speaker_cue_and_content_with_and_without_punctuation() -> None:
    from stance.attribution.tagger import AttributionTagger, default_tagger_path

    assert default_tagger_path() == SHIPPED
    tagger = AttributionTagger()
    text = "The foreign minister said on Tuesday that Turkey would not cancel the purchase of the missiles."
    plain, _ = plain_copy(text)
    for statements in tagger.statements([Document(id="a", text=text), Document(id="b", text=plain)]):
        assert len(statements) == 1
        st = statements[0]
        assert st.speaker.lower() == "the foreign minister" and st.cue == "said"
        assert "turkey would not cancel the purchase" in st.text.lower()


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.skipif(not (SHIPPED.is_dir() and SHARED.is_dir()), reason="no shipped tagger or ../shared/data/polnear")
def test_constrained_decoding_scores_at_least_label_by_label_on_polnear_dev(monkeypatch) -> None:
    import stance.attribution.tagger as tagger_module
    from stance.training.attribution_eval import evaluate_attribution

    tagger = tagger_module.AttributionTagger()

    def scores() -> tuple[float, float]:
        res = evaluate_attribution(SHARED / "dev", limit=20, extract=tagger.statements)
        return res["metrics"]["content overlap"]["all"]["f1"], res["metrics"]["source"]["all"]["f1"]

    constrained = scores()
    monkeypatch.setattr(tagger_module, "best_labels",
                        lambda lp, words: [LABELS[max(range(len(LABELS)), key=row.__getitem__)] for row in lp])
    label_by_label = scores()
    assert constrained[0] >= label_by_label[0] and constrained[1] >= label_by_label[1]
    assert constrained[0] > 0.7


def test_labels_are_made_whole_word_so_no_span_starts_inside_a_word() -> None:
    labels = ["O", "I-Content", "I-Content", "B-Source", "O"]
    assert by_word(labels, [0, 0, 1, 2, 2]) == ["O", "O", "I-Content", "B-Source", "I-Source"]
    spans = decode(labels, [(0, 2), (2, 5), (6, 9), (10, 12), (12, 14)], [0, 0, 1, 2, 2])
    assert spans == [TagSpan("Content", 6, 9, True), TagSpan("Source", 10, 14)]


def test_continued_pieces_close_short_holes_but_join_across_a_cue_only() -> None:
    text = 'a list of endorsements. "We will," she said, "never agree."\n\nfar away'
    hole = [TagSpan("Content", 0, 1), TagSpan("Content", 7, 22, True)]
    assert group_pieces(hole, text=text) == [("Content", ((0, 22),))]
    q1, q2 = (text.index('"We'), text.index(',"') + 2), (text.index('"never'), text.index('."') + 2)
    split = [TagSpan("Content", *q1), TagSpan("Source", text.index("she"), text.index("she") + 3),
             TagSpan("Cue", text.index("said"), text.index("said") + 4), TagSpan("Content", *q2, True)]
    assert [p for r, p in group_pieces(split, text=text) if r == "Content"] == [(q1, q2)]
    far = [TagSpan("Content", *q2), TagSpan("Content", text.index("far"), len(text), True)]
    assert [p for _, p in group_pieces(far, text=text)] == [(q2,), ((text.index("far"), len(text)),)]


def test_a_continued_piece_does_not_join_across_a_paragraph_break() -> None:
    text = "Diplomats said this was unrealistic.\nLater, officials revisited attempts to sell missiles."
    first = _find(text, "this was unrealistic")
    second = _find(text, "attempts to sell missiles")
    spans = [TagSpan("Source", *_find(text, "Diplomats")), TagSpan("Cue", *_find(text, "said")),
             TagSpan("Content", *first), TagSpan("Source", *_find(text, "officials")),
             TagSpan("Cue", *_find(text, "revisited")), TagSpan("Content", *second, True)]
    assert [p for r, p in group_pieces(spans, text=text) if r == "Content"] == [(first,), (second,)]


def test_contents_of_function_words_only_are_dropped() -> None:
    text = "He said that. She said the of. They said peace."
    pieces = [("Cue", ((3, 7),)), ("Content", ((8, 12),)), ("Cue", ((18, 22),)), ("Content", ((23, 29),)),
              ("Cue", ((36, 40),)), ("Content", ((41, 46),))]
    assert says_something(text, ((41, 46),)) and not says_something(text, ((23, 29),))
    assert [g.content for g in group(text, pieces)] == [((41, 46),)]


def test_a_relative_word_tagged_as_cue_is_debris_but_a_short_cue_is_not() -> None:
    text = "banks that evaded sanctions. They say peace."
    debris = [("Content", ((0, 5),)), ("Cue", ((6, 10),)), ("Content", ((11, 27),))]
    assert group(text, debris) == []
    say = [("Source", ((29, 33),)), ("Cue", ((34, 37),)), ("Content", ((38, 43),))]
    assert [(g.cue, g.content) for g in group(text, say)] == [((34, 37), ((38, 43),))]


def test_extract_all_uses_the_tagger_it_is_given_and_refuses_unknown_choices() -> None:
    from stance.pipeline import extract_all

    class Stub:
        def statements(self, docs: list[Document]) -> list[list]:
            return [[_statement(d.id, 0, 5, "indirect")] for d in docs]

    docs = [Document(id=f"d{i}", text="Talks failed, he said.") for i in range(20)]
    progress: list[str] = []
    found = extract_all(docs, attribution="tagger", tagger=Stub(), progress=progress.append)
    assert [s.doc_id for s in found] == [d.id for d in docs] and found[0].start == 0 and found[0].end == 5
    assert progress[-1] == "read 20/20 documents, 20 statements"
    with pytest.raises(ValueError, match="attribution must be one of"):
        extract_all(docs, attribution="guess")


def test_augment_puts_the_tagger_first_on_text_without_capitals_or_punctuation() -> None:
    from stance.attribution import _mode_for

    words = "the minister said on tuesday that turkey would not cancel the purchase of the missiles "
    plain, _ = plain_copy("The minister said on Tuesday that Turkey would not cancel the purchase. " * 8)
    assert _mode_for(Document(id="p", text=plain), "augment") == "union"
    assert _mode_for(Document(id="q", text=(words.capitalize() + ". ") * 8), "augment") == "augment"
    assert _mode_for(Document(id="p", text=plain), "quotes") == "quotes"


def test_the_report_keeps_only_statements_with_a_speaker() -> None:
    import stance

    class Stub:
        def statements(self, docs: list[Document]) -> list[list]:
            return [[_statement(d.id, 0, 5, "indirect", speaker=(24, 27)), _statement(d.id, 6, 12, "indirect")]
                    for d in docs]

    doc = Document(id="d", text="Talks failed on Monday, she said, and more talks are expected.")
    analysis = stance.analyze([doc], attribution="tagger", tagger=Stub())
    assert [(s.start, s.speaker_start) for s in analysis.statement_list] == [(0, 24)]


def test_an_evidential_adverb_cue_takes_no_speaker_from_a_name_nearby() -> None:
    text = "It is simple, Mr Lee said. The government reportedly showed no sign of budging."
    pieces = [("Content", (_find(text, "It is simple"),)), ("Source", (_find(text, "Mr Lee"),)),
              ("Cue", (_find(text, "said"),)), ("Cue", (_find(text, "reportedly"),)),
              ("Content", (_find(text, "showed no sign of budging"),))]
    found = group(text, pieces)
    assert [(text[g.cue[0]:g.cue[1]], g.source and text[g.source[0]:g.source[1]]) for g in found] == [
        ("said", "Mr Lee"), ("reportedly", None)]


def test_whom_is_never_a_speaker_so_the_subject_after_it_speaks() -> None:
    text = "They want the cleric, whom the government accuses of plotting a coup."
    pieces = [("Source", (_find(text, "whom"),)), ("Source", (_find(text, "the government"),)),
              ("Cue", (_find(text, "accuses"),)), ("Content", (_find(text, "of plotting a coup"),))]
    found = group(text, pieces)
    assert [text[g.source[0]:g.source[1]] for g in found] == ["the government"]
    alone = group(text, [p for p in pieces if text[p[1][0][0]:p[1][0][1]] != "the government"])
    assert [g.source for g in alone] == [None]
