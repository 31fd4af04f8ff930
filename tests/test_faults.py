"""Faults around mnqa: hostile corpus folders, broken caches, signals, closed and full streams, and four processes
starting together on one empty cache.

Through main(argv, env) where captured streams show everything; in a real process where the behaviour belongs to
the process (signals, pipes, closed descriptors, concurrency).
"""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import SMALL_DOCS, Result, make_env, write_corpus

import mnqa.engine
from mnqa import store
from mnqa.cli import main
from mnqa.env import _Output

ROOT = Path(__file__).resolve().parent.parent
_ASK_CHUNK = mnqa.engine._ask_chunk
DATA_ESCAPES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def run_main(*argv: str, stdin: bytes = b"", **kw: object) -> Result:
    env = make_env(stdin, **kw)  # type: ignore[arg-type]
    code = main(list(argv), env)
    return Result(code, env.stdout.getvalue(), env.stderr.getvalue())  # type: ignore[attr-defined]


def process_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache"), **extra}
    env.pop("MNQA_CORPUS", None)
    return env


# --- four processes, one empty cache ---------------------------------------------------------------------------


def test_four_processes_on_an_empty_cache_all_succeed_with_identical_output(tmp_path: Path) -> None:
    env = process_env(tmp_path)
    argv = [sys.executable, "-m", "mnqa", "ask", "does it hurt", "--format", "json"]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path) for _ in range(4)]
    results = [(*p.communicate(timeout=120), p.returncode) for p in procs]
    assert [code for _, _, code in results] == [0, 0, 0, 0], [err for _, err, _ in results]
    assert [err for _, err, _ in results] == [b""] * 4
    outs = {out for out, _, _ in results}
    assert len(outs) == 1 and json.loads(outs.pop())["results"][0]["source"] == "corpus/002_9ba9ac79c30aa19c.txt"
    files = list((tmp_path / "cache" / "mnqa").iterdir())
    assert len(files) == 1 and files[0].suffix == ".idx", files  # one index, no temporary file left behind
    key = files[0].stem.split("-", 1)[1]
    assert store.parse(files[0].read_bytes(), key).passages  # whole and valid for its key
    again = subprocess.run(argv, capture_output=True, env=env, cwd=tmp_path, timeout=60)
    assert (again.returncode, again.stderr) == (0, b"") and again.stdout == results[0][0]


