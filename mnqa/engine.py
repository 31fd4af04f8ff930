"""The engine: corpus -> index (cached) -> analysed questions -> Answer values. It never prints."""

from __future__ import annotations

import hashlib
import itertools
import os
import signal
import threading
from collections import deque
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from mnqa import store
from mnqa.analysis import load_frequencies, stopwords
from mnqa.documents import CorpusError, file_warning, read_corpus
from mnqa.index import B, EPSILON, K1, VARIANT, DocInfo, Index, Progress, build_corpus
from mnqa.lexicon import Lexicon, compile_lexicon, load_lexicon
from mnqa.models import Answer, Passage, Searched
from mnqa.passages import MAX_CHARS
from mnqa.query import MAX_QUESTION_CHARS, Query, Vocabulary, analyze
from mnqa.search import Searcher

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["Engine", "CorpusError"]

Warn = Callable[[str], None]


def _ignore(_: str) -> None:
    pass


# Questions sent to a worker process at a time: enough that sending costs little beside answering, few enough
# that the workers finish together.
ASK_CHUNK = 16
_ASKING: tuple[Engine, int] | None = None  # what forked workers answer with (set before they fork)
_ASK_LOCK = threading.Lock()  # one pool of answering workers at a time per process (they read _ASKING)


def _ask_chunk(questions: list[str | None]) -> list[Answer | None]:
    """In a worker: answer a chunk of questions with the engine it was forked with."""
    assert _ASKING is not None
    engine, top_k = _ASKING
    return [None if q is None else engine.ask(q, top_k) for q in questions]


class _NoWorkers(Exception):
    """The worker processes could not be forked, or one died (killed, out of memory)."""


def _wait(future: Future) -> list[Answer | None]:
    """A worker's answers, waited for in short slices so that Ctrl-C is noticed at once."""
    from concurrent.futures.process import BrokenProcessPool

    while True:
        try:
            return future.result(timeout=0.2)
        except TimeoutError:  # concurrent.futures' own, since Python 3.11
            continue
        except BrokenProcessPool as exc:
            raise _NoWorkers from exc


def _worker_ignores_ctrl_c() -> None:
    # A terminal's Ctrl-C reaches every process of the group; the parent stops the workers, quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A digest of the code that shapes an index, so a changed parser or chunker never reuses an old cache."""
    h = hashlib.blake2b(digest_size=12)
    for name in ("analysis", "documents", "passages", "index", "store"):
        h.update(resources.files("mnqa").joinpath(f"{name}.py").read_bytes())
    return h.hexdigest()


