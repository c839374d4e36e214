"""Orchestration: raw folder -> parsed records -> Parquet, report and cards, swapped in whole.

I/O lives here; parsing is pure (:func:`karabakh_news.article.parse_article`). Every input
file ends either as an article or as a rejection with a stable reason code in
``build_report.json``. Outputs are staged in a hidden folder inside ``OUT`` and moved into
place only once complete, so a failed build leaves the previous dataset as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from karabakh_news.article import Article, parse_article
from karabakh_news.card import ABOUT_NAME, render_cards
from karabakh_news.decode import decode_text
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

REPORT_NAME = "build_report.json"
CARD_NAME = "README.md"
OUTPUTS = ("data", CARD_NAME, REPORT_NAME)  # what a build owns inside OUT
CONTROL_FILES = (MANIFEST_NAME, ABOUT_NAME)  # raw-folder files that are not articles


@dataclass(frozen=True)
class Outcome:
    """What became of one input file (a row of the build report)."""

    file_name: str
    status: str  # "ok" or "rejected"
    reason: str | None = None
    message: str | None = None
    id: str | None = None
    size: int | None = None
    sha256: str | None = None
    split: str | None = None


@dataclass
class BuildResult:
    out_dir: Path
    outcomes: list[Outcome] = field(default_factory=list)
    rows: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rejected"]


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


def _read(path: Path) -> _Input | Outcome:
    """The file's bytes, or an :class:`Outcome` saying why it cannot be an article."""
    name = path.name
    if path.suffix != ".txt" or not path.is_file():
        return Outcome(name, "rejected", "not_txt", f"{name}: not a .txt file; only *.txt files are articles")
    if not SAFE_ID.match(path.stem):
        return Outcome(name, "rejected", "unsafe_id", f"{name}: file stem is not a safe id ({SAFE_ID.pattern})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Outcome(name, "rejected", "unreadable", f"{name}: cannot be read ({exc.strerror})")
    return _Input(path, path.stem, data, hashlib.sha256(data).hexdigest())


def _pin(inputs: list[_Input], manifest: dict[str, ManifestRow], update: bool) -> dict[str, ManifestRow]:
    """Manifest rows for every input: pinned rows checked, new files given their hash split."""
    pinned = dict(manifest)
    changed = []
    for item in inputs:
        row = pinned.get(item.id)
        problem = check_pinned(row, len(item.data), item.sha256) if row is not None else None
        if problem and not update:
            changed.append(problem)
            continue
        split = row.split if row is not None else hash_split(item.id)
        pinned[item.id] = ManifestRow(item.id, item.path.name, len(item.data), item.sha256, split)
    if changed:
        raise ManifestError("; ".join(changed) + " (rebuild with --update-manifest to accept the new bytes)")
    return pinned


def _parse(item: _Input, split: str) -> Article | Outcome:
    name = item.path.name
    try:
        text = decode_text(item.data, name)
        return parse_article(text, item.id, source_file=name, source_sha256=item.sha256)
    except InputError as exc:
        return Outcome(name, "rejected", exc.reason, str(exc), item.id, len(item.data), item.sha256, split)


def _write_json(path: Path, payload: object) -> None:
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Move the staged outputs over the old ones; the old ones are removed last."""
    previous = Path(tempfile.mkdtemp(dir=out_dir, prefix=".previous-"))
    for name in OUTPUTS:
        if (out_dir / name).exists():
            os.replace(out_dir / name, previous / name)
        os.replace(staging / name, out_dir / name)
    shutil.rmtree(previous)
    shutil.rmtree(staging)


def _write_text_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _articles(inputs: list[_Input], pinned: dict[str, ManifestRow]) -> Iterator[Article | Outcome]:
    for item in inputs:
        yield _parse(item, pinned[item.id].split)


def build(
    raw_dir: Path,
    out_dir: Path,
    *,
    strict: bool = False,
    update_manifest: bool = False,
    card_path: Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build every config from ``raw_dir`` into ``out_dir``; see the module docstring.

    ``on_progress(files_done, rows_written)`` is called after every input file.
    """
    if not raw_dir.is_dir():
        raise KarabakhNewsError(f"raw folder {raw_dir} does not exist")
    result = BuildResult(out_dir)
    inputs: list[_Input] = []
    for path in _candidates(raw_dir):
        read = _read(path)
        if isinstance(read, Outcome):
            result.outcomes.append(read)
        else:
            inputs.append(read)
    manifest = read_manifest(raw_dir / MANIFEST_NAME)
    pinned = _pin(inputs, manifest, update_manifest)

    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=".staging-"))
    try:
        with DatasetWriter(staging) as writer:
            for done, parsed in enumerate(_articles(inputs, pinned), start=1):
                if isinstance(parsed, Outcome):
                    result.outcomes.append(parsed)
                else:
                    split = pinned[parsed.id].split
                    for config, rows_of in ROWS_OF.items():
                        for row in rows_of(parsed):
                            writer.write(config, split, row)
                    result.outcomes.append(_ok(parsed, pinned[parsed.id]))
                if on_progress:
                    on_progress(done, writer.rows_written())
        _fill_person_ids(staging)
        result.rows = {c: {s: w.rows_written for (c2, s), w in writer.writers.items() if c2 == c} for c in ROWS_OF}
        result.outcomes.sort(key=lambda o: o.file_name)
        if strict and result.rejected:
            raise StrictModeError("--strict: rejected " + "; ".join(o.message or o.file_name for o in result.rejected))
        _write_json(staging / REPORT_NAME, _report(result))
        cards = render_cards(staging, raw_dir, pinned)
        (staging / CARD_NAME).write_text(cards.hub, encoding="utf-8")
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if card_path is not None:
        _write_text_atomic(card_path, cards.human)
    if pinned != manifest:
        write_manifest(raw_dir / MANIFEST_NAME, pinned)
    return result


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


def _ok(article: Article, row: ManifestRow) -> Outcome:
    return Outcome(row.file_name, "ok", None, None, article.id, row.size, row.sha256, row.split)


def _report(result: BuildResult) -> dict[str, object]:
    reasons: dict[str, int] = {}
    for o in result.rejected:
        reasons[o.reason or "unknown"] = reasons.get(o.reason or "unknown", 0) + 1
    return {
        "inputs": len(result.outcomes),
        "articles": sum(o.status == "ok" for o in result.outcomes),
        "rejected": len(result.rejected),
        "rejected_by_reason": dict(sorted(reasons.items())),
        "rows": result.rows,
        "files": [asdict(o) for o in result.outcomes],
    }
