"""Orchestration: raw folder -> parsed records -> Parquet, report and cards, swapped in whole.

I/O lives here; parsing is pure (:func:`karabakh_news.article.parse_article`). Files are read
one at a time in id order; what the build keeps per file (its pin and its outcome) waits in
scratch SQLite files, so only the file names and the duplicate index (a key and a small
MinHash per article) stay in memory. Every input
ends as an article or as a rejection or duplicate with a stable reason code in
``build_report.json``. The new ``OUT`` is written beside the old one and exchanged with it in
one atomic step (:mod:`karabakh_news.swap`), so a failed or killed build leaves the previous
dataset intact.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, fields, replace
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from karabakh_news.card import ABOUT_NAME, TABLE_ROWS, load_about, render_cards
from karabakh_news.croissant import CROISSANT_NAME, croissant
from karabakh_news.dedup import DuplicateIndex
from karabakh_news.errors import KarabakhNewsError, ManifestError
from karabakh_news.guard import (
    CARD_NAME,
    MARKER_NAME,
    REPORT_NAME,
    build_lock,
    check_layout,
    check_output,
    check_raw,
    is_build_output,
    marker_text,
)
from karabakh_news.manifest import (
    MANIFEST_NAME,
    ManifestRow,
    PinStore,
    check_pinned,
    hash_split,
    scratch_table,
    write_manifest,
)
from karabakh_news.parquet import (
    DatasetWriter,
    distinct_names,
    give_back_memory,
    rewrite_columns,
    shard_files,
    with_item_field,
)
from karabakh_news.people import assign_ids
from karabakh_news.swap import new_staging, remove_stale_staging, swap_in, write_text_atomic
from karabakh_news.work import FileResult
from karabakh_news.workers import map_files

CONTROL_FILES = (MANIFEST_NAME, ABOUT_NAME)  # raw-folder files that are not articles
MAX_BYTES = 10_000_000  # larger files are not articles (and would not fit the memory budget)


@dataclass(frozen=True, slots=True)
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
    step_seconds: dict[str, float] = field(default_factory=dict)  # wall time of each step, in order

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.step_seconds[step] = round(time.perf_counter() - start, 3)

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    @property
    def duplicates(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "duplicate"]


class _OutcomeLog:
    """What became of each file, in a scratch SQLite table while the files are parsed (held in the
    build's process, they grew it by about 250 bytes a file), then sorted by file name."""

    _FIELDS = tuple(f.name for f in fields(Outcome))

    def __init__(self, db_path: Path) -> None:
        self._db = scratch_table(db_path, f"outcomes ({', '.join(self._FIELDS)}, PRIMARY KEY (file_name))")
        self._insert = f"INSERT INTO outcomes VALUES ({', '.join('?' * len(self._FIELDS))})"

    def add(self, outcome: Outcome) -> None:
        self._db.execute(self._insert, tuple(getattr(outcome, name) for name in self._FIELDS))

    def by_file_name(self) -> list[Outcome]:
        return [_interned(Outcome(*found)) for found in self._db.execute("SELECT * FROM outcomes ORDER BY file_name")]

    def close(self) -> None:
        self._db.close()


def _interned(outcome: Outcome) -> Outcome:
    """Status, split and encoding take a handful of values: one string object each."""
    encoding = sys.intern(outcome.encoding) if outcome.encoding else None
    split = sys.intern(outcome.split) if outcome.split else None
    return replace(outcome, status=sys.intern(outcome.status), split=split, encoding=encoding)


class StrictModeError(KarabakhNewsError):
    """``--strict`` and at least one input was rejected; nothing was written."""


def _candidates(raw_dir: Path) -> list[str]:
    """Names of the raw folder's entries, in id order (names, not paths: a corpus has many)."""
    names = [e.name for e in os.scandir(raw_dir) if not e.name.startswith(".") and e.name not in CONTROL_FILES]
    return sorted(names, key=lambda name: (Path(name).stem, name))


class _Pass:
    """Consumes the files' results in id order: pins, duplicates, rows, outcomes."""

    def __init__(self, pins: PinStore, outcomes: _OutcomeLog, update_manifest: bool, writer: DatasetWriter) -> None:
        self.pins = pins
        self.outcomes = outcomes
        self.update_manifest = update_manifest
        self.writer = writer
        self.duplicates = DuplicateIndex()
        self.changed: list[str] = []

    def consume(self, res: FileResult) -> None:
        if not res.was_read or res.id is None or res.size is None or res.sha256 is None:
            self.outcomes.add(Outcome(res.file_name, "rejected", res.reason, res.message))
            return
        pinned = self.pins.get(res.id)
        problem = check_pinned(pinned, res.size, res.sha256) if pinned else None
        if problem and not self.update_manifest:
            self.changed.append(problem)
            return
        outcome = self._outcome(res, pinned if not problem else None)
        assert outcome.split is not None
        self.pins.pin(ManifestRow(res.id, res.file_name, res.size, res.sha256, outcome.split), was=pinned)
        self.outcomes.add(outcome)

    def _outcome(self, res: FileResult, pinned: ManifestRow | None) -> Outcome:
        assert res.id is not None
        split = pinned.split if pinned else hash_split(res.id)
        kept = self.duplicates.exact(res.text_key) if res.text_key is not None else None
        if res.reason is None and kept is not None:
            message = f"{res.file_name}: the same text as {kept}, which is kept"
            return self._settle(res, split, "duplicate", "exact_duplicate", message, duplicate_of=kept)
        if res.reason is not None or res.columns is None or res.signature is None or res.text_key is None:
            return self._settle(res, split, "rejected", res.reason, res.message)
        original = self.duplicates.near(res.signature)
        if original is not None and pinned is None:
            split = self.pins[original].split  # a near duplicate goes where its original is
        res.columns["articles"]["near_duplicate_of"] = [original]
        for config, columns in res.columns.items():
            self.writer.write(config, split, columns)
        outcome = self._settle(res, split, "ok", near_duplicate_of=original)
        assert outcome.id is not None
        self.duplicates.add(outcome.id, outcome.file_name, res.text_key, res.signature)
        return outcome

    def _settle(
        self,
        res: FileResult,
        split: str,
        status: str,
        reason: str | None = None,
        message: str | None = None,
        **links: str | None,
    ) -> Outcome:
        """What became of a file that was read, in ``split``."""
        return Outcome(
            res.file_name, status, reason, message, res.id, res.size, res.sha256, split, res.encoding, **links
        )


@contextmanager
def _system_allocator() -> Iterator[None]:
    """Arrow allocates with the C library's malloc during a build: Arrow's default (mimalloc)
    keeps freed pages, which held about 100 MB more at the end of a 100,000-article build."""
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def build(
    raw_dir: Path,
    out_dir: Path,
    *,
    strict: bool = False,
    update_manifest: bool = False,
    card_path: Path | None = None,
    max_bytes: int = MAX_BYTES,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    force: bool = False,
    allow_empty: bool = False,
) -> BuildResult:
    """Build every config from ``raw_dir`` into ``out_dir``; see the module docstring.

    Before any write the paths are checked (:mod:`karabakh_news.guard`): ``out_dir`` must be new,
    empty or a dataset this package built (``force`` takes over any folder, keeping the files a
    build does not produce), and ``raw_dir`` must hold ``.txt`` pages (``allow_empty`` builds an
    empty dataset from none). One build at a time writes to ``out_dir``: a second one fails at
    once with :class:`~karabakh_news.errors.BuildLocked`.

    ``workers`` processes (or a Dask cluster, with ``engine="dask"`` and an optional
    ``scheduler`` address) parse files in parallel; the output does not depend on either.
    ``on_progress(files_done, rows_written)`` is called after every input file.
    """
    check_raw(raw_dir, allow_empty=allow_empty)
    check_layout(raw_dir, out_dir)
    check_output(out_dir, raw_dir, force=force)  # before the lock file: a refused folder sees no write
    with build_lock(out_dir), _system_allocator():
        check_output(out_dir, raw_dir, force=force)
        remove_stale_staging(out_dir)  # ours to remove: their builds no longer hold the lock
        raw_inside = _relative_inside(raw_dir, out_dir)
        stage = new_staging(out_dir, is_build_output)
        try:
            with _scratch(stage, raw_dir) as (folder, pins, log):
                files = map_files(_candidates(raw_dir), raw_dir, max_bytes, workers, engine, scheduler, folder)
                with closing(files) as results:  # a failed pass stops the workers now, not once collected
                    result = _build_into(stage, out_dir, results, pins, log, update_manifest, on_progress)
                give_back_memory()  # between the end steps: each would start above the last one's peak
                if strict and result.rejected:
                    raise StrictModeError("--strict: " + "; ".join(o.message or o.file_name for o in result.rejected))
                with result.timed("report"):
                    summary = _write_report(stage / REPORT_NAME, result)
                with result.timed("cards"):
                    cards = render_cards(stage, raw_dir, pins, summary)
                give_back_memory()
                (stage / CARD_NAME).write_text(cards.hub, encoding="utf-8")
                with result.timed("croissant"):
                    metadata = croissant(stage, load_about(raw_dir))
                (stage / CROISSANT_NAME).write_text(json.dumps(metadata, indent=2, ensure_ascii=False) + "\n")
                (stage / MARKER_NAME).write_text(marker_text(), encoding="utf-8")
                if raw_inside is not None and pins.changed:
                    write_manifest(stage / raw_inside / MANIFEST_NAME, pins.rows())
                swap_in(stage, out_dir)
                if raw_inside is None and pins.changed:  # only once the new dataset is in place
                    write_manifest(raw_dir / MANIFEST_NAME, pins.rows())
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)  # gone already once swapped in
            raise
        if card_path is not None:
            write_text_atomic(card_path, cards.human)
        return result


