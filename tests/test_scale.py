"""The build at scale: output identical whatever runs the parse, shards, and the benchmark."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import karabakh_news.parquet as parquet
from karabakh_news.build import build
from karabakh_news.synthetic import write_corpus

from .conftest import ROOT


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("corpus") / "raw"
    write_corpus(raw, 240)
    return raw


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("single") / "out"
    build(corpus, out, workers=1)
    return _files(out)


def test_synthetic_corpus_reaches_every_role_and_outcome(single: dict[str, bytes]) -> None:
    import io

    import pyarrow.parquet as pq

    roles = set()
    for name, data in single.items():
        if name.startswith("data/lines/"):
            roles |= set(pq.read_table(io.BytesIO(data))["role"].to_pylist())
    from karabakh_news.schema import ROLES

    assert roles == set(ROLES)
    report = json.loads(single["build_report.json"])
    assert report["duplicates"] >= 1 and report["near_duplicates"] >= 1 and report["rejected"] >= 1
    assert {f["encoding"] for f in report["files"]} >= {"utf-8"} and any(
        (f["encoding"] or "").startswith("cp") for f in report["files"]
    )


def test_two_workers_give_the_same_bytes(corpus: Path, single: dict[str, bytes], tmp_path: Path) -> None:
    build(corpus, tmp_path / "out", workers=2)
    assert _files(tmp_path / "out") == single


def test_command_line_starts_the_fork_server_early(
    corpus: Path, single: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command starts the workers' fork server before importing the build (so the two load
    at once); the build then uses that server and stops it, and the bytes are the same."""
    import multiprocessing.forkserver

    from karabakh_news import cli, workers

    started = []

    def start() -> None:
        started.append(getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None))  # type: ignore[attr-defined]
        real_start()

    real_start = workers.start_fork_server
    monkeypatch.setattr(workers, "start_fork_server", start)
    assert cli.main(["build", "--raw", str(corpus), "--out", str(tmp_path / "out"), "--workers", "2", "-q"]) == 0
    assert started == [None]  # started once, by the command, with no server running before
    assert _files(tmp_path / "out") == single
    assert getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None) is None  # type: ignore[attr-defined]


def test_worker_processes_end_with_the_parse(corpus: Path, tmp_path: Path) -> None:
    """No worker or fork server outlives the parse (the end of a build runs without them), and
    the next parallel build starts its own."""
    import multiprocessing
    import multiprocessing.forkserver

    from karabakh_news.workers import map_files

    names = sorted(p.name for p in corpus.glob("*.txt"))[:40]
    for _ in range(2):
        results = list(map_files(names, corpus, 10**7, workers=2))
        assert [r.file_name for r in results] == names
        assert multiprocessing.active_children() == []
        assert getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None) is None  # type: ignore[attr-defined]


def test_no_pool_for_fewer_files_than_a_chunk(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A handful of files (the seed corpus) is parsed in the build's own process: starting a
    fork server and workers would take longer than the parse."""
    from karabakh_news import workers

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", no_pool)
    names = sorted(p.name for p in corpus.glob("*.txt"))[: workers.CHUNK_SIZE]
    assert [r.file_name for r in workers.map_files(names, corpus, 10**7, workers=2)] == names
    with pytest.raises(AssertionError, match="pool was started"):
        list(workers.map_files(names + names[:1], corpus, 10**7, workers=2))


_KILL_THE_WORKERS = """
import multiprocessing, os, random, signal, sys, time
from pathlib import Path
from karabakh_news.errors import WorkerDied
from karabakh_news.workers import map_files

if __name__ == "__main__":
    corpus = Path(sys.argv[1])
    names = sorted(p.name for p in corpus.glob("*.txt"))
    for delay in [0.0] + [random.Random(k).uniform(0, 0.2) for k in range(7)]:
        results = map_files(names, corpus, 10**7, workers=2)
        next(results)  # the pool is up and parsing; results are being handed over
        time.sleep(delay)
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)
        try:
            list(results)
        except WorkerDied as exc:
            assert "worker process died" in str(exc)
        else:
            sys.exit("the parse ended without an error")
        assert multiprocessing.active_children() == []
