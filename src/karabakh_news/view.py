"""Looking at the built data in a terminal: ``karabakh-news info`` and ``karabakh-news show ID``.

Colour only on a terminal (rich decides); plain text otherwise, so the output can be piped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from rich.console import Console
from rich.table import Table
from rich.text import Text

from karabakh_news.parquet import shard_files
from karabakh_news.schema import CONFIGS, ROLES, SPLITS

ROLE_STYLE = {
    "title": "bold magenta",
    "subtitle": "magenta",
    "duplicate_title": "dim magenta",
    "metadata": "cyan",
    "caption": "yellow",
    "heading": "bold green",
    "paragraph": "default",
    "related_marker": "bold blue",
    "related_item": "blue",
    "boilerplate": "dim",
}
assert set(ROLE_STYLE) == set(ROLES)


def info(root: Path, console: Console) -> None:
    """Configs, splits and row counts (from Parquet metadata, nothing is loaded)."""
    table = Table(title=f"karabakh-news dataset at {root}")
    table.add_column("config")
    for split in SPLITS:
        table.add_column(split, justify="right")
    table.add_column("files", justify="right")
    for config in CONFIGS:
        rows = [sum(pq.read_metadata(p).num_rows for p in shard_files(root, config, s)) for s in SPLITS]
        table.add_row(config, *map(str, rows), str(len(shard_files(root, config))))
    console.print(table)


def _rows(root: Path, config: str, column: str, value: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in shard_files(root, config):  # the filter is applied while reading, row group by row group
        found += pq.read_table(path, filters=[(column, "==", value)]).to_pylist()
    return found


def show(root: Path, article_id: str, console: Console) -> bool:
    """One article: every raw line with its role, then its fields and quotes. False if unknown."""
    articles = _rows(root, "articles", "id", article_id)
    if not articles:
        return False
    article = articles[0]
    console.print(Text(f"{article_id}  ({article['source_file']}, sha256 {article['source_sha256'][:12]}…)", "bold"))
    for line in sorted(_rows(root, "lines", "article_id", article_id), key=lambda r: r["line_number"]):
        label = Text(f"{line['line_number']:>4} {line['role']:<16}", style=ROLE_STYLE[line["role"]])
        console.print(label + Text(line["text"], style=ROLE_STYLE[line["role"]]))
    fields = Table(show_header=False, title="fields")
    for key in ("title", "subtitle", "published_date", "section", "reading_time_minutes", "authors", "credit_line",
                "language", "word_count", "near_duplicate_of"):  # fmt: skip
        fields.add_row(key, str(article[key]))
    fields.add_row("captions", "; ".join(f"{c['text']} / {c['credit']}" for c in article["captions"]))
    fields.add_row("people", ", ".join(f"{p['name']} ({p['person_id']})" for p in article["people"]))
    console.print(fields)
    quotes = Table(title="quotes")
    for column in ("speaker", "cue", "text"):
        quotes.add_column(column)
    for q in sorted(_rows(root, "quotes", "article_id", article_id), key=lambda r: r["char_start"]):
        quotes.add_row(str(q["speaker"]), str(q["cue"]), q["text"])
    console.print(quotes)
    return True
