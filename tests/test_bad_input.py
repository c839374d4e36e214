"""Bad input: one case per kind of file users point the builder at. Nothing is lost, nothing breaks."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karabakh_news.article import parse_article
from karabakh_news.build import Outcome, build
from karabakh_news.decode import decode
from karabakh_news.manifest import MANIFEST_NAME, read_manifest
from karabakh_news.schema import SPLITS

ARTICLE = (
    "Café owners protest new rules\n"
    "By Jane Roe\n"
    "3 March 2024\n"
    "Café owners in the old town said on Monday that the new rules on terraces would hurt their trade.\n"
    "“We were never asked,” said Tom Bell, who runs a café near the square.\n"
    "The council said it would review the rules in the autumn after hearing from residents.\n"
)


def _build_one(tmp_path: Path, name: str, data: bytes, **kwargs: object) -> Outcome:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / name).write_bytes(data)
    result = build(raw, tmp_path / "out", **kwargs)  # type: ignore[arg-type]
    return next(o for o in result.outcomes if o.file_name == name)


def _report(out: Path) -> dict:
    return json.loads((out / "build_report.json").read_text())


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n\r\n   \n", "blank"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
        ("noise.txt", bytes(range(128, 256)) * 4, "undecodable"),
        ("title_only.txt", b"Just a headline here\n", "no_body"),
        ("boilerplate.txt", b"Sign up for our newsletter\nShare this article\nAdvertisement\n", "only_boilerplate"),
        ("notes.md", ARTICLE.encode(), "not_txt"),
        ("bad name!.txt", ARTICLE.encode(), "unsafe_id"),
    ],
)
def test_each_bad_file_is_reported_with_its_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    outcome = _build_one(tmp_path, name, data, allow_empty=not name.endswith(".txt"))  # a folder of no pages
    assert (outcome.status, outcome.reason) == ("rejected", reason)
    assert outcome.message is not None and name in outcome.message
    files = _report(tmp_path / "out")["files"]
    assert [f["file_name"] for f in files] == [name]


def test_prose_without_a_headline_is_no_title(tmp_path: Path) -> None:
    prose = " ".join(["This long line of running text goes on and on without any headline above it."] * 4)
    assert _build_one(tmp_path, "prose.txt", prose.encode()).reason == "no_title"


RUSSIAN = (
    "Москва и Баку провели переговоры\n"
    "Министр иностранных дел заявил в понедельник, что стороны договорились продолжить работу.\n"
    "Следующая встреча пройдёт в столице в начале осени, сообщили в министерстве.\n"
)


@pytest.mark.parametrize(("encoding", "text"), [("cp1252", ARTICLE), ("cp1251", RUSSIAN)])
def test_legacy_encodings_are_decoded_and_recorded(tmp_path: Path, encoding: str, text: str) -> None:
    text = text.replace("“", '"').replace("”", '"')
    outcome = _build_one(tmp_path, "legacy.txt", text.encode(encoding))
    assert outcome.status == "ok" and outcome.encoding is not None and outcome.encoding.startswith("cp125")
    row = pq.read_table(tmp_path / "out" / "data" / "articles" / f"{outcome.split}-00000-of-00001.parquet")
    assert row["title"][0].as_py() == text.split("\n")[0]
    assert row["language"][0].as_py() == ("ru" if encoding == "cp1251" else "en")


@pytest.mark.parametrize(
    "variant",
    [b"\xef\xbb\xbf" + ARTICLE.encode(), ARTICLE.replace("\n", "\r\n").encode(), ARTICLE.replace("\n", "\r").encode()],
)
def test_bom_and_line_endings_parse_to_the_same_record(variant: bytes) -> None:
    clean = parse_article(decode(ARTICLE.encode()).text, "a")
    other = parse_article(decode(variant).text, "a")
    assert dataclasses.asdict(other) == dataclasses.asdict(clean)


def test_very_large_file_is_rejected_without_reading_it(tmp_path: Path) -> None:
    big = (ARTICLE * (30_000_000 // len(ARTICLE) + 1)).encode()
    outcome = _build_one(tmp_path, "huge.txt", big)
    assert (outcome.status, outcome.reason) == ("rejected", "too_large")
    assert str(len(big)) in (outcome.message or "")


def test_a_large_file_under_the_limit_is_built(tmp_path: Path) -> None:
    page = ARTICLE + "".join(
        f"Paragraph {i} of a long feature that keeps going with more text.\n" for i in range(20_000)
    )
    outcome = _build_one(tmp_path, "long.txt", page.encode())
    assert outcome.status == "ok" and outcome.size is not None and outcome.size > 1_000_000


def test_same_content_under_two_names_is_kept_once(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a_first.txt").write_text(ARTICLE)
    (raw / "b_copy.txt").write_text(ARTICLE)
    (raw / "c_bom_copy.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    result = build(raw, tmp_path / "out")
    by_name = {o.file_name: o for o in result.outcomes}
    assert by_name["a_first.txt"].status == "ok"
    for copy in ("b_copy.txt", "c_bom_copy.txt"):
        assert (by_name[copy].status, by_name[copy].reason, by_name[copy].duplicate_of) == (
            "duplicate",
            "exact_duplicate",
            "a_first.txt",
        )
    assert sum(r for r in result.rows["articles"].values()) == 1
    assert set(read_manifest(raw / MANIFEST_NAME)) == {"a_first", "b_copy", "c_bom_copy"}


def test_near_duplicates_are_flagged_kept_and_share_a_split(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    long_article = ARTICLE + "".join(f"Residents raised point number {i} at the packed meeting.\n" for i in range(40))
    ids = [f"near_{i:02d}" for i in range(12)]
    (raw / f"{ids[0]}.txt").write_text(long_article)
    for i in ids[1:]:
        (raw / f"{i}.txt").write_text(
            long_article.replace("packed meeting.\n", "packed meeting!\n", 1) + f"Edit {i}.\n"
        )
    result = build(raw, tmp_path / "out")
    by_id = {o.id: o for o in result.outcomes}
    assert all(o.status == "ok" for o in result.outcomes)
    assert by_id[ids[0]].near_duplicate_of is None
    assert {by_id[i].near_duplicate_of for i in ids[1:]} == {ids[0]}
    assert len({o.split for o in result.outcomes}) == 1  # whatever the hash rule says for each id
    table = pq.read_table(tmp_path / "out" / "data" / "articles" / f"{by_id[ids[0]].split}-00000-of-00001.parquet")
    assert table["near_duplicate_of"].to_pylist().count(ids[0]) == len(ids) - 1


def test_symlink_out_of_the_raw_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text(ARTICLE)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "link.txt").symlink_to(secret)
    outcome = build(raw, tmp_path / "out").outcomes[0]
    assert (outcome.status, outcome.reason) == ("rejected", "symlink_outside")


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    outcome = _build_one(tmp_path, "locked.txt", ARTICLE.encode())
    assert (outcome.status, outcome.reason) == ("rejected", "unreadable")
    assert "Permission denied" in (outcome.message or "")


def test_the_summary_output_names_every_bad_file(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(ARTICLE)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "copy.txt").write_text(ARTICLE)
    proc = subprocess.run(
        [sys.executable, "-m", "karabakh_news.cli", "build", "--raw", str(raw), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "empty.txt" in proc.stderr and "copy.txt" in proc.stderr and "1 rejected, 1 duplicates" in proc.stderr


def _corpus(raw: Path, n: int) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = "".join(f"Sentence {j} about topic {i} in a report that runs on for a while.\n" for j in range(60))
        (raw / f"article_{i:05d}.txt").write_text(f"Headline number {i} for the test corpus\n{body}")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _new_staging_data(parent: Path, stale: set[Path]) -> bool:
    """Whether a build other than the ``stale`` ones is writing its data beside ``parent/out``."""
    return any(p.parent not in stale for p in parent.glob(".out.build-*/data"))


def _build_command(raw: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "karabakh_news.cli", "build", "--raw", str(raw), "--out", str(out), "-q"]


def _wait_until_writing(parent: Path, stale: set[Path]) -> None:
    """Until a new build beside ``parent/out`` writes its data (at most a minute)."""
    deadline = time.monotonic() + 60
    while not _new_staging_data(parent, stale) and time.monotonic() < deadline:
        time.sleep(0.05)


def _previous_dataset(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A dataset of 5 articles already built: its raw folder, its folder and its files' bytes."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    _corpus(raw, 5)
    build(raw, out)
    return raw, out, _snapshot(out)


def test_a_killed_build_leaves_the_previous_dataset_whole_and_loadable(tmp_path: Path) -> None:
    raw, out, before = _previous_dataset(tmp_path)
    # The second build has much more to write: enough that it is still before its swap when it
    # is killed (the build has grown faster; 400 pages were once enough).
    _corpus(raw, 2500)
    system_temp = set(Path(tempfile.gettempdir()).glob("karabakh-news-*"))
    for delay in (1.0, 2.5):
        stale = set(tmp_path.glob(".out.build-*"))  # the killed build's, until the next build removes them
        proc = subprocess.Popen(_build_command(raw, out))
        _wait_until_writing(tmp_path, stale)
        time.sleep(delay)
        if proc.poll() is not None or not _new_staging_data(tmp_path, stale):
            pytest.fail("the build reached its swap before it could be killed; make the corpus larger")
        helpers = psutil.Process(proc.pid).children(recursive=True)  # fork server, workers, tracker
        assert helpers  # the build parses with worker processes
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        _, left = psutil.wait_procs(helpers, timeout=30)
        assert left == []  # the workers end with the build, not waiting for tasks for ever
        assert _snapshot(out) == before
        import datasets

        ds = datasets.load_dataset(str(out), "articles", cache_dir=str(tmp_path / f"cache{delay}"))
        assert sum(ds.num_rows.values()) == 5
    build(raw, out, workers=2)  # the next build cleans up what the killed ones left and completes
    assert not list(tmp_path.glob(".out.build-*"))
    assert set(Path(tempfile.gettempdir()).glob("karabakh-news-*")) <= system_temp  # nothing left elsewhere
    assert sum(pq.read_metadata(p).num_rows for p in (out / "data" / "articles").glob("*.parquet")) == 2500


def test_a_build_that_fails_while_parsing_stops_its_workers_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error in the build's own process mid-parse (here: the disk is full) stops the workers
    before the error reaches the caller, even while the caller still holds the error."""
    import multiprocessing

    from karabakh_news.parquet import DatasetWriter

    raw, out, before = _previous_dataset(tmp_path)
    _corpus(raw, 300)
    writes = 0

    def full_disk(self: DatasetWriter, *args: object) -> None:
        nonlocal writes
        writes += 1
        if writes > 100:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(DatasetWriter, "write", full_disk)
    with pytest.raises(OSError, match="No space left") as failure:
        build(raw, out, workers=2)
    assert failure.value is not None  # the traceback, with the build's frames, is still alive here
    assert multiprocessing.active_children() == []
    assert _snapshot(out) == before
    assert not list(tmp_path.glob(".out.build-*"))


