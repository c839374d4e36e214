"""Parquet output: one writer per (config, split), explicit schema, push_to_hub shard names."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from karabakh_news.schema import CONFIGS, SPLITS

ROW_GROUP_SIZE = 10_000
COMPRESSION = "zstd"


def shard_name(split: str, index: int = 0, total: int = 1) -> str:
    return f"{split}-{index:05d}-of-{total:05d}.parquet"


def shard_path(root: Path, config: str, split: str, index: int = 0, total: int = 1) -> Path:
    return root / "data" / config / shard_name(split, index, total)


class SplitWriter:
    """Buffers rows of one config and split and writes them in row groups."""

    def __init__(self, root: Path, config: str, split: str) -> None:
        self.schema = CONFIGS[config].arrow_schema
        self.path = shard_path(root, config, split)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = pq.ParquetWriter(self.path, self.schema, compression=COMPRESSION)
        self._buffer: list[dict[str, Any]] = []
        self.rows_written = 0

    def write(self, row: dict[str, Any]) -> None:
        self._buffer.append(row)
        if len(self._buffer) >= ROW_GROUP_SIZE:
            self.flush()

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def flush(self) -> None:
        if self._buffer:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self.schema))
            self.rows_written += len(self._buffer)
            self._buffer.clear()

    def close(self) -> None:
        self.flush()
        self._writer.close()


class DatasetWriter:
    """All (config, split) writers of one build, closed together.

    A split's file is created with its first row, so an empty split has no file (the Hub
    loader rejects a declared split with no data).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.writers: dict[tuple[str, str], SplitWriter] = {}

    def write(self, config: str, split: str, row: dict[str, Any]) -> None:
        writer = self.writers.get((config, split))
        if writer is None:
            writer = self.writers[config, split] = SplitWriter(self.root, config, split)
        writer.write(row)

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


def rewrite(path: Path, config: str, transform: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
    """Rewrite one Parquet file of ``config`` batch by batch, passing its rows through ``transform``."""
    schema = CONFIGS[config].arrow_schema
    tmp = path.with_name(path.name + ".tmp")
    with pq.ParquetWriter(tmp, schema, compression=COMPRESSION) as writer:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=ROW_GROUP_SIZE):
            writer.write_table(pa.Table.from_pylist(transform(batch.to_pylist()), schema=schema))
    os.replace(tmp, path)


def column_values(root: Path, config: str, column: str) -> list[Any]:
    """Every value of one column of ``config`` across its splits (one column in memory)."""
    values: list[Any] = []
    for path in sorted((root / "data" / config).glob("*.parquet")):
        values += pq.read_table(path, columns=[column])[column].to_pylist()
    return values
