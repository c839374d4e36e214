"""Rows of every config from one article record, keyed by the schema's field names.

:func:`columns_of` hands them over column-wise (one list per field): lists of plain values
cross a process boundary and become Arrow arrays far faster than thousands of small dicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from karabakh_news.article import Article

Row = dict[str, Any]
Columns = dict[str, list[Any]]


def article_rows(a: Article) -> Iterator[Row]:
    yield {
        "id": a.id,
        "title": a.title,
        "subtitle": a.subtitle,
        "published_date": a.published_date,
        "section": a.section,
        "reading_time_minutes": a.reading_time_minutes,
        "authors": list(a.authors),
        "credit_line": a.credit_line,
        "body": a.body,
        "headings": list(a.headings),
        "captions": [{"text": c.text, "credit": c.credit} for c in a.captions],
        "related_headlines": list(a.related_headlines),
        # Person ids are dataset-wide, so the build fills them in once every article is parsed.
        "people": [{"name": name, "person_id": None} for name in a.people],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "speaker_id": None,
                "char_start": q.char_start,
                "char_end": q.char_end,
            }
            for q in a.quotes
        ],
        "language": a.language,
        "word_count": a.word_count,
        "source_file": a.source_file,
        "source_sha256": a.source_sha256,
        "raw_text": a.raw_text,
        "near_duplicate_of": a.near_duplicate_of,
    }


def block_rows(a: Article) -> Iterator[Row]:
    for i, b in enumerate(a.blocks):
        yield {
            "article_id": a.id,
            "block_index": i,
            "kind": b.kind,
            "text": b.text,
            "char_start": b.char_start,
            "char_end": b.char_end,
        }


def line_rows(a: Article) -> Iterator[Row]:
    for line in a.lines:
        yield {"article_id": a.id, "line_number": line.number, "role": line.role, "text": line.text}


def quote_id(article_id: str, position: int) -> str:
    return f"{article_id}-q{position:03d}"


def quote_rows(a: Article) -> Iterator[Row]:
    for i, q in enumerate(a.quotes):
        yield {
            "quote_id": quote_id(a.id, i),
            "article_id": a.id,
            "block_index": q.block_index,
            "text": q.text,
            "speaker": q.speaker,
            "speaker_id": None,
            "char_start": q.char_start,
            "char_end": q.char_end,
            "is_fragment": q.is_fragment,
            "cue": q.cue,
        }


ROWS_OF: dict[str, Callable[[Article], Iterator[Row]]] = {
    "articles": article_rows,
    "blocks": block_rows,
    "lines": line_rows,
    "quotes": quote_rows,
}


def columns_of(a: Article) -> dict[str, Columns]:
    """Every config's rows of one article, as one list per field."""
    out = {}
    for config, rows_of in ROWS_OF.items():
        rows = list(rows_of(a))
        names = rows[0].keys() if rows else ()
        out[config] = {name: [row[name] for row in rows] for name in names}
    return out
