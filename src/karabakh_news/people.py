"""People named in an article's body, and one id per person across the dataset.

A capitalised run of 2-3 words counts as a person when the page introduces it as one:
after a role noun, rank or honorific ("spokesperson Jane Roe", "Foreign Minister Jane Roe",
"Sen. Jane Roe", "Lance Corporal Jane Roe", "Her Honour Jane Roe"), after a family word or a
trade in lower case ("the mother, Jane Roe", "geologist Jane Roe"), before a role in apposition
("Jane Roe, press secretary of ...", "Jane Roe, an electrician"), before "who" or "whose"
("Jane Roe, who ..."; not after "from", "at" or "in", where the run is a place), as the subject
of a reporting verb ("Jane Roe said", "Jane Roe (D-Wash.) said", "…, Jane Roe, said", "Jane
Roe, who leads it, said") or after one ("…,” says Jane Roe", "according to Jane Roe"). A
surname alone as the subject of a reporting verb ("Roe said") names the one run of name words
that ends with it elsewhere in the body. Later mentions by surname alone are linked to that
person; people sharing a surname stay apart by their given names ("Jane Roe" and "John Roe"),
and a lone surname then names the one it last named (a surname given as an initial, "Jane R",
links nothing); initials keep their full stop ("S. Roe"). The fullest form used in the article names
the person there.

Across articles, `same_person` is the explicit rule for merging spelling variants, with
rapidfuzz doing the string similarity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from karabakh_news.patterns import FUNCTION_WORDS

ROLE_NOUNS = (
    "aide|spokesperson|spokeswoman|spokesman|minister|analyst|secretary|president|vice-president|official|"
    "ambassador|envoy|leader|expert|professor|director|chairman|chairwoman|chair|head|deputy|adviser|advisor|"
    "commander|lawmaker|mp|senator|premier|chancellor|governor|mayor|general|journalist|correspondent|"
    "researcher|scholar|historian|politician|diplomat|negotiator|representative|commissioner|ombudsman|"
    "prosecutor|judge|activist|ceo|founder|economist|editor|author|writer|lawyer|member|speaker|king|queen|"
    "prince|pope|patriarch|bishop|colonel|captain|lieutenant|sergeant|officer|candidate|mp|ombudswoman|"
    "executive|manager|receptionist|resident|commandant|pm|coach|player|captain|scientist|doctor|"
    "archaeologist|curator|inspector|superintendent|constable|chief|owner|student|teacher|witness|survivor|"
    "farmer|worker|nurse|physician|paleontologist|engineer|architect|consultant|strategist|columnist|"
    "administrator|coordinator|supervisor|chancellor|magistrate|attorney|counsel|solicitor|barrister|"
    "sen|rep|gov|dr|prof|mr|mrs|ms|sgt|insp|supt|cllr|chair|master|fisherman|fishermen|pilot|driver|"
    "corporal|honour|honor|detective|trooper|marshal|admiral|brigadier|reverend|rabbi|imam|colleague|"
    "mechanic|trader|businessman|businesswoman|entrepreneur|footballer|striker|midfielder|defender|"
    "goalkeeper|singer|actor|actress|pastor|priest|soldier|accountant|banker|neighbou?r|friend"
)
# Words that introduce a person only in lower case ("his father Jane Roe", "palaeontologist Jane
# Roe", "the accused, Jane Roe, an electrician"): capitalised, they begin names ("Son", "Baptist").
LOWER_ROLE_NOUNS = (
    "mother|father|son|daughter|wife|husband|brother|sister|widow|widower|grandmother|grandfather|uncle|"
    "aunt|cousin|nephew|niece|fianc[eé]e?|girlfriend|boyfriend|partner|"
    "[a-z]+(?:ologist|ographer|ician)|[a-z]{4,}ist"
)
# Reporting verbs, as subject-verb pairs and glued run-ons ("Roedescribed") show them.
CUE_VERBS = (
    "said|says|say|stated|states|told|tells|added|adds|noted|notes|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|"
    "underlined|underscored|argued|argues|claimed|claims|warned|warns|asserted|asserts|insisted|insists|"
    "explained|explains|wrote|writes|tweeted|declared|announced|remarked|commented|cautioned|urged|"
    "reiterated|replied|responded|recalled|concluded|admitted|acknowledged|suggested|described|describes|"
    "called|calls|termed|dubbed|labell?ed|branded|believes|critici[sz]ed|condemned|advised|reminded|"
    "highlighted|pointed\\s+out|observed|revealed|disclosed|confirmed|accused|accuses|criticises|criticizes|"
    "told\\s+reporters|continued|explained|answered|joked|predicted|estimated|conceded|agreed|wrote|posted"
)
_ROLE = re.compile(rf"^(?:{ROLE_NOUNS})s?$", re.I)
_LOWER_ROLE = re.compile(rf"^(?:{LOWER_ROLE_NOUNS})s?$")
_GLUED_VERB = re.compile(rf"^(?P<name>[A-Z][^\W\d_]{{2,}}?)(?P<verb>{CUE_VERBS})$")
# Every reporting verb ends in two plain letters (a test checks), so a word that ends in none of
# those pairs has no verb glued on: it skips the pattern, whose lazy name tries every split.
GLUED_VERB_ENDINGS = tuple(sorted({verb[-2:] for verb in CUE_VERBS.split("|")}))
# Used with .match(text, pos), so no "^" (it would pin them to the start of the text).
_CUE_AFTER = re.compile(
    rf"(?:\s+\([^()]{{1,30}}\))?\s+(?:also\s+|further\s+|then\s+|later\s+|has\s+|had\s+)?(?:{CUE_VERBS})\b"
)
_CUE_AFTER_CLAUSE = re.compile(rf",[^,.!?;:]{{1,80}},\s+(?:{CUE_VERBS})\b")  # "Jane Roe, who leads it, said"
_CUE_AFTER_COMMA = re.compile(rf",\s+(?:{CUE_VERBS})\b")  # "…, Jane Roe, said": a name set off by commas
_COMMA_BEFORE = re.compile(r",\s*$")
_APPOSITION = re.compile(
    rf",\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){{0,4}}?(?:(?i:{ROLE_NOUNS})|{LOWER_ROLE_NOUNS})\b"
)
_WHO_AFTER = re.compile(r",\s+(?:who|whose)\b")  # "Jane Roe, who ...": organisations take "which"
_PLACE_BEFORE = re.compile(r"^(?:from|at|in|into|near|o)$")  # "a pupil from Hill School, who ...": the pupil
# Words that make a capitalised run an organisation or a place, not a person.
_ORG_WORD = re.compile(
    r"^(?:ministry|group|council|agency|office|party|union|committee|commission|foundation|institute|university|"
    r"bank|company|corporation|news|times|post|today|service|department|government|parliament|assembly|court|"
    r"army|forces|organi[sz]ation|association|cent(?:er|re)|fund|network|channel|press|media|radio|tv|front|"
    r"movement|republic|federation|kingdom|states|nations|watch|agencies|world|international|house|club|"
    r"affairs|security|police|guard|airlines|summit|conference|forum|region|city|province|street|square|"
    r"hotel|survey|museum|hospital|school|college|county|district|centre|station|airport|lab|laboratory|"
    r"authority|board|bureau|office|team|society|trust|alliance|coalition|caucus|program|programme|project|area)$",
    re.I,
)
# Capitalised words that start sentences or titles but are never part of a name.
_NOT_NAME_WORDS = """
the a an in on at of for and but or as by to from with this that these those he she it they we i his
her former acting deputy russian azerbaijani armenian foreign press presidential political prime
chief senior state federal national international general executive vice first second new old north
south east west monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december american british french german italian
spanish turkish iranian chinese japanese korean indian ukrainian georgian european israeli palestinian
syrian iraqi egyptian saudi pakistani afghan polish dutch swedish canadian australian belarusian
kazakh uzbek turkmen kyrgyz tajik arab kurdish western eastern
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