# --- a corpus folder with every bad thing at once -----------------------------------------------------------------


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder with good, nested, broken and hostile files; returns it and {bad entry: why it is skipped}."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Zebrafruit is a secret kept outside the corpus folder.\n", encoding="utf-8")
    folder = tmp_path / "docs"
    (folder / "nested" / "deeper").mkdir(parents=True)
    (folder / "good.txt").write_text("Numbing cream is applied before the treatment so it hardly hurts.\n", encoding="utf-8")
    (folder / "nested" / "deeper" / "sessions.md").write_text(
        "# Sessions\n\nMost people need three to six sessions of microneedling.\n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Zebrafruit café crème, très bien.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR zebrafruit")
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB (sparse): skipped on its size, before any byte is read
        fh.write(b"Zebrafruit in a huge file.\n")
        fh.truncate(50 * 1024 * 1024)
    (folder / "markup.md").write_text(
        "# [bold red]Aftercare[/]\n\n\x1b[2J\x1b]52;c;cHduZWQ=\x07Use [link=http://evil.example]sunscreen[/link] every "
        "day after \x1b]0;owned\x07microneedling.\x1b[0m\n", encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")  # reading it would block forever
    os.symlink(tmp_path / "missing.txt", folder / "dangling.txt")
    os.symlink(outside / "secret.txt", folder / "link.txt")
    os.symlink(outside, folder / "linkdir")
    (folder / "mnqa.toml").write_text("[titles\nbroken = ", encoding="utf-8")
    bad = {
        "mnqa.toml": "ignored, not valid metadata",
        "latin1.txt": "skipped, not UTF-8 text",
        "empty.txt": "skipped, it is empty",
        "binary.txt": "skipped, it is a binary file",
        "huge.txt": "skipped, 50 MB is over the 10 MB limit",
        "fifo.txt": "skipped, not a regular file",
        "dangling.txt": "skipped, it links outside the corpus folder",
        "link.txt": "skipped, it links outside the corpus folder",
        "linkdir": "skipped, it links outside the corpus folder",
    }
    if os.geteuid() != 0:  # root reads anything, so only then does a mode-000 file stay unreadable
        (folder / "locked.txt").write_text("Zebrafruit locked away.\n", encoding="utf-8")
        (folder / "locked.txt").chmod(0)
        bad["locked.txt"] = "skipped, cannot read it (Permission denied)"
    return folder, bad


def _assert_one_warning_per_bad_entry(err: str, folder: Path, bad: dict[str, str]) -> None:
    lines = err.splitlines()
    assert len(lines) == len(bad), err
    for name, why in bad.items():
        assert sum(line.startswith(f"mnqa: warning: {folder / name}: {why}") for line in lines) == 1, (name, err)
    assert not DATA_ESCAPES.search(err) and "\x1b" not in err


def test_sources_lists_the_good_files_and_warns_once_about_each_bad_one(hostile_corpus: tuple[Path, dict[str, str]]) -> None:
    folder, bad = hostile_corpus
    for _ in range(2):  # building the index, then from the cache: the same warnings each time
        r = run_main("--corpus", str(folder), "sources")
        assert r.code == 0
        assert r.out == (
            "file                            passages  title\n"
            "docs/good.txt                          1  good\n"
            "docs/markup.md                         1  markup\n"
            "docs/nested/deeper/sessions.md         1  sessions\n"
        )
        _assert_one_warning_per_bad_entry(r.err, folder, bad)
    assert [d["source"] for d in json.loads(run_main("--corpus", str(folder), "sources", "-f", "json").out)] == [
        "docs/good.txt", "docs/markup.md", "docs/nested/deeper/sessions.md"]


def test_ask_over_the_hostile_corpus_uses_only_the_good_files(hostile_corpus: tuple[Path, dict[str, str]]) -> None:
    folder, bad = hostile_corpus
    r = run_main("--corpus", str(folder), "ask", "does it hurt", "-f", "json")
    assert r.code == 0 and [h["source"] for h in json.loads(r.out)["results"]] == ["docs/good.txt"]
    _assert_one_warning_per_bad_entry(r.err, folder, bad)
    assert run_main("--corpus", str(folder), "ask", "how many sessions", "-f", "json").code == 0  # the nested file
    # Text only the skipped files hold (outside the folder, latin-1, binary, 50 MB) is nowhere to be found.
    for fmt in ("plain", "json"):
        r = run_main("--corpus", str(folder), "ask", "zebrafruit", "-f", fmt)
        assert r.code == 1 and "Zebrafruit" not in r.out and "secret" not in r.out


@pytest.mark.parametrize("fmt, tty", [("rich", True), ("rich", False), ("plain", False), ("markdown", False), ("json", True)])
def test_markup_and_escape_sequences_in_a_document_are_shown_literally(
    hostile_corpus: tuple[Path, dict[str, str]], fmt: str, tty: bool
) -> None:
    folder, _ = hostile_corpus
    r = run_main("--corpus", str(folder), "ask", "sunscreen after microneedling", "-f", fmt, stdout_isatty=tty,
                 environ={"TERM": "xterm-256color"})
    assert r.code == 0, r.err
    data = re.sub(r"\x1b\[[0-9;]*m", "", r.out)  # rich's own styling on a terminal is allowed, nothing else
    assert "\x1b" not in data and not DATA_ESCAPES.search(data.replace("\n", ""))
    assert "[link=http://evil.example]sunscreen[/link]" in data.replace("\\", "")
    assert "owned" not in r.out and "cHduZWQ" not in r.out


@pytest.mark.parametrize("command", [["sources"], ["ask", "does it hurt"], ["batch", "-"], ["faq"]])
@pytest.mark.parametrize("problem", ["missing", "empty", "a file", "only bad files", "only page debris"])
def test_an_unusable_corpus_folder_is_one_error_line_and_exit_2(tmp_path: Path, command: list[str], problem: str) -> None:
    folder = tmp_path / "docs"
    if problem == "a file":
        folder.write_text("not a folder")
    elif problem != "missing":
        folder.mkdir()
    if problem == "only bad files":
        (folder / "empty.txt").write_bytes(b"")
        (folder / "binary.md").write_bytes(b"\x00\x01")
    elif problem == "only page debris":
        (folder / "widget.txt").write_text("Was this helpful?\n\nShare this page\n", encoding="utf-8")
    r = run_main("--corpus", str(folder), *command, stdin=b"does it hurt\n")
    assert r.code == 2 and r.out == ""
    *warnings, error = r.err.splitlines()
    assert re.fullmatch(rf"mnqa: error: (corpus folder not found|not a folder|no documents.*in): {re.escape(str(folder))}|"
                        rf"mnqa: error: no documents .* in {re.escape(str(folder))}", error), error
    assert len(warnings) == {"only bad files": 2, "only page debris": 1}.get(problem, 0), r.err
    assert all(w.startswith("mnqa: warning: ") for w in warnings)


# --- the index cache ------------------------------------------------------------------------------------------


@pytest.fixture
def own_corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", SMALL_DOCS)


def _damage(idx: Path, how: str) -> None:
    data = idx.read_bytes()
    if how == "garbage":
        idx.write_bytes(os.urandom(4096))
    elif how == "truncated":
        idx.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        idx.write_bytes(b"")
    elif how == "one byte flipped":
        middle = len(data) // 2
        idx.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :])
    elif how == "made for another corpus or version":  # a valid file whose header names another key
        header_end = data.index(b"\n", len(store.MAGIC))
        header = json.loads(data[len(store.MAGIC) : header_end])
        header["key"] = "0" * len(header["key"])
        idx.write_bytes(store.MAGIC + json.dumps(header).encode() + data[header_end:])
    elif how == "pickle":  # a tampered cache must not be able to run code
        idx.write_bytes(pickle.dumps(__import__("os").system))
    else:
        raise AssertionError(how)


