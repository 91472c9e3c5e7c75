"""render_html: a self-contained page where every piece of article text is escaped, and nothing is fetched."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from fixtures_analysis import PAYLOADS, TOP_A, hostile_analysis, small_analysis  # noqa: E402
from htmlcheck import Tags, attribute_urls  # noqa: E402

from stance.report.html import html_context, render_html  # noqa: E402

TEMPLATE_TAGS = {"a", "article", "blockquote", "body", "button", "code", "div", "figure", "footer", "h1", "h2", "h3",
                 "head", "header", "html", "img", "label", "main", "mark", "meta", "nav", "option", "p", "script",
                 "section", "select", "span", "strong", "style", "table", "td", "th", "title", "tr"}


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(small_analysis())


@pytest.fixture(scope="module")
def hostile() -> str:
    return render_html(hostile_analysis())


def test_payloads_are_shown_as_text(hostile: str) -> None:
    assert "<script>alert" not in hostile
    assert "<img src=x" not in hostile
    assert 'href="javascript:' not in hostile
    assert "javascript:" not in "".join(attribute_urls(hostile))
    assert "<b onmouseover" not in hostile and "<svg" not in hostile and '"><script>' not in hostile
    for p in PAYLOADS:
        escaped = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
        escaped = escaped.replace("'", "&#39;")
        assert f"<mark>{escaped}</mark>" in hostile
    assert hostile.count("<script") == 1 and hostile.count("<img") == 1
    tags = Tags(hostile)
    assert {t for t, _ in tags.tags} <= TEMPLATE_TAGS
    assert tags.event_handlers() == []
    assert len(tags.named("script")) == 1 and len(tags.named("img")) == 1


def test_no_external_urls(page: str, hostile: str) -> None:
    for html in (page, hostile):
        for url in attribute_urls(html):
            assert url.startswith(("#", "data:image/png;base64,")), url
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", html, flags=re.I)
        assert re.search(r"""url\(\s*['"]?(?:https?:)?//""", html) is None
        assert "@import" not in html
    assert "default-src 'none'" in page


def test_script_is_static_and_allowed_by_hash(page: str) -> None:
    script = files("stance.report").joinpath("templates", "report.js").read_text(encoding="utf-8")
    assert f"<script>{script}</script>" in page
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in script
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", page)


def test_template_marks_nothing_safe() -> None:
    template = Path(files("stance.report").joinpath("templates", "report.html.j2")).read_text(encoding="utf-8")
    assert "|safe" not in template.replace(" ", "") and "autoescape false" not in template


def test_conflicts_ranked_side_by_side(page: str) -> None:
    ranks = [int(n) for n in re.findall(r'id="conflict-(\d+)"', page)]
    assert ranks == [1, 2, 3, 4]
    first = page[page.index('id="conflict-1"'):page.index('id="conflict-2"')]
    assert f"<mark>{TOP_A}</mark>" in first
    assert "<mark>Turkey will not face any sanctions,</mark>" in first
    assert "<mark>because this purchase is our sovereign right.</mark>" in first
    assert "Secretary of State" in first and "United States" in first and "0.915" in first
    assert 'href="#doc-0"' in first and 'href="#doc-1"' in first
    assert 'data-side-b="Turkey"' in first and 'data-kind="contradiction"' in first
    opposition = page[page.index('id="conflict-2"'):page.index('id="conflict-3"')]
    assert "Stance on <strong>S-400</strong>: A +0.80 · B -0.70" in opposition


def test_every_link_has_a_target(page: str) -> None:
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    targets = {u[1:] for u in attribute_urls(page) if u.startswith("#")}
    assert targets and targets <= ids


def test_documents_show_all_statements(page: str) -> None:
    analysis = small_analysis()
    ctx = html_context(analysis)
    for d, view in zip(analysis.documents, ctx["documents"]):
        assert "".join(p["text"] for p in view["pieces"]) == d.text
    marks = {m for m in re.findall(r'<mark id="(st-\d+)"', page)}
    assert marks == {f"st-{i}" for i in range(len(analysis.statement_list))}
    assert "articles/turkey-s400-delivery.txt" in page


def test_filters_offer_values_from_pairs(page: str) -> None:
    ctx = html_context(small_analysis())
    assert ctx["filters"]["kind"] == ["contradiction", "opposition", "agreement"]
    assert ctx["filters"]["side"] == ["NATO", "Turkey", "United States"]
    assert "Jens Stoltenberg" in ctx["filters"]["speaker"]
    assert '<select data-filter="topic">' in page


def test_heatmap_inline_png(page: str) -> None:
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{200,}"', page)


def test_renders_without_conflicts_or_stances() -> None:
    import dataclasses

    bare = dataclasses.replace(small_analysis(), conflict_list=[], agreement_list=[], stances={}, relation_list=[])
    html = render_html(bare)
    assert "No conflicts found." in html and "<img" not in html


def test_write_report_writes_html(tmp_path: Path) -> None:
    from stance.report import write_report

    written = write_report(small_analysis(), tmp_path / "out", html=True)
    assert tmp_path / "out" / "report.html" in written
    assert TOP_A in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
