"""Replacing the output folder in one step, so no reader ever sees half a build.

The build writes a complete new copy of ``OUT`` in a hidden sibling folder (files it does not
produce, such as ``raw/`` or a user's own notes, are hard links, not copies) and then exchanges the two folders with
Linux's ``renameat2(RENAME_EXCHANGE)``: one atomic system call. A process killed at any moment
leaves either the old folder or the new one. Where that call is missing, two renames are used
instead, which leave a window of microseconds without ``OUT``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePath
from typing import TextIO

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
STAGING_PREFIX = ".{name}.build-"


def _staging_glob(out: Path) -> str:
    return STAGING_PREFIX.format(name=out.name) + "*"


def remove_stale_staging(out: Path) -> list[Path]:
    """Remove staging folders that killed builds left beside ``out``."""
    stale = sorted(out.parent.glob(_staging_glob(out))) if out.parent.is_dir() else []
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return stale


def new_staging(out: Path, is_output: Callable[[PurePath], bool]) -> Path:
    """A hidden sibling of ``out`` holding hard links to everything in ``out`` but the paths
    ``is_output`` (given a path relative to ``out``) says the build writes anew."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out.parent, prefix=STAGING_PREFIX.format(name=out.name)))
    if out.is_dir():
        for entry in out.iterdir():
            _link_tree(entry, stage / entry.name, PurePath(entry.name), is_output)
    return stage


def _link_tree(src: Path, dest: Path, relative: PurePath, is_output: Callable[[PurePath], bool]) -> None:
    if is_output(relative):
        return
    if src.is_symlink():
        os.symlink(os.readlink(src), dest)
    elif src.is_dir():
        dest.mkdir()
        entries = list(src.iterdir())
        for entry in entries:
            _link_tree(entry, dest / entry.name, relative / entry.name, is_output)
        if entries and not any(dest.iterdir()):  # held only outputs: the build decides whether it comes back
            dest.rmdir()
    else:
        try:
            os.link(src, dest)
        except OSError:  # another filesystem or no hard links: copy instead
            shutil.copy2(src, dest)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    return bool(renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0)


def swap_in(stage: Path, out: Path) -> None:
    """Make ``stage`` the new ``out`` in one step; the old ``out`` is deleted afterwards."""
    if not out.exists():
        os.rename(stage, out)
        return
    if not _exchange(stage, out):
        old = stage.with_name(stage.name + ".old")  # beside the stage, so a later build cleans it up
        os.rename(out, old)
        os.rename(stage, out)
        stage = old
    shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """Write one file atomically: a text stream that replaces ``path`` when the block ends without
    an error (a crash leaves the old file or the new one)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            yield f
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_text_atomic(path: Path, text: str) -> None:
    """Replace one file atomically (a crash leaves the old file or the new one)."""
    with open_atomic(path) as f:
        f.write(text)
