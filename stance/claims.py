"""Reader claims: each statement's content as a reader understands it, the text an NLI model scores.

The cue's polarity is applied ("denied that talks were held" -> "talks were not held"), the cue's frame is
spelled out ("refused to X" -> "S will not X", "portrayed A as B" -> "A is B"), and an opening "this"/"that
account" is replaced by the clause it points back to.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from .attribution.cues import CueSpec, cue_spec, is_negated
from .attribution.lexicon import PRONOUNS
from .schema import Document, Statement

MAX_WORDS = 60
ANTECEDENT_GAP = 300
AUX = {"is", "are", "was", "were", "am", "will", "would", "can", "could", "should", "may", "might", "must", "has",
       "have", "had", "does", "do", "did", "shall"}
CONTRACTED = {"won't": "will", "can't": "can", "cannot": "can", "isn't": "is", "aren't": "are", "wasn't": "was",
              "weren't": "were", "don't": "do", "doesn't": "does", "didn't": "did", "hasn't": "has", "haven't": "have",
              "hadn't": "had", "wouldn't": "would", "couldn't": "could", "shouldn't": "should", "mustn't": "must"}
BE = {"is", "was", "are", "were", "would", "will", "could", "might", "may", "remains", "seems"}
DEMONSTRATIVE = {"this", "that", "these", "those", "such"}
CLAUSE_OPENERS = {"the", "a", "an", "this", "these", "those", "such", "some", "any", "no", "all", "its", "his", "her",
                  "their", "our", "my", "your", "he", "she", "it", "they", "we", "i", "you", "there", "if", "when",
                  "while", "both", "neither", "none", "many", "most", "one"}
SPEECH_NOUNS = set("""
account claim claims view assessment argument allegation allegations suggestion idea notion report reports statement
expectation position proposal charge charges accusation accusations assertion version story characterization
interpretation analysis demand demands request offer plan move
""".split())
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
CONTENT_OPENERS = ("claims that ", "suggestions that ", "reports that ", "allegations that ", "accusations that ",
                   "the claim that ", "the idea that ", "the notion that ", "the suggestion that ", "the view that ")


def reader_claims(statements: list[Statement], documents: list[Document]) -> list[Statement]:
    """Set `polarity` and `claim` on every statement (cue polarity applied, openings resolved, frames spelled out)."""
    texts = {d.id: d.text for d in documents}
    names = _speaker_names(statements)
    by_doc: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        by_doc[st.doc_id].append(st)
    out: dict[str, Statement] = {}
    for doc_id, sts in by_doc.items():
        ordered = sorted(sts, key=lambda s: s.start)
        for i, st in enumerate(ordered):
            before, ref = _antecedent([out.get(p.id, p) for p in ordered[:i]], st, texts.get(doc_id, ""))
            polarity, claim = make_claim(st, _subject(st, names), before)
            out[st.id] = replace(st, polarity=polarity, claim=claim, refers_to=ref)
    return [out.get(st.id, st) for st in statements]


def mark_finite(statements: list[Statement], nlp) -> list[Statement]:
    """Set `finite` on every statement: whether the spaCy tagger finds a finite verb or modal in its claim."""
    pipes = [p for p in ("tok2vec", "tagger") if p in nlp.pipe_names]
    with nlp.select_pipes(enable=pipes):
        docs = nlp.pipe([s.claim or s.text for s in statements], batch_size=256)
        return [replace(s, finite=any(t.tag_ in FINITE_TAGS for t in doc)) for s, doc in zip(statements, docs)]


def make_claim(st: Statement, subject: str, antecedent: str | None = None) -> tuple[int, str]:
    """Polarity and claim for one statement, given a name for its speaker and the clause before it."""
    spec = cue_spec(st.cue) if st.cue else None
    polarity = 1
    if spec is not None:
        polarity = -spec.polarity if is_negated(st.cue or "") else spec.polarity
    content = clean(st.text)
    content = _resolve_opening(content, subject, antecedent, st.kind)
    claim = _frame(content, spec, polarity, subject, st.cue or "")
    return polarity, _full_stop(_shorten(_capitalise(claim)))


def clean(text: str) -> str:
    """Content text without quote marks, brackets of omission, or a leading "that"."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\"\u201c\u201d\u201e]", "", text)
    text = re.sub(r"\[\s*(\u2026|\.\.\.)\s*\]", "", text)
    text = " ".join(text.split()).strip(" ,;:")
    for opener in CONTENT_OPENERS:
        if text.lower().startswith(opener):
            return text[len(opener):]
    words = text.split(maxsplit=2)
    if len(words) == 3 and words[0].lower() == "that" and _opens_clause(words[1]):
        return text[5:]
    return text


