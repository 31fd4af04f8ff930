"""The `mnqa` commands through main(argv, env): exact output per format, exit codes, NO_COLOR, batch behaviour."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import Result, Run, make_env, write_corpus
from fakes import FakeEngine

import mnqa.cli as cli
from mnqa import __version__
from mnqa.cli import main


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    """Make every command use a FakeEngine (fixed answers), so outputs can be compared exactly."""
    engine = FakeEngine()
    monkeypatch.setattr(cli, "load_engine", lambda args, env: engine)
    return engine


def run_fake(*argv: str, stdin: bytes = b"", **kw: object) -> Result:
    env = make_env(stdin, **kw)  # type: ignore[arg-type]
    code = main(list(argv), env)
    return Result(code, env.stdout.getvalue(), env.stderr.getvalue())  # type: ignore[attr-defined]


# --- ask: exact output of each format --------------------------------------------------------------------------

PLAIN = """\
searched for: hurt; corrected: hurd -> hurt; also: numbing cream

1. Comfort and aftercare
   corpus/numbing.txt:3-4 | Does it hurt?
   relevance 1.00
   Most people feel only mild discomfort. A numbing cream is applied 30 minutes
   before the treatment.
   answer: A numbing cream is applied 30 minutes before the treatment.
   also in: corpus/copy.txt

2. Who should not have it
   corpus/avoid.txt:5-6
   relevance 0.35
   People with these conditions should not have microneedling:
   • eczema on the face
   • a history of keloid scars
   answer: • eczema on the face

Text quoted from the clinic's documents; it is not medical advice.
"""

RICH = """\
searched for: hurt; corrected: hurd -> hurt; also: numbing cream
╭─ 1 Comfort and aftercare ────────────────────────────────────────────────────╮
│ corpus/numbing.txt:3-4 · Does it hurt?                                       │
│ Most people feel only mild discomfort. A numbing cream is applied 30 minutes │
│ before the treatment.                                                        │
│ ██████████ 1.00  also in: corpus/copy.txt                                    │
╰──────────────────────────────────────────────────────────────────────────────╯
╭─ 2 Who should not have it ───────────────────────────────────────────────────╮
│ corpus/avoid.txt:5-6                                                         │
│ People with these conditions should not have microneedling:                  │
│ • eczema on the face                                                         │
│ • a history of keloid scars                                                  │
│ ████░░░░░░ 0.35                                                              │
╰──────────────────────────────────────────────────────────────────────────────╯
Text quoted from the clinic's documents; it is not medical advice.
"""

MARKDOWN = """\
## does it hurd

> Most people feel only mild discomfort. **A numbing cream is applied 30 minutes before the treatment.**

Source: *Comfort and aftercare*, Does it hurt? (corpus/numbing.txt:3-4)

> People with these conditions should not have microneedling:\\
> **• eczema on the face**\\
> • a history of keloid scars

Source: *Who should not have it* (corpus/avoid.txt:5-6)

*Text quoted from the clinic's documents; it is not medical advice.*
"""

NOT_ANSWERED = """\
searched for: price; not in the documents: car
Not answered: the documents do not answer this.
Questions the documents can answer:
  - Does microneedling hurt?
  - How many sessions are needed?
