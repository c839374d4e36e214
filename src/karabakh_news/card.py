"""The dataset card, rendered from one template into two files.

``README.md`` inside the built folder is the Hub card (YAML front matter + body);
``DATASET_CARD.md`` is the same body for humans. Every number comes from the built Parquet
files, the manifest and the build report; field tables come from :mod:`karabakh_news.schema`;
prose about the corpus itself (summary, outlets, biases, licence) comes from ``about.yaml``
in the raw folder, so the library holds no corpus-specific text.
"""

from __future__ import annotations

import ast
import datetime as dt
import heapq
import importlib.resources
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import yaml
from datasets import DatasetInfo, SplitDict, SplitInfo
from datasets.info import DatasetInfosDict
from datasets.utils.metadata import MetadataConfigs
from huggingface_hub import DatasetCardData

from karabakh_news.manifest import ManifestRow
from karabakh_news.parquet import flat_people, shard_files
from karabakh_news.schema import CONFIGS, DEFAULT_CONFIG, ROLES, SPLITS, type_string

ABOUT_NAME = "about.yaml"
DEFAULT_ABOUT: dict[str, Any] = {
    "pretty_name": "News articles",
    "summary": "Scraped news articles parsed into typed tables.",
    "license": "other",
    "license_name": "unknown",
    "task_categories": ["text-classification", "token-classification", "summarization"],
    "tags": ["news"],
}
EXAMPLE_CHARS = 160
MATRIX_ARTICLES = 12  # up to this many articles, "who is quoted where" is a speaker x article matrix
TABLE_ROWS = 50  # a card lists at most this many files, speakers or rejections; the data files list all
_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("karabakh_news", "templates"),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class Cards:
    hub: str  # README.md of the built folder: YAML front matter + body
    human: str  # DATASET_CARD.md: the body alone


def load_about(raw_dir: Path) -> dict[str, Any]:
    path = raw_dir / ABOUT_NAME
    about = dict(DEFAULT_ABOUT)
    if path.exists():
        about.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return about


def _read(
    root: Path, config: str, split: str, columns: list[str] | None = None, ids: list[str] | None = None
) -> pa.Table:
    """One config and split (only ``columns``; only the rows of articles ``ids`` when given)."""
    key = "id" if config == DEFAULT_CONFIG else "article_id"
    filters = [(key, "in", ids)] if ids is not None else None
    tables = [pq.read_table(p, columns=columns, filters=filters) for p in shard_files(root, config, split)]
    if tables:
        return pa.concat_tables(tables)
    schema = CONFIGS[config].arrow_schema
    return schema.empty_table().select(columns) if columns else schema.empty_table()


def size_category(n: int) -> str:
    for bound, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < bound:
            return label
    return "1M<n<10M"


def _split_stats(root: Path) -> dict[str, dict[str, dict[str, int]]]:
    """Rows, uncompressed bytes and file bytes per config and split, from Parquet metadata only."""
    stats: dict[str, dict[str, dict[str, int]]] = {}
    for config in CONFIGS:
        stats[config] = {}
        for split in SPLITS:
            metas = [pq.read_metadata(p) for p in shard_files(root, config, split)]
            stats[config][split] = {
                "rows": sum(m.num_rows for m in metas),
                "num_bytes": sum(m.row_group(i).total_byte_size for m in metas for i in range(m.num_row_groups)),
                "file_bytes": sum(p.stat().st_size for p in shard_files(root, config, split)),
            }
    return stats


def _present(split_stats: dict[str, dict[str, int]]) -> list[str]:
    """The splits that have rows: only those are declared (the loader rejects empty ones)."""
    return [s for s in SPLITS if split_stats[s]["rows"]]


