"""Direct quotations in body paragraphs and who said them (pure; stand-off spans into the body).

1. **Marks.** Curly, straight and mixed double pairs (“...") are paired left to right: a
   straight mark opens before a word after a space, and closes otherwise. A paragraph with no
   double marks is read for single-mark quotations ('...' and ‘...’), which close only right
   after punctuation, so apostrophes ("forces' presence", "let's") never end one. A quotation
   still open at the end of a paragraph runs on into the next ones (which may reopen with a
   fresh mark) until it closes; one that never closes, or runs into a heading, is dropped; a
   single mark left open at the end of its paragraph is dropped there.
   Headings are not searched.
2. **Attribution**, in this order: after the quote in its sentence ("…,” he said", "…,” said
   the ministry's spokeswoman Jane Roe", "…,” the Foreign Ministry stressed", "…,” according
   to …", "“…”, in the words of the minister, Jane Roe", "“…” – Jane Roe", and the last person
   named before the first reporting verb after it: "…,” club legend Jane Roe said", "…,” a
   Jane Roe, receptionist at the hotel, told the agency"); before it ("Roe stated that “…", "as
   he called it “…", "According to Jane Roe, “…", an organisation named from the sentence's
   start, "The Weather Office website states that: “…"); "the statement read, “…" belongs to
   whom the statement was issued by ("a statement by the spokesman, Jane Roe", "The Harbour
   Board on Monday released a statement"); a participle
   ("…, stating “…") belongs to a "the <Name> report/statement" just before it, else to the
   sentence's subject; a quote after a colon in its own sentence belongs to that sentence's
   person subject. A quote that opens a paragraph belongs to the subject of the paragraph
   ending in a colon that introduces it (over headings and other wholly quoted paragraphs), to
   the person a heading right above it names alone (an interview's "Jane Roe, economist"), or
   to the person whose words the paragraph before it reports ("Roe said it was a duty."). A
   quote with no attribution that goes on in the paragraph of an attributed one, with nobody
   else named between, is the same speaker's.
3. **Resolution.** "He"/"she" resolve within their own sentence to the person who is the
   subject of a reporting verb, else to the last person named before them; failing that, to
   the nearest earlier sentence naming a person: its reporting-verb subject, else the first
   person it names, looking back over at most two paragraphs that name nobody. Role nouns
   ("the spokesperson") resolve to the last person introduced with that role, or else whose
   title spells the description ("the deputy PM" for "Deputy Prime Minister Jane Roe"); a role nobody
   had yet is followed by the name it introduces ("The minister's spokesman, Jane Roe, said").
   Names resolve to the fullest form of that person in the article; an organisation is kept as
   named. Mentions inside quotations never count. What cannot be resolved stays null: a wrong
   speaker is worse than none.
4. **Fragments** (under four words) count when a naming verb introduces them ("described
   the remarks as “…”", "called it “…”"), or when their sentence reports someone's words and
   names who ("Roe said the talks had “really stalled”", "according to Roe, it was “over”"),
   unless they follow an article or "so-called" ("never a “grey zone”": a term) or every word
   is capitalised (a name); other short quoted terms are scare quotes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from karabakh_news.patterns import name_line_authors
from karabakh_news.people import CUE_VERBS, ROLE_NOUNS, Mention

OPENING, CLOSING, STRAIGHT = "“„«", "”»", '"'
SINGLE_OPENING, SINGLE_CLOSING, SINGLE_STRAIGHT = "‘", "’", "'"
MAX_QUOTE_BLOCKS = 4
FRAGMENT_WORDS = 4
PRONOUN_LOOKBACK_SENTENCES = 4
PRONOUN_LOOKBACK_PARAGRAPHS = 3  # past the nearest sentences, "he" reaches back over two paragraphs naming nobody
AFTER_QUOTE_WINDOW = 160  # characters after a quote within which its attribution stands
INVERTED_NAME_WINDOW = 100  # characters after "said" within which a long-titled name may stand

_DOUBLE_MARK = re.compile(f"[{OPENING}{CLOSING}{STRAIGHT}]")
_SINGLE_MARK = re.compile(f"[{SINGLE_OPENING}{SINGLE_CLOSING}{SINGLE_STRAIGHT}]")  # each reader sees its own marks
_MASK = "\x00"  # stands in for quoted text, so attribution never reads inside a quote
_PRONOUN = r"(?i:he|she)"
_NAME = r"(?:The\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3}"
_ROLE_NP = rf"(?i:the\s+(?:[\w-]+\s+){{0,3}}?(?:{ROLE_NOUNS}))"
_ORG_NP = rf"the\s+{_NAME}"  # "the Azerbaijani Foreign Ministry"
_WHO = rf"(?P<who>{_PRONOUN}|{_ROLE_NP}|{_ORG_NP}|{_NAME})"
_CUE = rf"(?P<cue>according\s+to|(?:{CUE_VERBS}|saying|stating|adding|noting|warning|stressing|calling|describing|"
_CUE += r"arguing|claiming|insisting|emphasi[sz]ing|cautioning|urging)(?:\s+against|\s+that)?)\b"
_LEAD = r"^[\s,.;:!?—–\-\x00]*"
_AFTER_WHO_CUE = re.compile(rf"{_LEAD}{_WHO}\s+(?:(?:also|further|then|later|again)\s+)?{_CUE}")
_INVERTED_CUE = r"(?P<cue>said|says|added|stated|told|wrote|asked|continued)"
_AFTER_CUE_WHO = re.compile(rf"{_LEAD}{_INVERTED_CUE}\s+{_WHO}")
_AFTER_CUE = re.compile(rf"{_LEAD}{_INVERTED_CUE}\s")  # "…,” said harbour master Jane Roe"
_AFTER_DASH = re.compile(rf"^\s*[—–-]\s*(?P<who>{_NAME})(?:,|\s*$)")  # "“…” – Jane Roe, union leader"
_IN_THE_WORDS_OF = re.compile(rf"{_LEAD}(?:in\s+the\s+words\s+of)\b", re.I)  # "…”, in the words of the minister, Roe"
_AFTER_ACCORDING = re.compile(rf"{_LEAD}(?P<cue>according\s+to)\s+{_WHO}")
_CUE_MATCH = re.compile(rf"(?i:{_CUE})")
_CUE_AFTER_MENTION = re.compile(  # used with .match(text, pos): no "^", which would pin it to 0
    rf"(?:\s+\([^()]{{1,30}}\))?"  # a party or place tag: "Jane Roe (D-Wash.) said"
    rf"(?:\s+(?:(?:also|further|then|later|again|has|had|have)\s+)?|,[^,.!?{_MASK}]{{1,80}},\s+)(?i:{_CUE})"
)
_GAP = re.compile(r"(?:\s+\([^()]{1,30}\))?(?:\s+(?:(?:also|further|then|later|again|has|had|have|once)\s+)?)?$")
_WHO_BEFORE = re.compile(rf"{_WHO}\s+(?:(?:also|further|then|later|again|has|had|have|once)\s+)?$")
_LEADING_WHO = re.compile(rf"^\s*(?:[A-Z][\w’']*(?:\s+[\w’']+){{0,5}},\s+)?(?P<who>{_PRONOUN}|{_ROLE_NP})\b")
_DOCUMENT = re.compile(
    rf"\b(?:the|a|an)\s+(?P<who>{_NAME})\s+(?:report|statement|article|story|interview|post|publication|"
    r"broadcast|release|letter|bulletin|agency|outlet)s?\W*$"
)
_NAMING_CUE = re.compile(
    r"(?i:called|calls|calling|termed|terms|dubbed|describ(?:ed|es|ing)|labell?ed|branded|referred\s+to|"
    r"named)\b(?:\s+[\w’'\-]+){0,4}?\s+(?:as\s+)?(?:(?:a|an|the|it|them|this|that)\s+)?$"
)
# A full stop before white space or the end, or a blank line. Written to start with one character
# class, so that the engine skips to candidates in a tight loop instead of trying both branches at
# every character: the same matches as r"[.!?](?=\s|$)|\n\n".
# An initial or a title's abbreviation ("S. Roe", "Mr. Roe", "Sen. Roe") ends no sentence.
_SENTENCE_END = re.compile(
    r"[.!?\n](?:(?<=\n)\n|(?<!\n)(?<![\s.][A-Z]\.)(?<![\s.](?:Mr|Ms|Dr|St)\.)(?<!\s(?:Mrs|Sen|Rep|Gov|Gen)\.)(?=\s|$))"
)
# An organisation as the subject of a reporting verb, named from the sentence's start.
_ORG_SUBJECT = re.compile(
    r"^\s*(?:The\s+)?(?P<org>[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|on|[A-Z][\w’'&.-]*)){0,6}?)"
    r"(?:\s+(?:website|statement|report|account|office|spokesperson|spokesman|spokeswoman))?\s*,?\s*$"
)
_NOT_SUBJECTS = frozenset(
    {"It", "This", "That", "These", "Those", "They", "There", "But", "And", "In", "On", "At", "As"}
)
_STATEMENT_BY = re.compile(r"\bstatement\s+(?:(?:issued|signed|released)\s+)?by\b", re.I)
_STATEMENT_ISSUED = re.compile(
    rf"(?P<who>{_NAME})\s+(?:(?:on|late\s+on|early\s+on)\s+[A-Z]\w+\s+)?(?:released|issued|published|put\s+out)"
    r"\s+a\s+statement\b"
)
_STATEMENT_READS = re.compile(r"\b[Tt]he\s+statement\s+(?:read|reads|said|says|added|stated)\s*[,:]?\s*$")
_ROLE_WORD = re.compile(rf"^(?:{ROLE_NOUNS})$", re.I)
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


class _Block(NamedTuple):  # a tuple: built for every block of every article
    kind: str
    text: str
    start: int


# ------------------------------------------------------------------------------ marks
def _double_mark(text: str, i: int) -> str | None:
    ch = text[i]
    if ch in OPENING:
        return "open"
    if ch in CLOSING:
        return "close"
    if ch == STRAIGHT:
        after_space = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-/"
        before_word = i + 1 < len(text) and not text[i + 1].isspace()
        return "open" if after_space and before_word else "close"
    return None


def _single_mark(text: str, i: int) -> str | None:
    ch = text[i]
    if ch in SINGLE_OPENING + SINGLE_STRAIGHT and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–-"):
        return "open" if i + 1 < len(text) and text[i + 1].isalnum() else None
    if ch in SINGLE_CLOSING + SINGLE_STRAIGHT and i > 0 and text[i - 1] in ".,!?;:…":
        return "close" if i + 1 == len(text) or not text[i + 1].isalnum() else None
    return None


def _spans(blocks: Sequence[_Block]) -> list[_Span]:
    spans: list[_Span] = []
    open_at: tuple[int, int] | None = None  # (body offset, block index)
    reader, marks = _double_mark, _DOUBLE_MARK
    for b, block in enumerate(blocks):
        if block.kind != "paragraph" or (open_at is not None and b - open_at[1] >= MAX_QUOTE_BLOCKS):
            open_at = None  # a quotation does not run into a heading, nor on for ever
        if block.kind != "paragraph":
            continue
        if open_at is None:
            has_double = _DOUBLE_MARK.search(block.text) is not None
            reader, marks = (_double_mark, _DOUBLE_MARK) if has_double else (_single_mark, _SINGLE_MARK)
        for mark in marks.finditer(block.text):
            i = mark.start()
            kind = reader(block.text, i)
            if kind == "open":
                if not (open_at is not None and open_at[1] != b and i == 0):  # a run-on may reopen
                    open_at = (block.start + i, b)
            elif kind == "close" and open_at is not None:
                spans.append(_Span(open_at[0], block.start + i, open_at[1], b))
                open_at = None
        if reader is _single_mark:
            open_at = None  # single marks open nicknames and terms too: they never run on
    return spans


# ------------------------------------------------------------------------------ resolution
class _Context:
    """The body with quotations masked, its sentences, and the people named outside quotes."""

    def __init__(self, body: str, spans: Sequence[_Span], mentions: Sequence[Mention]) -> None:
        pieces, done = [], 0  # spans come in order and never overlap
        for s in spans:
            pieces += [body[done : s.open_at], _MASK * (s.close_at + 1 - s.open_at)]
            done = s.close_at + 1
        self.masked = "".join([*pieces, body[done:]])
        self.sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.masked)]
        self.paragraph_starts = [0] + [m.end() for m in re.finditer("\n\n", body)]
        self.mentions = [m for m in mentions if self.masked[m.start] != _MASK]
        self.mention_starts = [m.start for m in self.mentions]
        self.by_sentence: dict[int, list[tuple[Mention, bool]]] = {}
        for m in self.mentions:
            cue_subject = bool(_CUE_AFTER_MENTION.match(self.masked, m.end))
            self.by_sentence.setdefault(self.sentence_of(m.start), []).append((m, cue_subject))
        self.by_surname = {m.person.split()[-1].casefold(): m.person for m in mentions}
        self.ending_at = {m.end: m.person for m in self.mentions}

    def paragraph_of(self, at: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, at) - 1

    def sentence_of(self, at: int) -> int:
        return bisect.bisect_right(self.sentence_starts, at) - 1

    def sentence_bounds(self, at_start: int, at_end: int) -> tuple[int, int]:
        start = self.sentence_starts[self.sentence_of(at_start)]
        nxt = self.sentence_of(at_end) + 1
        end = self.sentence_starts[nxt] if nxt < len(self.sentence_starts) else len(self.masked)
        return start, end

    def _in_sentence(self, k: int, before: int) -> list[tuple[Mention, bool]]:
        return [(m, cue) for m, cue in self.by_sentence.get(k, []) if m.end <= before]

    def pronoun(self, at: int) -> str | None:
        here = self.sentence_of(at)
        same = self._in_sentence(here, at)
        if same:
            subjects = [m for m, cue in same if cue]
            return (subjects or [m for m, _ in same])[-1].person
        for k in range(here - 1, -1, -1):
            if (
                here - k > PRONOUN_LOOKBACK_SENTENCES
                and self.paragraph_of(at) - self.paragraph_of(self.sentence_starts[k]) > PRONOUN_LOOKBACK_PARAGRAPHS
            ):
                break  # further back only across a paragraph that names nobody
            named = self._in_sentence(k, len(self.masked))
            subjects = [m for m, cue in named if cue]
            if subjects:
                return subjects[-1].person
            if self._unknown_speaker_in(k):
                return None  # "Roe said he and Minister Jane Doe…": "he" is Roe, whom we cannot name
            if named:
                return named[0][0].person
        return None

    def _unknown_speaker_in(self, k: int) -> bool:
        """A reporting verb in sentence ``k`` whose subject is not a person we know."""
        lo = self.sentence_starts[k]
        hi = self.sentence_starts[k + 1] if k + 1 < len(self.sentence_starts) else len(self.masked)
        for cue in _CUE_MATCH.finditer(self.masked, lo, hi):
            gap = _GAP.search(self.masked, lo, cue.start())
            end = gap.start() if gap else cue.start()
            if end not in self.ending_at and re.search(r"[A-Z][\w’'-]*$", self.masked[lo:end]):
                return True
        return False

    def role(self, role: str, at: int, described: Sequence[str] = ()) -> str | None:
        """The last person introduced with ``role``; failing that, the last one whose title before
        the name spells every word of ``described`` ("the deputy PM" for "Deputy Prime Minister
        Jane Roe": words, or initials of capitalised words)."""
        earlier = [m for m in self.mentions if m.end <= at and m.role is not None and m.role.rstrip("s") == role]
        if earlier or not described:
            return earlier[-1].person if earlier else None
        titled = [m for m in self.mentions if m.end <= at and m.role is not None]
        return next(
            (
                m.person
                for m in reversed(titled)
                if _title_spells(self.masked[max(m.start - TITLE_WINDOW, 0) : m.start], described)
            ),
            None,
        )

    def resolve(self, who: str, at: int) -> str | None:
        words = who.split()
        if len(words) == 1 and re.fullmatch(_PRONOUN, who):
            return self.pronoun(at)
        if (words[0].casefold() == "the" and re.fullmatch(_ROLE_NP, who)) or _ROLE_WORD.match(who):
            return self.role(words[-1].casefold().rstrip("s"), at, words[1:] if len(words) > 2 else ())
        words = words[1:] if words[0].casefold() == "the" else words
        return self.by_surname.get(words[-1].casefold(), " ".join(words)) if words else None

    def starts_word(self, at: int) -> bool:
        """A verb at ``at`` stands on its own ("so-called" is no verb), or is glued to a name ("Roedescribed")."""
        before = self.masked[at - 1] if at > 0 else " "
        return not (before.isalnum() or before == "-") or at in self.ending_at

    def first_person_between(self, lo: int, hi: int) -> str | None:
        i = bisect.bisect_left(self.mention_starts, lo)
        if i < len(self.mentions) and self.mentions[i].end <= hi:
            return self.mentions[i].person
        return None

    def is_person(self, name: str | None) -> bool:
        return name is not None and name.split()[-1].casefold() in self.by_surname


# ------------------------------------------------------------------------------ attribution
def _norm_cue(cue: str) -> str:
    return " ".join(cue.split()).casefold()


def _cues(ctx: _Context, lo: int, hi: int) -> list[re.Match[str]]:
    """Reporting verbs in ``masked[lo:hi]``; one glued to a name ("Roedescribed") counts too."""
    return [m for m in _CUE_MATCH.finditer(ctx.masked, lo, hi) if ctx.starts_word(m.start())]


def _subject(ctx: _Context, start: int, limit: int) -> str | None:
    """The subject of the sentence at ``start``: a pronoun, a role noun or a person named early."""
    if (m := _LEADING_WHO.match(ctx.masked[start:limit])) and (
        (who := ctx.resolve(m["who"], start + m.start("who"))) is not None or re.fullmatch(_PRONOUN, m["who"])
    ):
        return who
    # "The minister's spokesman, Jane Roe, said": a role nobody had yet, then the name.
    return ctx.first_person_between(start, min(limit, start + SUBJECT_WINDOW))


def _after(ctx: _Context, hi: int, end: int) -> tuple[str | None, str | None] | None:
    after = ctx.masked[hi:end]
    if m := _AFTER_CUE_WHO.match(after):
        named = ctx.first_person_between(hi + m.end("cue"), min(end, hi + m.end("cue") + INVERTED_NAME_WINDOW))
        return named or ctx.resolve(m["who"], hi + m.start("who")), _norm_cue(m["cue"])
    if m := _AFTER_DASH.match(after):
        return ctx.resolve(m["who"], hi + m.start("who")), None
    if (m := _IN_THE_WORDS_OF.match(after)) and (named := ctx.first_person_between(hi + m.end(), end)):
        return named, "in the words of"
    for pattern in (_AFTER_WHO_CUE, _AFTER_ACCORDING):
        if m := pattern.match(after):
            return ctx.resolve(m["who"], hi + m.start("who")), _norm_cue(m["cue"])
    if (m := _AFTER_CUE.match(after)) and (
        named := ctx.first_person_between(hi + m.end("cue"), min(end, hi + m.end("cue") + INVERTED_NAME_WINDOW))
    ):
        return named, _norm_cue(m["cue"])
    return _named_before_cue(ctx, hi, min(end, hi + AFTER_QUOTE_WINDOW))


def _named_before_cue(ctx: _Context, hi: int, end: int) -> tuple[str | None, str] | None:
    """ "…,” club legend Jane Roe said", "…,” a Jane Roe, receptionist at the hotel, told the
    agency": the last person named between the quote and the first reporting verb after it."""
    cues = _cues(ctx, hi, end)
    if not cues or _MASK in ctx.masked[hi : cues[0].start()]:
        return None
    named = [m for m in ctx.mentions if hi <= m.start and m.end <= cues[0].start()]
    return (named[-1].person, _norm_cue(cues[0]["cue"])) if named else None


def _before(ctx: _Context, start: int, lo: int) -> tuple[str | None, str] | None:
    cues = _cues(ctx, start, lo)
    if not cues:
        return None
    cue = cues[-1]
    cue_text = _norm_cue(cue["cue"])
    before_cue = ctx.masked[start : cue.start()]
    if cue_text == "according to":  # "According to Jane Roe, “…”"
        return ctx.first_person_between(cue.end(), lo), cue_text
    if cue_text.split()[0].endswith("ing"):
        return _participle_speaker(ctx, start, before_cue), cue_text
    gap = _GAP.search(before_cue)
    if gap is not None and start + gap.start() in ctx.ending_at:
        return ctx.ending_at[start + gap.start()], cue_text
    if m := _WHO_BEFORE.search(before_cue):
        return ctx.resolve(m["who"], start + m.start("who")), cue_text
    subject = _subject(ctx, start, cue.start())
    if subject is None and (org := _ORG_SUBJECT.match(before_cue)) and org["org"].split()[0] not in _NOT_SUBJECTS:
        subject = org["org"]  # "The Bureau of Meteorology website states that: “…”"
    return subject, cue_text


TITLE_WINDOW = 100  # characters before a name within which its title stands


def _title_spells(title: str, described: Sequence[str]) -> bool:
    """Whether every word of a role description appears in ``title`` as a word or as the
    initials of consecutive capitalised words ("PM" in "Prime Minister")."""
    title = title[max(title.rfind("."), title.rfind("\n"), title.rfind(_MASK)) + 1 :]
    words = re.findall(r"[\w’'-]+", title)
    folded = {w.casefold() for w in words}
    capitals = "".join(w[0] for w in words if w[:1].isupper())
    return all(w.casefold() in folded or (w.isupper() and len(w) > 1 and w in capitals) for w in described)


def _statement_author(ctx: _Context, at: int) -> str | None:
    """Who issued "the statement" quoted at ``at``, named earlier in the article: the person
    after "a statement by" ("a statement by the spokesman, Jane Roe, …"), or the subject that
    released one ("The Harbour Board on Monday released a statement …"), whichever came last."""
    found, where = None, -1
    for m in _STATEMENT_BY.finditer(ctx.masked, 0, at):
        if person := ctx.first_person_between(m.end(), m.end() + INVERTED_NAME_WINDOW):
            found, where = person, m.start()
    for m in _STATEMENT_ISSUED.finditer(ctx.masked, 0, at):
        if m.start() > where and m["who"].split()[0] not in _NOT_SUBJECTS:
            found, where = ctx.resolve(m["who"], m.start("who")), m.start()
    return found


def _participle_speaker(ctx: _Context, start: int, before_cue: str) -> str | None:
    """A participle ("…, stating") belongs to a document named before a comma, else the subject."""
    for comma in reversed([i for i, ch in enumerate(before_cue) if ch == ","]):
        if m := _DOCUMENT.search(before_cue[:comma]):
            return ctx.resolve(m["who"], start + m.start("who"))
    return _subject(ctx, start, start + len(before_cue))


def _intro_speaker(ctx: _Context, prev: _Block, *, reporting: bool = False) -> tuple[str | None, str | None]:
    """Speaker and cue of the last sentence of ``prev``, the paragraph before a quoted one: the
    sentence ending in a colon that introduces it, or (``reporting``) one that reports a person's
    words ("Jane Roe said it was a duty."), which needs a reporting verb and gives nothing without."""
    end = prev.start + len(prev.text)
    start, _ = ctx.sentence_bounds(end - 1, end - 1)
    cues = _cues(ctx, start, end)
    if reporting and not cues:
        return None, None
    speaker = _subject(ctx, start, cues[0].start() if cues else end)
    cue = _norm_cue(cues[0]["cue"]) if cues else None
    if ctx.is_person(speaker):
        return speaker, cue
    return None, (None if reporting else cue)


def _attribute(ctx: _Context, span: _Span, blocks: Sequence[_Block]) -> tuple[str | None, str | None]:
    start, end = ctx.sentence_bounds(span.open_at, span.close_at)
    found = _after(ctx, span.close_at + 1, end) or _before(ctx, start, span.open_at)
    if found is not None:
        return found
    lead_in = ctx.masked[start : span.open_at]
    if _STATEMENT_READS.search(lead_in):
        return _statement_author(ctx, start), "statement"
    if lead_in.rstrip().endswith(":"):  # "…, threatening her with the words: “…”"
        subject = _subject(ctx, start, span.open_at)
        return (subject, None) if ctx.is_person(subject) else (None, None)
    opening = blocks[span.open_block]
    if span.open_at == opening.start and span.open_block > 0:
        intro = _introducing_paragraph(ctx, blocks, span.open_block)
        if intro is not None:
            return _intro_speaker(ctx, intro)
        prev = blocks[span.open_block - 1]
        if prev.kind == "heading":
            return _named_in_heading(ctx, prev), None
        if prev.kind == "paragraph" and _MASK not in ctx.masked[prev.start : prev.start + len(prev.text)]:
            return _intro_speaker(ctx, prev, reporting=True)
    return None, None


def _named_in_heading(ctx: _Context, heading: _Block) -> str | None:
    """An interview layout: the heading right above a quoted paragraph names its speaker alone
    ("Jane Roe, economist")."""
    names = name_line_authors(heading.text.split(",")[0].split(" - ")[0])
    if names is None or len(names) != 1:
        return None
    return ctx.resolve(names[0], heading.start)


def _introducing_paragraph(ctx: _Context, blocks: Sequence[_Block], b: int) -> _Block | None:
    """The paragraph ending in a colon that introduces the quoted paragraph ``b``, over headings
    and other wholly quoted paragraphs between them ("Excerpts from Jane Roe's remarks:")."""
    for prev in reversed(blocks[:b]):
        if prev.kind == "paragraph" and prev.text.rstrip().endswith(":"):
            return prev
        if prev.kind == "paragraph" and ctx.masked[prev.start] != _MASK:
            return None
    return None


def _named_by_a_verb(ctx: _Context, lo: int, hi: int) -> bool:
    """A naming verb ("described … as", "called") right before a short quote; "so-called" is not one."""
    m = _NAMING_CUE.search(ctx.masked, lo, hi)
    return m is not None and ctx.starts_word(m.start())


_TERM_BEFORE = re.compile(r"\b(?:a|an|the|so-called)\s*$", re.I)  # "never a “grey zone”": a term, not words said


def _reported_in_its_sentence(ctx: _Context, span: _Span, text: str) -> bool:
    """Whether a short quote is words reported in its sentence ("Roe said that the plan had
    “failed”", "according to Roe, it was “really over”"): a reporting verb outside the quotes,
    and the quote is neither a noun phrase after an article ("a “grey zone”"), which names a term,
    nor a title-cased name ("the “Patriotic War”")."""
    if _TERM_BEFORE.search(ctx.masked, max(span.open_at - 12, 0), span.open_at):
        return False
    if all(word[:1].isupper() for word in text.split()):
        return False
    start, end = ctx.sentence_bounds(span.open_at, span.close_at)
    return _CUE_MATCH.search(ctx.masked, start, end) is not None


def find_quotes(blocks: Sequence[tuple[str, str, int]], body: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Quotes in the body; ``blocks`` are (kind, text, char_start) in order."""
    items = [_Block(*block) for block in blocks]
    spans = _spans(items)
    ctx = _Context(body, spans, mentions)
    quotes: list[Quote] = []
    for s in spans:
        text = body[s.open_at + 1 : s.close_at]
        if not re.search(r"[^\W\d_]", text):
            continue
        fragment = len(text.split()) < FRAGMENT_WORDS
        line_start = items[s.open_block].start
        named = not fragment or _named_by_a_verb(ctx, line_start, s.open_at)
        if not named and not _reported_in_its_sentence(ctx, s, text):
            continue  # a scare quote or a quoted term, not someone's words
        speaker, cue = _attribute(ctx, s, items)
        if not named and speaker is None:
            continue  # a short term in a reported sentence, but nobody's words that we can tell
        if speaker is None and cue is None and quotes and _continues(ctx, quotes[-1], s):
            speaker = quotes[-1].speaker
        quotes.append(Quote(text, s.open_at + 1, s.close_at, s.open_block, speaker, cue, fragment))
    return quotes


def _continues(ctx: _Context, previous: Quote, span: _Span) -> bool:
    """A quotation that goes on in the same paragraph after an attributed one ("“A,” Roe said.
    “B.”"), with nobody else named between them."""
    if previous.speaker is None or previous.block_index != span.open_block:
        return False
    named = {m.person for m in ctx.mentions if previous.char_end < m.start and m.end <= span.open_at}
    return named <= {previous.speaker}
