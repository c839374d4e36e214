"""Direct quotations in body paragraphs and who said them (pure; stand-off spans into the body).

1. **Marks.** Curly, straight and mixed pairs (“...") are paired left to right; a straight mark
   opens after a space or bracket and closes otherwise. A quotation still open at the end of a
   paragraph runs on into the next paragraphs (which may open with a fresh mark) until it
   closes; one that never closes, or runs into a heading, is dropped. Headings are not searched.
2. **Attribution**, in this order: after the quote in its sentence ("…,” he said", "…,” said
   Jane Roe", "…,” according to …"); before it ("Roe stated that “…", "as he called it “…");
   a participle ("…, stating “…") belongs to a "the <Name> report/statement" just before it, else
   to the sentence's subject; a quote that opens a paragraph after one ending in a colon
   belongs to that sentence's subject.
3. **Resolution.** Pronouns ("he", "she") and role nouns ("the spokesperson") resolve to the
   most recent person named before them outside quotations; names resolve to the fullest form
   of that person in the article. What cannot be resolved stays null: a wrong speaker is worse
   than none.
4. **Fragments** (under four words) count only when a naming verb introduces them ("described
   the remarks as “…”", "called it “…”"); other short quoted terms are scare quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from karabakh_news.people import CUE_VERBS, ROLE_NOUNS, Mention

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
MAX_QUOTE_BLOCKS = 4
FRAGMENT_WORDS = 4

_MASK = "\x00"  # stands in for quoted text, so attribution never reads inside a quote
_PRONOUN = r"(?i:he|she|they)"
_NAME = r"(?:The\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3}"
_ROLE_NP = rf"(?i:the\s+(?:[\w-]+\s+){{0,3}}?(?:{ROLE_NOUNS}))"
_WHO = rf"(?P<who>{_PRONOUN}|{_ROLE_NP}|{_NAME})"
_CUE = rf"(?P<cue>according\s+to|(?:{CUE_VERBS}|saying|stating|adding|noting|warning|stressing|calling|describing|"
_CUE += r"arguing|claiming|insisting|emphasi[sz]ing|cautioning|urging)(?:\s+against|\s+that)?)\b"
_LEAD = r"^[\s,.;:!?—–\-\x00]*"
_AFTER_WHO_CUE = re.compile(rf"{_LEAD}{_WHO}\s+(?:(?:also|further|then|later|again)\s+)?{_CUE}")
_AFTER_CUE_WHO = re.compile(rf"{_LEAD}(?P<cue>said|says|added|stated|told|wrote|asked|continued)\s+{_WHO}")
_AFTER_ACCORDING = re.compile(rf"{_LEAD}(?P<cue>according\s+to)\s+{_WHO}")
_CUE_MATCH = re.compile(rf"(?i:{_CUE})")
_GAP = re.compile(r"(?:\s+(?:(?:also|further|then|later|again|has|had|have|once)\s+)?)?$")
_WHO_BEFORE = re.compile(rf"{_WHO}\s+(?:(?:also|further|then|later|again|has|had|have|once)\s+)?$")
_LEADING_WHO = re.compile(rf"^\s*(?:[A-Z][\w’']*(?:\s+[\w’']+){{0,5}},\s+)?(?P<who>{_PRONOUN}|{_ROLE_NP})\b")
_DOCUMENT = re.compile(
    rf"\b(?:the|a|an)\s+(?P<who>{_NAME})\s+(?:report|statement|article|story|interview|post|publication|"
    r"broadcast|release|letter|bulletin|agency|outlet)s?\W*$"
)
_NAMING_CUE = re.compile(
    r"(?<![\w-])(?i:called|calls|calling|termed|terms|dubbed|describ(?:ed|es|ing)|labell?ed|branded|referred\s+to|named)"
    r"\b(?:\s+[\w’'\-]+){0,4}?\s+(?:as\s+)?(?:(?:a|an|the|it|them|this|that)\s+)?$"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
SUBJECT_WINDOW = 60  # characters from the sentence start within which its subject is named


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    char_start: int  # offsets into the article body: body[char_start:char_end] == text
    char_end: int
    block_index: int
    speaker: str | None
    cue: str | None
    is_fragment: bool


@dataclass(frozen=True, slots=True)
class _Span:
    open_at: int  # body offset of the opening mark
    close_at: int  # body offset of the closing mark
    open_block: int
    close_block: int


@dataclass(frozen=True)
class _Block:
    kind: str
    text: str
    start: int


def _mark_kind(text: str, i: int) -> str | None:
    ch = text[i]
    if ch in OPENING:
        return "open"
    if ch in CLOSING:
        return "close"
    if ch == STRAIGHT:
        return "open" if i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-/" else "close"
    return None


def _spans(blocks: Sequence[_Block]) -> list[_Span]:
    spans: list[_Span] = []
    open_at: tuple[int, int] | None = None  # (body offset, block index)
    for b, block in enumerate(blocks):
        if block.kind != "paragraph" or (open_at is not None and b - open_at[1] >= MAX_QUOTE_BLOCKS):
            open_at = None  # a quotation does not run into a heading, nor on for ever
        if block.kind != "paragraph":
            continue
        for i in range(len(block.text)):
            kind = _mark_kind(block.text, i)
            if kind == "open":
                continued = open_at is not None and open_at[1] != b and i == 0
                if not continued:  # a quotation running on may reopen each paragraph
                    open_at = (block.start + i, b)
            elif kind == "close" and open_at is not None:
                spans.append(_Span(open_at[0], block.start + i, open_at[1], b))
                open_at = None
    return spans


def _masked(block: _Block, spans: Sequence[_Span]) -> str:
    chars = list(block.text)
    for s in spans:
        lo, hi = max(s.open_at, block.start), min(s.close_at + 1, block.start + len(block.text))
        for i in range(lo - block.start, hi - block.start):
            chars[i] = _MASK
    return "".join(chars)


def _sentence_bounds(masked: str, lo: int, hi: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(masked, 0, lo)]
    end = _SENTENCE_END.search(masked, hi)
    return (starts[-1] if starts else 0), (end.start() + 1 if end else len(masked))


class _Resolver:
    """Turns a "who" (pronoun, role noun phrase or name) into the article's name for it."""

    def __init__(self, mentions: Sequence[Mention], spans: Sequence[_Span]) -> None:
        inside = [(s.open_at, s.close_at) for s in spans]
        self.mentions = [m for m in mentions if not any(a <= m.start <= b for a, b in inside)]
        self.by_surname = {m.person.split()[-1].casefold(): m.person for m in mentions}
        self.ending_at = {m.end: m.person for m in self.mentions}

    def __call__(self, who: str, at: int) -> str | None:
        words = who.split()
        if len(words) == 1 and words[0].casefold() in ("he", "she", "they"):
            earlier = [m for m in self.mentions if m.end <= at]
            return earlier[-1].person if earlier else None
        if words[0].casefold() == "the" and re.fullmatch(_ROLE_NP, who):
            role = words[-1].casefold()
            earlier = [m for m in self.mentions if m.end <= at and m.role == role]
            return earlier[-1].person if earlier else None
        words = words[1:] if words[0] == "The" else words
        return self.by_surname.get(words[-1].casefold(), " ".join(words)) if words else None

    def first_person_between(self, lo: int, hi: int) -> str | None:
        return next((m.person for m in self.mentions if lo <= m.start and m.end <= hi), None)


