"""The hand-over of a chunk's rows in Arrow (work.ArrowChunk)."""

from __future__ import annotations

import pickle

import pyarrow as pa
import pytest

from karabakh_news.synthetic import write_corpus
from karabakh_news.work import ArrowChunk, FileResult, process_file
from karabakh_news.workers import arrow_schemas


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> list[FileResult]:
    raw = tmp_path_factory.mktemp("chunk") / "raw"
    write_corpus(raw, 60, seed=11)
    (raw / "article_0000030a.txt").write_bytes(b"")  # rejected: a result with no rows between articles
    (raw / "article_0000031a.txt").write_bytes(b"  \n\n")
    return [process_file(str(p), str(raw), 10**7) for p in sorted(raw.iterdir())]


def test_unpacked_rows_are_each_files_own_rows(parsed: list[FileResult]) -> None:
    schemas = arrow_schemas()
    unpacked = list(ArrowChunk.of(parsed, schemas).unpacked())
    assert [r.file_name for r in unpacked] == [r.file_name for r in parsed]
    assert any(r.columns is None for r in parsed) and any(r.columns is not None for r in parsed)
    for before, after in zip(parsed, unpacked, strict=True):
        assert after.columns is None
        if before.columns is None:  # not an article: nothing to hand over
            assert after.tables is None and after.reason == before.reason
            continue
        assert after.tables is not None and list(after.tables) == list(schemas)
        for config, table in after.tables.items():
            expected = (
                pa.Table.from_pydict(before.columns[config], schema=schemas[config])
                if before.columns[config]
                else schemas[config].empty_table()
            )
            assert table.schema.equals(schemas[config], check_metadata=True)
            assert table.to_pylist() == expected.to_pylist()


def test_a_chunk_crosses_processes_with_each_buffer_once(parsed: list[FileResult]) -> None:
    chunk = ArrowChunk.of(parsed, arrow_schemas())
    handed_over = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
    # Whole tables: every buffer once (a pickled slice would carry its table's whole buffers).
    assert len(handed_over) < 1.2 * sum(t.nbytes for t in chunk.tables.values()) + 100_000
    again = pickle.loads(handed_over)
    assert [r.tables["lines"].to_pylist() for r in again.unpacked() if r.tables] == [
        r.tables["lines"].to_pylist() for r in chunk.unpacked() if r.tables
    ]