@contextmanager
def _scratch(stage: Path, raw_dir: Path) -> Iterator[tuple[Path, PinStore, _OutcomeLog]]:
    """A scratch folder beside the stage with the build's per-file records (pins, outcomes) in
    SQLite files, so that the build's process does not grow with the corpus, and room for the
    workers' hand-over files; a killed build's is removed with its stage by the next build."""
    folder = stage.with_name(stage.name + ".scratch")
    folder.mkdir()
    stores: list[PinStore | _OutcomeLog] = []
    try:
        stores.append(pins := PinStore(folder / "pins.sqlite", raw_dir / MANIFEST_NAME))
        stores.append(log := _OutcomeLog(folder / "outcomes.sqlite"))
        yield folder, pins, log
    finally:
        for store in stores:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)


def _build_into(
    stage: Path,
    out_dir: Path,
    results: Iterable[FileResult],
    pins: PinStore,
    log: _OutcomeLog,
    update_manifest: bool,
    on_progress: Callable[[int, int], None] | None,
) -> BuildResult:
    result = BuildResult(out_dir)
    with result.timed("parse and write"), DatasetWriter(stage) as writer:
        run = _Pass(pins, log, update_manifest, writer)
        for done, res in enumerate(results, start=1):
            run.consume(res)
            if on_progress:
                on_progress(done, writer.rows_written())
    if run.changed:
        raise ManifestError("; ".join(run.changed) + " (rebuild with --update-manifest to accept the new bytes)")
    give_back_memory()
    with result.timed("person ids"):
        _fill_person_ids(stage)
    with result.timed("outcomes"):
        result.outcomes = log.by_file_name()
    result.rows = writer.rows()
    return result