def _cues(text: str, offset: int, resolve: _Resolver) -> list[re.Match[str]]:
    """Reporting verbs in ``text``; one glued to a name ("Roedescribed") counts too."""
    return [
        m
        for m in _CUE_MATCH.finditer(text)
        if m.start() == 0 or not text[m.start() - 1].isalnum() or offset + m.start() in resolve.ending_at
    ]


def _who_before(before_cue: str, offset: int, resolve: _Resolver) -> str | bool | None:
    """The speaker right before a cue: a named person, a pronoun, a role noun or a name."""
    gap = _GAP.search(before_cue)
    if gap is not None and offset + gap.start() in resolve.ending_at:
        return resolve.ending_at[offset + gap.start()]
    if m := _WHO_BEFORE.search(before_cue):
        return resolve(m["who"], offset + m.start("who"))
    return False


def _subject(sentence: str, offset: int, limit: int, resolve: _Resolver) -> str | None:
    """The sentence's subject, when it is a pronoun, a role noun or a person named near its start."""
    if m := _LEADING_WHO.match(sentence):
        return resolve(m["who"], offset + m.start("who"))
    return resolve.first_person_between(offset, offset + min(limit, SUBJECT_WINDOW))


def _attribute(masked: str, lo: int, hi: int, offset: int, resolve: _Resolver) -> tuple[str | None, str | None, bool]:
    """(speaker, cue, found) for the quote masked at [lo, hi) of one block's masked text."""
    start, end = _sentence_bounds(masked, lo, hi)
    after = masked[hi:end]
    for pattern in (_AFTER_WHO_CUE, _AFTER_CUE_WHO, _AFTER_ACCORDING):
        if m := pattern.match(after):
            return resolve(m["who"], offset + hi + m.start("who")), _norm_cue(m["cue"]), True
    before = masked[start:lo]
    cues = _cues(before, offset + start, resolve)
    if not cues:
        return None, None, False
    cue = cues[-1]
    cue_text = _norm_cue(cue["cue"])
    before_cue = before[: cue.start()]
    if cue_text.split()[0].endswith("ing"):
        return _participle_speaker(before_cue, offset + start, resolve), cue_text, True
    who = _who_before(before_cue, offset + start, resolve)
    if who is not False:
        return who, cue_text, True  # type: ignore[return-value]
    return _subject(before, offset + start, cue.start(), resolve), cue_text, True


