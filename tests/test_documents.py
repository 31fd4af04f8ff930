"""Documents: structure, page debris, and reading corpus folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mnqa.documents import (
    CorpusError,
    is_call_to_action,
    is_debris,
    is_heading,
    parse,
    parse_corpus,
    read_corpus,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


def kinds(text: str) -> list[tuple[str, int, str]]:
    return [(b.kind, b.first, b.text) for b in parse(text)]


def test_corpus_holds_the_seed_documents_byte_for_byte() -> None:
    names = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert len(names) == 5
    if SEEDS.is_dir():  # shared/ stands beside the checkout on developer and CI machines
        assert names == sorted(p.name for p in SEEDS.glob("*.txt"))
        for name in names:
            assert (CORPUS / name).read_bytes() == (SEEDS / name).read_bytes()


def test_headings_paragraphs_and_lists_are_recognised() -> None:
    text = "Aftercare basics\n\nKeep the skin clean. Avoid the sun.\n\nWho should wait?\nPeople with:\n  • Sunburn.\n  2. Cold sores\n"
    assert kinds(text) == [
        ("heading", 1, "Aftercare basics"),
        ("paragraph", 3, "Keep the skin clean. Avoid the sun."),
        ("heading", 5, "Who should wait?"),
        ("paragraph", 6, "People with:"),
        ("item", 7, "• Sunburn."),
        ("item", 8, "2. Cold sores"),
    ]


def test_hard_wrapped_paragraph_lines_join_into_one_block() -> None:
    text = "The needles are very fine and the session\nusually takes under an hour.\nA second paragraph starts here.\n"
    blocks = parse(text)
    assert [(b.first, b.last) for b in blocks] == [(1, 2), (3, 3)]


@pytest.mark.parametrize(
    "line, heading",
    [
        ("Who is a bad candidate for microneedling?", True),
        ("Microdermabrasion vs. microneedling", True),
        ("Takeaway", True),
        ("Benefits of microneedling include:", False),
        ("Microneedling is a cosmetic surgery. It involves inserting sterile needles into the skin.", False),
        ("  • Swelling", False),
    ],
)
def test_heading_rule(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


@pytest.mark.parametrize(
    "line",
    [
        "@skinbydrazi Reply to @elinlindgr lasers versus #microneedling #dermatology #skincare ♬ original sound - Dr. Azi",
        "@glowclinic #peel #facial #skintok",
        "♪ original sound - @someone",
        "Was this helpful?",
        "Was this article useful?",
        "Share this page",
    ],
)
def test_page_debris_lines_are_recognised(line: str) -> None:
    assert is_debris(line)


@pytest.mark.parametrize(
    "line",
    ["Microneedling uses #1 rated needles.", "Email your doctor about anticoagulants.", "Was the treatment helpful for scars? Yes."],
)
def test_content_is_not_debris(line: str) -> None:
    assert not is_debris(line)


@pytest.mark.parametrize(
    "sentence, cta",
    [
        ("Schedule a consultation and learn how this therapy fits into a broader skincare regimen.", True),
        ("Call us today to book your session.", True),
        ("You can consult a laser specialist Newport Beach to learn more.", True),
        ("An experienced professional can answer any of your questions, so schedule an appointment today.", True),
        ("Adherence to the recommended treatment schedule contributes to the final aesthetic improvement.", False),
        ("A thorough consultation determines if a patient is a suitable candidate for the procedure.", False),
    ],
)
def test_calls_to_action(sentence: str, cta: bool) -> None:
    assert is_call_to_action(sentence) is cta


def test_debris_never_reaches_a_block_of_the_real_corpus() -> None:
    docs = parse_corpus(read_corpus(CORPUS, lambda _: None), lambda _: None)
    text = "\n".join(b.text for d in docs for b in d.blocks)
    assert "@skinbydrazi" not in text
    assert "Was this helpful?" not in text
    assert [d.title for d in docs][0].startswith("Microneedling")  # titles come from corpus/mnqa.toml


def test_a_heading_with_nothing_after_it_is_dropped() -> None:
    assert kinds("Some content here.\nRelated articles") == [("paragraph", 1, "Some content here.")]


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def test_reading_a_folder_skips_bad_files_with_one_warning_each(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret text from outside the corpus folder.")
    corpus = tmp_path / "docs"
    write(corpus, {
        "good.txt": "Microneedling uses fine needles.",
        "nested/deeper/also.md": "Nested documents count too.",
        "latin1.txt": "Caf\xe9 au lait".encode("latin-1"),
        "empty.txt": "",
        "binary.txt": b"\x00\x01\x02PNG",
        "notes.json": "{}",
    })
    os.symlink(outside, corpus / "link.txt")
    warnings: list[str] = []
    read = read_corpus(corpus, warnings.append)
    assert [rel for rel, _ in read.files] == ["good.txt", "nested/deeper/also.md"]
    assert len(warnings) == 4
    for name, why in [("latin1.txt", "not UTF-8"), ("empty.txt", "empty"), ("binary.txt", "binary"), ("link.txt", "outside")]:
        assert sum(name in w and why in w for w in warnings) == 1


def test_missing_or_empty_corpus_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        read_corpus(tmp_path / "nope", lambda _: None)
    with pytest.raises(CorpusError, match="no documents"):
        read_corpus(tmp_path, lambda _: None)


def test_broken_metadata_is_warned_about_and_file_names_stand_in(tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": "Some text about needles.", "mnqa.toml": "[titles\nbroken"})
    warnings: list[str] = []
    docs = parse_corpus(read_corpus(tmp_path, warnings.append), warnings.append)
    assert docs[0].title == "a"
    assert len(warnings) == 1 and "mnqa.toml" in warnings[0]


def test_escape_sequences_in_documents_are_removed_and_lines_kept(tmp_path: Path) -> None:
    write(tmp_path, {"a.txt": "Intro line.\r\n\x1b[2J\x1b]0;pwned\x07Numbing cream \x1b[31mhelps\x1b[0m.\r\nLast\x07 line.\n"})
    read = read_corpus(tmp_path, lambda _: None)
    text = read.files[0][1]
    assert text.split("\n") == ["Intro line.", "Numbing cream helps.", "Last line.", ""]


def test_oversized_files_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, {"big.txt": "word " * (3 * 1024 * 1024), "ok.txt": "Fine text."})
    warnings: list[str] = []
    read = read_corpus(tmp_path, warnings.append)
    assert [rel for rel, _ in read.files] == ["ok.txt"]
    assert len(warnings) == 1 and "big.txt" in warnings[0] and "limit" in warnings[0]


def test_fifos_and_dangling_links_are_skipped_without_blocking(tmp_path: Path) -> None:
    write(tmp_path, {"ok.txt": "Fine text about needles."})
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    warnings: list[str] = []
    read = read_corpus(tmp_path, warnings.append)
    assert [rel for rel, _ in read.files] == ["ok.txt"]
    assert sorted(w.split(":")[0].rsplit("/", 1)[1] for w in warnings) == ["dangling.txt", "pipe.txt"]


def test_markdown_headings_name_sections_without_their_marks() -> None:
    assert kinds("# Aftercare\n\nUse sunscreen daily.\n\n## How many sessions? ##\nThree to six.\n") == [
        ("heading", 1, "Aftercare"),
        ("paragraph", 3, "Use sunscreen daily."),
        ("heading", 5, "How many sessions?"),
        ("paragraph", 6, "Three to six."),
    ]


def test_a_linked_folder_leading_outside_is_warned_about_and_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    write(outside, {"secret.txt": "Secret text from outside the corpus folder."})
    corpus = tmp_path / "docs"
    write(corpus, {"good.txt": "Microneedling uses fine needles.", "real/inner.txt": "Inner text."})
    os.symlink(outside, corpus / "linked")
    os.symlink(corpus / "real", corpus / "alias")  # a link to a folder inside: read once, where it really is
    warnings: list[str] = []
    read = read_corpus(corpus, warnings.append)
    assert [rel for rel, _ in read.files] == ["good.txt", "real/inner.txt"]
    assert warnings == [f"{corpus / 'linked'}: skipped, it links outside the corpus folder"]


@pytest.mark.parametrize(
    "make, why",
    [
        (lambda p: os.mkfifo(p), "ignored, not a regular file"),  # reading it would block forever
        (lambda p: p.mkdir(), "ignored, not a regular file"),
        (lambda p: os.symlink(p.parent.parent / "elsewhere.toml", p), "ignored, it links outside the corpus folder"),
        (lambda p: p.write_text('[faq]\nquestions = "Does it hurt?"\n'), "ignored, not valid metadata (faq questions must be a list"),
        (lambda p: p.write_text('titles = 5\n'), "ignored, not valid metadata (titles and faq must be tables"),
        (lambda p: p.write_bytes(b'[titles]\n"a.txt" = "caf\xe9"\n'), "ignored, not valid metadata ("),
    ],
)
def test_metadata_that_is_not_a_usable_file_is_one_warning_and_file_names_stand_in(tmp_path: Path, make: object, why: str) -> None:
    (tmp_path / "elsewhere.toml").write_text('[titles]\n"a.txt" = "Pulled in from outside"\n')
    corpus = tmp_path / "docs"
    write(corpus, {"a.txt": "Some text about needles."})
    make(corpus / "mnqa.toml")  # type: ignore[operator]
    warnings: list[str] = []
    docs = parse_corpus(read_corpus(corpus, warnings.append), warnings.append)
    assert docs[0].title == "a"
    assert len(warnings) == 1 and warnings[0].startswith(f"{corpus / 'mnqa.toml'}: {why}"), warnings
