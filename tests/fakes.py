"""A stand-in engine with fixed answers, so exact-output tests do not move when ranking is tuned."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from mnqa.models import Answer, Hit, Passage, Searched

TEXT = "Most people feel only mild discomfort. A numbing cream is applied 30 minutes before the treatment."
PASSAGE = Passage(
    pid=0,
    source="corpus/numbing.txt",
    title="Comfort and aftercare",
    section="Does it hurt?",
    first_line=3,
    last_line=4,
    text=TEXT,
    sentences=((0, 38), (39, 98)),
)
LIST_PASSAGE = Passage(
    pid=1,
    source="corpus/avoid.txt",
    title="Who should not have it",
    section=None,
    first_line=5,
    last_line=6,
    text="• eczema on the face\n• a history of keloid scars",
    context="People with these conditions should not have microneedling:",
    sentences=((0, 20), (21, 48)),
)
HURT = Answer(
    question="does it hurd",
    answered=True,
    searched=Searched(terms=("hurt",), expansions=("numbing cream",), corrections={"hurd": "hurt"}),
    results=(
        Hit(1, 4.25, 1.0, PASSAGE, TEXT[39:], (39, 98), ((41, 48), (49, 54)), ("corpus/copy.txt",)),
        Hit(2, 1.5, 0.35, LIST_PASSAGE, "• eczema on the face", (0, 20), ((2, 8),)),
    ),
    more=True,
    confidence=0.9,
)
CAR = Answer(
    question="price of a car",
    answered=False,
    searched=Searched(terms=("price",), ignored=("car",)),
    suggestions=("Does microneedling hurt?", "How many sessions are needed?"),
    reason="the documents do not answer this",
    confidence=0.1,
)


@dataclass
class DocInfo:
    source: str
    title: str
    passages: int


@dataclass
class FakeEngine:
    """Answers "does it hurd" with HURT, anything else with CAR (its question replaced); records the questions."""

    asked: list[str] = field(default_factory=list)
    interrupt_at: int | None = None  # raise KeyboardInterrupt on this (1-based) question
    workers: list[int] = field(default_factory=list)  # how many processes each ask_all was asked to use

    faq = ("Does microneedling hurt?", "How many sessions are needed?")
    documents = [DocInfo("corpus/numbing.txt", "Comfort and aftercare", 2), DocInfo("corpus/avoid.txt", "Who should not have it", 1)]

    def ask(self, question: str, top_k: int = 3, start: int = 0) -> Answer:
        self.asked.append(question)
        if self.interrupt_at is not None and len(self.asked) >= self.interrupt_at:
            raise KeyboardInterrupt
        if question == HURT.question:
            return Answer(**{**HURT.__dict__, "results": HURT.results[start : start + top_k]})
        return Answer(**{**CAR.__dict__, "question": question})

    def ask_all(self, questions: Iterable[str | None], top_k: int = 3, workers: int = 1) -> Iterator[Answer | None]:
        self.workers.append(workers)
        for question in questions:  # always in this process: a fake has nothing worth forking for
            yield None if question is None else self.ask(question, top_k)

    def section_of(self, passage: Passage) -> list[Passage]:
        return [passage]

    def prepare(self) -> None:
        pass