def _participle_speaker(before_cue: str, offset: int, resolve: _Resolver) -> str | None:
    """A participle ("…, stating") belongs to a document named before a comma, else the subject."""
    commas = [i for i, ch in enumerate(before_cue) if ch == ","]
    for comma in reversed(commas):
        if m := _DOCUMENT.search(before_cue[:comma]):
            return resolve(m["who"], offset + m.start("who"))
    return _subject(before_cue, offset, len(before_cue), resolve)


def _norm_cue(cue: str) -> str:
    return " ".join(cue.split()).casefold()


def _colon_intro(prev: _Block, spans: Sequence[_Span], resolve: _Resolver) -> tuple[str | None, str | None]:
    """Speaker and cue of the sentence ending in a colon that introduces a quoted paragraph."""
    masked = _masked(prev, spans)
    start, _ = _sentence_bounds(masked, len(masked) - 1, len(masked) - 1)
    sentence = masked[start:]
    cues = _cues(sentence, prev.start + start, resolve)
    limit = cues[0].start() if cues else len(sentence)
    speaker = _subject(sentence, prev.start + start, limit, resolve)
    return speaker, (_norm_cue(cues[0]["cue"]) if cues else None)


def find_quotes(blocks: Sequence[tuple[str, str, int]], body: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Quotes in the body; ``blocks`` are (kind, text, char_start) in order."""
    items = [_Block(kind, text, start) for kind, text, start in blocks]
    spans = _spans(items)
    resolve = _Resolver(mentions, spans)
    quotes = []
    for s in spans:
        text = body[s.open_at + 1 : s.close_at]
        if not re.search(r"[^\W\d_]", text):
            continue
        block, opening = items[s.close_block], items[s.open_block]
        lo = s.open_at - block.start if s.open_block == s.close_block else 0
        speaker, cue, found = _attribute(_masked(block, spans), lo, s.close_at + 1 - block.start, block.start, resolve)
        if not found and s.open_at == opening.start and s.open_block > 0:
            prev = items[s.open_block - 1]
            if prev.kind == "paragraph" and prev.text.rstrip().endswith(":"):
                speaker, cue = _colon_intro(prev, spans, resolve)
        fragment = len(text.split()) < FRAGMENT_WORDS
        if fragment and not _NAMING_CUE.search(_masked(opening, spans)[: s.open_at - opening.start]):
            continue  # a scare quote or a quoted term, not someone's words
        quotes.append(Quote(text, s.open_at + 1, s.close_at, s.open_block, speaker, cue, fragment))
    return quotes
