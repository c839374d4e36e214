"""Line roles: each non-blank line gets exactly one role from its own shape and its neighbours.

The page is read top to bottom once:

* **furniture first**: a line that on its own is a related-list marker, a one-line related
  link, page furniture, a metadata line or a photo caption keeps that role, except inside a
  related list, where everything headline-shaped (bylines and dates included) is an item;
* **header**: before the headline, an all-caps or one-word line directly above another
  headline-shaped line is a section kicker; the first other line is the title;
* **standfirst**: the first line after the title (with no photo between them) is the subtitle
  only when the page's header block (date, byline, caption, repeated headline) follows it;
  otherwise the body has begun;
* **related lists** run from a marker until the first line of prose; a marker followed
  straight by prose is an empty inline widget, and the prose is article text again;
* **headings** are short, unpunctuated lines that introduce prose; headline-shaped lines with
  no prose after them at the end of the page are an unmarked link list (2 or more) or
  furniture (a single one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from karabakh_news.dates import time_spans
from karabakh_news.patterns import (
    caption_of,
    content_words,
    function_word_density,
    headline_text,
    inline_related_headline,
    is_all_caps,
    is_boilerplate,
    is_bullet,
    is_byline_label,
    is_headline_like,
    is_outlet_line,
    is_prose,
    is_reader_prompt,
    is_related_marker,
    is_role_line,
    is_symbol_junk,
    metadata_of,
    name_line_authors,
    normalized,
    sentence_count,
    word_count,
)

MAX_TITLE_WORDS = 40
MAX_SUBTITLE_WORDS = 40  # standfirsts are one or two sentences; lead paragraphs run longer
MAX_SUBTITLE_WORDS_BEFORE_PHOTO = 30
MAX_HEADING_WORDS = 15

MIN_LINK_WORDS = 4  # a linked headline has at least this many words

# Tags a line earns on its own, before its neighbours are looked at.
_MARKER, _INLINE_LINK, _FURNITURE, _METADATA, _CAPTION = (
    "marker", "inline_link", "furniture", "metadata", "caption",
)  # fmt: skip


# Sites repeat their furniture on every page (share buttons, newsletter boxes, photo credits):
# about half the lines of a crawl were seen before. Only short lines are remembered, so the cache
# stays small (at most ~2 MB) whatever the pages hold; prose rarely repeats anyway.
_REMEMBERED_LINE_CHARS = 300
_REMEMBERED_LINES = 8192


def _own_tag(text: str) -> str | None:
    return _remembered_own_tag(text) if len(text) <= _REMEMBERED_LINE_CHARS else _tag_of(text)


def _tag_of(text: str) -> str | None:
    if is_related_marker(text):
        return _MARKER
    if inline_related_headline(text) is not None:
        return _INLINE_LINK
    if is_boilerplate(text) or is_reader_prompt(text):
        return _FURNITURE
    if metadata_of(text) is not None or is_outlet_line(text):
        return _METADATA
    if caption_of(text) is not None:
        return _CAPTION
    if is_symbol_junk(text):
        return _FURNITURE
    return None


_remembered_own_tag = lru_cache(maxsize=_REMEMBERED_LINES)(_tag_of)


def _is_bare_credit(text: str) -> bool:
    caption = caption_of(text)
    return caption is not None and caption.text is None


def _is_short_label_value(text: str) -> bool:
    return word_count(text) <= 6 and not is_prose(text)


def _is_kicker(page: _Page, k: int) -> bool:
    """A section label above the headline: all caps or one word, with the headline next."""
    text = page.texts[k]
    short = (is_all_caps(text) and word_count(text) <= 4) or word_count(text) == 1
    following = page.texts[k + 1] if k + 1 < len(page.texts) else None
    return short and not is_prose(text) and page.tags[k + 1 : k + 2] == [None] and is_headline_like(following or "")


class _Page:
    """The non-blank lines of one page with their own tags, for look-ahead."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.tags = [_own_tag(t) for t in texts]
        self.credit_only = [tag == _CAPTION and _is_bare_credit(t) for t, tag in zip(texts, self.tags, strict=True)]
        self.body_at: int | None = None  # set once the page is read (see _read_page)
        self.body_words: set[str] = set()
        for k in range(1, len(texts)):  # "Author" on one line, the name on the next
            label_above = self.tags[k - 1] == _METADATA and is_byline_label(texts[k - 1])
            if label_above and self.tags[k] is None and _is_short_label_value(texts[k]):
                self.tags[k] = _METADATA
        prose = [k for k, t in enumerate(texts) if self.tags[k] is None and is_prose(t)]
        self.last_prose = prose[-1] if prose else -1
        # Plain non-prose lines after the last prose line: an unmarked link list when 2 or more.
        trailing = [t for j, t in enumerate(texts) if j > self.last_prose and self.tags[j] is None and not is_prose(t)]
        # An unmarked link list holds headlines; short labels ("About us", "Contact") are a footer.
        headlines = sum(word_count(t) >= MIN_LINK_WORDS for t in trailing)
        self.trailing_headlines = len(trailing) if 2 * headlines > len(trailing) else 0

    def above_credit(self, k: int) -> bool:
        """Whether line ``k`` (and any copies of it right below) stands over a bare photo credit:
        the photo's caption."""
        j = k + 1
        while j < len(self.texts) and self.texts[j] == self.texts[k]:
            j += 1
        return j < len(self.texts) and self.tags[j] == _CAPTION and self.credit_only[j]

    def next_untagged(self, k: int, skip: tuple[str | None, ...] = (_CAPTION,)) -> str | None:
        """Text of the first line after ``k`` whose tag is not in ``skip``, if untagged."""
        for j in range(k + 1, len(self.texts)):
            if self.tags[j] in skip:
                continue
            return self.texts[j] if self.tags[j] is None else None
        return None


