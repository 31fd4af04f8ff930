"""The renderers on hostile text: nothing raises, no escape sequence from the data reaches any output."""

from __future__ import annotations

import csv
import io
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mnqa import render
from mnqa.env import Environment
from mnqa.models import Answer, Hit, Passage, Searched

HOSTILE = [
    "\x1b[2J", "\x1b[H", "\x1b]52;c;cHduZWQ=\x07", "\x1b]0;window title\x1b\\", "\x1b]8;;http://x\x1b\\link", "\x9b2J",
    "\x9d0;t\x9c", "\x1bc", "\x1bP+q\x1b\\", "\x00", "\x07", "\x08", "\r", "\t", "\x7f", "\x85", "\x1b",
    "[bold]", "[/]", "[bold red]", "[link=http://example.com]", ":smile:", "\u202e", "🙂", "痛い", "هل يؤلم", "%s", "{0}",
    "$(rm -rf /)", "`id`", "<script>", "**", "# ", "\n", " ",
]
hostile_text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(HOSTILE)), max_size=10).map("".join)
CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
RICH_SGR_RE = re.compile(r"\x1b\[[0-9;]*m")


@st.composite
def spans(draw: st.DrawFn, size: int) -> tuple[int, int]:
    a = draw(st.integers(0, size))
    return a, draw(st.integers(a, size))


@st.composite
def hits(draw: st.DrawFn, rank: int) -> Hit:
    text = draw(hostile_text)
    passage = Passage(
        pid=rank, source="corpus/" + draw(hostile_text), title=draw(hostile_text), section=draw(st.none() | hostile_text),
        first_line=draw(st.integers(1, 10**6)), last_line=draw(st.integers(1, 10**6)), text=text,
        context=draw(st.none() | hostile_text),
    )
    span = draw(spans(len(text)))
    return Hit(
        rank, draw(st.floats(0, 100)), draw(st.floats(0, 1)), passage, text[span[0] : span[1]], span,
        tuple(draw(st.lists(spans(len(text)), max_size=4))), tuple(draw(st.lists(hostile_text, max_size=2))),
    )


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    answered = draw(st.booleans())
    results = tuple(draw(hits(i)) for i in range(1, draw(st.integers(1, 3)) + 1)) if answered else ()
    words = st.lists(hostile_text, max_size=3).map(tuple)
    return Answer(
        question=draw(hostile_text), answered=answered,
        searched=Searched(draw(words), draw(words), draw(st.dictionaries(hostile_text, hostile_text, max_size=2)), draw(words)),
        results=results, suggestions=() if answered else draw(words), notice=draw(st.none() | hostile_text),
        reason=None if answered else draw(hostile_text),
    )


def _rich(answer: Answer, width: int = 80, styled: bool = True) -> str:
    env = Environment(io.StringIO(), io.StringIO(), io.StringIO(), stdout_isatty=styled, environ={"TERM": "xterm-256color"})
    console = render.make_console(env, render.OutputOptions("rich", styled, styled, width))
    console.print(render.rich_answer(answer))
    console.print(render.rich_why(answer))
    for hit in answer.results:
        console.print(render.rich_open(hit, [hit.passage]))
    return env.stdout.getvalue()  # type: ignore[attr-defined]


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(answers())
def test_plain_and_markdown_hold_no_control_characters(answer: Answer) -> None:
    for out in (render.plain_answer(answer, 60, show_question=True), render.markdown_answer(answer), render.sheet_entry(answer)):
        assert not CONTROL_RE.search(out)


@SETTINGS
@given(answers())
def test_json_holds_no_raw_control_character_and_round_trips(answer: Answer) -> None:
    for indent in (None, 2):
        out = render.to_json(render.answer_to_dict(answer), indent=indent)
        assert not CONTROL_RE.search(out)
        assert json.loads(out) == json.loads(json.dumps(render.answer_to_dict(answer)))


