"""A markdown table from a list of dicts, for the benchmark scripts (no tabulate dependency)."""

from __future__ import annotations


def markdown_table(rows: list[dict]) -> str:
    """Columns in first-seen order; numbers right-aligned."""
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    cells = [[str(r.get(c, "")) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = lambda vals: "| " + " | ".join(v.ljust(w) for v, w in zip(vals, widths)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cols), sep, *(line(row) for row in cells)])
