"""Speaker spans: the subject of a cue from the parse, or a noun phrase found by walking tokens from the cue.

Token walking is what works on text without capitals or punctuation, where the parse is unreliable.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import (COUNTRY_LOWER, DETERMINERS, HONORIFICS, INSTITUTION_WORDS, MEDIA, PRONOUNS, ROLE_STOP,
                      SOURCE_NOUNS, TITLE_WORDS, country_of)

Span = tuple[int, int]
MAX_NP = 12
TIME_NOUNS = set("""
monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow week weekend month year
morning afternoon evening night january february march april june july august september october november december
""".split())
TIME_MODIFIERS = {"this", "last", "next", "early", "late", "on", "in", "earlier", "later", "that"}
SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i", "it"}
RELATIVE = {"who", "which", "that"}
NP_POS = {"PROPN", "NOUN", "ADJ", "NUM"}
INNER_PREPS = {"with", "at", "for", "from", "in", "of"}
QUANTIFIERS = {"one", "two", "three", "four", "five", "several", "some", "many", "another", "both", "most"}
STRONG_TITLES = TITLE_WORDS - ROLE_STOP - {"state", "home", "first", "second", "third", "press", "national",
                                            "security", "party", "ruling", "affairs", "relations", "international"}


def subject_from_parse(doc: Doc, head: int, lo: int, hi: int) -> Span | None:
    """The cue verb's subject as a token span (inherited through "and said", ", adding", "urged X to warn")."""
    verb = doc[head]
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
                return _np_span(doc, verb.head, lo, hi)
            if subj.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and subj.lower_ not in ("there", "what", "this", "that"):
                return _np_span(doc, subj, lo, hi)
            return None
        if verb.dep_ == "xcomp":
            obj = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None and obj.i < verb.i:
                return _np_span(doc, obj, lo, hi)
        if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def _np_span(doc: Doc, tok: Token, lo: int, hi: int) -> Span | None:
    """Span of a subject token: its left modifiers, flat name parts, and an "of/at/from" phrase of a common noun."""
    if tok.pos_ == "PRON":
        return (tok.i, tok.i + 1) if tok.lower_ in SUBJECT_PRONOUNS and lo <= tok.i < hi else None
    start = max(tok.left_edge.i, lo, tok.i - MAX_NP)
    while start < tok.i and (doc[start].is_punct or doc[start].pos_ in ("CCONJ", "SCONJ", "ADV")):
        start += 1
    end = tok.i + 1
    while end < hi and doc[end].dep_ in ("compound", "flat") and doc[end].head.i == tok.i:
        end += 1
    if tok.pos_ == "NOUN" and end < hi and doc[end].lower_ in ("of", "at", "from", "with", "for") and \
            doc[end].head.i == tok.i:
        edge = doc[end].right_edge.i + 1
        if edge - start <= MAX_NP and not any(doc[i].is_punct or doc[i].pos_ == "VERB" for i in range(end, edge)):
            end = edge
    if not lo <= start < end <= hi:
        return None
    return start, end


def with_apposition(doc: Doc, span: Span, taken: set[int], max_tokens: int = 40) -> Span:
    """The speaker span widened over an appositive, relative clause or bracketed note that follows it ("Brian
    Fallon, the campaign's press secretary", "Sen. Lindsey Graham (R-S.C.)"), as news attribution corpora do;
    never over a token in `taken` (content and cue) nor past the sentence."""
    start, end = span
    sent = doc[start].sent
    for _ in range(2):
        if end >= min(len(doc), sent.end):
            break
        stop = None
        if doc[end].text == "(":
            stop = next((k + 1 for k in range(end + 1, min(end + 10, sent.end)) if doc[k].text == ")"), None)
        elif doc[end].text == ",":
            appos = next((c for i in range(start, end) for c in doc[i].children
                          if c.dep_ in ("appos", "relcl") and c.i > end and c.left_edge.i == end + 1), None)
            if appos is not None:
                stop = appos.right_edge.i + 1
                while stop > end + 1 and doc[stop - 1].is_punct and doc[stop - 1].text not in (")", "."):
                    stop -= 1
        if stop is None or stop - start > max_tokens or stop > sent.end or any(k in taken for k in range(end, stop)):
            break
        end = stop
    return start, end


