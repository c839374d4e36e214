"""The typed article record and its assembly from classified lines (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

import py3langid

from karabakh_news.errors import ParseError
from karabakh_news.patterns import (
    Caption,
    Metadata,
    byline_names,
    caption_of,
    headline_text,
    inline_related_headline,
    is_outlet_line,
    is_role_line,
    leading_stamp,
    metadata_of,
    name_line_authors,
    normalized,
    opens_with_date,
    unmarked_caption,
    word_count,
)
from karabakh_news.people import find_mentions, people_in_order
from karabakh_news.quotes import Quote, find_quotes
from karabakh_news.roles import assign_roles

BLOCK_SEPARATOR = "\n\n"
T = TypeVar("T")
_BODY_ROLES = ("paragraph", "heading")
_FURNITURE_ROLES = ("boilerplate", "metadata", "caption", "related_marker", "related_item")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank raw line: 1-based ``number``, its ``role`` and the exact raw ``text``."""

    number: int
    role: str
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    """A body block with stand-off offsets: ``body[char_start:char_end] == text``."""

    kind: str
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    subtitle: str | None
    published_date: dt.date | None
    section: str | None
    reading_time_minutes: int | None
    authors: tuple[str, ...]
    credit_line: str | None
    body: str
    blocks: tuple[Block, ...]
    captions: tuple[Caption, ...]
    related_headlines: tuple[str, ...]
    people: tuple[str, ...]  # people named in the body, fullest form, in order of first mention
    quotes: tuple[Quote, ...]
    language: str
    word_count: int
    source_file: str
    source_sha256: str
    raw_text: str
    lines: tuple[Line, ...]
    near_duplicate_of: str | None = None  # set by the build, which sees the other articles

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind == "heading")


def split_lines(text: str) -> list[str]:
    """Lines of decoded text (``\\n`` endings, as :func:`decode.decode_text` leaves them)."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def classify_lines(text: str) -> tuple[Line, ...]:
    raw = split_lines(text)
    return tuple(
        Line(n, role, line)
        for n, (line, role) in enumerate(zip(raw, assign_roles(raw), strict=True), start=1)
        if role is not None
    )


def _blocks(lines: tuple[Line, ...]) -> tuple[Block, ...]:
    blocks, offset = [], 0
    for line in lines:
        if line.role in _BODY_ROLES:
            text = line.text.strip()
            blocks.append(Block(line.role, text, offset, offset + len(text)))
            offset += len(text) + len(BLOCK_SEPARATOR)
    return tuple(blocks)


def _first(values: Iterable[T | None]) -> T | None:
    return next((v for v in values if v is not None), None)


def _metadata(lines: tuple[Line, ...]) -> list[Metadata]:
    """Metadata stated by the page's own metadata lines and a stamp run into the headline.

    A metadata line that states nothing on its own is the value of an "Author" label line
    above it, else see :func:`_unlabelled`. A date above the headline belongs to the article
    only in the header block right over it or as the stamp that opens the page; one elsewhere
    above it (a site's "today" bar) is dropped.
    """
    found: list[Metadata] = []
    title_at = next((i for i, ln in enumerate(lines) if ln.role == "title"), -1)
    title = headline_text(lines[title_at].text.strip()) if title_at >= 0 else ""
    header_from = title_at
    body_end = max((i for i, ln in enumerate(lines) if ln.role in _BODY_ROLES), default=-1)
    while header_from > 0 and lines[header_from - 1].role == "metadata":
        header_from -= 1
    for i, line in enumerate(lines):
        text = line.text.strip()
        if line.role == "metadata":
            stated = metadata_of(text)
            if stated is None:
                after_label = bool(found) and found[-1].byline_label
                stated = Metadata(authors=byline_names(text)) if after_label else _unlabelled(text, title, i > body_end)
            if i < header_from and stated.dates and not (i == 0 and opens_with_date(text, labelled=True)):
                stated = replace(stated, dates=())  # a page may open with its date stamp; keep that
            found.append(stated)
        elif line.role == "title" and (stamp := leading_stamp(text)):
            found.append(stamp[0])
    return found


def _unlabelled(text: str, title: str, after_body: bool) -> Metadata:
    """A metadata line without a label: a byline of names, an outlet (the credit line when it
    stands under the story), a breadcrumb ending with the headline (its first crumb is the
    section), or a section kicker."""
    if is_outlet_line(text):
        return Metadata(credit_line=text) if after_body else Metadata()
    if (names := name_line_authors(text)) is not None:
        return Metadata(authors=names)
    if is_role_line(text):
        return Metadata()
    if title and len(text) > len(title) and normalized(text).endswith(normalized(title)):
        crumbs = text[: len(text) - len(title)].split()
        return Metadata(section=crumbs[0] if crumbs else None)
    return Metadata(section=text)


def _published_date(found: list[Metadata]) -> dt.date | None:
    # A "published"/unlabelled date beats an "updated" one; otherwise the first stated wins.
    dates = [d for m in found for d in m.dates]
    return min(dates, key=lambda d: d[1])[0] if dates else None


def _authors(found: list[Metadata]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a for m in found for a in m.authors))


MIN_HEADLINE_WORDS = 3


def _related_headline(text: str) -> str | None:
    inline = inline_related_headline(text)
    if inline is not None:
        return inline
    if metadata_of(text) is not None or caption_of(text) is not None:
        return None  # an item's byline, date, age or photo credit, not a headline
    if word_count(text) < MIN_HEADLINE_WORDS:
        return None  # an item's source ("• AGENCY") or section label, not a headline
    return text


LANGUAGE_SAMPLE_CHARS = 400  # a paragraph tells the language; py3langid costs about 0.5 µs a character


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` (py3langid, offline and deterministic)."""
    code, _score = py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])
    return str(code)


