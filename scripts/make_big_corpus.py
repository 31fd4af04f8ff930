#!/usr/bin/env python3
"""Generate a large, deterministic corpus folder for benchmarking mnqa (issue 5).

    scripts/make_big_corpus.py OUT_DIR [--passages N] [--files F] [--seed S]

The text recombines the five real documents of corpus/: their sentences, with a share of their content words
swapped for other words, plus sentences built from scratch. Swapped-in words come partly from the real documents
(by frequency) and partly from a synthetic vocabulary drawn from a Zipf-like law, so the number of distinct words
keeps growing with the corpus as it does in real text (about 10k distinct words at 1k passages, about 200k at
100k passages). Files have a title, section headings (short lines and question lines), paragraphs, and bullet or
numbered lists with a lead-in sentence ("... include:"), in subfolders of 50 files, with an mnqa.toml giving
titles and the FAQ.

Every paragraph and every list is written to become exactly one mnqa passage (under 600 characters, no calls to
action), so the corpus has about N passages (default 100,000 over N/20 files, about 60 MB). The same arguments
always produce the same bytes: one seeded random.Random drives everything.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mnqa.documents import is_call_to_action, is_debris, parse, read_corpus  # noqa: E402

SEED = 5_2024
FILES_PER_FOLDER = 50
MAX_UNIT = 595  # characters: every paragraph or list stays one passage (mnqa's limit is 600)
MIN_PARAGRAPH = 420  # longer than any heading, so a paragraph line never reads as a heading
SWAP = 0.3  # share of a real sentence's content words swapped for other words
SYNTHETIC = 0.5  # share of swapped-in or generated words taken from the synthetic vocabulary
# Synthetic word ranks follow a shifted power law, rank = ZIPF_SCALE * (u ** -ZIPF_TAIL - 1) for uniform u: a
# heavier tail (higher ZIPF_TAIL) grows the vocabulary faster (Heaps' law exponent here is about 0.7).
ZIPF_TAIL = 2.5
ZIPF_SCALE = 200
MAX_RANK = 50_000_000

_WORD = re.compile(r"[A-Za-z][a-z]+")
_SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni "
    "no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zo bra cre dri flo gra "
    "pre sti tro pla clu der mor lan sen tal ver quin rox phy thel"
).split()
_ENDINGS = ("", "", "", "ine", "osis", "ase", "ity", "ation", "al", "ic", "ide", "ing", "ed", "s", "es", "um")
_FUNCTION = (
    "the of and to in a is that for it with as on by this be are can may from or at your which has its an "
    "their these after during before when more most also some into than each over about both often"
).split()
_LEADS = (
    "{T} include:",
    "Common {t} are:",
    "You may notice the following {t}:",
    "Ask your practitioner about these {t}:",
    "The main {t} to consider are:",
    "Some {t} that patients report:",
    "Individuals with the following {t} should wait:",
)
_LIST_NOUNS = (
    "benefits", "side effects", "risks", "aftercare steps", "conditions", "treatment areas", "options",
    "questions", "signs of healing", "ingredients", "precautions", "results",
)


class Material:
    """What the generator recombines: the real documents' sentences, list items, headings and words."""

    def __init__(self, corpus: Path) -> None:
        sentences, items, headings, words = [], [], [], []
        for _, text in read_corpus(corpus, lambda _: None).files:
            for block in parse(text):
                line = " ".join(block.text.split())
                words += _WORD.findall(line)
                if block.kind == "heading":
                    headings.append(line.rstrip(" ."))
                elif block.kind == "item":
                    item = re.sub(r"^\S+\s+", "", line)
                    if ": " in item:  # "Redness and Swelling: Mild redness ..." -> its label and its sentences
                        label, rest = item.split(": ", 1)
                        items.append(label)
                        sentences += _sentences(rest)
                    else:
                        items.append(item.rstrip("."))
                else:
                    sentences += _sentences(line)
        keep = lambda s: 25 <= len(s) <= 320 and not is_call_to_action(s) and not is_debris(s)  # noqa: E731
        self.sentences = sorted({s for s in sentences if keep(s)})
        self.items = sorted({i for i in items if 3 <= len(i) <= 90 and not is_call_to_action(i)})
        self.headings = sorted(set(headings))
        self.content = sorted(w.lower() for w in words if len(w) > 3 and w.lower() not in _FUNCTION)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if s.endswith((".", "!", "?"))]


def synthetic_word(rank: int) -> str:
    """A pronounceable made-up word, one per rank (bijective base-N syllables), with an ending."""
    n = len(_SYLLABLES)
    parts = []
    r = rank + n  # at least two syllables
    while r > 0:
        r -= 1
        parts.append(_SYLLABLES[r % n])
        r //= n
    return "".join(parts) + _ENDINGS[(rank * 7919) % len(_ENDINGS)]


