"""What duplicate detection needs from one article, computed where the article is parsed.

* :func:`text_key`: a digest of the decoded text, for exact duplicates;
* :func:`signature`: a MinHash of the body's word 5-gram shingles, for near duplicates.

The MinHash is datasketch's ``affine32`` scheme (murmur3 finaliser, then ``a * h + b`` modulo
2**32 with datasketch's seeded parameters), vectorised with numpy: it equals
``datasketch.MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")`` fed
:func:`shingle_hashes` (a test checks this). It is computed here rather than with datasketch
because importing datasketch loads scipy (about 50 MB and 1 s in every worker process) and it
hashes every shingle in Python; words and shingles are hashed with numpy instead.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys

import numpy as np

NUM_PERM = 64
SEED = 1
SHINGLE_WORDS = 5
_MAX_WORD = 40  # longer runs of word characters are cut, so a word costs at most 40 code points
_WORD = re.compile(rf"\w{{1,{_MAX_WORD}}}")
_CHUNK_WORDS = 16_384  # words hashed per numpy step: bounds the code-point matrix of huge pages
_CODE_POINT_BASE = np.uint64(0x100000001B3)  # odd multipliers: polynomial hashes modulo 2**64
_SHINGLE_BASE = np.uint64(0x9E3779B97F4A7C15)
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _affine32_parameters(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutation parameters for the affine32 scheme (same generator, same order)."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = _affine32_parameters(NUM_PERM, SEED)


def text_key(text: str) -> bytes:
    """Key for exact duplicates: a 16-byte digest of the text without surrounding white space."""
    return hashlib.blake2b(text.strip().encode("utf-8"), digest_size=16).digest()


def _word_hashes(words: list[str]) -> np.ndarray:
    """A 64-bit polynomial hash of each word's code points (zero padding adds nothing)."""
    out = np.empty(len(words), dtype=np.uint64)
    for i in range(0, len(words), _CHUNK_WORDS):
        chunk = np.array(words[i : i + _CHUNK_WORDS])  # fixed-width UCS-4 rows
        points = chunk.view(np.uint32).reshape(len(chunk), -1).astype(np.uint64)
        powers = np.cumprod(np.full(points.shape[1], _CODE_POINT_BASE, dtype=np.uint64))
        out[i : i + len(chunk)] = (points * powers).sum(axis=1, dtype=np.uint64)
    return out


_POWERS = np.cumprod(np.full(_MAX_WORD, _CODE_POINT_BASE, dtype=np.uint64))  # base**1 .. base**40
VECTOR_CHARS = 200_000  # longer texts take the word-list path, whose memory is bounded by chunks


@functools.cache
def word_char_table() -> np.ndarray:
    """For every code point, whether ``\\w`` matches it (read off the regex engine itself)."""
    every = np.arange(sys.maxunicode + 1, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    table = np.zeros(sys.maxunicode + 1, dtype=bool)
    for m in re.finditer(r"\w+", every):
        table[m.start() : m.end()] = True
    return table


def _word_hashes_of_text(text: str) -> np.ndarray:
    """``_word_hashes(_WORD.findall(text))`` without making a string per word: code points as one
    array, words as runs of word characters cut every 40, each hashed with a ``reduceat``."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    at = np.flatnonzero(word_char_table()[points])  # positions of word characters
    if not len(at):
        return np.zeros(0, dtype=np.uint64)
    run_starts = np.flatnonzero(np.diff(at, prepend=-2) != 1)  # where a run of adjacent positions starts
    run_lengths = np.diff(run_starts, append=len(at))
    offset = (np.arange(len(at)) - np.repeat(run_starts, run_lengths)) % _MAX_WORD  # place within its word
    terms = points[at].astype(np.uint64) * _POWERS[offset]
    hashes: np.ndarray = np.add.reduceat(terms, np.flatnonzero(offset == 0))
    return hashes


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the text's casefolded word 5-grams (one shingle if shorter)."""
    casefolded = text.casefold()
    if len(casefolded) <= VECTOR_CHARS:
        hashes = _word_hashes_of_text(casefolded)
    else:
        hashes = _word_hashes(_WORD.findall(casefolded))
    if not len(hashes):
        return np.zeros(1, dtype=np.uint32)
    width = min(SHINGLE_WORDS, len(hashes))
    count = len(hashes) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for t in range(width):
        combined = combined * _SHINGLE_BASE + hashes[t : t + count]
    folded = (combined >> np.uint64(32)) ^ (combined & np.uint64(0xFFFFFFFF))
    return np.unique(folded.astype(np.uint32))


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    mixed: np.ndarray = hv ^ (hv >> s3)
    return mixed


def signature(body: str) -> np.ndarray:
    """The body's MinHash signature: ``NUM_PERM`` uint32 values."""
    mixed = _fmix32(shingle_hashes(body))
    lowest = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for i in range(0, len(mixed), _CHUNK_WORDS):  # a (shingles x NUM_PERM) matrix, a chunk at a time
        np.minimum(lowest, (mixed[i : i + _CHUNK_WORDS, None] * _A + _B).min(axis=0), out=lowest)
    return lowest
