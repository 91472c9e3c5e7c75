"""stance: find who said what in news about international disputes, and where their positions conflict.

    import stance
    analysis = stance.analyze(["seeds/"])
    analysis.conflicts          # pandas DataFrame, best first
    stance.NLIScorer().score([("premise", "hypothesis")])
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .schema import Conflict, Document, Relation, Speaker, Statement

__version__ = "0.1.0"

_LAZY = {
    "analyze": ".pipeline",
    "Analysis": ".analysis",
    "load_documents": ".documents",
    "extract_statements": ".attribution",
    "resolve_speakers": ".speakers",
    "reader_claims": ".claims",
    "NLIScorer": ".nli",
    "write_report": ".report",
}

__all__ = ["Conflict", "Document", "Relation", "Speaker", "Statement", *_LAZY]

if TYPE_CHECKING:
    from .analysis import Analysis
    from .attribution import extract_statements
    from .claims import reader_claims
    from .documents import load_documents
    from .nli import NLIScorer
    from .pipeline import analyze
    from .report import write_report
    from .speakers import resolve_speakers


def __getattr__(name: str):
    """Import heavy parts (torch, spaCy) only when first used, so `import stance` stays fast."""
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'stance' has no attribute {name!r}")