@SETTINGS
@given(answers())
def test_csv_cells_hold_no_control_characters(answer: Answer) -> None:
    out = "".join(render.csv_line(row) for row in render.csv_rows(answer))
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            assert not CONTROL_RE.search(cell)


@SETTINGS
@given(answers())
def test_rich_output_carries_no_escape_sequence_from_the_data(answer: Answer) -> None:
    out = _rich(answer)
    assert "\x1b" not in RICH_SGR_RE.sub("", out)  # only rich's own styling codes
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", RICH_SGR_RE.sub("", out))


def _hit(text: str, title: str = "Title", answer_span: tuple[int, int] = (0, 0), highlights: tuple[tuple[int, int], ...] = ()) -> Hit:
    p = Passage(1, "corpus/a.txt", title, None, 1, 1, text)
    return Hit(1, 1.0, 1.0, p, text[answer_span[0] : answer_span[1]], answer_span, highlights)


def _one(hit: Hit) -> Answer:
    return Answer("q", True, Searched(("q",)), (hit,))


def test_markup_in_documents_is_shown_as_typed() -> None:
    hit = _hit("Use [bold red]sunscreen[/] and :smile: daily.", title="[link=http://evil]Aftercare[/link]")
    out = _rich(_one(hit), styled=False)
    assert "Use [bold red]sunscreen[/] and :smile: daily." in out
    assert "[link=http://evil]Aftercare[/link]" in out


def test_sanitize_removes_escape_sequences_and_keeps_the_words() -> None:
    assert render.sanitize("a\x1b[2Jb\x1b]52;c;ZGF0YQ==\x07c\x1b]0;t\x1b\\d\x9b31me\x00f\tg\nh") == "abcdef g\nh"
    assert render.one_line("line one\nline\x1b[1m two\r\n") == "line one line two  "
    assert render.sanitize("unterminated \x1b]0;title goes to the end") == "unterminated "


def test_highlights_follow_the_words_when_control_characters_are_removed() -> None:
    text = "\x1b[31mnumbing\x00 cream first"
    clean, moved = render.clean_with_spans(text, [(5, 12), (14, 19)])
    assert clean == "numbing cream first"
    assert [clean[s:e] for s, e in moved] == ["numbing", "cream"]


def test_plain_wrapping_never_breaks_a_word_and_hangs_list_items() -> None:
    text = "Microneedling stimulates collagen production. " * 4 + "\n• an item that is long enough to need a second line here"
    out = render.plain_answer(_one(_hit(text)), 40)
    words = set(text.split())
    assert {w for w in out.split() if w in words} == words
    assert all(len(line) <= 40 for line in out.splitlines() if "Text quoted" not in line)
    assert "   • an item that is long enough to need\n     a second line here" in out


def test_rich_wrapping_never_breaks_a_word_at_80_or_200_columns() -> None:
    text = " ".join(["microneedling", "collagen", "hyperpigmentation", "dermaroller", "post-inflammatory"] * 30)
    for width in (80, 200):
        out = _rich(_one(_hit(text, answer_span=(0, 40), highlights=((0, 13),))), width=width, styled=False)
        body = [line.strip("│ ") for line in out.splitlines() if line.startswith("│")]
        assert all(len(line) <= min(width, render.READING_WIDTH) for line in out.splitlines())
        assert set(" ".join(body).split()) >= set(text.split())


def test_the_relevance_bar_has_ten_cells() -> None:
    assert render.relevance_bar(0.0) == "░" * 10
    assert render.relevance_bar(0.74) == "███████░░░"
    assert render.relevance_bar(1.0) == "█" * 10