"""


@pytest.mark.parametrize("fmt, expected", [("plain", PLAIN), ("rich", RICH), ("markdown", MARKDOWN)])
def test_ask_prints_exactly_this_in_each_text_format(fake: FakeEngine, fmt: str, expected: str) -> None:
    r = run_fake("ask", "does it hurd", "--format", fmt)
    assert (r.code, r.out, r.err) == (0, expected, "")


def test_ask_json_is_the_documented_contract_in_key_order(fake: FakeEngine) -> None:
    r = run_fake("ask", "does it hurd", "--format", "json")
    assert r.code == 0
    obj = json.loads(r.out)
    assert list(obj) == ["question", "answered", "searched", "results"]
    assert list(obj["searched"]) == ["terms", "expansions", "corrections"]
    assert obj["searched"] == {"terms": ["hurt"], "expansions": ["numbing cream"], "corrections": {"hurd": "hurt"}}
    first = obj["results"][0]
    assert list(first) == ["rank", "score", "source", "title", "section", "lines", "text", "answer", "highlights", "also_in", "context"]
    assert first == {
        "rank": 1, "score": 4.25, "source": "corpus/numbing.txt", "title": "Comfort and aftercare",
        "section": "Does it hurt?", "lines": [3, 4],
        "text": "Most people feel only mild discomfort. A numbing cream is applied 30 minutes before the treatment.",
        "answer": "A numbing cream is applied 30 minutes before the treatment.",
        "highlights": [[41, 48], [49, 54]], "also_in": ["corpus/copy.txt"], "context": None,
    }
    assert first["text"][41:54] == "numbing cream"
    assert obj["results"][1]["context"] == "People with these conditions should not have microneedling:"


def test_ask_not_answered_exits_1_with_the_suggestions(fake: FakeEngine) -> None:
    r = run_fake("ask", "price of a car")
    assert (r.code, r.out, r.err) == (1, NOT_ANSWERED, "")
    obj = json.loads(run_fake("ask", "price", "of", "a", "car", "-f", "json").out)
    assert obj["answered"] is False and obj["results"] == []
    assert obj["suggestions"] == ["Does microneedling hurt?", "How many sessions are needed?"]
    assert "error" not in obj and "notice" not in obj


def test_auto_format_is_plain_in_a_pipe_and_rich_on_a_terminal(fake: FakeEngine) -> None:
    assert run_fake("ask", "does it hurd").out == PLAIN
    styled = run_fake("ask", "does it hurd", stdout_isatty=True, environ={"TERM": "xterm-256color"}).out
    assert "╭─" in styled and "\x1b[" in styled


def _sgr_params(text: str) -> set[int]:
    return {int(p) for seq in re.findall(r"\x1b\[([0-9;]*)m", text) for p in seq.split(";") if p}


def test_no_color_keeps_emphasis_but_drops_colour(fake: FakeEngine) -> None:
    coloured = run_fake("ask", "does it hurd", stdout_isatty=True, environ={"TERM": "xterm-256color"}).out
    plain = run_fake("ask", "does it hurd", stdout_isatty=True, environ={"TERM": "xterm-256color", "NO_COLOR": "1"}).out
    colour_codes = set(range(30, 50)) | set(range(90, 108))
    assert _sgr_params(coloured) & colour_codes
    assert 1 in _sgr_params(plain)  # the answer sentence is still bold
    assert not _sgr_params(plain) & colour_codes


def test_plain_and_json_hold_no_escape_codes_even_on_a_terminal(fake: FakeEngine) -> None:
    for fmt in ("plain", "json", "markdown"):
        out = run_fake("ask", "does it hurd", "-f", fmt, stdout_isatty=True).out
        assert "\x1b" not in out, fmt


# --- ask: questions that are not questions ----------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   ", "\x00\x1b[2J", "\t\r\n"])
def test_an_empty_question_is_a_usage_error_of_one_line(fake: FakeEngine, question: str) -> None:
    r = run_fake("ask", question)
    assert r.code == 2 and r.out == ""
    assert r.err == 'mnqa ask: error: the question is empty (example: mnqa ask "does it hurt")\n'
    assert fake.asked == []


def test_control_characters_and_escapes_are_removed_before_asking(fake: FakeEngine) -> None:
    run_fake("ask", "does\x00 it\x1b]0;pwned\x07 hurd\x1b[2J")
    assert fake.asked == ["does it hurd"]


def test_a_megabyte_question_is_cut_before_the_engine_sees_it(fake: FakeEngine) -> None:
    run_fake("ask", "x" * 1_000_000)
    assert 500 < len(fake.asked[0]) <= 2000  # still over the engine's limit, so the engine says it cut it


def test_a_long_question_gets_the_engines_notice(run: Run) -> None:
    r = run("ask", "does it hurt " + "really " * 200, "-f", "json")
    obj = json.loads(r.out)
    assert obj["notice"] == "the question was cut to its first 500 characters"
    assert "note: the question was cut" in run("ask", "hurt " * 200, "-f", "plain").out


# --- usage errors and exit codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, message",
    [
        (["ask"], "mnqa ask: error: the following arguments are required: QUESTION (see 'mnqa ask --help')"),
        (["ask", "x", "-k", "0"], "mnqa ask: error: argument --top-k/-k: must be between 1 and 50, got 0 (see 'mnqa ask --help')"),
        (["ask", "x", "-f", "html"], "mnqa ask: error: argument --format/-f: invalid choice: 'html' (choose from 'auto', 'rich', 'plain', 'json', 'markdown') (see 'mnqa ask --help')"),
        (["sorces"], "mnqa: error: unknown command 'sorces'; did you mean 'sources'? (commands: ask, batch, sources, faq, eval)"),
        (["batch"], "mnqa batch: error: the following arguments are required: FILE (see 'mnqa batch --help')"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(fake: FakeEngine, argv: list[str], message: str) -> None:
    r = run_fake(*argv)
    assert (r.code, r.out, r.err) == (2, "", message + "\n")


@pytest.mark.parametrize("problem", ["missing", "empty", "file"])
def test_an_unusable_corpus_is_one_error_line_and_exit_2(tmp_path: Path, problem: str) -> None:
    folder = tmp_path / "docs"
    if problem == "empty":
        folder.mkdir()
    elif problem == "file":
        folder.write_text("not a folder")
    r = run_fake("--corpus", str(folder), "ask", "does it hurt")
    assert r.code == 2 and r.out == ""
    assert r.err.startswith("mnqa: error: ") and r.err.count("\n") == 1 and str(folder) in r.err


def test_corpus_can_come_after_the_command_or_from_the_environment(small_corpus: Path) -> None:
    for argv, environ in ((["ask", "does it hurt", "--corpus", str(small_corpus)], {}), (["ask", "does it hurt"], {"MNQA_CORPUS": str(small_corpus)})):
        r = run_fake(*argv, "-f", "json", environ=environ)
        assert r.code == 0 and json.loads(r.out)["results"][0]["source"] == "corpus/numbing.txt"


def test_version() -> None:
    r = run_fake("--version")
    assert (r.code, r.out, r.err) == (0, f"mnqa {__version__}\n", "")


@pytest.mark.parametrize("command", ["ask", "batch", "sources", "faq", "eval"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    r = run_fake(command, "--help")
    assert r.code == 0 and r.err == ""
    assert r.out.startswith(f"usage: mnqa {command}")
    assert "--corpus DIR" in r.out
    assert re.search(rf"example:\n  mnqa {command}\b", r.out)


def test_top_level_help_lists_the_commands_and_exit_codes() -> None:
    r = run_fake("--help")
    assert r.code == 0
    for word in ("ask", "batch", "sources", "faq", "eval", "exit codes"):
        assert word in r.out


# --- batch ---------------------------------------------------------------------------------------------------------

BATCH_INPUT = b"does it hurd\n\n# a comment\nprice of a car\n\xff\xfe\n\x00\x1b[2J\n"


def test_batch_jsonl_one_record_per_question_in_order_and_bad_lines_get_an_error(fake: FakeEngine) -> None:
    r = run_fake("batch", "-", "-f", "jsonl", "-k", "1", stdin=BATCH_INPUT)
    records = [json.loads(line) for line in r.out.splitlines()]
    assert [(o["question"], o["answered"], o.get("error")) for o in records] == [
        ("does it hurd", True, None),
        ("price of a car", False, None),
        ("\ufffd\ufffd", False, "line 5 is not UTF-8 text"),
        ("", False, "line 6 has no question once control characters are removed"),
    ]
    assert all(list(o)[:4] == ["question", "answered", "searched", "results"] for o in records)
    assert len(records[0]["results"]) == 1
    assert r.err == "mnqa: answered 1 of 4 questions; 2 lines could not be asked\n"
    assert r.code == 1  # some lines could not be asked
    assert fake.asked == ["does it hurd", "price of a car"]


def test_batch_of_good_lines_exits_0_even_when_some_are_not_answered(fake: FakeEngine) -> None:
    r = run_fake("batch", "-", stdin=b"does it hurd\r\nprice of a car\r\n")
    assert r.code == 0 and len(r.out.splitlines()) == 2
    assert r.err == "mnqa: answered 1 of 2 questions\n"


def test_batch_csv_exact(fake: FakeEngine) -> None:
    r = run_fake("batch", "-", "-f", "csv", "-k", "1", stdin=BATCH_INPUT)
    assert r.out == (
        "question,answered,rank,score,source,title,section,lines,answer,text,error\r\n"
        "does it hurd,true,1,4.25,corpus/numbing.txt,Comfort and aftercare,Does it hurt?,3-4,"
        "A numbing cream is applied 30 minutes before the treatment.,"
        "Most people feel only mild discomfort. A numbing cream is applied 30 minutes before the treatment.,\r\n"
        "price of a car,false,,,,,,,,,\r\n"
        "\ufffd\ufffd,false,,,,,,,,,line 5 is not UTF-8 text\r\n"
        ",false,,,,,,,,,line 6 has no question once control characters are removed\r\n"
    )


def test_batch_csv_defuses_spreadsheet_formulas(fake: FakeEngine) -> None:
    r = run_fake("batch", "-", "-f", "csv", stdin=b'=HYPERLINK("http://x")\n@SUM(1)\n')
    rows = list(csv.reader(io.StringIO(r.out)))
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "'@SUM(1)"]


SHEET = """\
# Microneedling: questions and answers

