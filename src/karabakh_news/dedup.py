"""Exact and near duplicates among articles, found in one pass in id order.

* **Exact**: the same decoded text (after BOM and line-ending normalisation) under another
  name. The first file (in id order) is kept; the others are reported with ``duplicate_of``.
* **Near**: MinHash (datasketch) over word 5-gram shingles of the body, with LSH to find
  candidates and the MinHash Jaccard estimate to confirm them (>= ``NEAR_DUPLICATE_JACCARD``).
  Near duplicates are kept and flagged with ``near_duplicate_of`` = the earliest such article,
  and a new one is put in its original's split.

Memory grows with the number of kept articles by one small MinHash each (``NUM_PERM`` 64-bit
values), never with their text.
"""

from __future__ import annotations

import hashlib
import re

from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.8
_SEED = 1
_SCHEME = "affine32"  # datasketch 2's default hashing scheme, named so stored values can be reused
_WORD = re.compile(r"\w+")


def text_key(text: str) -> str:
    """Key for exact duplicates: the text with surrounding white space removed."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


class DuplicateIndex:
    """Articles seen so far; ask :meth:`exact` and :meth:`near`, then :meth:`add`."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}  # text key -> first file name
        self._lsh = MinHashLSH(threshold=NEAR_DUPLICATE_JACCARD, num_perm=NUM_PERM)
        self._hashes: dict[str, LeanMinHash] = {}
        self._permutations = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations

    def exact(self, text: str) -> str | None:
        """File name of an earlier article with exactly this text."""
        return self._texts.get(text_key(text))

    def _minhash(self, body: str) -> LeanMinHash:
        m = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=self._permutations, scheme=_SCHEME)
        m.update_batch(sorted(shingles(body)))
        return LeanMinHash(m)

    def near(self, body: str) -> tuple[str | None, LeanMinHash]:
        """Id of the earliest kept article whose body is a near duplicate, and this body's MinHash."""
        m = self._minhash(body)
        matches = [key for key in self._lsh.query(m) if m.jaccard(self._hashes[key]) >= NEAR_DUPLICATE_JACCARD]
        return (min(matches) if matches else None), m

    def add(self, article_id: str, file_name: str, text: str, minhash: LeanMinHash) -> None:
        self._texts[text_key(text)] = file_name
        self._lsh.insert(article_id, minhash)
        self._hashes[article_id] = minhash
