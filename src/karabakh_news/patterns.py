"""What a single line looks like on its own: small extractors over module-level patterns.

Each function looks at one stripped line and nothing else; :mod:`karabakh_news.roles` combines
them with the line's neighbours. The vocabularies are of page layouts (labels such as
"Photo:", "By", "min read", "See also"), never of any one article's content.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from karabakh_news.dates import find_dates, holds_any, time_spans

# ---------------------------------------------------------------- shape of a line
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = re.compile(r"[.!?…;:][\"'”’»)\]*]*$")
_INNER_SENTENCE_BREAK = re.compile(r"[a-z0-9][.!?][\"'”’»)]*\s+[\"'“‘«(]*[A-Z]")
_HAS_LETTER = re.compile(r"[^\W\d_]")


# Line roles ask the same questions of a line several times (its own tag, a neighbour's look-ahead,
# the article's fields), so the answers of the pure, costly ones are remembered for the lines of
# the page being parsed.
_remember = lru_cache(maxsize=1024)


@_remember
def word_count(text: str) -> int:
    return len(text.split())


def sentence_count(line: str) -> int:
    return 1 + len(_INNER_SENTENCE_BREAK.findall(line))


@_remember
def is_prose(line: str) -> bool:
    """A line that reads as running text (a paragraph), not as a headline or a label.

    Headlines rarely end in a full stop but often in "?" or "!", so those two only count
    as prose for long or multi-sentence lines.
    """
    words = word_count(line)
    if words > 40:
        return True
    stripped = line.rstrip(_CLOSERS + " ")
    if stripped.endswith(("?", "!")):
        return words > 25 or (sentence_count(line) > 1 and words > 12)
    if _SENTENCE_END.search(line):
        return True
    return sentence_count(line) > 1 and words > 15


def is_headline_like(line: str) -> bool:
    return 1 <= word_count(line) <= 30 and not is_prose(line) and bool(_HAS_LETTER.search(line))


def is_all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def normalized(line: str) -> str:
    return " ".join(line.casefold().split())


# ---------------------------------------------------------------- metadata lines
_READING_TIME = re.compile(
    r"(?:reading\s+time\s*:?\s*)?(?<!\d)(?P<n>\d{1,3})\s*[- ]?\s*(?:min(?:ute)?s?\.?)(?:\s+(?:read|reading))?"
    r"(?:\s+read)?",
    re.I,
)
_READING_TIME_LINE = re.compile(rf"^\s*(?:{_READING_TIME.pattern})\s*$", re.I)
_CREDIT_LINE = re.compile(r"^\s*(?:source|sources|courtesy)\s*:\s*(?P<credit>\S.{0,120}?)\s*$", re.I)
_SECTION_LINE = re.compile(r"^\s*(?:section|category|categories|filed\s+under)\s*:\s*(?P<section>\S.{0,40}?)\s*$", re.I)
_BYLINE = re.compile(
    r"^\s*(?:by|written\s+by|words\s+by|reported\s+by|reporting\s+by|author|authors)\b\s*:?\s*(?P<names>.+)$",
    re.I,
)
_WITH_BYLINE = re.compile(
    r"^\s*(?i:with)\s+(?P<names>[A-Z]\S*\s+[A-Z]\S*(?:\s+[A-Z]\S*)?(?:\s+and\s+[A-Z]\S*\s+[A-Z]\S*)?)\.?\s*$"
)
_BYLINE_END = re.compile(
    r"\s*(?:[|•·—–]|\s-\s|;|\bpublished\b|\bupdated\b|\bposted\b|\bon\s+(?=\w+\s+\d)|\d{1,2}\s*(?:min|minutes?)\b).*$",
    re.I,
)
_OTHER_CREDITS = re.compile(
    r"^\s*(?:additional\s+reporting|editing|edited|compiled|translated|translation|translating|produced|fact-checked)"
    r"(?:\s+and\s+\w+)?\s+by\b",
    re.I,
)
_DESK_BYLINE = re.compile(
    r"^\s*(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}\s+(?:news\s+)?(?:desk|team|bureau)\s*$"
)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*", re.I)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|de|da|del|van|von|der|den|al|el|bin|ibn|la|le|di|du|dos|y)$")
_ROLE_WORDS = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|staff|contributor|journalist|bureau|desk|team)\b", re.I
)
# Labels may be glued to the digits of a stamp ("GMT+4Updated"), so no \\b on the digit side.
_DATE_LABELS = re.compile(
    r"(?<![^\W\d_])(?:date\s+of\s+publication|publication\s+date|date|dated|published|publish|posted|updated|last\s+updated|last\s+modified|modified|edited|"
    r"created|released|issued|"
    r"first\s+published|on|at|am|pm|local\s+time|today|yesterday|mon|tue|wed|thu|fri|sat|sun|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|"
    r"(?:gmt|utc|bst|cet|cest|eet|eest|msk|azt|est|edt|pst|pdt|cst|cdt|ist)\s*(?:[+-−]\s*\d{1,2}(?::?\d\d)?)?)"
    r"(?![^\W\d_])",
    re.I,
)
_LABEL_ONLY_LINE = re.compile(
    r"^\s*(?:date|published|posted|updated|last\s+updated|first\s+published)(?:\s+on)?\s*:?\s*$", re.I
)
_BYLINE_LABEL = re.compile(r"^\s*(?:authors?|by|written\s+by|reporter|reporting|journalist)\s*:?\s*$", re.I)
_STAMP_PREFIX = re.compile(r"^\s*(?:(?:date|published|posted|updated)\s*:?\s*)?$", re.I)
_SECTION_WORDS = re.compile(
    r"^(?:world|politics|business|economy|sport|sports|culture|opinion|analysis|region|regions|news|society|"
    r"europe|asia|middle\s+east|caucasus|south\s+caucasus|africa|americas|science|tech|technology|health|"
    r"energy|security|defence|defense|diplomacy|world\s+news|local|national|international|features?|"
    r"commentary|interview|explainer|environment|education|travel|lifestyle|arts|media|markets?|finance)$",
    re.I,
)
_UPDATED_LABEL = re.compile(r"\b(?:updated|modified|edited)\b\s*:?\s*$", re.I)
_RELATIVE_TIME = re.compile(
    r"^\s*(?:\d+\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?)\s+ago"
    r"|just\s+now|yesterday|today)\b",
    re.I,
)
_SEPARATORS = re.compile(r"[|•·—–,:/\\()\[\]-]+")


@dataclass(frozen=True)
class Metadata:
    """What one metadata line states."""

    dates: tuple[tuple[dt.date, bool], ...] = ()  # (date, is_update)
    section: str | None = None
    reading_time_minutes: int | None = None
    authors: tuple[str, ...] = ()
    credit_line: str | None = None
    byline_label: bool = False  # an "Author" line whose value is on the next line


def _names(raw: str) -> tuple[str, ...] | None:
    """Split a byline's names; None when a part does not look like a name."""
    names = []
    for part in _NAME_SPLIT.split(raw.strip(" .,")):
        if _DESK_BYLINE.match(part):
            names.append(" ".join(part.split()))  # "The Daily Planet news desk": an outlet's desk signs
            continue
        if not part:
            continue
        if _ROLE_WORDS.search(part):
            if names:
                break  # "Jane Roe, Sports Editor, The Daily Planet": the rest is her employer
            continue
        tokens = part.split()
        if not 1 <= len(tokens) <= 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
            return None
        names.append(" ".join(tokens))
    return tuple(names) or None