def _yaml_front_matter(stats: dict[str, dict[str, dict[str, int]]], about: dict[str, Any], languages: list[str]) -> str:
    n_articles = sum(s["rows"] for s in stats[DEFAULT_CONFIG].values())
    card = DatasetCardData(
        pretty_name=about["pretty_name"],
        language=languages,
        license=about["license"],
        license_name=about.get("license_name"),
        size_categories=[size_category(n_articles)],
        task_categories=about["task_categories"],
        tags=about.get("tags"),
    )
    infos = {}
    present = {name: config for name, config in CONFIGS.items() if _present(stats[name])}
    for name, config in present.items():
        splits = SplitDict()
        for split in _present(stats[name]):
            splits.add(
                SplitInfo(
                    name=split,
                    num_bytes=stats[name][split]["num_bytes"],
                    num_examples=stats[name][split]["rows"],
                    dataset_name=None,
                )
            )
        infos[name] = DatasetInfo(
            features=config.features,
            config_name=name,
            splits=splits,
            download_size=sum(s["file_bytes"] for s in stats[name].values()),
            dataset_size=sum(s["num_bytes"] for s in stats[name].values()),
        )
    DatasetInfosDict(infos).to_dataset_card_data(card)
    MetadataConfigs(
        {
            name: {
                "data_files": [{"split": s, "path": f"data/{name}/{s}-*"} for s in _present(stats[name])],
                **({"default": True} if name == DEFAULT_CONFIG else {}),
            }
            for name in present
        }
    ).to_dataset_card_data(card)
    return yaml.safe_dump(card.to_dict(), sort_keys=False, allow_unicode=True).strip()  # type: ignore[no-untyped-call]