class Engine:
    """Answers questions from one corpus. Build it with Engine.from_corpus(path)."""

    def __init__(self, index: Index, lexicon: Lexicon) -> None:
        self.index = index
        self.lexicon = lexicon
        self.stemmer = index.stemmer()
        self.compiled = compile_lexicon(lexicon, self.stemmer)
        self.vocab = Vocabulary(set(index.df), index.surfaces, set(self.compiled.ask_stems), set(index.everywhere()),
                                index.comparatives)
        self.searcher = Searcher(index, self.stemmer)
        self._faq_stems: list[set[str]] | None = None

    @classmethod
    def from_corpus(
        cls,
        path: str | os.PathLike[str],
        *,
        cache_dir: str | os.PathLike[str] | None = None,
        lexicon: Lexicon | None = None,
        warn: Warn = _ignore,
        progress: Progress | None = None,
    ) -> Engine:
        """Load a corpus folder, from the index cache when it is current, else by building (and caching) it."""
        lexicon = lexicon or load_lexicon()
        corpus = read_corpus(path, warn)
        key = store.cache_key(corpus, lexicon.source, ",".join(sorted(stopwords())), f"{VARIANT} {K1} {B} {EPSILON} {MAX_CHARS}",
                              _code_fingerprint())
        cache_file = store.cache_path(Path(cache_dir), corpus, key) if cache_dir is not None else None
        index = None
        if cache_file is not None:
            try:
                index = store.load(cache_file, key)
            except store.CacheError as exc:
                warn(f"index cache {cache_file}: {exc}; rebuilding it")
            except OSError as exc:
                warn(f"index cache {cache_file}: not usable ({exc.strerror or exc}); running without a cache")
                cache_file = None
        if index is not None:
            # What building warned about (files with no readable content) is warned about on every run, in the
            # same words and order: the build's notes, with paths under the corpus folder as given this time.
            for rel, what in index.notes:
                warn(file_warning(corpus, rel, what))
        else:
            index = build_corpus(corpus, lexicon, warn, progress)
            if cache_file is not None:
                try:
                    store.save(cache_file, index, key)
                except OSError as exc:
                    warn(f"index cache {cache_file.parent}: not usable ({exc.strerror or exc}); running without a cache")
        return cls(index, lexicon)

    def prepare(self) -> None:
        """Load now what some questions need later (nltk's stemmer, English word frequencies): a batch's start-up."""
        self.stemmer.load()
        load_frequencies()

    def ask_all(self, questions: Iterable[str | None], top_k: int = 3, workers: int = 1) -> Iterator[Answer | None]:
        """Answers to `questions` in their order, None for None (a line that could not be read keeps its place).

        With workers > 1 (on a system that can fork), that many forked processes answer, inheriting this loaded
        engine; the answers are the ones `ask` gives, in the same order. They read a few chunks of questions
        ahead, so a live pipe that waits for each answer before sending the next question would stall.
        """
        global _ASKING
        if workers <= 1 or not _ASK_LOCK.acquire(blocking=False):
            yield from self._ask_each(questions, top_k)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        _ASKING = (self, max(1, top_k))
        pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), _worker_ignores_ctrl_c)
        it = iter(questions)  # read here, a few chunks ahead of the answers; its errors are the caller's
        window: deque[tuple[list[str | None], Future | None]] = deque()  # chunks sent, oldest first
        try:
            while True:
                while len(window) < 2 * workers and (chunk := list(itertools.islice(it, ASK_CHUNK))):
                    window.append((chunk, None))
                    try:
                        window[-1] = (chunk, pool.submit(_ask_chunk, chunk))
                    except (BrokenProcessPool, OSError) as exc:  # forking failed, or the pool broke meanwhile
                        raise _NoWorkers from exc
                if not window:
                    return
                answers = _wait(window[0][1])  # type: ignore[arg-type]
                window.popleft()
                yield from answers
        except _NoWorkers:
            pass  # what the workers had not answered is answered here: no question is lost
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
            _ASKING = None
            _ASK_LOCK.release()
        yield from self._ask_each(itertools.chain([q for chunk, _ in window for q in chunk], it), top_k)

    def _ask_each(self, questions: Iterable[str | None], top_k: int) -> Iterator[Answer | None]:
        for question in questions:
            yield None if question is None else self.ask(question, top_k)

    @property
    def documents(self) -> list[DocInfo]:
        """The documents indexed, in order."""
        return self.index.docs

    @property
    def faq(self) -> tuple[str, ...]:
        """The trainers' common questions (from the corpus folder's mnqa.toml)."""
        return self.index.faq

    def analyze(self, question: str) -> Query:
        """The analysed form of a question (what will be searched)."""
        return analyze(question, self.vocab, self.compiled, self.stemmer)

    def ask(self, question: str, top_k: int = 3, start: int = 0) -> Answer:
        """Answer a question with the top_k best distinct passages after the first `start`."""
        query = self.analyze(question)
        searched = Searched(tuple(query.terms), tuple(query.expansions), dict(query.corrections), tuple(query.unknown))
        notice = f"the question was cut to its first {MAX_QUESTION_CHARS} characters" if query.truncated else None
        question = query.text
        if not query.weights:
            reason = "no question given" if not question.strip() else "nothing in the question to search for"
            return Answer(question, False, searched, (), self.suggest(query), notice, reason)
        ranked = self.searcher.search(query, max(1, top_k), max(0, start))
        reason = None if ranked.answered else "the documents do not answer this"
        if not ranked.answered and query.clinic:
            reason = "the documents are general articles: they cannot say what this clinic offers"
        return Answer(
            question,
            ranked.answered,
            searched,
            tuple(ranked.hits) if ranked.answered else (),  # a weak match is never passed off as an answer
            () if ranked.answered else self.suggest(query),
            notice,
            reason,
            ranked.more,
            round(ranked.coverage, 4),
        )

    def suggest(self, query: Query, n: int = 3) -> tuple[str, ...]:
        """Questions the documents can answer, those sharing words with the query first."""
        if self._faq_stems is None:
            self._faq_stems = [set(self.analyze(q).weights) for q in self.faq]
        mine = set(query.weights)
        scored = [(-len(mine & stems), i, q) for i, (q, stems) in enumerate(zip(self.faq, self._faq_stems))]
        return tuple(q for _, _, q in sorted(scored)[:n])

    def section_of(self, passage: Passage) -> list[Passage]:
        """The passages of the same document and section as `passage`, in order (for reading it in context)."""
        return [p for p in self.index.passages if p.source == passage.source and p.section == passage.section]
