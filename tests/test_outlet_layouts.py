"""Header, caption and footer conventions of common news-site layouts (written from their shape).

None of these pages are seeds; they check that rules follow layout patterns that recur
across outlets: wire-service datelines and stamps, bracketed photo credits, label-only lines,
reporting credits, "list of N items" widgets and "opens new tab" link furniture.
"""

from __future__ import annotations

import datetime as dt

from .conftest import parse_page as parse
from .conftest import roles_of as roles


def test_wire_service_stamp_run_together_and_reporting_credits() -> None:
    a = parse(
        "Azerbaijan summons envoy over remarks\n"
        "By Nailia Bagirova and Felix Light\n"
        "June 11, 20253:46 PM GMT+4Updated 2 hours ago\n"
        "BAKU, June 11 (Reuters) - Azerbaijan's foreign ministry summoned an envoy on Wednesday over remarks it called"
        " unacceptable.\n"
        "The ministry said it expected an explanation.\n"
        "Reporting by Nailia Bagirova; Editing by Mark Heinrich\n"
        "Our Standards: The Thomson Reuters Trust Principles., opens new tab\n"
    )
    r = roles(a)
    assert r["June 11, 20253:46 PM GMT+4Updated 2 hours ago"] == "metadata"
    assert r["Reporting by Nailia Bagirova; Editing by Mark Heinrich"] == "metadata"
    assert r["Our Standards: The Thomson Reuters Trust Principles., opens new tab"] == "boilerplate"
    assert a.published_date == dt.date(2025, 6, 11)
    assert a.authors == ("Nailia Bagirova", "Felix Light")
    assert len(a.blocks) == 2 and a.subtitle is None


def test_all_caps_byline_and_updated_stamp_before_date() -> None:
    a = parse(
        "Talks on peace treaty to resume, ministers say\n"
        "By ARAZ HASANOV\n"
        "Updated 3:46 PM GMT+4, June 12, 2025\n"
        "BAKU, Azerbaijan (AP) — Foreign ministers said Thursday that talks on a peace treaty would resume.\n"
    )
    assert a.authors == ("ARAZ HASANOV",)
    assert a.published_date == dt.date(2025, 6, 12)  # only an update stamp is stated: still the page's date


def test_label_line_then_date_line_and_bracketed_file_credit() -> None:
    a = parse(
        "Published\n"
        "11 June 2025\n"
        "Pipeline deal signed in Ankara\n"
        "Officials at the signing ceremony in Ankara [File: Adem Altan/AFP]\n"
        "Image source, Getty Images\n"
        "Image caption, The pipeline will run for 500km\n"
        "The two governments signed the pipeline agreement in Ankara on Wednesday.\n"
        "list of 3 items\n"
        "end of list\n"
        "SOURCE: AL JAZEERA AND NEWS AGENCIES\n"
    )
    r = roles(a)
    assert r["Published"] == "metadata"
    assert a.section is None
    assert a.title == "Pipeline deal signed in Ankara"
    assert a.published_date == dt.date(2025, 6, 11)
    assert [(c.text, c.credit) for c in a.captions] == [
        ("Officials at the signing ceremony in Ankara", "Adem Altan/AFP"),
        (None, "Getty Images"),
        ("The pipeline will run for 500km", None),
    ]
    assert r["list of 3 items"] == "boilerplate" and r["end of list"] == "boilerplate"
    assert a.credit_line == "AL JAZEERA AND NEWS AGENCIES"


def test_date_with_timezone_in_parentheses_and_section_words() -> None:
    a = parse(
        "Politics 11 June 2025 15:30 (UTC+04:00)\n"
        "Government approves new transport plan\n"
        "The cabinet approved a plan to modernise the railways over the next five years.\n"
    )
    assert a.published_date == dt.date(2025, 6, 11)
    assert a.section == "Politics"


def test_name_next_to_a_date_is_not_taken_for_a_section() -> None:
    a = parse(
        "Armenia and Azerbaijan agree on border commission\n"
        "Jane Roe Jun 11, 2025\n"
        "The two countries agreed to set up a joint commission to mark their border.\n"
    )
    assert a.published_date == dt.date(2025, 6, 11)
    assert a.section is None


def test_photo_by_credit_without_colon() -> None:
    a = parse(
        "Festival opens in Baku\nPhoto by Aziz Karimov\nThe festival opened on Friday with concerts in the old city.\n"
    )
    assert [(c.text, c.credit) for c in a.captions] == [(None, "Aziz Karimov")]


def test_date_stamp_run_into_the_headline() -> None:
    a = parse(
        " date 2024-05-02 Parliament backs new electoral code after long debate\n"
        "Lawmakers approved the new electoral code on Thursday by a wide margin.\n"
    )
    assert a.title == "Parliament backs new electoral code after long debate"
    assert a.published_date == dt.date(2024, 5, 2)
    assert roles(a)["date 2024-05-02 Parliament backs new electoral code after long debate"] == "title"


def test_widgets_and_navigation_between_headline_and_its_repeat() -> None:
    a = parse(
        "Ports reopen after storm\n"
        "Home page Economy\n"
        "10 Pt 12 Pt 14 Pt\n"
        "+ ↺ − 16 px\n"
        "Ports reopen after storm\n"
        "All ports on the coast reopened on Sunday after the storm passed, officials said.\n"
    )
    r = roles(a)
    assert r["Home page Economy"] == "boilerplate"
    assert r["10 Pt 12 Pt 14 Pt"] == "boilerplate"
    assert r["+ ↺ − 16 px"] == "boilerplate"
    assert [b.text for b in a.blocks] == [
        "All ports on the coast reopened on Sunday after the storm passed, officials said."
    ]


def test_author_label_with_the_name_on_the_next_line() -> None:
    a = parse(
        "Ports reopen after storm\n"
        "All ports on the coast reopened on Sunday after the storm passed, officials said.\n"
        "Date\n"
        "2025.03.14 / 09:10\n"
        "Author\n"
        "Mina Farah\n"
    )
    r = roles(a)
    assert r["Author"] == "metadata" and r["Mina Farah"] == "metadata"
    assert a.authors == ("Mina Farah",)
    assert a.published_date == dt.date(2025, 3, 14)
