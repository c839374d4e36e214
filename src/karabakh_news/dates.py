"""Dates and times as news pages print them: a cascade of compiled patterns.

A match always becomes a real :class:`datetime.date`; a date that is not fully stated is
never completed by guessing: no year ("9 June"), a two-digit year (except in a dotted stamp with
a clock time, "28.12.22, 12:40", read as 20yy), a relative date
("2 hours ago") or an ambiguous day/month order ("06/07/2025") give no date at all.
Matches may be run together with other text ("WORLD11 June 2025", "June 11, 202510:30").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
# A year ends at a non-digit, or where a clock time is glued straight onto it.
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?!\d)|(?=\d{1,2}:\d\d))"
# A number that starts a run of digits, written so that a pattern starts with a digit and not
# with a look-behind: the engine then skips to digits in a tight loop instead of trying a match at
# every character. _LEADING_YEAR is r"(?<!\d)(?:19|20)\d\d" and _LEADING_DAY r"(?<!\d)[0-3]?\d"
# (a test checks both): the look-behind comes after the first digits.
_LEADING_YEAR = r"(?:19|20)(?<!\d(?:19|20))\d\d"
_LEADING_DAY = r"\d(?<!\d\d)(?:(?<=[0-3])\d)?"
_DAY = rf"(?P<day>{_LEADING_DAY})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?"

# An ISO date-time keeps its time and zone inside the match ("2022-12-05T20:56:58.550Z").
_ISO = re.compile(
    rf"(?P<year>{_LEADING_YEAR})-(?P<m>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"
    r"(?:T[0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?"
)
_YMD = re.compile(rf"(?P<year>{_LEADING_YEAR})[/.](?P<m>[01]?\d)[/.](?P<day>[0-3]?\d)(?!\d)")
_DAY_MONTH_YEAR = re.compile(rf"{_WEEKDAY}{_DAY}\s*(?:of\s+)?{_MONTH},?\s*{_YEAR}", re.I)
_MONTH_DAY_YEAR = re.compile(rf"{_WEEKDAY}{_MONTH}\s*{_DAY}(?!\d),?\s*{_YEAR}", re.I)
_DOTTED_DMY = re.compile(rf"{_DAY}\.(?P<m>[01]?\d)\.{_YEAR}")
# A two-digit year is read only in a time stamp: dotted day.month.year followed by a clock time
# ("28.12.22, 12:40 AM"); alone it could be anything.
_DOTTED_DMY_SHORT_YEAR_WITH_TIME = re.compile(
    rf"{_DAY}\.(?P<m>[01]?\d)\.(?P<short_year>\d\d)(?!\d)(?=,?\s*(?:at\s+)?[0-2]?\d[:.][0-5]\d)"
)
_NUMERIC_DMY_OR_MDY = re.compile(rf"(?P<a>{_LEADING_DAY})[/-](?P<b>[0-3]?\d)[/-]{_YEAR}")

TIME = re.compile(
    r"(?<!\d)[0-2]?\d[:.h][0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:GMT|UTC|[A-Z]{2,4}T)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?|\s*[+-]\d\d:?\d\d)?"
    r"|(?<!\d)[01]?\d\s*[ap]\.?m\.?(?![a-z])",
    re.I,
)


@dataclass(frozen=True)
class DateMatch:
    date: dt.date
    start: int
    end: int


def _make(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def _named_month(m: re.Match[str]) -> dt.date | None:
    return _make(m["year"], _MONTHS[m["month"].lower()], m["day"])


def _numeric_month(m: re.Match[str]) -> dt.date | None:
    return _make(m["year"], int(m["m"]), m["day"])


def _short_year(m: re.Match[str]) -> dt.date | None:
    return _make(f"20{m['short_year']}", int(m["m"]), m["day"])


def _day_or_month_first(m: re.Match[str]) -> dt.date | None:
    a, b = int(m["a"]), int(m["b"])
    if a == b or (a > 12) != (b > 12):
        day, month = (a, b) if a > 12 or a == b else (b, a)
        return _make(m["year"], month, str(day))
    return None  # both orders are possible: never guess


_CASCADE: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], dt.date | None]], ...] = (
    (_ISO, _numeric_month),
    (_YMD, _numeric_month),
    (_DAY_MONTH_YEAR, _named_month),
    (_MONTH_DAY_YEAR, _named_month),
    (_DOTTED_DMY, _numeric_month),
    (_NUMERIC_DMY_OR_MDY, _day_or_month_first),
    (_DOTTED_DMY_SHORT_YEAR_WITH_TIME, _short_year),
)
_MONTH_STEMS = tuple(sorted({m[:3] for m in _MONTHS}))  # every month name starts with one of these


_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_SHORT_YEAR_STAMP = re.compile(r"\d\.\d\d?\.\d\d")


def holds_any(text: str, stems: tuple[str, ...]) -> bool:
    """Whether the case-folded text contains one of ``stems``: the cheap necessary condition that
    lets a case-blind pattern (which would scan every position) be skipped."""
    return any(map(text.casefold().__contains__, stems))  # map over a bound method: no Python frame a stem


def find_dates(text: str) -> list[DateMatch]:
    """Every fully stated date in ``text``, in order, with non-overlapping spans."""
    if not _HAS_YEAR.search(text) and not _SHORT_YEAR_STAMP.search(text):
        return []  # every pattern needs a year: most lines are done here
    # The named-month patterns are the costly ones (an optional weekday first: no fast scan);
    # substring tests say when they cannot match, as on most lines that only mention a year.
    named = holds_any(text, _MONTH_STEMS)
    found: list[DateMatch] = []
    for pattern, convert in _CASCADE:
        if convert is _named_month and not named:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            date = convert(m)
            if date is not None:
                found.append(DateMatch(date, m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def time_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of clock times ("10:30", "3 pm", "14.05 GMT+4")."""
    for m in TIME.finditer(text):
        yield m.start(), m.end()
