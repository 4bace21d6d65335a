"""Near-duplicate articles: MinHash signatures over word shingles, banded LSH for candidates.

Syndicated copies of one wire story differ by a headline, a dateline, a trimmed paragraph;
the Jaccard similarity of their word 3-gram sets stays high while two articles on the same
topic share few 3-grams. A signature of ``num_perm`` minimum hashes estimates that
similarity (the share of equal positions); LSH with ``bands`` bands puts two documents in a
common bucket with probability ``1 - (1 - J**rows)**bands``, so only likely pairs are
compared (Broder 1997; Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from rasd.text.normalize import normalize

SHINGLE_WORDS = 3
NUM_PERM = 128
BANDS = 32  # 4 rows per band: pairs above J ~ 0.42 become candidates
THRESHOLD = 0.7  # estimated Jaccard at which two articles count as copies
_PRIME = np.uint64(4294967291)  # largest prime below 2**32: a * x + b stays below 2**64
_WORD = re.compile(r"\w+")
_BIG_BUCKET = 50  # members beyond which a bucket is linked to its first member only


def shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """32-bit hashes of the text's word k-grams (normalised, so spelling variants agree)."""
    words = _WORD.findall(normalize(text).lower())
    if len(words) < k:
        grams = {" ".join(words)} if words else set()
    else:
        grams = {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}
    # crc32, not hash(): the same text must give the same signature in every process.
    return np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))


class MinHasher:
    """``num_perm`` universal hash functions ``(a * x + b) mod p``, fixed by ``seed``."""

    def __init__(self, num_perm: int = NUM_PERM, seed: int = 1):
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, int(_PRIME), num_perm, dtype=np.uint64)
        self.b = rng.integers(0, int(_PRIME), num_perm, dtype=np.uint64)

    @property
    def num_perm(self) -> int:
        return len(self.a)

    def signature(self, hashes: np.ndarray) -> np.ndarray | None:
        """The minimum of each hash function over the shingles; None for no shingles."""
        if hashes.size == 0:
            return None
        return ((np.outer(hashes, self.a) + self.b) % _PRIME).min(axis=0)


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(sig_a == sig_b))


@dataclass
class LSHIndex:
    """Banded LSH over signatures; ``candidate_pairs`` yields each pair of ids once."""

    bands: int = BANDS
    buckets: dict[tuple[int, bytes], list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, key: str, signature: np.ndarray) -> None:
        if len(signature) % self.bands:
            raise ValueError(f"{len(signature)} permutations do not split into {self.bands} bands")
        for band, part in enumerate(np.split(signature, self.bands)):
            self.buckets[(band, part.tobytes())].append(key)

    def candidate_pairs(self) -> Iterator[tuple[str, str]]:
        seen: set[tuple[str, str]] = set()
        for members in self.buckets.values():
            for pair in _bucket_pairs(members):
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _bucket_pairs(members: list[str]) -> Iterator[tuple[str, str]]:
    if len(members) > _BIG_BUCKET:  # a flood of one boilerplate text: a star, not a clique
        yield from (tuple(sorted((members[0], m))) for m in members[1:] if m != members[0])
        return
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if a != b:
                yield tuple(sorted((a, b)))


def near_duplicate_pairs(texts: Iterable[tuple[str, str]], threshold: float = THRESHOLD,
                         hasher: MinHasher | None = None) -> tuple[list[tuple[str, str, float]], int]:
    """``(id_a, id_b, similarity)`` for every pair of ``(id, text)`` at or above
    ``threshold``, and the number of texts signed (empty ones are not)."""
    hasher = hasher or MinHasher()
    signatures: dict[str, np.ndarray] = {}
    index = LSHIndex()
    for key, text in texts:
        sig = hasher.signature(shingle_hashes(text))
        if sig is not None:
            signatures[key] = sig
            index.add(key, sig)
    pairs = []
    for a, b in index.candidate_pairs():
        sim = similarity(signatures[a], signatures[b])
        if sim >= threshold:
            pairs.append((a, b, sim))
    return sorted(pairs), len(signatures)