def _is_standfirst(page: _Page, k: int, title: str) -> bool:
    """The line under the headline is a standfirst when the header block follows it.

    A date, byline or repeated headline next is header; a photo next is header only for a
    short line, since pages also put a photo after a long lead paragraph. A standfirst always
    has article text after it.
    """
    text = page.texts[k]
    if k >= page.last_prose or sentence_count(text) > 2:
        return False  # the last line of prose is the body, whatever metadata follows it
    words = word_count(text)
    if page.tags[k + 1] == _METADATA or normalized(page.texts[k + 1]) == normalized(title):
        return words <= MAX_SUBTITLE_WORDS
    return page.tags[k + 1] == _CAPTION and words <= MAX_SUBTITLE_WORDS_BEFORE_PHOTO


_ATTRIBUTED_QUOTE = re.compile(r"[,.?!][”\"’']\s+(?:says|said|asks|asked|adds|added)\b")


def _is_heading(page: _Page, k: int) -> bool:
    text = page.texts[k]
    if not is_headline_like(text) or word_count(text) > MAX_HEADING_WORDS or _ATTRIBUTED_QUOTE.search(text):
        return False  # a quotation with its attribution is someone's words in the body
    following = page.next_untagged(k)
    return following is not None and is_prose(following)


_FIXED_ROLE = {
    _MARKER: "related_marker",
    _INLINE_LINK: "related_item",
    _FURNITURE: "boilerplate",
    _METADATA: "metadata",
    _CAPTION: "caption",
}


@dataclass
class _State:
    title: str | None = None  # "" when the page has no headline
    expect_subtitle: bool = False
    in_list: bool = False
    repeat_at: int = -1  # where the headline is printed again inside the header, if it is


def _header_role(page: _Page, k: int, state: _State) -> str:
    """Role of a line above the headline; the first plain line is the headline."""
    tag, text = page.tags[k], page.texts[k]
    if tag is not None:
        return "boilerplate" if tag == _MARKER else _FIXED_ROLE[tag]
    if _is_kicker(page, k):
        return "metadata"
    if word_count(text) <= MAX_TITLE_WORDS:
        state.title, state.expect_subtitle = headline_text(text), True
        return "title"
    state.title = ""  # the page opens with prose: there is no headline to find
    return "paragraph"


def _body_role(page: _Page, k: int, state: _State) -> str:
    """Role of a line below the headline."""
    tag, text = page.tags[k], page.texts[k]
    if tag == _MARKER:
        state.in_list = True
        return "related_marker"
    if state.in_list and not (tag is None and is_prose(text)):
        return "boilerplate" if tag == _FURNITURE else "related_item"
    if tag is not None:
        # A photo between headline and a line means the header is over: no standfirst.
        state.expect_subtitle = state.expect_subtitle and tag != _CAPTION
        return _FIXED_ROLE[tag]
    state.in_list = False
    standfirst = state.expect_subtitle and _is_standfirst(page, k, state.title or "")
    state.expect_subtitle = False
    if standfirst:
        return "subtitle"
    if _is_heading(page, k):
        return "heading"
    if k > page.last_prose and not is_prose(text):  # after the article: links or furniture
        return "related_item" if page.trailing_headlines >= 2 else "boilerplate"
    return "paragraph"


def _repeats_title(text: str, title: str) -> bool:
    """The headline printed again (case and spacing aside). Case folding never makes or removes
    white space, so equal word counts are a cheap necessary condition (this runs for every line)."""
    headline = headline_text(text)
    return word_count(headline) == word_count(title) and normalized(headline) == normalized(title)


