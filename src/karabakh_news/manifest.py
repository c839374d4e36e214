"""The raw manifest: one pinned row per raw file (id, file name, size, sha256, split).

Splits are pinned here so that rebuilding never moves an article and adding articles never
moves existing ones. A file not yet in the manifest gets its split from :func:`hash_split`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from karabakh_news.errors import ManifestError
from karabakh_news.swap import write_text_atomic

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


def read_manifest(path: Path) -> dict[str, ManifestRow]:
    if not path.exists():
        return {}
    rows: dict[str, ManifestRow] = {}
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
            if row.split not in SPLITS or not SAFE_ID.match(row.id) or row.id in rows:
                raise ManifestError(f"{path}:{n}: bad split, unsafe id or repeated id in {rec}")
            rows[row.id] = row
    return rows


def manifest_text(rows: dict[str, ManifestRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(rows.values(), key=lambda r: r.id):
        writer.writerow([row.id, row.file_name, row.size, row.sha256, row.split])
    return out.getvalue()


def write_manifest(path: Path, rows: dict[str, ManifestRow]) -> None:
    """Replace the manifest atomically (a crash leaves the old one or the new one)."""
    write_text_atomic(path, manifest_text(rows))


def check_pinned(row: ManifestRow, size: int, sha256: str) -> str | None:
    """A message naming the file and both hashes when it changed after it was pinned."""
    if row.sha256 == sha256 and row.size == size:
        return None
    return (
        f"{row.file_name}: raw file changed after it was pinned in the manifest "
        f"(manifest sha256 {row.sha256}, {row.size} bytes; file sha256 {sha256}, {size} bytes)"
    )
