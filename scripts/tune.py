#!/usr/bin/env python3
"""Sweep the abstention rule's constants over the dev questions and print the trade-off table.

The rule (mnqa/search.py): answer when `coverage` of the best of the first results reaches COVERAGE_MIN.
For each setting of GENERIC_WEIGHT and EXPANSION_CREDIT, and each threshold, this prints the share of
unanswerable questions refused and of answerable ones refused (false abstention), best first by
refused - 3 x false (a wrong refusal costs more than a missed one). Never run it on the holdout set.

Usage: scripts/tune.py [--set dev|PATH] [--top N]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mnqa.search as search  # noqa: E402
from mnqa.engine import Engine  # noqa: E402
from mnqa.evaluate import eval_sets, load_cases  # noqa: E402


def main(argv: list[str]) -> int:
    """Print the sweep table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="dev")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    if args.set == "holdout":
        parser.error("the holdout set is scored once, at the end, never tuned on")
    engine = Engine.from_corpus(ROOT / "corpus")
    cases = [c for p in eval_sets(args.set, ROOT / "tests" / "eval") for c in load_cases(p)]
    queries = [(bool(c.gold), engine.analyze(c.question)) for c in cases]
    answerable = sum(a for a, _ in queries)
    rows = []
    unknown = engine.searcher.unknown_weight
    for gw, ec, um in itertools.product([0.1, 0.25], [1.0, 1.5, 2.0, 99.0], [0.5, 0.75, 1.0]):
        search.GENERIC_WEIGHT, search.UNKNOWN_CAP = gw, ec
        engine.searcher.unknown_weight = unknown * um
        for th in [x / 100 for x in range(10, 80, 5)]:
            search.COVERAGE_MIN = th
            said = [(a, q.weights and engine.searcher.search(q, 3).answered) for a, q in queries]
            refused = sum(1 for a, yes in said if not a and not yes) / max(1, len(said) - answerable)
            false = sum(1 for a, yes in said if a and not yes) / max(1, answerable)
            rows.append((refused - 3 * false, refused, false, gw, ec, um, th))
    rows.sort(key=lambda r: (-r[0], -r[6]))
    print(f"{len(cases)} questions ({answerable} answerable)")
    print(f"{'GENERIC_WEIGHT':>15}{'UNKNOWN_CAP':>18}{'UNKNOWN_SHARE':>15}{'COVERAGE_MIN':>14}{'refused':>10}{'false':>8}")
    for _, refused, false, gw, ec, um, th in rows[: args.top]:
        print(f"{gw:>15}{ec:>18}{um:>15}{th:>14.2f}{refused:>10.2f}{false:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
