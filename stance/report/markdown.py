"""`render_markdown`: the human-readable report, from the jinja2 template templates/report.md.j2."""

from __future__ import annotations

import re
from functools import lru_cache

import jinja2

from ..analysis import Analysis
from .context import report_context

_SPECIAL = re.compile(r"([\\`*_\[\]<>|$~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def md(value: object) -> str:
    """Inline-safe markdown for article text: specials backslash-escaped, line breaks as <br>.

    Safe inside table cells, list items and headings, and renders as the original text.
    """
    if value is None:
        return ""
    text = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", str(value)))
    return _NEWLINE.sub("<br>", text)


def code(value: object) -> str:
    """An identifier as a code span, or escaped text when it holds characters a code span cannot."""
    text = "" if value is None else str(value)
    if not text or any(ch in text for ch in "`|\r\n"):
        return md(text)
    return f"`{text}`"


def or_dash(value: object) -> str:
    """Escaped text, or an em dash for a missing value (an empty table cell reads as a rendering bug)."""
    return md(value) if value not in (None, "") else "—"


def count_of(n: int, noun: str) -> str:
    """"1 conflict", "2 conflicts"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("stance.report", "templates"), autoescape=False,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters.update(md=md, code=code, or_dash=or_dash, count_of=count_of)
    return env


def render_markdown(analysis: Analysis) -> str:
    """The report as GitHub-flavoured markdown: counts, ranked conflicts, topics, agreements, speakers."""
    text = _environment().get_template("report.md.j2").render(**report_context(analysis))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
