"""Query understanding on the real corpus: spelling, joined words, expansions, what is reported as searched."""

from __future__ import annotations

from pathlib import Path

import pytest

from mnqa.engine import Engine

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_corpus(CORPUS)


@pytest.mark.parametrize(
    "typed, fixed",
    [("microneedeling", "microneedling"), ("hyperpigmintation", "hyperpigmentation"), ("wrinkels", "wrinkles"),
     ("colagen", "collagen"), ("sunscrean", "sunscreen")],
)
def test_misspelt_words_are_corrected_to_corpus_words(engine: Engine, typed: str, fixed: str) -> None:
    q = engine.analyze(f"does {typed} help")
    assert q.corrections == {typed: fixed}
    assert fixed in q.terms


@pytest.mark.parametrize("word", ["park", "passport", "zxcvbnm", "wheelchair"])
def test_words_with_no_close_match_are_left_alone_and_reported(engine: Engine, word: str) -> None:
    q = engine.analyze(f"where is the {word}")
    assert q.corrections == {}
    assert word in q.unknown


def test_a_misspelt_filler_word_is_dropped(engine: Engine) -> None:
    q = engine.analyze("how does it acutally work")
    assert q.corrections == {"acutally": "actually"}
    assert "actually" not in q.terms


@pytest.mark.parametrize("typed", ["micro needling", "micro-needling", "Micro-Needling", "microneedling"])
def test_spellings_of_microneedling_search_the_same_word(engine: Engine, typed: str) -> None:
    assert engine.analyze(f"is {typed} safe").terms == ["microneedling", "safe"]


def test_expansions_weigh_less_than_the_askers_words(engine: Engine) -> None:
    q = engine.analyze("is it safe for dark skin")
    assert q.weights["dark"] == q.weights["skin"] == q.weights["safe"] == 1.0
    assert "darker skin tones" in q.expansions
    assert 0 < q.weights["darker"] < 1.0


def test_a_word_the_documents_never_use_is_carried_by_its_expansions(engine: Engine) -> None:
    q = engine.analyze("does it hurt")
    assert q.terms == ["hurt"]
    assert {"numbing cream", "discomfort"} <= set(q.expansions)
    own = next(g for g in q.groups if g.word == "hurt")
    assert own.expansions["numb"] > engine.analyze("is it safe for dark skin").weights["darker"]


def test_stopwords_only_leaves_nothing_to_search(engine: Engine) -> None:
    q = engine.analyze("is it")
    assert q.weights == {} and q.terms == []


def test_overlong_questions_are_cut(engine: Engine) -> None:
    q = engine.analyze("does it hurt " * 200)
    assert q.truncated and len(q.text) < 600
