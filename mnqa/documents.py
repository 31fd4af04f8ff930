"""Documents: read a corpus folder, keep line numbers, recognise structure and drop page debris.

A document becomes a list of blocks (headings, paragraphs, list items), each knowing its line range. Page debris
(social-media embeds, feedback widgets, calls to action) is recognised by general rules, not by listing lines.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mnqa.analysis import strip_controls

DOC_SUFFIXES = (".txt", ".md")
METADATA_FILE = "mnqa.toml"
MAX_FILE_BYTES = 10 * 1024 * 1024  # a larger file is not a document a clinic wrote by hand (nor a 50 MB dump)

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Block:
    """A structural unit of a document: a heading, a paragraph or one list item."""

    kind: str  # "heading" | "paragraph" | "item"
    first: int  # 1-based line numbers, inclusive
    last: int
    text: str  # the lines, each stripped, joined by "\n"


@dataclass(frozen=True)
class Document:
    """One file of the corpus, with its title and its blocks (debris removed)."""

    source: str  # "<folder name>/<path inside the folder>", as shown to users
    path: str  # path inside the corpus folder
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Metadata:
    """The corpus folder's mnqa.toml: document titles and the trainers' FAQ list."""

    titles: dict[str, str]
    faq: tuple[str, ...]


class CorpusError(Exception):
    """The corpus folder cannot be used at all (missing, not a folder, no documents)."""


# --- page debris -----------------------------------------------------------------------------------------------

_HANDLE_RE = re.compile(r"(?<!\w)[@#][\w.]+")
_MUSIC_RE = re.compile(r"[♪♫♬]|\boriginal sound\b", re.I)
# Feedback widgets and share bars: a short line that asks about the page itself.
_WIDGET_RE = re.compile(
    r"^(was this (page |article |post |information )?(helpful|useful)|did you find this (page |article )?"
    r"(helpful|useful)|rate this (page|article)|share this( (page|article|post))?|print this (page|article)"
    r"|(leave|post) a comment|related (posts|articles)|read more|advertisement|skip to (main )?content)\b",
    re.I,
)
# Calls to action: a sentence urging the reader to book, call or "learn more" rather than informing.
_CTA_RE = re.compile(
    r"\b(schedule|book|call|contact|phone|email|request|arrange|visit)\b[^.!?]{0,60}"
    r"\b(consultation|appointment|session|visit|us|today|now|office|clinic)\b"
    r"|\bto learn more\b|\bcontact us\b|\bcall (us|now|today)\b",
    re.I,
)
_ATX_RE = re.compile(r"^#{1,6}\s+(.+?)(?:\s+#+)?$")
_BULLET_RE = re.compile(r"^\s*(?:[•●▪◦‣∙·*+\-–]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_SENTENCE_END = ".!?…"


def is_embed(line: str) -> bool:
    """A social-media embed line: mostly @handles and #tags, or a music credit."""
    words = line.split()
    handles = len(_HANDLE_RE.findall(line))
    return bool(words) and (handles >= 3 or handles / len(words) >= 0.3 or (handles >= 1 and bool(_MUSIC_RE.search(line))))


def is_widget(line: str) -> bool:
    """A feedback/share widget line such as 'Was this helpful?'."""
    return len(line) <= 80 and bool(_WIDGET_RE.match(line.strip()))


def is_call_to_action(sentence: str) -> bool:
    """A sentence that urges the reader to book or get in touch rather than saying anything about the topic."""
    return bool(_CTA_RE.search(sentence))


def is_debris(line: str) -> bool:
    """A whole line that is page furniture, not content."""
    return is_embed(line) or is_widget(line)


# --- structure -------------------------------------------------------------------------------------------------


def is_bullet(line: str) -> bool:
    """A list item: a bullet character or a number/letter marker at the start."""
    return bool(_BULLET_RE.match(line))


def is_heading(line: str) -> bool:
    """A heading: a short line that is not a sentence of a paragraph, or a short question line."""
    s = line.strip()
    if not s or is_bullet(s) or len(s) > 100:
        return False
    words = s.split()
    if s.endswith("?"):
        # One question on its own line ("Who is a bad candidate for microneedling?").
        return len(words) <= 14 and not any(c in s[:-1] for c in ".!?")
    if s[-1] in ",;:" or len(s) > 80 or len(words) > 12:
        return False
    if s[-1] in _SENTENCE_END:
        # A very short one-sentence line ("Talk to your doctor today.") reads as a heading, not a paragraph.
        return len(words) <= 6 and not any(c in s[:-1] for c in ".!?")
    return True