def test_output_options_follow_the_terminal_and_no_color() -> None:
    def env(tty: bool, environ: dict[str, str]) -> Environment:
        return Environment(io.StringIO(), io.StringIO(), io.StringIO(), stdout_isatty=tty, width=None, environ=environ)

    assert render.output_options(env(True, {})) == render.OutputOptions("rich", True, True, 80)
    assert render.output_options(env(False, {})) == render.OutputOptions("plain", False, False, 80)
    assert render.output_options(env(True, {"NO_COLOR": "1"})) == render.OutputOptions("rich", True, False, 80)
    assert render.output_options(env(True, {"NO_COLOR": ""})).color  # empty means unset, per no-color.org
    assert render.output_options(env(True, {}), "json").styled is False
    assert render.output_options(env(False, {}), piped="jsonl").format == "jsonl"


def test_xdg_dirs_come_from_the_environment_with_the_usual_defaults() -> None:
    e = Environment(io.StringIO(), io.StringIO(), io.StringIO(), environ={"HOME": "/home/u", "XDG_CACHE_HOME": "/c", "XDG_DATA_HOME": "relative"})
    assert str(e.cache_dir) == "/c/mnqa"
    assert str(e.data_dir) == "/home/u/.local/share/mnqa"  # relative XDG values are ignored, as the spec says
    assert str(e.config_dir) == "/home/u/.config/mnqa"


# --- the other renderers: sources, FAQ lists, error records, the evaluation table ---------------------------------


@SETTINGS
@given(st.lists(st.tuples(hostile_text, hostile_text, st.integers(0, 10**6)), max_size=4), st.lists(hostile_text, max_size=4))
def test_sources_and_faq_renderers_hold_no_escape_from_the_data(docs: list[tuple[str, str, int]], faq: list[str]) -> None:
    from mnqa.index import DocInfo

    infos = [DocInfo("corpus/" + s, t, n) for s, t, n in docs]
    for out in (render.plain_sources(infos), render.plain_faq(faq), render.markdown_faq(faq)):
        assert not CONTROL_RE.search(out.replace("\n", ""))
    assert not CONTROL_RE.search(render.to_json([{"source": d.source, "title": d.title} for d in infos], indent=2))
    assert not CONTROL_RE.search(render.to_json(faq, indent=2))
    env = Environment(io.StringIO(), io.StringIO(), io.StringIO(), stdout_isatty=True, environ={"TERM": "xterm-256color"})
    console = render.make_console(env, render.OutputOptions("rich", True, True, 80))
    console.print(render.rich_sources(infos))
    console.print(render.rich_faq(faq))
    assert not CONTROL_RE.search(RICH_SGR_RE.sub("", env.stdout.getvalue()).replace("\n", ""))  # type: ignore[attr-defined]


@SETTINGS
@given(hostile_text, hostile_text)
def test_error_records_hold_no_escape_from_the_line(question: str, error: str) -> None:
    assert not CONTROL_RE.search(render.sheet_error(question, error).replace("\n", ""))
    assert not CONTROL_RE.search(render.to_json(render.error_to_dict(question, error)))
    for row in csv.reader(io.StringIO(render.csv_line(render.csv_error_row(question, error)))):
        assert not any(CONTROL_RE.search(cell) for cell in row)


@SETTINGS
@given(st.lists(hostile_text, min_size=1, max_size=3))
def test_the_evaluation_table_shows_set_names_literally(names: list[str]) -> None:
    figures = {c: 0.5 for c in render.EVAL_COLUMNS} | {"questions": 3}
    out = render.eval_table([(name, figures) for name in names])
    assert not CONTROL_RE.search(out.replace("\n", "")) and out.count("\n") == len(names) + 1


def test_bidi_overrides_never_reach_the_screen_but_json_keeps_them_escaped() -> None:
    text = "abc\u202edef\u2066ghi\u2069 هل يؤلم"
    assert render.sanitize(text) == render.one_line(text) == "abcdefghi هل يؤلم"  # right-to-left letters stay
    assert render.to_json(text) == '"abc\\u202edef\\u2066ghi\\u2069 هل يؤلم"' and json.loads(render.to_json(text)) == text
