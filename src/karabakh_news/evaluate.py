"""Score the parser against hand-checked gold files (the seeds' format, see the README).

:func:`evaluate` parses every ``RAW/<id>.txt`` that has a ``GOLD/<id>.json`` exactly as the build
does (decode, then :func:`~karabakh_news.article.parse_article`) and counts, per page and in
total:

* **line roles**: each gold line's role against the parser's, with a confusion table;
* **body lines**: a line is body when its role is ``paragraph`` or ``heading``; precision,
  recall and F1 of the parser's body lines;
* **fields**: exact equality of each scalar or list field (title, subtitle, published_date,
  section, reading_time_minutes, authors, credit_line, captions, related_headlines, people);
  for dates also how many stated dates were found and how many the parser stated wrongly
  (a date where the gold has none, or another date);
* **quotes**: a parsed quote matches a gold quote with the same text (stripped, trailing comma
  dropped, a mark reopening a later paragraph dropped, white space collapsed); precision over
  parsed quotes (optional gold quotes count as right), recall over required gold quotes, and
  speaker accuracy over matched gold quotes (the gold speaker or one of its
  ``speaker_alternatives``; a missing speaker counts as wrong).

A page the parser rejects keeps its line roles (they are computed anyway) and scores its
fields and quotes as empty.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from karabakh_news.article import Article, classify_lines, parse_article
from karabakh_news.decode import decode
from karabakh_news.errors import InputError
from karabakh_news.schema import ROLES

BODY_ROLES = frozenset({"paragraph", "heading"})
FIELDS = (
    "title",
    "subtitle",
    "published_date",
    "section",
    "reading_time_minutes",
    "authors",
    "credit_line",
    "captions",
    "related_headlines",
    "people",
)
NO_ROLE = "(none)"  # a gold line the parser did not see as a line (it was blank to it)


@dataclass
class Score:
    """Counts for one page or for many; every ratio is derived from them."""

    lines: int = 0
    lines_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, parsed) -> lines
    body_tp: int = 0
    body_fp: int = 0
    body_fn: int = 0
    fields_right: Counter[str] = field(default_factory=Counter)
    fields_total: Counter[str] = field(default_factory=Counter)
    dates_stated: int = 0
    dates_found: int = 0
    dates_wrong: int = 0
    quotes_parsed: int = 0
    quotes_parsed_right: int = 0
    quotes_required: int = 0
    quotes_required_found: int = 0
    quotes_matched: int = 0
    speakers_right: int = 0
    pages: int = 0
    rejected: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            elif isinstance(value, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)

    def summary(self) -> dict[str, Any]:
        p = _ratio(self.body_tp, self.body_tp + self.body_fp)
        r = _ratio(self.body_tp, self.body_tp + self.body_fn)
        qp = _ratio(self.quotes_parsed_right, self.quotes_parsed)
        qr = _ratio(self.quotes_required_found, self.quotes_required)
        fields = {f: _ratio(self.fields_right[f], self.fields_total[f]) for f in FIELDS}
        return {
            "pages": self.pages,
            "lines": self.lines,
            "line_roles": _ratio(self.lines_right, self.lines),
            "body_precision": p,
            "body_recall": r,
            "body_f1": _f1(p, r),
            "fields": fields,
            "fields_mean": _ratio(sum(self.fields_right.values()), sum(self.fields_total.values())),
            "titles_right": self.fields_right["title"],
            "dates_stated": self.dates_stated,
            "dates_found": self.dates_found,
            "dates_wrong": self.dates_wrong,
            "quote_precision": qp,
            "quote_recall": qr,
            "quote_f1": _f1(qp, qr),
            "speakers": _ratio(self.speakers_right, self.quotes_matched),
            "rejected": list(self.rejected),
        }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


# A quotation that runs over paragraphs reopens each one with a fresh mark; the gold leaves those out.
_REOPENING_MARK = re.compile(r"(?<=\n\n)[\"“‘'«]")


def _norm_quote(text: str) -> str:
    return " ".join(_REOPENING_MARK.sub("", text.strip()).rstrip(",").split())


def _parsed_fields(article: Article | None) -> dict[str, Any]:
    if article is None:
        return dict.fromkeys(FIELDS)
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "published_date": article.published_date.isoformat() if article.published_date else None,
        "section": article.section,
        "reading_time_minutes": article.reading_time_minutes,
        "authors": list(article.authors),
        "credit_line": article.credit_line,
        "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
        "related_headlines": list(article.related_headlines),
        "people": list(article.people),
    }


def _gold_fields(gold: dict[str, Any]) -> dict[str, Any]:
    wanted = {f: gold.get(f) for f in FIELDS}
    wanted["captions"] = [{"text": c["text"], "credit": c["credit"]} for c in gold.get("captions", [])]
    return wanted


def _empty_is_none(value: Any) -> Any:
    return None if value == [] else value


def _score_lines(score: Score, gold: dict[str, Any], parsed_roles: dict[int, str]) -> None:
    for line in gold["lines"]:
        want, got = line["role"], parsed_roles.get(line["line"], NO_ROLE)
        score.lines += 1
        score.lines_right += want == got
        score.confusion[(want, got)] += 1
        is_body, said_body = want in BODY_ROLES, got in BODY_ROLES
        score.body_tp += is_body and said_body
        score.body_fp += said_body and not is_body
        score.body_fn += is_body and not said_body
    gold_numbers = {line["line"] for line in gold["lines"]}
    for number, role in parsed_roles.items():  # lines the gold calls blank but the parser does not
        if number not in gold_numbers:
            score.lines += 1
            score.confusion[(NO_ROLE, role)] += 1
            score.body_fp += role in BODY_ROLES


def _score_fields(score: Score, gold: dict[str, Any], article: Article | None) -> None:
    want, got = _gold_fields(gold), _parsed_fields(article)
    for name in FIELDS:
        score.fields_total[name] += 1
        score.fields_right[name] += _empty_is_none(want[name]) == _empty_is_none(got[name])
    stated, parsed = want["published_date"], got["published_date"]
    score.dates_stated += stated is not None
    score.dates_found += stated is not None and parsed == stated
    score.dates_wrong += parsed is not None and parsed != stated


def _score_quotes(score: Score, gold: dict[str, Any], article: Article | None) -> None:
    parsed = {_norm_quote(q.text): q.speaker for q in article.quotes} if article else {}
    wanted = {_norm_quote(q["text"]): q for q in gold["quotes"]}
    score.quotes_parsed += len(parsed)
    score.quotes_parsed_right += sum(text in wanted for text in parsed)
    for text, q in wanted.items():
        required = not q.get("optional")
        score.quotes_required += required
        if text not in parsed:
            continue
        score.quotes_required_found += required
        score.quotes_matched += 1
        score.speakers_right += parsed[text] in [q["speaker"], *q.get("speaker_alternatives", [])]


def score_page(text: str, gold: dict[str, Any]) -> Score:
    """How the parse of one decoded page compares with its gold."""
    score = Score(pages=1)
    article: Article | None
    try:
        article = parse_article(text, gold["id"])
        lines = article.lines
    except InputError as exc:
        article, lines = None, classify_lines(text)
        score.rejected.append(f"{gold['id']}: {exc.reason}")
    _score_lines(score, gold, {line.number: line.role for line in lines})
    _score_fields(score, gold, article)
    _score_quotes(score, gold, article)
    return score


@dataclass
class Evaluation:
    pages: dict[str, Score]
    total: Score

    def to_json(self) -> dict[str, Any]:
        return {
            "total": {**self.total.summary(), "confusion": _confusion_rows(self.total)},
            "pages": {pid: {**s.summary(), "counts": _counts(s)} for pid, s in self.pages.items()},
        }


def _counts(score: Score) -> dict[str, Any]:
    data = asdict(score)
    data["confusion"] = _confusion_rows(score)
    data["fields_right"], data["fields_total"] = dict(score.fields_right), dict(score.fields_total)
    return data


def _confusion_rows(score: Score) -> dict[str, dict[str, int]]:
    rows: dict[str, dict[str, int]] = {}
    for (want, got), n in sorted(score.confusion.items()):
        rows.setdefault(want, {})[got] = n
    return rows


def evaluate(raw_dir: Path, gold_dir: Path) -> Evaluation:
    """Score every page of ``raw_dir`` that has a gold file in ``gold_dir``.

    Raises :class:`FileNotFoundError` when a gold file has no raw page, or there is no gold file.
    """
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise FileNotFoundError(f"no gold *.json files in {gold_dir}")
    pages: dict[str, Score] = {}
    total = Score()
    for path in gold_files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold.setdefault("id", path.stem)
        raw = raw_dir / f"{path.stem}.txt"
        if not raw.is_file():
            raise FileNotFoundError(f"{path.name} has no raw page {raw}")
        score = score_page(decode(raw.read_bytes(), raw.name).text, gold)
        pages[path.stem] = score
        total.add(score)
    return Evaluation(pages, total)


# ------------------------------------------------------------------------------ text report
def _pct(x: float) -> str:
    return f"{x:.3f}"


def page_table(evaluation: Evaluation) -> list[str]:
    head = f"{'page':<28} {'lines':>5} {'roles':>6} {'bodyF1':>6} {'fields':>6} {'title':>5} {'date':>4} "
    head += f"{'qP':>5} {'qR':>5} {'spk':>5}"
    rows = [head]
    for pid, score in evaluation.pages.items():
        s = score.summary()
        date = "ok" if score.fields_right["published_date"] else "x"
        rows.append(
            f"{pid:<28} {s['lines']:>5} {_pct(s['line_roles']):>6} {_pct(s['body_f1']):>6} "
            f"{_pct(s['fields_mean']):>6} {'ok' if s['titles_right'] else 'x':>5} {date:>4} "
            f"{_pct(s['quote_precision']):>5} {_pct(s['quote_recall']):>5} {_pct(s['speakers']):>5}"
        )
    return rows


def confusion_table(score: Score) -> list[str]:
    seen = {r for pair in score.confusion for r in pair}
    roles = [r for r in (*ROLES, NO_ROLE) if r in seen]
    width = max(len(r) for r in roles) + 1
    rows = ["gold \\ parsed".ljust(width) + "".join(r[:7].rjust(8) for r in roles)]
    for want in roles:
        counts = [score.confusion.get((want, got), 0) for got in roles]
        if any(counts):
            rows.append(want.ljust(width) + "".join(str(n or ".").rjust(8) for n in counts))
    return rows


def totals_lines(score: Score) -> list[str]:
    s = score.summary()
    fields = ", ".join(f"{name} {_pct(v)}" for name, v in s["fields"].items())
    lines = [
        f"pages {s['pages']}, lines {s['lines']}, rejected {len(s['rejected'])} {s['rejected'] or ''}".rstrip(),
        f"line roles {_pct(s['line_roles'])}",
        f"body lines precision {_pct(s['body_precision'])} recall {_pct(s['body_recall'])} F1 {_pct(s['body_f1'])}",
        f"fields {_pct(s['fields_mean'])}: {fields}",
        f"titles {s['titles_right']}/{s['pages']}; dates: {s['dates_found']} of {s['dates_stated']} stated found, "
        f"{s['dates_wrong']} wrong or invented",
        f"quotes precision {_pct(s['quote_precision'])} recall {_pct(s['quote_recall'])} F1 {_pct(s['quote_f1'])}; "
        f"speakers {_pct(s['speakers'])} of {score.quotes_matched} matched",
    ]
    return lines


def report_lines(evaluation: Evaluation) -> Iterable[str]:
    yield from page_table(evaluation)
    yield ""
    yield from confusion_table(evaluation.total)
    yield ""
    yield from totals_lines(evaluation.total)