def test_an_interrupted_build_says_so_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """^C in a terminal (SIGINT to the whole process group) mid-build: the command says it was
    interrupted (exit status 130, no traceback), the previous dataset stays, no stage and no
    worker process is left."""
    raw, out, before = _previous_dataset(tmp_path)
    _corpus(raw, 1500)
    proc = subprocess.Popen(
        _build_command(raw, out),
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal's foreground job
    )
    _wait_until_writing(tmp_path, set())
    helpers = psutil.Process(proc.pid).children(recursive=True)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.strip() == "ERROR: interrupted", stderr  # no worker's traceback either
    assert _snapshot(out) == before
    assert not list(tmp_path.glob(".out.build-*"))
    _, left = psutil.wait_procs(helpers, timeout=30)
    assert left == []


def test_a_dead_worker_fails_the_build_and_keeps_the_previous_dataset(tmp_path: Path) -> None:
    import multiprocessing
    import threading

    from karabakh_news.errors import WorkerDied

    raw, out, before = _previous_dataset(tmp_path)
    _corpus(raw, 1500)
    killed = threading.Event()

    def kill_the_workers() -> None:  # as the out-of-memory killer would, once they are parsing
        deadline = time.monotonic() + 60
        while not killed.is_set() and time.monotonic() < deadline:
            children = multiprocessing.active_children()
            # Both up: killing the first while the pool still forks the second can leave the
            # second unterminated, and the pool's shutdown waits for it (CPython 3.11's executor).
            if len(children) >= 2:
                for child in children:
                    os.kill(child.pid, signal.SIGKILL)
                killed.set()
            time.sleep(0.01)

    killer = threading.Thread(target=kill_the_workers)
    killer.start()
    with pytest.raises(WorkerDied):
        build(raw, out, workers=2)
    killer.join()
    assert killed.is_set()
    assert _snapshot(out) == before
    assert not list(tmp_path.glob(".out.build-*"))