## does it hurd

> Most people feel only mild discomfort. **A numbing cream is applied 30 minutes before the treatment.**

Source: *Comfort and aftercare*, Does it hurt? (corpus/numbing.txt:3-4)

## price of a car

Not answered: the documents do not answer this.

Questions the documents can answer:

- Does microneedling hurt?
- How many sessions are needed?

## \ufffd\ufffd

*Not asked: line 5 is not UTF-8 text.*

## (empty question)

*Not asked: line 6 has no question once control characters are removed.*

---

*Text quoted from the clinic's documents; it is not medical advice.*
"""


def test_batch_markdown_is_a_printable_faq_sheet(fake: FakeEngine) -> None:
    r = run_fake("batch", "-", "-f", "markdown", stdin=BATCH_INPUT)
    assert r.out == SHEET


def test_batch_plain_exact(fake: FakeEngine) -> None:
    r = run_fake("batch", "-", "-f", "plain", "-k", "1", stdin=b"does it hurd\nprice of a car\n")
    assert r.out == (
        "Q: does it hurd\n"
        "searched for: hurt; corrected: hurd -> hurt; also: numbing cream\n\n"
        "1. Comfort and aftercare\n"
        "   corpus/numbing.txt:3-4 | Does it hurt?\n"
        "   relevance 1.00\n"
        "   Most people feel only mild discomfort. A numbing cream is applied 30 minutes\n"
        "   before the treatment.\n"
        "   answer: A numbing cream is applied 30 minutes before the treatment.\n"
        "   also in: corpus/copy.txt\n\n"
        "Q: price of a car\n" + NOT_ANSWERED +
        "\nText quoted from the clinic's documents; it is not medical advice.\n"
    )


def test_batch_format_auto_is_jsonl_in_a_pipe_and_plain_on_a_terminal(fake: FakeEngine) -> None:
    assert json.loads(run_fake("batch", "-", stdin=b"does it hurd\n").out)["answered"] is True
    assert run_fake("batch", "-", stdin=b"does it hurd\n", stdout_isatty=True).out.startswith("Q: does it hurd\n")


def test_no_command_with_piped_stdin_is_a_jsonl_batch(fake: FakeEngine) -> None:
    r = run_fake(stdin=b"does it hurd\nprice of a car\n")
    assert [json.loads(line)["question"] for line in r.out.splitlines()] == ["does it hurd", "price of a car"]


def test_batch_reads_a_file_and_reports_a_missing_one(fake: FakeEngine, tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_bytes(b"\xef\xbb\xbfdoes it hurd\n")
    assert json.loads(run_fake("batch", str(questions)).out)["question"] == "does it hurd"
    r = run_fake("batch", str(tmp_path / "nope.txt"))
    assert r.code == 2 and r.err == f"mnqa batch: error: cannot read {tmp_path / 'nope.txt'}: No such file or directory\n"


def test_batch_skips_an_overlong_line_without_reading_it_whole(fake: FakeEngine) -> None:
    r = run_fake("batch", "-", stdin=b"x" * 1_000_000 + b"\ndoes it hurd\n" + "é".encode() * 6000 + b"\n")
    records = [json.loads(line) for line in r.out.splitlines()]
    assert [o.get("error") for o in records] == [
        "line 1 is longer than 10000 bytes", None, "line 3 is longer than 10000 bytes"
    ]
    assert len(records[0]["question"]) <= 200 and records[1]["answered"]
    assert fake.asked == ["does it hurd"]


class _RecordingBytes:
    """A binary stdin that notes how much output existed when each line was read."""

    def __init__(self, lines: list[bytes], stdout: io.StringIO) -> None:
        self.lines, self.stdout, self.seen = list(lines), stdout, []

    def readline(self, size: int = -1) -> bytes:
        self.seen.append(self.stdout.getvalue())
        return self.lines.pop(0) if self.lines else b""


def test_batch_streams_each_record_before_reading_the_next_line(fake: FakeEngine) -> None:
    env = make_env()
    stdin = _RecordingBytes([b"does it hurd\n", b"price of a car\n", b"does it hurd\n"], env.stdout)  # type: ignore[arg-type]
    env.stdin = type("Stdin", (), {"buffer": stdin})()  # type: ignore[assignment]
    assert main(["batch", "-"], env) == 0
    assert stdin.seen[0] == ""
    assert stdin.seen[2].count("\n") == 2  # two records were out before the third question was read
    assert json.loads(stdin.seen[1])["question"] == "does it hurd"


def test_ctrl_c_in_a_batch_keeps_what_was_written_and_exits_130(fake: FakeEngine) -> None:
    fake.interrupt_at = 3
    r = run_fake("batch", "-", stdin=b"does it hurd\nprice of a car\ndoes it hurd\nmore\n")
    assert r.code == 130
    assert [json.loads(line)["question"] for line in r.out.splitlines()] == ["does it hurd", "price of a car"]
    assert r.err == "mnqa: interrupted after 2 questions (answered 1)\n"


@pytest.mark.parametrize("lines, argv, workers", [
    (cli.PARALLEL_MIN_QUESTIONS, [], cli.default_workers()),  # a long file: every CPU (one on a single-CPU machine)
    (cli.PARALLEL_MIN_QUESTIONS - 1, [], 1),  # over before a second process would start
    (10, ["-j", "3"], 3),
    (cli.PARALLEL_MIN_QUESTIONS, ["--jobs", "1"], 1),
])
def test_a_batch_file_is_answered_by_as_many_processes_as_pay(
    fake: FakeEngine, tmp_path: Path, lines: int, argv: list[str], workers: int
) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text("# blank and comment lines are not questions\n\n" + "does it hurd\n" * lines)
    r = run_fake("batch", str(questions), *argv)
    assert (r.code, r.err, fake.workers) == (0, f"mnqa: answered {lines} of {lines} questions\n", [workers])


def test_questions_on_stdin_are_answered_in_this_process_unless_asked(fake: FakeEngine) -> None:
    # A script may send a question and wait for its answer before sending the next: no reading ahead.
    assert run_fake("batch", "-", stdin=b"does it hurd\n" * 300).code == 0
    assert run_fake("batch", "-", "-j", "2", stdin=b"does it hurd\n").code == 0
    assert fake.workers == [1, 2]


@pytest.mark.parametrize("value, message", [("0", "must be between 1 and 64, got 0"), ("two", "not a whole number: 'two'")])
def test_a_bad_jobs_count_is_one_usage_line(fake: FakeEngine, value: str, message: str) -> None:
    r = run_fake("batch", "-", "--jobs", value, stdin=b"does it hurd\n")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"mnqa batch: error: argument --jobs/-j: {message} (see 'mnqa batch --help')\n"
    assert fake.asked == []


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly(fake: FakeEngine) -> None:
    env = make_env(b"does it hurd\n" * 5)
    env.stdout = _ClosedPipe()
    assert main(["batch", "-"], env) == 141
    assert env.stderr.getvalue() == ""  # type: ignore[attr-defined]


# --- sources, faq, eval against the small corpus -------------------------------------------------------------------


def test_sources_plain_and_json(run: Run) -> None:
    r = run("sources")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        "file                passages  title\n"
        "corpus/avoid.txt           1  Who should not have it\n"
        "corpus/numbing.txt         2  Comfort and aftercare\n"
        "corpus/sessions.md         2  Sessions and results\n"
    )
    docs = json.loads(run("sources", "-f", "json").out)
    assert docs[0] == {"source": "corpus/avoid.txt", "title": "Who should not have it", "passages": 1}


def test_faq_plain_markdown_json(run: Run) -> None:
    assert run("faq").out == " 1. Does microneedling hurt?\n 2. How many sessions are needed?\n 3. Who should avoid microneedling?\n"
    assert run("faq", "-f", "markdown").out == (
        "# Common questions about microneedling\n\n"
        "1. Does microneedling hurt?\n2. How many sessions are needed?\n3. Who should avoid microneedling?\n"
    )
    assert json.loads(run("faq", "-f", "json").out)[2] == "Who should avoid microneedling?"


def test_faq_answers_is_a_sheet_of_the_faq_questions(run: Run) -> None:
    r = run("faq", "--answers")
    assert r.code == 0
    assert r.out.startswith("# Microneedling: questions and answers\n\n## Does microneedling hurt?\n\n> ")
    assert "numbing cream" in r.out and "(corpus/numbing.txt:3-3)" in r.out
    assert r.out.count("\n## ") == 3 and r.out.endswith("*Text quoted from the clinic's documents; it is not medical advice.*\n")


def test_small_corpus_answers_and_refuses_for_real(run: Run) -> None:
    r = run("ask", "does it hurt", "-f", "json")
    assert r.code == 0 and json.loads(r.out)["results"][0]["source"] == "corpus/numbing.txt"
    assert run("ask", "what is the price of a car").code == 1
    assert run("ask", "is it").code == 1  # stopwords only: nothing to search for


def test_eval_prints_the_figures_for_a_question_file(run: Run, tmp_path: Path) -> None:
    cases = tmp_path / "mine.jsonl"
    cases.write_text(
        '{"q": "does it hurt", "gold": ["numbing cream"]}\n{"q": "what does a car cost", "gold": []}\n', encoding="utf-8"
    )
    r = run("eval", "--set", str(cases), "--json")
    assert r.code == 0
    figures = json.loads(r.out)["mine"]
    assert figures["questions"] == 2 and figures["success@1"] == 1.0 and figures["abstention"] == 1.0
    table = run("eval", "--set", str(cases)).out.splitlines()
    assert table[0].split() == ["set", "questions", "success@1", "success@3", "mrr@5", "answer_sentence", "abstention", "false_abstention"]
    assert table[1].split()[:3] == ["mine", "2", "1.000"]


def test_eval_with_a_missing_set_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    r = run("eval", "--set", str(tmp_path / "none.jsonl"))
    assert r.code == 2 and r.err.startswith("mnqa eval: error: no question set at ")


# --- warnings ------------------------------------------------------------------------------------------------------


def test_an_unusable_cache_dir_is_one_warning_and_the_answer_still_comes(tmp_path: Path, small_corpus: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache dir's parent should be")
    r = run_fake("--corpus", str(small_corpus), "ask", "does it hurt", "-f", "json", environ={"XDG_CACHE_HOME": str(blocker)})
    assert r.code == 0 and json.loads(r.out)["answered"]
    warnings = r.err.splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("mnqa: warning: index cache ")


def test_a_bad_document_is_warned_about_by_name_and_escape_sequences_never_reach_stderr(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "docs", {"good.txt": "Numbing cream is applied before the treatment.\n"}, meta=None)
    (folder / "bad\x1b[31m.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    r = run_fake("--corpus", str(folder), "ask", "numbing cream", "-f", "json")
    assert r.code == 0
    assert "\x1b" not in r.err and "bad" in r.err and r.err.startswith("mnqa: warning: ")


def test_document_text_with_escapes_and_markup_is_shown_literally(tmp_path: Path) -> None:
    folder = write_corpus(
        tmp_path / "docs",
        {"x.txt": "Numbing cream [bold red]is[/] applied \x1b]52;c;cHduZWQ=\x07before the \x1b[2Jtreatment.\n"},
        meta=None,
    )
    for fmt, tty in (("rich", True), ("rich", False), ("plain", False), ("markdown", False), ("json", True)):
        r = run_fake("--corpus", str(folder), "ask", "numbing cream", "-f", fmt, stdout_isatty=tty)
        assert r.code == 0, (fmt, r.err)
        data_escapes = re.sub(r"\x1b\[[0-9;]*m", "", r.out)  # rich's own styling is allowed on a terminal
        assert "\x1b" not in data_escapes and "\x07" not in r.out, fmt
        assert "[bold red]is[/]" in r.out.replace("\\", ""), fmt
