"""The index: BM25 term scores per passage (computed by rank-bm25 itself), the vocabulary and the stem table.

rank-bm25 is the scorer: at build time BM25Okapi scores every (term, passage) pair through its own
`get_batch_scores`, restricted to the passages that contain the term; the results are kept as postings. A query
then only adds up the postings of its terms, so asking touches the passages that share a word with the question,
not the whole corpus, and the scores are exactly rank-bm25's (tests/test_ranking.py checks this).
"""

from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np

from mnqa.analysis import SPELT_NUMBERS, WORD_RE, Stemmer, adjective_of, stopwords, tokenize, word_forms
from mnqa.documents import NO_CONTENT, Corpus, CorpusError, Document, Metadata, file_warning, parse_file
from mnqa.lexicon import Lexicon
from mnqa.models import Passage
from mnqa.passages import _punkt, split_document

# Chosen by measurement (scripts/sweep_ranking.py over the dev questions, see README): Okapi, with a light idf
# floor for words in most passages, a low k1 (a word's repeats add little) and half length normalisation.
VARIANT = "BM25Okapi"
K1 = 0.9
B = 0.5
EPSILON = 0.25

Progress = Callable[[int, int], None]

# Endings tried on every corpus word so that common inflections of it are stemmed ahead of time and asking
# rarely needs nltk (a variant is kept only when its stem is a corpus stem).
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ness", "ful", "y", "al")
# How many of the corpus's most frequent words get their inflections stemmed ahead (each costs ~15 Snowball calls).
VARIANT_WORDS = 10_000


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
    # What the build warned about, per file: (path inside the corpus, what happened). Kept, and cached, so that a
    # run loading the index from the cache warns exactly as the run that built it did. The path is relative so
    # the warning names the corpus folder as given on the run that shows it (the cache is per resolved folder).
    notes: tuple[tuple[str, str], ...] = ()
    # Adjective -> the comparative word forms the documents use ("thin": ("thinner",)), see comparative_table().
    comparatives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Per-stem figures asked for again and again while answering (memoised; the index never changes).
    _terms: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _max_scores: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    _idf_weights: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    _everywhere: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def term(self, stem: str) -> tuple[np.ndarray, np.ndarray]:
        """The passages containing a stem and rank-bm25's score of the stem for each."""
        found = self._terms.get(stem)
        if found is None:
            where = self.postings.get(stem)
            if where is None:
                return _EMPTY_I, _EMPTY_F
            off, n = where
            if len(self._terms) > 100_000:
                self._terms.clear()
            found = self._terms[stem] = (self.pids[off : off + n], self.scores[off : off + n])
        return found

    def max_score(self, stem: str) -> float:
        """The best score the stem gets in any passage (0 when absent)."""
        best = self._max_scores.get(stem)
        if best is None:
            _, scores = self.term(stem)
            best = self._max_scores[stem] = float(scores.max()) if len(scores) else 0.0
        return best

    def idf_weight(self, stem: str) -> float:
        """How informative a stem is: log((N + 1) / (df + 0.5)), always positive, for the abstention rule."""
        weight = self._idf_weights.get(stem)
        if weight is None:
            n = len(self.passages)
            weight = self._idf_weights[stem] = float(np.log((n + 1) / (self.df.get(stem, 0) + 0.5)))
        return weight

    def everywhere(self) -> frozenset[str]:
        """The stems in more than half the passages: what the documents are about ("microneedling", "skin" here),
        never a question's own topic."""
        if self._everywhere is None:
            self._everywhere = frozenset(stem for stem, n in self.df.items() if 2 * n > len(self.passages))
        return self._everywhere

    def stemmer(self) -> Stemmer:
        """A stemmer that already knows every word form of the corpus and the lexicon."""
        return Stemmer(self.stems)


def comparative_table(stems: dict[str, str], df: dict[str, int]) -> dict[str, tuple[str, ...]]:
    """Adjectives whose comparative the documents use ("areas with thinner skin"), so that a quality asked plainly
    ("thin skin") is searched there too. Made at build time: telling a comparative needs the word lists that a
    cold question should not have to load."""
    table: dict[str, list[str]] = {}
    for form, stem in stems.items():
        if stem in df and form.endswith("er"):
            base = adjective_of(form)
            if base is not None and stems.get(base) != stem:
                table.setdefault(base, []).append(form)
    return {base: tuple(forms) for base, forms in sorted(table.items())}


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


