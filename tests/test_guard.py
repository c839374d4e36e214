"""What a build may touch: the output folder, wrong paths and concurrent builds (issue 19).

Each case runs the command as a user would (``cli.main`` in this process; the concurrent builds
as separate processes) and checks the exit status, the message and that no byte of a file the
build did not write has changed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePath

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karabakh_news import cli
from karabakh_news.build import build
from karabakh_news.errors import BuildLocked, PathError
from karabakh_news.guard import MARKER_NAME, build_lock, is_build_output, lock_path
from karabakh_news.publish import files_to_publish

from .conftest import RAW


def _raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    return raw


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def _run(caplog: pytest.LogCaptureFixture, *args: str) -> tuple[int, str]:
    """Exit status and the logged messages of ``karabakh-news build ARGS``."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="karabakh_news"):
        status = cli.main(["build", "--workers", "1", *args])
    return status, "\n".join(r.getMessage() for r in caplog.records)


def test_out_naming_an_existing_file_is_refused_even_with_force(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    raw, target = _raw(tmp_path), tmp_path / "some_file.md"
    target.write_text("my notes\n", encoding="utf-8")
    before = _siblings(target)
    for extra in ([], ["--force"]):
        status, message = _run(caplog, "--raw", str(raw), "--out", str(target), *extra)
        assert status == 2 and f"--out {target} is a file, not a folder" in message
        assert target.read_text(encoding="utf-8") == "my notes\n" and _siblings(target) == before


def test_a_folder_the_package_did_not_build_is_left_byte_for_byte(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    raw, out = _raw(tmp_path), tmp_path / "mine"
    out.mkdir()
    (out / "README.md").write_text("# my project\n", encoding="utf-8")
    (out / "croissant.json").write_text("{}\n", encoding="utf-8")
    (out / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before, siblings = _files(out), _siblings(out)
    status, message = _run(caplog, "--raw", str(raw), "--out", str(out))
    assert status == 2
    assert "is not a dataset built by karabakh-news" in message and "README.md" in message and "--force" in message
    assert _files(out) == before and _siblings(out) == siblings  # no stage, no lock file, no manifest in raw


def test_force_takes_a_folder_over_but_keeps_every_file_a_build_does_not_produce(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    raw, out = _raw(tmp_path), tmp_path / "mine"
    (out / "data" / "articles").mkdir(parents=True)
    (out / "README.md").write_text("# my project\n", encoding="utf-8")
    (out / "notes.txt").write_text("keep me\n", encoding="utf-8")
    (out / "data" / "mine.csv").write_text("a,b\n", encoding="utf-8")
    (out / "data" / "articles" / "my-own.parquet").write_bytes(b"not a shard name")
    status, _ = _run(caplog, "--raw", str(raw), "--out", str(out), "--force")
    assert status == 0
    after = _files(out)
    assert after["notes.txt"] == b"keep me\n" and after["data/mine.csv"] == b"a,b\n"
    assert after["data/articles/my-own.parquet"] == b"not a shard name"
    assert after["README.md"].startswith(b"---\n")  # the card replaced the user's README, as --force allows
    assert MARKER_NAME in after
    published = files_to_publish(out)  # the user's own files stay local
    assert "notes.txt" not in published and "data/mine.csv" not in published and "README.md" in published
    # From now on the folder is the package's: a rebuild needs no --force and still keeps the user's files.
    status, _ = _run(caplog, "--raw", str(raw), "--out", str(out))
    assert status == 0 and _files(out)["notes.txt"] == b"keep me\n"


@pytest.mark.parametrize("state", ["missing", "empty", "built", "built before the marker", "only the raw folder"])
def test_new_empty_and_own_folders_are_built_into(tmp_path: Path, state: str, caplog: pytest.LogCaptureFixture) -> None:
    out = tmp_path / "dataset"
    raw = out / "raw" if state == "only the raw folder" else tmp_path / "raw"
    shutil.copytree(RAW, raw)
    if state == "empty":
        out.mkdir()
    elif state.startswith("built"):
        build(raw, out)
        if state == "built before the marker":
            (out / MARKER_NAME).unlink()  # a build older than the marker: its report says whose it is
    raw_before = _files(raw)
    status, message = _run(caplog, "--raw", str(raw), "--out", str(out))
    assert status == 0, message
    assert (out / MARKER_NAME).is_file() and (out / "build_report.json").is_file()
    raw_after = _files(raw)
    assert {k: v for k, v in raw_after.items() if k != "manifest.csv"} == {
        k: v for k, v in raw_before.items() if k != "manifest.csv"
    }  # the build changes nothing in the raw folder but its manifest


def _raw_unreadable(path: Path) -> None:
    path.mkdir()
    (path / "a.txt").write_text("Headline\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing", "raw folder {raw} does not exist"),
        ("a file", "--raw {raw} is a file, not a folder of .txt pages"),
        ("no pages", "no .txt files in {raw}"),
        ("out is raw", "--out {out} is the raw folder itself"),
        ("out inside raw", "--out {out} is inside the raw folder {raw}"),
        ("raw inside out/data", "raw folder {raw} is inside {out}/data, which every build replaces"),
    ],
)
def test_wrong_paths_say_what_is_wrong_and_write_nothing(
    tmp_path: Path, case: str, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    if case == "a file":
        raw.write_text("not a folder\n", encoding="utf-8")
    elif case == "no pages":
        raw.mkdir()
        (raw / "notes.md").write_text("no pages here\n", encoding="utf-8")
    elif case in ("out is raw", "out inside raw"):
        shutil.copytree(RAW, raw)
        out = raw if case == "out is raw" else raw / "out"
    elif case == "raw inside out/data":
        raw = out / "data" / "raw"
        shutil.copytree(RAW, raw)
    before = _files(tmp_path)
    status, message = _run(caplog, "--raw", str(raw), "--out", str(out))
    assert status == 2 and expected.format(raw=raw, out=out) in message
    assert _files(tmp_path) == before and "Traceback" not in message
    assert not any(p.name.startswith(".") for p in tmp_path.rglob("*"))  # no stage, no lock file


def test_an_unreadable_raw_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _raw(tmp_path)

    def denied(path: object) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("karabakh_news.guard.os.scandir", denied)  # as root, chmod 000 would not stop a read
    with pytest.raises(PathError, match=f"raw folder {raw} cannot be read: Permission denied"):
        build(raw, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_raw_folder_says_so_for_real(tmp_path: Path) -> None:
    raw = _raw(tmp_path)
    raw.chmod(0)
    try:
        with pytest.raises(PathError, match="cannot be read"):
            build(raw, tmp_path / "out")
    finally:
        raw.chmod(0o755)


def test_allow_empty_builds_an_empty_dataset(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    status, message = _run(caplog, "--raw", str(raw), "--out", str(out), "--allow-empty")
    assert status == 0, message
    report = json.loads((out / "build_report.json").read_text(encoding="utf-8"))
    assert report["inputs"] == 0 and report["files"] == []


def test_a_build_fails_at_once_while_another_holds_the_output(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    raw, out = _raw(tmp_path), tmp_path / "out"
    build(raw, out)
    stage = tmp_path / ".out.build-held"  # the running build's staging folder: never another build's to clear
    stage.mkdir()
    before = _files(out)
    with build_lock(out):
        status, message = _run(caplog, "--raw", str(raw), "--out", str(out))
        assert status == cli.EXIT_LOCKED
        assert f"another build (pid {os.getpid()}) is writing to {out}" in message
        with pytest.raises(BuildLocked):
            build(raw, out)
        assert stage.is_dir() and _files(out) == before
    assert not lock_path(out).exists()  # removed by its holder on the way out
    build(raw, out)  # the lock is free: the stage is provably stale and goes
    assert not stage.exists() and not lock_path(out).exists()


def test_a_lock_left_by_a_killed_build_does_not_block_the_next(tmp_path: Path) -> None:
    raw, out = _raw(tmp_path), tmp_path / "out"
    lock_path(out).write_text("999999\n", encoding="utf-8")  # its process is gone, so is its flock
    build(raw, out)
    assert (out / MARKER_NAME).is_file() and not lock_path(out).exists()


def test_a_successful_build_says_what_it_did_in_one_line_unless_quiet(tmp_path: Path) -> None:
    raw, out = _raw(tmp_path), tmp_path / "out"
    (raw / "empty.txt").write_bytes(b"")
    command = [sys.executable, "-m", "karabakh_news.cli", "build", "--raw", str(raw), "--out", str(out)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300)  # stderr is not a terminal
    assert proc.returncode == 0 and proc.stdout == ""
    last = proc.stderr.strip().splitlines()[-1]
    assert last == f"built 3 articles from {raw} into {out} (1 rejected, 0 duplicates, 0 near duplicates kept)"
    quiet = subprocess.run([*command, "--quiet"], capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == ""


def _rows_match_report(out: Path) -> bool:
    """The folder is one complete build: marker, card, Croissant, and shards holding the report's rows."""
    report = json.loads((out / "build_report.json").read_text(encoding="utf-8"))
    for config, splits in report["rows"].items():
        for split, rows in splits.items():
            shards = sorted((out / "data" / config).glob(f"{split}-*.parquet"))
            if sum(pq.read_metadata(p).num_rows for p in shards) != rows:
                return False
    return all((out / name).is_file() for name in (MARKER_NAME, "README.md", "croissant.json"))


def test_builds_started_together_end_complete_or_with_the_clear_message(tmp_path: Path) -> None:
    raw, out = _raw(tmp_path), tmp_path / "out"
    command = [sys.executable, "-m", "karabakh_news.cli", "build", "--raw", str(raw), "--out", str(out), "-q"]
    outcomes: list[int] = []
    for _ in range(8):
        procs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            assert proc.returncode in (0, cli.EXIT_LOCKED), err
            assert proc.returncode == 0 or ("another build (pid " in err and f"is writing to {out}" in err), err
            assert "Traceback" not in err
            outcomes.append(proc.returncode)
        assert _rows_match_report(out)
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no stage, scratch or lock
    assert 0 in outcomes


_NAME = st.text(alphabet="abcdefghij_-.", min_size=1, max_size=8).filter(lambda n: n not in (".", ".."))
_TREE = st.dictionaries(
    st.lists(_NAME, min_size=1, max_size=3).map(lambda parts: "/".join(parts)), st.binary(max_size=64), max_size=6
)


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=_TREE, force=st.booleans())
def test_no_byte_of_a_file_the_build_did_not_write_is_lost(
    tmp_path_factory: pytest.TempPathFactory, tree: dict[str, bytes], force: bool
) -> None:
    root = tmp_path_factory.mktemp("foreign")
    raw, out = _raw(root), root / "out"
    out.mkdir()
    for name, data in tree.items():
        path = out / name
        if any(parent.is_file() for parent in path.parents) or path.is_dir():
            continue  # "a" and "a/b" both drawn: keep the first
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    before = _files(out)
    try:
        build(raw, out, force=force)
    except PathError:
        assert not force and _files(out) == before
        return
    after = _files(out)
    assert all(after.get(name) == data for name, data in before.items() if not is_build_output(PurePath(name)))


def test_build_outputs_are_the_known_names_and_shards_only() -> None:
    assert is_build_output(PurePath("README.md")) and is_build_output(PurePath(MARKER_NAME))
    assert is_build_output(PurePath("data/articles/train-00000-of-00001.parquet"))
    assert not is_build_output(PurePath("data"))
    assert not is_build_output(PurePath("data/articles/notes.parquet"))
    assert not is_build_output(PurePath("data/other/train-00000-of-00001.parquet"))
    assert not is_build_output(PurePath("raw/README.md")) and not is_build_output(PurePath("notes.txt"))
