"""Splits that cannot leak: near-duplicate texts are clustered and a whole cluster goes to one split.

Near-duplicates are found with MinHash over word 5-shingles (64 hash functions, locality-sensitive
hashing in 16 bands of 4 rows) and confirmed by the estimated Jaccard similarity of the two
signatures: **≥ 0.5** joins two texts in one cluster (union-find, so clusters are transitive).
Identical texts (after whitespace and case folding) always share a cluster. A cluster's split is a
stable hash of its smallest member id — by default test 15%, dev 15%, train 70% — unless one of its
members is forced into test (the latest years of a corpus), which takes the whole cluster with it.
Wikinews uses only forced test (2011 and later, plus the held-out 2004–2010 articles listed in
``corpora/annotations/events/test-held-out.txt``) and splits the rest dev 15% / train 85%.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

import numpy as np

SHINGLE = 5
PERMUTATIONS = 64
BANDS, ROWS = 16, 4
THRESHOLD = 0.5
_MERSENNE = (1 << 61) - 1
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int = SHINGLE) -> set[int]:
    """Hashes of the word ``size``-grams of a text (case-folded); short texts give one shingle."""
    words = _WORD.findall(text.lower())
    grams = [" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))]
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little") >> 3 for g in grams}


def _permutations(count: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20261202)
    return (rng.integers(1, _MERSENNE, count, dtype=np.uint64), rng.integers(0, _MERSENNE, count, dtype=np.uint64))


_A, _B = _permutations(PERMUTATIONS)


def minhash(text: str) -> np.ndarray:
    """The MinHash signature of a text: for each hash function, the smallest hashed shingle."""
    values = np.fromiter(shingles(text), dtype=np.uint64)
    with np.errstate(over="ignore"):
        hashed = (values[None, :] * _A[:, None] + _B[:, None]) % np.uint64(_MERSENNE)
    return hashed.min(axis=1)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float((a == b).mean())


class _UnionFind:
    def __init__(self, items: Iterable[str]):
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def near_duplicate_clusters(texts: Mapping[str, str], *, threshold: float = THRESHOLD) -> dict[str, str]:
    """doc_id -> cluster id (the smallest doc id of its cluster)."""
    uf = _UnionFind(texts)
    exact: dict[str, str] = {}
    signatures = {}
    for doc_id, text in texts.items():
        key = " ".join(text.lower().split())
        if key in exact:
            uf.union(doc_id, exact[key])
        exact.setdefault(key, doc_id)
        signatures[doc_id] = minhash(text)
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for doc_id, signature in signatures.items():
        for band in range(BANDS):
            buckets[(band, signature[band * ROWS:(band + 1) * ROWS].tobytes())].append(doc_id)
    for members in buckets.values():
        for other in members[1:]:
            if uf.find(other) != uf.find(members[0]) and similarity(signatures[members[0]], signatures[other]) >= threshold:
                uf.union(members[0], other)
    return {doc_id: uf.find(doc_id) for doc_id in texts}


def hash_split(key: str, *, test_share: int = 15, dev_share: int = 15) -> str:
    """train/dev/test by a stable hash of ``key``; shares in percent."""
    bucket = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 100
    return "test" if bucket < test_share else "dev" if bucket < test_share + dev_share else "train"


def cluster_split(texts: Mapping[str, str], *, forced_test: Iterable[str] = (), test_share: int = 15,
                  dev_share: int = 15, threshold: float = THRESHOLD,
                  split_of: Callable[[str], str] | None = None) -> dict[str, str]:
    """doc_id -> train/dev/test, one split per near-duplicate cluster (shares in percent of clusters).

    ``split_of`` (cluster id -> split) replaces the hash, e.g. to keep an older split for every cluster
    of one document (its smallest id decides)."""
    clusters = near_duplicate_clusters(texts, threshold=threshold)
    forced = {clusters[d] for d in forced_test if d in clusters}
    decide = split_of or (lambda key: hash_split(key, test_share=test_share, dev_share=dev_share))
    return {doc_id: "test" if cluster in forced else decide(cluster) for doc_id, cluster in clusters.items()}