@dataclass(frozen=True, slots=True)
class Mention:
    """A stand-off mention of a person in the body: ``body[start:end]`` names ``person``."""

    person: str  # the fullest form of the name in this article
    start: int
    end: int
    role: str | None = None  # the role noun that introduced the person, if any


# A word token starts at the first letter of a run of word characters, apostrophes and hyphens and
# runs to its end. Names start with a capital letter, and most words do not, so the rules find the
# capitalised tokens with one scan and read lower-case words only where they look back from a name.
_WORD_CHARS = r"\w’'\-"
_TOKEN = re.compile(rf"[^\W\d_][{_WORD_CHARS}]*")


CASED_LETTERS_END = 0x20000  # planes 2 and above hold no upper-case letters (a test checks)
BMP_END = 0x10000


def _upper_letters(first: int, end: int) -> str:
    """Every character in ``first..end-1`` that can start a token and is upper case (``str.isupper``),
    as a class body of ranges (a class of 1,800 single characters made the scan five times slower)."""
    letter = re.compile(r"[^\W\d_]")
    ranges: list[list[int]] = []
    for c in range(first, end):
        if chr(c).isupper() and letter.match(chr(c)):
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


# A token may start with digits, underscores, apostrophes or hyphens before its first letter ("3D",
# "-Smith"): a capital starts a token when the run of those before it follows no word character.
# The scan starts with the capital's class, so the regex engine skips to candidates in a tight loop
# (a look-behind first would cost a full match attempt at every character); the rare capital after
# a word character is then checked by :func:`_starts_token`. The engine tests a class's characters
# above the BMP one range at a time, at every character (a scan six times slower), so the class
# with the astral capitals (Deseret, mathematical letters) is used only for a text that has any
# astral character.
_UPPER_BMP = _upper_letters(0, BMP_END)
_CAPITALISED_WORD = re.compile(rf"[{_UPPER_BMP}][{_WORD_CHARS}]*")
_CAPITALISED_WORD_ASTRAL = re.compile(rf"[{_UPPER_BMP}{_upper_letters(BMP_END, CASED_LETTERS_END)}][{_WORD_CHARS}]*")
_LETTER = re.compile(r"[^\W\d_]")
_WORD_CHAR = re.compile(rf"[{_WORD_CHARS}]")
_LEAD = re.compile(r"[\d_’'\-]")  # what may come before a token's first letter
LOOK_BACK = 4  # tokens before a name that may hold its role ("Minister of the ...")


