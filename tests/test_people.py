"""People: who counts as a person, fullest forms, and the dataset-wide id rule."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_news.people import assign_ids, find_mentions, people_in_order, same_person
from karabakh_news.schema import SPLITS


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Aykhan Hajizadeh", "Aykhan Hajizada"),
        ("Maria Zakharova", "Maria Zaharova"),
        ("Nikol Pashinyan", "Nikol Pashinian"),
        ("Ilham Aliyev", "İlham Aliyev"),
        ("RIA Novosti", "RIA Novosti"),
        ("Sergey Lavrov", "sergey lavrov"),
    ],
)
def test_spelling_variants_are_one_person(a: str, b: str) -> None:
    assert same_person(a, b) and same_person(b, a)
    assert len(set(assign_ids([a, b]).values())) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ilham Aliyev", "Mehriban Aliyeva"),  # different given names
        ("Ilham Aliyev", "Ilham Aliyeva"),  # a masculine/feminine surname pair
        ("Elkhan Shahinoglu", "Elkhan Shahin"),  # a different surname, though it shares a prefix
        ("John Smith", "Jane Smith"),
        ("Tom Bell", "Tom Bellamy"),
        ("Kim", "Kimm"),  # one-word names merge only when equal
        ("Maria Zakharova", "Zakharova"),  # a surname alone is linked within an article, not across
    ],
)
def test_distinct_people_never_share_an_id(a: str, b: str) -> None:
    assert not same_person(a, b)
    assert len(set(assign_ids([a, b]).values())) == 2


def test_ids_are_stable_and_order_independent() -> None:
    names = ["Aykhan Hajizada", "Maria Zakharova", "Aykhan Hajizadeh"]
    assert assign_ids(names) == assign_ids(list(reversed(names)))
    assert all(pid.startswith("p_") and len(pid) == 14 for pid in assign_ids(names).values())


def test_who_counts_as_a_person() -> None:
    body = (
        "Foreign Minister Jane Roe met Human Rights Watch officials in Geneva.\n\n"
        "John Smith, a senior analyst at the institute, said the talks went well.\n\n"
        "The Kremlin said nothing. Roe later spoke to the Russia Today channel.\n\n"
        "Former Prime Minister Ana Lopezdescribed the plan as weak."
    )
    mentions = find_mentions(body)
    assert people_in_order(mentions) == ("Jane Roe", "John Smith", "Ana Lopez")
    for m in mentions:
        assert body[m.start : m.end] in (m.person, m.person.split()[-1])


@pytest.mark.parametrize(
    ("body", "people"),
    [
        (
            "Her Honour Ada Quist granted bail. Lance Corporal Bram Oyelaran reported it.",
            ("Ada Quist", "Bram Oyelaran"),
        ),
        ("Records kept by volcanologist Ilse Varga show it.", ("Ilse Varga",)),
        ("The accused, Oskar Fenn, an electrician, was held.", ("Oskar Fenn",)),
        ("The father, Jonas K, denies this. The mother, Petra K, said nothing.", ("Jonas K", "Petra K")),
        ("The ferry ran late for Tomas Brandt, whose car was aboard.", ("Tomas Brandt",)),
        ("A choir from Upper Mill Creek, who sang first, won.", ()),
        ("Son Min-jae said the club would wait.", ("Son Min-jae",)),
    ],
)
def test_introductions_by_rank_family_trade_and_relative_clause(body: str, people: tuple[str, ...]) -> None:
    """Ranks and honorifics in the name's run; lower-case family words and trades before it or in
    apposition; "Name, who/whose"; a surname given as an initial keys on the full name (two people
    "Jonas K" and "Petra K" stay two); a capitalised family word is a name ("Son")."""
    assert people_in_order(find_mentions(body)) == people


def test_two_people_sharing_a_surname_stay_two() -> None:
    """A lone surname names the person it last named; a full name always names its own person."""
    body = "The president, Alma Vidal, met the former leader Nora Vidal. Vidal said nothing. Alma Vidal left."
    mentions = find_mentions(body)
    assert people_in_order(mentions) == ("Alma Vidal", "Nora Vidal")
    assert [(body[m.start : m.end], m.person) for m in mentions] == [
        ("Alma Vidal", "Alma Vidal"),
        ("Nora Vidal", "Nora Vidal"),
        ("Vidal", "Nora Vidal"),
        ("Alma Vidal", "Alma Vidal"),
    ]


def test_built_dataset_shares_ids_across_articles(built: Path) -> None:
    ids: dict[str, set[str]] = {}
    for split in SPLITS:
        table = pq.read_table(built / "data" / "articles" / f"{split}-00000-of-00001.parquet", columns=["people"])
        for people in table["people"].to_pylist():
            for person in people:
                ids.setdefault(person["person_id"], set()).add(person["name"])
    assert {"Aykhan Hajizadeh", "Aykhan Hajizada"} in ids.values()
    assert all(len({n.split()[0] for n in names}) == 1 for names in ids.values())
    quotes = [
        r for s in SPLITS for r in pq.read_table(built / "data" / "quotes" / f"{s}-00000-of-00001.parquet").to_pylist()
    ]
    by_name = {p: pid for pid, names in ids.items() for p in names}
    for quote in quotes:
        if quote["speaker"] in by_name:
            assert quote["speaker_id"] == by_name[quote["speaker"]]
    assert len({q["quote_id"] for q in quotes}) == len(quotes)


# ------------------------------------------------- the capitalised-token scan against a full tokeniser
def _all_tokens(body: str) -> list[tuple[str, int, int]]:
    """Every word token as the rules define it, the slow way: scan all words, cut possessives,
    split a reporting verb glued to a name."""
    import re

    from karabakh_news.people import _GLUED_VERB

    tokens = []
    for m in re.finditer(r"[^\W\d_][\w’'\-]*", body):
        word = re.sub(r"[’']s?$", "", m.group())
        glued = _GLUED_VERB.match(word) if word[0].isupper() and len(word) > 6 else None
        if glued:
            tokens += [
                (glued["name"], m.start(), m.start() + len(glued["name"])),
                (glued["verb"], m.start() + len(glued["name"]), m.end()),
            ]
        else:
            tokens.append((word, m.start(), m.start() + len(word)))
    return tokens


_BODY_PIECES = st.sampled_from(
    ["Jane", "Roe", "Roe’s", "Doe's", "said", "Roedescribed", "minister", "of", "the", ", ", ". ", " ", "  ",
     "3", "x-", "-", "'", "’", "_", "Ⅻ", "Élodie", "²", "O'Neil", "al-", "Ωmega", "ǅ", "𐐀x", "𝐀", "😀",
     "\n\n", "a" * 50, "7" * 50, "." * 50]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_BODY_PIECES, max_size=40).map("".join))
def test_capitalised_scan_matches_full_tokenisation(body: str) -> None:
    """The rules read capitalised tokens, and the words before a run, without tokenising the
    whole body; both must be what a full tokenisation gives."""
    from karabakh_news.people import LOOK_BACK, _Capitals, _tokens_before

    tokens = _all_tokens(body)
    capitals = _Capitals(body)
    assert list(zip(capitals.text, capitals.start, capitals.end, strict=True)) == [
        t for t in tokens if t[0][0].isupper()
    ]
    for start in capitals.start:
        assert _tokens_before(body, start, LOOK_BACK) == [t for t in tokens if t[2] <= start][-LOOK_BACK:]


def test_upper_case_letters_all_lie_below_the_scanned_range() -> None:
    import sys

    from karabakh_news.people import CASED_LETTERS_END

    beyond = [c for c in range(CASED_LETTERS_END, sys.maxunicode + 1) if chr(c).isupper()]
    assert beyond == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_astral_check_agrees_with_the_largest_character(text: str) -> None:
    """The scan picks its pattern by whether the text holds a character above the BMP (lone
    surrogates included in the alphabet: decoded pages may carry them)."""
    from karabakh_news.people import BMP_END, _has_astral

    assert _has_astral(text) == (max(text, default="\0") >= chr(BMP_END))


def test_every_reporting_verb_ends_in_two_plain_letters() -> None:
    """The glued-verb check skips words by their last two letters; that needs every verb of the
    pattern to end in two literal letters (no class or optional letter there)."""
    from karabakh_news.people import CUE_VERBS, GLUED_VERB_ENDINGS

    assert all(verb[-2:].isalpha() and verb[-2:].islower() for verb in CUE_VERBS.split("|"))
    assert all(len(ending) == 2 for ending in GLUED_VERB_ENDINGS)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["Jane", "Roe", "Al", "x", "é", "said", "saids", "describes", "emphasized", "labeled",
                              "labelled", "ed", "es", "S", "id"]), min_size=1, max_size=5).map("".join)
)  # fmt: skip
def test_glued_verb_precheck_changes_nothing(word: str) -> None:
    from karabakh_news.people import _GLUED_VERB, _split_glued

    glued = _GLUED_VERB.match(word) if len(word) > 6 else None
    assert _split_glued(word) == ((glued["name"], glued["verb"]) if glued else (word, None))


def _all_pairs_ids(names: list[str]) -> dict[str, str]:
    """The reference: every pair of names compared with same_person (quadratic)."""
    import hashlib

    from karabakh_news.people import _fold

    unique = sorted(set(names))
    cluster = {n: {n} for n in unique}
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            if same_person(a, b) and cluster[a] is not cluster[b]:
                merged = cluster[a] | cluster[b]
                for n in merged:
                    cluster[n] = merged
    ids = {}
    for n in unique:
        representative = sorted(cluster[n], key=lambda m: (-len(m), m))[0]
        ids[n] = "p_" + hashlib.sha256(" ".join(_fold(representative)).encode()).hexdigest()[:12]
    return ids


_GIVEN = st.sampled_from(["Jane", "Tom", "Élodie", "Ali", "Jane Maria"])
_SURNAME = st.text(alphabet="aehiklmnorsuyzdv", min_size=2, max_size=9).map(str.capitalize)


@st.composite
def _name_sets(draw: st.DrawFn) -> list[str]:
    """Names in few given-name blocks, surnames with their spelling variants (a letter swapped,
    dropped or added, a feminine 'a', accents and hyphens), single words among them."""
    names = []
    for _ in range(draw(st.integers(1, 25))):
        given, surname = draw(_GIVEN), draw(_SURNAME)
        names.append(f"{given} {surname}")
        edit = draw(st.sampled_from(["swap", "drop", "add", "fem", "accent", "single", "hyphen", "none"]))
        k = draw(st.integers(0, max(0, len(surname) - 2)))
        variant = {
            "swap": surname[:k] + surname[k + 1 : k + 2] + surname[k : k + 1] + surname[k + 2 :],
            "drop": surname[:k] + surname[k + 1 :],
            "add": surname[:k] + "e" + surname[k:],
            "fem": surname + "a",
            "accent": surname.replace("e", "é"),
            "hyphen": surname[:k] + "-" + surname[k:],
            "single": surname,
            "none": surname,
        }[edit]
        names.append(variant if edit == "single" else f"{given} {variant}")
    return names


@given(_name_sets())
def test_blocked_ids_equal_the_all_pairs_clustering(names: list[str]) -> None:
    assert assign_ids(names) == _all_pairs_ids(names)


def test_large_blocks_go_through_cdist_and_still_equal_all_pairs() -> None:
    import random

    from karabakh_news.people import PAIRWISE_BLOCK

    rng = random.Random(7)
    letters = "aehiklmnorsuyzdv"
    surnames = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 9))).capitalize() for _ in range(300)}
    names = [f"Jane {s}" for s in surnames]
    names += [f"Jane {s[:-1]}" for s in list(surnames)[:100]]  # variants that merge
    assert len(set(names)) > PAIRWISE_BLOCK
    assert assign_ids(names) == _all_pairs_ids(names)
