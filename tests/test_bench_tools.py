"""The benchmark's generated corpus: deterministic, and shaped so each paragraph or list is one passage."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from mnqa.documents import parse_corpus, read_corpus
from mnqa.passages import split_corpus

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "make_big_corpus.py"


def generate(out: Path, *args: str) -> str:
    """Run the generator; a digest of every file it wrote (names and bytes)."""
    subprocess.run([sys.executable, str(GENERATOR), str(out), *args], check=True, capture_output=True, cwd=ROOT)
    h = hashlib.sha256()
    for path in sorted(out.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(out).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", "--passages", "300")
    again = generate(tmp_path / "b", "--passages", "300")
    other = generate(tmp_path / "c", "--passages", "300", "--seed", "7")
    assert first == again
    assert first != other


def test_the_requested_number_of_passages_over_files_in_folders(tmp_path: Path) -> None:
    out = tmp_path / "big"
    generate(out, "--passages", "400", "--files", "20")
    corpus = read_corpus(out, lambda m: pytest_fail(m))
    assert len(corpus.files) == 20 and len({Path(rel).parent for rel, _ in corpus.files}) == 1
    assert len(corpus.meta.titles) == 20 and corpus.meta.faq  # titles and the FAQ come with it
    passages = split_corpus(parse_corpus(corpus, lambda m: pytest_fail(m)))
    assert len(passages) == 400
    assert any(p.context is None and "\n" in p.text for p in passages)  # lists with their lead-in


def pytest_fail(message: str) -> None:
    raise AssertionError(f"unexpected warning: {message}")