def adjacent(doc: Doc, span: Span, cue_start: int, lo: int) -> bool:
    """True when only adverbs, dates or a comma parenthetical separate a speaker span from its cue."""
    return _skip_left(doc, cue_start - 1, lo, False) == span[1] - 1


def np_left(doc: Doc, end: int, lo: int, degenerate: bool, known_names: set[str]) -> Span | None:
    """The noun phrase ending just before `end` (skipping adverbs, dates and comma parentheticals)."""
    j = _skip_left(doc, end - 1, lo, degenerate)
    if j < lo:
        return None
    if doc[j].lower_ in SUBJECT_PRONOUNS and doc[j].pos_ == "PRON":
        return j, j + 1
    last = j
    start = None
    while j >= lo and last - j < MAX_NP:
        tok = doc[j]
        low = tok.lower_
        if tok.pos_ == "DET" or low in QUANTIFIERS:
            before = doc[j - 1].lower_ if j > lo else ""
            inner = before == "of" or (degenerate and before in INNER_PREPS and j - 2 >= lo and
                                       doc[j - 2].lower_ in SOURCE_NOUNS)
            if inner and start is not None:
                start = j
                j -= 1
                continue
            start = j
            break
        if tok.tag_ == "POS" or (degenerate and low == "s" and j > lo and doc[j - 1].pos_ in NP_POS | {"PRON"}):
            start = j
            j -= 1
            continue
        if degenerate and len(low) == 1 and low.isalpha() and low not in ("a", "i"):
            start = j
            j -= 1
            continue
        if low in INNER_PREPS and start is not None and j > lo:
            if low == "of" or (degenerate and doc[j - 1].lower_ in SOURCE_NOUNS):
                start = j
                j -= 1
                continue
            break
        if degenerate and country_of(low) is not None and tok.pos_ != "PRON":
            start = j
            j -= 1
            continue
        if tok.pos_ in NP_POS or low in HONORIFICS or (tok.text in ("-", ".") and start is not None):
            if degenerate and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
                break
            start = j
            j -= 1
            continue
        break
    if start is None:
        return None
    while start <= last and (doc[start].lower_ in INNER_PREPS or doc[start].tag_ == "POS"):
        start += 1
    if start > last:
        return None
    span = (start, last + 1)
    return _tidy_degenerate(doc, span, lo, known_names) if degenerate else span


def _skip_left(doc: Doc, j: int, lo: int, degenerate: bool) -> int:
    """Step left over adverbs, day/date words, a comma-enclosed parenthetical and a bracketed note ("(R-Utah)")
    between subject and cue."""
    while j >= lo:
        tok = doc[j]
        low = tok.lower_
        if (tok.pos_ in ("ADV", "PART") and tok.tag_ != "POS" and low not in ("s",)) or low in TIME_NOUNS or \
                (tok.like_num and j > lo and doc[j - 1].lower_ in TIME_NOUNS):
            j -= 1
            continue
        if low in TIME_MODIFIERS and j + 1 < len(doc) and doc[j + 1].lower_ in TIME_NOUNS:
            j -= 1
            continue
        if low == "," and not degenerate:
            k = j - 1
            while k >= lo and k > j - 14 and doc[k].text not in (",", ".", ";", ":", '"') and \
                    doc[k].tag_ not in ("VBD", "VBZ", "VBP", "MD"):
                k -= 1
            if k >= lo and doc[k].text == "," and k - 1 >= lo and doc[k - 1].pos_ in ("PROPN", "NOUN", "PRON"):
                j = k - 1
                continue
        if low == ")":
            k = j - 1
            while k >= lo and k > j - 10 and doc[k].text not in ("(", ")", ".", ";"):
                k -= 1
            if k >= lo and doc[k].text == "(" and k - 1 >= lo and doc[k - 1].pos_ in ("PROPN", "NOUN"):
                j = k - 1
                continue
        break
    return j


