"""Parquet output: one writer per (config, split), explicit schema, push_to_hub shard names."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from karabakh_news.schema import CONFIGS, SPLITS

# A build keeps one open writer per config and split (twelve), each buffering a row group, so
# row groups are sized to a few MB: article rows carry whole pages (about 10 KB each).
ROW_GROUP_SIZE = 5_000
ROW_GROUP_SIZE_OF = {"articles": 250}
MAX_SHARD_ROWS = 100_000
MAX_SHARD_BYTES = 256 * 1024 * 1024  # of Arrow data, about what the Hub's own shards hold
COMPRESSION = "zstd"
# Every name a shard has (without "-of-" while its split is still being written); nothing else in
# a config's folder is read or replaced by a build.
SHARD_NAME = re.compile(rf"(?P<split>{'|'.join(SPLITS)})-\d{{5}}(?:-of-\d{{5}})?\.parquet")


def give_back_memory() -> None:
    """Return freed Arrow buffers to the OS now. A build runs with Arrow's system allocator, so
    this trims the C heap (malloc_trim), which also holds what Parquet readers and Python freed."""
    pa.default_memory_pool().release_unused()


def _row_count(columns: dict[str, list[Any]]) -> int:
    return len(next(iter(columns.values()), []))


def shard_name(split: str, index: int = 0, total: int = 1) -> str:
    return f"{split}-{index:05d}-of-{total:05d}.parquet"


def shard_files(root: Path, config: str, split: str | None = None) -> list[Path]:
    """The Parquet shards of one config (and split) in a built folder, in name order."""
    pattern = f"{split}-*.parquet" if split else "*.parquet"
    return sorted(p for p in (root / "data" / config).glob(pattern) if SHARD_NAME.fullmatch(p.name))


class SplitWriter:
    """Writes the rows of one config and split in row groups, starting a new shard when one is
    full; shards get their ``-of-NNNNN`` names when the split is closed."""

    def __init__(self, root: Path, config: str, split: str) -> None:
        self.schema = CONFIGS[config].arrow_schema
        self.folder = root / "data" / config
        self.folder.mkdir(parents=True, exist_ok=True)
        self.split = split
        self.row_group_size = ROW_GROUP_SIZE_OF.get(config, ROW_GROUP_SIZE)
        self._buffer: dict[str, list[Any]] = {name: [] for name in self.schema.names}
        self._shards: list[Path] = []
        self._writer: pq.ParquetWriter | None = None
        self._shard_rows = self._shard_bytes = 0
        self.rows_written = 0
        self.pending = 0

    def write(self, columns: dict[str, list[Any]]) -> None:
        """Append rows given column-wise (one list per field, all of the same length)."""
        count = _row_count(columns)
        if not count:
            return
        for name, values in self._buffer.items():
            values.extend(columns[name])
        self.pending += count
        if self.pending >= self.row_group_size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        table = pa.Table.from_pydict(self._buffer, schema=self.schema)
        for values in self._buffer.values():
            values.clear()
        self.pending = 0
        full = self._shard_rows >= MAX_SHARD_ROWS or self._shard_bytes + table.nbytes > MAX_SHARD_BYTES
        if self._writer is None or (full and self._shard_rows):
            self._next_shard()
        assert self._writer is not None
        self._writer.write_table(table)
        give_back_memory()  # the row group's buffers, at once
        self._shard_rows += table.num_rows
        self._shard_bytes += table.nbytes
        self.rows_written += table.num_rows

    def _next_shard(self) -> None:
        if self._writer is not None:
            self._writer.close()
        path = self.folder / f".{self.split}-{len(self._shards):05d}.partial"
        self._shards.append(path)
        self._writer = pq.ParquetWriter(path, self.schema, compression=COMPRESSION)
        self._shard_rows = self._shard_bytes = 0

    def close(self) -> None:
        self.flush()
        if self._writer is not None:
            self._writer.close()
        for index, path in enumerate(self._shards):
            os.replace(path, self.folder / shard_name(self.split, index, len(self._shards)))


class DatasetWriter:
    """All (config, split) writers of one build, closed together.

    A split's file is created with its first row, so an empty split has no file (the Hub
    loader rejects a declared split with no data).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.writers: dict[tuple[str, str], SplitWriter] = {}

    def write(self, config: str, split: str, columns: dict[str, list[Any]]) -> None:
        """Append rows of ``config`` to ``split``, column-wise (see :meth:`SplitWriter.write`)."""
        if not _row_count(columns):
            return  # no rows: a split gets its file with its first row
        writer = self.writers.get((config, split))
        if writer is None:
            writer = self.writers[config, split] = SplitWriter(self.root, config, split)
        writer.write(columns)

    def rows(self) -> dict[str, dict[str, int]]:
        """Rows written per config and split (0 for a split with no file)."""
        return {
            c: {s: (w.rows_written + w.pending if (w := self.writers.get((c, s))) else 0) for s in SPLITS}
            for c in CONFIGS
        }

    def rows_written(self) -> int:
        return sum(w.rows_written + w.pending for w in self.writers.values())

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for writer in self.writers.values():
            writer.close()


