"""Layouts the seeds do not show: other outlets' headers, captions, lists and furniture.

Each page is written the way such sites print it; the assertions are about roles and fields,
so a rule that only fits the seeds fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karabakh_news.patterns import Caption, is_repeated_phrase, unmarked_caption

from .conftest import parse_page as parse
from .conftest import roles_of as roles


def test_byline_and_date_under_headline_with_standfirst() -> None:
    a = parse(
        "POLITICS\n"
        "Parliament approves new budget after long debate\n"
        "Lawmakers backed the plan by a wide margin on Tuesday.\n"
        "By Jane Doe and John Smith | Published 3 March 2024, 14:05 GMT\n"
        "4 min read\n"
        "The parliament approved the budget on Tuesday after a debate that lasted two days.\n"
        "The opposition said it would challenge several provisions in court.\n"
    )
    r = roles(a)
    assert r["POLITICS"] == "metadata"
    assert a.title == "Parliament approves new budget after long debate"
    assert a.subtitle == "Lawmakers backed the plan by a wide margin on Tuesday."
    assert a.authors == ("Jane Doe", "John Smith")
    assert a.published_date == dt.date(2024, 3, 3)
    assert a.reading_time_minutes == 4
    assert a.section == "POLITICS"
    assert len(a.blocks) == 2


def test_short_news_item_without_metadata() -> None:
    a = parse("Earthquake hits eastern region\nA 5.1 magnitude earthquake struck early on Monday, officials said.\n")
    assert a.title == "Earthquake hits eastern region"
    assert a.subtitle is None
    assert a.published_date is None
    assert [b.kind for b in a.blocks] == ["paragraph"]


def test_caption_credit_forms() -> None:
    a = parse(
        "Ministers meet in Geneva\n"
        "Photo: Reuters\n"
        "Delegates arrive for the talks in Geneva on Monday. (Photo: AFP)\n"
        "The foreign ministers met in Geneva on Monday for a second round of talks.\n"
        "Protesters gathered outside the venue. REUTERS/Denis Balibouse\n"
        "They said the talks had been useful and agreed to meet again next month.\n"
    )
    assert [(c.text, c.credit) for c in a.captions] == [
        (None, "Reuters"),
        ("Delegates arrive for the talks in Geneva on Monday.", "AFP"),
        ("Protesters gathered outside the venue.", "REUTERS/Denis Balibouse"),
    ]
    assert len(a.blocks) == 2


def test_latest_news_list_dates_and_bylines_are_not_the_articles() -> None:
    a = parse(
        "Talks resume in Vienna\n"
        "Negotiators returned to Vienna on Thursday to resume talks that stalled last month.\n"
        "Officials said both sides had shown flexibility.\n"
        "Latest news\n"
        "Floods displace thousands in the south\n"
        "By Anna Lee\n"
        "12 June 2025\n"
        "Central bank holds rates steady\n"
        "2 hours ago\n"
    )
    r = roles(a)
    assert r["Latest news"] == "related_marker"
    assert r["By Anna Lee"] == "related_item"
    assert r["12 June 2025"] == "related_item"
    assert a.published_date is None
    assert a.authors == ()
    assert a.related_headlines == ("Floods displace thousands in the south", "Central bank holds rates steady")


def test_sign_up_share_and_inline_read_more_are_furniture() -> None:
    a = parse(
        "Grain exports rise\n"
        "Share this article\n"
        "Grain exports rose by a tenth in May compared with a year earlier, customs data showed.\n"
        "READ MORE: Wheat prices fall to a three-year low\n"
        "Traders expect the trend to continue into the autumn.\n"
        "Sign up for our daily newsletter\n"
        "Facebook Twitter WhatsApp\n"
        "© 2025 Example Media. All rights reserved.\n"
    )
    r = roles(a)
    assert r["Share this article"] == "boilerplate"
    assert r["READ MORE: Wheat prices fall to a three-year low"] == "related_item"
    assert r["Sign up for our daily newsletter"] == "boilerplate"
    assert r["Facebook Twitter WhatsApp"] == "boilerplate"
    assert r["© 2025 Example Media. All rights reserved."] == "boilerplate"
    assert a.related_headlines == ("Wheat prices fall to a three-year low",)
    assert [b.text for b in a.blocks][-1] == "Traders expect the trend to continue into the autumn."


def test_heading_needs_prose_after_it_and_trailing_headlines_are_a_list() -> None:
    a = parse(
        "A long feature about rivers\n"
        "Rivers shape the land they cross, and people have always settled along them.\n"
        "Why rivers matter\n"
        "They bring water, fertile soil and a way to travel, which is why cities grew there.\n"
        "Drought hits the north\n"
        "New bridge opens downtown\n"
        "Mayor unveils transport plan\n"
    )
    r = roles(a)
    assert r["Why rivers matter"] == "heading"
    assert r["Drought hits the north"] == "related_item"
    assert a.headings == ("Why rivers matter",)


def test_date_run_together_with_section_and_updated_date_loses() -> None:
    a = parse(
        "World11 June 2025\n"
        "Updated: 14 June 2025\n"
        "Storm warning issued for the coast\n"
        "Forecasters warned of strong winds along the coast over the weekend.\n"
    )
    assert a.published_date == dt.date(2025, 6, 11)
    assert a.title == "Storm warning issued for the coast"


def test_related_marker_followed_by_prose_keeps_article_text() -> None:
    a = parse(
        "Ceasefire holds\n"
        "The ceasefire held for a third day on Sunday, monitors said.\n"
        "Related\n"
        "Both sides accused each other of minor violations overnight.\n"
    )
    r = roles(a)
    assert r["Related"] == "related_marker"
    assert r["Both sides accused each other of minor violations overnight."] == "paragraph"
    assert len(a.blocks) == 2


def test_long_lead_paragraph_before_an_inline_photo_is_not_a_standfirst() -> None:
    a = parse(
        "Ministers agree to reopen the border crossing\n"
        "The foreign ministers of the two countries agreed on Monday to reopen the main border crossing, closed since"
        " 2020, after talks that lasted more than nine hours and ended late at night in the capital.\n"
        "Trucks wait at the crossing. (Photo: AFP)\n"
        "The crossing is expected to reopen within a month.\n"
    )
    assert a.subtitle is None
    assert len(a.blocks) == 2


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        ("Flooded fields near the river. File picture", "Flooded fields near the river.", "File picture"),
        ("Cranes over the harbour at dawn Ada Quist /Harbour Images/Agency", "Cranes over the harbour at dawn",
         "Ada Quist /Harbour Images/Agency"),
        ("Cranes over the harbour at dawn", "Cranes over the harbour at dawn", None),
        ("The mayor backed the rail/bus plan.", "The mayor backed the rail/bus plan.", None),
    ],
)  # fmt: skip
def test_a_line_placed_as_a_caption_may_end_with_an_unmarked_credit(line: str, text: str, credit: str | None) -> None:
    assert unmarked_caption(line) == Caption(text, credit)


def test_related_headlines_leave_out_item_sources_ages_and_repeats() -> None:
    page = "\n".join(
        [
            "Harbour board approves new cranes for the container terminal",
            "The harbour board approved four new cranes on Monday after a long review of the terminal's needs.",
            "Work on the quay will begin next spring and should take about two years to finish, the board said.",
            "The old cranes will be sold to a smaller port further along the coast once the new ones are running.",
            "Related Articles",
            "Ferry timetable changes for the winter season",
            "Ferry timetable changes for the winter season",
            "PORTWIRE",
            "timean hour ago",
            "  • PORTWIRE",
            "Fishing fleet returns early as storm nears",
        ]
    )
    assert parse(page).related_headlines == (
        "Ferry timetable changes for the winter season",
        "Fishing fleet returns early as storm nears",
    )


@given(
    phrase=st.lists(st.sampled_from(["follow", "the", "match", "live", "Harbour", "Cup", "2030", "here"]), min_size=3,
                    max_size=8),
    times=st.integers(min_value=2, max_value=6),
    cut=st.integers(min_value=0, max_value=7),
)  # fmt: skip
def test_a_phrase_printed_over_and_over_is_one_repeated_line(phrase: list[str], times: int, cut: int) -> None:
    cut = min(cut, len(phrase) - 1) if times > 2 else 0  # two whole copies at least
    words = (phrase * times)[: len(phrase) * times - cut]
    assert is_repeated_phrase(" ".join(words))


def test_prose_is_not_a_repeated_phrase() -> None:
    assert not is_repeated_phrase("The board met on Monday and the board met again on Tuesday to vote.")
    assert not is_repeated_phrase("very very very good")  # too short to be a ticker
    assert not is_repeated_phrase(" ".join(["The board met on Monday to vote."] * 3))  # prose printed thrice


def test_a_ticker_line_above_the_headline_is_furniture() -> None:
    ticker = " ".join(["Follow every race of the regatta live on our site"] * 6)
    page = "\n".join(
        [
            "Home Sport",
            ticker,
            "Harbour crew wins the autumn regatta by a length",
            "The harbour crew won the autumn regatta on Saturday by a single length after a close race.",
            "Their coach said the crew had trained through the summer for the final and deserved the win.",
        ]
    )
    article = parse(page)
    assert article.title == "Harbour crew wins the autumn regatta by a length"
    assert roles(article)[ticker] == "boilerplate"


_STORY = [
    "Harbour crew wins the autumn regatta by a length",
    "The harbour crew won the autumn regatta on Saturday by a single length after a close race.",
    "Their coach said the crew had trained through the summer for the final and deserved the win.",
]


def test_an_author_box_under_the_story_is_its_byline_and_furniture() -> None:
    bio = "Ada is a sports reporter who has covered rowing on the coast for ten years."
    article = parse("\n".join([*_STORY, "Ada Quist", bio]))
    assert roles(article)["Ada Quist"] == "metadata" and roles(article)[bio] == "boilerplate"
    assert article.authors == ("Ada Quist",)


def test_a_name_heading_inside_the_story_is_no_author_box() -> None:
    profile = "Quist is a nurse who has rowed with the crew since it was founded twenty years ago."
    article = parse("\n".join([*_STORY, "Ada Quist", profile, "The crew will defend the title next autumn at home."]))
    assert roles(article)["Ada Quist"] == "heading" and roles(article)[profile] == "paragraph"


@pytest.mark.parametrize("stamp", ["PORTWIRE5 days ago", "Portwire 3 hours ago", "2 weeks ago"])
def test_an_age_stamp_under_the_headline_is_metadata_not_a_standfirst(stamp: str) -> None:
    article = parse("\n".join([_STORY[0], stamp, *_STORY[1:]]))
    assert roles(article)[stamp] == "metadata" and article.subtitle is None and article.published_date is None


def test_a_related_item_ending_in_an_initialism_stays_in_the_list() -> None:
    item = "Ferry service adds a night crossing to Port Alden, N.S."
    article = parse("\n".join([*_STORY, "Previous story", item, "Fishing fleet returns early as storm nears"]))
    assert roles(article)[item] == "related_item"
    assert item in article.related_headlines