def byline_authors(line: str) -> tuple[str, ...] | None:
    m = _BYLINE.match(line)
    if not m or word_count(line) > 20:
        m = _WITH_BYLINE.match(line)
        return _names(m["names"]) if m else None
    names_part = _BYLINE_END.sub("", m["names"])
    for d in find_dates(names_part):  # a date run together with the names ends them
        names_part = names_part[: d.start]
        break
    return _names(names_part)


def reading_time(line: str) -> int | None:
    m = _READING_TIME_LINE.match(line)
    return int(m["n"]) if m else None


def is_relative_time(line: str) -> bool:
    return bool(_RELATIVE_TIME.match(line)) and word_count(line) <= 6


def _blank(line: str, spans: list[tuple[int, int]]) -> str:
    chars = list(line)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _remainder_words(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """Words of a dated line left once dates, times, labels and bare numbers are removed."""
    rest = _SEPARATORS.sub(" ", _DATE_LABELS.sub(" ", _blank(line, spans)))
    return [w for w in rest.split() if _HAS_LETTER.search(w)]


def _section_from(words: list[str]) -> str | None:
    """A section name beside a date: all-caps, one word, or a common section name.

    Two or three title-case words next to a date are as often a person's name as a
    section, so they give no section rather than a wrong one.
    """
    if not 1 <= len(words) <= 3 or sum(map(len, words)) > 30 or not all(w.isalpha() for w in words):
        return None
    text = " ".join(words)
    if (len(words) == 1 and words[0][:1].isupper()) or is_all_caps(text) or _SECTION_WORDS.match(text):
        return text
    return None


def _could_be_name(words: list[str]) -> bool:
    return 2 <= len(words) <= 4 and all(_NAME_TOKEN.match(w) for w in words)


_CHUNK_SEPARATOR = re.compile(r"\s+[|•·]\s+")


def _section_chunk(line: str) -> str | None:
    """A section between the separators of a byline ("BY Jane Roe | WORLD | 01:52 AM")."""
    for chunk in _CHUNK_SEPARATOR.split(line)[1:]:
        words = chunk.split()
        if not _HAS_DIGIT.search(chunk) and (section := _section_from(words)) is not None:
            return section
    return None


_HAS_DIGIT = re.compile(r"\d")
MAX_STAMP_WORDS = 40  # a longer line is running text (see is_prose), never a date stamp


def _dated_line(line: str) -> Metadata | None:
    """A line that is a date (with time, labels, a section or a byline around it)."""
    if word_count(line) > MAX_STAMP_WORDS:
        return None  # at most four words may be left beside the dates: cheaper to stop here
    dates = find_dates(line)
    if not dates:
        return None
    spans = [(d.start, d.end) for d in dates]
    spans += time_spans(_blank(line, spans))  # a time may be glued to the year: look once dates are gone
    rt = _READING_TIME.search(line)
    minutes = int(rt["n"]) if rt else None
    if rt:
        spans.append(rt.span())
    authors: tuple[str, ...] = ()
    by = re.search(r"\b(?:by|author)\b", line, re.I)
    if by:
        authors = byline_authors(line[by.start() :]) or ()
        if authors:
            spans.append(
                (by.start(), len(line))
                if not any(d.start > by.start() for d in dates)
                else (by.start(), min(d.start for d in dates if d.start > by.start()))
            )
    rest = _remainder_words(line, spans)
    section = _section_from(rest)
    lead = _DATE_LABELS.sub(" ", line[: dates[0].start])
    if not authors:  # "Jane Roe, John Doe New York Published 28.12.22": names before the date stamp
        authors = name_line_authors(lead) or ()
    if rest and section is None and not _could_be_name(rest) and not authors:
        stamp = _STAMP_PREFIX.match(line[: dates[0].start]) and len(spans) > len(dates)  # "date 2020-05-14 Time: 11:07"
        chunks = _CHUNK_SEPARATOR.split(line)
        chunked = len(chunks) >= 2 and all(word_count(c) <= 5 for c in chunks)  # "Wire | 2024-03-04 | Editor: X"
        if not stamp and not chunked:
            return None
        section = _section_chunk(line)
    flagged = tuple((d.date, bool(_UPDATED_LABEL.search(line[: d.start]))) for d in dates)
    return Metadata(dates=flagged, section=section, reading_time_minutes=minutes, authors=authors)


def opens_with_date(line: str, labelled: bool = False) -> bool:
    """Whether the line starts with a date, alone or after a "Date:"/"Published" label (the
    label required when ``labelled``)."""
    dates = find_dates(line[:40])
    if not dates or not (prefix := _STAMP_PREFIX.match(line[: dates[0].start])):
        return False
    return not labelled or bool(prefix.group().strip())


def leading_stamp(line: str) -> tuple[Metadata, str] | None:
    """A date stamp run into the start of a content line (" date 2025-06-11 Headline ..."):
    what it states, and the text after it."""
    dates = find_dates(line[:40])
    if not dates or not _STAMP_PREFIX.match(line[: dates[0].start]):
        return None
    rest_at = dates[0].end
    for start, end in time_spans(line[rest_at:]):
        if line[rest_at : rest_at + start].strip(" ,|/-") == "":
            rest_at += end
        break
    rest = line[rest_at:].strip(" ,|/-–—")
    if word_count(rest) < 3:
        return None
    return Metadata(dates=((dates[0].date, False),)), rest


@_remember
def headline_text(line: str) -> str:
    """The headline on a line, without a date stamp run into its start."""
    stamp = leading_stamp(line)
    return stamp[1] if stamp else line


def is_byline_label(line: str) -> bool:
    """An "Author" / "By" line whose names are on the next line."""
    return bool(_BYLINE_LABEL.match(line))


def byline_names(line: str) -> tuple[str, ...]:
    """Names on the line after an "Author" label (people or an outlet, as printed)."""
    return tuple(n for n in (part.strip(" .") for part in _NAME_SPLIT.split(line.strip())) if n)


# Every metadata pattern but the dated line is anchored at the line's start and needs one of
# these there: one match rules them all out for most lines.
_MAY_BE_LABELLED = re.compile(
    r"^\s*(?:\d|reading|sources?|courtesy|section|categor|filed|author|by\b|written|words|reporter|reporting"
    r"|reported|journalist|date|published|posted|updated|last|first|additional|edit|compiled|translat|produced"
    r"|fact|just|yesterday|today|with\s)",
    re.I,
)


@_remember
def metadata_of(line: str) -> Metadata | None:
    """The metadata a line states, or None when the line is not a metadata line."""
    return _metadata_of(line, labelled=bool(_MAY_BE_LABELLED.match(line)))


def _metadata_of(line: str, labelled: bool) -> Metadata | None:
    """The cascade; ``labelled=False`` skips the anchored patterns, which cannot match then."""
    if labelled:
        if (minutes := reading_time(line)) is not None:
            return Metadata(reading_time_minutes=minutes)
        if m := _CREDIT_LINE.match(line):
            credit, *rest = _CHUNK_SEPARATOR.split(m["credit"])  # "Source: AFP | 2024-05-06 10:15"
            dates = tuple((d.date, False) for d in find_dates(" ".join(rest)))
            return Metadata(credit_line=credit.strip(), dates=dates)
        if m := _SECTION_LINE.match(line):
            return Metadata(section=m["section"])
        if is_byline_label(line):
            return Metadata(byline_label=True)
        if _LABEL_ONLY_LINE.match(line):
            return Metadata()
        if _OTHER_CREDITS.match(line) and word_count(line) <= 20:
            return Metadata(credit_line=line.strip())
    dated = _dated_line(line)
    if dated is not None:
        return dated
    if labelled and (authors := byline_authors(line)) is not None:
        return Metadata(authors=authors, section=_section_chunk(line))
    if labelled and is_relative_time(line):
        return Metadata()
    if word_count(line) <= MAX_AGE_STAMP_WORDS and _TRAILING_AGE.search(line):
        return Metadata()  # "AGENCY 5 days ago", "timean hour ago": an age, never a date to guess from
    return None


MAX_AGE_STAMP_WORDS = 5
_TRAILING_AGE = re.compile(
    r"(?:\d+|an?)\s*(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago\s*$", re.I
)


# ---------------------------------------------------------------- captions
_PHOTO = r"(?:photo(?:graph)?s?|images?|pictures?|pic|foto|credit|illustration)\b"
_CREDIT_LABEL = rf"(?:(?:file\s+)?{_PHOTO}|file)(?:\s+(?:by|credit|source))?"
_CAPTION_BAR = re.compile(rf"^(?P<text>.*?)\s*\|\s*{_PHOTO}(?:\s+(?:by|credit))?\s*:?\s*(?P<credit>\S.*)$", re.I)
_CAPTION_LABEL = re.compile(rf"^\s*{_PHOTO}(?:\s+(?:credit|source))?\s*(?::|,|\s+by\b)\s*(?P<rest>\S.*)$", re.I)
_CAPTION_TEXT_LABEL = re.compile(r"^\s*(?:image|photo|picture)\s+caption\s*[:,]\s*(?P<text>\S.*)$", re.I)
_CAPTION_PAREN = re.compile(
    rf"^(?P<text>.*?)\s*[(\[]\s*(?:(?:[A-Z]+\s+)?{_CREDIT_LABEL}\s*[:/]?\s*)(?P<credit>[^)\]]+)[)\]]\s*$",
    re.I,
)
_CAPTION_TRAILING_LABEL = re.compile(
    rf"^(?P<text>.+?[.!?”\"’])\s*(?:file\s+)?{_PHOTO}(?:\s+(?:by|credit))?\s*:\s*(?P<credit>[^.]{{1,80}})$", re.I
)
_CREDIT_NAME = r"[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*){0,5}"
_CAPTION_SLASH = re.compile(rf"^(?P<text>.+?[.!?”\"’)])\s+/\s*(?P<credit>{_CREDIT_NAME})\s*$")
_CAPTION_SLASHED_CREDIT = re.compile(
    r"^(?P<text>.+?[.!?”\"’])\s*[(\[](?:(?:photo|picture|image)\s+by\s+)?"
    r"(?P<credit>[A-Z][\w.'’ -]{1,40}/[A-Z][\w.'’ &/-]{1,60})[)\]]\s*$",
    re.I,
)
# A photo credit alone: "(Photo by Jane Roe/Agency)", "JANE ROE/AGENCY".
_CREDIT_ONLY = re.compile(
    r"^\s*[(\[]?(?i:(?:photo|picture|image)\s+(?:by|credit)\s*:?\s*)?"
    r"(?P<credit>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*/\s*[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,4})[)\]]?\s*$"
)
_CAPTION_AGENCY = re.compile(r"^(?P<text>.+?[.!?”\"’)])\s+(?P<credit>[A-Z]{2,}(?:\s[A-Z]{2,})?/[A-Z][\w.'’ -]{1,60})$")


_IN_THIS_PHOTO = re.compile(
    rf"^[\s\-–—•]*(?P<text>in\s+(?:this|these|the)\s+(?:[\w’'-]+\s+){{0,3}}?{_PHOTO}\s*,\s*\S.*)$", re.I
)


@dataclass(frozen=True)
class Caption:
    text: str | None
    credit: str | None


def _clean(part: str | None) -> str | None:
    if part is None:
        return None
    part = part.strip(" \t|/-–—")
    return part or None


# Every caption pattern needs a bar, a slash, a closing bracket at the end or a photo word (the
# words of _PHOTO, "picture" within "pic"). Substring tests: a case-blind regex scan cost 7x more.
_PHOTO_WORD_STEMS = ("photo", "image", "pic", "foto", "credit", "illustration")


def _may_be_caption(line: str) -> bool:
    if "|" in line or "/" in line or line.rstrip().endswith((")", "]")):
        return True
    return holds_any(line, _PHOTO_WORD_STEMS)


@_remember
def caption_of(line: str) -> Caption | None:
    """A photo caption: caption text and/or photo credit, from how the credit is marked."""
    if not _may_be_caption(line):
        return None  # cheap tests instead of seven patterns on most lines
    patterns = (_CAPTION_BAR, _CAPTION_PAREN, _CAPTION_TRAILING_LABEL, _CAPTION_SLASH, _CAPTION_AGENCY)
    for pattern in (*patterns, _CAPTION_SLASHED_CREDIT):
        if m := pattern.match(line):
            return Caption(_clean(m["text"]), _clean(m["credit"]))
    if m := _CREDIT_ONLY.match(line):
        return Caption(None, _clean(m["credit"]))
    if m := _CAPTION_TEXT_LABEL.match(line):
        return Caption(_clean(m["text"]), None)
    if m := _IN_THIS_PHOTO.match(line):
        return Caption(_clean(m["text"]), None)
    if m := _CAPTION_LABEL.match(line):
        rest = m["rest"]
        if word_count(rest) <= 6 and not is_prose(rest):
            return Caption(None, _clean(rest))
        return Caption(_clean(rest), None)
    return None


# Only for a line already placed as a caption: there a trailing credit needs no separator.
_TRAILING_FILE_LABEL = re.compile(
    r"^(?P<text>.+?[.!?”\"’])\s+(?P<credit>(?:file\s+)?(?:photo|picture|image)s?)\s*$", re.I
)
_TRAILING_SLASHED_NAME = re.compile(
    r"^(?P<text>.*?[a-z,;’'])\s+(?P<credit>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*/\s*"
    r"[A-Z][\w.'’&-]*(?:[ /]+[A-Z][\w.'’&-]*)*)\s*$"
)


def unmarked_caption(line: str) -> Caption:
    """A line placed as a caption by where it stands, without a marked credit: a credit may still
    end it ("…. File picture", "… Jane Roe /Agency/Agency"); else the whole line is the text."""
    for pattern in (_TRAILING_FILE_LABEL, _TRAILING_SLASHED_NAME):
        if m := pattern.match(line):
            return Caption(_clean(m["text"]), _clean(m["credit"]))
    return Caption(_clean(line), None)


# ---------------------------------------------------------------- related lists
_RELATED_MARKER = re.compile(
    r"^\s*(?:see\s+also|related|related\s+(?:articles?|stories|story|news|content|posts?|coverage|reading|topics|links?)"
    r"|recommended|recommended\s+(?:for\s+you|stories|articles|reading)|explore|explore\s+more"
    r"|read\s+more|read\s+also|also\s+read|read\s+next|more\s+(?:news|stories|articles|headlines|to\s+read)"
    r"|more\s+(?:from|in|on|about)\s+.{1,40}|more\s+like\s+this|latest|latest\s+(?:news|stories|articles|updates|headlines)"
    r"|most\s+(?:read|popular|viewed|shared|commented)|popular|popular\s+(?:now|stories|news|articles)"
    r"|trending|trending\s+(?:now|stories|news)|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in)"
    r"|don'?t\s+miss|editor'?s\s+picks?|top\s+(?:stories|news|headlines)|further\s+reading|in\s+other\s+news"
    r"|what\s+to\s+read\s+next|other\s+news|news\s+feed|headlines|also\s+on\s+.{1,30}|follow\s+the\s+story"
    r"|(?:previous|next)\s+(?:story|article|post)|just\s+(?:posted|in)|latest\s+posts)"
    r"\s*[:»>›→.]*\s*$",
    re.I,
)
_INLINE_RELATED = re.compile(
    r"^\s*(?:read\s+more|read\s+also|also\s+read|see\s+also|related|recommended|read\s+next|more)\s*[:|»>›→-]\s*(?P<headline>\S.{7,})$",
    re.I,
)


def is_related_marker(line: str) -> bool:
    return word_count(line) <= 7 and bool(_RELATED_MARKER.match(line))


def inline_related_headline(line: str) -> str | None:
    """The headline of a one-line related link ("Read more: <headline>")."""
    m = _INLINE_RELATED.match(line)
    return m["headline"].strip() if m and not is_prose(m["headline"]) else None


# ---------------------------------------------------------------- page furniture
# Furniture a whole line is, by how the line starts.
_FURNITURE_LINE = (
    r"(?:sign\s+up|subscribe|register)\b.*"
    r"|share(?:\s+(?:this(?:\s+(?:article|story|post|page))?|on\s+\w+|via\s+\w+|article|story))?"
    r"|tweet|email|e-mail|print|copy\s+link|link\s+copied"
    r"|(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|vk|email|print|pinterest|share|youtube|instagram|tiktok)[\s,|•·/]*)+"
    r"|like\s+us\s+on\b.*|(?:watch|video|listen|gallery|photos|in\s+pictures)\s*:.*|no\s+comments(?:\s+yet)?\W*"
    r"|(?:\S*(?:logo|icon|banner)\S*\s*)+"
    r"|(?:\d+\s+)?comments?|leave\s+a\s+(?:comment|reply).*|post\s+a\s+comment.*|add\s+a\s+comment.*"
    r"|join\s+the\s+(?:conversation|discussion).*|show\s+comments|view\s+comments"
    r"|follow\s+(?:us|@).*|follow\s+\S+(?:\s+\S+){0,3}\s+on\s+.*|join\s+(?:us|our)\b.*\b(?:channel|telegram|whatsapp|community)\b.*"
    r"|download\s+(?:our|the)\s+app.*|get\s+the\s+app.*"
    r"|advertisement|advert|sponsored(?:\s+content)?|promoted|paid\s+content|scroll\s+to\s+continue.*"
    r"|(?:©|\(c\)|copyright\b).*"
    r"|home|menu|search|log\s*in|sign\s+in|log\s*out|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|close"
    r"|next|previous|prev|load\s+more|show\s+more|view\s+all|see\s+all|more|loading\.*|click\s+here.*"
    r"|home\s*[>»/›|].*|(?:tags?|topics?|keywords?)\s*:.*"
    r"|accept(?:\s+all)?(?:\s+cookies)?"
    r"|listen\s+to\s+(?:this|the)\s+(?:article|story).*|listen|audio|video|watch|play|gallery"
    r"|support\s+(?:our|independent|quality)\s+journalism.*|donate.*|become\s+a\s+(?:member|subscriber|supporter).*"
    r"|report\s+an?\s+(?:error|typo|correction).*|send\s+us\s+a\s+(?:tip|correction).*"
    r"|list\s+of\s+\d+\s+items?|end\s+of\s+list"
    r"|(?:read|reads|views?|hits|seen)\s*:?\s*\d[\d,.\s]*k?"  # a view counter
    r"|font\s+size.*|text\s+size.*|a\+?\s*a-?"
)
# Furniture by a phrase anywhere in the line. These scan the whole line, so they run only when
# the line holds one of _FURNITURE_PHRASE_STEMS (what each of them needs, case-folded).
_FURNITURE_PHRASE = (
    r".*\b(?:our|free|daily|weekly)\s+newsletters?\b.*|.*\ball\s+rights\s+reserved\b.*"
    r"|.*\bcookies?\b.*\b(?:accept|consent|policy|use)\b.*|.*,\s*opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)"
)
_FURNITURE_PHRASE_STEMS = ("newsletter", "reserved", "cookie", "open")
_BOILERPLATE = re.compile(rf"^\s*(?:{_FURNITURE_LINE})\s*$", re.I)
_BOILERPLATE_PHRASE = re.compile(rf"^\s*(?:{_FURNITURE_PHRASE})\s*$", re.I)


# A white-space token with two letters in a row (each match is one whole token). Matches start only
# at a token's start, so a long token without such a pair costs one scan, not one per character.
_TOKEN_WITH_LETTERS = re.compile(r"(?<!\S)\S*[^\W\d_]{2,}\S*")


def is_boilerplate(line: str) -> bool:
    if word_count(line) > 25:
        return False
    if _BOILERPLATE.match(line):
        return True
    return holds_any(line, _FURNITURE_PHRASE_STEMS) and bool(_BOILERPLATE_PHRASE.match(line))


def is_symbol_junk(line: str) -> bool:
    """Widgets and stray symbols ("+ ↺ − 16 px"): mostly tokens without two letters in a row."""
    tokens = line.split()
    # Plain alphabetic tokens of two or more characters are words for certain, and in running
    # text they settle the question without the regex scan, usually halfway through the line.
    enough, plain = 0.4 * len(tokens), 0
    for token in tokens:
        if len(token) > 1 and token.isalpha():
            plain += 1
            if plain >= enough:
                return False
    words = len(_TOKEN_WITH_LETTERS.findall(line))
    return not words or (len(tokens) >= 3 and words / len(tokens) < 0.4)


# ---------------------------------------------------------------- words and names
# English function words: running text is dense with them, headlines, names and furniture are not.
_FUNCTION_WORD_LIST = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them
then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours said says will would
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORD_LIST.split())
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


