"""The on-disk index cache: plain data (a JSON header, a JSON section, raw number arrays, UTF-8 texts), never pickle.

The file name carries a key made of the corpus contents and everything that shapes the index (mnqa's version,
the lexicon, the stopwords, the chunking and ranking parameters), so a change to any of them rebuilds. A
checksum over the whole file catches corruption and truncation. Writes go to a temporary file that is then
renamed, so readers never see half a file and concurrent builders do not disturb each other.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

import numpy as np

from mnqa import __version__
from mnqa.documents import Corpus
from mnqa.index import DocInfo, Index
from mnqa.models import Passage

FORMAT = 4  # 3: build-time notes (warnings to replay) in the meta section; 4: comparatives; older files are rebuilt
MAGIC = b"MNQA-INDEX\n"
_ALIGN = 8  # sections start on 8-byte boundaries, so number arrays are read in place, aligned

# The sections of the payload, in file order: JSON, word lists, raw little-endian arrays, then passage texts.
# Word lists are words joined by NUL, which no word contains (words are runs of letters and digits).
_SECTIONS = (
    ("meta", None),  # JSON: docs, faq, params, strings (section headings and lead-ins, each once), notes
    ("terms", "words"),  # the stems with postings, in postings order
    ("stem_words", "words"),  # the stem table: word forms ...
    ("stem_stems", "words"),  # ... and their stems
    ("surface_words", "words"),  # the speller's word forms ...
    ("surface_counts", "<i4"),  # ... and their frequencies
    ("counts", "<i4"),  # per term: how many passages contain it (postings run consecutively, term by term)
    ("pids", "<i4"),  # per posting: the passage
    ("scores", "<f8"),  # per posting: rank-bm25's score of the term for the passage
    ("rows", "<i4"),  # per passage: document, section (-1: none), lead-in (-1: none), first line, last line
    ("text_ends", "<i8"),  # per passage: where its text ends in `texts` (bytes)
    ("span_ends", "<i8"),  # per passage: where its sentence spans end in `spans` (numbers)
    ("spans", "<i4"),  # sentence spans, start and end, passage after passage
    ("texts", None),  # the passage texts, UTF-8, one after another
)


def cache_key(corpus: Corpus, *parts: str) -> str:
    """A digest of the corpus contents and of everything else that shapes the index."""
    h = hashlib.blake2b(digest_size=20)
    for part in (__version__, str(FORMAT), corpus.label, *parts):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(corpus.meta_raw + b"\0")
    for rel, text in corpus.files:
        h.update(rel.encode("utf-8", "surrogatepass") + b"\0" + text.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


def cache_path(cache_dir: Path, corpus: Corpus, key: str) -> Path:
    """Where the index of this corpus folder, in this state, is cached."""
    where = hashlib.blake2b(str(corpus.folder.resolve()).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return cache_dir / f"{where}-{key}.idx"


class PassageTable(Sequence[Passage]):
    """An index's passages as stored in the cache file, each made into a Passage when first asked for.

    Loading an index then costs the same whatever the size of the corpus: a question only ever looks at the
    few hundred passages that share its words.
    """

    def __init__(self, docs: list[DocInfo], sections: list[str | None], rows: np.ndarray, text_ends: np.ndarray,
                 span_ends: np.ndarray, spans: np.ndarray, texts: memoryview) -> None:
        self._docs = docs
        self._sections = sections
        self._rows = rows
        self._text_ends = text_ends
        self._span_ends = span_ends
        self._spans = spans
        self._texts = texts
        self._made: dict[int, Passage] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> Passage: ...

    @overload
    def __getitem__(self, i: slice) -> list[Passage]: ...

    def __getitem__(self, i: int | slice) -> Passage | list[Passage]:
        try:
            return self._made[i]  # the common case, first: a passage already made
        except (KeyError, TypeError):
            pass
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        pid = operator.index(i)
        if pid < 0:
            pid += len(self)
        p = self._made.get(pid)
        if p is None:
            if not 0 <= pid < len(self):
                raise IndexError("passage id out of range")
            d, section, context, first, last = self._rows[pid].tolist()
            t0 = int(self._text_ends[pid - 1]) if pid else 0
            s0 = int(self._span_ends[pid - 1]) if pid else 0
            flat = self._spans[s0 : int(self._span_ends[pid])].tolist()
            doc = self._docs[d]
            raw = self._texts[t0 : int(self._text_ends[pid])]
            try:
                text = str(raw, "utf-8", "surrogatepass")
            except UnicodeDecodeError:  # only a tampered file (the checksum catches damage): never fail a question
                text = str(raw, "utf-8", "replace")
            p = Passage(pid, doc.source, doc.title, self._sections[section] if section >= 0 else None, first, last,
                        text, self._sections[context] if context >= 0 else None, tuple(zip(flat[::2], flat[1::2])))
            self._made[pid] = p
        return p

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self)))


def _sections(index: Index) -> dict[str, bytes]:
    docs = {d.source: i for i, d in enumerate(index.docs)}
    strings: dict[str | None, int] = {}  # section headings and lead-ins, each stored once
    rows, text_ends, span_ends, flat, texts = [], [], [], [], []
    t = s = 0
    for p in index.passages:
        section = strings.setdefault(p.section, len(strings)) if p.section is not None else -1
        context = strings.setdefault(p.context, len(strings)) if p.context is not None else -1
        rows.append((docs[p.source], section, context, p.first_line, p.last_line))
        text = p.text.encode("utf-8", "surrogatepass")
        texts.append(text)
        t += len(text)
        text_ends.append(t)
        flat.extend(x for span in p.sentences for x in span)
        s = len(flat)
        span_ends.append(s)
    terms = list(index.postings)
    meta = {
        "docs": [[d.source, d.title, d.passages] for d in index.docs],
        "faq": list(index.faq),
        "params": index.params,
        "strings": list(strings),
        "notes": [[rel, what] for rel, what in index.notes],
        "comparatives": {base: list(forms) for base, forms in index.comparatives.items()},
    }
    # Postings are stored term after term, in the order the terms are listed.
    terms.sort(key=lambda t: index.postings[t][0])
    counts = [index.postings[t][1] for t in terms]
    if [index.postings[t][0] for t in terms] == np.cumsum([0] + counts[:-1]).tolist() and sum(counts) == len(index.pids):
        pids, scores = index.pids, index.scores  # already laid out that way (as build() makes them)
    else:
        pids = np.concatenate([index.term(t)[0] for t in terms]) if terms else np.zeros(0)
        scores = np.concatenate([index.term(t)[1] for t in terms]) if terms else np.zeros(0)
    return {
        "meta": json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"),
        "terms": _words(terms),
        "stem_words": _words(index.stems),
        "stem_stems": _words(index.stems.values()),
        "surface_words": _words(index.surfaces),
        "surface_counts": np.fromiter(index.surfaces.values(), dtype="<i4", count=len(index.surfaces)).tobytes(),
        "counts": np.asarray(counts, dtype="<i4").tobytes(),
        "pids": pids.astype("<i4").tobytes(),
        "scores": scores.astype("<f8").tobytes(),
        "rows": np.asarray(rows, dtype="<i4").reshape(-1, 5).tobytes(),
        "text_ends": np.asarray(text_ends, dtype="<i8").tobytes(),
        "span_ends": np.asarray(span_ends, dtype="<i8").tobytes(),
        "spans": np.asarray(flat, dtype="<i4").tobytes(),
        "texts": b"".join(texts),
    }


def _words(words) -> bytes:
    """Words as one UTF-8 string, each preceded by NUL (no word contains one)."""
    words = list(words)
    if any("\0" in w for w in words):
        raise ValueError("a word with a NUL character cannot be stored")
    return "".join("\0" + w for w in words).encode("utf-8", "surrogatepass")


def _unwords(data: memoryview, count: int | None = None) -> list[str]:
    words = str(data, "utf-8", "surrogatepass").split("\0")[1:]
    if count is not None and len(words) != count:
        raise ValueError("word list of the wrong length")
    return words


def _chunks(index: Index, key: str) -> list[bytes]:
    """The cache file's bytes for an index, in pieces (written one after another, never joined in memory)."""
    parts = _sections(index)
    pieces, lengths, crc = [], [], 0
    for name, _ in _SECTIONS:
        for piece in (parts[name], b"\0" * (-len(parts[name]) % _ALIGN)):
            pieces.append(piece)
            crc = zlib.crc32(piece, crc)
        lengths.append(len(parts[name]))
    header = json.dumps({"format": FORMAT, "version": __version__, "key": key, "sections": lengths, "crc": crc})
    head = MAGIC + header.encode("ascii")
    head += b" " * (-(len(head) + 1) % _ALIGN) + b"\n"  # so the payload starts aligned too
    return [head, *pieces]


