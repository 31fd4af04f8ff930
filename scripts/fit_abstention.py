#!/usr/bin/env python3
"""Fit the abstention model (mnqa/abstention.py) on the labelled dev questions and write mnqa/abstention.json.

Every dev question is searched once and measured (abstention.MEASURES of the best-covered first result). The
script first estimates how a model fitted this way does on questions it was not fitted on: for each dev file in
turn it fits on the others and judges that file, and prints the refusal rates next to those of the coverage rule
alone (answer when coverage reaches COVERAGE_MIN). Then it fits on all of them, checks the questions the product
was specified with, and writes the model (unless --dry-run). Never run it on a holdout set.

Usage: scripts/fit_abstention.py [--refuse-share 0.03] [--dry-run]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mnqa import abstention  # noqa: E402
from mnqa.engine import Engine  # noqa: E402
from mnqa.evaluate import eval_sets, load_cases  # noqa: E402

# The questions the product was specified with (issue 2): whatever the figures, these must come out right.
MUST_REFUSE = ["how do I renew my passport", "do you offer payment plans", "zxcvbnm", "where do I park"]
MUST_ANSWER = ["does it hurt", "is it safe for dark skin"]


def measured(engine: Engine, question: str) -> tuple[float, ...]:
    """A question's abstention measures; () when nothing is searched or found (refused whatever the model)."""
    query = engine.analyze(question)
    return engine.searcher.search(query, 3).measures if query.weights else ()


def rates(decisions: list[tuple[bool, bool]]) -> tuple[float, float]:
    """(share of unanswerable questions refused, share of answerable ones refused) of (answerable, answered)."""
    unanswerable = [yes for answerable, yes in decisions if not answerable]
    answerable = [yes for a, yes in decisions if a]
    return (sum(not yes for yes in unanswerable) / max(1, len(unanswerable)),
            sum(not yes for yes in answerable) / max(1, len(answerable)))


def main(argv: list[str]) -> int:
    """Estimate, fit and write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--refuse-share", type=float, default=0.03,
                        help="share of answerable questions the threshold may refuse (default 0.03)")
    parser.add_argument("--dry-run", action="store_true", help="estimate and fit, but do not write the model")
    args = parser.parse_args(argv)
    engine = Engine.from_corpus(ROOT / "corpus")
    files = eval_sets("dev", ROOT / "tests" / "eval")
    rows: list[tuple[str, bool, tuple[float, ...]]] = []
    for path in files:
        rows.extend((path.stem, bool(c.gold), measured(engine, c.question)) for c in load_cases(path))
    fitting = [(name, answerable, m) for name, answerable, m in rows if m]
    reached = abstention.MEASURES.index("coverage_reached")
    coverage_rule = [(answerable, bool(m) and m[reached] == 1.0) for _, answerable, m in rows]
    held_out = []
    for path in files:
        train = [(a, m) for name, a, m in fitting if name != path.stem]
        model = abstention.fit([m for _, m in train], [a for a, _ in train], args.refuse_share)
        held_out.extend((a, bool(m) and model.answers(m)) for name, a, m in rows if name == path.stem)
    answerable = sum(a for _, a, _ in rows)
    print(f"{len(rows)} dev questions ({answerable} answerable) in {len(files)} files")
    print(f"{'rule':<44}{'refused (unanswerable)':>24}{'refused (answerable)':>22}")
    for label, decisions in (("coverage rule alone (fitted on all)", coverage_rule),
                             ("model, each file fitted on the others", held_out)):
        refused, false = rates(decisions)
        print(f"{label:<44}{refused:>24.3f}{false:>22.3f}")
    model = abstention.fit([m for _, _, m in fitting], [a for _, a, _ in fitting], args.refuse_share,
                           fitted_on=f"{len(fitting)} dev questions in {len(files)} files, "
                                     f"refusing {args.refuse_share:.0%} of the answerable ones")
    wrong = [q for q in MUST_REFUSE if (m := measured(engine, q)) and model.answers(m)]
    wrong += [q for q in MUST_ANSWER if not ((m := measured(engine, q)) and model.answers(m))]
    if wrong:
        print("the fitted model gets the specified questions wrong:", "; ".join(wrong))
        return 1
    for name, weight in sorted(zip(abstention.MEASURES, model.weights), key=lambda nw: -abs(nw[1])):
        print(f"  {name:<18}{weight:+.3f}")
    if not args.dry_run:
        abstention.save_model(model)
        print(f"wrote {abstention.MODEL_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