def _has_astral(text: str) -> bool:
    """Whether ``text`` holds a character above the BMP: UTF-16 spends four bytes on exactly those
    (``max(text)`` walks the string as Python objects, about 40 times slower for a page)."""
    return not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _without_possessive(word: str) -> str:
    if word[-1] in "’'":
        return word[:-1]
    if word[-1] == "s" and word[-2:-1] in ("’", "'"):
        return word[:-2]
    return word


def _split_glued(word: str) -> tuple[str, str | None]:
    """A reporting verb glued to a name ("Roedescribed") is split off."""
    glued = _GLUED_VERB.match(word) if len(word) > 6 and word.endswith(GLUED_VERB_ENDINGS) else None
    return (glued["name"], glued["verb"]) if glued else (word, None)


def _starts_token(body: str, at: int) -> bool:
    """Whether the capital at ``at`` starts a token: the run of lead characters before it (digits,
    "_", apostrophes, hyphens) follows no word character."""
    lead = at
    while lead and _LEAD.match(body, lead - 1):
        lead -= 1
    return lead == 0 or not _WORD_CHAR.match(body, lead - 1)


class _Capitals:
    """The body's capitalised tokens as parallel lists, and their runs of two or more.

    A run is capitalised tokens separated by single spaces; a lone capitalised word never
    introduces a person (see :func:`_introduced`), so only longer runs are kept.
    """

    __slots__ = ("body", "end", "glued", "runs", "start", "stretch_end", "text")

    def __init__(self, body: str) -> None:
        self.body = body
        self.text: list[str] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.stretch_end: list[int] = []  # where the token's run of word characters ends
        self.glued: list[bool] = []  # a reporting verb was split off the token
        self.runs: list[list[int]] = []
        run: list[int] = []
        previous_end = -2
        text, starts, ends, stretch_end, glued = self.text, self.start, self.end, self.stretch_end, self.glued
        # One tight loop (helpers called only when needed): it runs for every capitalised word.
        k = -1
        scan = _CAPITALISED_WORD_ASTRAL if _has_astral(body) else _CAPITALISED_WORD
        for m in scan.finditer(body):
            start, word = m.start(), m.group()
            if start and _WORD_CHAR.match(body, start - 1) and not _starts_token(body, start):
                continue
            k += 1
            if word[-1] in "’'s":
                word = _without_possessive(word)
            verb = None
            if len(word) > 6:
                word, verb = _split_glued(word)
            after_initial = previous_end == start - 2 and body[previous_end:start] == ". " and len(text[-1]) == 1
            if (previous_end == start - 1 and body[previous_end] == " ") or after_initial:  # "S. Roe" runs on
                run.append(k)
            else:
                if len(run) > 1:
                    self.runs.append(run)
                run = [k]
            previous_end = start + len(word)
            text.append(word)
            starts.append(start)
            ends.append(previous_end)
            stretch_end.append(m.end())
            glued.append(verb is not None)
        if len(run) > 1:
            self.runs.append(run)

    def spell_out(self, first: int, last: int) -> str | None:
        """Capitals ``first..last`` joined by spaces, when no other token lies between them."""
        for k in range(first + 1, last + 1):
            if self.glued[k - 1] or _LETTER.search(self.body, self.stretch_end[k - 1], self.start[k]):
                return None
        return self.name(first, last)

    def name(self, first: int, last: int) -> str:
        """Tokens ``first..last`` joined by spaces, an initial with its full stop ("S. Roe")."""
        words = self.text[first : last + 1]
        spelled = [
            w + "." if len(w) == 1 and self.body.startswith(".", self.end[first + i]) else w
            for i, w in enumerate(words)
        ]
        return " ".join(spelled[:-1] + words[-1:])


