"""The command line as users run it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_script_says_only_its_summary_line_when_not_a_terminal(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "dataset" / "raw", raw)
    proc = _run(str(ROOT / "scripts" / "build_dataset.py"), "--raw", str(raw), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"built 3 articles from {raw} into {tmp_path / 'out'} (0 rejected, 0 duplicates, 0 near duplicates kept)"
    ]
    assert (tmp_path / "out" / "README.md").is_file()


def test_verbose_reports_each_file_and_strict_fails_on_rejection(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "dataset" / "raw", raw)
    (raw / "empty.txt").write_bytes(b"")
    out = str(tmp_path / "out")
    proc = _run("-m", "karabakh_news.cli", "build", "--raw", str(raw), "--out", out, "-v")
    assert proc.returncode == 0
    assert "empty.txt" in proc.stderr and "empty" in proc.stderr
    strict = _run("-m", "karabakh_news.cli", "build", "--raw", str(raw), "--out", out, "--strict")
    assert strict.returncode != 0 and "empty.txt" in strict.stderr and "Traceback" not in strict.stderr


def test_summary_prints_the_loaded_dataset(tmp_path: Path) -> None:
    proc = _run("-m", "karabakh_news.cli", "summary", "--data", str(ROOT / "dataset"))
    assert proc.returncode == 0, proc.stderr
    for config in ("articles", "blocks", "lines"):
        assert f"- {config}: train=" in proc.stdout


def test_timings_name_every_step_of_the_build(tmp_path: Path) -> None:
    import json

    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "dataset" / "raw", raw)
    timings = tmp_path / "timings.json"
    proc = _run("-m", "karabakh_news.cli", "build", "--raw", str(raw), "--out", str(tmp_path / "out"),
                "--timings", str(timings))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    steps = json.loads(timings.read_text(encoding="utf-8"))
    assert list(steps) == ["parse and write", "person ids", "outcomes", "report", "cards", "croissant"]
    assert all(isinstance(s, float) and s >= 0 for s in steps.values())
