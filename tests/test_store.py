"""The index cache file: what is loaded is what was built, passages decoded lazily; damage is caught."""

from __future__ import annotations

import dataclasses
import errno
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
    assert (loaded.docs, loaded.faq, loaded.params, loaded.notes) == (built.docs, built.faq, built.params, built.notes)
    assert loaded.comparatives == built.comparatives and built.comparatives["thin"] == ("thinner",)
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


def test_build_notes_are_kept_in_the_file(built) -> None:
    notes = (("sub/widget.txt", "skipped, no readable content"), ("é:ü.md", "skipped, no readable content"))
    loaded = store.parse(store.dump(dataclasses.replace(built, notes=notes), "k"), "k")
    assert loaded.notes == notes


def test_comparatives_that_are_not_words_are_refused(built) -> None:
    bad = dataclasses.replace(built, comparatives={"thin": (3,)})  # type: ignore[dict-item]
    with pytest.raises(store.CacheError, match="comparatives"):
        store.parse(store.dump(bad, "k"), "k")


def test_notes_that_are_not_text_are_refused(built) -> None:
    with pytest.raises(store.CacheError, match="notes"):
        store.parse(store.dump(dataclasses.replace(built, notes=((1, "skipped"),)), "k"), "k")  # type: ignore[arg-type]


def test_a_file_of_the_previous_format_is_refused(built) -> None:
    data = store.dump(built, "k")
    old = data.replace(f'"format": {store.FORMAT},'.encode(), f'"format": {store.FORMAT - 1},'.encode(), 1)
    assert old != data
    with pytest.raises(store.CacheError, match="another corpus or version"):
        store.parse(old, "k")


@pytest.mark.parametrize("fault", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
                         ids=["full disk", "ctrl-c"])
def test_a_save_that_fails_midway_leaves_no_temporary_file_and_the_old_index_intact(
    built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: BaseException
) -> None:
    path = tmp_path / "abcd-new.idx"
    store.save(path, built, "old")
    older = tmp_path / "abcd-older.idx"  # another index of the same folder: removed only once a save succeeds
    older.write_bytes(b"older")
    before = {f.name: f.read_bytes() for f in tmp_path.iterdir()}
    real = store._chunks
    written: list[int] = []

    def failing_chunks(index, key):  # yields the header and a few sections, then the write fails
        for n, piece in enumerate(real(index, key)):
            if n == 4:
                raise fault
            written.append(len(piece))
            yield piece

    monkeypatch.setattr(store, "_chunks", failing_chunks)
    with pytest.raises(type(fault)):
        store.save(path, built, "new")
    assert len(written) == 4 and sum(written) > 0  # the temporary file had been partly written
    assert {f.name: f.read_bytes() for f in tmp_path.iterdir()} == before  # no .tmp left, nothing else touched
    assert store.load(path, "old") is not None
