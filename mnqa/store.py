"""The on-disk index cache: plain data (a JSON header and body, then raw number arrays), never pickle.

The file name carries a key made of the corpus contents and everything that shapes the index (mnqa's version,
the lexicon, the stopwords, the chunking and ranking parameters), so a change to any of them rebuilds. A
checksum over the whole file catches corruption and truncation. Writes go to a temporary file that is then
renamed, so readers never see half a file and concurrent builders do not disturb each other.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path

import numpy as np

from mnqa import __version__
from mnqa.documents import Corpus
from mnqa.index import DocInfo, Index
from mnqa.models import Passage

FORMAT = 1
MAGIC = b"MNQA-INDEX\n"


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


def _body(index: Index) -> dict:
    docs = {d.source: i for i, d in enumerate(index.docs)}
    return {
        "docs": [[d.source, d.title, d.passages] for d in index.docs],
        "faq": list(index.faq),
        "params": index.params,
        "stems": index.stems,
        "df": index.df,
        "surfaces": index.surfaces,
        "postings": index.postings,
        "passages": [
            [docs[p.source], p.section, p.first_line, p.last_line, p.text, p.context, [x for s in p.sentences for x in s]]
            for p in index.passages
        ],
    }


def dump(index: Index, key: str) -> bytes:
    """The cache file's bytes for an index."""
    body = json.dumps(_body(index), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    pids = index.pids.astype("<i4").tobytes()
    scores = index.scores.astype("<f8").tobytes()
    payload = body + pids + scores
    header = {"format": FORMAT, "version": __version__, "key": key, "body": len(body), "postings": len(index.pids),
              "crc": zlib.crc32(payload)}
    return MAGIC + json.dumps(header).encode("ascii") + b"\n" + payload


class CacheError(Exception):
    """The cache file is not a valid index for this key (corrupt, truncated, other version or corpus)."""


def parse(data: bytes, key: str) -> Index:
    """An index from cache file bytes; raise CacheError when anything does not check out."""
    if not data.startswith(MAGIC):
        raise CacheError("not an mnqa index file")
    end = data.find(b"\n", len(MAGIC))
    try:
        header = json.loads(data[len(MAGIC) : end])
        blen, n = int(header["body"]), int(header["postings"])
    except (ValueError, KeyError, TypeError) as exc:
        raise CacheError(f"bad header ({exc})") from None
    if header.get("format") != FORMAT or header.get("key") != key:
        raise CacheError("made for another corpus or version")
    payload = memoryview(data)[end + 1 :]
    if len(payload) != blen + 12 * n or zlib.crc32(payload) != header.get("crc"):
        raise CacheError("checksum mismatch (corrupt or truncated)")
    try:
        body = json.loads(bytes(payload[:blen]))
        pids = np.frombuffer(payload[blen : blen + 4 * n], dtype="<i4")
        scores = np.frombuffer(payload[blen + 4 * n :], dtype="<f8")
        docs = [DocInfo(s, t, c) for s, t, c in body["docs"]]
        passages = []
        for pid, (d, section, first, last, text, context, flat) in enumerate(body["passages"]):
            sentences = tuple(zip(flat[::2], flat[1::2]))
            passages.append(Passage(pid, docs[d].source, docs[d].title, section, first, last, text, context, sentences))
        return Index(
            passages=passages,
            docs=docs,
            faq=tuple(body["faq"]),
            stems=body["stems"],
            df=body["df"],
            surfaces=body["surfaces"],
            postings={t: (o, c) for t, (o, c) in body["postings"].items()},
            pids=pids,
            scores=scores,
            params=body["params"],
        )
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise CacheError(f"bad contents ({exc})") from None


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
            fh.write(dump(index, key))
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
