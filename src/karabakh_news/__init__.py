"""karabakh-news: scraped news articles as typed, Hub-ready Parquet configs.

Names are imported on first use, so a parsing worker never pays for ``datasets``.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "karabakh_news.article",
    "Block": "karabakh_news.article",
    "Line": "karabakh_news.article",
    "parse_article": "karabakh_news.article",
    "Caption": "karabakh_news.patterns",
    "Quote": "karabakh_news.quotes",
    "DecodeError": "karabakh_news.errors",
    "InputError": "karabakh_news.errors",
    "KarabakhNewsError": "karabakh_news.errors",
    "ManifestError": "karabakh_news.errors",
    "ParseError": "karabakh_news.errors",
    "WorkerDied": "karabakh_news.errors",
    "PathError": "karabakh_news.errors",
    "BuildLocked": "karabakh_news.errors",
    "build": "karabakh_news.build",
    "load": "karabakh_news.loader",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'karabakh_news' has no attribute {name!r}")
