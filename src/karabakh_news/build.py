"""Orchestration: raw folder -> parsed records -> Parquet, report and cards, swapped in whole.

I/O lives here; parsing is pure (:func:`karabakh_news.article.parse_article`). Files are read
one at a time in id order (only hashes, names and small MinHashes stay in memory). Every input
ends as an article or as a rejection or duplicate with a stable reason code in
``build_report.json``. The new ``OUT`` is written beside the old one and exchanged with it in
one atomic step (:mod:`karabakh_news.swap`), so a failed or killed build leaves the previous
dataset intact.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from karabakh_news.article import parse_article
from karabakh_news.card import ABOUT_NAME, render_cards
from karabakh_news.decode import decode
from karabakh_news.dedup import DuplicateIndex
from karabakh_news.errors import InputError, KarabakhNewsError, ManifestError
from karabakh_news.manifest import (
    MANIFEST_NAME,
    SAFE_ID,
    ManifestRow,
    check_pinned,
    hash_split,
    read_manifest,
    write_manifest,
)
from karabakh_news.parquet import DatasetWriter, column_values, rewrite
from karabakh_news.people import assign_ids
from karabakh_news.rows import ROWS_OF
from karabakh_news.swap import new_staging, remove_stale_staging, swap_in, write_text_atomic

REPORT_NAME = "build_report.json"
CARD_NAME = "README.md"
OUTPUTS = ("data", CARD_NAME, REPORT_NAME)  # what a build owns inside OUT
CONTROL_FILES = (MANIFEST_NAME, ABOUT_NAME)  # raw-folder files that are not articles
MAX_BYTES = 10_000_000  # larger files are not articles (and would not fit the memory budget)


@dataclass(frozen=True)
class Outcome:
    """What became of one input file (a row of the build report)."""

    file_name: str
    status: str  # "ok", "rejected" or "duplicate"
    reason: str | None = None
    message: str | None = None
    id: str | None = None
    size: int | None = None
    sha256: str | None = None
    split: str | None = None
    encoding: str | None = None
    duplicate_of: str | None = None  # for an exact duplicate: the file kept
    near_duplicate_of: str | None = None  # for a near duplicate: the earlier article's id


@dataclass
class BuildResult:
    out_dir: Path
    outcomes: list[Outcome] = field(default_factory=list)
    rows: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    @property
    def duplicates(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "duplicate"]


class StrictModeError(KarabakhNewsError):
    """``--strict`` and at least one input was rejected; nothing was written."""


@dataclass(frozen=True)
class _Input:
    path: Path
    id: str
    data: bytes
    sha256: str


def _candidates(raw_dir: Path) -> list[Path]:
    entries = [p for p in raw_dir.iterdir() if not p.name.startswith(".") and p.name not in CONTROL_FILES]
    return sorted(entries, key=lambda p: (p.stem, p.name))


def _rejected(name: str, reason: str, message: str, **fields: Any) -> Outcome:
    return Outcome(name, "rejected", reason, f"{name}: {message}", **fields)


def _read(path: Path, raw_dir: Path, max_bytes: int) -> _Input | Outcome:
    """The file's bytes, or an :class:`Outcome` saying why it cannot be an article."""
    name = path.name
    if path.is_symlink() and not path.resolve().is_relative_to(raw_dir.resolve()):
        return _rejected(name, "symlink_outside", "a symbolic link to a file outside the raw folder")
    if path.suffix != ".txt" or not path.is_file():
        return _rejected(name, "not_txt", "not a .txt file; only *.txt files are articles")
    if not SAFE_ID.match(path.stem):
        return _rejected(name, "unsafe_id", f"file stem is not a safe id (it must match {SAFE_ID.pattern})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _rejected(name, "too_large", f"{size} bytes, more than the {max_bytes} an article may have")
        data = path.read_bytes()
    except OSError as exc:
        return _rejected(name, "unreadable", f"cannot be read ({exc.strerror or exc})")
    return _Input(path, path.stem, data, hashlib.sha256(data).hexdigest())


class _Pass:
    """One streaming pass over the raw files: pins, duplicates, rows, outcomes."""

    def __init__(self, manifest: dict[str, ManifestRow], update_manifest: bool, writer: DatasetWriter) -> None:
        self.pins = dict(manifest)
        self.update_manifest = update_manifest
        self.writer = writer
        self.duplicates = DuplicateIndex()
        self.outcomes: list[Outcome] = []
        self.changed: list[str] = []

    def consume(self, item: _Input | Outcome) -> None:
        if isinstance(item, Outcome):
            self.outcomes.append(item)
            return
        pinned = self.pins.get(item.id)
        problem = check_pinned(pinned, len(item.data), item.sha256) if pinned else None
        if problem and not self.update_manifest:
            self.changed.append(problem)
            return
        self.outcomes.append(self._article(item, pinned if not problem else None))

    def _pin(self, item: _Input, split: str) -> dict[str, Any]:
        self.pins[item.id] = ManifestRow(item.id, item.path.name, len(item.data), item.sha256, split)
        return {"id": item.id, "size": len(item.data), "sha256": item.sha256, "split": split}

    def _article(self, item: _Input, pinned: ManifestRow | None) -> Outcome:
        name, split = item.path.name, pinned.split if pinned else hash_split(item.id)
        try:
            decoded = decode(item.data, name)
            if (kept := self.duplicates.exact(decoded.text)) is not None:
                message = f"{name}: the same text as {kept}, which is kept"
                fields = self._pin(item, split) | {"encoding": decoded.encoding, "duplicate_of": kept}
                return Outcome(name, "duplicate", "exact_duplicate", message, **fields)
            article = parse_article(decoded.text, item.id, source_file=name, source_sha256=item.sha256)
        except InputError as exc:
            return Outcome(name, "rejected", exc.reason, str(exc), **self._pin(item, split))
        original, minhash = self.duplicates.near(article.body)
        if original is not None and pinned is None:
            split = self.pins[original].split  # a near duplicate goes where its original is
        article = dataclasses.replace(article, near_duplicate_of=original)
        for config, rows_of in ROWS_OF.items():
            for row in rows_of(article):
                self.writer.write(config, split, row)
        self.duplicates.add(item.id, name, decoded.text, minhash)
        fields = self._pin(item, split) | {"encoding": decoded.encoding, "near_duplicate_of": original}
        return Outcome(name, "ok", **fields)


def build(
    raw_dir: Path,
    out_dir: Path,
    *,
    strict: bool = False,
    update_manifest: bool = False,
    card_path: Path | None = None,
    max_bytes: int = MAX_BYTES,
    on_progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build every config from ``raw_dir`` into ``out_dir``; see the module docstring.

    ``on_progress(files_done, rows_written)`` is called after every input file.
    """
    if not raw_dir.is_dir():
        raise KarabakhNewsError(f"raw folder {raw_dir} does not exist")
    remove_stale_staging(out_dir)
    manifest = read_manifest(raw_dir / MANIFEST_NAME)
    raw_inside = _relative_inside(raw_dir, out_dir)
    stage = new_staging(out_dir, keep_out=OUTPUTS)
    try:
        result, pins = _build_into(stage, raw_dir, manifest, update_manifest, max_bytes, on_progress)
        result.out_dir = out_dir
        if strict and result.rejected:
            raise StrictModeError("--strict: " + "; ".join(o.message or o.file_name for o in result.rejected))
        (stage / REPORT_NAME).write_text(json.dumps(_report(result), indent=2, ensure_ascii=False) + "\n")
        cards = render_cards(stage, raw_dir, pins)
        (stage / CARD_NAME).write_text(cards.hub, encoding="utf-8")
        if raw_inside is not None and pins != manifest:
            write_manifest(stage / raw_inside / MANIFEST_NAME, pins)
        swap_in(stage, out_dir)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    if raw_inside is None and pins != manifest:
        write_manifest(raw_dir / MANIFEST_NAME, pins)
    if card_path is not None:
        write_text_atomic(card_path, cards.human)
    return result


def _build_into(
    stage: Path,
    raw_dir: Path,
    manifest: dict[str, ManifestRow],
    update_manifest: bool,
    max_bytes: int,
    on_progress: Callable[[int, int], None] | None,
) -> tuple[BuildResult, dict[str, ManifestRow]]:
    result = BuildResult(stage)
    with DatasetWriter(stage) as writer:
        run = _Pass(manifest, update_manifest, writer)
        for done, path in enumerate(_candidates(raw_dir), start=1):
            run.consume(_read(path, raw_dir, max_bytes))
            if on_progress:
                on_progress(done, writer.rows_written())
    if run.changed:
        raise ManifestError("; ".join(run.changed) + " (rebuild with --update-manifest to accept the new bytes)")
    _fill_person_ids(stage)
    result.outcomes = sorted(run.outcomes, key=lambda o: o.file_name)
    result.rows = writer.rows()
    return result, run.pins


def _relative_inside(path: Path, folder: Path) -> Path | None:
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return None


def _fill_person_ids(root: Path) -> None:
    """Give every person and speaker its dataset-wide id, once all articles are written.

    Ids depend on every name in the dataset (spelling variants merge), so they cannot be
    known while articles are parsed one by one; only the names are held in memory.
    """
    names = [p["name"] for people in column_values(root, "articles", "people") for p in people]
    names += [s for s in column_values(root, "quotes", "speaker") if s is not None]
    ids = assign_ids(names)

    def article_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            row["people"] = [dict(p, person_id=ids[p["name"]]) for p in row["people"]]
            row["quotes"] = [dict(q, speaker_id=ids.get(q["speaker"])) for q in row["quotes"]]
        return rows

    def quote_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [dict(row, speaker_id=ids.get(row["speaker"])) for row in rows]

    for config, transform in (("articles", article_rows), ("quotes", quote_rows)):
        for path in sorted((root / "data" / config).glob("*.parquet")):
            rewrite(path, config, transform)


def _report(result: BuildResult) -> dict[str, object]:
    reasons: dict[str, int] = {}
    for o in result.outcomes:
        if o.reason:
            reasons[o.reason] = reasons.get(o.reason, 0) + 1
    return {
        "inputs": len(result.outcomes),
        "articles": sum(o.status == "ok" for o in result.outcomes),
        "rejected": len(result.rejected),
        "duplicates": len(result.duplicates),
        "near_duplicates": sum(o.near_duplicate_of is not None for o in result.outcomes),
        "by_reason": dict(sorted(reasons.items())),
        "rows": result.rows,
        "files": [asdict(o) for o in result.outcomes],
    }
