"""Quotations and speakers: golden seeds, the patterns one by one, and properties."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_news.article import Article, parse_article
from karabakh_news.decode import decode_text

from .conftest import GOLD_FILES, RAW, load_gold, parse_page


def _norm(text: str) -> str:
    return text.strip().rstrip(",").strip()


def _seed(gold: dict) -> Article:
    return parse_article(decode_text((RAW / f"{gold['id']}.txt").read_bytes()), gold["id"])


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.stem)
def case(request: pytest.FixtureRequest) -> tuple[dict, Article]:
    gold = load_gold(request.param)
    return gold, _seed(gold)


def test_every_required_gold_quote_is_found_with_its_speaker(case: tuple[dict, Article]) -> None:
    gold, article = case
    got = {_norm(q.text): q for q in article.quotes}
    for want in gold["quotes"]:
        if want.get("optional") or want.get("fragment"):
            continue
        quote = got.get(_norm(want["text"]))
        assert quote is not None, want["text"]
        assert quote.speaker in [want["speaker"], *want.get("speaker_alternatives", [])], want["text"]


def test_no_quote_that_the_gold_does_not_list(case: tuple[dict, Article]) -> None:
    gold, article = case
    listed = {_norm(q["text"]): q for q in gold["quotes"]}
    for quote in article.quotes:
        want = listed.get(_norm(quote.text))
        assert want is not None, quote.text
        assert quote.speaker in [want["speaker"], *want.get("speaker_alternatives", [])]
        assert quote.is_fragment == bool(want.get("fragment"))


def test_people_are_the_gold_people(case: tuple[dict, Article]) -> None:
    gold, article = case
    assert list(article.people) == gold["people"]


def test_quote_offsets_point_into_the_body(case: tuple[dict, Article]) -> None:
    _, article = case
    for quote in article.quotes:
        assert article.body[quote.char_start : quote.char_end] == quote.text


def test_seed_fragments_with_a_naming_verb_are_found(case: tuple[dict, Article]) -> None:
    gold, article = case
    got = {_norm(q.text): q.speaker for q in article.quotes}
    for want in gold["quotes"]:
        if want.get("fragment") and not want.get("optional"):
            assert got.get(_norm(want["text"])) == want["speaker"], want["text"]


def test_multi_paragraph_quote_joins_with_a_blank_line() -> None:
    gold = load_gold(next(p for p in GOLD_FILES if any("\n\n" in q["text"] for q in load_gold(p)["quotes"])))
    want = next(q for q in gold["quotes"] if "\n\n" in q["text"])
    got = [q for q in _seed(gold).quotes if "\n\n" in q.text]
    assert [_norm(q.text) for q in got] == [_norm(want["text"])]


def quotes_of(*paragraphs: str) -> list[tuple[str, str | None, str | None]]:
    article = parse_page("A headline for the page\n" + "\n".join(paragraphs) + "\n")
    return [(q.text, q.speaker, q.cue) for q in article.quotes]


def test_straight_curly_and_mixed_marks() -> None:
    assert quotes_of(
        "Finance Minister Jane Roe said on Monday that the budget was balanced.",
        '"We have balanced the budget this year," Roe said.',
        '“The deficit is gone for good now," she added.',
    ) == [
        ("We have balanced the budget this year,", "Jane Roe", "said"),
        ("The deficit is gone for good now,", "Jane Roe", "added"),
    ]


def test_inverted_and_according_to_attributions() -> None:
    assert quotes_of(
        "Government spokesman Tom Bell spoke to reporters in the capital on Tuesday.",
        "“We will not accept these terms under any circumstances,” said Tom Bell.",
        "“Talks will resume next week in Vienna,” according to Bell.",
    ) == [
        ("We will not accept these terms under any circumstances,", "Tom Bell", "said"),
        ("Talks will resume next week in Vienna,", "Tom Bell", "according to"),
    ]


def test_colon_intro_and_role_noun() -> None:
    assert quotes_of(
        "Kremlin spokesperson Anna Fox responded to the criticism on Wednesday.",
        "The spokesperson rejected the accusations:",
        "“These claims have no basis in fact and we reject them entirely.”",
        "“We remain open to dialogue with all partners,” the spokesperson said.",
    ) == [
        ("These claims have no basis in fact and we reject them entirely.", "Anna Fox", None),
        ("We remain open to dialogue with all partners,", "Anna Fox", "said"),
    ]


def test_scare_quotes_and_headings_are_not_quotations() -> None:
    article = parse_page(
        "Officials meet again\n"
        "The so-called “peace dividend” has not arrived, economists say in a new report today.\n"
        "“A quoted heading”\n"
        "The minister described the plan as “bold but necessary” in a speech on Friday.\n"
    )
    assert [(q.text, q.is_fragment) for q in article.quotes] == [("bold but necessary", True)]


def test_a_short_quote_in_a_reported_sentence_is_the_speakers_words() -> None:
    assert quotes_of(
        "Harbour master Jane Roe spoke after the storm on Sunday night.",
        "Roe said the night crews had worked “shift by shift” to clear the quay.",
        "Roe said the quay was never a “danger zone” for the ferries.",
        "She said the “Northern Quay” would open first.",
        "The so-called “storm tax” has not come, residents say.",
    ) == [("shift by shift", "Jane Roe", "said")]


@pytest.mark.parametrize(
    ("context", "quoted", "expected"),
    [
        pytest.param(  # "the statement read" belongs to whoever released the statement
            "The Harbour Board on Monday released a statement about the winter timetable.",
            "The statement read, “Ferries will run every hour from the first of December.”",
            ("Ferries will run every hour from the first of December.", "Harbour Board", "statement"),
            id="statement-released-by",
        ),
        pytest.param(  # a role described by other words or initials finds the person whose title spells it
            "Deputy Prime Minister and Transport Commissioner Ada Quist opened the session on Monday.",
            "“The new line will open in spring,” the deputy PM said.",
            ("The new line will open in spring,", "Ada Quist", "said"),
            id="role-by-initials",
        ),
        pytest.param(  # a pronoun prefers the reporting-verb subject of the previous sentence
            "Meetings with Prime Minister Tomas Berg will help the process, Foreign Minister Eva Lind said on Monday.",
            "“Each meeting brings us closer to a settlement,” she told journalists.",
            ("Each meeting brings us closer to a settlement,", "Eva Lind", "told"),
            id="pronoun-to-reporting-subject",
        ),
        pytest.param(  # a pronoun after an unknown speaker stays null
            "Speaking in Vienna, Marsh said he and Foreign Minister Eva Lind would review the talks.",
            "“We are close to a final agreement on every remaining point,” he said.",
            ("We are close to a final agreement on every remaining point,", None, "said"),
            id="pronoun-after-unknown-speaker",
        ),
    ],
)
def test_a_quote_after_its_context_paragraph(context: str, quoted: str, expected: tuple[str, str | None, str]) -> None:
    assert quotes_of(context, quoted) == [expected]


def test_unresolvable_pronoun_gives_no_speaker() -> None:
    assert quotes_of("“It is a sad day for everyone in this town,” she said.") == [
        ("It is a sad day for everyone in this town,", None, "said")
    ]


def test_unclosed_quote_is_dropped() -> None:
    assert quotes_of("He said “this never closes and just runs on to the end of the paragraph.") == []


_PARA = st.lists(
    st.sampled_from(["“", "”", '"', "Jane Roe", " said", " he", ",", ".", " the minister", "Hello world again", ":"])
    | st.text(max_size=12),
    max_size=25,
).map("".join)


@given(st.lists(_PARA, min_size=1, max_size=6))
def test_quote_properties(paragraphs: list[str]) -> None:
    text = "A headline for the page\n" + "\n".join(p.replace("\n", " ") + " end of the sentence." for p in paragraphs)
    article = parse_article(text, "x")
    spans = [(q.char_start, q.char_end) for q in article.quotes]
    for quote in article.quotes:
        assert article.body[quote.char_start : quote.char_end] == quote.text
        assert quote.is_fragment == (len(quote.text.split()) < 4)
    assert all(a_end < b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))
    assert parse_article(text, "x").quotes == article.quotes


def test_single_mark_quotations_survive_apostrophes() -> None:
    assert quotes_of(
        "Ministry spokeswoman Lena Park responded to the claims on Friday.",
        "'Let's be clear about the facts here. The troops' presence was agreed by both sides,' Park told reporters.",
        "'We will keep to every clause of the agreement,' she said.",
    ) == [
        ("Let's be clear about the facts here. The troops' presence was agreed by both sides,", "Lena Park", "told"),
        ("We will keep to every clause of the agreement,", "Lena Park", "said"),
    ]


def test_inverted_attribution_with_a_long_title_and_an_organisation_speaker() -> None:
    assert quotes_of(
        "“The border will stay open for trade,” said Spokesperson for the Trade Ministry Omar Haddad on Monday.",
        "“Any violation will be answered,” the Defence Ministry stressed in a statement.",
    ) == [
        ("The border will stay open for trade,", "Omar Haddad", "said"),
        ("Any violation will be answered,", "Defence Ministry", "stressed"),
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", ".", "!", "?", " ", "\n", "\t", "\x00", "”"]), max_size=30).map("".join))
def test_sentence_ends_match_the_plain_pattern(text: str) -> None:
    """The sentence-end scan, written to start with one class, finds what the plain pattern finds."""
    import re

    from karabakh_news.quotes import _SENTENCE_END

    plain = re.compile(r"[.!?](?=\s|$)|\n\n")
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in plain.finditer(text)]
