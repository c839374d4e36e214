"""Line roles: each non-blank line gets exactly one role, from the page read as a whole.

:func:`karabakh_news.page.read_page` finds where the article stands: its body (the main run of
prose) and its headline. Lines then take their roles by where they stand:

* **above the headline**: page furniture, except a section kicker right above it (one word,
  a few capitals, or a short line the body echoes), a breadcrumb ending with the headline, and
  bylines of bare names, which are metadata; a line that is metadata or a caption on its own
  keeps that role;
* **between the headline and the body** (the header): the headline printed again, the
  standfirst (the first plain line, or the first sentence-shaped one when the headline repeats
  further down), bylines, photo captions (a caption cut short above the whole one, lines over a
  bare photo credit) and, between the headline and its repeat, widgets and navigation;
* **from the body on**: a line that on its own is a related-list marker, a one-line related
  link, page furniture, a metadata line or a photo caption keeps that role, except inside a
  related list, where everything headline-shaped (bylines and dates included) is an item;
  related lists run from a marker until the first line of prose; headings are short,
  unpunctuated lines that introduce prose (never a quotation with its attribution);
  headline-shaped lines after the last prose are an unmarked link list when most of them read
  as headlines, else furniture (a footer of short labels); a bare name over the page's last
  paragraph that says who the person is ("Jane Roe" / "Jane is a reporter ...") is an author
  box: the name is metadata (the byline), the bio furniture. A headline repeated down here (a
  "most read" list) is a ``duplicate_title`` and takes nothing else with it.

A page with no run of prose, or nothing headline-shaped above it, is read from the top: the
first plain line is the headline and a standfirst needs the header block (date, byline, photo,
repeated headline) right after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from karabakh_news.page import (
    CAPTION,
    FURNITURE,
    INLINE_LINK,
    MARKER,
    METADATA,
    Page,
    is_kicker_above,
    read_page,
)
from karabakh_news.patterns import (
    function_word_density,
    headline_text,
    is_all_caps,
    is_headline_like,
    is_outlet_line,
    is_prose,
    is_role_line,
    name_line_authors,
    normalized,
    sentence_count,
    word_count,
)

MAX_TITLE_WORDS = 40
MAX_SUBTITLE_WORDS = 40  # standfirsts are one or two sentences; lead paragraphs run longer
MAX_SUBTITLE_WORDS_BEFORE_PHOTO = 30
MAX_HEADING_WORDS = 15


def _is_kicker(page: Page, k: int) -> bool:
    """A section label above the headline: all caps or one word, with the headline next."""
    text = page.texts[k]
    short = (is_all_caps(text) and word_count(text) <= 4) or word_count(text) == 1
    following = page.texts[k + 1] if k + 1 < len(page.texts) else None
    return short and not is_prose(text) and page.tags[k + 1 : k + 2] == [None] and is_headline_like(following or "")


def _is_standfirst(page: Page, k: int, title: str) -> bool:
    """The line under the headline is a standfirst when the header block follows it.

    A date, byline or repeated headline next is header; a photo next is header only for a
    short line, since pages also put a photo after a long lead paragraph. A standfirst always
    has article text after it.
    """
    text = page.texts[k]
    if k >= page.last_prose or sentence_count(text) > 2:
        return False  # the last line of prose is the body, whatever metadata follows it
    words = word_count(text)
    if page.tags[k + 1] == METADATA or normalized(page.texts[k + 1]) == normalized(title):
        return words <= MAX_SUBTITLE_WORDS
    return page.tags[k + 1] == CAPTION and words <= MAX_SUBTITLE_WORDS_BEFORE_PHOTO


# A quotation with its attribution ("…,” says Roe", "“…” – Jane Roe") is someone's words, not a heading.
_ATTRIBUTED_QUOTE = re.compile(
    r"[,.?!][”\"’']\s+(?:says|said|asks|asked|adds|added)\b|^[“\"].{12,}[”\"]\s*[—–-]\s*[A-Z]"
)


_BROKEN_OFF = re.compile(r"\b(?:of|the|a|an|and|or|to|in|on|for|with|by|at|from|as|that)$")


def _is_heading(page: Page, k: int) -> bool:
    text = page.texts[k]
    if not is_headline_like(text) or word_count(text) > MAX_HEADING_WORDS or _ATTRIBUTED_QUOTE.search(text):
        return False  # a quotation with its attribution is someone's words in the body
    if k > 0 and page.tags[k - 1] is None and _BROKEN_OFF.search(page.texts[k - 1]):
        return False  # the line above stops mid-sentence: this one goes on with it
    following = page.next_untagged(k)
    return following is not None and is_prose(following)


_FIXED_ROLE = {
    MARKER: "related_marker",
    INLINE_LINK: "related_item",
    FURNITURE: "boilerplate",
    METADATA: "metadata",
    CAPTION: "caption",
}


@dataclass
class _State:
    title: str | None = None  # "" when the page has no headline
    expect_subtitle: bool = False
    in_list: bool = False
    repeat_at: int = -1  # where the headline is printed again inside the header, if it is
    author_box: str | None = None  # the name line of an author box just read: its bio comes next


def _header_role(page: Page, k: int, state: _State) -> str:
    """Role of a line above the headline; the first plain line is the headline."""
    tag, text = page.tags[k], page.texts[k]
    if tag is not None:
        return "boilerplate" if tag == MARKER else _FIXED_ROLE[tag]
    if _is_kicker(page, k):
        return "metadata"
    if word_count(text) <= MAX_TITLE_WORDS:
        state.title, state.expect_subtitle = headline_text(text), True
        return "title"
    state.title = ""  # the page opens with prose: there is no headline to find
    return "paragraph"


# A list item ending in an initialism ("… across southern B.C.") is a headline, not a sentence.
_ENDS_WITH_INITIALISM = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _body_role(page: Page, k: int, state: _State) -> str:
    """Role of a line below the headline."""
    tag, text = page.tags[k], page.texts[k]
    if tag == MARKER:
        state.in_list = True
        return "related_marker"
    if state.in_list and not (tag is None and is_prose(text) and not _ENDS_WITH_INITIALISM.search(text)):
        return "boilerplate" if tag == FURNITURE else "related_item"
    if tag is not None:
        # A photo between headline and a line means the header is over: no standfirst.
        state.expect_subtitle = state.expect_subtitle and tag != CAPTION
        return _FIXED_ROLE[tag]
    state.in_list = False
    if _is_photo_text(page, k):
        return "caption"
    standfirst = state.expect_subtitle and _is_standfirst(page, k, state.title or "")
    state.expect_subtitle = False
    if standfirst:
        return "subtitle"
    box, state.author_box = state.author_box, None
    if box is not None and _is_author_bio(text, box):
        return "boilerplate"
    if _starts_author_box(page, k):
        state.author_box = text
        return "metadata"
    if _is_heading(page, k):
        return "heading"
    if k > page.last_prose and not is_prose(text) and not _ATTRIBUTED_QUOTE.search(text):  # links or furniture
        return "related_item" if page.trailing_headlines >= 2 else "boilerplate"
    return "paragraph"


def _starts_author_box(page: Page, k: int) -> bool:
    """A bare name over the page's last paragraph, which tells who that person is ("Jane Roe" /
    "Jane is a reporter who covers ..."): the author box under a story."""
    following = page.next_untagged(k)
    if following is None or page.texts.index(following, k + 1) != page.last_prose:
        return False
    names = name_line_authors(page.texts[k])
    return names is not None and len(names) == 1 and _is_author_bio(following, names[0])


def _is_author_bio(text: str, name: str) -> bool:
    return any(text.startswith(f"{word} is ") or text.startswith(f"{word} has ") for word in name.split())


def _repeats_title(text: str, title: str) -> bool:
    """The headline printed again (case and spacing aside). Case folding never makes or removes
    white space, so equal word counts are a cheap necessary condition (this runs for every line)."""
    headline = headline_text(text)
    return word_count(headline) == word_count(title) and normalized(headline) == normalized(title)


def _above_title_role(page: Page, k: int, title_at: int) -> str:
    """Above the headline: metadata (section kicker, breadcrumb, byline) or page furniture."""
    tag, text = page.tags[k], page.texts[k]
    if tag == MARKER and k == title_at - 1 and word_count(text) == 1:
        return "metadata"  # a section named like a list ("Headlines") right above the headline
    if tag == METADATA and is_outlet_line(text):
        return "boilerplate"  # the site's name in its masthead
    if tag is not None:
        return "boilerplate" if tag == MARKER else _FIXED_ROLE[tag]
    title = normalized(headline_text(page.texts[title_at]))
    if k == title_at - 1 and is_kicker_above(page, k):
        return "metadata"
    if normalized(text).endswith(title) and normalized(text) != title:
        return "metadata"  # a breadcrumb trail ending with the headline
    if _is_byline(text) and all(page.tags[j] == METADATA or _is_byline(page.texts[j]) for j in range(k + 1, title_at)):
        return "metadata"  # a byline block right over the headline
    return "boilerplate"


def _is_byline(text: str) -> bool:
    return name_line_authors(text) is not None or is_role_line(text)


MAX_CAPTION_WORDS = 40
MIN_SENTENCE_WORDS = 8


def _is_photo_text(page: Page, k: int) -> bool:
    """A caption whose credit stands on the next line, or one cut short ("... as she arrives ...")
    above the whole one."""
    following = page.texts[k + 1] if k + 1 < len(page.texts) else ""
    truncated = _is_truncated_copy(page.texts[k], following) and page.tags[k + 1] in (None, CAPTION)
    return truncated or page.above_credit(k)


def _is_truncated_copy(text: str, following: str) -> bool:
    cut = text.rstrip(" .…")
    return len(cut) >= 20 and cut != text and following.startswith(cut) and len(following) > len(cut) + 3


def _header_role_below_title(page: Page, k: int, state: _State) -> str:
    """Between the headline and the body: standfirst, bylines, photo captions, furniture."""
    tag, text = page.tags[k], page.texts[k]
    if tag is not None:
        state.expect_subtitle = state.expect_subtitle and tag != CAPTION
        return "boilerplate" if tag == MARKER else _FIXED_ROLE[tag]
    if _is_byline(text):
        return "metadata"
    if _is_photo_text(page, k) or page.texts.count(text) > 1:
        return "caption"  # a photo's alt text and caption are often the same line twice
    before_repeat = k < state.repeat_at
    words = word_count(text)
    standfirst_shaped = words <= MAX_SUBTITLE_WORDS and sentence_count(text) <= 2
    sentence_like = is_prose(text) or (words >= 6 and function_word_density(text) > 0)
    if state.expect_subtitle and standfirst_shaped and (sentence_like or not before_repeat):
        state.expect_subtitle = False
        return "subtitle"
    if before_repeat:
        return "boilerplate"  # widgets and navigation between the headline and its repeat
    # Photo captions; a full sentence of some length is article text the body's run passed over.
    sentence = is_prose(text) and words >= MIN_SENTENCE_WORDS
    return "caption" if words <= MAX_CAPTION_WORDS and not sentence else "paragraph"


def _classify(texts: list[str]) -> list[str]:
    page, state = Page(texts), _State()
    reading = read_page(page)
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


def _classify_from_top(page: Page, state: _State) -> list[str]:
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
