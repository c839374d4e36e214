"""Reading a page as a whole: where the body is, which line is its headline, what is furniture.

Each test is a layout written here for the purpose (no real page's words): furniture above the
headline, a headline repeated far below, kickers and standfirsts, bylines of bare names, dates
and speakers in the forms that outlets print them.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from karabakh_news.article import parse_article
from karabakh_news.errors import ParseError
from karabakh_news.synthetic import page as synthetic_page

from .conftest import parse_page, roles_of

BODY = (
    "The harbour authority reopened the northern pier on Tuesday after three weeks of repairs to the storm wall.",
    "Fishing crews had moved their boats to the southern basin, where space ran short during the busy season.",
    "Engineers said the new wall is higher and should hold back waves twice the size of last winter's.",
)
HEADLINE = "Northern pier reopens after storm repairs"


def page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


# ------------------------------------------------------------------ furniture above the headline
def test_prompts_and_navigation_above_the_headline_are_furniture() -> None:
    a = parse_page(
        page(
            "Support independent local reporting. Donate today and keep our newsroom going.",
            "You are here: Home > Coast > Harbour",
            "Search this site",
            HEADLINE,
            *BODY,
        )
    )
    r = roles_of(a)
    assert a.title == HEADLINE
    assert r["Support independent local reporting. Donate today and keep our newsroom going."] == "boilerplate"
    assert r["Search this site"] == "boilerplate"
    assert [b.text for b in a.blocks] == list(BODY)


def test_a_subscription_notice_written_as_prose_is_not_the_body() -> None:
    a = parse_page(
        page(
            "Your subscription payment failed. Please update your billing details to keep reading.",
            "Your access will end soon",
            HEADLINE,
            *BODY,
        )
    )
    assert a.title == HEADLINE
    assert a.blocks[0].text == BODY[0]


def test_a_site_tagline_above_the_headline_is_not_the_title() -> None:
    a = parse_page(page("The Coastal Courier", "News for the whole bay since 1921", HEADLINE, *BODY))
    assert a.title == HEADLINE


def test_a_list_of_other_headlines_above_the_article_is_furniture() -> None:
    a = parse_page(
        page(
            "- Council approves new bus lanes",
            "- Ferry timetable changes in spring",
            "- Local school wins robotics prize",
            HEADLINE,
            *BODY,
        )
    )
    assert a.title == HEADLINE
    assert roles_of(a)["- Ferry timetable changes in spring"] == "boilerplate"


def test_a_breadcrumb_ending_with_the_headline_gives_the_section() -> None:
    a = parse_page(page(f"Coast Harbour {HEADLINE}", HEADLINE, *BODY))
    assert a.title == HEADLINE
    assert roles_of(a)[f"Coast Harbour {HEADLINE}"] == "metadata"
    assert a.section == "Coast"


def test_kicker_headline_and_standfirst() -> None:
    standfirst = "Crews return to the northern basin as the busy season begins"
    a = parse_page(page("Harbour works 2025", HEADLINE, standfirst, *BODY))
    assert (a.title, a.subtitle) == (HEADLINE, standfirst)
    assert roles_of(a)["Harbour works 2025"] == "metadata"


def test_a_longer_headline_above_a_line_that_repeats_the_body_is_still_the_headline() -> None:
    standfirst = "The harbour authority reopened the northern pier after repairs to the storm wall"
    a = parse_page(page(HEADLINE, standfirst, *BODY))
    assert (a.title, a.subtitle) == (HEADLINE, standfirst)


# ------------------------------------------------------------------ a headline repeated below
def test_a_headline_repeated_in_a_most_read_list_keeps_the_body() -> None:
    a = parse_page(
        page(
            HEADLINE,
            *BODY,
            "Most read",
            "Ferry timetable changes in spring",
            HEADLINE,
            "Local school wins robotics prize",
        )
    )
    assert [b.text for b in a.blocks] == list(BODY)
    assert roles_of(a)["Most read"] == "related_marker"


def test_a_headline_repeated_after_widgets_in_the_header_makes_them_furniture() -> None:
    a = parse_page(page(HEADLINE, "Text size", "Listen to this article", HEADLINE, *BODY))
    r = roles_of(a)
    assert r["Text size"] == "boilerplate"
    assert [b.text for b in a.blocks] == list(BODY)


_FURNITURE = st.sampled_from(
    [
        "Subscribe",
        "Sign in",
        "Home > World > Europe",
        "Share this article",
        "Advertisement",
        "Follow us on our channels",
        "Weather 14°C",
        "Our newsletter, every morning",
    ]
)


@given(
    st.lists(_FURNITURE, max_size=5),
    st.lists(_FURNITURE, max_size=5),
    st.integers(min_value=0, max_value=3),
)
def test_a_page_with_a_run_of_prose_is_never_rejected_as_no_body(
    above: list[str], below: list[str], repeats: int
) -> None:
    text = page(*above, HEADLINE, *BODY, *below, *[HEADLINE] * repeats)
    a = parse_page(text)
    assert a.title == HEADLINE
    assert [b.text for b in a.blocks if b.kind == "paragraph"] == list(BODY)


def test_the_synthetic_crawl_loses_no_page_with_prose_to_no_body() -> None:
    lost = []
    for i in range(400):
        text = synthetic_page(i)
        try:
            parse_article(text, f"p{i}")
        except ParseError as exc:
            if exc.reason == "no_body" and any(len(line.split()) >= 15 for line in text.splitlines()):
                lost.append(i)
    assert lost == []


# ------------------------------------------------------------------ bylines and dates
def test_bylines_of_bare_names_and_an_outlet_under_the_story() -> None:
    a = parse_page(page(HEADLINE, "Maria Lopez and Tom Baker", *BODY, "The Coastal Press"))
    r = roles_of(a)
    assert r["Maria Lopez and Tom Baker"] == "metadata"
    assert a.authors == ("Maria Lopez", "Tom Baker")
    assert a.credit_line == "The Coastal Press"


def test_a_byline_with_a_role_and_employer_gives_only_the_names() -> None:
    a = parse_page(page(HEADLINE, "By Maria Lopez, Harbour Correspondent, The Coastal Press, 3 Mar 2024", *BODY))
    assert a.authors == ("Maria Lopez",)
    assert a.published_date == dt.date(2024, 3, 3)


def test_a_dotted_date_with_a_two_digit_year_and_a_time() -> None:
    a = parse_page(page(HEADLINE, "Maria Lopez Published 04.03.24, 09:15 AM", *BODY))
    assert a.published_date == dt.date(2024, 3, 4)
    assert a.authors == ("Maria Lopez",)


def test_an_iso_date_time_between_separators() -> None:
    a = parse_page(page(HEADLINE, "Coastal Wire | 2024-03-04T09:15:00Z | Editor: Tom Baker", *BODY))
    assert a.published_date == dt.date(2024, 3, 4)


def test_dates_after_other_labels() -> None:
    a = parse_page(page(HEADLINE, "Last modified: 4 March 2024", *BODY))
    assert a.published_date == dt.date(2024, 3, 4)
    b = parse_page(page(HEADLINE, "Date of publication: 5 March 2024", *BODY))
    assert b.published_date == dt.date(2024, 3, 5)


def test_a_sites_date_bar_above_the_headline_is_not_the_articles_date() -> None:
    a = parse_page(page("Tuesday, 9 July 2024", "Home", "Coast", "Sport", HEADLINE, "Published 4 March 2024", *BODY))
    assert a.published_date == dt.date(2024, 3, 4)
    b = parse_page(page("Tuesday, 9 July 2024", "Home", "Coast", "Sport", HEADLINE, *BODY))
    assert b.published_date is None


def test_a_view_counter_is_not_the_section() -> None:
    a = parse_page(page("Views: 1,204", HEADLINE, *BODY))
    assert roles_of(a)["Views: 1,204"] == "boilerplate"
    assert a.section is None


# ------------------------------------------------------------------ speakers
def speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    a = parse_page(page(HEADLINE, *paragraphs))
    return [(q.text.rstrip(","), q.speaker) for q in a.quotes]


def test_an_appositive_between_the_descriptor_and_the_verb() -> None:
    assert speakers(
        '"The pier is safe for boats again," the spokeswoman for the harbour authority, Maria Lopez, said.'
    ) == [("The pier is safe for boats again", "Maria Lopez")]


def test_a_possessive_descriptor_before_the_name() -> None:
    assert speakers('"We will inspect the wall every month," the mayor\'s spokesman Tom Baker said on Tuesday.') == [
        ("We will inspect the wall every month", "Tom Baker")
    ]


def test_a_surname_resolves_to_the_fullest_form_and_told_an_outlet() -> None:
    assert speakers(
        "Harbour master Maria Lopez oversaw the repairs.",
        '"It took longer than we hoped," Lopez told the Coastal Courier.',
    ) == [("It took longer than we hoped", "Maria Lopez")]


def test_a_second_quotation_in_the_same_paragraph_keeps_its_speaker() -> None:
    assert speakers(
        '"The wall held through the night," said harbour master Maria Lopez. "We expect no more closures."'
    ) == [("The wall held through the night", "Maria Lopez"), ("We expect no more closures.", "Maria Lopez")]


def test_a_name_given_as_the_heading_above_a_quote() -> None:
    a = parse_page(
        page(
            HEADLINE,
            BODY[0],
            "Maria Lopez, engineer",
            '"The new wall is built for waves twice the size of last winter\'s storms."',
        )
    )
    assert [(q.speaker) for q in a.quotes] == ["Maria Lopez"]


def test_a_pronoun_skips_a_paragraph_that_names_nobody() -> None:
    assert speakers(
        '"The repairs are finished," harbour master Maria Lopez said.',
        "The pier had been closed since the storm in the first week of the month.",
        '"Boats can return tomorrow," she said.',
    )[-1] == ("Boats can return tomorrow", "Maria Lopez")


def test_a_pronoun_after_a_paragraph_about_someone_else_is_that_person() -> None:
    assert speakers(
        '"The repairs are finished," harbour master Maria Lopez said.',
        "Fisherman Tom Baker said he had lost two weeks of work.",
        '"I hope the wall holds," he said.',
    )[-1] == ("I hope the wall holds", "Tom Baker")


def test_a_quoted_paragraph_after_one_reporting_a_persons_words() -> None:
    assert speakers(
        "Harbour master Maria Lopez said the crews had worked through the weekend.",
        '"Nobody wanted the boats stuck in the southern basin for the whole season."',
    ) == [("Nobody wanted the boats stuck in the southern basin for the whole season.", "Maria Lopez")]


def test_an_unattributed_quote_with_no_one_reporting_stays_without_a_speaker() -> None:
    assert speakers(
        "The pier had been closed since the storm.",
        '"Nobody wanted the boats stuck in the southern basin for the whole season."',
    ) == [("Nobody wanted the boats stuck in the southern basin for the whole season.", None)]


def test_according_to_a_person_before_the_quote() -> None:
    assert speakers(
        BODY[0],
        'According to harbour master Maria Lopez, "the wall will hold back waves twice as high as before."',
    ) == [("the wall will hold back waves twice as high as before.", "Maria Lopez")]


def test_a_quote_signed_with_a_dash() -> None:
    assert speakers(
        BODY[0],
        '"The wall will hold back waves twice as high as before." – Maria Lopez, harbour engineer',
    ) == [("The wall will hold back waves twice as high as before.", "Maria Lopez")]


def test_a_role_nobody_had_yet_followed_by_the_name() -> None:
    assert speakers(
        BODY[0],
        'The mayor\'s spokesman, Tom Baker, said "the pier will stay open through the winter storms."',
    ) == [("the pier will stay open through the winter storms.", "Tom Baker")]


def test_a_relative_clause_between_the_name_and_the_verb() -> None:
    assert speakers(
        "Tom Baker, who runs the harbour cafe, said trade had fallen."
        ' "We lost half our customers in three weeks," he added.'
    ) == [("We lost half our customers in three weeks", "Tom Baker")]


def test_a_surname_subject_takes_the_one_full_name_that_ends_with_it() -> None:
    assert speakers(
        "Maria Lopez and Tom Baker toured the pier on Friday.",
        '"The wall looks stronger than the old one ever did," Baker said.',
    ) == [("The wall looks stronger than the old one ever did", "Tom Baker")]
    two_bakers = speakers(
        "Anna Baker and Tom Baker toured the pier on Friday.",
        '"The wall looks stronger than the old one ever did," Baker said.',
    )
    assert two_bakers == [("The wall looks stronger than the old one ever did", "Baker")]


def test_in_the_words_of() -> None:
    assert speakers(
        BODY[0],
        'Critics called the repairs "a patch on a patch that will not last the winter", in the words of'
        " the fishermen's representative, Tom Baker.",
    ) == [("a patch on a patch that will not last the winter", "Tom Baker")]


# ------------------------------------------------------------------ header furniture and captions
def test_the_sites_name_above_the_headline_is_furniture_and_under_the_story_the_credit() -> None:
    a = parse_page(page("The Coastal Times", HEADLINE, *BODY, "The Coastal Times"))
    r = [(ln.text, ln.role) for ln in a.lines]
    assert r[0] == ("The Coastal Times", "boilerplate")
    assert r[-1] == ("The Coastal Times", "metadata")
    assert a.credit_line == "The Coastal Times"


def test_a_name_shaped_line_far_above_the_headline_is_not_a_byline() -> None:
    a = parse_page(page("Main Menu", "Skip to content", "Subscribe", HEADLINE, *BODY))
    assert roles_of(a)["Main Menu"] == "boilerplate"
    assert a.authors == ()
    b = parse_page(page("Maria Lopez", "Senior Harbour Reporter", HEADLINE, *BODY))
    assert roles_of(b)["Maria Lopez"] == "metadata"
    assert b.authors == ("Maria Lopez",)


def test_a_line_printed_twice_in_the_header_is_a_photo_caption() -> None:
    caption = "Harbour master Maria Lopez on the new wall"
    a = parse_page(page(HEADLINE, caption, caption, *BODY))
    assert [c.text for c in a.captions] == [caption, caption]
    assert a.subtitle is None


def test_a_caption_cut_short_above_the_whole_one() -> None:
    whole = "Crews lift the last block of the new storm wall into place on Monday. (Photo by Tom Baker/Coast Agency)"
    a = parse_page(page(HEADLINE, "Crews lift the last block of the new storm wall into place ...", whole, *BODY))
    assert [ln.role for ln in a.lines[1:3]] == ["caption", "caption"]


def test_in_this_photo_captions() -> None:
    text = "In this file photo, harbour master Maria Lopez inspects the damaged wall."
    a = parse_page(page(HEADLINE, BODY[0], f"- {text}", *BODY[1:]))
    assert [(c.text, c.credit) for c in a.captions] == [(text, None)]


def test_a_line_broken_off_mid_sentence_is_not_a_heading() -> None:
    a = parse_page(
        page(HEADLINE, BODY[0], "Engineers described the old wall as a relic of", "wartime", BODY[1], BODY[2])
    )
    assert roles_of(a)["wartime"] == "paragraph"
