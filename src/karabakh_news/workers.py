"""Running :func:`karabakh_news.work.process_file` over the raw files, results in input order.

* one worker, or no more files than one chunk holds: in the build's own process (starting a
  pool takes longer than parsing a few pages);
* more workers: a ``forkserver`` ``ProcessPoolExecutor`` whose workers load only the parsing code (not
  ``datasets`` or ``pyarrow``), which keeps the memory of the process tree small; each chunk's
  results come back as a file in a temporary folder (only its path goes through the pool's
  pipe), so that a killed worker always fails the build instead of hanging it;
* ``engine="dask"``: the chunks go to a Dask cluster (``scheduler`` address, or a local
  cluster when none is given); its workers must see the raw folder at the same path.

Parsing is the costly part and runs wherever the engine puts it; pinning splits, finding
duplicates and writing Parquet stay in the build's process, in id order. Results always come
back in input order with a bounded number in flight, so the output never depends on the
engine or the number of workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import signal
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path

from karabakh_news.errors import KarabakhNewsError, WorkerDied
from karabakh_news.work import FileResult, process_file

CHUNK_SIZE = 16  # files per task: enough to amortise the hand-over, small enough to balance
MAX_PENDING_CHUNKS = 4  # per worker: results waiting for the writer stay bounded


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def uses_pool(files: int, workers: int) -> bool:
    """Whether parsing ``files`` files with ``workers`` workers starts a process pool: not for
    one worker, nor for one chunk of files or less (starting a pool takes longer than parsing
    a few pages)."""
    return min(workers, -(-files // CHUNK_SIZE)) > 1


def process_chunk(names: Sequence[str], raw_dir: str, max_bytes: int) -> list[FileResult]:
    """``process_file`` over the files ``names`` of ``raw_dir``."""
    return [process_file(os.path.join(raw_dir, name), raw_dir, max_bytes) for name in names]


def process_chunk_to_file(names: Sequence[str], raw_dir: str, max_bytes: int, out_path: str) -> str:
    """``process_chunk``, its results pickled to the file ``out_path``; returns that path.

    A pool's results come back through one pipe, and a worker killed while writing a large
    result there (hundreds of KB for a chunk) leaves half a message in it: the pool's reader then
    waits for the rest for ever, and the build hangs instead of failing (3 of 20 runs of a test
    that kills the workers did). A path goes into the pipe in one write, which a kill cannot
    cut, so the pool always sees the death (the half-written file goes with the folder).
    """
    with open(out_path, "wb") as out:
        pickle.dump(process_chunk(names, raw_dir, max_bytes), out, protocol=pickle.HIGHEST_PROTOCOL)
    return out_path


def _results_from(future: Future[str]) -> list[FileResult]:
    """The results a worker wrote for one chunk (see :func:`process_chunk_to_file`); the file is
    removed once read."""
    path = future.result()
    with open(path, "rb") as handed_over:
        results: list[FileResult] = pickle.load(handed_over)
    os.remove(path)
    return results


def _chunks(names: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(names), CHUNK_SIZE):
        yield names[i : i + CHUNK_SIZE]


def map_files(
    names: Sequence[str],
    raw_dir: Path,
    max_bytes: int,
    workers: int,
    engine: str = "local",
    scheduler: str | None = None,
    hand_over_dir: Path | None = None,
) -> Generator[FileResult, None, None]:
    """``process_file`` over the files ``names`` of ``raw_dir`` with ``workers`` processes,
    yielding in input order.

    At most ``MAX_PENDING_CHUNKS`` chunks per worker are in flight, so a slow consumer never
    lets parsed results pile up (``Executor.map`` would submit every chunk at once). The
    workers' hand-over files go to a temporary folder in ``hand_over_dir`` (default: the
    system's temporary folder); the build gives its scratch folder, which the next build
    removes should this one be killed.
    """
    if engine == "dask":
        yield from _map_dask(names, str(raw_dir), max_bytes, workers, scheduler)
        return
    if not uses_pool(len(names), workers):
        for name in names:
            yield process_file(str(raw_dir / name), str(raw_dir), max_bytes)
        return
    work = partial(process_chunk_to_file, raw_dir=str(raw_dir), max_bytes=max_bytes)
    # The folder outlives the pool: its workers may still be writing when the parse stops early.
    with (
        tempfile.TemporaryDirectory(prefix="karabakh-news-parse-", dir=hand_over_dir) as hand_over,
        _pool(workers) as pool,
    ):
        submitted = (
            partial(_results_from, pool.submit(work, chunk, out_path=os.path.join(hand_over, f"{i:09d}.pickle")))
            for i, chunk in enumerate(_chunks(names))
        )
        yield from _in_order(submitted, MAX_PENDING_CHUNKS * workers)


@contextlib.contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes forked from the fork server; a worker's death fails the
    parse with :class:`WorkerDied`, and the workers end with the build's process, however it ends.

    Not multiprocessing.Pool: its worker-maintenance thread wakes whenever a result waits in the
    pipe and spins until another thread reads it (a third of the build process's CPU). The
    executor's one thread waits for results and reads them itself, and a worker that dies fails
    the build (BrokenProcessPool) instead of leaving it waiting.
    """
    lifeline, held_by_the_build = multiprocessing.Pipe(duplex=False)
    pool = ProcessPoolExecutor(
        workers, mp_context=_fork_server_context(), initializer=_exit_with_the_build, initargs=(lifeline,)
    )
    try:
        yield pool
    except BrokenProcessPool as exc:
        raise WorkerDied("a worker process died while parsing (killed, or out of memory); the build stopped") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        held_by_the_build.close()
        lifeline.close()
        with contextlib.suppress(OSError):  # after ^C the server may have removed its socket already
            _stop_fork_server()