def _tokens_before(body: str, pos: int, n: int) -> list[tuple[str, int, int]]:
    """The last ``n`` word tokens (text, start, end) ending before ``pos``, as a full scan reads them."""
    window = 30 * n
    while True:
        w = max(pos - window, 0)
        tokens: list[tuple[str, int, int]] = []
        for m in _TOKEN.finditer(body, w, pos):
            word = _without_possessive(m.group())
            if word[0].isupper():
                name, verb = _split_glued(word)
                tokens.append((name, m.start(), m.start() + len(name)))
                if verb is not None:
                    tokens.append((verb, m.start() + len(name), m.end()))
            else:
                tokens.append((word, m.start(), m.start() + len(word)))
        if w > 0 and _WORD_CHAR.match(body, w - 1):
            tokens = tokens[1:]  # the scan began inside a run of word characters: its first token may be cut
        if len(tokens) >= n or w == 0:
            return tokens[-n:]
        window *= 4


_CONNECTOR = re.compile(r"^(?:of|for|at|from|to|the|in)$", re.I)
_CLAUSE_BREAK = re.compile(r"[.!?;:]")


def _role_just_before(before: list[tuple[str, int, int]], first_start: int, text: str) -> str | None:
    """A role noun up to four tokens before a run, joined by "of/for/the" ("Minister of", "Spokesperson for the")."""
    following = first_start
    for word, start, end in reversed(before):
        abbreviated = len(word) <= 4 and text.startswith(".", end) and _ROLE.match(word) is not None  # "Sen. Roe"
        if _CLAUSE_BREAK.search(text, end + int(abbreviated), following):
            return None  # a role in the previous sentence introduces nobody here
        if _ROLE.match(word) or _LOWER_ROLE.match(word):
            return word.casefold()
        if not _CONNECTOR.match(word) and not word[:1].isupper():
            return None
        following = start
    return None


def _is_name_word(word: str) -> bool:
    return word.casefold() not in _NOT_NAMES