STEM_CHARS = 5  # a crude stem: "vaccinated" and "vaccination", "reports" and "reported" agree


def content_words(text: str) -> set[str]:
    """Stems of the case-folded words of three letters or more that are not function words."""
    words = {w.rstrip("’'") for w in _WORD.findall(text.casefold())}  # each distinct word once
    return {w[:STEM_CHARS] for w in words if len(w) >= 3 and w not in FUNCTION_WORDS}


def function_word_density(text: str) -> float:
    words = words_of(text)
    return sum(w.casefold() in FUNCTION_WORDS for w in words) / len(words) if words else 0.0


_BULLET = re.compile(r"^\s*(?:[-–—•·*▪►>]|\d{1,2}[.)])\s+\S")


def is_bullet(line: str) -> bool:
    """A list item ("- Headline", "• Headline", "3. Headline")."""
    return bool(_BULLET.match(line))


# Names on a line of their own: "Jane Roe", "Jane Roe and John Doe", "Jane Roe, Senior Reporter",
# "Jane Roe - The Daily Planet". Every word of a name is capitalised and none is a function word.
_NAME_LINE_OUTLET = re.compile(r"\s+[-–—|]\s+(?:the\s+)?[A-Z][\w.&'’ -]{1,40}$")
_PARTICLES = frozenset({"de", "da", "del", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "di"})


