#!/usr/bin/env python3
"""Benchmark the full build against the I/O floor, side by side in one run.

    python scripts/benchmark.py --n 10000 [--workers 2] [--keep DIR]

Generates a deterministic synthetic corpus of N raw pages (karabakh_news.synthetic), then
measures (a) the full build (`karabakh-news build`, all configs, cards included) and (b) the
I/O floor on the same files: W processes read every file and write its raw text into zstd
Parquet with pyarrow. As a yardstick it also measures (c) a bare regex line classifier in the
floor's harness: the same processes label every line of every file with one regex search and
write the labels instead of the text (the scale issue puts such a classifier at about 0.2 of
the floor; measuring it in the same run says what this machine gives it). Each runs as a child
process tree whose peak resident memory (the sum over the tree) and CPU time (the tree's, and
its main process's) are sampled every 250 ms. Prints one JSON object; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyarrow as pa
import pyarrow.parquet as pq

from karabakh_news.synthetic import write_corpus

SAMPLE_SECONDS = 0.25  # reading /proc/*/smaps costs CPU: sample often enough, not more


def _sample(proc: psutil.Process, cpu: dict[int, float]) -> tuple[int, int, int]:
    """(RSS, PSS) summed over a process and its descendants, and the PSS of the process itself;
    records each process's CPU time so far in ``cpu`` (by pid).

    RSS counts pages shared between processes (forked workers share their parent's libraries)
    once per process; PSS splits each shared page among its sharers, so its sum is the memory
    the tree really holds. Both are reported.
    """
    rss = pss = own = 0
    for p in [proc, *proc.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            info = p.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
            own = own or getattr(info, "pss", info.rss)
            times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
    return rss, pss, own


def _measure(command: list[str]) -> dict[str, float]:
    """Wall time, CPU time and peak tree memory of a child process.

    CPU time is sampled with the memory: each process counts up to its last sample, so the
    figures may fall short by up to ``SAMPLE_SECONDS`` per process.
    """
    start = time.perf_counter()
    child = subprocess.Popen(command)
    proc, peak_rss, peak_pss, peak_own = psutil.Process(child.pid), 0, 0, 0
    cpu: dict[int, float] = {}
    while child.poll() is None:
        with contextlib.suppress(psutil.Error):
            rss, pss, own = _sample(proc, cpu)
            peak_rss, peak_pss, peak_own = max(peak_rss, rss), max(peak_pss, pss), max(peak_own, own)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{command} failed with exit code {child.returncode}")
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(sum(cpu.values()), 1),
        "cpu_seconds_main_process": round(cpu.get(child.pid, 0.0), 1),
        "peak_pss_mb": round(peak_pss / 2**20, 1),
        "peak_rss_sum_mb": round(peak_rss / 2**20, 1),
        "peak_main_process_pss_mb": round(peak_own / 2**20, 1),
    }


def _floor_worker(args: tuple[list[str], str]) -> None:
    paths, out = args
    schema = pa.schema([("file", pa.string()), ("raw_text", pa.string())])
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for chunk in _chunks(paths):
            texts = [Path(p).read_bytes().decode("utf-8", "replace") for p in chunk]
            writer.write_table(pa.table({"file": [Path(p).name for p in chunk], "raw_text": texts}, schema=schema))


# The yardstick: one search per line, a handful of layout cues; not the package's parser.
_LINE_KIND = re.compile(
    r"(?P<caption>^(?:photo|image|picture|credit)\s*:)|(?P<byline>^by\s+[A-Z])|"
    r"(?P<date>\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d{4}\b)|"
    r"(?P<related>^(?:read|see)\s+(?:also|more)\b)|(?P<paragraph>[.!?][\"'”’]*$)",
    re.I,
)


def _line_kind(line: str) -> str:
    m = _LINE_KIND.search(line)
    return (m.lastgroup or "") if m else ("other" if line.strip() else "blank")


def _line_classifier_worker(args: tuple[list[str], str]) -> None:
    paths, out = args
    schema = pa.schema([("file", pa.string()), ("line_kinds", pa.list_(pa.string()))])
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for chunk in _chunks(paths):
            texts = [Path(p).read_bytes().decode("utf-8", "replace") for p in chunk]
            kinds = [[_line_kind(line) for line in text.splitlines()] for text in texts]
            writer.write_table(pa.table({"file": [Path(p).name for p in chunk], "line_kinds": kinds}, schema=schema))


def _chunks(paths: list[str], size: int = 10_000) -> list[list[str]]:
    return [paths[i : i + size] for i in range(0, len(paths), size)]


_CHILD_RUNS = {"--floor": _floor_worker, "--line-classifier": _line_classifier_worker}


def run_shares(mode: str, raw: Path, out: Path, workers: int) -> None:
    """Split the files among ``workers`` processes, each running ``mode``'s worker on its share."""
    paths = sorted(str(p) for p in raw.glob("*.txt"))
    out.mkdir(parents=True, exist_ok=True)
    shares = [(paths[w::workers], str(out / f"part-{w:05d}.parquet")) for w in range(workers)]
    with multiprocessing.get_context("forkserver").Pool(workers) as pool:
        pool.map(_CHILD_RUNS[mode], shares)


def _rates(n: int, corpus_bytes: int, run: dict[str, float]) -> dict[str, float]:
    return run | {
        "articles_per_s": round(n / run["seconds"], 1),
        "mb_per_s": round(corpus_bytes / 2**20 / run["seconds"], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--workers", type=int, default=len(psutil.Process().cpu_affinity() or [1]))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument(
        "--profile",
        choices=("crawl", "near-duplicates", "classic"),
        default="crawl",
        help="crawl: as varied as a real crawl (default); near-duplicates: N copies of one story; classic: the "
        "corpus of earlier measurements",
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="karabakh-bench-"))
    raw = work / "raw"
    if not (raw.is_dir() and len(list(raw.glob("*.txt"))) == args.n):
        corpus_bytes = write_corpus(raw, args.n, args.seed, args.profile)
    corpus_bytes = sum(p.stat().st_size for p in raw.glob("*.txt"))
    build = _measure(
        [sys.executable, "-m", "karabakh_news.cli", "build", "--raw", str(raw), "--out", str(work / "out"),
         "--workers", str(args.workers), "--quiet", "--timings", str(work / "timings.json")]
    )  # fmt: skip
    steps = json.loads((work / "timings.json").read_text(encoding="utf-8"))

    def measure_child(mode: str) -> dict[str, float]:
        return _measure([sys.executable, __file__, mode, str(raw), str(work / mode.strip("-")), str(args.workers)])

    floor, classifier = measure_child("--floor"), measure_child("--line-classifier")
    end_steps = sum(v for k, v in steps.items() if k != "parse and write")
    result = {
        "n": args.n,
        "profile": args.profile,
        "workers": args.workers,
        "corpus_mb": round(corpus_bytes / 2**20, 2),
        "build": _rates(args.n, corpus_bytes, build),
        "io_floor": _rates(args.n, corpus_bytes, floor),
        "bare_line_classifier": _rates(args.n, corpus_bytes, classifier),
        "build_to_floor_throughput": round(floor["seconds"] / build["seconds"], 4),
        "bare_line_classifier_to_floor_throughput": round(floor["seconds"] / classifier["seconds"], 4),
        "seconds_per_1000_articles": round(build["seconds"] / args.n * 1000, 3),
        "build_steps_seconds": steps,
        "end_steps_share_of_build": round(end_steps / build["seconds"], 4),
    }
    print(json.dumps(result))
    if args.keep is None:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] in _CHILD_RUNS:
        run_shares(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
