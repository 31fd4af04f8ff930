"""Abstention: whether the best passages credibly answer a question, from measures of how they match it.

Search measures how the best of the first results matches the question (`MEASURES`: how much of what was asked
it covers, how much the question says in words the documents never use, ...). A logistic model weighs the
measures into the chance that the documents answer; the question is answered when the chance reaches the model's
threshold. `scripts/fit_abstention.py` fits the weights on the labelled dev questions and sets the threshold so
that about 3% of the answerable ones are refused; it writes them to `abstention.json` beside this file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("abstention.json")

# What the model weighs, in this order (search.Searcher._measures). Amounts of information are in words' worth:
# multiples of the weight of a word no passage has, so that they mean the same in a corpus of any size.
MEASURES = (
    "coverage",  # how much of what was asked the passage speaks to (0..1, search.Searcher._covered)
    "coverage_reached",  # 1 when coverage reaches search.COVERAGE_MIN, the rule this model refines
    "unknown",  # what the words the documents never use weigh together, at most one word's worth (as coverage)
    "unknown_largest",  # the weightiest of them
    "unknown_words",  # how many there are
    "asked",  # what the words the documents use weigh together
    "covered",  # how much of that the passage has
    "missed_largest",  # the weightiest word the passage does not have
    "known_words",  # how many words the documents use were asked
    "covered_words",  # how many of them the passage has
    "relevance",  # the first result's score as a share of a passage having every word asked
    "clinic",  # 1 when the question asks about the clinic itself
    "frame",  # 1 when the question has a frame phrase ("how long")
)


@dataclass(frozen=True)
class Model:
    """A logistic model over MEASURES: standardised by means and scales, then weighed."""

    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # the least probability that answers
    fitted_on: str = ""  # what the weights were fitted on, for the record

    def probability(self, values: Sequence[float]) -> float:
        """The chance (0..1) that a question with these measures is answered by the documents."""
        z = self.bias + sum(w * (v - m) / s for w, v, m, s in zip(self.weights, values, self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def answers(self, values: Sequence[float]) -> bool:
        """Whether measures this good answer the question."""
        return self.probability(values) >= self.threshold


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> Model:
    """The model shipped with mnqa (or another written by scripts/fit_abstention.py)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["measures"]) != MEASURES:
        raise ValueError(f"{path}: fitted on other measures than this mnqa computes; run scripts/fit_abstention.py")
    return Model(tuple(data["means"]), tuple(data["scales"]), tuple(data["weights"]), data["bias"],
                 data["threshold"], data.get("fitted_on", ""))


def fit(rows: Sequence[Sequence[float]], answerable: Sequence[bool], refuse_share: float = 0.03,
        penalty: float = 1.0, fitted_on: str = "") -> Model:
    """Fit the model to measured questions (rows of MEASURES) labelled answerable or not.

    Weights by Newton's method on the log-likelihood with a small L2 penalty (deterministic; the penalty keeps
    weights finite when the data separate). The threshold refuses `refuse_share` of the answerable questions.
    """
    import numpy as np  # lazy: only fitting needs it

    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(answerable, dtype=np.float64)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0.0] = 1.0  # a measure that never varies carries no weight either way
    z = np.column_stack([np.ones(len(x)), (x - means) / scales])
    ridge = penalty * np.diag([0.0] + [1.0] * x.shape[1])  # the bias is not penalised
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        step = np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + ridge, z.T @ (p - y) + ridge @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    p = np.sort(1.0 / (1.0 + np.exp(-(z[y == 1] @ w))))
    threshold = float(p[min(len(p) - 1, int(refuse_share * len(p)))]) if len(p) else 0.5
    return Model(tuple(map(float, means)), tuple(map(float, scales)), tuple(map(float, w[1:])), float(w[0]),
                 threshold, fitted_on)


def save_model(model: Model, path: Path = MODEL_FILE) -> None:
    """Write a model where load_model reads it."""
    data = {"measures": list(MEASURES), "fitted_on": model.fitted_on, "threshold": round(model.threshold, 6),
            "bias": round(model.bias, 6), "means": [round(v, 6) for v in model.means],
            "scales": [round(v, 6) for v in model.scales], "weights": [round(v, 6) for v in model.weights]}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