def dump(index: Index, key: str) -> bytes:
    """The cache file's bytes for an index."""
    return b"".join(_chunks(index, key))


class CacheError(Exception):
    """The cache file is not a valid index for this key (corrupt, truncated, other version or corpus)."""


def parse(data: bytes, key: str) -> Index:
    """An index from cache file bytes; raise CacheError when anything does not check out."""
    if not data.startswith(MAGIC):
        raise CacheError("not an mnqa index file")
    end = data.find(b"\n", len(MAGIC))
    try:
        header = json.loads(data[len(MAGIC) : end])
        lengths = [int(n) for n in header["sections"]]
        if len(lengths) != len(_SECTIONS) or min(lengths) < 0:
            raise ValueError("wrong sections")
    except (ValueError, KeyError, TypeError) as exc:
        raise CacheError(f"bad header ({exc})") from None
    if header.get("format") != FORMAT or header.get("key") != key:
        raise CacheError("made for another corpus or version")
    payload = memoryview(data)[end + 1 :]
    if len(payload) != sum(n + (-n % _ALIGN) for n in lengths) or zlib.crc32(payload) != header.get("crc"):
        raise CacheError("checksum mismatch (corrupt or truncated)")
    try:
        parts: dict[str, memoryview | np.ndarray] = {}
        at = 0
        for (name, dtype), n in zip(_SECTIONS, lengths):
            chunk = payload[at : at + n]
            parts[name] = chunk if dtype in (None, "words") else np.frombuffer(chunk, dtype=dtype)
            at += n + (-n % _ALIGN)
        meta = json.loads(bytes(parts["meta"]))
        docs = [DocInfo(str(s), str(t), int(c)) for s, t, c in meta["docs"]]
        strings: list[str] = meta["strings"]
        # Notes are replayed as warnings, so anything but (text, text) pairs is refused rather than shown.
        if not all(isinstance(note, list) and len(note) == 2 and all(isinstance(x, str) for x in note)
                   for note in meta["notes"]):
            raise ValueError("notes that are not pairs of texts")
        notes = tuple((rel, what) for rel, what in meta["notes"])
        table = meta["comparatives"]
        if not isinstance(table, dict) or not all(isinstance(forms, list) and all(isinstance(f, str) for f in forms)
                                                  for forms in table.values()):
            raise ValueError("comparatives that are not lists of words")
        comparatives = {str(base): tuple(forms) for base, forms in table.items()}
        terms = _unwords(parts["terms"], len(parts["counts"]))
        stem_words = _unwords(parts["stem_words"])
        stems = dict(zip(stem_words, _unwords(parts["stem_stems"], len(stem_words))))
        surfaces = dict(zip(_unwords(parts["surface_words"], len(parts["surface_counts"])),
                            parts["surface_counts"].tolist()))
        counts, pids, scores = parts["counts"], parts["pids"], parts["scores"]
        rows = parts["rows"].reshape(-1, 5)
        text_ends, span_ends, spans, texts = parts["text_ends"], parts["span_ends"], parts["spans"], parts["texts"]
        n = len(rows)
        # Everything a passage or a posting points at must exist, so a question can never trip over the file.
        if (len(counts) != len(terms) or int(counts.sum()) != len(pids) or len(scores) != len(pids)
                or (len(counts) and counts.min() < 1) or (len(pids) and (pids.min() < 0 or pids.max() >= n))
                or len(text_ends) != n or len(span_ends) != n or sum(d.passages for d in docs) != n
                or (n and (rows[:, 0].min() < 0 or rows[:, 0].max() >= len(docs) or rows[:, 1:3].min() < -1
                           or rows[:, 1:3].max() >= len(strings)))
                or not _ascending(text_ends, len(texts)) or not _ascending(span_ends, len(spans))
                or np.any(span_ends % 2)):
            raise ValueError("inconsistent sections")
        ends = np.cumsum(counts, dtype=np.int64)
        postings = dict(zip(terms, zip((ends - counts).tolist(), counts.tolist())))
        return Index(
            passages=PassageTable(docs, strings, rows, text_ends, span_ends, spans, texts),
            docs=docs,
            faq=tuple(meta["faq"]),
            stems=stems,
            df=dict(zip(terms, counts.tolist())),
            surfaces=surfaces,
            postings=postings,
            pids=pids,
            scores=scores,
            params=meta["params"],
            notes=notes,
            comparatives=comparatives,
        )
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError) as exc:
        raise CacheError(f"bad contents ({exc})") from None


def _ascending(ends: np.ndarray, total: int) -> bool:
    """Whether section end offsets never go back and the last one is the section's length."""
    return bool(len(ends) == 0 and total == 0 or len(ends) and ends[0] >= 0 and ends[-1] == total
                and np.all(ends[1:] >= ends[:-1]))


def load(path: Path, key: str) -> Index | None:
    """The cached index at path, or None when there is none; raise CacheError when it is unusable."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # no cache yet; a blocked folder shows when saving
        return None
    return parse(data, key)


def save(path: Path, index: Index, key: str) -> None:
    """Write the index atomically (temporary file, then rename) and remove older indexes of the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(_chunks(index, key))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    prefix = path.name.split("-", 1)[0] + "-"
    for old in path.parent.glob(prefix + "*.idx"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
