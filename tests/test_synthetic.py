"""The benchmark's synthetic crawl is as varied as a real one, and the same for the same seed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from karabakh_news.article import parse_article
from karabakh_news.synthetic import crawl_page, near_duplicate_page, write_corpus


def _people(pages: list[str]) -> set[str]:
    names: set[str] = set()
    for i, text in enumerate(pages):
        names.update(parse_article(text, f"p{i}").people)
    return names


def test_the_crawl_is_deterministic() -> None:
    assert [crawl_page(i, seed=3) for i in range(50)] == [crawl_page(i, seed=3) for i in range(50)]
    assert crawl_page(7, seed=3) != crawl_page(7, seed=4)


def test_distinct_people_grow_with_the_crawl() -> None:
    small, large = _people([crawl_page(i) for i in range(100)]), _people([crawl_page(i) for i in range(400)])
    assert len(small) > 100  # a long tail, not a fixed cast
    assert 3 * len(small) <= len(large) <= 5 * len(small)


def test_outlets_repeat_their_furniture_and_pages_repeat_headlines() -> None:
    pages = [crawl_page(i) for i in range(300)]
    lines = Counter(line for text in pages for line in set(text.splitlines()) if line.strip())
    mastheads = [line for line, n in lines.items() if line.startswith("The ") and n >= 10]
    assert len(mastheads) >= 8  # one name per outlet, on each of its pages
    assert sum("Most read" in text for text in pages) == len(pages)


def test_wire_copy_is_republished_many_times() -> None:
    titles = Counter(parse_article(crawl_page(i), "p").title for i in range(2_000))
    wire = [n for title, n in titles.items() if "wire story" in title]
    assert wire and 20 <= max(wire) <= 45  # about 30 outlets' copies of one story


def test_the_crawl_has_very_long_and_very_short_pages() -> None:
    sizes = [len(crawl_page(i)) for i in range(3_000)]
    assert max(sizes) > 150_000
    assert min(sizes) < 1_000


def test_near_duplicates_differ_by_one_surname() -> None:
    a, b = near_duplicate_page(1).splitlines(), near_duplicate_page(2).splitlines()
    assert len(a) == len(b)
    assert sum(x != y for x, y in zip(a, b, strict=True)) == 1


def test_write_corpus_profiles(tmp_path: Path) -> None:
    for profile in ("crawl", "near-duplicates", "classic"):
        folder = tmp_path / profile
        total = write_corpus(folder, 120, profile=profile)
        files = sorted(folder.glob("*.txt"))
        assert len(files) == 120 and total == sum(f.stat().st_size for f in files)
