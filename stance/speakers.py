"""Speaker resolution: one Speaker per person, body or anonymous description across all documents.

A surface ("Acting Defense Secretary Mark T. Esper", "mr esper", "he", "the official") is split into title
(role), country (side) and name; people merge by surname and first name, pronouns and bare titles point back to
the nearest fitting earlier speaker in the same document.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from .attribution.context import is_degenerate
from .attribution.lexicon import (COUNTRY_EXACT, DETERMINERS, HONORIFICS, INSTITUTION_SIDES, INSTITUTION_WORDS,
                                  MEDIA, ORGANISATIONS, PARAGRAPH_BREAK, PARTY_WORDS, PRONOUNS, ROLE_STOP, SOURCE_NOUNS,
                                  TITLE_WORDS, country_of, find_side)
from .schema import Document, Speaker, Statement

WORD = re.compile(r"[\w\u00c0-\u024f][\w\u00c0-\u024f.\-']*|[\u2019']s\b")
POSSESSIVE = re.compile(r"^(.*?)(?:'s|\u2019s|s')$")
POSSESSIVE_END = re.compile(r"['\u2019]s?$")
IT_WINDOW = 400
RELATIVE_PRONOUNS = {"who", "whom", "which"}
PEERS = {"lord", "lady", "baroness", "baron", "viscount", "earl", "countess"}
GENERIC = {"few", "many", "most", "some", "others", "several", "everyone", "everybody", "nobody", "none", "all",
           "both", "critics", "supporters", "opponents", "someone", "somebody", "anyone", "anybody", "people",
           "scientists", "experts", "analysts", "businesses", "voters", "observers", "officials", "residents"}
SINGULAR_GENERIC = {"someone", "somebody", "anyone", "anybody"}
NOTE = re.compile(r",|\(")
RELATIVE_CLAUSE = re.compile(r"\s(?:who|whom|whose|which|that)\s|,")
PERSON_NAME = re.compile(r"\b(?:[A-Z][\w.\u2019'-]+\s+){1,4}[A-Z][\w\u2019'-]+")
SEES = {"archbishop", "bishop", "cardinal", "duke", "duchess", "earl", "countess", "dean", "prince", "princess"}
OWNER_STOPS = {"of", "for", "at", "from", "in", "by", "with", "and", "on"}
LOCATIVE = {"from", "at", "in", "inside", "outside", "near", "across"}
FUNCTION_WORDS = set("""
but and or the a an in on at as when while after before if said says meanwhile however also then so yet for
with from by to of since during under over this that these those it he she they we his her their its mr mrs ms
""".split())
NOT_NAMES = (TITLE_WORDS | SOURCE_NOUNS | INSTITUTION_WORDS | DETERMINERS | MEDIA | PARTY_WORDS |
             {"s", "of", "and", "'s", "\u2019s", "government", "people"})


@dataclass
class Mention:
    """What one speaker surface says about its speaker."""

    surface: str
    kind: str
    name: str
    role: str | None = None
    side: str | None = None
    first: str | None = None
    surname: str | None = None
    definite: str | None = None
    plural: bool = False


@dataclass
class _Entity:
    kind: str
    key: str
    mentions: list[Mention] = field(default_factory=list)


def parse_mention(surface: str, lowercase_text: bool | None = None) -> Mention:
    """Split a speaker surface into kind, name, role and side (no lookup of known people: text only).

    `lowercase_text` says the surface comes from text without capitals (names are then not capitalised);
    by default a surface written all in lower case is taken as such. An appositive or bracketed note after the
    name ("Brian Fallon, the campaign's press secretary") gives role and side when the name part has none; a name
    after a description ("The shadow foreign secretary, Michael Ancram") is the person, the description the role.
    Peers and clergy known by their see ("the Archbishop of Canterbury") are people of that name."""
    head, note = _split_note(" ".join(surface.split()))
    if note:
        m = parse_mention(head, lowercase_text)
        apposed = note.split(",", 1)[0].strip()
        named = parse_mention(apposed, False) if m.kind == "anonymous" and not m.plural and _a_name(apposed) else None
        if named is not None and named.kind == "person":
            return replace(named, role=named.role or m.name, side=named.side or m.side)
        return _with_note(m, note)
    text = head
    tokens = WORD.findall(text)
    low = [_fold(t).rstrip(".") for t in tokens]
    if len(tokens) == 1 and low[0] in PRONOUNS:
        return Mention(surface, "pronoun", low[0], plural=PRONOUNS[low[0]] == "plural")
    if len(tokens) == 1 and low[0] in RELATIVE_PRONOUNS:
        return Mention(surface, "pronoun", low[0])
    if len(tokens) == 1 and low[0] in GENERIC:
        return Mention(surface, "anonymous", low[0], plural=low[0] not in SINGULAR_GENERIC)
    definite = bool(low) and low[0] in ("the", "this", "that")
    while tokens and low[0] in DETERMINERS and len(tokens) > 1:
        tokens, low = tokens[1:], low[1:]
    side, tokens, low = _possessor(tokens, low)
    lowered = text == text.lower() if lowercase_text is None else lowercase_text
    cut = _owner_cut(low)
    if cut is not None:
        # "Labour's Paul Flynn" is Paul Flynn; "Mr Blair's spokesman" is someone else than Mr Blair.
        inner = parse_mention(" ".join(tokens[cut:]), lowered)
        owner = POSSESSIVE_END.sub("", " ".join(t for t in tokens[:cut] if _fold(t) not in ("'s", "\u2019s")))
        if inner.kind == "person":
            return replace(inner, surface=surface, role=inner.role or _clean(owner.split()),
                           side=inner.side or side or _side(tokens[:cut]))
        kind = "institution" if inner.kind == "institution" else "anonymous"
        return Mention(surface, kind, _clean(tokens), side=side or _side(tokens), plural=low[-1].endswith("s"))
    institution_side = INSTITUTION_SIDES.get(" ".join(low))
    if institution_side:
        return Mention(surface, "institution", _clean(tokens), side=institution_side)
    whole_country = country_of(" ".join(tokens)) if tokens else None
    if whole_country and not any(w in SOURCE_NOUNS for w in low):
        kind = "institution" if whole_country in ORGANISATIONS else "country"
        return Mention(surface, kind, whole_country, side=whole_country)
    office = low[:1] in (["lord"], ["lady"]) and all(w in TITLE_WORDS for w in low[1:])  # "the Lord Chancellor"
    if low and low[0] in HONORIFICS and len(tokens) > 1 and not office:
        name_tokens = [t for t in tokens[1:] if _fold(t).rstrip(".") not in ("'s",)]
        return _person(surface, [], name_tokens, side, lowered)
    n = len(tokens)
    while n > 0 and _name_like(tokens[n - 1], lowered):
        n -= 1
    if n >= 3 and _fold(tokens[n - 1]) == "of" and _name_like(tokens[n - 2], lowered) and n < len(tokens) \
            and _fold(tokens[n - 3]).rstrip(".") in PEERS:
        n -= 3  # "Minister Lord Roberts of Conwy": the peer's name runs on past "of"
    role_tokens, name_tokens = tokens[:n], tokens[n:]
    side = side or _side(role_tokens)
    if name_tokens and len(role_tokens) >= 2 and _fold(role_tokens[-1]) == "of" and role_tokens[-2][:1].isupper() \
            and _fold(role_tokens[-2]) in SEES:
        title = " ".join(role_tokens[-2:] + name_tokens)
        return Mention(surface, "person", title, side=side, surname=title.lower())
    organisation = bool(name_tokens) and _organisation(name_tokens, role_tokens)
    if name_tokens and not organisation and not _placed(tokens[:n]):
        return _person(surface, role_tokens, name_tokens, side, lowered)
    head = _head(low)
    description = _clean(tokens)
    person_head = head in SOURCE_NOUNS or head in TITLE_WORDS
    if head in INSTITUTION_WORDS or head in MEDIA or head in PARTY_WORDS or (organisation and not person_head):
        return Mention(surface, "institution", description, side=side or _side(tokens))
    bare = all(w in TITLE_WORDS or w in SOURCE_NOUNS for w in low)
    return Mention(surface, "anonymous", description, side=side or _side(tokens),
                   definite=head if definite and bare else None, plural=head.endswith("s"))


def _a_name(text: str) -> bool:
    """Whether an appositive is a name ("Lord Falconer", "Labour MP Barry Sheerman"), not a description ("a member
    of the chambers", "speaking on condition of anonymity"): capitalised words after an optional article."""
    words = text.split()
    if words and _fold(words[0]) in DETERMINERS:
        words = words[1:]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _split_note(text: str) -> tuple[str, str]:
    """A surface cut at its first comma or bracket: (name part, note), the note empty when there is none."""
    match = NOTE.search(text)
    if match is None or match.start() == 0:
        return text, ""
    return text[:match.start()].strip(), text[match.start():].strip(" ,()")


def _with_note(m: Mention, note: str) -> Mention:
    """A mention completed from its appositive: role (up to a relative clause) and side, if it had none."""
    if m.kind == "pronoun" or note.startswith(("R-", "D-", "I-")) or not note:
        return m
    phrase = RELATIVE_CLAUSE.split(note, maxsplit=1)[0].strip()
    tokens = WORD.findall(phrase)
    low = [_fold(t).rstrip(".") for t in tokens]
    side, rest, _ = _possessor(tokens, low)
    role = m.role
    if m.kind == "person" and role is None:
        role = " ".join(rest) if len(rest) < len(tokens) else re.sub(r"^(?:an?|the)\s+", "", phrase, flags=re.I)
    return replace(m, role=role or None, side=m.side or side or _side(tokens))


def resolve_speakers(statements: list[Statement], documents: list[Document]) -> tuple[list[Statement], list[Speaker]]:
    """Set `speaker_id` on every statement and return the merged speakers (people, bodies, countries, sources)."""
    texts = {d.id: d.text for d in documents}
    lowercase = {d.id for d in documents if is_degenerate(d.text) or d.text == d.text.lower()}
    mentions = {st.id: parse_mention(st.speaker, st.doc_id in lowercase) for st in statements if st.speaker}
    entities: dict[str, _Entity] = {}
    extra = _text_mentions(statements, mentions, texts)
    people = _people_index([m for m in mentions.values() if m.kind == "person"] + extra)
    speaking = {"person:" + _person_key(m, people) for m in mentions.values() if m.kind == "person"}
    for m in extra:
        key = "person:" + _person_key(m, people)
        if key in speaking:
            entities.setdefault(key, _Entity("person", key)).mentions.append(m)
    assigned: dict[str, str] = {}
    for st in statements:
        m = mentions.get(st.id)
        if m is not None and m.kind != "pronoun" and not m.definite:
            assigned[st.id] = _own_key(m, people)
            entities.setdefault(assigned[st.id], _Entity(m.kind, assigned[st.id])).mentions.append(m)
    by_doc: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        by_doc[st.doc_id].append(st)
    for doc_id, sts in by_doc.items():
        history: list[tuple[int, str]] = []
        for st in sorted(sts, key=lambda s: (s.speaker_start if s.speaker_start is not None else s.start)):
            m = mentions.get(st.id)
            if m is None:
                continue
            pos = st.speaker_start if st.speaker_start is not None else st.start
            if st.id not in assigned:
                outer = _quoting(st, sts, assigned) if m.name in ("we", "i") else None
                key = outer or _resolve(m, pos, history, entities, people, texts.get(doc_id, ""), doc_id, st.text)
                entity = entities.setdefault(key, _Entity(_kind_of(m, key), key))
                if not entity.mentions or (m.definite and key == _own_key(m, people)):
                    entity.mentions.append(m)
                assigned[st.id] = key
            history.append((pos, assigned[st.id]))
        _resolve_forward(sts, assigned, history, entities)
    ids = _ids(entities)
    speakers = [_speaker(ids[k], e) for k, e in entities.items()]
    out = [replace(st, speaker_id=ids[assigned[st.id]]) if st.id in assigned else st for st in statements]
    return out, sorted(speakers, key=lambda s: s.id)


def _named_in(e: _Entity, words: set[str]) -> bool:
    """Whether a statement's own content names this person by surname ("he still trusted Mr Blair" is not Blair)."""
    return e.kind == "person" and any(m.surname and m.surname in words for m in e.mentions)


def _resolve(m: Mention, pos: int, history: list[tuple[int, str]], entities: dict[str, _Entity],
             people: dict[str, list[str]], text: str, doc_id: str, content: str = "") -> str:
    """The entity key of a mention; pronouns and bare titles look back through this document's speakers, past
    anyone the statement's own `content` names."""
    if m.kind == "pronoun":
        if m.name == "it":
            for at, key in reversed(history):
                if entities[key].kind in ("country", "institution") and pos - at < IT_WINDOW:
                    return key
            return _country_before(text, pos) or f"unresolved:{doc_id}:{m.name}"
        if m.name in RELATIVE_PRONOUNS:
            return _antecedent(text, pos, people, entities) or f"unresolved:{doc_id}:{m.name}"
        wanted = ("person",) if m.name in ("he", "she", "i") else ("country", "institution", "anonymous")
        words = set(re.findall(r"[a-z][a-z'-]+", _fold(content)))
        for _, key in reversed(history):
            if entities[key].kind in wanted and not _named_in(entities[key], words):
                return key
        if m.name in ("he", "she"):
            person = _person_before(text, pos, people, words)
            if person is not None:
                key = "person:" + _person_key(person, people)
                entities.setdefault(key, _Entity("person", key)).mentions.append(person)
                return key
        return f"unresolved:{doc_id}:{m.name}"
    if m.definite:
        for _, key in reversed(history):
            e = entities[key]
            if e.kind in ("person", "anonymous") and any(m.definite in _words_of(x) for x in e.mentions):
                return key
    return _own_key(m, people)


def _text_mentions(statements: list[Statement], mentions: dict[str, Mention],
                   texts: dict[str, str]) -> list[Mention]:
    """Full-name mentions ("Turkish President X Y") of people quoted by surname only, from their documents."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for st in statements:
        m = mentions.get(st.id)
        if m is not None and m.kind == "person" and m.surname:
            wanted[m.surname].add(st.doc_id)
    found: list[Mention] = []
    for surname, doc_ids in wanted.items():
        pattern = re.compile(r"((?:(?:[A-Z][\w.\u2019'-]*|of)\s+){1,6})((?i:" + re.escape(surname) + r"))\b")
        for doc_id in doc_ids:
            for match in pattern.finditer(texts.get(doc_id, "")):
                words = PARAGRAPH_BREAK.split(match.group(1))[-1].split()
                cut = [i for i, w in enumerate(words) if _ends_sentence(w)]
                words = words[cut[-1] + 1:] if cut else words
                while words and (not words[0][:1].isupper() or _fold(words[0]) in FUNCTION_WORDS):
                    words = words[1:]
                surface = " ".join(words + [match.group(2)])
                m = parse_mention(surface)
                if m.kind == "person" and m.first and m.surname == surname and surface[:1].isupper():
                    found.append(m)
    return found


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that ends a sentence, not an initial ("J.") or an honorific ("Mr.")."""
    return word.endswith(".") and len(word) > 3 and "." not in word[:-1] and _fold(word).rstrip(".") not in HONORIFICS


def _quoting(st: Statement, sts: list[Statement], assigned: dict[str, str]) -> str | None:
    """For "we"/"I" inside someone's quoted or reported words, that someone."""
    pos = st.speaker_start if st.speaker_start is not None else st.start
    around = [o for o in sts if o.id != st.id and o.id in assigned and
              any(a <= pos < b for a, b in (o.content_spans or ((o.start, o.end),)))]
    return assigned[max(around, key=lambda o: o.start).id] if around else None


def _resolve_forward(sts: list[Statement], assigned: dict[str, str], history: list[tuple[int, str]],
                     entities: dict[str, _Entity]) -> None:
    """A he/she with nobody before it (a truncated article) takes the first person quoted after it."""
    for st in sts:
        key = assigned.get(st.id, "")
        if not key.startswith("unresolved:") or key.rsplit(":", 1)[-1] not in ("he", "she"):
            continue
        pos = st.speaker_start if st.speaker_start is not None else st.start
        later = next((k for at, k in history if at > pos and k in entities and entities[k].kind == "person"), None)
        if later is not None:
            assigned[st.id] = later
    used = set(assigned.values())
    for key in [k for k in entities if k.startswith("unresolved:") and k not in used]:
        del entities[key]


def _own_key(m: Mention, people: dict[str, list[str]]) -> str:
    if m.kind == "person":
        return "person:" + _person_key(m, people)
    if m.kind == "country":
        return "country:" + m.name
    return f"{m.kind}:{_desc_key(m)}|{m.side or ''}"


def _kind_of(m: Mention, key: str) -> str:
    prefix = key.split(":", 1)[0]
    return "anonymous" if prefix == "unresolved" else prefix


def _people_index(mentions: list[Mention]) -> dict[str, list[str]]:
    """Surname -> the distinct first names seen with it (most frequent first)."""
    firsts: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.surname:
            firsts[m.surname][m.first or ""] += 1
    return {s: [f for f, _ in c.most_common() if f] for s, c in firsts.items()}


def _person_key(m: Mention, people: dict[str, list[str]]) -> str:
    known = people.get(m.surname or m.name, [])
    if m.first:
        return f"{m.first} {m.surname}"
    if known:
        return f"{known[0]} {m.surname}"
    return m.surname or m.name


def _country_before(text: str, pos: int) -> str | None:
    """The country opening the sentence before `pos` ("Washington has ... . It claims")."""
    window = text[max(0, pos - 400):pos]
    sentences = re.split(r"(?<=[.!?])\s+", window)
    if len(sentences) < 2:
        return None
    subject = re.match(r"(?:The\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)", sentences[-2].strip())
    if subject:
        for token in (subject.group(1), subject.group(1).split()[0]):
            side = COUNTRY_EXACT.get(token) or country_of(token)
            if side and side not in ORGANISATIONS:
                return "country:" + side
    return None


def _antecedent(text: str, pos: int, people: dict[str, list[str]], entities: dict[str, _Entity],
                window: int = 120) -> str | None:
    """What a relative pronoun ("X, who said ...") stands for: a full name, or a country or quoted surname,
    written right before it."""
    before = text[max(0, pos - window):pos]
    tail = re.search(r"[\s,]*$", before).start()
    names = [x.group(0) for x in PERSON_NAME.finditer(before) if x.end() == tail]
    word = re.search(r"[\w\u2019'-]+$", before[:tail])
    if word and (country_of(word.group(0)) or _fold(word.group(0)) in people):
        names.append(word.group(0))
    if not names:
        return None
    m = parse_mention(max(names, key=len), False)
    if m.kind in ("pronoun", "anonymous"):
        return None
    key = _own_key(m, people)
    entities.setdefault(key, _Entity(m.kind, key)).mentions.append(m)
    return key


def _person_before(text: str, pos: int, people: dict[str, list[str]],
                   named: set[str] | frozenset[str] = frozenset()) -> Mention | None:
    """The last person named in full before `pos` who is quoted somewhere ("X Y has ... . He said"), other than
    one whose surname is in `named` (the statement's own words); a name ends at a line or sentence end."""
    last = None
    for match in PERSON_NAME.finditer(text[max(0, pos - 1500):pos]):
        words = match.group(0).split("\n")[0].split()
        end = next((i for i, w in enumerate(words) if _ends_sentence(w)), None)
        surface = " ".join(words[:end + 1] if end is not None else words).rstrip(".")
        m = parse_mention(surface, False)
        if m.kind == "person" and m.first and m.surname in people and m.surname not in named:
            last = m
    return last


def _head(low: list[str]) -> str:
    """Head noun of a description: the word before "of/at/with/from/for" when that is a person noun."""
    for i, w in enumerate(low[1:], 1):
        if w in ("of", "at", "with", "from", "for") and (low[i - 1] in SOURCE_NOUNS or low[i - 1] in TITLE_WORDS):
            return low[i - 1]
    return low[-1] if low else ""


def _words_of(m: Mention) -> set[str]:
    return set(re.findall(r"[a-z]+", ((m.role or "") + " " + m.name).lower()))


def _person(surface: str, role_tokens: list[str], name_tokens: list[str], side: str | None, lowered: bool) -> Mention:
    if lowered and len(name_tokens) > 1 and _fold(name_tokens[-1]) == "s":
        name_tokens = name_tokens[:-1]  # "mr erdogan s" in text stripped of apostrophes is "Mr Erdogan's"
    names = [t for t in name_tokens if not re.fullmatch(r"[A-Za-z]\.?", t) or t is name_tokens[-1]]
    names = [POSSESSIVE_END.sub("", t.rstrip(",")) for t in names] or name_tokens
    if names and _fold(names[0]).rstrip(".") in PEERS:
        names = names[1:] or names
    # A peer's territorial designation is not the surname: "Lord Roberts of Conwy" is Roberts.
    at = next((i for i, t in enumerate(names) if i > 0 and _fold(t) == "of"), len(names))
    surname = _fold(names[at - 1]).rstrip(".")
    first = _fold(names[0]).rstrip(".") if at > 1 else None
    name = " ".join(t.title() if lowered else t for t in names)
    role_words = [t for t in role_tokens if country_of(t) is None]
    while role_words and _fold(role_words[0]) in ROLE_STOP | DETERMINERS:
        role_words = role_words[1:]
    while role_words and (_fold(role_words[-1]) in ROLE_STOP or _fold(role_words[-1]).rstrip(".") in HONORIFICS):
        role_words = role_words[:-1]
    role = " ".join(role_words) or None
    return Mention(surface, "person", name, role=role, side=side or _side(role_tokens), first=first,
                   surname=surname)


def _possessor(tokens: list[str], low: list[str]) -> tuple[str | None, list[str], list[str]]:
    """Split "Russia's Rosoboronexport", "the country's Foreign Minister X", "russia s ..." at the possessive."""
    for i in range(len(tokens) - 1, -1, -1):
        word = low[i]
        if word in ("'s", "\u2019s", "s") and i > 0:
            owner, cut = low[:i], i + 1
        else:
            match = POSSESSIVE.match(word) if word.endswith(("'s", "\u2019s")) else None
            if not match or i == len(tokens) - 1:
                continue
            owner, cut = low[:i] + [match.group(1)], i + 1
        side = country_of(" ".join(owner[-2:])) or country_of(owner[-1])
        if len(owner) <= 2 and (side or owner[-1] in ("country", "nation", "government")):
            return side, tokens[cut:], low[cut:]
        return side, tokens, low
    return None, tokens, low


def _owner_cut(low: list[str]) -> int | None:
    """Index just after a short owner with a written possessive ("Labour's", "Mr Blair\u2019s", "The BBC's") that
    has words after it; None for a longer phrase ("a spokesman for the Information Commissioner's Office")."""
    for i, word in enumerate(low[:-1]):
        if (i > 0 and word in ("'s", "\u2019s")) or (len(word) > 2 and word.endswith(("'s", "\u2019s", "s'"))):
            owner = [w for w in low[:i + 1] if w not in DETERMINERS and w not in ("'s", "\u2019s")]
            return i + 1 if len(owner) <= 3 and not set(owner) & OWNER_STOPS else None
    return None


def _name_like(token: str, lowered: bool) -> bool:
    word = _fold(token).rstrip(".,")
    if not word or word in NOT_NAMES or word in HONORIFICS or country_of(token) is not None:
        return False
    if lowered:
        return word.isalpha()
    if token.isupper() and len(token) > 1 and not re.fullmatch(r"[A-Z]\.", token):
        return False
    return token[0].isupper()


def _placed(role_tokens: list[str]) -> bool:
    """Whether the capitalised words after a description say where it is from, not who it is: "councillors
    from Nottingham", "documents released at the National Archives"."""
    words = list(role_tokens)
    while words and (_fold(words[-1]) in DETERMINERS or words[-1][:1].isupper()):
        words.pop()
    return bool(words) and _fold(words[-1]) in LOCATIVE


def _organisation(name_tokens: list[str], role_tokens: list[str]) -> bool:
    """Capitalised words that name a body: a news agency, an acronym, or a name right after "agency"/"network" or
    "Union of" ("the National Union of Teachers", "the Institute for Fiscal Studies")."""
    low = [_fold(t).rstrip(".") for t in name_tokens]
    before = _fold(role_tokens[-1]) if role_tokens else ""
    union_of = before in ("of", "for") and len(role_tokens) > 1 and _fold(role_tokens[-2]) in INSTITUTION_WORDS
    return ((len(name_tokens) == 1 and low[0] in MEDIA) or any(t.isupper() and len(t) > 2 for t in name_tokens)
            or (before in INSTITUTION_WORDS and before not in TITLE_WORDS) or union_of)


def _side(tokens: list[str]) -> str | None:
    side = find_side(tokens)
    if side:
        return side
    joined = _fold(" ".join(tokens))
    for word, side in INSTITUTION_SIDES.items():
        if word in joined:
            return side
    return None


def _clean(tokens: list[str]) -> str:
    return " ".join(t for t in tokens if t not in ("'s", "\u2019s")).strip(" ,")


def _desc_key(m: Mention) -> str:
    words = [w for w in re.findall(r"[\w]+", _fold(m.name)) if country_of(w) is None]
    words = [w for w in words if not (len(w) == 1 and w != "s")]
    return " ".join(w for w in words if w not in DETERMINERS) or _fold(m.name)


def _fold(text: str) -> str:
    """Lower-case and strip accents, so "Çavuşoğlu" and "Cavusoglu" compare equal."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'")


def _ids(entities: dict[str, _Entity]) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for key, e in entities.items():
        name = _display_name(e) if e.mentions else key
        base = re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-") or "speaker"
        if key.startswith("unresolved:"):
            base = "unresolved-" + re.sub(r"[^a-z0-9]+", "-", key.split(":", 1)[1].lower()).strip("-")
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        ids[key] = slug
    return ids


def _display_name(e: _Entity) -> str:
    names = [m.name for m in e.mentions if m.kind != "pronoun"]
    if not names:
        return e.mentions[0].name
    if e.kind == "person":
        full = [n for n in names if len(n.split()) > 1]
        pool = full or names
        counts = Counter(pool)
        return max(pool, key=lambda n: (n != n.lower(), counts[n], len(n)))
    counts = Counter(names)
    return max(names, key=lambda n: (n != n.lower(), counts[n], -names.index(n)))


def _speaker(sid: str, e: _Entity) -> Speaker:
    real = [m for m in e.mentions if m.kind != "pronoun"]
    surfaces = sorted(dict.fromkeys(" ".join(m.surface.split()) for m in real), key=lambda a: a == a.lower())
    aliases = tuple({a.casefold(): a for a in reversed(surfaces)}.values())[::-1]
    roles = Counter(m.role for m in real if m.role)
    role = max(roles, key=lambda r: (r != r.lower(), roles[r], len(r))) if roles else None
    sides = Counter(m.side for m in real if m.side)
    kind = e.kind if e.kind in ("person", "anonymous", "institution", "country") else "anonymous"
    name = _display_name(e) if real else sid
    if not real and e.kind == "country":
        name = e.key.split(":", 1)[1]
    if e.key.startswith("unresolved:"):
        name = "unresolved " + e.key.rsplit(":", 1)[-1]
    return Speaker(id=sid, name=name, aliases=tuple(a for a in aliases if a != name), role=role,
                   side=sides.most_common(1)[0][0] if sides else None, kind=kind)
