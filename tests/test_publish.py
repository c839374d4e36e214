"""Publish-ready: Croissant, the Hub upload (dry run and a stand-in network), every reader, the terminal views."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from karabakh_news.publish import card_problems, files_to_publish, front_matter, publish
from karabakh_news.schema import CONFIGS, SPLITS

from .conftest import ROOT


def _parquet_rows(built: Path, config: str) -> list[dict[str, Any]]:
    return [
        r
        for s in SPLITS
        for p in sorted((built / "data" / config).glob(f"{s}-*.parquet"))
        for r in pq.read_table(p).to_pylist()
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date()  # a date comes back as a pandas Timestamp
    if value is not None and not isinstance(value, (str, int, float, dict)) and str(value) in ("NaT", "nan", "None"):
        return None  # a null date or number comes back as NaT or NaN
    return value


def test_croissant_validates_and_every_record_set_reads_offline(built: Path) -> None:
    mlc = pytest.importorskip("mlcroissant")
    dataset = mlc.Dataset(jsonld=str(built / "croissant.json"))
    doc = json.loads((built / "croissant.json").read_text())
    hashes = {d["contentUrl"]: d["sha256"] for d in doc["distribution"] if d["@type"] == "cr:FileObject"}
    assert set(hashes) == {p.relative_to(built).as_posix() for p in built.glob("data/*/*.parquet")}
    for key in ("rai:dataCollection", "rai:dataBiases", "rai:personalSensitiveInformation", "rai:dataUseCases"):
        assert doc[key]
    for config, declared in CONFIGS.items():
        rows = {json.dumps(r, sort_keys=True, default=str) for r in _parquet_rows(built, config)}
        records = list(dataset.records(record_set=config))
        assert len(records) == len(rows)
        got = set()
        for record in records:
            row = {}
            for field in declared.fields:
                value = _plain(record[f"{config}/{field.name}"])
                if isinstance(value, dict):  # a list of structs comes back as sub-field lists
                    keys = [k.split("/")[-1] for k in value]
                    value = [
                        dict(zip(keys, map(_plain, items), strict=True)) for items in zip(*value.values(), strict=True)
                    ]
                row[field.name] = value
            got.add(json.dumps(row, sort_keys=True, default=str))
        assert got == rows, config


def test_publish_dry_run_lists_the_files_and_checks_the_yaml(built: Path) -> None:
    files = publish(built, "org/karabakh-news", dry_run=True)
    assert files == files_to_publish(built)
    assert "README.md" in files and "croissant.json" in files and "build_report.json" in files
    assert {f for f in files if f.startswith("data/")} == {
        p.relative_to(built).as_posix() for p in built.glob("data/*/*.parquet")
    }
    committed = files_to_publish(ROOT / "dataset")  # a dataset whose raw folder is inside it
    assert any(f.startswith("raw/") and f.endswith(".txt") for f in committed) and "raw/manifest.csv" in committed
    assert not [f for f in files if "/." in f or f.startswith(".")]
    assert card_problems(built) == []


def test_dry_run_refuses_a_broken_card(built: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    card = (copy / "README.md").read_text().replace("  default: true\n", "")
    (copy / "README.md").write_text(card)
    next((copy / "data" / "lines").glob("test-*.parquet")).unlink()
    problems = card_problems(copy)
    assert any("default config" in p for p in problems) and any("matches no file" in p for p in problems)
    with pytest.raises(ValueError, match="not ready"):
        publish(copy, "org/name", dry_run=True)


class StandInHub:
    """The network layer replaced: records what would be sent and keeps a copy of the README."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.readme = ""

    def create_repo(self, repo_id: str, **kwargs: Any) -> None:
        self.calls.append(("create_repo", {"repo_id": repo_id, **kwargs}))

    def upload_folder(self, **kwargs: Any) -> None:
        self.calls.append(("upload_folder", kwargs))
        self.readme = (Path(kwargs["folder_path"]) / "README.md").read_text()