def _tidy_degenerate(doc: Doc, span: Span, lo: int, known_names: set[str]) -> Span:
    """Trim what a lower-case walk swallowed: keep an honorific and its name, start at the title, and prefer a
    name just before an indefinite appositive ("omer x a senior fellow with the y institute said")."""
    start, end = span
    honor = [i for i in range(start, end) if doc[i].lower_ in HONORIFICS]
    if honor:
        h = honor[-1]
        return (h, end) if end - h <= 2 else (h + 2, end)
    titled = [i for i in range(start, end) if doc[i].lower_ in STRONG_TITLES or doc[i].lower_ in SOURCE_NOUNS]
    if titled:
        s = titled[0]
        while s - 1 >= start and _premodifier(doc[s - 1]):
            s -= 1
        start = s
    while start < end - 1 and not _anchor_word(doc[start], known_names):
        start += 1
    if doc[start].lower_ in ("a", "an") and start - 1 >= lo and doc[start - 1].lower_ in known_names:
        name_start = start - 1
        while name_start - 1 >= lo and name_start > start - 3 and _name_like(doc[name_start - 1]):
            name_start -= 1
        return name_start, start
    return start, end


def _premodifier(tok: Token) -> bool:
    low = tok.lower_
    return (tok.pos_ in ("DET", "ADJ", "NUM") or low in QUANTIFIERS or low in TITLE_WORDS or low in INSTITUTION_WORDS
            or (country_of(low) is not None and tok.pos_ != "PROPN") or low == "s" or len(low) == 1)


def _anchor_word(tok: Token, known_names: set[str]) -> bool:
    low = tok.lower_
    return (tok.pos_ in ("DET", "PROPN") or low in QUANTIFIERS or low in TITLE_WORDS or low in SOURCE_NOUNS
            or low in INSTITUTION_WORDS or low in known_names or country_of(low) is not None or len(low) == 1)


def _name_like(tok: Token) -> bool:
    low = tok.lower_
    return (tok.pos_ in ("PROPN", "NOUN", "ADJ") and low not in DETERMINERS and low not in TITLE_WORDS
            and low not in SOURCE_NOUNS and low not in INSTITUTION_WORDS and len(low) > 1)


def np_right(doc: Doc, start: int, hi: int, degenerate: bool) -> Span | None:
    """The noun phrase starting at `start` (determiner, modifiers, head, "of"/"at" phrases), e.g. after "according to"."""
    j = start
    seen_head = False
    while j < hi and j - start < MAX_NP:
        tok = doc[j]
        low = tok.lower_
        if tok.pos_ == "DET" or low in QUANTIFIERS:
            if seen_head and not (j > start and doc[j - 1].lower_ in INNER_PREPS):
                break
            j += 1
            continue
        if degenerate and seen_head and low in HONORIFICS:
            break
        if tok.pos_ in NP_POS or tok.tag_ == "POS" or low in HONORIFICS or (degenerate and low == "s" and seen_head):
            if tok.pos_ == "VERB" or tok.tag_.startswith("VB"):
                break
            seen_head = True
            j += 1
            continue
        if low in INNER_PREPS and seen_head and j + 1 < hi and doc[j - 1].lower_ in SOURCE_NOUNS | {"head", "member"}:
            j += 1
            continue
        if tok.text in ("-",) and seen_head:
            j += 1
            continue
        break
    while j > start and (doc[j - 1].lower_ in INNER_PREPS or doc[j - 1].pos_ == "DET"):
        j -= 1
    return (start, j) if j > start and seen_head else None


def speaker_score(doc: Doc, span: Span | None, known_names: set[str]) -> int:
    """How plausible a span is as a speaker: 3 person-like head or pronoun, 2 a name, 1 a country/body, 0 not."""
    if span is None:
        return -1
    words = [doc[i] for i in range(*span)]
    lows = [w.lower_ for w in words]
    if len(lows) == 1 and lows[0] in PRONOUNS and lows[0] != "it":
        return 3
    if lows[-1] in SOURCE_NOUNS or any(w in HONORIFICS for w in lows) or \
            (any(w in STRONG_TITLES for w in lows[:-1]) and words[-1].pos_ == "PROPN"):
        return 3
    propn = [w for w in words if w.pos_ == "PROPN" and len(w.text) > 1]
    if len(propn) >= 2 or any(w in known_names for w in lows):
        return 2
    if propn or lows[-1] in INSTITUTION_WORDS or lows[-1] in MEDIA or " ".join(lows) in COUNTRY_LOWER:
        return 1
    if lows == ["it"]:
        return 1
    return 0