def _is_person_name(part: str) -> bool:
    tokens = part.split()
    if not 2 <= len(tokens) <= 4:
        return False
    for token in tokens:
        if token.casefold() in _PARTICLES:
            continue
        if not token[:1].isupper() or token.casefold() in FUNCTION_WORDS or not _NAME_TOKEN.match(token):
            return False
        if is_all_caps(token) and len(token) > 3:
            return False  # headline words in capitals, not a name
    return True


@_remember
def name_line_authors(line: str) -> tuple[str, ...] | None:
    """The people of a byline that is only names (and their roles or outlet), else None."""
    text = _NAME_LINE_OUTLET.sub("", line.strip()).strip(" .")
    if not text or word_count(text) > 16 or (_SENTENCE_END.search(line.strip()) and not line.strip().endswith(".")):
        return None
    names = []
    for part in _NAME_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        if _ROLE_WORDS.search(part):
            continue  # "Senior Reporter" beside the name
        if not _is_person_name(part):
            return None
        names.append(part)
    return tuple(names) or None


# An outlet or agency on a line of its own: in a byline box, or as the credit under a story.
_OUTLET_LINE = re.compile(
    r"^(?:The\s+)?(?:[A-Z][\w&.'’-]*\s+){0,3}(?:Press|Times|News|Post|Herald|Tribune|Telegraph|Guardian|Journal|"
    r"Star|Agency|Wire|Gazette|Chronicle|Examiner|Independent|Observer|Mirror|Standard|Express|Mail)$"
)


