"""Bad input at the command line never crashes, never drives the terminal, and a batch always goes on.

Also the process-level behaviour that only shows in a real process: a closed pipe, lazy imports.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Run, make_env

from mnqa.cli import main

ROOT = Path(__file__).resolve().parent.parent
RICH_SGR_RE = re.compile(r"\x1b\[[0-9;]*m")

HOSTILE_QUESTIONS = {
    "whitespace": " \t ",
    "stopwords": "is it",
    "punctuation": "?!?... ;;",
    "megabyte line": "does it hurt " * 80_000,
    "one huge word": "x" * 100_000,
    "NUL bytes": "does\x00 it\x00 hurt",
    "screen clear": "\x1b[2J\x1b[Hdoes it hurt",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07does it hurt",
    "window title": "\x1b]0;owned\x07\x1b]2;owned\x1b\\does it hurt",
    "8-bit CSI": "\x9b2Jdoes it hurt",
    "rich markup": "[bold red]does it hurt[/] [link=http://x]x[/link]",
    "emoji CJK RTL": "🙂 痛いですか هل يؤلم \u202edoes it hurt",
    "format strings": "%s %d {0} {question!r} does it hurt",
    "shell": "$(rm -rf ~); `id` && does it hurt | cat",
    "lone surrogate": "does it hurt \udcff",
}


def _no_data_escapes(text: str) -> bool:
    return not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]", RICH_SGR_RE.sub("", text))


@pytest.mark.parametrize("name", list(HOSTILE_QUESTIONS))
@pytest.mark.parametrize("fmt", ["rich", "plain", "json", "markdown"])
def test_hostile_questions_get_an_answer_or_a_clear_message(run: Run, name: str, fmt: str) -> None:
    # Time per question is not asserted (machines vary); measured by hand, each takes milliseconds.
    r = run("ask", HOSTILE_QUESTIONS[name], "--format", fmt, stdout_isatty=fmt == "rich", environ={"TERM": "xterm"})
    assert r.code in (0, 1, 2), r.err
    assert _no_data_escapes(r.out) and _no_data_escapes(r.err)
    if r.code == 2:
        assert r.out == "" and r.err == 'mnqa ask: error: the question is empty (example: mnqa ask "does it hurt")\n'
    else:
        assert r.err == ""
    if fmt == "json" and r.code != 2:
        obj = json.loads(r.out)
        assert list(obj)[:4] == ["question", "answered", "searched", "results"]
        assert len(obj["question"]) <= 500


def test_a_long_question_is_cut_with_a_notice(run: Run) -> None:
    obj = json.loads(run("ask", HOSTILE_QUESTIONS["megabyte line"], "-f", "json").out)
    assert obj["notice"] == "the question was cut to its first 500 characters" and obj["answered"] is True


def test_hostile_lines_in_a_batch_each_get_a_record_in_order(run: Run) -> None:
    lines = [q.encode("utf-8", "surrogateescape") for q in HOSTILE_QUESTIONS.values()]
    lines += ["latin-1: ça fait mal ?".encode("latin-1"), "does it hurt".encode("utf-16"), b"\x00\x00", b"does it hurt"]
    r = run("batch", "-", stdin=b"\n".join(lines) + b"\n")
    records = [json.loads(line) for line in r.out.splitlines()]
    # whitespace-only lines are skipped like blank lines; everything else is one record, in order
    assert len(records) == len(lines) - 1
    assert records[-1]["question"] == "does it hurt" and records[-1]["answered"]
    errors = [o.get("error", "") for o in records]
    assert errors[2] == "line 4 is longer than 10000 bytes"  # the megabyte line
    assert "line 15 is not UTF-8 text" in errors and "line 16 is not UTF-8 text" in errors
    assert errors[-2] == "line 18 has no question once control characters are removed"
    assert _no_data_escapes(r.out)
    assert r.err.startswith("mnqa: answered ") and r.code == 1


def _batch_records(fmt: str, out: str) -> list[bool]:
    """For each record of a batch output, in order: whether it is an error record."""
    if fmt == "jsonl":
        return ["error" in json.loads(line) for line in out.splitlines()]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0][-1] == "error"
        return [row[-1] != "" for row in rows[1:]]
    if fmt == "markdown":
        entries = out.split("\n## ")[1:]
        return ["*Not asked: " in entry for entry in entries]
    entries = re.split(r"^Q: ", out, flags=re.M)[1:]
    return [bool(re.search(r"^error: ", entry, flags=re.M)) for entry in entries]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "markdown", "plain"])
def test_hostile_lines_get_one_record_each_in_order_in_every_batch_format(run: Run, fmt: str) -> None:
    lines = [q.encode("utf-8", "surrogateescape") for name, q in HOSTILE_QUESTIONS.items() if name != "whitespace"]
    lines += ["ça fait mal ?".encode("latin-1"), b"\x00\x00", b"does it hurt"]
    r = run("batch", "-", "-f", fmt, "-k", "1", stdin=b"\n".join(lines) + b"\n")
    errors = _batch_records(fmt, r.out)
    expected = [len(line) > 10_000 or name in ("lone surrogate",) for name, line in zip(
        [n for n in HOSTILE_QUESTIONS if n != "whitespace"] + ["latin-1", "NULs only", "good"], lines)]
    expected[-3:] = [True, True, False]  # not UTF-8; nothing left once controls go; a good question
    assert errors == expected, (fmt, r.out[-2000:])
    # (CSV ends its records with \r\n, as RFC 4180 says; no other control character may appear)
    assert _no_data_escapes(r.out.replace("\r\n", "\n") if fmt == "csv" else r.out) and _no_data_escapes(r.err)
    assert r.code == 1 and r.err.startswith("mnqa: answered ") and r.err.endswith("; 5 lines could not be asked\n")


def test_first_index_build_shows_a_progress_bar_on_a_terminal_only(run: Run, tmp_path: Path) -> None:
    fresh = {"XDG_CACHE_HOME": str(tmp_path / "fresh")}
    on_tty = run("ask", "does it hurt", "-f", "json", stderr_isatty=True, environ=fresh)
    assert "indexing documents" in on_tty.err and on_tty.code == 0
    cached = run("ask", "does it hurt", "-f", "json", stderr_isatty=True, environ=fresh)
    assert cached.err == ""  # the index came from the cache: nothing to show
    piped = run("ask", "does it hurt", "-f", "json", environ={"XDG_CACHE_HOME": str(tmp_path / "other")})
    assert piped.err == ""


def test_batch_progress_goes_to_a_terminal_stderr_when_stdout_is_a_pipe(run: Run) -> None:
    r = run("batch", "-", stdin=b"does it hurt\nhow many sessions\n", stderr_isatty=True)
    assert "answering" in r.err and r.err.endswith("mnqa: answered 2 of 2 questions\n")
    assert len(r.out.splitlines()) == 2 and "\x1b" not in r.out


def _env_for_subprocess(small_corpus: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MNQA_CORPUS": str(small_corpus)}


def test_ask_json_imports_neither_rich_nor_prompt_toolkit(small_corpus: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mnqa", "ask", "does it hurt", "--format", "json"],
        capture_output=True, text=True, env=_env_for_subprocess(small_corpus), timeout=60,
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["answered"]
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "mnqa.engine" in imported
    assert not {m for m in imported if m.split(".")[0] in ("rich", "prompt_toolkit")}


def test_a_closed_pipe_ends_quietly_in_a_real_process(small_corpus: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text("does it hurt\nhow many sessions are needed\n" * 300)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mnqa", "batch", str(questions)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env_for_subprocess(small_corpus),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert json.loads(first)["question"] == "does it hurt"
    assert err == ""


def test_no_traceback_for_a_question_of_invalid_utf8_from_the_shell(small_corpus: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mnqa", "ask", b"does it hurt \xff\xfe".decode("utf-8", "surrogateescape"), "-f", "plain"],
        capture_output=True, env={**_env_for_subprocess(small_corpus), "LANG": "C.UTF-8"}, timeout=60,
    )
    assert proc.returncode in (0, 1) and b"Traceback" not in proc.stderr
    assert b"\xff" not in proc.stdout


def test_main_never_lets_a_keyboard_interrupt_escape(monkeypatch: pytest.MonkeyPatch, small_corpus: Path) -> None:
    import mnqa.cli as cli

    def interrupted(args: object, env: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_engine", interrupted)
    env = make_env()
    assert main(["--corpus", str(small_corpus), "ask", "does it hurt"], env) == 130
    assert env.stderr.getvalue() == "mnqa: interrupted\n"  # type: ignore[attr-defined]
