"""Exact and near duplicates among articles, found in one pass in id order.

* **Exact**: the same decoded text (after BOM and line-ending normalisation) under another
  name. The first file (in id order) is kept; the others are reported with ``duplicate_of``.
* **Near**: a MinHash signature of the body's word 5-gram shingles
  (:mod:`karabakh_news.fingerprint`), banded as locality-sensitive hashing with the band/row
  choice datasketch's ``MinHashLSH`` makes for ``NEAR_DUPLICATE_JACCARD`` (the same
  optimisation, with numpy; a test checks they agree). Candidates are confirmed by the
  signatures' Jaccard estimate. Near duplicates are kept and flagged with
  ``near_duplicate_of`` = the earliest such article, and a new one is put in its original's split.

The index is the only part of a build that grows with the corpus, so it is kept compact:
datasketch's ``MinHashLSH`` holds about 2.6 KB per article (262 MB for 100,000, measured) and
a dict per band still about 450 bytes. Here an article costs 16-bit signature values (a false
match of one value has odds of 1 in 65,536, so the Jaccard estimate is unchanged in practice)
and one 12-byte (key, article) pair per band in sorted numpy arrays, and the text key the same
way: about 230 bytes in all.
"""

from __future__ import annotations

import hashlib

import numpy as np

from karabakh_news.fingerprint import NUM_PERM

NEAR_DUPLICATE_JACCARD = 0.8
_BLOCK = 4096  # signature rows are stored in blocks of this many articles
_MERGE_AT = 8192  # band entries held in a dict before they are merged into the sorted arrays


def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising the false positive plus false negative probability
    of LSH at ``threshold``: datasketch's ``_optimal_param`` with equal weights."""
    s = np.linspace(0.0, 1.0, 20_001)
    below, above = s <= threshold, s >= threshold
    best, choice = np.inf, (1, 1)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            candidate = 1 - (1 - s**r) ** b  # probability that a pair of similarity s collides
            error = float(np.trapezoid(candidate[below], s[below]) + np.trapezoid(1 - candidate[above], s[above]))
            if error < best:
                best, choice = error, (b, r)
    return choice


BANDS, ROWS_PER_BAND = optimal_bands(NEAR_DUPLICATE_JACCARD, NUM_PERM)


def _band_keys(sig: np.ndarray) -> list[int]:
    """One key per band; the band's number is hashed in, so all bands share one table."""
    step = ROWS_PER_BAND
    return [
        int.from_bytes(
            hashlib.blake2b(sig[b * step : (b + 1) * step].tobytes(), digest_size=8, salt=bytes([b])).digest(),
            "little",
        )
        for b in range(BANDS)
    ]


class _BandTable:
    """Key -> first article index, as sorted numpy arrays plus a small dict of recent keys.

    A dict costs about 90 bytes an entry; sorted ``uint64`` keys with ``uint32`` values cost 12.
    New keys go to the dict and are merged into the arrays in batches. Keys are looked up
    several at a time: one ``searchsorted`` call costs what one lookup does.
    """

    def __init__(self) -> None:
        self.keys = np.zeros(0, dtype=np.uint64)
        self.values = np.zeros(0, dtype=np.uint32)
        self.recent: dict[int, int] = {}

    def get_many(self, keys: list[int]) -> list[int | None]:
        if not len(self.keys):
            return [self.recent.get(k) for k in keys]
        wanted = np.array(keys, dtype=np.uint64)
        at = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        hits, values = (self.keys[at] == wanted).tolist(), self.values[at].tolist()
        # Merged keys are always the earlier ones, so they win over recent ones.
        return [v if hit else self.recent.get(k) for k, hit, v in zip(keys, hits, values, strict=True)]

    def add_new(self, keys: list[int], known: list[int | None], index: int) -> None:
        """Map each key not ``known`` yet (as :meth:`get_many` found them) to ``index``."""
        for key, first in zip(keys, known, strict=True):
            if first is None:
                self.recent.setdefault(key, index)
        if len(self.recent) >= _MERGE_AT:
            self._merge()

    def _merge(self) -> None:
        keys = np.concatenate([self.keys, np.fromiter(self.recent, dtype=np.uint64, count=len(self.recent))])
        values = np.concatenate([self.values, np.fromiter(self.recent.values(), np.uint32, len(self.recent))])
        order = np.argsort(keys, kind="stable")
        self.keys, self.values, self.recent = keys[order], values[order], {}


class DuplicateIndex:
    """Articles kept so far; ask :meth:`exact` and :meth:`near`, then :meth:`add`."""

    def __init__(self) -> None:
        # Text key -> index of the first file with it: the key's first 8 bytes in a band table,
        # the other 8 kept per article to confirm a match (a dict of bytes cost 150 bytes a file).
        self._texts = _BandTable()
        self._files: list[str] = []
        self._ids: list[str] = []
        self._bands = _BandTable()  # band key -> first article with that band
        self._last_bands: tuple[list[int], list[int | None]] | None = None  # near()'s lookup, for add()
        self._blocks: list[np.ndarray] = []  # 16-bit signature values, _BLOCK articles each
        self._key_tails: list[np.ndarray] = []  # second half of the text key, _BLOCK articles each

    def _signature(self, index: int) -> np.ndarray:
        return _in_blocks(self._blocks, index)

    def exact(self, key: bytes) -> str | None:
        """File name of an earlier article with exactly this text."""
        head, tail = _halves(key)
        index = self._texts.get_many([head])[0]
        if index is None or int(_in_blocks(self._key_tails, index)) != tail:
            return None
        return self._files[index]

    def near(self, sig: np.ndarray) -> str | None:
        """Id of the earliest kept article whose body is a near duplicate of this signature's."""
        found = self._band_lookup(_band_keys(sig))
        low = sig.astype(np.uint16)
        for i in sorted({i for i in found if i is not None}):
            if np.mean(self._signature(i) == low) >= NEAR_DUPLICATE_JACCARD:
                return self._ids[i]
        return None

    def add(self, article_id: str, file_name: str, key: bytes, sig: np.ndarray) -> None:
        index = len(self._ids)
        self._ids.append(article_id)
        self._files.append(file_name)
        head, tail = _halves(key)
        self._texts.add_new([head], self._texts.get_many([head]), index)
        band_keys = _band_keys(sig)
        self._bands.add_new(band_keys, self._band_lookup(band_keys), index)
        self._last_bands = None
        if index % _BLOCK == 0:
            self._blocks.append(np.zeros((_BLOCK, NUM_PERM), dtype=np.uint16))
            self._key_tails.append(np.zeros(_BLOCK, dtype=np.uint64))
        self._blocks[-1][index % _BLOCK] = sig.astype(np.uint16)
        self._key_tails[-1][index % _BLOCK] = tail

    def _band_lookup(self, keys: list[int]) -> list[int | None]:
        """The first article of each band key; :meth:`add` reuses what :meth:`near` looked up."""
        if self._last_bands is None or self._last_bands[0] != keys:
            self._last_bands = (keys, self._bands.get_many(keys))
        return self._last_bands[1]


def _in_blocks(blocks: list[np.ndarray], index: int) -> np.ndarray:
    """Article ``index``'s row of a per-article array kept in blocks of ``_BLOCK`` articles."""
    row: np.ndarray = blocks[index // _BLOCK][index % _BLOCK]
    return row


def _halves(key: bytes) -> tuple[int, int]:
    """A 16-byte text key as two unsigned 64-bit integers."""
    return int.from_bytes(key[:8], "little"), int.from_bytes(key[8:16], "little")
