"""One page as the parser reads it: each line's own tag, and where on the page the article stands.

A line's **own tag** comes from its shape alone (a related-list marker, a one-line related link,
furniture, a metadata line, a photo caption), see :mod:`karabakh_news.patterns`; a line that is
one phrase printed over and over (a ticker flattened into one line) is furniture however long
(a sentence printed twice stays prose).

**Where the article stands** is read from the whole page, not line by line:

* **the body** is the article's main run of prose: runs of prose lines are broken by
  headline-shaped lines (captions, metadata and furniture between paragraphs do not break them),
  and the body is the first run holding ``MIN_BODY_RUN_WORDS`` words or ``MIN_RUN_SHARE`` of the
  longest run's, so a prompt or notice written as prose above the headline is never taken for it;
* **the headline** is the headline-shaped line above the body that the body echoes (it repeats
  at least ``MIN_ECHO`` of its content words, and about as many as the best-echoed line does),
  the first such line from the top, passing over a breadcrumb that ends with a later headline
  and a short kicker above headline and standfirst; when a shorter echoed line stands right
  above the one chosen, that is the headline and the chosen line its standfirst. Site names,
  navigation, tickers and prompts above it share few words with the body: they are furniture.
"""

from __future__ import annotations

import re
from functools import lru_cache

from karabakh_news.dates import time_spans
from karabakh_news.patterns import (
    caption_of,
    content_words,
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
    is_repeated_phrase,
    is_role_line,
    is_symbol_junk,
    metadata_of,
    name_line_authors,
    normalized,
    word_count,
)

_DIGIT = re.compile(r"\d")
MIN_LINK_WORDS = 4  # a linked headline has at least this many words

# Tags a line earns on its own, before its neighbours are looked at.
MARKER, INLINE_LINK, FURNITURE, METADATA, CAPTION = (
    "marker", "inline_link", "furniture", "metadata", "caption",
)  # fmt: skip


# Sites repeat their furniture on every page (share buttons, newsletter boxes, photo credits):
# about half the lines of a crawl were seen before. Only short lines are remembered, so the cache
# stays small (at most ~2 MB) whatever the pages hold; prose rarely repeats anyway.
_REMEMBERED_LINE_CHARS = 300
_REMEMBERED_LINES = 8192


def own_tag(text: str) -> str | None:
    return _remembered_own_tag(text) if len(text) <= _REMEMBERED_LINE_CHARS else _tag_of(text)


def _tag_of(text: str) -> str | None:
    if is_related_marker(text):
        return MARKER
    if inline_related_headline(text) is not None:
        return INLINE_LINK
    if is_boilerplate(text) or is_reader_prompt(text) or is_repeated_phrase(text):
        return FURNITURE
    if metadata_of(text) is not None or is_outlet_line(text):
        return METADATA
    if caption_of(text) is not None:
        return CAPTION
    if is_symbol_junk(text):
        return FURNITURE
    return None


_remembered_own_tag = lru_cache(maxsize=_REMEMBERED_LINES)(_tag_of)


def _is_bare_credit(text: str) -> bool:
    caption = caption_of(text)
    return caption is not None and caption.text is None


def _is_short_label_value(text: str) -> bool:
    return word_count(text) <= 6 and not is_prose(text)


