"""Word classes learnt from unlabelled news, for the NER features (build time only, needs numpy).

Words that occur in the same contexts get the same class: a name never seen in the labelled
corpora shares a class with the names it is written like ("قال X"، "X رئيس"). Each frequent
word is described by how often every frequent word stands just before and just after it;
the counts are weighted by positive PMI, reduced by a truncated SVD, and clustered with
k-means at four granularities. The result is one TSV: ``form, count, c1, c2, c3, c4`` (the
count also tells run time whether "فرانس" is a word of its own or ف + "رانس").
"""

from __future__ import annotations

import gzip
import json
from array import array
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from rasd.text.tokens import words

CLUSTER_SIZES = (64, 256, 1024, 4096)


def corpus_sentences(corpus: Path, limit: int | None = None) -> Iterator[list[str]]:
    """Normalised words of each line of each article's title and text."""
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            record = json.loads(line)
            for part in (record.get("title") or "", record.get("text") or ""):
                for paragraph in part.split("\n"):
                    tokens = [t.norm.lower() for t in words(paragraph)]
                    if tokens:
                        yield tokens


def context_counts(sentences: Iterator[list[str]], vocab_size: int, context_size: int):
    """The vocabulary, and the (word, neighbour) index pairs: right neighbours offset by
    ``context_size``."""
    sentences = list(sentences)
    freq = Counter(w for s in sentences for w in s)
    vocab = [w for w, n in freq.most_common(vocab_size) if n >= 5]
    index = {w: i for i, w in enumerate(vocab)}
    context = {w: i for i, w in enumerate(vocab[:context_size])}
    rows, cols = array("i"), array("i")
    for s in sentences:
        ids = [index.get(w, -1) for w in s]
        ctx = [context.get(w, -1) for w in s]
        for k, row in enumerate(ids):
            if row < 0:
                continue
            if k > 0 and ctx[k - 1] >= 0:
                rows.append(row)
                cols.append(ctx[k - 1])
            if k + 1 < len(s) and ctx[k + 1] >= 0:
                rows.append(row)
                cols.append(context_size + ctx[k + 1])
    return vocab, [freq[w] for w in vocab], (rows, cols)


def word_vectors(vocab: list[str], pairs, context_size: int, dims: int = 100):
    """PPMI-weighted context counts reduced to ``dims`` dimensions, rows of unit length."""
    import numpy as np

    m = np.zeros((len(vocab), 2 * context_size), dtype=np.float32)
    np.add.at(m, (np.frombuffer(pairs[0], dtype=np.int32), np.frombuffer(pairs[1], dtype=np.int32)), 1)
    expected = m.sum(1, keepdims=True) * m.sum(0, keepdims=True) / m.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        ppmi = np.where(m > 0, np.maximum(np.log(m / expected), 0), 0).astype(np.float32)
    u, s, _vt = _truncated_svd(ppmi, dims)
    vectors = u * np.sqrt(s)
    return vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9)


def _truncated_svd(matrix, dims: int):
    """Randomised SVD (Halko et al.): enough for clustering, fast on a dense matrix."""
    import numpy as np

    rng = np.random.default_rng(0)
    q = matrix @ rng.standard_normal((matrix.shape[1], dims + 20), dtype=np.float32)
    for _ in range(2):
        q, _r = np.linalg.qr(matrix @ (matrix.T @ q))
    b = q.T @ matrix
    ub, s, vt = np.linalg.svd(b, full_matrices=False)
    return (q @ ub)[:, :dims], s[:dims], vt[:dims]


def kmeans(vectors, k: int, iterations: int = 25):
    """Spherical k-means; returns each row's cluster number."""
    import numpy as np

    rng = np.random.default_rng(k)
    centres = vectors[rng.choice(len(vectors), k, replace=False)]
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(vectors @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centres = np.where(norms > 0, sums / np.maximum(norms, 1e-9), centres)
    return labels


def build_clusters(corpus: Path, output: Path, vocab_size: int = 100_000, context_size: int = 1_500,
                   sizes: tuple[int, ...] = CLUSTER_SIZES, dims: int = 100, limit: int | None = None) -> int:
    """Write ``clusters.tsv`` (form, count, c1, c2, ...); return the number of words."""
    vocab, counts, pairs = context_counts(corpus_sentences(corpus, limit), vocab_size, context_size)
    vectors = word_vectors(vocab, pairs, context_size, min(dims, len(vocab) - 1))
    columns = [kmeans(vectors, min(k, len(vocab))) for k in sizes]
    with output.open("w", encoding="utf-8", newline="\n") as f:
        header = "\t".join(f"c{k}" for k in range(1, len(sizes) + 1))
        f.write(f"# NER word classes from SaudiNewsNet, see PROVENANCE.md\nform\tcount\t{header}\n")
        for i, word in enumerate(vocab):
            f.write(f"{word}\t{counts[i]}\t" + "\t".join(str(int(col[i])) for col in columns) + "\n")
    return len(vocab)
