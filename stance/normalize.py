"""Text normalisation with an exact map back to the original characters.

Quotes are unified, whitespace collapsed, hard-wrapped lines joined and repeated paragraphs (photo captions
printed twice) dropped; `Normalized.to_original` turns any span of the normalised text into original offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
CHAR_MAP = {**{c: '"' for c in DOUBLE_QUOTES}, **{c: "'" for c in SINGLE_QUOTES}, "\u00a0": " ", "\u2009": " ",
            "\u202f": " ", "\t": " ", "\r": " "}
DROPPED = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"}
PAIRED_QUOTES = {"'", "`", "\u2019", "\u2018"}
LINE_END_PUNCT = set('.!?:;"\')]}\u2026') | set(DOUBLE_QUOTES) | set(SINGLE_QUOTES)
ABBREV_END = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Prof|No|U\.S|U\.N|U\.K)\.|\b[A-Z]\.)$")
TRANSLATION = str.maketrans(CHAR_MAP)
NON_SPACE = re.compile(r"[^\s\u00a0\u2009\u202f]+")
SLOW_CHARS = re.compile("[" + "".join(DROPPED) + "]|''|``|\u2019\u2019|\u2018\u2018")
WRAP_MIN_LEN = 50
DUPLICATE_MIN_LEN = 20


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the index of the original character it came from."""

    text: str
    offsets: tuple[int, ...]
    paragraphs: tuple[tuple[int, int], ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original span covering the same characters."""
        if not self.offsets:
            return 0, 0
        start = min(max(start, 0), len(self.offsets) - 1)
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[min(end, len(self.offsets)) - 1] + 1

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph holding normalised position `pos` (the last one before it on a separator)."""
        for i, (s, e) in enumerate(self.paragraphs):
            if pos < e or (i + 1 < len(self.paragraphs) and pos < self.paragraphs[i + 1][0]):
                return i
        return max(len(self.paragraphs) - 1, 0)


def normalize(text: str) -> Normalized:
    """Normalise `text` for parsing; the original string is untouched and every character can be traced back.

    Doubled apostrophes or backticks (''quote'', ``quote'') become one double quote mark."""
    out: list[str] = []
    offsets: list[int] = []
    paragraphs: list[tuple[int, int]] = []
    seen: set[str] = set()
    for lines in _paragraph_lines(text):
        chars, offs = _collapse(text, lines)
        if not chars:
            continue
        para = "".join(chars)
        key = para.lower()
        if len(para) >= DUPLICATE_MIN_LEN and key in seen:
            continue
        seen.add(key)
        if out:
            out.append("\n")
            offsets.append(offsets[-1] + 1)
        start = len(out)
        out.extend(chars)
        offsets.extend(offs)
        paragraphs.append((start, len(out)))
    return Normalized("".join(out), tuple(offsets), tuple(paragraphs), len(text))


def _paragraph_lines(text: str) -> list[list[tuple[int, int]]]:
    """Group the original lines into paragraphs: blank lines separate them, soft-wrapped lines are joined."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    paragraphs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for s, e in lines:
        line = text[s:e].strip()
        if not line:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if current and not _continues(text[current[-1][0]:current[-1][1]].strip(), line):
            paragraphs.append(current)
            current = []
        current.append((s, e))
    if current:
        paragraphs.append(current)
    return paragraphs


def _continues(prev: str, line: str) -> bool:
    """True when `line` is the wrapped continuation of `prev` rather than a new paragraph."""
    if ABBREV_END.search(prev):
        return True
    if prev[-1] in LINE_END_PUNCT:
        return False
    return line[0].islower() or line[0].isdigit() or len(prev) >= WRAP_MIN_LEN


def _collapse(text: str, lines: list[tuple[int, int]]) -> tuple[list[str], list[int]]:
    """Characters of one paragraph with whitespace runs collapsed and quote marks unified."""
    chars: list[str] = []
    offs: list[int] = []
    for s, e in lines:
        for run in NON_SPACE.finditer(text, s, e):
            word = run.group()
            if chars:
                chars.append(" ")
                offs.append(run.start() - 1)
            if SLOW_CHARS.search(word):
                _slow_run(word, run.start(), chars, offs)
            else:
                chars.extend(word.translate(TRANSLATION))
                offs.extend(range(run.start(), run.end()))
    return chars, offs


def _slow_run(word: str, start: int, chars: list[str], offs: list[int]) -> None:
    """Character by character, for runs holding invisible characters or doubled quote marks."""
    skip = -1
    for i, c in enumerate(word):
        if i == skip or c in DROPPED:
            continue
        if c in PAIRED_QUOTES and i + 1 < len(word) and word[i + 1] == c:
            c, skip = '"', i + 1
        chars.append(CHAR_MAP.get(c, c))
        offs.append(start + i)