def _introduced(capitals: _Capitals, run: list[int], text: str) -> tuple[list[int], str | None] | None:
    """The name part of a capitalised run, when the context introduces it as a person.

    The name is what follows the last role or organisation word of the run ("... Spokeswoman
    Jane Roe", "... Foreign Ministry Jane Roe"); a run right after "Minister of" starts with the
    place ("of Ruritania Jane Roe").
    """
    words = capitals.text
    cut = [k for k, i in enumerate(run) if _ROLE.match(words[i]) or _ORG_WORD.match(words[i])]
    roles_in_run = [words[run[k]].casefold() for k in cut if _ROLE.match(words[run[k]])]
    name = run[cut[-1] + 1 :] if cut else [i for i in run if _is_name_word(words[i])]
    if not cut and name != run[len(run) - len(name) :]:
        return None
    if not roles_in_run and not 2 <= len(name) <= 4:
        return None  # too short or long for the test below, whatever precedes it: lone words never pass
    before = _tokens_before(text, capitals.start[run[0]], LOOK_BACK) if not roles_in_run else []
    role = roles_in_run[-1] if roles_in_run else _role_just_before(before, capitals.start[run[0]], text)
    connector = bool(before) and _CONNECTOR.match(before[-1][0])
    if not cut and connector and role and len(name) >= 3:
        name = name[1:]
    if not 1 <= len(name) <= 3 or (len(name) == 1 and not roles_in_run):
        return None
    if role is not None:
        return name, role
    after = capitals.end[run[-1]]
    if (
        len(name) >= 2
        and not cut
        and (
            _APPOSITION.match(text, after)
            or _CUE_AFTER.match(text, after)
            or _CUE_AFTER_CLAUSE.match(text, after)
            or (_WHO_AFTER.match(text, after) and not (before and _PLACE_BEFORE.match(before[-1][0])))
        )
    ):
        return name, None
    first = capitals.start[run[0]]
    if len(name) >= 2 and not cut and _CUE_AFTER_COMMA.match(text, after) and _COMMA_BEFORE.search(text, 0, first):
        return name, None
    if len(name) >= 2 and name == run and _after_inverted_cue(before):
        return name, None  # "…,” says Jane Roe", "according to Jane Roe"
    return None


_INVERTED_CUE = re.compile(r"^(?:said|says|added|adds|asked|explained|wrote|continued|noted|stated)$", re.I)


def _after_inverted_cue(before: list[tuple[str, int, int]]) -> bool:
    if not before:
        return False
    if _INVERTED_CUE.match(before[-1][0]):
        return True
    return len(before) >= 2 and before[-2][0].casefold() == "according" and before[-1][0].casefold() == "to"


def find_mentions(text: str) -> list[Mention]:
    """Person mentions in ``text`` (the body), in order, with the fullest form of each name."""
    capitals = _Capitals(text)
    intros: list[tuple[list[int], str | None]] = []
    for run in capitals.runs:
        found = _introduced(capitals, run, text)
        if found:
            intros.append(found)
    intros += _named_by_surname(capitals, text, {capitals.text[name[-1]].casefold() for name, _ in intros})
    people = _people_by_surname(capitals, intros)
    mentions = []
    last_named: dict[str, str] = {}  # surname -> the person it last named: a lone surname means them
    for idx in range(len(capitals.text)) if people else ():
        key = capitals.text[idx].casefold()
        if len(key) == 1:
            key = _initial_surname_key(capitals, idx, people)
        if key in people:
            full, role = _person_at(capitals, idx, people[key], last_named.get(key, ""))
            last_named[key] = _given_key(full)
            first = _full_name_start(capitals, idx, full)
            mentions.append(Mention(full, first, capitals.end[idx], role))
    return mentions


def _person_at(
    capitals: _Capitals, idx: int, forms: dict[str, tuple[str, str | None]], last: str
) -> tuple[str, str | None]:
    """Which of the people sharing the surname at ``idx`` it names: the one whose name the tokens
    up to it spell, or whose given name comes right before it, else the one it last named."""
    if len(forms) == 1:
        return next(iter(forms.values()))
    for full, role in forms.values():
        n = full.count(" ") + 1
        if n > 1 and idx >= n - 1 and capitals.spell_out(idx - n + 1, idx) == full:
            return full, role
    given = capitals.text[idx - 1].casefold() if idx and capitals.spell_out(idx - 1, idx) else ""
    return forms.get(given) or forms.get(last) or next(iter(forms.values()))


