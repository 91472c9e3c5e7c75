"""Report renderers: markdown, JSON, CSV (and HTML), written together by `write_report`."""

from .markdown import render_markdown
from .tables import conflicts_table, statements_table, write_csv
from .writer import write_report

__all__ = ["render_markdown", "write_report", "write_csv", "statements_table", "conflicts_table"]