class _Terms:
    """The index terms of passages, as `passage_terms` gives them, memoised per distinct word as written.

    Folding a word (Unicode normalisation) and stemming it dominate the cost of analysing text, and a corpus
    writes the same few thousand words over and over: each distinct word is analysed once, by the same
    functions `passage_terms` uses, and how often it occurs is counted for the speller's word list.
    """

    def __init__(self, stemmer: Stemmer) -> None:
        self.stemmer = stemmer
        self.stop = stopwords()
        self.memo: dict[str, tuple[str, ...]] = {}  # word as written -> its stems (stopwords dropped)
        self.forms: dict[str, list[str]] = {}  # word as written -> its folded forms
        self.counts: Counter[str] = Counter()  # word as written -> occurrences in sections, lead-ins and texts

    def __call__(self, p: Passage) -> list[str]:
        out: list[str] = []
        memo = self.memo
        for part in (p.section, p.context, p.text):
            if part:
                # A word matched in a text is matched whole on its own, so tokenize(word) analyses it alike.
                words = WORD_RE.findall(part)
                self.counts.update(words)
                for word in words:
                    if word not in memo:
                        forms = self.forms[word] = [f for tok in tokenize(word) for f in word_forms(tok.word)]
                        memo[word] = tuple(self.stemmer.stem(f) for f in forms if f not in self.stop)
                out.extend(chain.from_iterable(map(memo.__getitem__, words)))
        return out

    def surfaces(self) -> dict[str, int]:
        """Folded word forms -> occurrences, as counted over the passages seen since the last call."""
        out: dict[str, int] = {}
        for word, n in self.counts.items():
            for form in self.forms[word]:
                out[form] = out.get(form, 0) + n
        self.counts = Counter()
        return out


# One chunk of the passage stage: what a worker sends back for a run of files or documents.
_Chunk = tuple[
    list[tuple[str, str, list[tuple]] | None],  # per document: source, title, passages (fields after the pid)
    list[list[str]],  # per passage, its index terms
    dict[str, int],  # surface form -> occurrences
    list[tuple[str, str]],  # stems learnt (word form -> stem)
]
_Item = Document | tuple[str, str]  # a parsed document, or a file of a corpus (path inside it, text) to parse
_JOB: tuple[Sequence[_Item], Corpus | None] = ((), None)  # the work of a forked build, inherited by workers
_WORKER: _Terms | None = None  # a worker's analysis memo, kept from chunk to chunk
_FORK_LOCK = threading.Lock()  # one forked build at a time per process (workers read _JOB)


def _passage_chunk(span: tuple[int, int], job: tuple[Sequence[_Item], Corpus | None] | None = None,
                   analyse: _Terms | None = None) -> _Chunk:
    """Passages and index terms of items [start, end), in a worker (from _JOB) or in this process."""
    global _WORKER
    if analyse is None:
        if _WORKER is None:
            _WORKER = _Terms(Stemmer())
        analyse = _WORKER
    items, corpus = job or _JOB
    known = len(analyse.stemmer.known)
    out_docs: list[tuple[str, str, list[tuple]] | None] = []
    terms: list[list[str]] = []
    for item in items[span[0] : span[1]]:
        doc = item if isinstance(item, Document) else parse_file(corpus, *item)
        if doc is None:
            out_docs.append(None)
            continue
        ps = split_document(doc)
        fields = [(p.source, p.title, p.section, p.first_line, p.last_line, p.text, p.context, p.sentences) for p in ps]
        out_docs.append((doc.source, doc.title, fields))
        terms.extend(map(analyse, ps))
    learnt = list(islice(analyse.stemmer.known.items(), known, None))
    return out_docs, terms, analyse.surfaces(), learnt


# Below this much text, starting worker processes costs more than it saves; likewise for scoring postings.
PARALLEL_MIN_CHARS = 2_000_000
PARALLEL_MIN_POSTINGS = 200_000


def _workers(chars: int) -> int:
    """How many worker processes to split documents with (1: in this process)."""
    if chars < PARALLEL_MIN_CHARS or sys.platform != "linux" or os.environ.get("MNQA_WORKERS") == "1":
        return 1
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except (AttributeError, OSError):
        return 1


def _chunks(sizes: list[int], n: int) -> list[tuple[int, int]]:
    """Consecutive runs of documents of about equal text size, n of them or fewer."""
    total = sum(sizes) or 1
    spans, start, acc = [], 0, 0
    for i, size in enumerate(sizes):
        acc += size
        if acc * n >= total * (len(spans) + 1):
            spans.append((start, i + 1))
            start = i + 1
    if start < len(sizes):
        spans.append((start, len(sizes)))
    return spans