def test_upload_goes_through_huggingface_hub_with_the_card_unchanged(built: Path) -> None:
    hub = StandInHub()
    files = publish(built, "org/karabakh-news", private=True, api=hub)
    (create, create_args), (upload, upload_args) = hub.calls
    assert create == "create_repo" and create_args == {
        "repo_id": "org/karabakh-news",
        "repo_type": "dataset",
        "private": True,
        "exist_ok": True,
    }
    assert (
        upload == "upload_folder" and upload_args["repo_type"] == "dataset" and upload_args["allow_patterns"] == files
    )
    assert "token" not in upload_args and "token" not in create_args
    uploaded = front_matter(built)
    assert next(c for c in uploaded["configs"] if c["config_name"] == "articles")["default"] is True
    assert hub.readme == (built / "README.md").read_text()


@pytest.mark.parametrize("config", CONFIGS)
def test_polars_and_duckdb_keep_the_types(built: Path, config: str) -> None:
    import duckdb
    import polars as pl

    frame = pl.read_parquet(built / "data" / config / "*.parquet")
    query = f"DESCRIBE SELECT * FROM read_parquet('{built}/data/{config}/*.parquet')"
    described = {row[0]: row[1] for row in duckdb.sql(query).fetchall()}
    for field in CONFIGS[config].fields:
        kind = str(getattr(field.feature, "dtype", "list"))
        if kind == "date32":
            assert frame.schema[field.name] == pl.Date and described[field.name] == "DATE"
        elif kind == "list":
            assert isinstance(frame.schema[field.name], pl.List) and described[field.name].endswith("[]")
        elif kind == "int32":
            assert frame.schema[field.name] == pl.Int32 and described[field.name] == "INTEGER"
        elif kind == "bool":
            assert frame.schema[field.name] == pl.Boolean and described[field.name] == "BOOLEAN"
        else:
            assert frame.schema[field.name] == pl.String and described[field.name] == "VARCHAR"


@pytest.mark.parametrize("config", CONFIGS)
def test_pandas_with_pyarrow_dtypes_every_config(built: Path, config: str) -> None:
    import pandas as pd

    frame = pd.read_parquet(built / "data" / config, dtype_backend="pyarrow")
    assert all(str(t).endswith("[pyarrow]") for t in frame.dtypes)
    assert len(frame) == sum(pq.read_metadata(p).num_rows for p in (built / "data" / config).glob("*.parquet"))


@pytest.mark.parametrize("config", CONFIGS)
def test_load_dataset_streaming(built: Path, config: str) -> None:
    import datasets

    stream = datasets.load_dataset(str(built), config, streaming=True)
    for split in SPLITS:
        rows = list(stream[split])
        assert rows and set(rows[0]) == set(CONFIGS[config].column_names)
    if config == "articles":
        test_row = next(iter(stream["test"]))
        assert test_row["published_date"] == dt.date(2025, 6, 11) and test_row["captions"][0]["credit"] == "AA"


def test_show_and_info_print_plain_text_when_piped(built: Path) -> None:
    run = [sys.executable, "-m", "karabakh_news.cli"]
    info = subprocess.run([*run, "info", "--data", str(built)], capture_output=True, text=True, timeout=120)
    assert info.returncode == 0 and "articles" in info.stdout and "\x1b[" not in info.stdout
    article_id = pq.read_table(next((built / "data" / "articles").glob("test-*.parquet")))["id"][0].as_py()
    show = subprocess.run([*run, "show", article_id, "--data", str(built)], capture_output=True, text=True, timeout=120)
    assert show.returncode == 0 and "\x1b[" not in show.stdout
    assert "title" in show.stdout and "related_item" in show.stdout and "quotes" in show.stdout
    missing = subprocess.run(
        [*run, "show", "no_such_id", "--data", str(built)], capture_output=True, text=True, timeout=120
    )
    assert missing.returncode == 1 and "no_such_id" in missing.stderr