def _short(value: Any) -> Any:
    if isinstance(value, str):
        return value if len(value) <= EXAMPLE_CHARS else value[:EXAMPLE_CHARS] + "…"
    if isinstance(value, list):
        return [_short(v) for v in value[:3]] + (["…"] if len(value) > 3 else [])
    if isinstance(value, dict):
        return {k: _short(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _example_row(root: Path) -> str:
    for split in SPLITS:
        for path in shard_files(root, DEFAULT_CONFIG, split):
            source = pq.ParquetFile(path)
            if source.num_row_groups:  # only the first row group is read (iter_batches reads ahead)
                first = source.read_row_group(0).slice(0, 1).to_pylist()[0]
                return json.dumps({k: _short(v) for k, v in first.items()}, indent=2, ensure_ascii=False)
    return "{}"


def _articles_overview(root: Path) -> dict[str, Any]:
    """Counts over every article, one shard at a time (a large corpus's columns do not fit at once)."""
    cols = ["language", "word_count", "published_date", "captions", "related_headlines", "subtitle"]
    totals: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    words_min: int | None = None
    words_max: int | None = None
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    for path in shard_files(root, DEFAULT_CONFIG):
        table = pq.read_table(path, columns=cols)
        dates, words = table["published_date"].drop_null(), table["word_count"]
        languages.update(dict(zip(*_value_counts(table["language"]), strict=True)))
        totals.update(
            n=table.num_rows,
            words=pc.sum(words).as_py() or 0,
            dated=len(dates),
            captions=pc.sum(pc.list_value_length(table["captions"])).as_py() or 0,
            related=pc.sum(pc.list_value_length(table["related_headlines"])).as_py() or 0,
            with_subtitle=len(table["subtitle"].drop_null()),
        )
        words_min = _fold(min, words_min, pc.min(words).as_py())
        words_max = _fold(max, words_max, pc.max(words).as_py())
        date_min = _fold(min, date_min, pc.min(dates).as_py())
        date_max = _fold(max, date_max, pc.max(dates).as_py())
    return {
        **{k: totals[k] for k in ("n", "words", "dated", "captions", "related", "with_subtitle")},
        "words_min": words_min or 0,
        "words_max": words_max or 0,
        "languages": sorted(languages.items(), key=lambda lc: (-lc[1], lc[0])),
        "date_min": date_min.isoformat() if date_min else None,
        "date_max": date_max.isoformat() if date_max else None,
    }


def _fold(pick: Any, so_far: Any, value: Any) -> Any:
    """``pick`` (min or max) of a running value and a shard's, either of which may be None."""
    return value if so_far is None else so_far if value is None else pick(so_far, value)


def _role_counts(root: Path) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for split in SPLITS:
        for path in shard_files(root, "lines", split):
            for batch in pq.ParquetFile(path).iter_batches(columns=["role"]):
                counts.update(dict(zip(*_value_counts(batch.column(0)), strict=True)))
    return [(role, counts.get(role, 0)) for role in ROLES]


def _value_counts(array: Any) -> tuple[list[Any], list[int]]:
    vc = pc.value_counts(array)
    return vc.field("values").to_pylist(), vc.field("counts").to_pylist()


class _QuoteShard(NamedTuple):
    """What the card needs from one quotes shard."""

    pairs: pa.Table  # key (speaker id, else name), article_id, count_all
    spellings: pa.Table  # key, speaker: each spelling of a key once
    articles: pa.Array  # distinct article ids with a quotation
    n: int
    fragments: int
    attributed: int


_NO_PAIRS = pa.table({"key": pa.array([], pa.string()), "article_id": pa.array([], pa.string()),
                      "count_all": pa.array([], pa.int64())})  # fmt: skip


def _quote_shard(path: Path) -> _QuoteShard:
    quotes = pq.read_table(path, columns=["article_id", "speaker", "speaker_id", "is_fragment"])
    said = quotes.filter(pc.is_valid(quotes["speaker"]))
    key = pc.coalesce(said["speaker_id"], said["speaker"])
    keyed = pa.table({"key": key, "article_id": said["article_id"], "speaker": said["speaker"]})
    return _QuoteShard(
        pairs=keyed.group_by(["key", "article_id"], use_threads=False).aggregate([([], "count_all")]),
        spellings=keyed.group_by(["key", "speaker"], use_threads=False).aggregate([]),
        articles=pc.unique(quotes["article_id"]),
        n=quotes.num_rows,
        fragments=pc.sum(quotes["is_fragment"]).as_py() or 0,
        attributed=said.num_rows,
    )


def _quotes_overview(root: Path) -> dict[str, Any]:
    """Quote counts and the "who is quoted where" table (speaker by article), computed in Arrow
    one shard at a time; only the listed speakers become Python rows (a large corpus has too many
    quotations, and speaker-article pairs, to hold as Python objects)."""
    shards = [_quote_shard(path) for path in shard_files(root, "quotes")]
    pairs = pa.concat_tables([_NO_PAIRS, *(q.pairs for q in shards)])
    per_key = pairs.group_by("key", use_threads=False).aggregate([("count_all", "sum"), ("article_id", "count")])
    by_count = per_key.sort_by([("count_all_sum", "descending"), ("key", "ascending")])
    ordered = by_count.slice(0, TABLE_ROWS).to_pylist()
    listed_keys = pa.array([r["key"] for r in ordered], pa.string())
    names: dict[str, set[str]] = {}
    for q in shards:
        spellings = q.spellings.filter(pc.is_in(q.spellings["key"], listed_keys))
        for k, speaker in zip(spellings["key"].to_pylist(), spellings["speaker"].to_pylist(), strict=True):
            names.setdefault(k, set()).add(speaker)
    quoted_articles = pc.unique(pa.chunked_array([q.articles for q in shards], pa.string()))
    by_article = len(quoted_articles) <= MATRIX_ARTICLES
    articles = sorted(quoted_articles.to_pylist()) if by_article else []
    count_of = {(r["key"], r["article_id"]): r["count_all"] for r in pairs.to_pylist()} if by_article else {}
    mentions, person_ids, people_names = 0, [], []
    for path in shard_files(root, DEFAULT_CONFIG):
        people = flat_people(path)
        mentions += len(people)
        person_ids.append(pc.unique(pc.struct_field(people, "person_id")))
        people_names.append(pc.unique(pc.struct_field(people, "name")))
    return {
        "n": sum(q.n for q in shards),
        "fragments": sum(q.fragments for q in shards),
        "attributed": sum(q.attributed for q in shards),
        "articles": articles,
        "who_where": [
            (
                " / ".join(sorted(names[r["key"]])),
                r["key"],
                [count_of.get((r["key"], a), 0) for a in articles],
                r["count_all_sum"],
                r["article_id_count"],
            )
            for r in ordered
        ],
        "by_article": by_article,
        "speakers": per_key.num_rows,
        "mentions": mentions,
        "person_ids": _count_distinct(person_ids),
        "names": _count_distinct(people_names),
    }


def _count_distinct(arrays: list[pa.Array]) -> int:
    """Distinct values (a missing value counts as one) across arrays of one type."""
    return pc.count_distinct(pa.chunked_array(arrays, pa.string()), mode="all").as_py() if arrays else 0


GOLD_FIELDS = ("title", "subtitle", "published_date", "section", "reading_time_minutes", "authors", "credit_line")


def _gold_accuracy(root: Path, raw_dir: Path, about: dict[str, Any]) -> dict[str, Any] | None:
    """How the built data matches hand-checked gold files (``gold`` in about.yaml), if any."""
    if not about.get("gold") or not (gold_dir := (raw_dir / about["gold"]).resolve()).is_dir():
        return None
    golds = {g["id"]: g for g in (json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json")))}
    article_cols = ["id", *GOLD_FIELDS, "people"]
    ids = sorted(golds)

    def rows(config: str, columns: list[str]) -> list[dict[str, Any]]:
        return [r for s in SPLITS for r in _read(root, config, s, columns, ids).to_pylist()]

    articles = {r["id"]: r for r in rows(DEFAULT_CONFIG, article_cols)}
    lines = rows("lines", ["article_id", "line_number", "role"])
    quotes = rows("quotes", ["article_id", "text", "speaker"])
    roles = {(r["article_id"], r["line_number"]): r["role"] for r in lines}
    gold_lines = [(i, ln["line"], ln["role"]) for i, g in golds.items() for ln in g["lines"]]
    fields = [(i, f) for i in articles for f in GOLD_FIELDS]

    def value(row: dict[str, Any], field: str) -> Any:
        v = row[field]
        return v.isoformat() if isinstance(v, dt.date) else v

    def norm(text: str) -> str:
        return text.strip().rstrip(",").strip()

    listed = {(q["article_id"], norm(q["text"])) for q in quotes}
    required = [
        (i, q) for i, g in golds.items() for q in g["quotes"] if not q.get("optional") and not q.get("fragment")
    ]
    allowed = {(i, norm(q["text"])): [q["speaker"], *q.get("speaker_alternatives", [])] for i, g in golds.items()
               for q in g["quotes"]}  # fmt: skip
    found = [q for q in quotes if (q["article_id"], norm(q["text"])) in allowed]
    return {
        "articles": len(articles),
        "lines": len(gold_lines),
        "roles_right": sum(roles.get((i, n)) == role for i, n, role in gold_lines),
        "fields": len(fields),
        "fields_right": sum(value(articles[i], f) == golds[i][f] for i, f in fields),
        "quotes": len(quotes),
        "quote_precision": len(found),
        "required": len(required),
        "required_found": sum((i, norm(q["text"])) in listed for i, q in required),
        "speakers_right": sum(q["speaker"] in allowed[(q["article_id"], norm(q["text"]))] for q in found),
        "people_right": sum([p["name"] for p in articles[i]["people"]] == golds[i]["people"] for i in articles),
    }


def _artifacts(root: Path, about: dict[str, Any]) -> list[dict[str, Any]]:
    """Each known source artifact with the articles whose raw text holds it (one file at a time)."""
    out = []
    for item in about.get("artifacts") or []:
        found: list[str] = []
        for split in SPLITS:
            for path in shard_files(root, DEFAULT_CONFIG, split):
                table = pq.read_table(path, columns=["id", "raw_text"])
                hits = pc.match_substring(table["raw_text"], item["text"])
                found += table["id"].filter(hits).to_pylist()
        out.append({"text": item["text"], "note": item.get("note", ""), "articles": sorted(found)})
    return out


def _module_docstring(module: str) -> str:
    """The docstring of one of the package's modules, read from its source: a module compiled
    with mypyc has no ``__doc__``, and the wheel ships the source beside it."""
    source = importlib.resources.files("karabakh_news").joinpath(f"{module}.py").read_text(encoding="utf-8")
    return (ast.get_docstring(ast.parse(source), clean=False) or "").strip()


def render_cards(
    root: Path, raw_dir: Path, manifest: Mapping[str, ManifestRow], report: dict[str, Any] | None = None
) -> Cards:
    """Both cards for the built folder ``root`` (which must hold data/ and the build report).

    ``report`` is the build report's counts and the files to list; without it the report is read.
    """
    about = load_about(raw_dir)
    stats = _split_stats(root)
    overview = _articles_overview(root)
    if report is None:
        report = json.loads((root / "build_report.json").read_text(encoding="utf-8"))
    context = {
        "about": about,
        "configs": CONFIGS,
        "default_config": DEFAULT_CONFIG,
        "splits": SPLITS,
        "stats": stats,
        "overview": overview,
        "roles": _role_counts(root),
        "example": _example_row(root),
        "manifest": [manifest[key] for key in heapq.nsmallest(TABLE_ROWS, manifest)],  # keys are ids
        "manifest_rows": len(manifest),
        "table_rows": TABLE_ROWS,
        "report": report,
        "artifacts": _artifacts(root, about),
        "gold": _gold_accuracy(root, raw_dir, about),
        "quotes": _quotes_overview(root),
        "quotes_method": _module_docstring("quotes"),
        "people_method": _module_docstring("people"),
        "type_string": type_string,
    }
    body = _ENV.get_template("card.md.j2").render(**context)
    languages = [lang for lang, _ in overview["languages"]] or ["en"]
    hub = "---\n" + _yaml_front_matter(stats, about, languages) + "\n---\n\n" + body
    return Cards(hub=hub, human=body)
