"""The engine takes any text: arbitrary questions and hostile documents never raise nor leak escape codes."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mnqa import render
from mnqa.engine import Engine
from mnqa.env import Environment
from mnqa.models import Answer

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


# --- from the question (or the document) all the way to every output format ------------------------------------

CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
RICH_SGR_RE = re.compile(r"\x1b\[[0-9;]*m")


def every_output(engine: Engine, answer: Answer) -> dict[str, str]:
    """The answer in every format mnqa writes, rich ones as a terminal would receive them."""
    outs = {
        "plain": render.plain_answer(answer, 80, show_question=True),
        "markdown": render.markdown_answer(answer) + render.sheet_entry(answer),
        "json": render.to_json(render.answer_to_dict(answer), indent=2) + render.to_json(render.answer_to_dict(answer)),
        "csv": "\n".join(cell for row in csv.reader(io.StringIO("".join(render.csv_line(r) for r in render.csv_rows(answer))))
                         for cell in row),
    }
    env = Environment(io.StringIO(), io.StringIO(), io.StringIO(), stdout_isatty=True, environ={"TERM": "xterm-256color"})
    console = render.make_console(env, render.OutputOptions("rich", True, True, 80))
    console.print(render.rich_answer(answer))
    console.print(render.rich_why(answer))
    for hit in answer.results:
        console.print(render.rich_open(hit, engine.section_of(hit.passage)))
    outs["rich"] = RICH_SGR_RE.sub("", env.stdout.getvalue())  # type: ignore[attr-defined]  # rich's own styling only
    return outs


def assert_safe(outs: dict[str, str]) -> None:
    for fmt, out in outs.items():
        assert "\x1b" not in out and not CONTROL_RE.search(out.replace("\n", "")), (fmt, out[:500])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUESTION, st.integers(min_value=1, max_value=5))
def test_any_question_renders_safely_in_every_format(engine: Engine, question: str, k: int) -> None:
    assert_safe(every_output(engine, engine.ask(question, top_k=k)))


DOC_TEXT = st.lists(
    st.one_of(NASTY, st.sampled_from(["Numbing cream is applied before microneedling.", "\n\n", "# Aftercare\n", "• item\n",
                                      "[bold]sunscreen[/bold] after treatment.", "\x1b[31m", "\x9b2J", "\x1bP+q\x1b\\"]),
              st.text(max_size=20)),
    min_size=1, max_size=25,
).map("".join)


@settings(max_examples=25, deadline=None)
@given(DOC_TEXT)
def test_a_hostile_document_never_reaches_any_output_as_escape_codes(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        (folder / "hostile.txt").write_text(text.replace("\x00", "") + "\nNumbing cream is applied before microneedling.\n",
                                            encoding="utf-8", errors="surrogatepass")
        engine = Engine.from_corpus(folder)
        for question in ("numbing cream", "sunscreen after treatment", "[bold]", text[:100]):
            answer = engine.ask(question)
            assert_safe(every_output(engine, answer))
            for hit in answer.results:
                assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", hit.passage.text)  # stripped on reading
