"""The engine takes any text: arbitrary questions and hostile documents never raise nor leak escape codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mnqa.engine import Engine

ROOT = Path(__file__).resolve().parent.parent

NASTY = st.sampled_from(
    ["\x1b[2J", "\x1b]52;c;aGVsbG8=\x07", "\x1b]0;title\x1b\\", "[bold red]", "[/]", "[link=http://x]", "\x00",
     "\u202e", "💉", "針", "مرحبا", "%s", "{0}", "$(rm -rf /)", "hurt", "microneedeling", "-", "'s", "\r", "\n"]
)
QUESTION = st.one_of(st.text(max_size=300), st.lists(st.one_of(NASTY, st.text(max_size=8)), max_size=30).map(" ".join))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_corpus(ROOT / "corpus")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUESTION, st.integers(min_value=1, max_value=8), st.integers(min_value=0, max_value=20))
def test_any_question_gets_an_answer_value(engine: Engine, question: str, k: int, start: int) -> None:
    answer = engine.ask(question, top_k=k, start=start)
    assert len(answer.results) <= k
    assert answer.answered or not answer.results
    for value in [answer.question, *answer.searched.terms, *answer.searched.ignored, *answer.searched.corrections]:
        assert "\x1b" not in value and "\x00" not in value


def test_a_hostile_corpus_is_indexed_safely(tmp_path: Path) -> None:
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "markup.md").write_text(
        "# Numbing [bold red]cream[/]\n\n\x1b[2J\x1b]52;c;ZXZpbA==\x07Numbing cream is applied first [link=x]. "
        "\x1b]0;owned\x07It takes 30 minutes.\n", encoding="utf-8")
    (corpus / "huge-word.txt").write_text("a" * 100_000 + " numbing.\n", encoding="utf-8")
    engine = Engine.from_corpus(corpus)
    answer = engine.ask("numbing cream")
    assert answer.answered
    for hit in answer.results:
        assert "\x1b" not in hit.passage.text and "\x07" not in hit.passage.text
    assert any("[bold red]cream[/]" in (h.passage.section or "") + h.passage.text for h in answer.results)
