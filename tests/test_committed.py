"""The committed dataset/ and cards are exactly what the build makes from dataset/raw."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from karabakh_news.card import render_cards
from karabakh_news.manifest import MANIFEST_NAME, read_manifest
from karabakh_news.schema import CONFIGS, SPLITS

from .conftest import ROOT

COMMITTED = ROOT / "dataset"


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("split", SPLITS)
def test_committed_tables_equal_a_fresh_build(built: Path, config: str, split: str) -> None:
    rel = Path("data") / config / f"{split}-00000-of-00001.parquet"
    committed, fresh = pq.read_table(COMMITTED / rel), pq.read_table(built / rel)
    assert committed.schema.equals(fresh.schema, check_metadata=True)
    assert committed.to_pylist() == fresh.to_pylist()


def test_committed_files_are_the_fresh_build(built: Path) -> None:
    committed = sorted(p.relative_to(COMMITTED) for p in (COMMITTED / "data").rglob("*") if p.is_file())
    fresh = sorted(p.relative_to(built) for p in (built / "data").rglob("*") if p.is_file())
    assert committed == fresh
    assert (COMMITTED / "build_report.json").read_text() == (built / "build_report.json").read_text()


def test_cards_are_up_to_date() -> None:
    cards = render_cards(COMMITTED, COMMITTED / "raw", read_manifest(COMMITTED / "raw" / MANIFEST_NAME))
    assert (COMMITTED / "README.md").read_text(encoding="utf-8") == cards.hub, "rerun `karabakh-news build`"
    assert (ROOT / "DATASET_CARD.md").read_text(encoding="utf-8") == cards.human, "rerun `karabakh-news build`"


def test_fresh_card_equals_committed_card(built: Path) -> None:
    assert (built / "README.md").read_text() == (COMMITTED / "README.md").read_text()
    assert (built.parent / "DATASET_CARD.md").read_text() == (ROOT / "DATASET_CARD.md").read_text()


def test_raw_files_match_their_manifest_rows() -> None:
    import hashlib

    for row in read_manifest(COMMITTED / "raw" / MANIFEST_NAME).values():
        data = (COMMITTED / "raw" / row.file_name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (row.size, row.sha256)


def test_no_loading_script_in_the_data_folder() -> None:
    assert not list(COMMITTED.glob("*.py"))