def is_outlet_line(line: str) -> bool:
    return word_count(line) <= 5 and bool(_OUTLET_LINE.match(line.strip()))


def is_role_line(line: str) -> bool:
    """A job title on its own line under a byline ("Senior Digital Journalist")."""
    tokens = line.split()
    return (
        1 <= len(tokens) <= 5
        and bool(_ROLE_WORDS.search(line))
        and all(t[:1].isupper() or t.casefold() in FUNCTION_WORDS for t in tokens)
    )


# Prompts addressed to the reader (subscribe, donate, update billing, follow us): furniture wherever
# they stand. A quoted line is someone's words, never a prompt.
_READER = re.compile(r"\b(?:you|your|you['’](?:re|ll|ve)|our|us)\b", re.I)
_PROMPT_TOPIC = re.compile(
    r"\b(?:subscri\w*|sign\s+(?:in|up)|log\s*in|register\w*|donat\w*|support\s+(?:us|our)|newsletters?|account|billing|"
    r"access|app|notifications?|alerts?|whatsapp|telegram|channel|cookies?|browser|ad\s*blocker|premium|membership|"
    r"facebook|twitter|instagram|youtube)\b",
    re.I,
)
_PROMPT_START = re.compile(
    r"^\s*(?:please\b|stay\s+informed\b|(?:try|cancel|unlock|upgrade|subscribe|donate|get\s+unlimited)\b.{0,60}$)", re.I
)
_PROMPT_PHRASE = re.compile(
    r"\b(?:already\s+a\s+(?:subscriber|member)|article\s+limit|free\s+articles?|unlimited\s+access|"
    r"(?:this|the)\s+(?:audio|article\s+audio)\s+is\s+(?:created|generated)|archived\s+article|click\s+here|"
    r"please\s+(?:look|check|note|update|visit|click|refer|enable|disable|log|sign|subscribe|support)|"
    r"(?:facebook|twitter|instagram|youtube|whatsapp|telegram)\b.*\b(?:facebook|twitter|instagram|youtube|whatsapp|telegram))\b",
    re.I,
)