@pytest.mark.parametrize("how", ["garbage", "truncated", "empty", "one byte flipped", "made for another corpus or version", "pickle"])
def test_a_damaged_cache_is_rebuilt_with_one_warning_and_the_same_answer(own_corpus: Path, tmp_path: Path, how: str) -> None:
    argv = ("--corpus", str(own_corpus), "ask", "does it hurt", "-f", "json")
    first = run_main(*argv)
    assert (first.code, first.err) == (0, "")
    [idx] = (tmp_path / "xdg_cache_home" / "mnqa").glob("*.idx")
    _damage(idx, how)
    r = run_main(*argv)
    assert r.code == 0 and r.out == first.out
    assert re.fullmatch(r"mnqa: warning: index cache \S+\.idx: .+; rebuilding it\n", r.err), r.err
    assert run_main(*argv).err == ""  # rebuilt and saved: the next run is quiet
    assert len(list(idx.parent.iterdir())) == 1


def test_an_index_of_another_version_is_replaced_not_kept(own_corpus: Path, tmp_path: Path) -> None:
    argv = ("--corpus", str(own_corpus), "ask", "does it hurt", "-f", "json")
    run_main(*argv)
    [idx] = (tmp_path / "xdg_cache_home" / "mnqa").glob("*.idx")
    stale = idx.with_name(idx.name.split("-", 1)[0] + "-" + "f" * 40 + ".idx")  # same folder, other version
    idx.rename(stale)
    r = run_main(*argv)
    assert (r.code, r.err) == (0, "")
    assert [p.name for p in idx.parent.iterdir()] == [idx.name]