# ------------------------------------------------------------------ where the article stands
MIN_RUN_SHARE = 0.3  # a run of prose with less than this share of the page's longest is not the body
MIN_ECHO = 0.25  # share of a headline's content words that the body must repeat
STRONG_ECHO_SHARE = 0.5  # a line sharing less than half as many words with the body as the best does is furniture
ECHO_WINDOW_LINES = 12  # prose lines from the body's start that a headline is checked against
KICKER_WORDS = 5


def _is_candidate(page: _Page, k: int) -> bool:
    """A plain line shaped like a headline: not prose, not a list item, not a byline."""
    text = page.texts[k]
    if page.tags[k] is not None or is_bullet(text) or page.above_credit(k):
        return False
    headline = headline_text(text)
    return (
        word_count(headline) >= 2
        and not any(time_spans(headline))  # a clock time makes a date stamp, not a headline
        and is_headline_like(headline)
        and name_line_authors(text) is None
        and not is_role_line(text)
    )


def _body_start(page: _Page, candidates: list[bool]) -> int | None:
    """First line of the article's main run of prose.

    Runs of prose lines are broken by headline-shaped lines (captions, metadata and furniture
    between paragraphs do not break them); the body is the first run with at least
    ``MIN_RUN_SHARE`` of the longest run's words, so a prompt or notice above the headline
    is never taken for it.
    """
    runs: list[tuple[int, int]] = []
    start, words = -1, 0
    for k, text in enumerate(page.texts):
        if page.tags[k] is None and is_prose(text) and not is_bullet(text):
            if start < 0:
                start, words = k, 0
            words += word_count(text)
        elif candidates[k] and start >= 0:
            runs.append((start, words))
            start = -1
    if start >= 0:
        runs.append((start, words))
    if not runs:
        return None
    longest = max(w for _, w in runs)
    return next(k for k, w in runs if w >= MIN_RUN_SHARE * longest)


def _echo(text: str, body_words: set[str]) -> tuple[float, int]:
    """How well the body repeats a line: the share of its content words it repeats, and how many."""
    words = content_words(headline_text(text))
    shared = len(words & body_words)
    return (shared / len(words) if words else 0.0), shared


def _read_page(page: _Page) -> tuple[int, int] | None:
    """(headline, body start), or None when the page has no run of prose or nothing above it.

    The headline is the first line above the body that the body echoes well (at least
    ``STRONG_ECHO_SHARE`` of the best echo), passing over a breadcrumb that ends with a later
    headline; a shorter echoed line right above it is the headline of which it is the standfirst.
    """
    candidates = [_is_candidate(page, k) for k in range(len(page.texts))]
    body_at = _body_start(page, candidates)
    if body_at is None:
        return None
    above = [k for k in range(body_at) if candidates[k]]
    if not above:
        return None
    body_lines = [t for k, t in enumerate(page.texts[body_at:], body_at) if page.tags[k] is None and is_prose(t)]
    page.body_at, page.body_words = body_at, content_words(" ".join(body_lines[:ECHO_WINDOW_LINES]))
    headlines = {k: normalized(headline_text(page.texts[k])) for k in above}
    crumbs = {k for k in above if any(h != headlines[k] and headlines[k].endswith(h) for h in headlines.values())}
    echoes = {k: _echo(page.texts[k], page.body_words) for k in above}
    best = [echoes[k] for k in above if k not in crumbs] or [(0.0, 0)]
    ratio_floor = max(MIN_ECHO, STRONG_ECHO_SHARE * max(r for r, _ in best))
    shared_floor = STRONG_ECHO_SHARE * max(n for _, n in best)
    strong = [
        k
        for i, k in enumerate(above)
        if k not in crumbs
        and echoes[k][0] >= ratio_floor
        and echoes[k][1] >= shared_floor
        and not _is_kicker_over(page, above[i:])
    ]
    # Nothing echoed well: the line sharing most words with the body, the nearest one if none does.
    title_at = strong[0] if strong else max(reversed(above), key=lambda k: echoes[k][1])
    i = above.index(title_at)
    while i > 0 and _heads(page, above[i - 1], above[i], echoes, above[i:]):
        i -= 1
    return above[i], body_at


def _is_kicker_over(page: _Page, chain: list[int]) -> bool:
    """A short line right above two more headline-shaped lines: kicker, headline, standfirst."""
    if len(chain) < 3 or word_count(page.texts[chain[0]]) > KICKER_WORDS:
        return False
    return all(page.tags[m] in (None, _METADATA) for m in range(chain[0] + 1, chain[2])) and chain[2] - chain[0] == 2


def _heads(page: _Page, j: int, k: int, echoes: dict[int, tuple[float, int]], below: list[int]) -> bool:
    """Whether line ``j`` is the headline above the line ``k`` taken for it (then its standfirst):
    right above it (only metadata between), echoed, shorter, and no kicker over headline and
    standfirst."""
    if any(page.tags[m] != _METADATA for m in range(j + 1, k)) or echoes[j][0] < MIN_ECHO:
        return False
    if word_count(headline_text(page.texts[j])) >= word_count(headline_text(page.texts[k])):
        return False
    return not _is_kicker_over(page, [j, *below])