_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
_CONTENT = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([ARTICLE.encode(), b"", b"\xef\xbb\xbf", ARTICLE.encode("cp1252", "replace")]),
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_NAMES, _CONTENT, min_size=1, max_size=6))
def test_arbitrary_files_never_crash_the_build(tmp_path_factory: pytest.TempPathFactory, files: dict) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    raw = root / "raw"
    raw.mkdir()
    for name, data in files.items():
        (raw / f"{name}.txt").write_bytes(data)
    result = build(raw, root / "out")
    assert sorted(o.file_name for o in result.outcomes) == sorted(f"{n}.txt" for n in files)
    assert all(
        o.status in ("ok", "rejected", "duplicate") and (o.status == "ok") == (o.reason is None)
        for o in result.outcomes
    )
    articles = sum(pq.read_metadata(p).num_rows for p in (root / "out" / "data" / "articles").glob("*.parquet"))
    assert articles == sum(o.status == "ok" for o in result.outcomes)
    assert set(SPLITS) >= {o.split for o in result.outcomes if o.split}
    shutil.rmtree(root)


def test_empty_splits_and_configs_are_not_declared(tmp_path: Path) -> None:
    import datasets
    import yaml

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "only.txt").write_text("Storm closes the port\nThe port was closed on Sunday because of the storm.\n")
    result = build(raw, tmp_path / "out")
    split = result.outcomes[0].split
    front = yaml.safe_load((tmp_path / "out" / "README.md").read_text().split("---")[1])
    configs = {c["config_name"]: [f["split"] for f in c["data_files"]] for c in front["configs"]}
    assert configs == {"articles": [split], "blocks": [split], "lines": [split]}  # no quotes at all
    ds = datasets.load_dataset(str(tmp_path / "out"), "articles", cache_dir=str(tmp_path / "cache"))
    assert list(ds) == [split] and ds[split].num_rows == 1