def _relative_inside(path: Path, folder: Path) -> Path | None:
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return None


def _fill_person_ids(root: Path) -> None:
    """Give every person and speaker its dataset-wide id, once all articles are written.

    Ids depend on every name in the dataset (spelling variants merge), so they cannot be
    known while articles are parsed one by one; only the distinct names and their ids are held
    in memory. The ids are written with Arrow, row group by row group.
    """
    ids = assign_ids(distinct_names(root))

    def id_of(names: pa.Array | pa.ChunkedArray) -> pa.Array:
        # A dict lookup per name: pc.index_in hashes its whole value set on every call, once per
        # row group, which made this step grow with the square of the corpus (100,000 crawl
        # pages: 50 s, a tenth of the build).
        return pa.array([None if n is None else ids.get(n) for n in names.to_pylist()], pa.string())

    def with_ids(column: str, rows: pa.Table) -> pa.Array | pa.ChunkedArray:
        if column == "people":
            return with_item_field(rows["people"], "person_id", lambda p: id_of(pc.struct_field(p, "name")))
        if column == "quotes":
            return with_item_field(rows["quotes"], "speaker_id", lambda q: id_of(pc.struct_field(q, "speaker")))
        return id_of(rows["speaker"])  # speaker_id

    for config, columns in (("articles", ["people", "quotes"]), ("quotes", ["speaker_id"])):
        for path in shard_files(root, config):
            rewrite_columns(path, config, with_ids, columns)


def _write_report(path: Path, result: BuildResult) -> dict[str, Any]:
    """``build_report.json``: counts, then one entry per input file, written entry by entry
    (the same bytes as ``json.dumps(report, indent=2)``, without the whole report in memory).

    Returns the counts with the first ``TABLE_ROWS`` files that are not articles: what the card shows.
    """
    reasons = Counter(o.reason for o in result.outcomes if o.reason)
    summary = {
        "inputs": len(result.outcomes),
        "articles": sum(o.status == "ok" for o in result.outcomes),
        "rejected": len(result.rejected),
        "duplicates": len(result.duplicates),
        "near_duplicates": sum(o.near_duplicate_of is not None for o in result.outcomes),
        "by_reason": dict(sorted(reasons.items())),
        "rows": result.rows,
    }
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(summary, indent=2, ensure_ascii=False).removesuffix("\n}"))
        out.write(',\n  "files": [')
        for i, o in enumerate(result.outcomes):
            entry = json.dumps(_entry(o), indent=2, ensure_ascii=False)
            out.write(("," if i else "") + "\n" + textwrap.indent(entry, "    "))
        out.write("\n  ]\n}\n" if result.outcomes else "]\n}\n")
    not_ok = (o for o in result.outcomes if o.status != "ok")
    return summary | {"files": [_entry(o) for o in islice(not_ok, TABLE_ROWS)]}


def _entry(outcome: Outcome) -> dict[str, Any]:
    return {f.name: getattr(outcome, f.name) for f in fields(Outcome)}