def _above_title_role(page: _Page, k: int, title_at: int) -> str:
    """Above the headline: metadata (section kicker, breadcrumb, byline) or page furniture."""
    tag, text = page.tags[k], page.texts[k]
    if tag == _MARKER and k == title_at - 1 and word_count(text) == 1:
        return "metadata"  # a section named like a list ("Headlines") right above the headline
    if tag is not None:
        return "boilerplate" if tag == _MARKER else _FIXED_ROLE[tag]
    title = normalized(headline_text(page.texts[title_at]))
    if k == title_at - 1 and _is_kicker_above(page, k):
        return "metadata"
    if normalized(text).endswith(title) and normalized(text) != title:
        return "metadata"  # a breadcrumb trail ending with the headline
    if name_line_authors(text) is not None or is_role_line(text):
        return "metadata"
    return "boilerplate"


def _is_kicker_above(page: _Page, k: int) -> bool:
    """A section label right above the headline: one word, a few in capitals, or a short topic
    line that the body echoes."""
    text = page.texts[k]
    if is_prose(text) or is_bullet(text) or word_count(text) > KICKER_WORDS:
        return False
    if word_count(text) == 1 or (is_all_caps(text) and word_count(text) <= 4):
        return True
    body_at = page.body_at if page.body_at is not None else len(page.texts)
    return _echo(text, page.body_words)[0] >= MIN_ECHO and body_at > k


MAX_CAPTION_WORDS = 40


def _is_truncated_copy(text: str, following: str) -> bool:
    cut = text.rstrip(" .…")
    return len(cut) >= 20 and cut != text and following.startswith(cut) and len(following) > len(cut) + 3


def _header_role_below_title(page: _Page, k: int, state: _State) -> str:
    """Between the headline and the body: standfirst, bylines, photo captions, furniture."""
    tag, text = page.tags[k], page.texts[k]
    if tag is not None:
        state.expect_subtitle = state.expect_subtitle and tag != _CAPTION
        return "boilerplate" if tag == _MARKER else _FIXED_ROLE[tag]
    if name_line_authors(text) is not None or is_role_line(text):
        return "metadata"
    if page.above_credit(k) or (_is_truncated_copy(text, page.texts[k + 1]) and page.tags[k + 1] in (None, _CAPTION)):
        return "caption"  # a caption cut short ("... as she arrives ...") above the whole one
    before_repeat = k < state.repeat_at
    words = word_count(text)
    standfirst_shaped = words <= MAX_SUBTITLE_WORDS and sentence_count(text) <= 2
    sentence_like = is_prose(text) or (words >= 6 and function_word_density(text) > 0)
    if state.expect_subtitle and standfirst_shaped and (sentence_like or not before_repeat):
        state.expect_subtitle = False
        return "subtitle"
    if before_repeat:
        return "boilerplate"  # widgets and navigation between the headline and its repeat
    return "caption" if word_count(text) <= MAX_CAPTION_WORDS else "paragraph"


def _classify(texts: list[str]) -> list[str]:
    page, state = _Page(texts), _State()
    reading = _read_page(page)
    if reading is None:
        return _classify_from_top(page, state)
    title_at, body_at = reading
    title = headline_text(texts[title_at])
    state.repeat_at = next((j for j in range(title_at + 1, body_at) if _repeats_title(texts[j], title)), -1)
    roles = []
    for k, text in enumerate(texts):
        if k < title_at:
            roles.append(_above_title_role(page, k, title_at))
        elif k == title_at:
            state.title, state.expect_subtitle = headline_text(text), True
            roles.append("title")
        elif _repeats_title(text, state.title or ""):
            roles.append("duplicate_title")
        elif k < body_at:
            roles.append(_header_role_below_title(page, k, state))
        else:
            roles.append(_body_role(page, k, state))
    return roles


def _classify_from_top(page: _Page, state: _State) -> list[str]:
    """A page with no run of prose to read from: the first plain line is the headline."""
    roles = []
    for k, text in enumerate(page.texts):
        if state.title and _repeats_title(text, state.title):
            roles.append("duplicate_title")
        elif state.title is None:
            roles.append(_header_role(page, k, state))
        else:
            roles.append(_body_role(page, k, state))
    return roles


def assign_roles(lines: Sequence[str]) -> list[str | None]:
    """One role per line of ``lines``: None for a blank line, else one of ``schema.ROLES``."""
    index = [i for i, line in enumerate(lines) if line.strip()]
    roles: list[str | None] = [None] * len(lines)
    for i, role in zip(index, _classify([lines[i].strip() for i in index]), strict=True):
        roles[i] = role
    return roles
