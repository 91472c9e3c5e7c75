"""statements.csv and conflicts.csv: the analysis as flat tables for spreadsheets and pandas."""

from __future__ import annotations

import json
from os import PathLike
from pathlib import Path

import pandas as pd

from ..analysis import Analysis

STATEMENT_CSV_COLUMNS = ["id", "doc_id", "speaker_id", "speaker_name", "role", "side", "speaker", "speaker_start",
                         "speaker_end", "cue", "cue_start", "cue_end", "text", "start", "end", "kind", "polarity",
                         "claim", "content_spans"]
CONFLICT_CSV_COLUMNS = ["rank", "kind", "score", "topic", "a", "b", "speaker_a", "speaker_b", "role_a", "role_b",
                        "side_a", "side_b", "text_a", "text_b", "doc_a", "doc_b", "start_a", "end_a", "start_b",
                        "end_b", "cue_a", "cue_b"]


def statements_table(analysis: Analysis) -> pd.DataFrame:
    """One row per statement with its resolved speaker's name, role and side; spans as JSON."""
    df = analysis.statements.copy()
    df["content_spans"] = [json.dumps(spans) for spans in df["content_spans"]]
    return df[STATEMENT_CSV_COLUMNS]


def conflicts_table(analysis: Analysis, agreements: bool = False) -> pd.DataFrame:
    """One row per ranked conflict (or agreement): both statements' ids, speakers, texts, docs, offsets."""
    df = analysis.agreements if agreements else analysis.conflicts
    return df[CONFLICT_CSV_COLUMNS]


def to_csv_text(df: pd.DataFrame) -> str:
    """CSV text for `df`; newlines inside fields are kept verbatim (quoted)."""
    return df.to_csv(index=False, lineterminator="\n")


def write_csv(analysis: Analysis, out_dir: str | PathLike[str]) -> list[Path]:
    """Write statements.csv and conflicts.csv into `out_dir` (not atomic: `write_report` is)."""
    out = Path(out_dir)
    paths = [out / "statements.csv", out / "conflicts.csv"]
    for path, df in zip(paths, (statements_table(analysis), conflicts_table(analysis))):
        path.write_text(to_csv_text(df), encoding="utf-8", newline="")
    return paths
