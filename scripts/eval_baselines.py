#!/usr/bin/env python3
"""Print mnqa's evaluation figures next to two plain rank-bm25 baselines, on the same questions, in one run.

Baselines (no abstention, so they "answer" everything):
  readme   - rank-bm25 as its README shows: lowercase, split on spaces, one passage per paragraph (line).
  snowball - the usual setup: word tokens, our stopword list, Snowball stemming, one passage per paragraph.

Usage: scripts/eval_baselines.py [--set dev|holdout|all|PATH ...] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mnqa.analysis import Stemmer, terms  # noqa: E402
from mnqa.documents import read_corpus  # noqa: E402
from mnqa.engine import Engine  # noqa: E402
from mnqa.evaluate import EVAL_K, Case, evaluate, eval_sets, load_cases  # noqa: E402
from mnqa.models import Answer, Hit, Passage, Searched  # noqa: E402

COLUMNS = ["success@1", "success@3", "mrr@5", "answer_sentence", "abstention", "false_abstention"]


class Baseline:
    """rank-bm25 over one passage per non-empty line, with a given tokenizer; answers every question."""

    def __init__(self, corpus_dir: Path, tokenize) -> None:
        from rank_bm25 import BM25Okapi

        corpus = read_corpus(corpus_dir, lambda _: None)
        self.passages: list[Passage] = []
        for rel, text in corpus.files:
            for n, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    self.passages.append(Passage(len(self.passages), f"{corpus.label}/{rel}", rel, None, n, n, line.strip()))
        self.tokenize = tokenize
        self.bm25 = BM25Okapi([tokenize(p.text) or ["\0"] for p in self.passages])

    def ask(self, question: str, k: int) -> Answer:
        """The top k lines by BM25 score (ties by position), the whole line as the answer."""
        scores = self.bm25.get_scores(self.tokenize(question))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
        hits = tuple(
            Hit(r, float(scores[i]), 0.0, self.passages[i], self.passages[i].text, (0, len(self.passages[i].text)), ())
            for r, i in enumerate(order, start=1)
        )
        return Answer(question, True, Searched(), hits)


def main(argv: list[str]) -> int:
    """Run the comparison and print one table per question set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", help="dev, holdout, all, or a .jsonl path (repeatable)")
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    args = parser.parse_args(argv)
    stemmer = Stemmer()
    systems = {
        "mnqa": Engine.from_corpus(args.corpus).ask,
        "baseline: rank-bm25 README": Baseline(Path(args.corpus), lambda s: s.lower().split(" ")).ask,
        "baseline: snowball+stopwords": Baseline(Path(args.corpus), lambda s: terms(s, stemmer)).ask,
    }
    for name in args.sets or ["dev", "holdout"]:
        cases: list[Case] = [c for path in eval_sets(name, ROOT / "tests" / "eval") for c in load_cases(path)]
        print(f"\n{name}: {len(cases)} questions ({sum(1 for c in cases if c.gold)} answerable), top {EVAL_K} fetched")
        print(f"{'system':32}" + "".join(f"{c:>17}" for c in COLUMNS))
        for label, ask in systems.items():
            figures = evaluate(name, cases, ask).figures()
            print(f"{label:32}" + "".join(f"{figures[c]:>17.3f}" for c in COLUMNS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
