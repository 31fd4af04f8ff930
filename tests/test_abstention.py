"""The abstention model: fitting, the shipped model, and the script that fits it."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from mnqa import abstention
from mnqa.abstention import MEASURES, Model, fit, load_model, save_model

ROOT = Path(__file__).resolve().parent.parent


def _row(coverage: float, unknown: float) -> list[float]:
    """Measures where only coverage and the weightiest unknown word vary."""
    row = [0.0] * len(MEASURES)
    row[MEASURES.index("coverage")] = coverage
    row[MEASURES.index("unknown_largest")] = unknown
    return row


def _questions(n: int = 400) -> tuple[list[list[float]], list[bool]]:
    """Made-up questions: answerable ones are well covered and have no weighty unknown word, with some noise."""
    rnd = random.Random(7)
    rows, labels = [], []
    for i in range(n):
        answerable = i % 3 != 0
        coverage = min(1.0, max(0.0, rnd.gauss(0.75 if answerable else 0.35, 0.15)))
        unknown = max(0.0, rnd.gauss(0.1 if answerable else 0.7, 0.2))
        rows.append(_row(coverage, unknown))
        labels.append(answerable)
    return rows, labels


def test_a_fitted_model_answers_what_is_covered_and_refuses_what_is_not() -> None:
    rows, labels = _questions()
    model = fit(rows, labels)
    assert model.answers(_row(0.9, 0.0))
    assert not model.answers(_row(0.2, 1.0))
    # More coverage never lowers the chance; a weightier unknown word never raises it.
    assert model.probability(_row(0.8, 0.3)) > model.probability(_row(0.5, 0.3))
    assert model.probability(_row(0.6, 0.8)) < model.probability(_row(0.6, 0.1))


def test_the_threshold_refuses_the_share_of_answerable_questions_asked_for() -> None:
    rows, labels = _questions()
    for share in (0.03, 0.10):
        model = fit(rows, labels, refuse_share=share)
        answerable = [r for r, yes in zip(rows, labels) if yes]
        refused = sum(not model.answers(r) for r in answerable) / len(answerable)
        assert refused == pytest.approx(share, abs=1 / len(answerable))


def test_a_measure_that_never_varies_does_not_break_the_fit() -> None:
    rows, labels = _questions()
    model = fit(rows, labels)
    assert all(scale > 0 for scale in model.scales)
    assert model.weights[MEASURES.index("clinic")] == 0.0  # always 0 in these rows: nothing to learn from


def test_a_saved_model_loads_back_the_same(tmp_path: Path) -> None:
    model = fit(*_questions(), fitted_on="made-up questions")
    path = tmp_path / "model.json"
    save_model(model, path)
    loaded = load_model(path)
    assert loaded.fitted_on == "made-up questions"
    rows, _ = _questions(50)
    assert [loaded.answers(r) for r in rows] == [model.answers(r) for r in rows]


def test_a_model_fitted_on_other_measures_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    save_model(Model((0.0,) * len(MEASURES), (1.0,) * len(MEASURES), (0.0,) * len(MEASURES), 0.0, 0.5), path)
    data = json.loads(path.read_text())
    data["measures"] = data["measures"][:-1]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="fit_abstention"):
        load_model(path)


def test_the_shipped_model_weighs_coverage_for_and_unknown_words_against() -> None:
    model = load_model()
    assert len(model.weights) == len(MEASURES)
    assert model.weights[MEASURES.index("coverage")] > 0
    assert model.weights[MEASURES.index("unknown_largest")] < 0
    assert "dev questions" in model.fitted_on
    assert 0.0 < model.threshold < 1.0


def test_the_fitting_script_estimates_on_held_out_files_and_checks_the_specified_questions() -> None:
    done = subprocess.run([sys.executable, "scripts/fit_abstention.py", "--dry-run"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "coverage rule alone" in done.stdout
    assert "model, each file fitted on the others" in done.stdout
    assert "wrote" not in done.stdout  # a dry run leaves the shipped model alone
    assert abstention.MODEL_FILE.exists()
