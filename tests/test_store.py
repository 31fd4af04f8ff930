"""The index cache file: what is loaded is what was built, passages decoded lazily; damage is caught."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from mnqa import store
from mnqa.documents import parse_corpus, read_corpus
from mnqa.index import build
from mnqa.lexicon import load_lexicon

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def built():
    corpus = read_corpus(CORPUS, lambda _: None)
    return build(parse_corpus(corpus, lambda _: None), corpus.meta, load_lexicon())


def test_loaded_index_equals_built_index(built) -> None:
    loaded = store.parse(store.dump(built, "k"), "k")
    assert len(loaded.passages) == len(built.passages)
    assert list(loaded.passages) == list(built.passages)
    assert loaded.passages[-1] == built.passages[-1] and loaded.passages[1:4] == built.passages[1:4]
    assert loaded.passages[3] is loaded.passages[3]  # made once
    with pytest.raises(IndexError):
        loaded.passages[len(built.passages)]
    assert (loaded.docs, loaded.faq, loaded.params) == (built.docs, built.faq, built.params)
    assert (loaded.stems, loaded.df, loaded.surfaces, loaded.postings) == (built.stems, built.df, built.surfaces, built.postings)
    assert np.array_equal(loaded.pids, built.pids) and loaded.scores.tobytes() == built.scores.tobytes()
    assert store.dump(loaded, "k") == store.dump(built, "k")


def test_number_arrays_are_aligned_in_the_file(built) -> None:
    loaded = store.parse(store.dump(built, "k"), "k")
    assert loaded.scores.ctypes.data % 8 == 0 and loaded.pids.ctypes.data % 4 == 0


def test_a_consistent_looking_but_wrong_file_is_refused(built) -> None:
    data = bytearray(store.dump(built, "k"))
    end = data.index(b"\n", len(store.MAGIC))
    header = json.loads(data[len(store.MAGIC) : end])
    # Point every passage at a document that does not exist, and fix up the checksum as a forger would.
    names = [name for name, _ in store._SECTIONS]
    at = end + 1 + sum(n + (-n % 8) for n in header["sections"][: names.index("rows")])
    rows = np.frombuffer(bytes(data[at : at + header["sections"][names.index("rows")]]), dtype="<i4").copy()
    rows[::5] = 10_000
    data[at : at + rows.nbytes] = rows.tobytes()
    import zlib

    header["crc"] = zlib.crc32(bytes(data[end + 1 :]))
    head = store.MAGIC + json.dumps(header).encode()
    head += b" " * (-(len(head) + 1) % 8) + b"\n"
    with pytest.raises(store.CacheError):
        store.parse(head + bytes(data[end + 1 :]), "k")


def test_truncation_is_a_checksum_error(built) -> None:
    data = store.dump(built, "k")
    with pytest.raises(store.CacheError, match="checksum"):
        store.parse(data[:-100], "k")
