"""Shared fixtures. Tests never touch the network and never write into the repository."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from karabakh_news.article import Article, parse_article

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

# Shared, noisy machines: wall-clock deadlines would make property tests flaky.
settings.register_profile("karabakh", deadline=None, derandomize=True)
settings.load_profile("karabakh")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "dataset" / "raw"
GOLD = Path(__file__).resolve().parent / "gold"
GOLD_FILES = sorted(GOLD.glob("*.json"))


def parse_page(text: str) -> Article:
    """Parse a hand-written page of a layout test."""
    return parse_article(text, "page")


def roles_of(article: Article) -> dict[str, str]:
    """The role of each (stripped) line of a hand-written page."""
    return {ln.text.strip(): ln.role for ln in article.lines}


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def raw_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of dataset/raw (the build may add manifest rows to its raw folder)."""
    root = tmp_path_factory.mktemp("repo")
    dest = root / "dataset" / "raw"
    shutil.copytree(RAW, dest)
    shutil.copytree(GOLD, root / "tests" / "gold")  # about.yaml finds the gold files beside the raw folder
    return dest


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, raw_copy: Path) -> Path:
    """The seed corpus built once into a temporary folder."""
    from karabakh_news.build import build

    out = tmp_path_factory.mktemp("built") / "dataset"
    build(raw_copy, out, card_path=out.parent / "DATASET_CARD.md")
    return out