def _opens_clause(word: str) -> bool:
    """Whether a word after "that" starts a clause (complementiser "that") rather than a noun ("that account")."""
    return word.lower() in CLAUSE_OPENERS or word[:1].isupper() or word[:1].isdigit()


def negate(clause: str) -> str:
    """Negate a clause at its first auxiliary ("were being held" -> "were not being held"), else "It is not true that"."""
    words = clause.split()
    for i, w in enumerate(words[:10]):
        low = w.lower()
        if i == 0:
            continue
        if low in CONTRACTED:
            return " ".join(words[:i] + [CONTRACTED[low]] + words[i + 1:])
        if low in AUX:
            if i + 1 < len(words) and words[i + 1].lower() in ("not", "never"):
                return " ".join(words[:i + 1] + words[i + 2:])
            return " ".join(words[:i + 1] + ["not"] + words[i + 1:])
        if low in (",", "that", "which", "who", "if", "because") or low.endswith(","):
            break
    return "It is not true that " + _decapitalise(clause)


def _frame(content: str, spec: CueSpec | None, polarity: int, subject: str, cue: str) -> str:
    """Spell out what the cue means for the content ("refused to X" -> "S will not X")."""
    frame = spec.frame if spec else "say"
    low = content.lower()
    clause = has_verb(content)
    if frame == "commit" and low.startswith("to "):
        return f"{subject} will {'not ' if polarity < 0 else ''}{content[3:]}"
    if frame in ("direct", "warn", "commit"):
        m = re.match(r"^(?P<x>(?:\S+ ){0,5}?\S+?) (?P<neg>not )?to (?P<vp>.+)$", content)
        if m and not has_verb(m.group("x")):
            should = "should not" if m.group("neg") else "should"
            return f"{m.group('x')} {should} {m.group('vp')}"
    if frame == "warn":
        if " of" in f" {cue.lower()}" and cue.lower().rstrip().endswith(("of", "against")):
            return f"There will be {_decapitalise(content)}" if cue.lower().endswith("of") else \
                f"{_decapitalise(content)} is a mistake"
        m = re.match(r"^(?P<x>(?:\S+ ){0,4}?\S+?) of (?P<np>.+)$", content)
        if m and not clause:
            return f"{m.group('x')} will face {m.group('np')}"
    if frame == "portray" and " as " in content:
        x, y = content.split(" as ", 1)
        return f"{x} {_be(x)} {y}"
    if frame == "sympathy" and not clause:
        return f"{content} deserves sympathy"
    if frame == "support" and not clause:
        return f"{content} {_be(content)} {'not ' if polarity < 0 else ''}right"
    if frame == "oppose" and not clause:
        return f"{content} {_be(content)} wrong"
    if frame == "concern" and not clause:
        return f"{re.sub(r'^(over|about|at|with|on) ', '', content)} {_be(content)} a concern"
    if frame in ("call", "direct") and not clause:
        return f"{content} {_be(content)} needed"
    if frame == "accuse" and not re.match(r"^(for|of|over|in)\b", low):
        m = re.match(r"^(?P<x>.+?) of (?P<y>.+)$", content)
        if m:
            return f"{m.group('x')} {_be(m.group('x'))} responsible for {m.group('y')}"
    if frame == "commit" and polarity < 0 and not clause:
        return f"{subject} rejects {content}"
    if polarity < 0:
        return negate(content) if clause else f"{content} {_be(content)} not true"
    return content