def _exit_with_the_build(lifeline: Connection) -> None:
    """Worker initializer: the worker's life follows the build's process.

    * ^C (SIGINT to the terminal's process group) is the build's to handle: it stops the pool.
      A worker that took it itself would die with a traceback on the terminal, or hand a
      KeyboardInterrupt back as its result.
    * Workers wait for tasks on a queue whose write end every worker holds too, so when the
      build's process is killed (SIGKILL, the out-of-memory killer) they would wait for ever,
      each holding its memory (about 115 MB), and keep the fork server alive. The build's
      process holds the only write end of ``lifeline``: when it is gone, the read ends and so
      does the worker.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def wait_for_the_build() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv_bytes()
        os._exit(1)

    threading.Thread(target=wait_for_the_build, name="karabakh-news-lifeline", daemon=True).start()


def _fork_server_context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["karabakh_news.work", "karabakh_news._worker_preload"])
    return context


def start_fork_server() -> None:
    """Start the workers' fork server now: it loads the parsing code and the language model
    (about a second) while the caller goes on, so a caller that still has the rest of the build
    to import (the command line) does both at once. The pool then forks its workers from it."""
    _fork_server_context()
    multiprocessing.forkserver.ensure_running()


def _stop_fork_server() -> None:
    """Stop the fork server once the pool is done (the next pool starts a new one).

    It holds the preloaded parsing code and language model, about 100 MB, for as long as the
    build's process lives, and the steps that end a build do not need it. ``_stop`` is
    multiprocessing's own (its tests use it); should it ever go, the server is left running.
    """
    stop = getattr(getattr(multiprocessing.forkserver, "_forkserver", None), "_stop", None)
    if callable(stop):
        stop()


def _in_order(submitted: Iterator[Callable[[], list[FileResult]]], in_flight: int) -> Iterator[FileResult]:
    """Results of submitted chunks in submission order, with at most ``in_flight`` chunks pending.

    ``submitted`` yields one "wait for the result" callable per chunk, submitting it as it is
    drawn, so drawing lazily is what bounds the work in flight.
    """
    pending: deque[Callable[[], list[FileResult]]] = deque()
    for result_of in submitted:
        pending.append(result_of)
        if len(pending) >= in_flight:
            yield from pending.popleft()()
    while pending:
        yield from pending.popleft()()


def _map_dask(
    names: Sequence[str], raw_dir: str, max_bytes: int, workers: int, scheduler: str | None
) -> Iterator[FileResult]:
    try:
        from distributed import Client, KilledWorker, LocalCluster
    except ImportError as exc:  # an optional extra: pip install "karabakh-news[dask]"
        raise KarabakhNewsError('the dask engine needs: pip install "karabakh-news[dask]"') from exc
    cluster = None if scheduler else LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True)
    client = Client(scheduler or cluster)
    try:
        in_flight = MAX_PENDING_CHUNKS * max(workers, len(client.scheduler_info().get("workers", {})), 1)
        submitted = (
            client.submit(process_chunk, list(c), raw_dir, max_bytes, pure=False).result for c in _chunks(names)
        )
        yield from _in_order(submitted, in_flight)
    except KilledWorker as exc:  # Dask retried the chunk on other workers, and they died too
        raise WorkerDied(f"Dask workers died while parsing ({exc}); the build stopped") from exc
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
