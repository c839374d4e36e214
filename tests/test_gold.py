"""Golden tests: the parser's output on the real seed articles equals the hand-checked gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from karabakh_news.article import Article, parse_article
from karabakh_news.decode import decode_text

from .conftest import GOLD_FILES, RAW, load_gold

FIELDS = ("title", "subtitle", "published_date", "section", "reading_time_minutes", "authors", "credit_line")


def _parse(gold: dict) -> Article:
    data = (RAW / f"{gold['id']}.txt").read_bytes()
    return parse_article(decode_text(data), gold["id"])


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.stem)
def case(request: pytest.FixtureRequest) -> tuple[dict, Article]:
    gold = load_gold(request.param)
    return gold, _parse(gold)


def test_gold_files_are_the_shared_ones() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "gold"
    if not shared.is_dir():
        pytest.skip("../shared is not beside the checkout")
    for path in GOLD_FILES:
        assert path.read_bytes() == (shared / path.name).read_bytes(), f"tests/gold/{path.name} drifted"


def test_three_seed_gold_files() -> None:
    assert len(GOLD_FILES) == 3


def test_every_line_role(case: tuple[dict, Article]) -> None:
    gold, article = case
    got = [(ln.number, ln.role, ln.text) for ln in article.lines]
    want = [(ln["line"], ln["role"], ln["text"]) for ln in gold["lines"]]
    assert got == want


@pytest.mark.parametrize("field", FIELDS)
def test_scalar_fields(case: tuple[dict, Article], field: str) -> None:
    gold, article = case
    value = getattr(article, field)
    if field == "published_date" and value is not None:
        value = value.isoformat()
    if field == "authors":
        value = list(value)
    assert value == gold[field]


def test_blocks(case: tuple[dict, Article]) -> None:
    gold, article = case
    assert [{"kind": b.kind, "text": b.text} for b in article.blocks] == gold["blocks"]
    for block in article.blocks:
        assert article.body[block.char_start : block.char_end] == block.text


def test_captions(case: tuple[dict, Article]) -> None:
    gold, article = case
    assert [{"text": c.text, "credit": c.credit} for c in article.captions] == [
        {"text": c["text"], "credit": c["credit"]} for c in gold["captions"]
    ]


def test_related_headlines(case: tuple[dict, Article]) -> None:
    gold, article = case
    assert list(article.related_headlines) == gold["related_headlines"]


def test_derived_fields(case: tuple[dict, Article]) -> None:
    gold, article = case
    assert article.body == "\n\n".join(b["text"] for b in gold["blocks"])
    assert list(article.headings) == [b["text"] for b in gold["blocks"] if b["kind"] == "heading"]
    assert article.language == "en"
    assert article.word_count == len(article.body.split())