class _Pool:
    """The worker processes of one build (none when building in this process).

    Workers are forked, so they inherit the documents and the loaded modules (nothing is re-imported or sent
    over), and before the first progress report, so no renderer thread is running yet. They split the
    documents first, then score terms; results come back in order and are exactly what this process computes.
    """

    def __init__(self, items: Sequence[_Item], corpus: Corpus | None, chars: int) -> None:
        global _JOB, _WORKER
        self.workers = _workers(chars)
        self.pool = None
        self.locked = self.workers > 1 and _FORK_LOCK.acquire(blocking=False)
        if self.locked:
            import multiprocessing

            _punkt()  # nltk is loaded once, here, rather than in every worker
            _JOB, _WORKER = (items, corpus), None
            try:
                self.pool = multiprocessing.get_context("fork").Pool(self.workers)
            except (OSError, ValueError, ImportError):
                self.pool = None

    def imap(self, fn: Callable, tasks: list) -> Iterator:
        """fn over tasks in the workers, results in order, waited for in short slices (so Ctrl-C works)."""
        from multiprocessing import TimeoutError as Pending

        assert self.pool is not None
        results = self.pool.imap(fn, tasks)
        for _ in range(len(tasks)):
            while True:
                try:
                    yield results.next(timeout=0.2)
                    break
                except Pending:
                    continue

    def close(self) -> None:
        """Stop the workers (at once: all their results are in, or the build failed)."""
        global _JOB, _WORKER
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        if self.locked:
            _JOB, _WORKER = ((), None), None
            _FORK_LOCK.release()
            self.locked = False


def _passage_stage(items: Sequence[_Item], corpus: Corpus | None, sizes: list[int], pool: _Pool) -> Iterator[tuple[_Chunk, float]]:
    """Parse (files), split and analyse, in the workers when there are some; yield chunks in document order."""
    total = sum(sizes) or 1
    if pool.pool is not None:
        spans = _chunks(sizes, pool.workers * 8)
        results: Iterable[_Chunk] = pool.imap(_passage_chunk, spans)
    else:
        spans = _chunks(sizes, min(len(items), 20))
        analyse = _Terms(Stemmer())
        results = (_passage_chunk(span, (items, corpus), analyse) for span in spans)
    done = 0
    for (start, end), chunk in zip(spans, results):
        done += sum(sizes[start:end])
        yield chunk, done / total


