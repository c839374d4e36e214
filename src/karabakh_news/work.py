"""The per-file work of a build, as one picklable function for worker processes or a cluster.

:func:`process_file` reads one raw file and returns everything the build needs from it: its
hash, the decoded text's duplicate key and MinHash signature, and the rows of every config, or
the reason it cannot be an article. It holds no state, so any engine can map it over files
(a local process pool, or Dask); the build consumes the results in id order, which keeps the
output identical whatever ran it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from karabakh_news.article import parse_article
from karabakh_news.decode import decode
from karabakh_news.errors import InputError
from karabakh_news.fingerprint import signature, text_key
from karabakh_news.manifest import SAFE_ID
from karabakh_news.rows import Columns, columns_of


@dataclass(frozen=True)
class FileResult:
    """What one raw file gave: rows and keys for an article, or a rejection reason."""

    file_name: str
    id: str | None = None
    size: int | None = None
    sha256: str | None = None
    reason: str | None = None  # set when the file cannot be an article
    message: str | None = None
    encoding: str | None = None
    text_key: bytes | None = None
    signature: np.ndarray | None = None
    columns: dict[str, Columns] | None = None  # per config, one list per field

    @property
    def was_read(self) -> bool:
        return self.sha256 is not None


def _refused(name: str, reason: str, message: str) -> FileResult:
    return FileResult(name, reason=reason, message=f"{name}: {message}")


def read_checked(path: Path, raw_dir: Path, max_bytes: int) -> tuple[bytes, str] | FileResult:
    """The bytes and sha256 of a raw file, or why it is not read at all."""
    name = path.name
    if path.is_symlink() and not path.resolve().is_relative_to(raw_dir.resolve()):
        return _refused(name, "symlink_outside", "a symbolic link to a file outside the raw folder")
    if path.suffix != ".txt" or not path.is_file():
        return _refused(name, "not_txt", "not a .txt file; only *.txt files are articles")
    if not SAFE_ID.match(path.stem):
        return _refused(name, "unsafe_id", f"file stem is not a safe id (it must match {SAFE_ID.pattern})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _refused(name, "too_large", f"{size} bytes, more than the {max_bytes} an article may have")
        data = path.read_bytes()
    except OSError as exc:
        return _refused(name, "unreadable", f"cannot be read ({exc.strerror or exc})")
    return data, hashlib.sha256(data).hexdigest()


def process_file(path: str, raw_dir: str, max_bytes: int) -> FileResult:
    """Read, decode and parse one raw file (see the module docstring)."""
    file = Path(path)
    read = read_checked(file, Path(raw_dir), max_bytes)
    if isinstance(read, FileResult):
        return read
    data, sha = read
    read_only = FileResult(file.name, id=file.stem, size=len(data), sha256=sha)
    try:
        decoded = decode(data, file.name)
    except InputError as exc:
        return replace(read_only, reason=exc.reason, message=str(exc))
    decoded_only = replace(read_only, encoding=decoded.encoding, text_key=text_key(decoded.text))
    try:
        article = parse_article(decoded.text, file.stem, source_file=file.name, source_sha256=sha)
    except InputError as exc:
        return replace(decoded_only, reason=exc.reason, message=str(exc))
    return replace(decoded_only, signature=signature(article.body), columns=columns_of(article))
