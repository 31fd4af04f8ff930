"""Passages: cut documents into units a reader takes in at a glance.

Whole sentences (nltk's Punkt, untrained, with our abbreviations), at most about MAX_CHARS characters. A list
travels with its lead-in sentence ("... cannot do microneedling:"); a long list is split into several passages,
each later one keeping the lead-in as context. Calls to action are dropped sentence by sentence, and a passage
never spans one, so every passage text is verbatim.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from mnqa.documents import Block, Document, is_call_to_action
from mnqa.models import Passage

MAX_CHARS = 600
MAX_LEAD_IN = 300
# Abbreviations Punkt should not end a sentence on (it has no training data without a download).
ABBREVIATIONS = {"vs", "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "etc", "approx", "no", "fig", "inc", "ca"}


@dataclass(frozen=True)
class _Piece:
    """A verbatim span of one block's text: a sentence, or a run of sentences."""

    block: int
    start: int
    end: int


# Punkt decides each candidate break from a few characters of context ("skin. The"); the decision is a pure
# function of that context string, and the same contexts recur all over a corpus, so decisions are memoised.
# Bounded: past this many distinct contexts the memo starts again (it only ever saves time).
_DECISIONS_MAX = 1_000_000
# Sentence spans of recently split texts: a paragraph is split once to find its sentences and again when its
# passage is assembled (then usually as the very same string).
_SPANS_MAX = 4096


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer  # lazy: only needed to build an index

    class MemoPunkt(PunktSentenceTokenizer):
        """Punkt with its per-break decision memoised (same results: the parameters never change)."""

        def __init__(self, params: PunktParameters) -> None:
            super().__init__(params)
            self._decisions: dict[str, bool] = {}

        def text_contains_sentbreak(self, text: str) -> bool:
            found = self._decisions.get(text)
            if found is None:
                if len(self._decisions) >= _DECISIONS_MAX:
                    self._decisions.clear()
                found = self._decisions[text] = super().text_contains_sentbreak(text)
            return found

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return MemoPunkt(params)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a text; overlong sentences are cut at spaces."""
    return list(_sentence_spans(text))


@lru_cache(maxsize=_SPANS_MAX)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    raw = list(_punkt().span_tokenize(text))
    # A list marker such as "1." or "a)" is not a sentence of its own: it joins the sentence it numbers.
    merged: list[tuple[int, int]] = []
    for start, end in raw:
        if merged and merged[-1][1] - merged[-1][0] <= 3:
            start = merged.pop()[0]
        merged.append((start, end))
    for start, end in merged:
        while end - start > MAX_CHARS:
            cut = text.rfind(" ", start + 1, start + MAX_CHARS)
            cut = cut if cut > start else start + MAX_CHARS
            spans.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            spans.append((start, end))
    return tuple(spans)


def _pack(sizes: list[int], limit: int) -> list[list[int]]:
    """Group consecutive items (by size) into runs of at most `limit`, balancing the runs' lengths."""
    total = sum(sizes) + max(len(sizes) - 1, 0)
    target = total / max(1, math.ceil(total / limit))
    groups: list[list[int]] = []
    current: list[int] = []
    length = 0
    for i, size in enumerate(sizes):
        # Close the run when the next item overflows, or would overshoot the target more than stopping short.
        if current and (length + 1 + size > limit or length + 1 + size - target > target - length):
            groups.append(current)
            current, length = [], 0
        length += size + (1 if current else 0)
        current.append(i)
    if current:
        groups.append(current)
    return groups


def _runs(blocks: tuple[Block, ...], b: int) -> list[list[_Piece]]:
    """Runs of consecutive kept sentences of block b; a call to action is dropped and breaks the run."""
    text = blocks[b].text
    runs: list[list[_Piece]] = [[]]
    for start, end in _sentence_spans(text):
        if is_call_to_action(text[start:end]):
            runs.append([])
        else:
            runs[-1].append(_Piece(b, start, end))
    return [run for run in runs if run]


def _chunks(runs: list[list[_Piece]], limit: int = MAX_CHARS) -> list[_Piece]:
    """Pack each run of sentences into verbatim chunks of at most `limit` characters."""
    chunks = []
    for run in runs:
        for group in _pack([p.end - p.start for p in run], limit):
            chunks.append(_Piece(run[group[0]].block, run[group[0]].start, run[group[-1]].end))
    return chunks


