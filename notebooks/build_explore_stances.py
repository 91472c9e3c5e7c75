"""Write explore_stances.ipynb (without outputs) from the cells below: `python notebooks/build_explore_stances.py`."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS: list[tuple[str, str]] = [
    ("md", """# Exploring who said what, and where positions conflict

This notebook runs `stance` on the five seed articles, looks at statements per speaker, the stance
heatmap and the conflict graph, and walks through the top conflicts with `explain`. A second part
runs on the first 60 BBC politics articles from `../shared/data` when that folder is there."""),
    ("code", """%matplotlib inline
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import pandas as pd
from IPython.display import display


def repo_root(start: Path) -> Path:
    \"\"\"The stance checkout holding this notebook, whatever folder the kernel was started in.\"\"\"
    for folder in (start, *start.parents):
        if (folder / "stance" / "__init__.py").is_file() and (folder / "seeds").is_dir():
            return folder
    raise FileNotFoundError(f"no stance checkout (with seeds/) at or above {start}")


REPO = repo_root(Path.cwd().resolve())
try:
    import stance
except ImportError:
    sys.path.insert(0, str(REPO))
    import stance
SEEDS = REPO / "seeds"
BBC = REPO.parent / "shared" / "data" / "bbc_politics"
pd.set_option("display.max_colwidth", 120)
REPO"""),
    ("md", "## The seed articles\n\n`stance.analyze` runs the whole flow and returns an `Analysis`."),
    ("code", """analysis = stance.analyze([SEEDS], progress=print)
print(len(analysis.documents), "documents,", len(analysis.statement_list), "statements,",
      len(analysis.speaker_list), "speakers,", len(analysis.conflict_list), "conflicts")"""),
    ("md", "### Statements per speaker"),
    ("code", """analysis.speakers.sort_values("statements", ascending=False)[["name", "role", "side", "kind", "statements"]]"""),
    ("code", """analysis.statements[["speaker_name", "side", "kind", "cue", "text"]].head(15)"""),
    ("md", "### Stances\n\nMean stance of each speaker on each target (−1 against, +1 for), and how many statements back each cell."),
    ("code", """analysis.stance_matrix(counts=True)"""),
    ("code", """analysis.plot_stance_heatmap() if analysis.stances else print("no stances found")"""),
    ("md", "### Who conflicts with whom\n\nNodes are speakers coloured by side; red edges are conflicts, green ones agreements."),
    ("code", """analysis.plot_conflict_graph() if analysis.speaker_list else print("no speakers found")"""),
    ("code", """if any(d.published for d in analysis.documents):
    display(analysis.plot_timeline())
else:
    print("the seed documents carry no publication dates, so there is no timeline")"""),
    ("md", "### The top three conflicts, explained\n\nEach statement in its paragraph (marked), the speakers, and the evidence: NLI scores both ways, or the stances on a shared target."),
    ("code", """analysis.conflicts.head(10)[["rank", "kind", "score", "topic", "speaker_a", "speaker_b"]]"""),
    ("code", """for rank in range(1, min(3, len(analysis.conflict_list)) + 1):
    display(analysis.explain(rank))
if not analysis.conflict_list:
    print("no conflicts found")"""),
    ("code", """top = analysis.speakers.sort_values("statements", ascending=False)
if len(top):
    display(analysis.positions(top.iloc[0]["id"]))"""),
    ("md", "## BBC politics: the first 60 articles\n\nSkipped, with a message, when `../shared/data/bbc_politics` is not next to the repository."),
    ("code", """bbc = None
if BBC.is_dir():
    files = sorted(BBC.glob("*.txt"))[:60]
    bbc = stance.analyze(files, progress=print)
    print(len(bbc.statement_list), "statements by", len(bbc.speaker_list), "speakers;",
          len(bbc.conflict_list), "conflicts,", len(bbc.agreement_list), "agreements")
else:
    print(f"skipped: {BBC} is not there")"""),
    ("code", """if bbc is not None:
    display(bbc.speakers.sort_values("statements", ascending=False).head(15)[["name", "role", "side", "statements"]])
    display(bbc.conflicts.head(10)[["rank", "kind", "score", "topic", "speaker_a", "text_a", "speaker_b", "text_b"]])"""),
    ("code", """if bbc is not None and bbc.conflict_list:
    display(bbc.plot_conflict_graph())
    display(bbc.explain(1))"""),
]


def build() -> nbformat.NotebookNode:
    """The notebook, cells in order, no outputs or execution counts."""
    nb = new_notebook(cells=[new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{n:02d}"
    return nb


if __name__ == "__main__":
    out = Path(__file__).with_name("explore_stances.ipynb")
    nb = build()
    nbformat.validate(nb)
    nbformat.write(nb, out)
    print(f"wrote {out}")