def rewrite_columns(
    path: Path, config: str, transform: Callable[[str, pa.Table], pa.Array | pa.ChunkedArray], columns: list[str]
) -> None:
    """Rewrite ``columns`` of one Parquet file of ``config`` with ``transform(column, row_group)``,
    row group by row group, in Arrow (no value becomes a Python object)."""
    schema = CONFIGS[config].arrow_schema
    tmp = path.with_name(path.name + ".tmp")
    source = pq.ParquetFile(path)
    with pq.ParquetWriter(tmp, schema, compression=COMPRESSION) as writer:
        for i in range(source.num_row_groups):
            table = source.read_row_group(i)
            for name in columns:
                index = schema.get_field_index(name)
                table = table.set_column(index, schema.field(index), transform(name, table))
            # No trim per row group here (the build trims between its end steps): the next row
            # group reuses the freed heap, and trimming made every one fault it back in (person
            # ids of 100,000 articles: 7.8 s with a trim per row group, 5.9 without, peak RSS
            # about 10 MB higher).
            writer.write_table(table)
    os.replace(tmp, path)


def with_item_field(
    lists: pa.ChunkedArray, name: str, values_of: Callable[[pa.StructArray], pa.Array]
) -> pa.ChunkedArray:
    """A column of lists of structs with the field ``name`` of every item set to
    ``values_of(items)``, where ``items`` are all the items of a chunk's lists, in order."""
    chunks = []
    for chunk in lists.chunks:
        items = chunk.flatten()
        fields = list(items.type)
        children = [values_of(items) if f.name == name else pc.struct_field(items, [k]) for k, f in enumerate(fields)]
        items = pa.StructArray.from_arrays(children, fields=fields, mask=items.is_null() if items.null_count else None)
        offsets = pc.subtract(chunk.offsets, chunk.offsets[0])
        mask = chunk.is_null() if chunk.null_count else None
        chunks.append(pa.ListArray.from_arrays(offsets, items, type=chunk.type, mask=mask))
    return pa.chunked_array(chunks, type=lists.type)


def flat_people(path: Path) -> pa.ChunkedArray:
    """The ``people`` structs of every article in one articles shard, as one flat array."""
    return pc.list_flatten(pq.read_table(path, columns=["people"])["people"])


def distinct_names(root: Path) -> set[str]:
    """Every distinct person name and quote speaker in a built folder, read shard by shard
    with Arrow (only the distinct strings become Python objects)."""
    names: set[str] = set()
    for path in shard_files(root, "articles"):
        names.update(pc.unique(pc.struct_field(flat_people(path), "name")).to_pylist())
    for path in shard_files(root, "quotes"):
        names.update(pc.unique(pq.read_table(path, columns=["speaker"])["speaker"].drop_null()).to_pylist())
    return names