class Page:
    """The non-blank lines of one page with their own tags, for look-ahead."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.tags = [own_tag(t) for t in texts]
        self.credit_only = [tag == CAPTION and _is_bare_credit(t) for t, tag in zip(texts, self.tags, strict=True)]
        self.body_at: int | None = None  # set once the page is read (see read_page)
        self.body_words: set[str] = set()
        for k in range(1, len(texts)):  # "Author" on one line, the name on the next
            label_above = self.tags[k - 1] == METADATA and is_byline_label(texts[k - 1])
            if label_above and self.tags[k] is None and _is_short_label_value(texts[k]):
                self.tags[k] = METADATA
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
        return j < len(self.texts) and self.tags[j] == CAPTION and self.credit_only[j]

    def next_untagged(self, k: int, skip: tuple[str | None, ...] = (CAPTION,)) -> str | None:
        """Text of the first line after ``k`` whose tag is not in ``skip``, if untagged."""
        for j in range(k + 1, len(self.texts)):
            if self.tags[j] in skip:
                continue
            return self.texts[j] if self.tags[j] is None else None
        return None


# ------------------------------------------------------------------ where the article stands
MIN_RUN_SHARE = 0.3  # a run of prose with less than this share of the page's longest is not the body,
MIN_BODY_RUN_WORDS = 40  # unless it has this many words: a long article's first run before a subheading
MIN_ECHO = 0.25  # share of a headline's content words that the body must repeat
STRONG_ECHO_SHARE = 0.5  # a line sharing less than half as many words with the body as the best does is furniture
ECHO_WINDOW_CHARS = 1500  # characters of prose from the body's start that a headline is checked against
KICKER_WORDS = 5
KICKER_ECHO = 0.5  # a topic kicker of several words is mostly the body's own words


def _is_candidate(page: Page, k: int) -> bool:
    """A plain line shaped like a headline: not prose, not a list item, not a byline."""
    if page.tags[k] is not None:
        return False
    text = page.texts[k]
    headline = headline_text(text)
    if word_count(headline) < 2 or not is_headline_like(headline) or is_bullet(text) or page.above_credit(k):
        return False  # the cheap tests first: most plain lines are prose
    if _DIGIT.search(headline) and any(time_spans(headline)):
        return False  # a clock time makes a date stamp, not a headline
    return name_line_authors(text) is None and not is_role_line(text)


def _body_start(page: Page, candidates: list[bool]) -> int | None:
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
    enough = min(MIN_BODY_RUN_WORDS, MIN_RUN_SHARE * max(w for _, w in runs))
    return next(k for k, w in runs if w >= enough)


def _body_window(page: Page, body_at: int) -> str:
    """The body's first prose, up to ``ECHO_WINDOW_CHARS``: what a headline is checked against."""
    window, size = [], 0
    for k in range(body_at, len(page.texts)):
        if page.tags[k] is None and is_prose(page.texts[k]):
            window.append(page.texts[k][: ECHO_WINDOW_CHARS - size])
            size += len(window[-1])
            if size >= ECHO_WINDOW_CHARS:
                break
    return " ".join(window)


def echo(text: str, body_words: set[str]) -> tuple[float, int]:
    """How well the body repeats a line: the share of its content words it repeats, and how many."""
    words = content_words(headline_text(text))
    shared = len(words & body_words)
    return (shared / len(words) if words else 0.0), shared


def read_page(page: Page) -> tuple[int, int] | None:
    """(headline, body start), or None when the page has no run of prose or nothing above it.

    The headline is the first line above the body that the body echoes well (at least
    ``STRONG_ECHO_SHARE`` of the best echo), passing over a breadcrumb that ends with a later
    headline; a shorter echoed line right above it is the headline of which it is the standfirst.
    """
    candidates = [_is_candidate(page, k) for k in range(len(page.texts))]
    body_at = _body_start(page, candidates)
    if body_at is None:
        return None
    headlines: dict[int, str] = {}
    for k in range(body_at):  # a headline printed again in the header is its repeat, never it
        if candidates[k] and (h := normalized(headline_text(page.texts[k]))) not in headlines.values():
            headlines[k] = h
    above = list(headlines)
    if not above:
        return None
    page.body_at, page.body_words = body_at, content_words(_body_window(page, body_at))
    crumbs = {k for k in above if any(h != headlines[k] and headlines[k].endswith(h) for h in headlines.values())}
    echoes = {k: echo(page.texts[k], page.body_words) for k in above}
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


def _is_kicker_over(page: Page, chain: list[int]) -> bool:
    """A short line right above two more headline-shaped lines: kicker, headline, standfirst."""
    if len(chain) < 3 or word_count(page.texts[chain[0]]) > KICKER_WORDS:
        return False
    return all(page.tags[m] in (None, METADATA) for m in range(chain[0] + 1, chain[2])) and chain[2] - chain[0] == 2


def _heads(page: Page, j: int, k: int, echoes: dict[int, tuple[float, int]], below: list[int]) -> bool:
    """Whether line ``j`` is the headline above the line ``k`` taken for it (then its standfirst):
    right above it (only metadata between), echoed, shorter, and no kicker over headline and
    standfirst."""
    if any(page.tags[m] != METADATA for m in range(j + 1, k)) or echoes[j][0] < MIN_ECHO:
        return False
    if word_count(headline_text(page.texts[j])) >= word_count(headline_text(page.texts[k])):
        return False
    return not _is_kicker_over(page, [j, *below])


def is_kicker_above(page: Page, k: int) -> bool:
    """A section label right above the headline: one word, a few in capitals, or a short topic
    line that the body echoes."""
    text = page.texts[k]
    if is_prose(text) or is_bullet(text) or word_count(text) > KICKER_WORDS:
        return False
    if word_count(text) == 1 or (is_all_caps(text) and word_count(text) <= 4):
        return True
    body_at = page.body_at if page.body_at is not None else len(page.texts)
    return echo(text, page.body_words)[0] >= KICKER_ECHO and body_at > k
