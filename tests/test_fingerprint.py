"""The worker-side MinHash is datasketch's affine32 MinHash, computed with numpy."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_news.fingerprint import NUM_PERM, SEED, shingle_hashes, signature, text_key

TEXT = (
    "The ministry said on Tuesday that talks would resume next week in the capital, "
    "and the envoy added that both sides had agreed to a schedule for the meetings."
)


def _datasketch_signature(text: str) -> np.ndarray:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
    m.update_batch(shingle_hashes(text).tolist())
    return np.asarray(m.hashvalues)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_signature_equals_datasketch(text: str) -> None:
    assert np.array_equal(signature(text), _datasketch_signature(text))


def test_signature_shape_and_determinism() -> None:
    sig = signature(TEXT)
    assert sig.dtype == np.uint32 and sig.shape == (NUM_PERM,)
    assert np.array_equal(sig, signature(TEXT))
    assert np.array_equal(sig, signature(TEXT.upper()))  # shingles are casefolded


def test_similar_texts_agree_on_most_values_and_different_texts_do_not() -> None:
    edited = TEXT.replace("next week", "next month")
    other = "Completely unrelated words about weather, football scores and a new museum opening downtown today."
    assert np.mean(signature(TEXT) == signature(edited)) > 0.4
    assert np.mean(signature(TEXT) == signature(other)) < 0.1


def test_shingles_are_word_five_grams() -> None:
    words = [f"w{i}" for i in range(12)]
    assert len(shingle_hashes(" ".join(words))) == 12 - 5 + 1
    assert len(shingle_hashes("one two")) == 1  # shorter than a shingle: one shingle
    assert len(shingle_hashes("")) == 1


def test_a_huge_page_is_hashed_in_bounded_chunks() -> None:
    words = [f"word{i}" for i in range(50_000)]
    sig = signature(" ".join(words))
    assert np.array_equal(sig, _datasketch_signature(" ".join(words)))


def test_text_key_ignores_surrounding_white_space() -> None:
    assert text_key(" a b \n") == text_key("a b") != text_key("a  b")


def test_lsh_bands_are_datasketchs_choice() -> None:
    from datasketch import MinHashLSH

    from karabakh_news.dedup import BANDS, NEAR_DUPLICATE_JACCARD, ROWS_PER_BAND, optimal_bands

    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS_PER_BAND)
    for threshold in (0.5, 0.7, 0.9):
        other = MinHashLSH(threshold=threshold, num_perm=128)
        assert optimal_bands(threshold, 128) == (other.b, other.r)


def test_duplicate_index_finds_the_earliest_near_duplicate_across_merges() -> None:
    from karabakh_news import dedup

    index = dedup.DuplicateIndex()
    texts = [f"article {i} " + " ".join(f"w{i}x{j}" for j in range(60)) for i in range(dedup._MERGE_AT + 50)]
    for i, text in enumerate(texts):
        index.add(f"a{i}", f"a{i}.txt", text_key(text), signature(text))
    copy_of_early = texts[3].replace("w3x59", "changed")
    copy_of_late = texts[-1].replace("x59", "changed")
    assert index.near(signature(copy_of_early)) == "a3"  # found in the merged arrays
    assert index.near(signature(copy_of_late)) == f"a{len(texts) - 1}"  # found among recent keys
    assert index.near(signature("nothing like any of them at all, not one shingle in common here")) is None
    assert index.exact(text_key(texts[5])) == "a5.txt"
    assert index.exact(text_key(texts[-1])) == f"a{len(texts) - 1}.txt"  # among recent keys
    assert index.exact(text_key("a text never added")) is None
    same_head = text_key(texts[7])[:8] + bytes(8)  # the same first half, another second half
    assert index.exact(same_head) is None


_WORDY = st.text(
    alphabet=st.one_of(st.sampled_from(["a", "B", "ß", "İ", "_", "7", "²", " ", ".", "-", "𝒜", "\U0001f600", "ǅ"]),
                       st.characters(blacklist_categories=("Cs",))),
    max_size=300,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(_WORDY, st.builds(lambda n, t: "x" * n + t, st.integers(0, 130), _WORDY)))
def test_word_hashes_from_code_points_equal_the_word_list_path(text: str) -> None:
    """The array path (short texts) and the word-list path (long texts) hash the same words alike,
    words longer than 40 characters cut the same way."""
    from karabakh_news import fingerprint as fp

    folded = text.casefold()
    assert np.array_equal(fp._word_hashes_of_text(folded), fp._word_hashes(fp._WORD.findall(folded)))
