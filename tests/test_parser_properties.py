"""Property-based tests of the parser on arbitrary text."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from karabakh_news import page as reading
from karabakh_news.article import classify_lines, parse_article, split_lines
from karabakh_news.decode import decode_text
from karabakh_news.errors import DecodeError, ParseError
from karabakh_news.schema import ROLES

# Lines built from news-like pieces reach every rule more often than uniform noise does.
_PIECES = st.sampled_from(
    [
        "Breaking news from the capital",
        "By Jane Doe",
        "June 11, 2025",
        "3 min read",
        "SOURCE: Agencies",
        "See Also",
        "Recommended",
        "Photo: Reuters",
        "Name | photo: Agency",
        "Share this article",
        "He said the talks would continue next week.",
        "“A quoted heading”",
        "Sign up for our newsletter",
        "The minister said: “We will respond.”",
        "READ MORE: Another headline here",
        "",
        "   ",
        "WORLD",
    ]
)
_LINE = st.one_of(_PIECES, st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
_PAGE = st.lists(_LINE, max_size=30).map("\n".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGE)
def test_every_non_blank_line_gets_exactly_one_role(text: str) -> None:
    lines = classify_lines(text)
    raw = split_lines(text)
    assert [ln.number for ln in lines] == [i for i, line in enumerate(raw, start=1) if line.strip()]
    assert all(ln.role in ROLES for ln in lines)
    assert all(ln.text == raw[ln.number - 1] for ln in lines)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGE)
def test_parse_raises_only_its_own_error_and_offsets_are_valid(text: str) -> None:
    try:
        article = parse_article(text, "x")
    except ParseError as exc:
        assert exc.reason in {"blank", "only_boilerplate", "no_title", "no_body"}
        return
    assert article.title
    for block in article.blocks:
        assert article.body[block.char_start : block.char_end] == block.text
    ends = [b.char_end for b in article.blocks]
    starts = [b.char_start for b in article.blocks]
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))
    assert article.word_count == len(article.body.split())


@settings(max_examples=100)
@given(_PAGE)
def test_deterministic(text: str) -> None:
    try:
        first = parse_article(text, "x")
    except ParseError:
        return
    assert parse_article(text, "x") == first


@given(st.binary(max_size=400))
def test_decode_raises_only_its_own_error(data: bytes) -> None:
    try:
        text = decode_text(data)
    except DecodeError as exc:
        assert exc.reason in {"empty", "binary", "undecodable"}
        return
    assert "\r" not in text and not text.startswith("\ufeff")


@given(_PAGE)
def test_line_endings_and_bom_do_not_change_the_parse(text: str) -> None:
    assume(text.strip() and "\x00" not in text and "\r" not in text and not text.startswith("\ufeff"))
    clean = decode_text(text.encode("utf-8"))
    for variant in (
        b"\xef\xbb\xbf" + text.encode(),
        text.replace("\n", "\r\n").encode(),
        text.replace("\n", "\r").encode(),
    ):
        assert decode_text(variant) == clean


def _junk_by_tokens(line: str) -> bool:
    """The symbol-junk rule stated token by token, as its docstring says it."""
    import re

    tokens = line.split()
    words = [t for t in tokens if re.search(r"[^\W\d_]{2,}", t)]
    return not words or (len(tokens) >= 3 and len(words) / len(tokens) < 0.4)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1 -+↺\t_²é\xa0—"), max_size=60))
def test_symbol_junk_counts_whole_tokens(line: str) -> None:
    from karabakh_news.patterns import is_symbol_junk

    assert is_symbol_junk(line) == _junk_by_tokens(line)


def test_symbol_junk_on_one_huge_token_is_one_scan() -> None:
    from karabakh_news.patterns import is_symbol_junk

    line = "a1" * 50_000  # scanned from every character, this took minutes
    assert is_symbol_junk(line) == _junk_by_tokens(line)


_CAPTION_ALPHABET = st.sampled_from([*"aAbBxX .:,|/()[]-\t", "Photo", "IMAGE", "Pictures", "foto", "Credit", "by "])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CAPTION_ALPHABET, max_size=25).map("".join))
def test_caption_precheck_never_hides_a_caption(line: str) -> None:
    """The substring precheck only skips lines that no caption pattern matches."""
    from karabakh_news import patterns

    patterns.caption_of.cache_clear()
    full = [
        p.match(line)
        for p in (
            patterns._CAPTION_BAR,
            patterns._CAPTION_PAREN,
            patterns._CAPTION_TRAILING_LABEL,
            patterns._CAPTION_SLASH,
            patterns._CAPTION_AGENCY,
            patterns._CAPTION_TEXT_LABEL,
            patterns._CAPTION_LABEL,
        )
    ]
    if any(full):
        assert patterns._may_be_caption(line)


_FURNITURE_WORDS = st.sampled_from(
    ["our", "free", "Newsletter", "newsletters", "all", "rights", "RESERVED", "cookies", "Cookie", "accept",
     "policy", "use", ",", "opens", "open", "in", "a", "new", "tab", "window", "share", "©", " ", "  ", "x"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_FURNITURE_WORDS, max_size=12).map(" ".join))
def test_furniture_split_matches_one_pattern(line: str) -> None:
    """Page furniture is two patterns (whole-line shapes; phrases, behind a substring test):
    together they match exactly what one pattern of both would."""
    import re

    from karabakh_news import patterns

    both = re.compile(rf"^\s*(?:{patterns._FURNITURE_LINE}|{patterns._FURNITURE_PHRASE})\s*$", re.I)
    assert patterns.is_boilerplate(line) == (patterns.word_count(line) <= 25 and bool(both.match(line)))


_METADATA_WORDS = st.sampled_from(
    ["By", "by:", "Author", "Reading time", "5 min read", "Source:", "Courtesy", "Section:", "Filed under",
     "Published", "Updated", "Last updated", "Edited by", "Translated by", "Fact-checked by", "2 hours ago",
     "Just now", "Yesterday", "June 11, 2025", "2025-06-11", "10:30", "Jane Roe", "and", "|", ",", " ", "x",
     "WORLD", "Reporter", "Words by", "Additional reporting by"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_METADATA_WORDS, max_size=8).map(" ".join))
def test_metadata_precheck_never_hides_metadata(line: str) -> None:
    """Skipping the anchored metadata patterns on lines that start with none of their words
    gives what the full cascade gives."""
    from karabakh_news import patterns

    assert patterns.metadata_of.__wrapped__(line) == patterns._metadata_of(line, labelled=True)


_TITLE_WORDS = st.sampled_from(
    ["Talks", "TALKS", "talks", "resume", "June 11, 2025", "10:30", "|", "-", " ", "  ", "\t", "ß", "SS", "ss", "İ",
     "i̇", "Ǆ", "ǆ", "x"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_TITLE_WORDS, max_size=8).map("".join), st.lists(_TITLE_WORDS, min_size=1, max_size=8).map("".join))
def test_title_repeat_precheck_changes_nothing(line: str, title: str) -> None:
    """The word-count test before comparing a line with the headline never hides a repeat."""
    from karabakh_news.patterns import headline_text, normalized
    from karabakh_news.roles import _repeats_title

    assert _repeats_title(line, title) == (normalized(headline_text(line)) == normalized(title))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGE, _PAGE)
def test_remembered_line_tags_do_not_depend_on_earlier_pages(earlier: str, page: str) -> None:
    reading._remembered_own_tag.cache_clear()
    fresh = classify_lines(page)
    classify_lines(earlier + "\n" + page)  # the same lines, now remembered from another page
    assert classify_lines(page) == fresh


def test_only_short_lines_are_remembered() -> None:
    reading._remembered_own_tag.cache_clear()
    long_line = "word " * reading._REMEMBERED_LINE_CHARS
    classify_lines(f"A headline here\n{long_line}\nShare this article")
    assert reading._remembered_own_tag.cache_info().currsize == 2
