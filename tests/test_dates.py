"""Dates as news sites print them become real dates; incomplete or ambiguous ones never do."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_news.dates import find_dates
from karabakh_news.patterns import metadata_of

D = dt.date(2025, 6, 11)


@pytest.mark.parametrize(
    "text",
    [
        "2025-06-11",
        "2025-06-11T09:30:00Z",
        "2025/06/11",
        "11 June 2025",
        "11th June, 2025",
        "Wednesday, 11 June 2025",
        "June 11, 2025",
        "Jun 11 2025",
        "JUNE 11, 2025",
        "Wed, Jun. 11, 2025 10:30 AM",
        "11.06.2025",
        "11/06/2025",  # unambiguous: 11 cannot be a month... it can; see below
        "June 11, 202510:30",
        "WORLD11 June 2025",
        "Published on 11 June 2025, 14:05 GMT+4",
    ],
)
def test_stated_dates(text: str) -> None:
    dates = [m.date for m in find_dates(text)]
    if text == "11/06/2025":
        assert dates == []  # 11 June or 6 November: both possible, so no date
    else:
        assert dates == [D]


@pytest.mark.parametrize(
    "text",
    [
        "9 June",
        "On June 9, officials said",
        "June 2025",
        "11/06/25",
        "2 hours ago",
        "yesterday",
        "31 June 2025",
        "13/13/2025",
        "in 1994",
        "Page 2025-13-40",
    ],
)
def test_never_guessed(text: str) -> None:
    assert find_dates(text) == []


def test_unambiguous_numeric_orders() -> None:
    assert [m.date for m in find_dates("25/12/2024")] == [dt.date(2024, 12, 25)]
    assert [m.date for m in find_dates("12/25/2024")] == [dt.date(2024, 12, 25)]
    assert [m.date for m in find_dates("05/05/2024")] == [dt.date(2024, 5, 5)]


def test_metadata_line_with_section_and_labels() -> None:
    md = metadata_of(" date 2025-06-11 WORLD")
    assert md is not None and md.dates == ((D, False),) and md.section == "WORLD"
    updated = metadata_of("Last updated: June 12, 2025")
    assert updated is not None and updated.dates == ((dt.date(2025, 6, 12), True),)


def test_prose_with_a_date_is_not_a_metadata_line() -> None:
    assert metadata_of("The agreement was signed on 11 June 2025 by both foreign ministers in Baku.") is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_round_trip_of_printed_dates(date: dt.date) -> None:
    for text in (date.isoformat(), date.strftime("%d %B %Y"), date.strftime("%B %d, %Y"), date.strftime("%b %d %Y")):
        assert [m.date for m in find_dates(text)] == [date], text


def _all_patterns(text: str) -> list[tuple[dt.date, int, int]]:
    """find_dates without its shortcuts: every pattern of the cascade on every text."""
    from karabakh_news.dates import _CASCADE

    found: list[tuple[dt.date, int, int]] = []
    for pattern, convert in _CASCADE:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for _d, s, e in found):
                continue
            if (date := convert(m)) is not None:
                found.append((date, m.start(), m.end()))
    return sorted(found, key=lambda d: d[1])


_DATE_PIECES = st.sampled_from(
    ["2025", "1999", "11", "3", "06", " ", ", ", "-", "/", ".", "June", "jun", "SEPT", "Mar.", "may", "ſep",
     "Wed", "Thursday", "of", "th", "10:30", "x"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_DATE_PIECES, max_size=14).map("".join))
def test_shortcuts_never_change_what_is_found(text: str) -> None:
    assert [(d.date, d.start, d.end) for d in find_dates(text)] == _all_patterns(text)


_DIGIT_PIECES = st.sampled_from([*"0123456789٣-/. x", "19", "20", "2025", "June "])
_DIGIT_TEXT = st.lists(_DIGIT_PIECES, max_size=24).map("".join)


@settings(max_examples=500, deadline=None)
@given(_DIGIT_TEXT)
def test_leading_numbers_match_their_look_behind_first_forms(text: str) -> None:
    """The year and day patterns put their look-behind after the first digits (so that the engine
    can skip to digits); they match exactly what the plain look-behind-first forms match."""
    import re

    from karabakh_news.dates import _LEADING_DAY, _LEADING_YEAR

    for fast, plain in ((_LEADING_YEAR, r"(?<!\d)(?:19|20)\d\d"), (_LEADING_DAY, r"(?<!\d)[0-3]?\d")):
        for tail in ("", r"-\d", r"(?!\d)", r"\s*June"):  # what follows decides how far they backtrack
            got = [m.span() for m in re.finditer(fast + tail, text)]
            assert got == [m.span() for m in re.finditer(plain + tail, text)], (fast, tail)