def _resolve_opening(content: str, subject: str, antecedent: str | None, kind: str) -> str:
    """Replace an opening he/she with the speaker and an opening "this"/"that account" with what it points to."""
    words = content.split()
    if not words:
        return content
    first = words[0].lower()
    if first in ("he", "she") and kind != "direct" and subject:
        return " ".join([subject] + words[1:])
    if antecedent and first in DEMONSTRATIVE:
        if len(words) > 1 and words[1].lower() in BE:
            return f"It {' '.join(words[1:])} that {_decapitalise(antecedent)}"
        if len(words) <= 3 and words[-1].lower().rstrip(".,") in SPEECH_NOUNS:
            return antecedent
    return content


def _antecedent(earlier: list[Statement], st: Statement, text: str) -> tuple[str | None, str | None]:
    """What an opening "this"/"that account"/"such talks" points back to: the previous statement's content
    (and its id), or else the previous sentence (and no id)."""
    opening = clean(st.text).split(" ", 1)[0].lower()
    if opening not in DEMONSTRATIVE:
        return None, None
    for prev in reversed(earlier):
        if prev.end <= st.start and st.start - prev.end <= ANTECEDENT_GAP and prev.id != st.id:
            return (_decapitalise(prev.claim.rstrip(".")) if prev.claim else clean(prev.text)), prev.id
    sentences = re.split(r"(?<=[.!?])\s+", text[max(0, st.start - ANTECEDENT_GAP):st.start])
    return (sentences[-2].strip() if len(sentences) >= 2 else None), None


def _speaker_names(statements: list[Statement]) -> dict[str, str]:
    """For each speaker id, a readable non-pronoun surface (the longest one seen, capped at six words)."""
    names: dict[str, str] = {}
    for st in statements:
        if not st.speaker or not st.speaker_id or st.speaker.lower() in PRONOUNS:
            continue
        surface = " ".join(st.speaker.split())
        if len(surface.split()) <= 6 and len(surface) > len(names.get(st.speaker_id, "")):
            names[st.speaker_id] = surface
    return names


def _subject(st: Statement, names: dict[str, str]) -> str:
    surface = " ".join((st.speaker or "").split())
    if surface and surface.lower() not in PRONOUNS:
        return surface
    return names.get(st.speaker_id or "", surface or "The speaker")


def has_verb(text: str) -> bool:
    """Rough clause test: an auxiliary, or an -ed/-s word right after a pronoun or a capitalised name."""
    words = [w.strip(",.") for w in text.split()][:14]
    for i, w in enumerate(words):
        low = w.lower()
        if low in AUX or low in CONTRACTED:
            return True
        if i > 0 and re.fullmatch(r"[a-z]+(ed|s)", low):
            prev = words[i - 1]
            if prev.lower() in ("he", "she", "it", "they", "we", "i", "who") or (prev[:1].isupper() and i > 1):
                return True
    return False


def _be(np: str) -> str:
    head = re.split(r"\s(?:of|against|on|for|in|to|with|from|over)\s", np.strip())[0].split()[-1].lower()
    return "are" if head.endswith("s") and not head.endswith(("ss", "us", "is", "'s")) else "is"


def _full_stop(text: str) -> str:
    return text if not text or text[-1] in ".!?" else text + "."


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _decapitalise(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text.split(" ", 1)[0] not in ("I",):
        first = text.split(" ", 1)[0]
        if first.lower() in ("the", "this", "that", "it", "there", "a", "an", "we", "they", "he", "she", "but"):
            return text[0].lower() + text[1:]
    return text


def _shorten(text: str) -> str:
    words = text.split()
    if len(words) <= MAX_WORDS:
        return text
    cut = " ".join(words[:MAX_WORDS])
    stop = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[:stop + 1] if stop > len(cut) // 3 else cut
