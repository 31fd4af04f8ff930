"""Evaluation: score the engine on labelled questions (tests/eval/*.jsonl) with standard retrieval measures."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from mnqa.models import Answer

EVAL_K = 5  # results fetched per question: enough for MRR@5


@dataclass(frozen=True)
class Case:
    """One labelled question: gold snippets are exact substrings of the corpus; none means unanswerable."""

    question: str
    gold: tuple[str, ...]
    kind: str = ""


@dataclass(frozen=True)
class Outcome:
    """How the engine did on one case."""

    case: Case
    rank: int | None  # rank of the first result containing a gold snippet (answered answers only)
    answered: bool
    sentence_ok: bool


@dataclass
class Report:
    """The evaluation figures over a set of cases."""

    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    def _answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.case.gold]

    def _unanswerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.case.gold]

    def figures(self) -> dict[str, float | int]:
        """Success@1, Success@3, MRR@5, answer-sentence accuracy, abstention accuracy, false-abstention rate."""
        ans, una = self._answerable(), self._unanswerable()
        n = max(1, len(ans))
        return {
            "questions": len(self.outcomes),
            "answerable": len(ans),
            "unanswerable": len(una),
            "success@1": sum(o.rank == 1 for o in ans) / n,
            "success@3": sum(o.rank is not None and o.rank <= 3 for o in ans) / n,
            "mrr@5": sum(1 / o.rank for o in ans if o.rank) / n,
            "answer_sentence": sum(o.sentence_ok for o in ans) / n,
            "abstention": sum(not o.answered for o in una) / max(1, len(una)),
            "false_abstention": sum(not o.answered for o in ans) / n,
        }

    def failures(self) -> list[Outcome]:
        """Cases that went wrong: not in the top 3, or wrongly (not) refused."""
        return [o for o in self.outcomes if (o.case.gold and (o.rank is None or o.rank > 3)) or (not o.case.gold and o.answered)]


def eval_sets(name: str, folder: str | Path) -> list[Path]:
    """The files of a named question set in `folder`: dev (dev*.jsonl), holdout (holdout*.jsonl), all, or a path
    to a .jsonl file."""
    folder = Path(folder)
    if name in ("dev", "holdout"):
        return sorted(folder.glob(f"{name}*.jsonl"))
    if name == "all":
        return sorted(folder.glob("dev*.jsonl")) + sorted(folder.glob("holdout*.jsonl"))
    return [Path(name)]


def load_cases(path: str | Path) -> list[Case]:
    """Read a JSONL file of {"q": ..., "gold": [...], "kind": ...} objects."""
    cases = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            cases.append(Case(str(obj["q"]), tuple(str(g) for g in obj.get("gold", [])), str(obj.get("kind", ""))))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a labelled question ({exc})") from None
    return cases


def _norm(text: str) -> str:
    return " ".join(text.split())


def contains_gold(text: str, gold: Iterable[str]) -> bool:
    """Whether a text holds one of the gold snippets (whitespace-insensitive)."""
    t = _norm(text)
    return any(_norm(g) in t for g in gold)


def judge(case: Case, answer: Answer) -> Outcome:
    """Score one answer against its case."""
    rank = None
    sentence_ok = False
    if answer.answered:
        for hit in answer.results:
            if contains_gold(hit.passage.text + "\n" + (hit.passage.context or ""), case.gold):
                rank = hit.rank
                break
        if answer.results:
            a = _norm(answer.results[0].answer)
            sentence_ok = any(_norm(g) in a or (len(a) > 10 and a in _norm(g)) for g in case.gold)
    return Outcome(case, rank, answer.answered, sentence_ok)


def evaluate(name: str, cases: list[Case], ask: Callable[[str, int], Answer]) -> Report:
    """Run every case through `ask(question, k)` and collect the outcomes."""
    report = Report(name)
    for case in cases:
        report.outcomes.append(judge(case, ask(case.question, EVAL_K)))
    return report
