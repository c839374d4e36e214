"""The one declaration of every config's fields.

Everything else is derived from :data:`CONFIGS`: the ``datasets.Features`` (and through
``Features.arrow_schema`` the Arrow schema Parquet is written with, carrying the HF metadata
so types survive every reader), the Hub card's ``dataset_info`` YAML, and the card's field
tables. Nullability is part of the declaration and is written into the Arrow schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from datasets import Features, List, Value

from karabakh_news.manifest import SPLITS

__all__ = ["CONFIGS", "DEFAULT_CONFIG", "ROLES", "SPLITS", "Config", "Field", "type_string"]
DEFAULT_CONFIG = "articles"

ROLES: tuple[str, ...] = (
    "title",
    "subtitle",
    "duplicate_title",
    "metadata",
    "caption",
    "heading",
    "paragraph",
    "related_marker",
    "related_item",
    "boilerplate",
)
BLOCK_KINDS: tuple[str, ...] = ("paragraph", "heading")


@dataclass(frozen=True)
class Field:
    name: str
    feature: Any  # a datasets feature type: Value, List or a dict of them (a struct)
    description: str
    nullable: bool = False


@dataclass(frozen=True)
class Config:
    name: str
    description: str
    fields: tuple[Field, ...]

    @property
    def features(self) -> Features:
        return Features({f.name: f.feature for f in self.fields})

    @property
    def arrow_schema(self) -> pa.Schema:
        """``Features.arrow_schema`` (with its HF metadata), plus declared nullability."""
        base = self.features.arrow_schema
        nullable = {f.name: f.nullable for f in self.fields}
        fields = [fld.with_nullable(nullable[fld.name]) for fld in base]
        return pa.schema(fields, metadata=base.metadata)

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]


_STR = Value("string")
_I32 = Value("int32")

ARTICLES = Config(
    name="articles",
    description="One row per article: the parsed fields, the body, and the raw text.",
    fields=(
        Field("id", _STR, "Article id: the raw file's stem."),
        Field("title", _STR, "Headline."),
        Field("subtitle", _STR, "Standfirst under the headline, when the page has one.", True),
        Field("published_date", Value("date32"), "Date stated in the page's metadata; never guessed.", True),
        Field("section", _STR, "Section or category printed with the article.", True),
        Field("reading_time_minutes", _I32, "Reading time printed on the page.", True),
        Field("authors", List(_STR), "Names in the article's own byline (not bylines of related links)."),
        Field("credit_line", _STR, "Source credit line, e.g. the text after `SOURCE:`.", True),
        Field("body", _STR, "Body blocks (paragraphs and headings) joined by one blank line."),
        Field("headings", List(_STR), "Section headings inside the body, in order."),
        Field(
            "captions",
            List({"text": _STR, "credit": _STR}),
            "Photo captions split into caption text and photo credit (either may be null).",
        ),
        Field("related_headlines", List(_STR), "Headlines of related-link lists on the page (not the article)."),
        Field(
            "people",
            List({"name": _STR, "person_id": _STR}),
            "People named in the body (fullest form in this article) with their dataset-wide id.",
        ),
        Field(
            "quotes",
            List(
                {
                    "text": _STR,
                    "speaker": _STR,
                    "speaker_id": _STR,
                    "char_start": _I32,
                    "char_end": _I32,
                }
            ),
            "Direct quotations in body paragraphs (speaker and speaker_id may be null); offsets into `body`.",
        ),
        Field("language", _STR, "ISO 639-1 code of the body, detected offline with py3langid."),
        Field("word_count", _I32, "Number of whitespace-separated tokens in `body`."),
        Field("source_file", _STR, "Raw file name (no directories)."),
        Field("source_sha256", _STR, "sha256 of the raw file's bytes."),
        Field("raw_text", _STR, "The decoded raw text (UTF-8, `\\n` line endings), boilerplate included."),
        Field(
            "near_duplicate_of",
            _STR,
            "Id of an earlier article whose body this one nearly duplicates (MinHash Jaccard >= 0.8), else null.",
            True,
        ),
    ),
)

BLOCKS = Config(
    name="blocks",
    description="One row per body block; `body[char_start:char_end] == text`.",
    fields=(
        Field("article_id", _STR, "Id of the article the block belongs to."),
        Field("block_index", _I32, "0-based position of the block in the body."),
        Field("kind", _STR, "`paragraph` or `heading`."),
        Field("text", _STR, "The block's text (the stripped raw line)."),
        Field("char_start", _I32, "Start offset of the block in the article's `body`."),
        Field("char_end", _I32, "End offset (exclusive) of the block in the article's `body`."),
    ),
)

LINES = Config(
    name="lines",
    description="One row per non-blank raw line with the role the parser gave it.",
    fields=(
        Field("article_id", _STR, "Id of the article the line belongs to."),
        Field("line_number", _I32, "1-based line number in the raw file."),
        Field("role", _STR, "One of: " + ", ".join(f"`{r}`" for r in ROLES) + "."),
        Field("text", _STR, "The raw line exactly, without its line ending."),
    ),
)

QUOTES = Config(
    name="quotes",
    description="One row per direct quotation in a body paragraph, with its speaker when it can be resolved.",
    fields=(
        Field("quote_id", _STR, "Stable id: `<article_id>-q<position>` (0-based, in body order)."),
        Field("article_id", _STR, "Id of the article the quote is in."),
        Field("block_index", _I32, "Index (in `blocks`) of the paragraph where the quote opens."),
        Field("text", _STR, "The words inside the quotation marks; `body[char_start:char_end] == text`."),
        Field("speaker", _STR, "Who said it: the fullest form of the name used in the article.", True),
        Field(
            "speaker_id",
            _STR,
            "Dataset-wide id of the speaker, a person or a named organisation (spelling variants share it).",
            True,
        ),
        Field("char_start", _I32, "Start offset of the quoted words in the article's `body`."),
        Field("char_end", _I32, "End offset (exclusive) of the quoted words in the article's `body`."),
        Field("is_fragment", Value("bool"), "Fewer than four words (a short quoted phrase)."),
        Field("cue", _STR, "The reporting verb or phrase (`said`, `stated`, `according to`, ...).", True),
    ),
)

CONFIGS: dict[str, Config] = {c.name: c for c in (ARTICLES, BLOCKS, LINES, QUOTES)}


def type_string(feature: Any) -> str:
    """A short readable type, as the card's field table shows it."""
    if isinstance(feature, Value):
        return str(feature.dtype)
    if isinstance(feature, List):
        return f"list<{type_string(feature.feature)}>"
    if isinstance(feature, dict):
        inner = ", ".join(f"{k} {type_string(v)}" for k, v in feature.items())
        return f"struct<{inner}>"
    raise TypeError(f"no type string for {feature!r}")
