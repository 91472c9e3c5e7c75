"""The HTML report in a real headless Chromium: the script runs, statements show, injected markup stays text."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from fixtures_analysis import PAYLOADS, TOP_A, hostile_analysis, small_analysis  # noqa: E402
from htmlcheck import Tags, attribute_urls  # noqa: E402

from stance.report.html import render_html  # noqa: E402


def find_chromium() -> str | None:
    """Debian's /usr/bin/chromium, else any chromium on PATH."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def chromium(tmp_path: Path, page: Path, *args: str) -> str:
    """Run headless Chromium on a local page (niced, isolated profile, no background networking); return stdout."""
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    nice = ["nice", "-n", "19"] if shutil.which("nice") else []
    cmd = [*nice, str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def write_page(tmp_path: Path, analysis) -> Path:
    page = tmp_path / "report.html"
    page.write_text(render_html(analysis), encoding="utf-8")
    return page


def test_report_renders_and_script_runs(tmp_path: Path) -> None:
    dom = chromium(tmp_path, write_page(tmp_path, small_analysis()), "--dump-dom")
    assert 'data-ready="1"' in dom
    assert "5 of 5 pairs shown" in dom
    for text in (TOP_A, "Turkey will not face any sanctions,", "because this purchase is our sovereign right."):
        assert text in dom


def test_injected_markup_stays_text(tmp_path: Path) -> None:
    dom = chromium(tmp_path, write_page(tmp_path, hostile_analysis()), "--dump-dom")
    tags = Tags(dom)
    (body,) = tags.named("body")
    assert body.get("data-ready") == "1" and "data-pwned" not in body
    assert tags.event_handlers() == []
    assert not [img for img in tags.named("img") if img.get("src") == "x"]
    assert len(tags.named("script")) == 1
    assert not [u for u in attribute_urls(dom) if not u.startswith(("#", "data:image/png;base64,"))]
    assert '<img src="x"' not in dom and "<script>alert" not in dom
    for p in PAYLOADS:
        assert html.escape(p, quote=False) in dom


def test_screenshot(tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    chromium(tmp_path, write_page(tmp_path, small_analysis()), f"--screenshot={shot}", "--window-size=1280,2000",
             "--hide-scrollbars")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