@pytest.mark.parametrize("blocked", ["parent is a file", "cache dir is a file", "index path is a folder", "cannot write"])
def test_an_unusable_cache_means_no_cache_and_one_warning(
    own_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blocked: str
) -> None:
    base = tmp_path / "cachebase"
    environ = {"XDG_CACHE_HOME": str(base)}
    if blocked == "parent is a file":
        base.write_text("a file where a folder should be")
    elif blocked == "cache dir is a file":
        base.mkdir()
        (base / "mnqa").write_text("a file where a folder should be")
    elif blocked == "index path is a folder":
        run_main("--corpus", str(own_corpus), "sources", environ=environ)
        [idx] = (base / "mnqa").glob("*.idx")
        idx.unlink()
        idx.mkdir()
    else:  # a read-only cache dir, as root (who can write anywhere) cannot make one
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    for _ in range(2):
        r = run_main("--corpus", str(own_corpus), "ask", "does it hurt", "-f", "json", environ=environ)
        assert r.code == 0 and json.loads(r.out)["answered"]
        assert re.fullmatch(r"mnqa: warning: index cache \S+: not usable \(.+\); running without a cache\n", r.err), r.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; the 'cannot write' case simulates it")
def test_a_read_only_cache_dir_means_no_cache_and_one_warning(own_corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "ro" / "mnqa"
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        r = run_main("--corpus", str(own_corpus), "ask", "does it hurt", "-f", "json", environ={"XDG_CACHE_HOME": str(cache.parent)})
        assert r.code == 0 and r.err.count("\n") == 1 and "running without a cache" in r.err
    finally:
        cache.chmod(0o700)


# --- signals, pipes and closed or full streams, in a real process --------------------------------------------------


def test_ctrl_c_during_a_piped_batch_keeps_the_answers_and_exits_130(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", SMALL_DOCS)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mnqa", "--corpus", str(corpus), "batch", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=process_env(tmp_path),
    )
    assert proc.stdin is not None and proc.stdout is not None
    seen = []
    for question in (b"does it hurt\n", b"how many sessions are needed\n"):  # fed slowly: one after the other's answer
        proc.stdin.write(question)
        proc.stdin.flush()
        seen.append(proc.stdout.readline())
    proc.send_signal(signal.SIGINT)  # waiting for the third line
    rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert rest == b"" and [json.loads(line)["question"] for line in seen] == ["does it hurt", "how many sessions are needed"]
    assert err == b"mnqa: interrupted after 2 questions (answered 2)\n"


def _batch_lines() -> bytes:
    """Seventy lines of every kind a batch reads: questions, blanks, comments, undecodable and overlong lines."""
    questions = ["does it hurt", "how many sessions are needed", "where do I park", "is it safe for dark skin",
                 "numbing cream?", "zxcvbnm", "can I wear makeup after"]
    lines = [q.encode() for q in questions] * 9 + [b"", b"# a comment", b"caf\xe9 au lait?", b"x" * 20_000]
    lines.insert(30, b"does it sting \x1b[2J")
    return b"\n".join(lines) + b"\n"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "markdown", "plain"])
def test_a_batch_answered_in_several_processes_is_exactly_the_one_process_batch(
    small_corpus: Path, tmp_path: Path, fmt: str
) -> None:
    questions = tmp_path / "q.txt"
    questions.write_bytes(_batch_lines())
    one, three = (run_main("--corpus", str(small_corpus), "batch", str(questions), "-f", fmt, "-j", jobs)
                  for jobs in ("1", "3"))
    assert three == one
    assert one.code == 1 and one.err == "mnqa: answered 37 of 66 questions; 2 lines could not be asked\n"


def _dying_on_sting(questions: list[str | None]) -> list:
    """A worker's chunk that kills the worker when it holds "does it sting"."""
    if "does it sting" in questions:
        os._exit(1)
    return _ASK_CHUNK(questions)