# What each prompt pattern needs (case-folded substrings): most lines hold none, and skip the scans.
_PROMPT_STEMS = (
    "please", "stay", "try", "cancel", "unlock", "upgrade", "subscri", "donat", "get ", "already", "limit", "free",
    "unlimited", "audio", "archived", "click", "facebook", "twitter", "instagram", "youtube", "whatsapp", "telegram",
    "sign", "log", "regist", "support", "newsletter", "account", "billing", "access", "app", "notification",
    "alert", "channel", "cookie", "browser", "blocker", "premium", "member",
)  # fmt: skip


def is_reader_prompt(line: str) -> bool:
    if word_count(line) > 40 or not holds_any(line, _PROMPT_STEMS) or _DOUBLE_QUOTE_CHARS.search(line):
        return False
    if _PROMPT_START.match(line) or _PROMPT_PHRASE.search(line):
        return True
    return bool(_READER.search(line)) and bool(_PROMPT_TOPIC.search(line))


MIN_REPEATED_PHRASE_WORDS = 3


def is_repeated_phrase(line: str) -> bool:
    """A line that is one phrase printed over and over (a ticker or carousel flattened into one
    line: "Follow the match live Follow the match live Follow the …"). The phrase may be cut
    off at the end; a phrase that ends a sentence is prose printed twice, and stays prose."""
    words = line.split()
    n = len(words)
    if n < 2 * MIN_REPEATED_PHRASE_WORDS:
        return False
    first = words[0]
    for period in range(MIN_REPEATED_PHRASE_WORDS, n // 2 + 1):
        if words[period] == first and words[period:] == words[: n - period]:
            return not words[period - 1].endswith(_SENTENCE_END_CHARS)
    return False


_SENTENCE_END_CHARS = (".", "!", "?", '"', "”", "’", "'")


_DOUBLE_QUOTE_CHARS = re.compile(r"[\"“”«»]")