def parse_article(text: str, article_id: str, *, source_file: str = "", source_sha256: str = "") -> Article:
    """Parse decoded page text into an :class:`Article`.

    Raises :class:`ParseError` (reason ``blank``, ``only_boilerplate``, ``no_title`` or
    ``no_body``) when the page holds no article; that is the only exception it raises on purpose.
    """
    lines = classify_lines(text)
    source = source_file or article_id
    if not lines:
        raise ParseError("blank", "the file holds only white space", source)
    if all(line.role in _FURNITURE_ROLES for line in lines):
        raise ParseError("only_boilerplate", "every line is page furniture, metadata or links", source)
    titles = [headline_text(line.text.strip()) for line in lines if line.role == "title"]
    if not titles:
        raise ParseError("no_title", "no line reads as a headline", source)
    blocks = _blocks(lines)
    if not any(b.kind == "paragraph" for b in blocks):
        raise ParseError("no_body", "no line reads as article text", source)
    body = BLOCK_SEPARATOR.join(b.text for b in blocks)
    mentions = find_mentions(body)
    quotes = find_quotes([(b.kind, b.text, b.char_start) for b in blocks], body, mentions)
    found = _metadata(lines)
    by_role = {role: [ln.text.strip() for ln in lines if ln.role == role] for role in ("subtitle", "caption")}
    related = [_related_headline(ln.text.strip()) for ln in lines if ln.role == "related_item"]
    return Article(
        id=article_id,
        title=titles[0],
        subtitle=_first(by_role["subtitle"]),
        published_date=_published_date(found),
        section=_first([m.section for m in found]),
        reading_time_minutes=_first(m.reading_time_minutes for m in found),
        authors=_authors(found),
        credit_line=_first([m.credit_line for m in found]),
        body=body,
        blocks=blocks,
        captions=tuple(caption_of(text) or unmarked_caption(text) for text in by_role["caption"]),
        related_headlines=tuple(dict.fromkeys(h for h in related if h is not None)),  # a list may repeat one
        people=people_in_order(mentions),
        quotes=tuple(quotes),
        language=detect_language(body),
        word_count=word_count(body),
        source_file=source_file,
        source_sha256=source_sha256,
        raw_text=text,
        lines=lines,
    )