"""


def test_a_worker_that_dies_stops_the_parse_with_a_clear_error(corpus: Path) -> None:
    """A killed worker (the kernel's out-of-memory killer, an operator) ends the parse with an
    error naming what happened, instead of a build that waits forever for its results; also when
    the kill lands while a worker hands its results over (it did hang then, one run in seven).
    Eight kills at different moments, in a child process with a time limit, so that a hang fails
    the test instead of the test run."""
    done = subprocess.run([sys.executable, "-c", _KILL_THE_WORKERS, str(corpus)], timeout=240, check=False)
    assert done.returncode == 0


def test_dask_local_cluster_gives_the_same_bytes(corpus: Path, single: dict[str, bytes], tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    build(corpus, tmp_path / "out", workers=2, engine="dask")
    assert _files(tmp_path / "out") == single


def test_dask_workers_that_die_stop_the_parse_with_the_same_error(corpus: Path) -> None:
    """Dask reschedules a dead worker's chunks; when the workers keep dying (here: at once, with no
    retries allowed) the parse ends with WorkerDied, as with local workers."""
    pytest.importorskip("distributed")
    import os
    import signal

    import dask
    import psutil

    from karabakh_news.errors import WorkerDied
    from karabakh_news.workers import map_files

    names = sorted(p.name for p in corpus.glob("*.txt"))
    before = {p.pid for p in psutil.Process().children()}
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        results = map_files(names, corpus, 10**7, workers=2, engine="dask")
        next(results)  # the local cluster is up and parsing
        for worker in psutil.Process().children():
            if worker.pid not in before and "resource_tracker" not in " ".join(worker.cmdline()):
                os.kill(worker.pid, signal.SIGKILL)
        with pytest.raises(WorkerDied, match="Dask workers died"):
            list(results)


def test_shards_follow_the_size_limits_and_the_card(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datasets
    import yaml

    monkeypatch.setattr(parquet, "MAX_SHARD_ROWS", 50)
    monkeypatch.setattr(parquet, "ROW_GROUP_SIZE_OF", {"articles": 20})
    monkeypatch.setattr(parquet, "ROW_GROUP_SIZE", 400)
    out = tmp_path / "out"
    result = build(corpus, out)
    shards = sorted(p.name for p in (out / "data" / "articles").glob("train-*.parquet"))
    total = len(shards)
    assert total > 1 and shards == [f"train-{i:05d}-of-{total:05d}.parquet" for i in range(total)]
    front = yaml.safe_load((out / "README.md").read_text().split("---")[1])
    info = next(i for i in front["dataset_info"] if i["config_name"] == "articles")
    train = next(s for s in info["splits"] if s["name"] == "train")
    assert train["num_examples"] == result.rows["articles"]["train"]
    ds = datasets.load_dataset(str(out), "articles", split="train", cache_dir=str(tmp_path / "cache"))
    assert ds.num_rows == result.rows["articles"]["train"]


def test_benchmark_prints_one_json_object(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "benchmark.py"),
            "--n",
            "40",
            "--workers",
            "2",
            "--keep",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["n"] == 40 and result["workers"] == 2
    for part in ("build", "io_floor", "bare_line_classifier"):
        assert result[part]["seconds"] > 0 and result[part]["peak_pss_mb"] > 0
        # The tree's CPU time covers its main process's (sampled, so it may lag a little).
        assert result[part]["cpu_seconds"] > 0
        assert 0 <= result[part]["cpu_seconds_main_process"] <= result[part]["cpu_seconds"]
    assert result["build_to_floor_throughput"] == pytest.approx(
        result["io_floor"]["seconds"] / result["build"]["seconds"], rel=1e-3
    )
    assert result["bare_line_classifier_to_floor_throughput"] == pytest.approx(
        result["io_floor"]["seconds"] / result["bare_line_classifier"]["seconds"], rel=1e-3
    )
    # The yardstick labels every line of every file.
    kinds = pq.read_table(tmp_path / "line-classifier").column("line_kinds").to_pylist()
    texts = [p.read_bytes().decode("utf-8", "replace") for p in (tmp_path / "raw").glob("*.txt")]
    raw_lines = sum(len(text.splitlines()) for text in texts)
    assert len(kinds) == 40 and sum(map(len, kinds)) == raw_lines