def _given_key(full: str) -> str:
    return full.split()[0].casefold() if " " in full else ""


def _people_by_surname(
    capitals: _Capitals, intros: list[tuple[list[int], str | None]]
) -> dict[str, dict[str, tuple[str, str | None]]]:
    """surname -> first given name -> (fullest form, role): "Jane Roe" and "John Roe" are two
    people, "Jane Roe" and "Jane Ann Roe" one. A surname introduced alone ("Mr. Roe") is the one
    person of that surname with a given name, if there is exactly one."""
    people: dict[str, dict[str, tuple[str, str | None]]] = {}
    for name, role in intros:
        full = capitals.name(name[0], name[-1])
        forms = people.setdefault(_surname_key(capitals.text[name[-1]], full), {})
        given = _given_key(full)
        known, known_role = forms.get(given, ("", None))
        forms[given] = (full if len(full) > len(known) else known, known_role or role)
    for forms in people.values():
        if "" in forms and len(forms) > 1:
            alone = forms.pop("")
            if len(forms) == 1:
                ((given, (full, role)),) = forms.items()
                forms[given] = (full, role or alone[1])
    return people


def _surname_key(surname: str, full: str) -> str:
    """Mentions of one person share the surname; a surname given as an initial ("Jane R", as
    pages shield the names of private people) is no surname: the full name is the key."""
    return full.casefold() if len(surname) == 1 else surname.casefold()


def _initial_surname_key(capitals: _Capitals, idx: int, people: Container[str]) -> str:
    """The key of the full name ending with the initial at ``idx``, if the tokens before spell one."""
    for n in (2, 3):
        spelled = capitals.spell_out(idx - n + 1, idx) if idx >= n - 1 else None
        if spelled and spelled.casefold() in people:
            return spelled.casefold()
    return ""


def _named_by_surname(capitals: _Capitals, text: str, known: set[str]) -> list[tuple[list[int], str | None]]:
    """A surname standing alone as the subject of a reporting verb ("Roe said") names the person
    whose full name, a run of two or three name words, ends with it elsewhere in the body ("Jane
    Roe and John Doe met"), when exactly one such name does."""
    in_runs = {k for run in capitals.runs for k in run}
    subjects = {
        capitals.text[k].casefold()
        for k in range(len(capitals.text))
        if k not in in_runs and capitals.text[k].casefold() not in known and _CUE_AFTER.match(text, capitals.end[k])
    }
    found: dict[str, set[str]] = {}
    first: dict[str, list[int]] = {}
    for run in capitals.runs if subjects else ():
        key = capitals.text[run[-1]].casefold()
        words = [capitals.text[i] for i in run]
        if key in subjects and len(run) <= 3 and all(_is_plain_name_word(w) for w in words):
            found.setdefault(key, set()).add(capitals.name(run[0], run[-1]))
            first.setdefault(key, run)
    return [(first[key], None) for key, names in found.items() if len(names) == 1]


def _is_plain_name_word(word: str) -> bool:
    folded = word.casefold()
    return (
        folded not in _NOT_NAMES
        and folded not in FUNCTION_WORDS
        and not _ORG_WORD.match(word)
        and not _ROLE.match(word)
    )


def _full_name_start(capitals: _Capitals, idx: int, full: str) -> int:
    """Start of the full name when the capitalised tokens up to ``idx`` spell it out, else of token ``idx``."""
    n = len(full.split())
    first = idx - n + 1
    if first >= 0 and capitals.spell_out(first, idx) == full:
        return capitals.start[first]
    return capitals.start[idx]


def people_in_order(mentions: Iterable[Mention]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.person for m in mentions))


# ------------------------------------------------------------- one id per person, dataset-wide
SURNAME_JARO_WINKLER = 0.9
SURNAME_RATIO = 80.0


