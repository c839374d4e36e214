"""Running :func:`karabakh_news.work.process_file` over the raw files, results in input order.

One worker runs in the build's own process. More use a ``forkserver`` process pool whose
workers load only the parsing code (not ``datasets`` or ``pyarrow``), which keeps the memory of
the process tree small. Results always come back in input order, so the output never depends
on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from functools import partial
from multiprocessing.pool import AsyncResult
from pathlib import Path

from karabakh_news.work import FileResult, process_file

CHUNK_SIZE = 16  # files per task: enough to amortise the hand-over, small enough to balance
MAX_PENDING_CHUNKS = 4  # per worker: results waiting for the writer stay bounded in memory


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def process_chunk(paths: Sequence[str], raw_dir: str, max_bytes: int) -> list[FileResult]:
    return [process_file(p, raw_dir, max_bytes) for p in paths]


def _chunks(names: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(names), CHUNK_SIZE):
        yield names[i : i + CHUNK_SIZE]


def map_files(paths: Sequence[Path], raw_dir: Path, max_bytes: int, workers: int) -> Iterator[FileResult]:
    """``process_file`` over ``paths`` with ``workers`` processes, yielding in input order.

    At most ``MAX_PENDING_CHUNKS`` chunks per worker are in flight, so a slow consumer never
    lets parsed results pile up (``Pool.imap`` would queue every result).
    """
    names = [str(p) for p in paths]
    if workers <= 1:
        for name in names:
            yield process_file(name, str(raw_dir), max_bytes)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["karabakh_news.work"])
    work = partial(process_chunk, raw_dir=str(raw_dir), max_bytes=max_bytes)
    with context.Pool(workers) as pool:
        pending: deque[AsyncResult[list[FileResult]]] = deque()
        for chunk in _chunks(names):
            pending.append(pool.apply_async(work, (chunk,)))
            if len(pending) >= MAX_PENDING_CHUNKS * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
