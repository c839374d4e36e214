"""karabakh-news: scraped news articles as typed, Hub-ready Parquet configs."""

from __future__ import annotations

from karabakh_news.article import Article, Block, Line, parse_article
from karabakh_news.errors import (
    DecodeError,
    InputError,
    KarabakhNewsError,
    ManifestError,
    ParseError,
)
from karabakh_news.load import load
from karabakh_news.patterns import Caption

__all__ = [
    "Article",
    "Block",
    "Caption",
    "DecodeError",
    "InputError",
    "KarabakhNewsError",
    "Line",
    "ManifestError",
    "ParseError",
    "load",
    "parse_article",
]
__version__ = "0.1.0"
