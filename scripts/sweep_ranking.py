#!/usr/bin/env python3
"""Measure ranking alone (no abstention) for BM25 variants and k1/b/epsilon on the dev questions.

This is how mnqa's ranking settings (mnqa/index.py: K1, B, EPSILON, Okapi) were chosen. Each setting rebuilds
the index in memory; BM25L and BM25Plus are scored, like Okapi, only over the passages that contain a term.
Never run it on the holdout set.

Usage: scripts/sweep_ranking.py [--set dev|PATH]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mnqa.index as index  # noqa: E402
from mnqa.engine import Engine  # noqa: E402
from mnqa.evaluate import contains_gold, eval_sets, load_cases  # noqa: E402


def ranking_figures(engine: Engine, cases: list) -> tuple[float, float, float]:
    """Success@1, Success@3 and MRR@5 of the ranking alone, over answerable cases."""
    s1 = s3 = mrr = 0.0
    for case in cases:
        query = engine.analyze(case.question)
        if not query.weights:
            continue
        for hit in engine.searcher.search(query, 5).hits:
            if contains_gold(hit.passage.text + "\n" + (hit.passage.context or ""), case.gold):
                s1 += hit.rank == 1
                s3 += hit.rank <= 3
                mrr += 1 / hit.rank
                break
    n = max(1, len(cases))
    return s1 / n, s3 / n, mrr / n


def main(argv: list[str]) -> int:
    """Print one row per setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="dev")
    args = parser.parse_args(argv)
    if Path(args.set).name.startswith("holdout"):
        parser.error("the holdout set is scored once, at the end, never tuned on")
    cases = [c for p in eval_sets(args.set, ROOT / "tests" / "eval") for c in load_cases(p) if c.gold]
    print(f"{len(cases)} answerable questions\n{'variant':10}{'k1':>6}{'b':>6}{'eps':>6}{'S@1':>8}{'S@3':>8}{'MRR@5':>8}")
    settings = [("Okapi", k1, b, eps) for k1, b, eps in itertools.product([0.9, 1.2, 1.5, 2.0], [0.5, 0.75, 0.9], [0.25])]
    settings += [("Okapi", 0.9, 0.5, eps) for eps in (0.0, 0.5)] + [("BM25L", 0.9, 0.5, 0), ("BM25Plus", 0.9, 0.5, 0)]
    for variant, k1, b, eps in settings:
        index.VARIANT, index.K1, index.B, index.EPSILON = ("BM25Okapi" if variant == "Okapi" else variant), k1, b, eps
        s1, s3, mrr = ranking_figures(Engine.from_corpus(ROOT / "corpus"), cases)
        print(f"{variant:10}{k1:>6}{b:>6}{eps:>6}{s1:>8.3f}{s3:>8.3f}{mrr:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
