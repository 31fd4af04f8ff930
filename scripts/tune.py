#!/usr/bin/env python3
"""Sweep the abstention rule's constants over the dev questions and print the trade-off table.

The rule swept is the coverage rule (mnqa/search.py): answer when `coverage` of the best of the first results
reaches COVERAGE_MIN. It is the abstention model's main measure; refit the model after changing these constants
(scripts/fit_abstention.py).
For each setting of UNKNOWN_CAP and the ZIPF band, and each threshold, this prints the share of
unanswerable questions refused and of answerable ones refused (false abstention), best first by
refused - 3 x false (a wrong refusal costs more than a missed one). Settings that get one of the issue's
own examples wrong ("how do I renew my passport" must be refused, "does it hurt" answered) come last.
Never run it on the holdout set.

Usage: scripts/tune.py [--set dev|PATH ...] [--top N]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mnqa.search as search  # noqa: E402
from mnqa.abstention import MEASURES  # noqa: E402
from mnqa.engine import Engine  # noqa: E402
from mnqa.evaluate import eval_sets, load_cases  # noqa: E402
from mnqa.query import Query  # noqa: E402

# The questions the product was specified with (issue 2): whatever the figures, these must come out right.
MUST_REFUSE = ["how do I renew my passport", "do you offer payment plans", "zxcvbnm", "where do I park"]
MUST_ANSWER = ["does it hurt", "is it safe for dark skin"]
COVERAGE = MEASURES.index("coverage")  # where search puts coverage among the measures


def main(argv: list[str]) -> int:
    """Print the sweep table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", help="dev (default), or a .jsonl file; may be repeated")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    sets = args.set or ["dev"]
    if any(Path(name).name.startswith("holdout") for name in sets):
        parser.error("the holdout set is scored once, at the end, never tuned on")
    engine = Engine.from_corpus(ROOT / "corpus")
    cases = [c for name in sets for p in eval_sets(name, ROOT / "tests" / "eval") for c in load_cases(p)]
    queries = [(bool(c.gold), engine.analyze(c.question)) for c in cases]
    refuse, answer = [engine.analyze(q) for q in MUST_REFUSE], [engine.analyze(q) for q in MUST_ANSWER]
    answerable = sum(a for a, _ in queries)

    def answered(q: Query) -> bool:
        measures = engine.searcher.search(q, 3).measures if q.weights else ()
        return bool(measures) and measures[COVERAGE] >= search.COVERAGE_MIN

    rows = []
    # (ZIPF_RARE, ZIPF_COMMON); (99, 100) counts every unknown word fully, as if English frequencies were not known.
    zipf_bands = [(99.0, 100.0), (3.0, 6.0), (3.0, 6.5), (3.5, 6.5), (4.0, 6.5), (4.5, 6.5), (4.0, 7.0), (4.5, 7.0), (5.0, 7.0)]
    for cap, (rare, common) in itertools.product([1.0, 1.5, 2.0, 99.0], zipf_bands):
        search.UNKNOWN_CAP, search.ZIPF_RARE, search.ZIPF_COMMON = cap, rare, common
        for th in [x / 100 for x in range(25, 75, 5)]:
            search.COVERAGE_MIN = th
            said = [(a, answered(q)) for a, q in queries]
            refused = sum(1 for a, yes in said if not a and not yes) / max(1, len(said) - answerable)
            false = sum(1 for a, yes in said if a and not yes) / max(1, answerable)
            examples = not any(map(answered, refuse)) and all(map(answered, answer))
            rows.append((examples, refused - 3 * false, refused, false, cap, rare, common, th))
    rows.sort(key=lambda r: (not r[0], -r[1], -r[7]))
    print(f"{len(cases)} questions ({answerable} answerable)")
    print(f"{'UNKNOWN_CAP':>12}{'ZIPF_RARE':>10}{'ZIPF_COMMON':>12}{'COVERAGE_MIN':>14}{'refused':>10}{'false':>8}  examples")
    for examples, _, refused, false, cap, rare, common, th in rows[: args.top]:
        print(f"{cap:>12}{rare:>10}{common:>12}{th:>14.2f}{refused:>10.2f}{false:>8.3f}  {'ok' if examples else 'WRONG'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
