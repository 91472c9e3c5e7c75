"""Who said what: statements with exact speaker, cue and content offsets into `Document.text`."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import load_nlp
from ..normalize import Normalized, normalize
from ..schema import Document, Statement
from .context import build_context
from .reported import Found, attributions
from .sources import with_apposition

__all__ = ["extract_statements", "extract_many", "extract_per_document", "statements_from_parse"]


def extract_statements(doc: Document, nlp: Language | None = None, tagger=None,
                       mode: str = "quotes") -> list[Statement]:
    """All statements of one document (direct, indirect, mixed, according-to, reported stance), in text order.

    With an `AttributionTagger`, the rules and the tagger are combined by `mode` (see `attribution.combine`).
    """
    if tagger is not None:
        return extract_per_document([doc], nlp, tagger=tagger, mode=mode)[0]
    norm = normalize(doc.text)
    parsed = (nlp or load_nlp())(norm.text)
    return statements_from_parse(doc, norm, parsed)


def extract_many(docs: Iterable[Document], nlp: Language | None = None, batch_size: int = 16, tagger=None,
                 mode: str = "quotes") -> list[Statement]:
    """Statements of many documents, in document order, parsed in batches with `nlp.pipe`."""
    if tagger is not None:
        return [st for sts in extract_per_document(docs, nlp, batch_size, tagger, mode) for st in sts]
    docs = list(docs)
    norms = [normalize(d.text) for d in docs]
    out: list[Statement] = []
    for doc, norm, parsed in zip(docs, norms, (nlp or load_nlp()).pipe((n.text for n in norms),
                                                                       batch_size=batch_size)):
        out.extend(statements_from_parse(doc, norm, parsed))
    return out


def extract_per_document(docs: Iterable[Document], nlp: Language | None = None, batch_size: int = 16, tagger=None,
                         mode: str = "quotes", parallel: bool = False) -> list[list[Statement]]:
    """One statement list per document; with a tagger, rules and tagger combined by `mode` ("tagger": no parse).

    `parallel` runs the tagger in a second thread while spaCy parses (for two or more cores).
    """
    from .combine import combine

    docs = list(docs)
    if tagger is None:
        return _per_document(docs, extract_many(docs, nlp, batch_size))
    if mode == "tagger":
        return [combine([], sts, mode) for sts in tagger.statements(docs)]
    if parallel:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pending = pool.submit(tagger.statements, docs)
            rules = _per_document(docs, extract_many(docs, nlp, batch_size))
            tagged = pending.result()
    else:
        rules = _per_document(docs, extract_many(docs, nlp, batch_size))
        tagged = tagger.statements(docs)
    return [combine(r, t, _mode_for(d, mode)) for d, r, t in zip(docs, rules, tagged)]


def _mode_for(doc: Document, mode: str) -> str:
    """augment trusts the rules first, except on text without capitals and punctuation, where the parse is
    unreliable and the tagger (trained on such copies too) goes first."""
    from .context import is_degenerate

    return "union" if mode == "augment" and is_degenerate(doc.text) else mode


def _per_document(docs: list[Document], statements: list[Statement]) -> list[list[Statement]]:
    by_doc: dict[str, list[Statement]] = {d.id: [] for d in docs}
    for st in statements:
        by_doc[st.doc_id].append(st)
    return [by_doc[d.id] for d in docs]


def statements_from_parse(doc: Document, norm: Normalized, parsed: Doc) -> list[Statement]:
    """Statements from an already parsed normalised text (the spaCy-component entry point)."""
    ctx = build_context(parsed, norm)
    found = sorted(attributions(ctx), key=lambda f: (f.content.spans[0][0], f.cue or (0, 0)))
    statements = []
    for f in found:
        st = _statement(doc, norm, parsed, f, len(statements), ctx.degenerate)
        if st is not None:
            statements.append(st)
    return statements


def _statement(doc: Document, norm: Normalized, parsed: Doc, f: Found, n: int,
               degenerate: bool = False) -> Statement | None:
    spans = [_orig(norm, parsed, s, e) for s, e in f.content.spans]
    spans = [s for s in spans if s[1] > s[0]]
    if not spans:
        return None
    text = " ".join(doc.text[s:e] for s, e in spans)
    who = f.speaker
    if who is not None and not degenerate:
        taken = {i for s, e in (*f.content.spans, *([f.cue] if f.cue else [])) for i in range(s, e)}
        who = with_apposition(parsed, who, taken)
    speaker, ss, se = _surface(doc, norm, parsed, who)
    cue, cs, ce = _surface(doc, norm, parsed, f.cue)
    return Statement(id=f"{doc.id}:{n}", doc_id=doc.id, speaker=speaker, speaker_start=ss, speaker_end=se, cue=cue,
                     cue_start=cs, cue_end=ce, text=text, start=spans[0][0], end=spans[-1][1], kind=f.kind,
                     content_spans=tuple(spans) if len(spans) > 1 else (), polarity=f.polarity)


def _orig(norm: Normalized, parsed: Doc, start: int, end: int) -> tuple[int, int]:
    """Original character span of tokens [start, end) of the parsed normalised text."""
    last = parsed[end - 1]
    return norm.to_original(parsed[start].idx, last.idx + len(last.text))


def _surface(doc: Document, norm: Normalized, parsed: Doc,
             span: tuple[int, int] | None) -> tuple[str | None, int | None, int | None]:
    if span is None:
        return None, None, None
    s, e = _orig(norm, parsed, *span)
    return doc.text[s:e], s, e
