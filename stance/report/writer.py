"""`write_report`: every report file rendered first, then moved into place so no half-report is left."""

from __future__ import annotations

import os
import shutil
import tempfile
from os import PathLike
from pathlib import Path

from ..analysis import Analysis
from .markdown import render_markdown
from .tables import conflicts_table, statements_table, to_csv_text


def render_html(analysis: Analysis) -> str:
    """The HTML report from `stance.report.html`, or NotImplementedError while that module is missing."""
    try:
        from .html import render_html as render
    except ModuleNotFoundError as e:
        if e.name != f"{__package__}.html":
            raise
        raise NotImplementedError("HTML reports are not available yet (stance.report.html is missing)") from None
    return render(analysis)


def render_files(analysis: Analysis, html: bool = False) -> dict[str, str]:
    """File name -> content for every report file, rendered in memory."""
    files = {"report.md": render_markdown(analysis), "report.json": analysis.to_json() + "\n",
             "statements.csv": to_csv_text(statements_table(analysis)),
             "conflicts.csv": to_csv_text(conflicts_table(analysis))}
    if html:
        files["report.html"] = render_html(analysis)
    return files


def write_report(analysis: Analysis, out_dir: str | PathLike[str], html: bool = False) -> list[Path]:
    """Write report.md, report.json, statements.csv, conflicts.csv (and report.html) into `out_dir`.

    Files are rendered in memory, written to a temporary sibling folder, then each moved into place
    with `os.replace`, so a failure leaves no partial report (a folder we created is removed again).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"report folder {out} exists and is not a folder")
    files = render_files(analysis, html=html)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for name, content in files.items():
            (tmp / name).write_text(content, encoding="utf-8", newline="")
        for name in files:
            os.replace(tmp / name, out / name)
    except BaseException:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [out / name for name in files]