def _lead_in(blocks: tuple[Block, ...], b: int) -> tuple[list[_Piece], _Piece | None]:
    """Split a list's lead-in paragraph: (passages before the lead-in, the lead-in: its last sentences)."""
    runs = _runs(blocks, b)
    if not runs:
        return [], None
    last = runs[-1]
    keep = 1
    while keep < len(last) and last[-1].end - last[-keep - 1].start <= MAX_LEAD_IN:
        keep += 1
    before = _chunks(runs[:-1] + ([last[:-keep]] if keep < len(last) else []))
    return before, _Piece(b, last[-keep].start, last[-1].end)


def _units(doc: Document) -> Iterator[tuple[str | None, list[_Piece], list[_Piece]]]:
    """(section, lead-in pieces, body pieces) for each passage of a document, in order."""
    blocks = doc.blocks
    section: str | None = None
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "heading":
            section = block.text
            i += 1
            continue
        starts_list = block.text.endswith(":") and i + 1 < len(blocks) and blocks[i + 1].kind == "item"
        if block.kind == "paragraph" and not starts_list:
            for chunk in _chunks(_runs(blocks, i)):
                yield section, [], [chunk]
            i += 1
            continue
        lead: list[_Piece] = []
        if starts_list:
            before, lead_piece = _lead_in(blocks, i)
            for chunk in before:
                yield section, [], [chunk]
            lead = [lead_piece] if lead_piece else []
            i += 1
        # Each item is split into chunks on its own; a multi-sentence item is a paragraph and stands alone.
        items: list[list[_Piece]] = []
        while i < len(blocks) and blocks[i].kind == "item":
            runs = _runs(blocks, i)
            chunks = _chunks(runs)
            if len(chunks) == 1 and len(runs[0]) == 1:
                items.append(chunks)
            else:
                items.extend([c] for c in chunks)
                items.append([])  # a boundary: nothing is packed across a paragraph-like item
            i += 1
        lead_len = sum(p.end - p.start for p in lead)
        budget = max(MAX_CHARS - lead_len, MAX_CHARS // 3)
        first = True
        for segment in _split_on_empty(items):
            lone = len(segment) == 1
            for group in _pack([sum(p.end - p.start for p in item) for item in segment], budget) if not lone else [[0]]:
                body = [p for g in group for p in segment[g]]
                yield (section, [], lead + body) if first else (section, lead, body)
                first = False
        if first and lead:
            yield section, [], lead


def _split_on_empty(items: list[list[_Piece]]) -> list[list[list[_Piece]]]:
    """Split a sequence of items at empty markers, dropping the markers and empty segments."""
    segments: list[list[list[_Piece]]] = [[]]
    for item in items:
        if item:
            segments[-1].append(item)
        else:
            segments.append([])
    return [s for s in segments if s]


def _assemble(doc: Document, pieces: list[_Piece]) -> tuple[str, tuple[tuple[int, int], ...], int, int]:
    """Text, sentence spans and line range of a passage made of verbatim pieces (one per line group)."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    first = last = 0
    for piece in pieces:
        block = doc.blocks[piece.block]
        piece_text = block.text[piece.start : piece.end]
        if parts:
            offset += 1  # the "\n" joining pieces
        for s, e in _sentence_spans(piece_text):
            spans.append((offset + s, offset + e))
        parts.append(piece_text)
        offset += len(piece_text)
        lo = block.first + block.text.count("\n", 0, piece.start)
        hi = block.first + block.text.count("\n", 0, piece.end)
        first = lo if not first else min(first, lo)
        last = max(last, hi)
    return "\n".join(parts), tuple(spans), first, last


def split_document(doc: Document, first_pid: int = 0) -> list[Passage]:
    """The passages of one document, numbered from first_pid, in reading order."""
    passages = []
    for section, lead, body in _units(doc):
        text, spans, first, last = _assemble(doc, body)
        context = _assemble(doc, lead)[0] if lead else None
        passages.append(Passage(first_pid + len(passages), doc.source, doc.title, section, first, last, text, context, spans))
    return passages


def split_corpus(docs: list[Document]) -> list[Passage]:
    """The passages of every document, numbered across the corpus."""
    passages: list[Passage] = []
    for doc in docs:
        passages.extend(split_document(doc, len(passages)))
    return passages
