"""People named in an article's body, and one id per person across the dataset.

A capitalised run of 2-3 words counts as a person when the page introduces it as one:
after a role noun ("spokesperson Jane Roe", "Foreign Minister Jane Roe"), before a role in
apposition ("Jane Roe, press secretary of ..."), or as the subject of a reporting verb
("Jane Roe said"). Later mentions by surname alone ("Roe said") are linked to that person.
The fullest form used in the article names the person there.

Across articles, `same_person` is the explicit rule for merging spelling variants, with
rapidfuzz doing the string similarity.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

ROLE_NOUNS = (
    "aide|spokesperson|spokeswoman|spokesman|minister|analyst|secretary|president|vice-president|official|"
    "ambassador|envoy|leader|expert|professor|director|chairman|chairwoman|chair|head|deputy|adviser|advisor|"
    "commander|lawmaker|mp|senator|premier|chancellor|governor|mayor|general|journalist|correspondent|"
    "researcher|scholar|historian|politician|diplomat|negotiator|representative|commissioner|ombudsman|"
    "prosecutor|judge|activist|ceo|founder|economist|editor|author|writer|lawyer|member|speaker|king|queen|"
    "prince|pope|patriarch|bishop|colonel|captain|lieutenant|sergeant|officer|candidate|mp|ombudswoman"
)
# Reporting verbs, as subject-verb pairs and glued run-ons ("Roedescribed") show them.
CUE_VERBS = (
    "said|says|stated|states|told|tells|added|adds|noted|notes|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|"
    "underlined|underscored|argued|argues|claimed|claims|warned|warns|asserted|asserts|insisted|insists|"
    "explained|explains|wrote|writes|tweeted|declared|announced|remarked|commented|cautioned|urged|"
    "reiterated|replied|responded|recalled|concluded|admitted|acknowledged|suggested|described|describes|"
    "called|calls|termed|dubbed|labell?ed|branded|believes|critici[sz]ed|condemned|advised|reminded"
)
_ROLE = re.compile(rf"^(?:{ROLE_NOUNS})s?$", re.I)
_TOKEN = re.compile(r"[^\W\d_][\w’'\-]*")
_POSSESSIVE = re.compile(r"[’']s?$")
_GLUED_VERB = re.compile(rf"^(?P<name>[A-Z][^\W\d_]{{2,}}?)(?P<verb>{CUE_VERBS})$")
_CUE_AFTER = re.compile(rf"^\s+(?:also\s+|further\s+|then\s+|later\s+|has\s+|had\s+)?(?:{CUE_VERBS})\b")
_APPOSITION = re.compile(rf"^,\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){{0,4}}?(?:{ROLE_NOUNS})\b", re.I)
# Words that make a capitalised run an organisation or a place, not a person.
_ORG_WORD = re.compile(
    r"^(?:ministry|group|council|agency|office|party|union|committee|commission|foundation|institute|university|"
    r"bank|company|corporation|news|times|post|today|service|department|government|parliament|assembly|court|"
    r"army|forces|organi[sz]ation|association|cent(?:er|re)|fund|network|channel|press|media|radio|tv|front|"
    r"movement|republic|federation|kingdom|states|nations|watch|agencies|world|international|house|club|"
    r"affairs|security|police|guard|airlines|summit|conference|forum|region|city|province|street|square)$",
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


class _Tokens:
    """The body's word tokens as parallel lists (text, start, end), with the capitalised ones.

    Only capitalised tokens can be names or start runs, so the rules visit those and look at
    lower-case tokens only around them.
    """

    __slots__ = ("capitals", "end", "start", "text")

    def __init__(self, body: str) -> None:
        self.text: list[str] = []
        self.start: list[int] = []
        self.end: list[int] = []
        self.capitals: list[int] = []  # indices of tokens that start with a capital letter
        # One tight loop: this runs for every word of every article.
        text, starts, ends = self.text, self.start, self.end
        for m in _TOKEN.finditer(body):
            word, start = m.group(), m.start()
            if word[-1] in "’'":  # a possessive is cut off
                word = word[:-1]
            elif word[-1] == "s" and word[-2:-1] in ("’", "'"):
                word = word[:-2]
            if word[0].isupper():
                self._add_capitalised(word, start, m.end())
            else:
                text.append(word)
                starts.append(start)
                ends.append(start + len(word))

    def _add_capitalised(self, word: str, start: int, end: int) -> None:
        """A reporting verb glued to a name ("Roedescribed") is split off."""
        glued = _GLUED_VERB.match(word) if len(word) > 6 else None
        name = glued["name"] if glued else word
        self.capitals.append(len(self.text))
        self.text.append(name)
        self.start.append(start)
        self.end.append(start + len(name))
        if glued:
            self.text.append(glued["verb"])
            self.start.append(start + len(name))
            self.end.append(end)

    def is_name_word(self, i: int) -> bool:
        word = self.text[i]
        return word[:1].isupper() and word.casefold() not in _NOT_NAMES


def _runs(tokens: _Tokens, text: str) -> list[list[int]]:
    """Indices of maximal runs of capitalised tokens separated by single spaces."""
    runs: list[list[int]] = []
    for i in tokens.capitals:
        joined = bool(runs) and runs[-1][-1] == i - 1 and text[tokens.end[i - 1] : tokens.start[i]] in (" ", "")
        if joined:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


_CONNECTOR = re.compile(r"^(?:of|for|at|from|to|the|in)$", re.I)
_CLAUSE_BREAK = re.compile(r"[.!?;:]")


def _role_just_before(tokens: _Tokens, first: int, text: str) -> str | None:
    """A role noun up to four tokens before a run, joined by "of/for/the" ("Minister of", "Spokesperson for the")."""
    for j in range(first - 1, max(first - 5, -1), -1):
        if _CLAUSE_BREAK.search(text, tokens.end[j], tokens.start[j + 1]):
            return None  # a role in the previous sentence introduces nobody here
        word = tokens.text[j]
        if _ROLE.match(word):
            return word.casefold()
        if not _CONNECTOR.match(word) and not word[:1].isupper():
            return None
    return None


def _introduced(tokens: _Tokens, run: list[int], text: str) -> tuple[list[int], str | None] | None:
    """The name part of a capitalised run, when the context introduces it as a person.

    The name is what follows the last role or organisation word of the run ("... Spokeswoman
    Jane Roe", "... Foreign Ministry Jane Roe"); a run right after "Minister of" starts with the
    place ("of Ruritania Jane Roe").
    """
    words = tokens.text
    cut = [k for k, i in enumerate(run) if _ROLE.match(words[i]) or _ORG_WORD.match(words[i])]
    roles_in_run = [words[run[k]].casefold() for k in cut if _ROLE.match(words[run[k]])]
    name = run[cut[-1] + 1 :] if cut else [i for i in run if tokens.is_name_word(i)]
    if not cut and name != run[len(run) - len(name) :]:
        return None
    role = roles_in_run[-1] if roles_in_run else _role_just_before(tokens, run[0], text)
    connector = run[0] > 0 and _CONNECTOR.match(words[run[0] - 1])
    if not cut and connector and role and len(name) >= 3:
        name = name[1:]
    if not 1 <= len(name) <= 3 or (len(name) == 1 and not roles_in_run):
        return None
    if role is not None:
        return name, role
    after = text[tokens.end[run[-1]] :]
    if len(name) >= 2 and not cut and (_APPOSITION.match(after) or _CUE_AFTER.match(after)):
        return name, None
    return None


def find_mentions(text: str) -> list[Mention]:
    """Person mentions in ``text`` (the body), in order, with the fullest form of each name."""
    tokens = _Tokens(text)
    intros: list[tuple[list[int], str | None]] = []
    for run in _runs(tokens, text):
        found = _introduced(tokens, run, text)
        if found:
            intros.append(found)
    people: dict[str, str] = {}  # surname (casefolded) -> fullest form
    roles: dict[str, str | None] = {}
    for name, role in intros:
        full = " ".join(tokens.text[i] for i in name)
        key = tokens.text[name[-1]].casefold()
        if len(full) > len(people.get(key, "")):
            people[key] = full
        roles[key] = roles.get(key) or role
    mentions = []
    for idx in tokens.capitals if people else ():
        key = tokens.text[idx].casefold()
        if key in people:
            first = _full_name_start(tokens, idx, people[key])
            mentions.append(Mention(people[key], first, tokens.end[idx], roles[key]))
    return mentions


def _full_name_start(tokens: _Tokens, idx: int, full: str) -> int:
    """Start of the full name when the tokens up to ``idx`` spell it out, else of token ``idx``."""
    n = len(full.split())
    if idx >= n - 1 and " ".join(tokens.text[idx - n + 1 : idx + 1]) == full:
        return tokens.start[idx - n + 1]
    return tokens.start[idx]


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
    sa, sb = ta[-1], tb[-1]
    if sa + "a" == sb or sb + "a" == sa:
        return False
    return JaroWinkler.normalized_similarity(sa, sb) >= SURNAME_JARO_WINKLER and fuzz.ratio(sa, sb) >= SURNAME_RATIO


def assign_ids(names: Iterable[str]) -> dict[str, str]:
    """One stable id per person: names that :func:`same_person` links share an id.

    Names are grouped by their given names first, so only plausible pairs are compared.
    The id hashes the cluster's representative (its longest, then alphabetically first name).
    """
    unique = sorted(set(names))
    parent = {n: n for n in unique}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    groups: dict[tuple[str, ...], list[str]] = {}
    for name in unique:
        groups.setdefault(tuple(_fold(name)[:-1]), []).append(name)
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if same_person(a, b):
                    parent[root(a)] = root(b)
    clusters: dict[str, list[str]] = {}
    for name in unique:
        clusters.setdefault(root(name), []).append(name)
    ids = {}
    for members in clusters.values():
        representative = sorted(members, key=lambda n: (-len(n), n))[0]
        pid = "p_" + hashlib.sha256(" ".join(_fold(representative)).encode()).hexdigest()[:12]
        ids.update(dict.fromkeys(members, pid))
    return ids
