"""The raw manifest: one pinned row per raw file (id, file name, size, sha256, split).

Splits are pinned here so that rebuilding never moves an article and adding articles never
moves existing ones. A file not yet in the manifest gets its split from :func:`hash_split`.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from karabakh_news.errors import ManifestError
from karabakh_news.swap import open_atomic

MANIFEST_NAME = "manifest.csv"
COLUMNS = ("id", "file_name", "size", "sha256", "split")
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
# Share of new articles per split, in percent of the id's hash bucket (0..99).
SPLIT_PERCENT = {"train": 80, "validation": 10, "test": 10}
SPLITS: tuple[str, ...] = tuple(SPLIT_PERCENT)  # the dataset's splits, in order (schema re-exports them)


@dataclass(frozen=True, slots=True)
class ManifestRow:
    id: str
    file_name: str
    size: int
    sha256: str
    split: str


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_split(article_id: str) -> str:
    """80/10/10 on ``int(sha256(id)[:8], 16) % 100``: stable, and independent of other files."""
    bucket = int(hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    upper = 0
    for split in SPLITS:
        upper += SPLIT_PERCENT[split]
        if bucket < upper:
            return split
    raise AssertionError("SPLIT_PERCENT must add up to 100")


def _manifest_rows(path: Path) -> Iterator[tuple[int, ManifestRow]]:
    """The manifest's rows with their line numbers, each checked on its own."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ManifestError(f"{path}: header must be {','.join(COLUMNS)}")
        for n, rec in enumerate(reader, start=2):
            try:
                split = sys.intern(rec["split"])  # one "train", not one per row
                row = ManifestRow(rec["id"], rec["file_name"], int(rec["size"]), rec["sha256"], split)
            except (TypeError, ValueError) as exc:
                raise ManifestError(f"{path}:{n}: bad row {rec}") from exc
            if row.split not in SPLITS or not SAFE_ID.match(row.id):
                raise _bad_row(path, n, rec)
            yield n, row


def _bad_row(path: Path, n: int, row: object) -> ManifestError:
    return ManifestError(f"{path}:{n}: bad split, unsafe id or repeated id in {row}")


def read_manifest(path: Path) -> dict[str, ManifestRow]:
    if not path.exists():
        return {}
    rows: dict[str, ManifestRow] = {}
    for n, row in _manifest_rows(path):
        if row.id in rows:
            raise _bad_row(path, n, row)
        rows[row.id] = row
    return rows


def scratch_table(db_path: Path, table: str) -> sqlite3.Connection:
    """A new SQLite file holding ``table`` (name and columns, with its primary key), for records
    a build needs again only at its end. Nothing in it must survive a crash, so it keeps no
    journal, never waits for the disk, and stays in one open transaction."""
    db = sqlite3.connect(db_path, isolation_level=None)
    db.executescript(f"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN; CREATE TABLE {table} WITHOUT ROWID;")
    return db


class PinStore(Mapping[str, ManifestRow]):
    """The pins of one build (the manifest, then what the build pins), in a temporary SQLite file.

    A build looks up one pin per input file; holding them in the build's process cost about
    450 bytes per file (a manifest row and its strings), so memory grew with the corpus. Here it
    does not: SQLite keeps a small page cache. Iterating gives ids in id order.
    """

    def __init__(self, db_path: Path, manifest_path: Path) -> None:
        self._db = scratch_table(db_path, "pins (id PRIMARY KEY, file_name, size, sha256, split)")
        self.changed = False  # whether any pin differs from the manifest now
        if manifest_path.exists():
            for n, row in _manifest_rows(manifest_path):
                try:
                    self._db.execute("INSERT INTO pins VALUES (?, ?, ?, ?, ?)", _values(row))
                except sqlite3.IntegrityError:
                    raise _bad_row(manifest_path, n, row) from None

    def __getitem__(self, key: str) -> ManifestRow:
        found = self._db.execute("SELECT * FROM pins WHERE id = ?", (key,)).fetchone()
        if found is None:
            raise KeyError(key)
        return ManifestRow(*found)

    def __iter__(self) -> Iterator[str]:
        return (key for (key,) in self._db.execute("SELECT id FROM pins ORDER BY id"))

    def __len__(self) -> int:
        count: int = self._db.execute("SELECT count(*) FROM pins").fetchone()[0]
        return count

    def rows(self) -> Iterator[ManifestRow]:
        """Every pin, in id order."""
        return (ManifestRow(*found) for found in self._db.execute("SELECT * FROM pins ORDER BY id"))

    def pin(self, row: ManifestRow, was: ManifestRow | None) -> None:
        """Set the pin of ``row.id`` to ``row``; ``was`` is its pin now, as the caller looked it up."""
        if row != was:
            self._db.execute("INSERT OR REPLACE INTO pins VALUES (?, ?, ?, ?, ?)", _values(row))
            self.changed = True

    def close(self) -> None:
        self._db.close()


def _values(row: ManifestRow) -> tuple[str, str, int, str, str]:
    return row.id, row.file_name, row.size, row.sha256, row.split


def write_manifest(path: Path, rows: Iterable[ManifestRow]) -> None:
    """Replace the manifest with ``rows`` (in id order) atomically: a crash leaves the old one or the new one."""
    with open_atomic(path) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row.id, row.file_name, row.size, row.sha256, row.split])


def check_pinned(row: ManifestRow, size: int, sha256: str) -> str | None:
    """A message naming the file and both hashes when it changed after it was pinned."""
    if row.sha256 == sha256 and row.size == size:
        return None
    return (
        f"{row.file_name}: raw file changed after it was pinned in the manifest "
        f"(manifest sha256 {row.sha256}, {row.size} bytes; file sha256 {sha256}, {size} bytes)"
    )