class Writer:
    """Draws words, sentences, paragraphs, lists and documents from one seeded random generator."""

    def __init__(self, material: Material, seed: int) -> None:
        self.m = material
        self.rng = random.Random(seed)

    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def word(self) -> str:
        if self.rng.random() < SYNTHETIC:
            u = 1.0 - self.rng.random()  # (0, 1]
            return synthetic_word(min(MAX_RANK, int(ZIPF_SCALE * (u**-ZIPF_TAIL - 1))))
        return self.pick(self.m.content)

    def real_sentence(self) -> str:
        words = self.pick(self.m.sentences).split(" ")
        for i in range(1, len(words)):
            m = _WORD.match(words[i])
            if m and len(m.group()) > 3 and m.group().lower() not in _FUNCTION and self.rng.random() < SWAP:
                words[i] = self.word() + words[i][m.end() :]
        return " ".join(words)

    def new_sentence(self) -> str:
        n = 6 + int(self.rng.random() * 16)
        words = [self.pick(_FUNCTION) if self.rng.random() < 0.4 else self.word() for _ in range(n)]
        if self.rng.random() < 0.15:
            words.insert(int(self.rng.random() * n), str(1 + int(self.rng.random() * 90)))
        if self.rng.random() < 0.2:
            words[n // 2] += ","
        return " ".join(words).capitalize() + self.pick((".", ".", ".", ".", "!", "?"))

    def sentence(self) -> str:
        while True:
            s = self.real_sentence() if self.rng.random() < 0.6 else self.new_sentence()
            if not is_call_to_action(s):
                return s

    def paragraph(self) -> str:
        target = MIN_PARAGRAPH + self.rng.random() * (MAX_UNIT - MIN_PARAGRAPH)
        text = ""
        while len(text) < target:
            s = self.sentence()
            joined = f"{text} {s}" if text else s
            if len(joined) > MAX_UNIT:
                if len(text) >= MIN_PARAGRAPH:
                    break
                continue
            text = joined
        return text

    def item(self) -> str:
        if self.rng.random() < 0.5:
            words = self.pick(self.m.items).split(" ")
            words = [w if self.rng.random() > SWAP or i == 0 else self.word() for i, w in enumerate(words)]
        else:
            words = [self.word() for _ in range(1 + int(self.rng.random() * 5))]
        return " ".join(words).capitalize()

    def bullet_list(self) -> list[str]:
        noun = self.pick(_LIST_NOUNS)
        lead = self.pick(_LEADS).format(T=noun.capitalize(), t=noun)
        if self.rng.random() < 0.5:
            lead = self.sentence() + " " + lead
        style = self.pick(("  • ", "- ", "* ", "{n}. "))
        lines = [lead]
        length = len(lead)
        for n in range(1, 3 + int(self.rng.random() * 6)):
            item = self.item()
            if length + len(item) + 1 > MAX_UNIT:
                break
            length += len(item) + 1
            lines.append(style.format(n=n) + item)
        return lines

    def heading(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return self.pick(self.m.headings)
        words = [self.word() for _ in range(1 + int(self.rng.random() * 3))]
        if r < 0.7:
            return f"What is {' '.join(words)}?"
        return " ".join(words).title()

    def document(self, units: int) -> tuple[str, str]:
        """(title, text) of one file with `units` paragraphs and lists, each one passage."""
        title = self.heading().rstrip("?")
        out = [title, ""]
        while units > 0:
            for _ in range(min(units, 1 + int(self.rng.random() * 3))):
                block = self.bullet_list() if self.rng.random() < 0.2 else [self.paragraph()]
                out += block + [""]
                units -= 1
            if units:
                out += [self.heading(), ""]
        return title, "\n".join(out)


def generate(out: Path, passages: int = 100_000, files: int | None = None, seed: int = SEED) -> dict:
    """Write the corpus folder; return a summary (files, bytes, planned passages)."""
    files = files or max(1, passages // 20)
    writer = Writer(Material(ROOT / "corpus"), seed)
    out.mkdir(parents=True, exist_ok=True)
    titles = []
    total = 0
    base, extra = divmod(passages, files)
    for i in range(files):
        folder = f"library-{i // FILES_PER_FOLDER:03d}"
        name = f"article-{i:05d}" + (".md" if i % 4 == 3 else ".txt")
        title, text = writer.document(base + (1 if i < extra else 0))
        data = (text + "\n").encode("utf-8")
        (out / folder).mkdir(exist_ok=True)
        (out / folder / name).write_bytes(data)
        total += len(data)
        titles.append(f'"{folder}/{name}" = "{title}"')
    faq = (ROOT / "corpus" / "mnqa.toml").read_text(encoding="utf-8").split("\n[faq]", 1)[1]
    toml = "# Generated by scripts/make_big_corpus.py\n\n[titles]\n" + "\n".join(titles) + "\n\n[faq]" + faq
    (out / "mnqa.toml").write_text(toml, encoding="utf-8")
    return {"files": files, "bytes": total, "passages": passages}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (created; existing generated files are overwritten)")
    parser.add_argument("--passages", type=int, default=100_000, help="passages wanted (default 100000)")
    parser.add_argument("--files", type=int, help="files (default passages / 20)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.passages < 1:
        parser.error("--passages must be at least 1")
    summary = generate(args.out, args.passages, args.files, args.seed)
    print(f"{args.out}: {summary['files']} files, {summary['bytes'] / 1e6:.1f} MB, ~{summary['passages']} passages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
