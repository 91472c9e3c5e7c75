"""Load articles from folders, .txt/.jsonl/.csv files, a `datasets.Dataset` or `Document` objects.

Texts are kept exactly as stored (no stripping, no newline translation) because every offset in a
report indexes them. Problems with one input are logged on the "stance.documents" logger as one-line
warnings and that input is skipped; `InputError` is raised when nothing usable is left.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from .schema import Document

if TYPE_CHECKING:
    import datasets

__all__ = ["InputError", "load_documents", "DEFAULT_MAX_BYTES", "SUFFIXES"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5_000_000
SUFFIXES = (".txt", ".jsonl", ".csv")
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "notice", "changelog", "provenance"})
MAX_LINE_WARNINGS = 5
_BINARY_CONTROL_RATIO = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")

Input = Union[str, "PathLike[str]", Document, "datasets.Dataset"]


class InputError(Exception):
    """Input a user must fix (missing path, nothing loadable, malformed table): one-line message."""


class _Skip(Exception):
    """One input cannot be used; skipped with a warning unless nothing else loads."""


def load_documents(inputs: Input | Iterable[Input], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> list[Document]:
    """Load documents from paths, folders, a `datasets.Dataset`, `Document`s, or a list mixing them.

    `max_bytes` bounds the size of one document (a .txt file or one row's text); None disables it.
    """
    items = [inputs] if _is_single(inputs) else list(inputs)
    if not items:
        raise InputError("no inputs given")
    docs: list[Document] = []
    skipped: list[str] = []
    for item in items:
        docs.extend(_load_item(item, max_bytes, skipped))
    if not docs:
        if not skipped:
            raise InputError("no documents loaded")
        more = f" and {len(skipped) - 1} more skipped" if len(skipped) > 1 else ""
        raise InputError(f"no documents loaded: {skipped[0]}{more}")
    return _unique_ids(docs)


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    """A file's bytes, refusing it before reading when it is over `max_bytes` or blank."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise _Skip(f"{path}: {_mb(size)} is over the {_mb(max_bytes)} limit (raise max_bytes to load it)")
        data = path.read_bytes()
    except OSError as e:
        raise _Skip(f"{path}: cannot read ({e.strerror or e})") from None
    if not data.strip():
        raise _Skip(f"{path}: empty file")
    return data


def _decode(data: bytes, name: str) -> str:
    """Decode bytes as UTF-8, UTF-16 (BOM) or cp1252; refuse what looks binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        log.warning("%s: UTF-16 file; offsets index the decoded text", name)
    elif b"\x00" in data:
        raise _Skip(f"{name}: binary file (contains NUL bytes)")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            text = _decode_legacy(data)
            if _looks_binary(text):
                raise _Skip(f"{name}: binary file (not decodable as text)") from None
            log.warning("%s: not valid UTF-8 (byte 0x%02x at %d); read as cp1252, offsets index the decoded text",
                        name, data[e.start], e.start)
            return text
    if _looks_binary(text):
        raise _Skip(f"{name}: binary file (mostly control characters)")
    return text


def _decode_legacy(data: bytes) -> str:
    """cp1252, the usual encoding of non-UTF-8 news text; Latin-1 where cp1252 has holes."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(text: str) -> bool:
    """True when control characters (other than whitespace) make up more than a few percent of `text`."""
    sample = text[:100_000]
    bad = sum(1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return bad > _BINARY_CONTROL_RATIO * max(len(sample), 1)


def _is_single(x: object) -> bool:
    """Whether `x` is one input rather than a collection of inputs."""
    return isinstance(x, (str, bytes, PathLike, Document, Mapping)) or _is_dataset(x) or not isinstance(x, Iterable)


def _is_dataset(x: object) -> bool:
    """Whether `x` is a `datasets.Dataset`, without importing `datasets` when nobody has."""
    ds = sys.modules.get("datasets")
    return ds is not None and isinstance(x, (ds.Dataset, ds.DatasetDict))


def _load_item(item: Input, max_bytes: int | None, skipped: list[str]) -> list[Document]:
    """Documents from one input; a skipped input is logged and recorded in `skipped`."""
    try:
        if isinstance(item, Document):
            return [_checked(item, max_bytes, f"document {item.id!r}")]
        if _is_dataset(item):
            return _load_dataset(item, max_bytes)
        if isinstance(item, (str, PathLike)):
            return _load_path(Path(item), max_bytes, skipped)
        raise InputError(f"cannot load documents from a {type(item).__name__}: give paths, Documents or a Dataset")
    except _Skip as e:
        log.warning("skipped %s", e)
        skipped.append(str(e))
        return []


def _load_path(path: Path, max_bytes: int | None, skipped: list[str]) -> list[Document]:
    """A folder or one .txt/.jsonl/.csv file; a missing path or unknown file type is an error."""
    if not path.exists():
        raise InputError(f"path not found: {_short(str(path))}")
    if path.is_dir():
        return _load_folder(path, max_bytes, skipped)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; use .txt, .jsonl or .csv")
    return _load_file(path, path.name, max_bytes, explicit=True)


def _load_folder(root: Path, max_bytes: int | None, skipped: list[str]) -> list[Document]:
    """Every .txt/.jsonl/.csv under `root` (hidden entries ignored), in sorted relative-path order."""
    files = sorted(_walk(root), key=lambda p: p.relative_to(root).as_posix())
    if not files:
        raise _Skip(f"{root}: folder holds no .txt, .jsonl or .csv files")
    names: dict[str, int] = {}
    for f in files:
        names[f.name] = names.get(f.name, 0) + 1
    docs: list[Document] = []
    for f in files:
        rel = f.relative_to(root).as_posix()
        try:
            docs.extend(_load_file(f, f.name if names[f.name] == 1 else rel, max_bytes, explicit=False))
        except _Skip as e:
            log.warning("skipped %s", e)
            skipped.append(str(e))
    return docs


def _walk(root: Path) -> Iterator[Path]:
    """Files with a loadable suffix under `root`, skipping hidden files and folders and a corpus's own notes
    (README.txt, LICENSE.txt ...: `NOT_ARTICLES`); a file named on the command line is always read."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            stem, suffix = os.path.splitext(name)
            if not name.startswith(".") and suffix.lower() in SUFFIXES and stem.lower() not in NOT_ARTICLES:
                yield Path(dirpath) / name


def _load_file(path: Path, doc_id: str, max_bytes: int | None, explicit: bool) -> list[Document]:
    """One file: a .txt is one document (id `doc_id`); a .jsonl/.csv is one document per row."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        text = _decode(_read_bytes(path, max_bytes), str(path))
        return [_checked(Document(id=doc_id, text=text, source=str(path)), max_bytes, str(path))]
    text = _decode(_read_bytes(path, None), str(path))
    rows = _jsonl_rows(text, path) if suffix == ".jsonl" else _csv_rows(text, path, explicit)
    docs = _rows_to_docs(rows, doc_id, str(path), max_bytes)
    if not docs:
        raise _Skip(f"{path}: no usable rows")
    return docs


def _jsonl_rows(text: str, path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each JSON-object line; broken lines are skipped with a warning."""
    bad = 0
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError(f"expected a JSON object, got {type(row).__name__}")
        except ValueError as e:
            bad += 1
            if bad <= MAX_LINE_WARNINGS:
                log.warning("%s:%d: skipped broken line (%s)", path, n, _short(str(e).splitlines()[0]))
            continue
        yield n, row
    if bad > MAX_LINE_WARNINGS:
        log.warning("%s: %d more broken lines skipped", path, bad - MAX_LINE_WARNINGS)


def _csv_rows(text: str, path: Path, explicit: bool) -> Iterator[tuple[int, dict]]:
    """(row number, row) with row 1 the header, so numbers match a spreadsheet; needs a `text` column."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
        names = next(reader, [])
        header = [h.strip().lower() for h in names]
        if "text" not in header:
            msg = f"{path}: CSV has no 'text' column (columns: {', '.join(names) or 'none'})"
            if explicit:
                raise InputError(msg)
            raise _Skip(msg)
        rows = [(n, dict(zip(header, values))) for n, values in enumerate(reader, 2) if any(values)]
    except csv.Error as e:
        raise _Skip(f"{path}: malformed CSV ({e})") from None
    finally:
        csv.field_size_limit(old_limit)
    yield from rows


def _load_dataset(ds: Any, max_bytes: int | None) -> list[Document]:
    """Rows of a `datasets.Dataset`; ids default to `<name>:<row index>` (0-based, as `ds[i]`)."""
    import datasets

    if isinstance(ds, datasets.DatasetDict):
        raise InputError(f"got a DatasetDict with splits {list(ds)}; pass one split, e.g. ds['train']")
    if "text" not in ds.column_names:
        raise InputError(f"Dataset has no 'text' column (columns: {', '.join(ds.column_names)})")
    name = ds.info.dataset_name or "dataset"
    docs = _rows_to_docs(enumerate(ds), name, name, max_bytes)
    if not docs:
        raise _Skip(f"{name}: no usable rows")
    return docs


def _rows_to_docs(rows: Iterable[tuple[int, Mapping[str, Any]]], prefix: str, where: str,
                  max_bytes: int | None) -> list[Document]:
    """Documents from table rows: `text` plus optional id, title, date/published, source, url."""
    docs: list[Document] = []
    bad = 0
    for n, row in rows:
        text = row.get("text")
        try:
            if not isinstance(text, str):
                raise _Skip(f"{where}:{n}: no string 'text'")
            doc = Document(id=_opt(row.get("id")) or f"{prefix}:{n}", text=text,
                           source=_opt(row.get("source")) or f"{where}:{n}",
                           published=_opt(row.get("published")) or _opt(row.get("date")),
                           url=_opt(row.get("url")), title=_opt(row.get("title")))
            docs.append(_checked(doc, max_bytes, f"{where}:{n}"))
        except _Skip as e:
            bad += 1
            if bad <= MAX_LINE_WARNINGS:
                log.warning("skipped row %s", e)
    if bad > MAX_LINE_WARNINGS:
        log.warning("%s: %d more rows skipped", where, bad - MAX_LINE_WARNINGS)
    return docs


def _checked(doc: Document, max_bytes: int | None, where: str) -> Document:
    """`doc` itself, or `_Skip` when its text is blank or over the size limit."""
    if not doc.text.strip():
        raise _Skip(f"{where}: empty text")
    size = len(doc.text.encode("utf-8", errors="surrogatepass"))
    if max_bytes is not None and size > max_bytes:
        raise _Skip(f"{where}: {_mb(size)} text is over the {_mb(max_bytes)} limit (raise max_bytes to load it)")
    return doc


def _unique_ids(docs: list[Document]) -> list[Document]:
    """Drop exact repeats and rename clashing ids `id#2`, `id#3`..., each with a warning."""
    seen: dict[str, Document] = {}
    out: list[Document] = []
    for doc in docs:
        if doc.id in seen:
            if seen[doc.id].text == doc.text:
                log.warning("skipped %s: same id and text as an earlier document", doc.source or doc.id)
                continue
            k = 2
            while f"{doc.id}#{k}" in seen:
                k += 1
            log.warning("document id %r used twice; renamed the one from %s to %r", doc.id, doc.source, f"{doc.id}#{k}")
            doc = replace(doc, id=f"{doc.id}#{k}")
        seen[doc.id] = doc
        out.append(doc)
    return out


def _opt(value: Any) -> str | None:
    """A metadata value as a string, or None when missing, blank or NaN."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    s = str(value).strip()
    return s or None


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _short(s: str, limit: int = 80) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"
