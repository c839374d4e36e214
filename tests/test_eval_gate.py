"""The golden evaluation gate: the seeds parse exactly, and the development set never falls
below the floors in ``eval_floors.json`` (floors only go up; the history shows every raise).

The development set is read from ``../shared/dev`` beside the checkout and never copied into
the project; the dev tests skip when it is absent.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from karabakh_news.cli import main
from karabakh_news.evaluate import Evaluation, evaluate

from .conftest import GOLD, RAW

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"
FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
CEILINGS = frozenset({"dates_wrong"})
needs_dev = pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="../shared/dev is not beside the checkout")


@pytest.fixture(scope="module")
def dev() -> Evaluation:
    return evaluate(DEV / "raw", DEV / "gold")


def test_the_seeds_are_exact() -> None:
    s = evaluate(RAW, GOLD).total.summary()
    assert s["pages"] == 3 and s["rejected"] == []
    for metric in ("line_roles", "body_precision", "body_recall", "fields_mean", "quote_precision", "quote_recall"):
        assert s[metric] == 1.0, metric
    assert s["speakers"] == 1.0
    assert s["titles_right"] == 3 and s["dates_found"] == s["dates_stated"] and s["dates_wrong"] == 0


def _short_of(value: float, floor: float, metric: str) -> bool:
    """Whether ``value`` is worse than ``floor`` (a ceiling for the metrics that count errors)."""
    return value > floor if metric in CEILINGS else value < floor


def test_floors_only_ever_go_up() -> None:
    for before, after in itertools.pairwise(FLOORS["history"]):
        lowered = [m for m, floor in before.items() if m != "commit" and _short_of(after[m], floor, m)]
        assert lowered == [], f"floors lowered at {after['commit']!r}"


@needs_dev
def test_the_dev_set_stays_above_its_floors(dev: Evaluation) -> None:
    s = dev.total.summary()
    assert s["pages"] == 30
    floors = {m: floor for m, floor in FLOORS["history"][-1].items() if m != "commit"}
    below = {m: (s[m], floor) for m, floor in floors.items() if _short_of(s[m], floor, m)}
    assert below == {}, "metric: (measured, floor)"


@needs_dev
def test_no_dev_page_is_rejected(dev: Evaluation) -> None:
    assert dev.total.rejected == []


@needs_dev
def test_every_gold_line_is_scored_once(dev: Evaluation) -> None:
    for page_id, score in dev.pages.items():
        gold = json.loads((DEV / "gold" / f"{page_id}.json").read_text(encoding="utf-8"))
        assert sum(n for (want, _), n in score.confusion.items() if want != "(none)") == len(gold["lines"])


def test_the_eval_command_prints_totals_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "eval.json"
    assert main(["eval", "--raw", str(RAW), "--gold", str(GOLD), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "line roles 1.000" in printed and "gold \\ parsed" in printed
    for page in GOLD.glob("*.json"):
        assert page.stem in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["total"]["line_roles"] == 1.0
    assert set(data["pages"]) == {p.stem for p in GOLD.glob("*.json")}
    paragraphs = data["total"]["confusion"]["paragraph"]
    assert list(paragraphs) == ["paragraph"]


def test_the_eval_command_scores_a_wrong_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A gold file that disagrees with the parse is counted as wrong, line by line and field by field."""
    raw, gold = tmp_path / "raw", tmp_path / "gold"
    raw.mkdir()
    gold.mkdir()
    (raw / "p1.txt").write_text("Harbour reopens\n\nThe harbour reopened on Tuesday after repairs, officials said.\n")
    wrong = {
        "id": "p1",
        "title": "Another headline",
        "subtitle": None,
        "published_date": "2024-03-04",
        "section": None,
        "reading_time_minutes": None,
        "authors": [],
        "credit_line": None,
        "blocks": [],
        "captions": [],
        "related_headlines": [],
        "people": [],
        "quotes": [{"text": "Never parsed", "speaker": "Jane Roe", "line": 3}],
        "lines": [
            {"line": 1, "role": "boilerplate", "text": "Harbour reopens"},
            {"line": 3, "role": "paragraph", "text": "The harbour reopened on Tuesday after repairs, officials said."},
        ],
    }
    (gold / "p1.json").write_text(json.dumps(wrong))
    assert main(["eval", "--raw", str(raw), "--gold", str(gold), "--json", "-"]) == 0
    total = json.loads(capsys.readouterr().out)["total"]
    assert total["line_roles"] == 0.5
    assert total["titles_right"] == 0
    assert (total["dates_stated"], total["dates_found"], total["dates_wrong"]) == (1, 0, 0)
    assert total["quote_recall"] == 0.0
    assert total["confusion"]["boilerplate"] == {"title": 1}


def test_the_eval_command_says_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    assert main(["eval", "--raw", str(tmp_path), "--gold", str(tmp_path / "gold")]) == 2
    (tmp_path / "gold" / "x.json").write_text("{}")
    assert main(["eval", "--raw", str(tmp_path), "--gold", str(tmp_path / "gold")]) == 2