def parse(text: str) -> list[Block]:
    """Split a document's text into headings, paragraphs and list items, debris removed."""
    lines = text.split("\n")  # only "\n": other Unicode line breaks would shift numbers away from editors'
    blocks: list[Block] = []
    para: list[tuple[int, str]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", para[0][0], para[-1][0], "\n".join(t for _, t in para)))
            para.clear()

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or is_debris(line):
            flush()
            continue
        atx = _ATX_RE.match(line)
        if atx:  # a Markdown heading ("## Aftercare"): its words, without the marks, name the section
            flush()
            blocks.append(Block("heading", number, number, atx.group(1)))
            continue
        following = lines[number].strip() if number < len(lines) else ""
        # A short line running straight on into a lowercase line is a hard-wrapped sentence, not a heading.
        heading = is_heading(line) and not following[:1].islower()
        if heading and line[-1] in ".!" and blocks and blocks[-1].kind == "heading" and not para:
            heading = False  # a short sentence right under a heading is that section's content
        if is_bullet(line):
            flush()
            blocks.append(Block("item", number, number, line))
        elif heading and not para:
            blocks.append(Block("heading", number, number, line))
        elif para and para[-1][1][-1] not in _SENTENCE_END + ":\"”)":
            para.append((number, line))  # a hard-wrapped paragraph continues
        elif heading:
            flush()
            blocks.append(Block("heading", number, number, line))
        else:
            flush()
            para.append((number, line))
    flush()
    # A heading with nothing after it heads nothing: a trailing prompt is dropped, but a short closing
    # sentence ("Results vary.") was content all along.
    while blocks and blocks[-1].kind == "heading":
        last = blocks.pop()
        if last.text[-1] in ".!":
            blocks.append(Block("paragraph", last.first, last.last, last.text))
            break
    return blocks


# --- the corpus folder ------------------------------------------------------------------------------------------


def read_metadata(folder: Path, warn: Warn) -> Metadata:
    """Read mnqa.toml (titles and FAQ); a missing file means none, a broken one is warned about and ignored."""
    return _read_metadata(folder, warn)[0]


def _read_metadata(folder: Path, warn: Warn) -> tuple[Metadata, bytes]:
    # The metadata and the bytes it came from (for the cache key). Like a document, mnqa.toml is read only when
    # it is a regular file inside the folder and of a sane size: a FIFO would block, a link could pull in
    # another folder's titles.
    path = folder / METADATA_FILE
    none = Metadata({}, ())
    if not path.exists() and not path.is_symlink():
        return none, b""
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
            warn(f"{path}: ignored, it links outside the corpus folder")
            return none, b""
        info = path.stat()
    except (OSError, RuntimeError) as exc:
        warn(f"{path}: ignored, cannot read it ({_one_line(exc)})")
        return none, b""
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
        why = "not a regular file" if not stat.S_ISREG(info.st_mode) else f"over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit"
        warn(f"{path}: ignored, {why}")
        return none, b""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        warn(f"{path}: ignored, cannot read it ({exc.strerror or exc})")
        return none, b""
    try:
        data = tomllib.loads(raw.decode("utf-8"))
        titles, faq = data.get("titles", {}), data.get("faq", {})
        if not isinstance(titles, dict) or not isinstance(faq, dict):
            raise TypeError("titles and faq must be tables ([titles], [faq])")
        questions = faq.get("questions", [])
        if not isinstance(questions, list):
            raise TypeError("faq questions must be a list of strings")
        # Like document text, titles and questions lose escape sequences and controls here, so no output (JSON
        # read with `jq -r` included) can carry them to a terminal.
        meta = Metadata(
            {str(k): " ".join(strip_controls(str(v)).split()) for k, v in titles.items()},
            tuple(q for q in (" ".join(strip_controls(str(q)).split()) for q in questions) if q),
        )
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
        warn(f"{path}: ignored, not valid metadata ({_one_line(exc)})")
        return none, raw
    return meta, raw


def list_files(folder: Path, warn: Warn) -> list[Path]:
    """The document files in a folder and its subfolders, sorted; links leading outside it are skipped."""
    root = folder.resolve()
    found = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False, onerror=lambda e: warn(f"{e.filename}: skipped, cannot read folder ({e.strerror})")):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            # A linked folder is never entered (one inside the corpus is read where it really is); one that
            # leads outside is said so, like a linked file.
            dirnames.remove(name)
            sub = Path(dirpath) / name
            try:
                outside = not sub.resolve().is_relative_to(root)
            except (OSError, RuntimeError):
                outside = True
            if outside:
                warn(f"{sub}: skipped, it links outside the corpus folder")
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(DOC_SUFFIXES):
                continue
            path = Path(dirpath) / name
            # os.walk does not enter linked folders, so only a link itself can lead outside (and resolving
            # every path costs a system call per folder level: thousands of files make that felt).
            try:
                inside = not os.path.islink(path) or path.resolve().is_relative_to(root)
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                warn(f"{path}: skipped, it links outside the corpus folder")
                continue
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def read_text(path: Path, warn: Warn) -> str | None:
    """A document's text, or None (with a warning) when it is not readable UTF-8 text."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            warn(f"{path}: skipped, not a regular file")
            return None
        size = info.st_size
        if size > MAX_FILE_BYTES:
            warn(f"{path}: skipped, {size // (1024 * 1024)} MB is over the {MAX_FILE_BYTES // (1024 * 1024)} MB limit")
            return None
        data = path.read_bytes()
    except OSError as exc:
        warn(f"{path}: skipped, cannot read it ({exc.strerror or exc})")
        return None
    if b"\x00" in data:
        warn(f"{path}: skipped, it is a binary file")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        warn(f"{path}: skipped, not UTF-8 text (bad byte at offset {exc.start})")
        return None
    if not text.strip():
        warn(f"{path}: skipped, it is empty")
        return None
    # Escape sequences and control characters are page furniture at best, and must never reach a terminal.
    # Lines are kept, so line numbers still point into the file.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.replace("\n", "").isprintable():  # nothing to strip (the common case; the check runs at C speed)
        return text
    return strip_controls(text, keep_lines=True)


@dataclass(frozen=True)
class Corpus:
    """A corpus folder as read from disk: its usable files' text and its metadata, before any parsing."""

    folder: Path
    label: str  # the folder's name, the first part of every source
    files: tuple[tuple[str, str], ...]  # (path inside the folder, text), sorted by path
    meta: Metadata
    meta_raw: bytes  # mnqa.toml as it is on disk (part of the cache key)


