"""load_documents: every input kind, exact texts for offsets, and each kind of bad input."""

from __future__ import annotations

import csv
import json
import logging
import random
from pathlib import Path

import pytest

from stance.documents import InputError, load_documents
from stance.schema import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def raises_input_error(*args, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        load_documents(*args, **kwargs)
    message = str(info.value)
    assert message and "\n" not in message
    return message


def warnings_text(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


# --- .txt files and folders ---------------------------------------------------------------------------

def test_folder_is_recursive_sorted_and_ignores_other_files(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Bravo said no.")
    write(tmp_path / "a.txt", "Alpha said yes.")
    write(tmp_path / "sub" / "c.txt", "Charlie said maybe.")
    write(tmp_path / "notes.md", "not an article")
    write(tmp_path / ".hidden" / "z.txt", "hidden")
    docs = load_documents(tmp_path)
    assert [d.id for d in docs] == ["a.txt", "b.txt", "c.txt"]
    assert [d.text for d in docs] == ["Alpha said yes.", "Bravo said no.", "Charlie said maybe."]
    assert docs[2].source == str(tmp_path / "sub" / "c.txt")


def test_a_corpus_readme_or_licence_in_a_folder_is_not_an_article_unless_named(tmp_path: Path) -> None:
    write(tmp_path / "001.txt", "Alpha said yes.")
    write(tmp_path / "README.TXT", "Consists of 2225 documents from the BBC news website.")
    write(tmp_path / "sub" / "LICENSE.txt", "All rights reserved.")
    write(tmp_path / "readme_notes.txt", "Bravo said no.")
    assert [d.id for d in load_documents(tmp_path)] == ["001.txt", "readme_notes.txt"]
    assert [d.id for d in load_documents(tmp_path / "README.TXT")] == ["README.TXT"]


def test_same_file_name_in_two_subfolders_uses_relative_paths(tmp_path: Path) -> None:
    write(tmp_path / "x" / "same.txt", "from x")
    write(tmp_path / "y" / "same.txt", "from y")
    write(tmp_path / "other.txt", "other")
    assert [d.id for d in load_documents(str(tmp_path))] == ["other.txt", "x/same.txt", "y/same.txt"]


def test_txt_text_is_exact_so_offsets_index_the_file(tmp_path: Path) -> None:
    raw = "\n\n  Erdoğan’s office said:\r\n“The deal is done.”\r\n\tEnd  \n".encode("utf-8")
    path = write(tmp_path / "000_33d64344471f5be2.txt", raw)
    [doc] = load_documents(path)
    assert doc.id == "000_33d64344471f5be2.txt"
    assert doc.source == str(path)
    assert doc.text == raw.decode("utf-8")
    assert "\r\n" in doc.text
    start = raw.decode("utf-8").index("The deal")
    assert doc.text[start:start + len("The deal is done.")] == "The deal is done."


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds/ not present")
def test_seed_articles_load_exactly() -> None:
    docs = load_documents(SEEDS)
    files = sorted(SEEDS.glob("*.txt"))
    assert [d.id for d in docs] == [f.name for f in files]
    for doc, f in zip(docs, files):
        assert doc.text == f.read_bytes().decode("utf-8")


# --- .jsonl, .csv, Dataset, Document objects, mixtures ---------------------------------------------------

def test_jsonl_rows_with_metadata_and_default_ids(tmp_path: Path) -> None:
    rows = [{"id": 7, "text": "Moscow said the talks failed.\n", "title": "Talks", "date": "2019-07-12",
             "source": "Reuters", "url": "https://example.org/a"},
            {"text": "Ankara said the talks went well."}]
    path = write(tmp_path / "news.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    docs = load_documents(path)
    assert docs[0] == Document(id="7", text="Moscow said the talks failed.\n", source="Reuters",
                               published="2019-07-12", url="https://example.org/a", title="Talks")
    assert docs[1].id == "news.jsonl:2"
    assert docs[1].text == "Ankara said the talks went well."
    assert docs[1].published is None and docs[1].title is None


def test_csv_rows_keep_text_exactly(tmp_path: Path) -> None:
    text = 'He said, "No deal."\r\nShe said yes.'
    path = tmp_path / "news.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["title", "text", "date"])
        w.writerow(["First", text, "2020-01-02"])
        w.writerow(["Second", "Plain text.", ""])
    docs = load_documents(path)
    assert [d.id for d in docs] == ["news.csv:2", "news.csv:3"]
    assert docs[0].text == text
    assert docs[0].title == "First" and docs[0].published == "2020-01-02"
    assert docs[1].published is None


def test_csv_header_with_bom_and_capitals(tmp_path: Path) -> None:
    path = write(tmp_path / "excel.csv", "\ufeffID,Text\r\nd1,Some article.\r\n")
    [doc] = load_documents(path)
    assert (doc.id, doc.text) == ("d1", "Some article.")


def test_dataset_rows() -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"text": ["One article.", "Two articles."], "id": ["a", None],
                                     "date": ["2021-03-04", None]})
    docs = load_documents(ds)
    assert [d.text for d in docs] == ["One article.", "Two articles."]
    assert docs[0].id == "a" and docs[0].published == "2021-03-04"
    assert docs[1].id.endswith(":1")


def test_dataset_without_text_column_or_with_splits_is_an_error() -> None:
    datasets = pytest.importorskip("datasets")
    assert "text" in raises_input_error(datasets.Dataset.from_dict({"body": ["x"]}))
    dd = datasets.DatasetDict({"train": datasets.Dataset.from_dict({"text": ["x"]})})
    assert "split" in raises_input_error(dd)


def test_list_mixing_documents_files_and_folders(tmp_path: Path) -> None:
    write(tmp_path / "folder" / "f.txt", "In a folder.")
    jsonl = write(tmp_path / "rows.jsonl", json.dumps({"id": "r1", "text": "A row."}) + "\n")
    given = Document(id="given", text="Given directly.")
    docs = load_documents([given, tmp_path / "folder", str(jsonl)])
    assert [d.id for d in docs] == ["given", "f.txt", "r1"]
    assert docs[0] is given


def test_repeated_ids_are_deduplicated_or_renamed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    a = Document(id="x", text="First.")
    docs = load_documents([a, a, Document(id="x", text="Different.")])
    assert [(d.id, d.text) for d in docs] == [("x", "First."), ("x#2", "Different.")]
    assert "x#2" in warnings_text(caplog)


# --- bad inputs ---------------------------------------------------------------------------------------

def test_missing_path(tmp_path: Path) -> None:
    assert "not found" in raises_input_error(tmp_path / "nope")


def test_empty_folder_and_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert "no .txt" in raises_input_error(tmp_path / "empty")
    write(tmp_path / "other" / "readme.md", "hello")
    assert "no .txt" in raises_input_error(tmp_path / "other")


def test_no_inputs() -> None:
    raises_input_error([])


def test_unsupported_file_type(tmp_path: Path) -> None:
    assert ".pdf" in raises_input_error(write(tmp_path / "a.pdf", "%PDF"))


@pytest.mark.parametrize("content", [b"", b"  \r\n\t\n", "\u00a0\u2003\n".encode("utf-8")])
def test_empty_file_alone_is_an_error(tmp_path: Path, content: bytes) -> None:
    assert "empty" in raises_input_error(write(tmp_path / "empty.txt", content))


def test_empty_file_is_skipped_when_others_load(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", "Real article.")
    assert [d.id for d in load_documents(tmp_path)] == ["b.txt"]
    assert "a.txt: empty" in warnings_text(caplog)


def test_blank_document_object_is_treated_as_empty() -> None:
    assert "empty" in raises_input_error(Document(id="d", text=" \n\t"))


def test_binary_file_with_nul_bytes(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    binary = write(tmp_path / "image.txt", png)
    assert "binary" in raises_input_error(binary)
    write(tmp_path / "good.txt", "Real article.")
    assert [d.id for d in load_documents(tmp_path)] == ["good.txt"]
    assert "image.txt: binary" in warnings_text(caplog)


def test_mostly_undecodable_file_without_nul_is_binary(tmp_path: Path) -> None:
    rng = random.Random(0)
    noise = bytes(rng.randrange(1, 256) for _ in range(20_000))
    assert "binary" in raises_input_error(write(tmp_path / "noise.txt", noise))


def test_latin1_file_is_read_as_cp1252_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    text = "The caf\u00e9 owner said \u201cnon\u201d \u2013 Erdo\u011fan was not there."
    raw = text.replace("\u011f", "g").encode("cp1252")
    [doc] = load_documents(write(tmp_path / "old.txt", raw))
    assert doc.text == raw.decode("cp1252")
    assert "caf\u00e9" in doc.text and "\u201cnon\u201d" in doc.text
    assert "old.txt: not valid UTF-8" in warnings_text(caplog)


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        chunk = b"The minister said the talks would go on. " * 25_000
        while f.tell() < 50_000_000:
            f.write(chunk)
    message = raises_input_error(huge)
    assert "limit" in message and "MB" in message


def test_max_bytes_is_configurable(tmp_path: Path) -> None:
    path = write(tmp_path / "mid.txt", "word " * 400)
    assert "limit" in raises_input_error(path, max_bytes=1000)
    assert len(load_documents(path, max_bytes=None)[0].text) == 2000
    assert "limit" in raises_input_error(Document(id="d", text="x" * 2000), max_bytes=1000)


def test_jsonl_broken_line_is_skipped_and_named(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = [json.dumps({"text": "First."}), '{"text": "Broken', "", "[1, 2]", json.dumps({"text": "Fourth."})]
    docs = load_documents(write(tmp_path / "rows.jsonl", "\n".join(lines) + "\n"))
    assert [(d.id, d.text) for d in docs] == [("rows.jsonl:1", "First."), ("rows.jsonl:5", "Fourth.")]
    logged = warnings_text(caplog)
    assert "rows.jsonl:2" in logged and "rows.jsonl:4" in logged


def test_jsonl_with_only_broken_lines_is_an_error(tmp_path: Path) -> None:
    assert "rows.jsonl" in raises_input_error(write(tmp_path / "rows.jsonl", '{"text": \n{oops}\n'))


def test_jsonl_rows_without_text_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "rows.jsonl", json.dumps({"body": "x"}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    assert [d.text for d in load_documents(path)] == ["ok"]


def test_csv_without_text_column_is_an_error(tmp_path: Path) -> None:
    message = raises_input_error(write(tmp_path / "meta.csv", "id,headline\n1,Hello\n"))
    assert "'text' column" in message and "headline" in message


def test_csv_without_text_column_inside_a_folder_is_skipped(tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "index.csv", "id,headline\n1,Hello\n")
    write(tmp_path / "article.txt", "An article.")
    assert [d.id for d in load_documents(tmp_path)] == ["article.txt"]
    assert "index.csv" in warnings_text(caplog)


def test_unreadable_object_is_an_error() -> None:
    assert "int" in raises_input_error([42])


def test_warnings_go_to_the_stance_logger(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write(tmp_path / "a.txt", "")
    write(tmp_path / "b.txt", "Article.")
    with caplog.at_level(logging.WARNING, logger="stance"):
        load_documents(tmp_path)
    assert any(r.name.startswith("stance") and "a.txt" in r.getMessage() for r in caplog.records)
    assert all("\n" not in r.getMessage() for r in caplog.records)


def test_unreadable_file_is_skipped_or_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    locked = write(tmp_path / "locked.txt", "secret")
    write(tmp_path / "open.txt", "Article.")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert "Permission denied" in raises_input_error(locked)
    assert [d.id for d in load_documents(tmp_path)] == ["open.txt"]
    assert "locked.txt: cannot read" in warnings_text(caplog)