def test_a_worker_that_dies_loses_no_question(small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As if the out-of-memory killer took a worker: what it had not answered is answered in this process.
    monkeypatch.setattr(mnqa.engine, "_ask_chunk", _dying_on_sting)  # the forked workers inherit it
    questions = tmp_path / "q.txt"
    questions.write_bytes(b"does it hurt\n" * 40 + b"does it sting\n" + b"where do I park\n" * 40)
    one, three = (run_main("--corpus", str(small_corpus), "batch", str(questions), "-j", jobs) for jobs in ("1", "3"))
    assert three == one and one.err == "mnqa: answered 41 of 81 questions\n"


def test_ctrl_c_during_a_batch_in_several_processes_is_one_line_and_stops_every_worker(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", SMALL_DOCS)
    questions = tmp_path / "q.txt"
    questions.write_text("does it hurt\nhow many sessions are needed\n" * 50_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mnqa", "--corpus", str(corpus), "batch", str(questions), "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=process_env(tmp_path), start_new_session=True,
    )
    assert proc.stdout is not None
    try:
        assert json.loads(proc.stdout.readline())["question"] == "does it hurt"
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the workers get it too
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130
    assert re.fullmatch(rb"mnqa: interrupted after (\d+) questions? \(answered \1\)\n", err), err
    with pytest.raises(ProcessLookupError):  # no worker outlives the batch
        for _ in range(50):
            os.killpg(proc.pid, 0)
            time.sleep(0.1)


def test_a_closed_pipe_shared_with_stderr_ends_quietly(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", SMALL_DOCS)
    questions = tmp_path / "q.txt"
    questions.write_text("does it hurt\nhow many sessions are needed\n" * 300)
    proc = subprocess.Popen(  # like `mnqa batch q.txt 2>&1 | head -1`
        [sys.executable, "-m", "mnqa", "--corpus", str(corpus), "batch", str(questions)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=process_env(tmp_path),
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 141
    assert json.loads(first)["question"] == "does it hurt"


def _closed(fd: int) -> None:
    os.close(fd)


@pytest.mark.parametrize(
    "case, argv, expected_code, expected_err",
    [
        ("stdin closed", ["batch", "-"], 0, b"mnqa: answered 0 of 0 questions\n"),
        ("stdin closed, no command", [], 0, b"mnqa: answered 0 of 0 questions\n"),
        ("stdout closed", ["ask", "does it hurt"], 2, b"mnqa: error: cannot write the output (stdout is closed)\n"),
        ("stdout full", ["ask", "does it hurt"], 2, b"mnqa: error: cannot write the output (No space left on device)\n"),
        ("stdout full", ["batch", "-"], 2, b"mnqa: error: cannot write the output (No space left on device)\n"),
        ("stderr closed", ["--corpus", "/nonexistent", "sources"], 2, b""),
    ],
)
def test_closed_or_full_standard_streams_give_a_clear_line_and_no_traceback(
    tmp_path: Path, case: str, argv: list[str], expected_code: int, expected_err: bytes
) -> None:
    corpus = write_corpus(tmp_path / "corpus", SMALL_DOCS)
    if case == "stdout full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    stdout = open("/dev/full", "wb") if case == "stdout full" else subprocess.PIPE
    fd = {"stdin closed": 0, "stdin closed, no command": 0, "stdout closed": 1, "stderr closed": 2}.get(case)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "mnqa", *(["--corpus", str(corpus)] if "--corpus" not in argv else []), *argv],
            input=None if fd == 0 else b"does it hurt\n" * 50, stdout=stdout, stderr=subprocess.PIPE,
            env=process_env(tmp_path), timeout=60, preexec_fn=None if fd is None else (lambda: _closed(fd)),
        )
    finally:
        if stdout is not subprocess.PIPE:
            stdout.close()  # type: ignore[union-attr]
    assert proc.returncode == expected_code
    assert proc.stderr == expected_err


class _FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")

    def flush(self) -> None:
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    "argv",
    [["ask", "does it hurt", "-f", f] for f in ("rich", "plain", "json", "markdown")]
    + [["batch", "-", "-f", f] for f in ("jsonl", "csv", "markdown", "plain")]
    + [["sources"], ["faq", "-f", "rich"], ["faq", "--answers"], ["--help"], ["--version"]],
)
def test_output_that_cannot_be_written_is_one_error_line_in_every_command(small_corpus: Path, argv: list[str]) -> None:
    env = make_env(b"does it hurt\n", stdout_isatty="rich" in argv)
    env.stdout = _Output(_FullDisk())  # type: ignore[assignment]  # as Environment.from_os wraps the real stdout
    assert main(["--corpus", str(small_corpus), *argv], env) == 2
    assert env.stderr.getvalue() == "mnqa: error: cannot write the output (No space left on device)\n"  # type: ignore[attr-defined]



FORKING_RUN = """
import multiprocessing, sys, time
import mnqa.cli as cli

def load_engine(args, env):  # stands in for a parallel index build: forked workers, busy when Ctrl-C comes
    pool = multiprocessing.get_context("fork").Pool(3)
    try:
        pool.map_async(time.sleep, [30] * 3)
        print("building", flush=True)
        time.sleep(30)
    finally:
        pool.terminate()

cli.load_engine = load_engine
sys.argv = ["mnqa", "ask", "does it hurt"]
cli.entry()
"""


def test_ctrl_c_during_a_forked_index_build_is_one_line_not_a_traceback_per_worker(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", FORKING_RUN], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=process_env(tmp_path), start_new_session=True)
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline() == b"building\n"
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: every process of the foreground group
        out, err = proc.communicate(timeout=30)  # without the fix, workers die noisily and the pool can hang
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130
    assert err == b"mnqa: interrupted\n"


def test_a_long_batch_line_under_the_line_limit_is_asked_with_the_cut_notice(small_corpus: Path) -> None:
    r = run_main("--corpus", str(small_corpus), "batch", "-", stdin=("does it hurt " * 600).encode() + b"\n")
    [record] = [json.loads(line) for line in r.out.splitlines()]
    assert record["answered"] and record["notice"] == "the question was cut to its first 500 characters"
    assert len(record["question"]) <= 500 and r.code == 0


def test_titles_and_faq_questions_from_mnqa_toml_are_shown_literally(tmp_path: Path) -> None:
    meta = (
        '[titles]\n"numbing.txt" = "[bold red]Comfort[/] \\u001b[2J\\u001b]0;owned\\u0007"\n'
        '[faq]\nquestions = ["\\u001b]52;c;cHduZWQ=\\u0007Does it hurt? [link=http://evil.example]x[/link]", "\\u009b2J%s {0}"]\n'
    )
    folder = write_corpus(tmp_path / "corpus", SMALL_DOCS, meta=meta)
    runs = [(argv, tty) for argv in (["sources"], ["faq"], ["ask", "price of a car"]) for tty in (False, True)]
    runs += [(["sources", "-f", "json"], True), (["faq", "-f", "json"], True), (["faq", "-f", "markdown"], False),
             (["faq", "--answers"], False), (["ask", "price of a car", "-f", "json"], True)]
    for argv, tty in runs:
        r = run_main("--corpus", str(folder), *argv, stdout_isatty=tty, environ={"TERM": "xterm-256color"})
        assert r.code in (0, 1) and r.err == "", (argv, r.err)
        data = re.sub(r"\x1b\[[0-9;]*m", "", r.out)
        assert "\x1b" not in data and not DATA_ESCAPES.search(data.replace("\n", "")), (argv, tty, r.out)
        assert "owned" not in r.out and "cHduZWQ" not in r.out
    assert "[bold red]Comfort[/]" in run_main("--corpus", str(folder), "sources", stdout_isatty=True).out


def test_a_file_with_no_readable_content_is_warned_about_on_every_run(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "docs", {"good.txt": "Numbing cream is applied first.\n",
                                              "widget.txt": "Was this helpful?\n"}, meta=None)
    runs, files = [], []
    for _ in range(2):
        runs.append(run_main("--corpus", str(folder), "sources"))
        [idx] = (tmp_path / "xdg_cache_home" / "mnqa").glob("*.idx")
        files.append(idx.stat().st_ino)
    assert [r.err for r in runs] == [f"mnqa: warning: {folder / 'widget.txt'}: skipped, no readable content\n"] * 2
    assert files[0] == files[1]  # the second run read the cache the first one wrote (a rebuild replaces the file)


def test_the_replayed_warning_names_the_corpus_folder_as_given_on_that_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both spellings of the folder share one cache file (it is named after the resolved folder), so the warning
    # the cache replays must be made for this run's spelling, not copied from the run that built the index.
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    folder = write_corpus(tmp_path / "docs", {"good.txt": "Numbing cream is applied first.\n",
                                              "sub/widget.txt": "Was this helpful?\n"}, meta=None)
    built = run_main("--corpus", str(folder), "sources")
    [idx] = (tmp_path / "xdg_cache_home" / "mnqa").glob("*.idx")
    inode = idx.stat().st_ino
    monkeypatch.chdir(tmp_path)
    cached = run_main("--corpus", "docs", "sources")
    assert built.err == f"mnqa: warning: {folder / 'sub' / 'widget.txt'}: skipped, no readable content\n"
    assert cached.err == "mnqa: warning: docs/sub/widget.txt: skipped, no readable content\n"
    assert built.out == cached.out and idx.stat().st_ino == inode  # answered from the cache, not rebuilt


def test_upgrading_mnqa_or_editing_a_document_rebuilds_the_index_and_drops_the_old_one(
    own_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ("--corpus", str(own_corpus), "ask", "does it hurt", "-f", "json")
    cache = tmp_path / "xdg_cache_home" / "mnqa"
    run_main(*argv)
    [before] = cache.glob("*.idx")
    monkeypatch.setattr(store, "__version__", "99.0.0")  # what an upgrade changes in the key
    assert run_main(*argv).err == ""
    [upgraded] = cache.glob("*.idx")
    with open(own_corpus / "numbing.txt", "a", encoding="utf-8") as fh:
        fh.write("\nLidocaine is the usual numbing cream.\n")
    assert run_main(*argv).err == ""
    [edited] = cache.glob("*.idx")
    assert len({before.name, upgraded.name, edited.name}) == 3


class _FailingAfter(io.StringIO):
    """A stdout that fails with `error` after `n` writes (its reader went away, its disk filled up)."""

    def __init__(self, n: int, error: OSError) -> None:
        super().__init__()
        self.left, self.error = n, error

    def write(self, text: str) -> int:
        if self.left == 0:
            raise self.error
        self.left -= 1
        return super().write(text)


@pytest.mark.parametrize("fault", ["closed pipe", "full disk", "ctrl-c"])
def test_the_batch_progress_bar_gives_the_terminal_back_however_the_batch_ends(small_corpus: Path, fault: str) -> None:
    env = make_env(b"does it hurt\n" * 50, stderr_isatty=True, environ={"TERM": "xterm-256color"})
    if fault == "closed pipe":
        env.stdout = _FailingAfter(3, BrokenPipeError(32, "Broken pipe"))
    elif fault == "full disk":
        env.stdout = _Output(_FailingAfter(3, OSError(28, "No space left on device")))  # type: ignore[assignment]
    else:
        import mnqa.cli as cli

        real = cli.read_questions

        def interrupted_after_three(stream: object) -> object:
            for n, item in enumerate(real(stream), start=1):  # type: ignore[arg-type]
                if n == 4:
                    raise KeyboardInterrupt
                yield item

        cli.read_questions = interrupted_after_three  # type: ignore[assignment]
    try:
        code = main(["--corpus", str(small_corpus), "batch", "-"], env)
    finally:
        if fault == "ctrl-c":
            cli.read_questions = real  # type: ignore[assignment]
    assert code == {"closed pipe": 141, "full disk": 2, "ctrl-c": 130}[fault]
    err = env.stderr.getvalue()  # type: ignore[attr-defined]
    assert "answering" in err  # the bar was drawn ...
    assert err.rfind("\x1b[?25h") > err.rfind("\x1b[?25l")  # ... and the cursor shown again after it
