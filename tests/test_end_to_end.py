"""End to end: a fresh build read back through load_dataset, pandas, polars and DuckDB."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

import karabakh_news
from karabakh_news.build import build
from karabakh_news.schema import CONFIGS, SPLITS

from .conftest import ROOT


@pytest.mark.parametrize("config", CONFIGS)
def test_load_dataset_every_config_and_split(built: Path, tmp_path: Path, config: str) -> None:
    import datasets

    ds = datasets.load_dataset(str(built), config, cache_dir=str(tmp_path / "cache"))
    assert sorted(ds) == sorted(SPLITS)
    for split in SPLITS:
        assert ds[split].features == CONFIGS[config].features
        assert ds[split].num_rows > 0
    if config == "articles":
        test_row = ds["test"][0]
        assert test_row["published_date"] == dt.date(2025, 6, 11)
        assert test_row["captions"][0]["credit"] == "AA"


def test_default_config_is_articles(built: Path, tmp_path: Path) -> None:
    import datasets

    ds = datasets.load_dataset(str(built), split="train", cache_dir=str(tmp_path / "cache"))
    assert ds.column_names == CONFIGS["articles"].column_names


def test_pandas_with_pyarrow_dtypes(built: Path) -> None:
    df = pd.read_parquet(built / "data" / "articles", dtype_backend="pyarrow")
    assert str(df["published_date"].dtype) == "date32[day][pyarrow]"
    assert str(df["reading_time_minutes"].dtype) == "int32[pyarrow]"
    assert "list<" in str(df["captions"].dtype) and "struct<" in str(df["captions"].dtype)
    assert len(df) == 3


def test_polars(built: Path) -> None:
    import polars as pl

    df = pl.read_parquet(built / "data" / "articles" / "*.parquet")
    assert df.schema["published_date"] == pl.Date
    assert df.schema["authors"] == pl.List(pl.String)
    assert df.schema["captions"] == pl.List(pl.Struct({"text": pl.String, "credit": pl.String}))


def test_duckdb(built: Path) -> None:
    import duckdb

    glob = str(built / "data" / "articles" / "*.parquet")
    con = duckdb.connect()
    types = {row[0]: row[1] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{glob}')").fetchall()}
    assert types["published_date"] == "DATE"
    assert types["authors"] == "VARCHAR[]"
    assert types["captions"].replace('"', "") == "STRUCT(text VARCHAR, credit VARCHAR)[]"  # "text" is a keyword
    rows = con.execute(f"SELECT count(*) FROM read_parquet('{glob}') WHERE published_date = DATE '2025-06-11'")
    assert rows.fetchone() == (1,)


def test_load_api_never_returns_stale_rows(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "dataset" / "raw", raw)
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    build(raw, out)
    first = karabakh_news.load("lines", data_dir=out, cache_dir=cache)
    (raw / "zz_extra.txt").write_text(
        "Extra headline here\nAn extra paragraph of text that is long enough to read as prose.\n", encoding="utf-8"
    )
    build(raw, out)
    second = karabakh_news.load("lines", data_dir=out, cache_dir=cache)
    assert sum(second.num_rows.values()) == sum(first.num_rows.values()) + 2


def test_load_api_finds_the_packaged_dataset(tmp_path: Path) -> None:
    ds = karabakh_news.load("articles", "test", cache_dir=tmp_path / "cache")
    assert ds.num_rows == 1 and ds.features == CONFIGS["articles"].features