def _fold(name: str) -> list[str]:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ascii_name.casefold().replace("-", " ").split()


def same_person(a: str, b: str) -> bool:
    """The rule: two names are one person when they have the same given names and their
    surnames are spelling variants (Jaro-Winkler >= 0.9 and ratio >= 80, e.g. "Mammadzadeh" and
    "Mammadzada"), but not a masculine/feminine pair ("Aliyev"/"Aliyeva"). Single-word names
    (organisations, unknown given name) merge only when equal after case and accent folding.
    """
    ta, tb = _fold(a), _fold(b)
    if ta == tb:
        return True
    if len(ta) < 2 or len(ta) != len(tb) or ta[:-1] != tb[:-1]:
        return False
    return _similar_surnames(ta[-1], tb[-1])


def _similar_surnames(a: str, b: str) -> bool:
    """The surname half of :func:`same_person`, on folded surnames."""
    if a + "a" == b or b + "a" == a:
        return False
    return JaroWinkler.normalized_similarity(a, b) >= SURNAME_JARO_WINKLER and fuzz.ratio(a, b) >= SURNAME_RATIO


# Below this many surnames a block is compared pair by pair in Python; above it rapidfuzz's cdist
# finds the pairs with ratio >= SURNAME_RATIO (necessary for a merge) in C, a slab of rows at a time.
PAIRWISE_BLOCK = 48
CDIST_CELLS = 4_000_000


def _surname_pairs(surnames: list[str]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of ``surnames`` that :func:`_similar_surnames` links."""
    if len(surnames) <= PAIRWISE_BLOCK:
        for i, a in enumerate(surnames):
            for j in range(i + 1, len(surnames)):
                if _similar_surnames(a, surnames[j]):
                    yield i, j
        return
    rows = max(1, CDIST_CELLS // len(surnames))
    for lo in range(0, len(surnames), rows):
        # Rows lo.. against columns lo..: each pair once, in slabs of at most CDIST_CELLS bytes.
        scores = process.cdist(
            surnames[lo : lo + rows],
            surnames[lo:],
            scorer=fuzz.ratio,
            score_cutoff=SURNAME_RATIO,
            dtype=np.uint8,
            workers=-1,  # rapidfuzz's own threads, on every core
        )
        for r, c in zip(*np.nonzero(scores), strict=True):
            i, j = lo + int(r), lo + int(c)
            if i < j and _similar_surnames(surnames[i], surnames[j]):
                yield i, j


def assign_ids(names: Iterable[str]) -> dict[str, str]:
    """One stable id per person: names that :func:`same_person` links share an id.

    Never a comparison of every pair: names with the same folded form are one person at once;
    a merge needs the same given names, so only surnames inside one given-name block are
    compared, and large blocks by rapidfuzz's vectorised ``cdist`` with the ratio cutoff (a
    single-word name merges only with its own folded form, so it is never compared at all).
    The id hashes the cluster's representative (its longest, then alphabetically first name).
    """
    unique = sorted(set(names))
    parent = {n: n for n in unique}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    forms = {name: tuple(_fold(name)) for name in unique}
    by_form: dict[tuple[str, ...], str] = {}  # folded form -> its first name
    blocks: dict[tuple[str, ...], dict[str, str]] = {}  # given names -> folded surname -> a name
    for name in unique:
        form = forms[name]
        if form in by_form:
            parent[root(name)] = root(by_form[form])
            continue
        by_form[form] = name
        if len(form) >= 2:
            blocks.setdefault(form[:-1], {})[form[-1]] = name
    for block in blocks.values():
        surnames = list(block)
        for i, j in _surname_pairs(surnames):
            parent[root(block[surnames[i]])] = root(block[surnames[j]])
    clusters: dict[str, list[str]] = {}
    for name in unique:
        clusters.setdefault(root(name), []).append(name)
    ids = {}
    for members in clusters.values():
        representative = min(members, key=lambda n: (-len(n), n))
        pid = "p_" + hashlib.sha256(" ".join(forms[representative]).encode()).hexdigest()[:12]
        ids.update(dict.fromkeys(members, pid))
    return ids