def read_corpus(folder: str | os.PathLike[str], warn: Warn) -> Corpus:
    """Read every usable document of a corpus folder; raise CorpusError when there is nothing usable."""
    folder = Path(folder)
    if not folder.exists():
        raise CorpusError(f"corpus folder not found: {folder}")
    if not folder.is_dir():
        raise CorpusError(f"not a folder: {folder}")
    meta, meta_raw = _read_metadata(folder, warn)
    files = []
    for path in list_files(folder, warn):
        text = read_text(path, warn)
        if text is not None:
            files.append((path.relative_to(folder).as_posix(), text))
    if not files:
        raise CorpusError(f"no documents (.txt or .md files with text) in {folder}")
    return Corpus(folder, folder.resolve().name or "corpus", tuple(files), meta, meta_raw)


def parse_corpus(corpus: Corpus, warn: Warn) -> list[Document]:
    """Parse a corpus's files into documents with titles; files with no content are warned about."""
    docs = []
    for rel, text in corpus.files:
        doc = parse_file(corpus, rel, text)
        if doc is None:
            warn(file_warning(corpus, rel, NO_CONTENT))
            continue
        docs.append(doc)
    if not docs:
        raise CorpusError(f"no documents with readable content in {corpus.folder}")
    return docs


def parse_file(corpus: Corpus, rel: str, text: str) -> Document | None:
    """One file of a corpus as a document with its title, or None when it has no content."""
    blocks = parse(text)
    if not blocks:
        return None
    title = corpus.meta.titles.get(rel) or corpus.meta.titles.get(Path(rel).name) or Path(rel).stem
    return Document(f"{corpus.label}/{rel}", rel, title, tuple(blocks))


NO_CONTENT = "skipped, no readable content"  # what is said of a file with nothing readable in it


def file_warning(corpus: Corpus, rel: str, what: str) -> str:
    """A warning about one file of the corpus: its path as the corpus folder was given, then what happened."""
    return f"{corpus.folder / rel}: {what}"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