class _Reporter:
    """Build progress as a percentage, reported when it moves (a renderer may be slow to call)."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.last = -1

    def __call__(self, fraction: float) -> None:
        done = min(100, int(fraction * 100))
        if self.progress is not None and done > self.last:
            self.last = done
            self.progress(done, 100)


# Share of the build time each stage takes (measured on a generated 100,000-passage corpus), for the progress bar.
_STAGES = {"passages": 0.55, "bm25": 0.1, "scores": 0.25, "stems": 0.1}


class _Postings:
    """Where every term occurs, laid out term by term (terms sorted, passages ascending), from the model's counts.

    Built with array operations rather than a Python loop over every (term, passage) pair: each passage's terms
    are numbered, and a stable sort by term number groups them while keeping passages in order.
    """

    def __init__(self, bm25) -> None:
        freqs = bm25.doc_freqs
        self.terms = sorted(bm25.idf)  # rank-bm25 has an idf for every term of the corpus
        number = {t: i for i, t in enumerate(self.terms)}
        per_passage = np.fromiter(map(len, freqs), dtype=np.int64, count=len(freqs))
        total = int(per_passage.sum())
        ids = np.fromiter(chain.from_iterable(map(number.__getitem__, f) for f in freqs), dtype=np.int32, count=total)
        tfs = np.fromiter(chain.from_iterable(f.values() for f in freqs), dtype=np.int64, count=total)
        order = np.argsort(ids, kind="stable")
        self.pids = np.repeat(np.arange(len(freqs), dtype=np.int32), per_passage)[order]
        self.tfs = tfs[order]  # the term's count in that passage
        self.counts = np.bincount(ids, minlength=len(self.terms))  # passages per term
        self.ends = np.cumsum(self.counts)
        self.starts = self.ends - self.counts
        first = np.full(len(self.terms), total, dtype=np.int64)
        np.minimum.at(first, ids, np.arange(total))
        self.appearance = np.argsort(first, kind="stable")  # terms in the order the corpus first uses them
        self.total = total


def _term_scores(bm25, layout: _Postings, report: Callable[[float], None], pool: _Pool | None = None) -> np.ndarray:
    """rank-bm25's score of every term for every passage containing it, in the layout's order.

    Each term is scored by the model's own get_batch_scores, with its own idf, k1, b and average length, on a
    view of the model restricted to the passages containing the term: get_batch_scores converts the whole
    document-length list to an array on every call, so on the full model each call would cost O(passages) and
    the build O(terms x passages). With workers, each scores runs of terms from the same numbers.
    """
    if pool is not None and pool.pool is not None and layout.total > PARALLEL_MIN_POSTINGS:
        return _term_scores_in_workers(bm25, layout, report, pool)
    model = type(bm25)
    view = object.__new__(model)
    view.__dict__.update(bm25.__dict__)
    lengths = np.asarray(bm25.doc_len)
    freqs = bm25.doc_freqs
    out = np.empty(layout.total, dtype=np.float64)
    positions = list(range(int(layout.counts.max()) if len(layout.counts) else 0))
    done = 0
    step = max(1, layout.total // 50)
    for term, start, end in zip(layout.terms, layout.starts.tolist(), layout.ends.tolist()):
        ids = layout.pids[start:end]
        view.doc_len = lengths[ids]
        view.doc_freqs = list(map(freqs.__getitem__, ids.tolist()))
        out[start:end] = model.get_batch_scores(view, [term], positions[: end - start])
        if end - done >= step:
            done = end
            report(end / layout.total)
    return out


# A run of terms for a worker to score with the model's own get_batch_scores: the model's class and settings
# (k1, b, epsilon or delta, average length), each term with its idf and how many passages contain it, and per
# posting the term's count in the passage and the passage's length.
_ScoreTask = tuple[type, dict, list[str], list[float], np.ndarray, np.ndarray, np.ndarray]


def _score_chunk(task: _ScoreTask) -> np.ndarray:
    """Scores of a run of terms (in a worker): get_batch_scores on a view holding just what each term needs."""
    global _WORKER
    _WORKER = None  # the passage stage is over: its memo can go
    model, settings, terms, idfs, counts, tfs, lengths = task
    view = object.__new__(model)
    view.__dict__.update(settings)
    out = np.empty(len(tfs), dtype=np.float64)
    positions = list(range(int(counts.max()) if len(counts) else 0))
    offset = 0
    for term, idf, n in zip(terms, idfs, counts.tolist()):
        view.idf = {term: idf}
        view.doc_len = lengths[offset : offset + n]
        view.doc_freqs = [{term: tf} for tf in tfs[offset : offset + n].tolist()]
        out[offset : offset + n] = model.get_batch_scores(view, [term], positions[:n])
        offset += n
    return out


def _term_scores_in_workers(bm25, layout: _Postings, report: Callable[[float], None], pool: _Pool) -> np.ndarray:
    lengths = np.asarray(bm25.doc_len)[layout.pids]
    settings = {k: v for k, v in bm25.__dict__.items() if type(v) in (int, float)}  # k1, b, avgdl, epsilon ...
    parts = pool.workers * 4
    tasks, start = [], 0
    for k in range(1, parts + 1):  # runs of terms with about equal numbers of postings
        stop = len(layout.terms) if k == parts else max(start, int(np.searchsorted(layout.ends, layout.total * k / parts)) + 1)
        if stop > start:
            lo, hi = int(layout.starts[start]), int(layout.ends[stop - 1])
            terms = layout.terms[start:stop]
            tasks.append((type(bm25), settings, terms, [bm25.idf[t] for t in terms], layout.counts[start:stop],
                          layout.tfs[lo:hi], lengths[lo:hi]))
            start = stop
    out, done = [], 0
    for part in pool.imap(_score_chunk, tasks):
        out.append(part)
        done += len(part)
        report(done / layout.total)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.float64)


def build(docs: list[Document], meta: Metadata, lexicon: Lexicon, progress: Progress | None = None) -> Index:
    """Build the index of parsed documents: passages, stems, and rank-bm25 scores for every term and passage."""
    return _build(docs, None, meta, lexicon, _ignore, progress)


def build_corpus(corpus: Corpus, lexicon: Lexicon, warn: Callable[[str], None], progress: Progress | None = None) -> Index:
    """Build the index of a corpus as read from disk, parsing its files along the way (as parse_corpus does)."""
    return _build(list(corpus.files), corpus, corpus.meta, lexicon, warn, progress)


def _ignore(_: str) -> None:
    pass


def _build(items: Sequence[_Item], corpus: Corpus | None, meta: Metadata, lexicon: Lexicon,
           warn: Callable[[str], None], progress: Progress | None) -> Index:
    sizes = [sum(len(b.text) for b in it.blocks) if isinstance(it, Document) else len(it[1]) for it in items]
    pool = _Pool(items, corpus, sum(sizes))
    try:
        return _build_with(pool, items, sizes, corpus, meta, lexicon, warn, _Reporter(progress))
    finally:
        pool.close()


def _build_with(pool: _Pool, items: Sequence[_Item], sizes: list[int], corpus: Corpus | None, meta: Metadata,
                lexicon: Lexicon, warn: Callable[[str], None], report: _Reporter) -> Index:
    import rank_bm25  # lazy: imports numpy's friends and multiprocessing, only needed here

    report(0.0)
    stemmer = Stemmer()
    passages: list[Passage] = []
    infos: list[DocInfo] = []
    tokenized: list[list[str]] = []
    surfaces: dict[str, int] = {}
    notes: list[tuple[str, str]] = []
    d = 0
    for (docs, terms, surf, learnt), fraction in _passage_stage(items, corpus, sizes, pool):
        for doc in docs:
            if doc is None:  # only a file of a corpus can have no content (a parsed Document always has some)
                rel = items[d][0]
                notes.append((rel, NO_CONTENT))
                warn(file_warning(corpus, rel, NO_CONTENT))
            else:
                source, title, fields = doc
                infos.append(DocInfo(source, title, len(fields)))
                base = len(passages)
                passages.extend([Passage(base + i, *f) for i, f in enumerate(fields)])
            d += 1
        tokenized.extend(terms)
        for form, n in surf.items():
            surfaces[form] = surfaces.get(form, 0) + n
        stemmer.known.update(learnt)
        report(_STAGES["passages"] * fraction)
    if not infos:
        raise CorpusError(f"no documents with readable content in {corpus.folder if corpus else 'the corpus'}")
    stage = _STAGES["passages"]
    # rank-bm25 cannot take an empty passage list or empty passages (avgdl 0); a corpus always has text here.
    # BM25L and BM25Plus (tried, see README) take no epsilon; scored, like Okapi, only where a term occurs.
    extra = {"epsilon": EPSILON} if VARIANT == "BM25Okapi" else {}
    bm25 = getattr(rank_bm25, VARIANT)(tokenized, k1=K1, b=B, **extra)
    del tokenized
    stage += _STAGES["bm25"]
    report(stage)

    layout = _Postings(bm25)
    scores = _term_scores(bm25, layout, lambda f: report(stage + _STAGES["scores"] * f), pool)
    pool.close()  # the workers' part is done
    stage += _STAGES["scores"]
    postings = dict(zip(layout.terms, zip(layout.starts.tolist(), layout.counts.tolist())))
    df = {layout.terms[t]: n for t, n in zip(layout.appearance.tolist(), layout.counts[layout.appearance].tolist())}
    pids = layout.pids
    del bm25, layout

    lexicon_words = lexicon.words()
    for word in lexicon_words:
        surfaces.setdefault(word, 0)
    stop = stopwords()
    faq_words = sorted(w for q in meta.faq for w in _forms(q) if w not in stop)
    # Numbers are matched to the lexicon written out ("1 session" as "one session"): their stems are needed too.
    words = [w for w in surfaces if w not in stop] + faq_words + [w for w in SPELT_NUMBERS if w not in stop]
    for word in words:
        stemmer.stem(word)
    # Inflections are stemmed ahead for the words people are likely to ask with: the lexicon's, the FAQ's and the
    # corpus's most frequent (all of them in a small corpus). Only a question's speed depends on this table.
    common = sorted((w for w in surfaces if w not in stop), key=lambda w: (-surfaces[w], w))[:VARIANT_WORDS]
    inflect = sorted(set(common) | (lexicon_words - stop) | set(faq_words))
    base = set(stemmer.known)
    for n, word in enumerate(inflect):
        for variant in _variants(word):
            if variant not in base and stemmer.stem(variant) not in df:
                del stemmer.known[variant]
        if n % 1000 == 0:
            report(stage + _STAGES["stems"] * n / len(inflect))
    known = dict(sorted(stemmer.known.items()))
    table = comparative_table(known, df)
    report(1.0)
    return Index(
        passages=passages,
        docs=infos,
        faq=meta.faq,
        stems=known,
        df=df,
        surfaces=dict(sorted(surfaces.items())),
        postings=postings,
        pids=pids,
        scores=scores,
        params={"k1": K1, "b": B, "epsilon": EPSILON},
        notes=tuple(notes),
        comparatives=table,
    )
