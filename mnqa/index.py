"""The index: BM25 term scores per passage (computed by rank-bm25 itself), the vocabulary and the stem table.

rank-bm25 is the scorer: at build time BM25Okapi scores every (term, passage) pair through its own
`get_batch_scores`, restricted to the passages that contain the term; the results are kept as postings. A query
then only adds up the postings of its terms, so asking touches the passages that share a word with the question,
not the whole corpus, and the scores are exactly rank-bm25's (tests/test_ranking.py checks this).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np

from mnqa.analysis import Stemmer, stopwords, tokenize, word_forms
from mnqa.documents import Document, Metadata
from mnqa.lexicon import Lexicon
from mnqa.models import Passage
from mnqa.passages import split_document

# Chosen by measurement (`mnqa eval`, see README): Okapi with a light idf floor for words in most passages.
K1 = 1.2
B = 0.75
EPSILON = 0.25

Progress = Callable[[int, int], None]

# Endings tried on every corpus word so that common inflections of it are stemmed ahead of time and asking
# rarely needs nltk (a variant is kept only when its stem is a corpus stem).
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ness", "ful", "y", "al")


@dataclass(frozen=True)
class DocInfo:
    """A document as the index knows it: for /sources and for results."""

    source: str
    title: str
    passages: int


@dataclass
class Index:
    """Everything needed to answer questions, in memory; built from documents or loaded from the cache."""

    passages: list[Passage]
    docs: list[DocInfo]
    faq: tuple[str, ...]
    stems: dict[str, str]  # folded word form -> stem, for every word of the corpus and the lexicon
    df: dict[str, int]  # stem -> number of passages containing it
    surfaces: dict[str, int]  # folded word forms of the corpus and the lexicon -> frequency (the speller's list)
    postings: dict[str, tuple[int, int]]  # stem -> (offset, count) into pids/scores
    pids: np.ndarray  # int32, grouped by term, ascending within a term
    scores: np.ndarray  # float64, rank-bm25's score of that term for that passage
    params: dict[str, float] = field(default_factory=dict)

    def term(self, stem: str) -> tuple[np.ndarray, np.ndarray]:
        """The passages containing a stem and rank-bm25's score of the stem for each."""
        where = self.postings.get(stem)
        if where is None:
            return _EMPTY_I, _EMPTY_F
        off, n = where
        return self.pids[off : off + n], self.scores[off : off + n]

    def max_score(self, stem: str) -> float:
        """The best score the stem gets in any passage (0 when absent)."""
        _, scores = self.term(stem)
        return float(scores.max()) if len(scores) else 0.0

    def idf_weight(self, stem: str) -> float:
        """How informative a stem is: log((N + 1) / (df + 0.5)), always positive, for the abstention rule."""
        n = len(self.passages)
        return float(np.log((n + 1) / (self.df.get(stem, 0) + 0.5)))

    def stemmer(self) -> Stemmer:
        """A stemmer that already knows every word form of the corpus and the lexicon."""
        return Stemmer(self.stems)


_EMPTY_I = np.zeros(0, dtype=np.int32)
_EMPTY_F = np.zeros(0, dtype=np.float64)


def passage_terms(p: Passage, stemmer: Stemmer) -> list[str]:
    """The index terms of a passage: its section heading, its lead-in and its text."""
    out = []
    stop = stopwords()
    for part in (p.section, p.context, p.text):
        if part:
            for tok in tokenize(part):
                out.extend(stemmer.stem(f) for f in word_forms(tok.word) if f not in stop)
    return out


def _forms(text: str) -> list[str]:
    return [f for tok in tokenize(text) for f in word_forms(tok.word)]


def _variants(word: str) -> Iterable[str]:
    if not word.isalpha() or len(word) < 3:
        return ()
    out = [word + s for s in _SUFFIXES]
    if word.endswith("e"):
        out += [word[:-1] + "ing", word[:-1] + "ation"]
    if word.endswith("y"):
        out += [word[:-1] + "ies", word[:-1] + "ied"]
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def build(docs: list[Document], meta: Metadata, lexicon: Lexicon, progress: Progress | None = None) -> Index:
    """Build the index of a corpus: passages, stems, and rank-bm25 scores for every term and passage."""
    from rank_bm25 import BM25Okapi  # lazy: imports numpy's friends and multiprocessing, only needed here

    stemmer = Stemmer()
    passages: list[Passage] = []
    infos: list[DocInfo] = []
    tokenized: list[list[str]] = []
    for n, doc in enumerate(docs):
        ps = split_document(doc, len(passages))
        passages.extend(ps)
        infos.append(DocInfo(doc.source, doc.title, len(ps)))
        tokenized.extend(passage_terms(p, stemmer) for p in ps)
        if progress:
            progress(n + 1, len(docs) * 2)
    # rank-bm25 cannot take an empty passage list or empty passages (avgdl 0); a corpus always has text here.
    bm25 = BM25Okapi(tokenized, k1=K1, b=B, epsilon=EPSILON)

    by_term: dict[str, list[int]] = {}
    for pid, freqs in enumerate(bm25.doc_freqs):
        for term in freqs:
            by_term.setdefault(term, []).append(pid)
    terms = sorted(by_term)
    pid_parts, score_parts = [], []
    postings: dict[str, tuple[int, int]] = {}
    offset = 0
    step = max(1, len(terms) // max(1, len(docs)))
    for i, term in enumerate(terms):
        ids = by_term[term]
        pid_parts.append(np.asarray(ids, dtype=np.int32))
        score_parts.append(np.asarray(bm25.get_batch_scores([term], ids), dtype=np.float64))
        postings[term] = (offset, len(ids))
        offset += len(ids)
        if progress and i % step == 0:
            progress(len(docs) + min(len(docs), i // step), len(docs) * 2)
    df = {t: len(ids) for t, ids in by_term.items()}

    surfaces: dict[str, int] = {}
    for p in passages:
        for part in (p.section, p.context, p.text):
            for tok in tokenize(part or ""):
                for form in word_forms(tok.word):
                    surfaces[form] = surfaces.get(form, 0) + 1
    for word in lexicon.words():
        surfaces.setdefault(word, 0)
    stop = stopwords()
    words = [w for w in surfaces if w not in stop] + sorted(w for q in meta.faq for w in _forms(q) if w not in stop)
    for word in words:
        stemmer.stem(word)
    base = set(stemmer.known)
    for word in words:
        for variant in _variants(word):
            if variant not in base and stemmer.stem(variant) not in df:
                del stemmer.known[variant]
    if progress:
        progress(len(docs) * 2, len(docs) * 2)
    return Index(
        passages=passages,
        docs=infos,
        faq=meta.faq,
        stems=dict(sorted(stemmer.known.items())),
        df=df,
        surfaces=dict(sorted(surfaces.items())),
        postings=postings,
        pids=np.concatenate(pid_parts) if pid_parts else _EMPTY_I,
        scores=np.concatenate(score_parts) if score_parts else _EMPTY_F,
        params={"k1": K1, "b": B, "epsilon": EPSILON},
    )
