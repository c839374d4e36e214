"""What a build may touch: ``--raw`` and ``--out`` checked before anything is written, the
marker that says a folder is a dataset this package built, and one build per output at a time.

A build writes into ``OUT`` only when it is missing, empty (or holds nothing but the raw folder),
or is a dataset this package built: it carries the marker file a build leaves (``.karabakh-news``)
or, from builds older than the marker, a build report in this package's format. Anything else is
someone else's folder, and the build stops before its first write unless ``force``. Even then a
build replaces only what it produces (:func:`is_build_output`: the card, the report, the Croissant
file, the marker and the Parquet shards under ``data/``); every other file is carried over into
the new folder untouched.

The lock is an ``flock`` on a hidden file beside ``OUT``, held for the whole build. The kernel
releases it when the process dies however it dies, so a staging folder left beside ``OUT`` is
provably stale (and removed) only once the lock is ours.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path, PurePath

from karabakh_news import __version__
from karabakh_news.croissant import CROISSANT_NAME
from karabakh_news.errors import BuildLocked, PathError
from karabakh_news.parquet import SHARD_NAME
from karabakh_news.schema import CONFIGS

REPORT_NAME = "build_report.json"
CARD_NAME = "README.md"
MARKER_NAME = ".karabakh-news"
DATA_FOLDER = "data"
OUTPUTS = (DATA_FOLDER, CARD_NAME, REPORT_NAME, CROISSANT_NAME, MARKER_NAME)  # what a build writes in OUT
_SHOWN = 4  # foreign entries named in the refusal


def is_build_output(relative: PurePath) -> bool:
    """Whether a path inside ``OUT`` is one a build writes (and so may replace)."""
    parts = relative.parts
    if len(parts) == 1:
        return parts[0] in OUTPUTS and parts[0] != DATA_FOLDER
    return len(parts) == 3 and parts[0] == DATA_FOLDER and parts[1] in CONFIGS and bool(SHARD_NAME.fullmatch(parts[2]))


def marker_text() -> str:
    """The marker's content: which package and version built the folder."""
    return json.dumps({"built_by": "karabakh-news", "version": __version__}) + "\n"


def check_raw(raw: Path, *, allow_empty: bool = False) -> None:
    """``raw`` must be a readable folder holding at least one ``.txt`` page (unless ``allow_empty``)."""
    if not raw.exists():
        raise PathError(f"raw folder {raw} does not exist")
    if not raw.is_dir():
        raise PathError(f"--raw {raw} is a file, not a folder of .txt pages")
    try:
        has_pages = _holds_txt(raw)
    except PermissionError as exc:
        raise PathError(f"raw folder {raw} cannot be read: {exc.strerror or 'permission denied'}") from exc
    if not has_pages and not allow_empty:
        raise PathError(f"no .txt files in {raw}; nothing was written (--allow-empty builds an empty dataset)")


def _holds_txt(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return any(e.name.endswith(".txt") and not e.name.startswith(".") for e in entries)


def check_layout(raw: Path, out: Path) -> None:
    """``OUT`` may hold the raw folder (as ``dataset/raw`` in ``dataset/``) but not sit inside it,
    and the raw folder may not sit where a build replaces files (under ``data/``)."""
    raw_at, out_at = raw.resolve(), out.resolve()
    if out_at == raw_at or raw_at in out_at.parents:
        where = "the raw folder itself" if out_at == raw_at else f"inside the raw folder {raw}"
        raise PathError(f"--out {out} is {where}: a build never writes among the pages it reads")
    if out_at in raw_at.parents and raw_at.relative_to(out_at).parts[0] == DATA_FOLDER:
        raise PathError(f"raw folder {raw} is inside {out / DATA_FOLDER}, which every build replaces")


def check_output(out: Path, raw: Path, *, force: bool = False) -> None:
    """Refuse an ``OUT`` that is a file, or a folder this package did not build (unless ``force``)."""
    if out.exists() and not out.is_dir():
        raise PathError(f"--out {out} is a file, not a folder; nothing was written")
    if not out.is_dir() or force or is_built_folder(out):
        return
    foreign = _entries_besides_raw(out, raw)
    if foreign:
        shown = ", ".join(foreign[:_SHOWN]) + (f" and {len(foreign) - _SHOWN} more" if len(foreign) > _SHOWN else "")
        raise PathError(
            f"--out {out} is not a dataset built by karabakh-news (it holds {shown}); nothing was written. "
            "Build into a new or empty folder, or pass --force to build into this one: a build then "
            f"replaces only {', '.join(OUTPUTS[1:4])} and data/*/<split>-*.parquet and keeps every other file"
        )


def is_built_folder(out: Path) -> bool:
    """Whether ``out`` carries the marker, or the report of a build older than the marker."""
    if (out / MARKER_NAME).is_file():
        return True
    try:
        with (out / REPORT_NAME).open(encoding="utf-8") as f:
            head = f.read(512)
    except (OSError, UnicodeDecodeError):
        return False
    return head.startswith('{\n  "inputs": ') and '"by_reason": ' in head


def _entries_besides_raw(out: Path, raw: Path) -> list[str]:
    """The names in ``out``, but for the one leading to the raw folder when it lies inside."""
    raw_at, out_at = raw.resolve(), out.resolve()
    raw_top = raw_at.relative_to(out_at).parts[0] if out_at in raw_at.parents else None
    return sorted(e.name for e in out.iterdir() if e.name != raw_top)


def lock_path(out: Path) -> Path:
    """The lock file: beside ``OUT`` (inside it, the swap would carry it away)."""
    return out.parent / f".{out.name}.lock"


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold ``OUT``'s lock for the block; fail at once with :class:`BuildLocked` if a build has it.

    The lock file is removed on the way out while still held; a build that opened it just before
    finds, once it has the lock, that the path names another file (or none) and starts again.
    """
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _acquire(path, out)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)


def _acquire(path: Path, out: Path) -> int:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise BuildLocked(
                f"another build (pid {holder}) is writing to {out}; try again once it has finished"
            ) from None
        if _names_file(path, fd):
            return fd
        os.close(fd)


def _names_file(path: Path, fd: int) -> bool:
    try:
        here = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)
