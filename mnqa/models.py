"""The values that flow out of the engine: passages, hits and answers (frozen, printable by renderers only)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Passage:
    """A unit of text a reader takes in at a glance, with where it came from."""

    pid: int
    source: str  # "corpus/<file>": the folder's name, then the path inside it
    title: str
    section: str | None
    first_line: int
    last_line: int
    text: str  # verbatim lines of the document (each stripped), joined by "\n"
    context: str | None = None  # the list's lead-in when this passage continues a split list
    sentences: tuple[tuple[int, int], ...] = ()  # character spans of the sentences in `text`

    @property
    def lines(self) -> tuple[int, int]:
        """First and last line (1-based, inclusive) of the passage in its file."""
        return (self.first_line, self.last_line)


@dataclass(frozen=True)
class Hit:
    """One ranked result: a passage, why it matched and its best sentence."""

    rank: int
    score: float
    relevance: float  # 0..1, this hit's score against the best possible for the query
    passage: Passage
    answer: str  # the sentence of the passage that best answers
    answer_span: tuple[int, int]  # where `answer` stands in passage.text
    highlights: tuple[tuple[int, int], ...]  # matched words, as character spans in passage.text
    also_in: tuple[str, ...] = ()  # sources of near-identical passages in other documents


@dataclass(frozen=True)
class Searched:
    """What was actually searched for: the user's words, the lexicon's additions, spelling fixes."""

    terms: tuple[str, ...] = ()
    expansions: tuple[str, ...] = ()
    corrections: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()  # words that are not in the documents and could not be corrected


@dataclass(frozen=True)
class Answer:
    """Everything the engine says about one question."""

    question: str
    answered: bool
    searched: Searched
    results: tuple[Hit, ...] = ()
    suggestions: tuple[str, ...] = ()  # questions the documents can answer, offered when not answered
    notice: str | None = None  # e.g. the question was cut to the length limit
    reason: str | None = None  # why it was not answered, in a few words
    more: bool = False  # whether further results exist past these
    confidence: float = 0.0  # the abstention rule's measure (see search.py)
