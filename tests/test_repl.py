"""The interactive prompt, driven through a real PromptSession with prompt_toolkit's pipe input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import make_env
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from mnqa.engine import Engine
from mnqa.repl import COMMANDS, State, _completer, handle_line, run_repl, toolbar_text
from mnqa.render import OutputOptions, make_console

ENTER, CTRL_C, CTRL_D, TAB = "\r", "\x03", "\x04", "\t"


def session(engine: Engine, keys: str, **env_kw: object) -> tuple[int, str, str]:
    """Type `keys` into a prompt session (Ctrl-D appended), return exit code, stdout and stderr."""
    env = make_env(**env_kw)  # type: ignore[arg-type]
    with create_pipe_input() as inp:
        inp.send_text(keys + CTRL_D)
        code = run_repl(engine, env, input=inp, output=DummyOutput())
    return code, env.stdout.getvalue(), env.stderr.getvalue()  # type: ignore[attr-defined]


def test_welcome_says_what_it_knows_and_ctrl_d_leaves(small_engine: Engine) -> None:
    code, out, err = session(small_engine, "")
    assert (code, err) == (0, "")
    assert out == "mnqa 0.1.0 · 3 documents about microneedling · /help for commands\n"


def test_a_question_shows_the_passage_with_its_source_and_the_quiet_line(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, "does it hurt" + ENTER)
    assert "╭─ 1 Comfort and aftercare ─" in out
    assert "│ corpus/numbing.txt:3-3 · Does microneedling hurt?" in out
    assert "A numbing cream" in out
    assert out.rstrip().endswith("Text quoted from the clinic's documents; it is not medical advice.")


def test_help_is_generated_from_the_command_registry(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, "/help" + ENTER)
    for c in COMMANDS.values():
        assert f"/{c.name}" in out and c.help.split()[0] in out
    assert set(COMMANDS) == {"help", "sources", "more", "open", "k", "why", "faq", "quit"}


def test_sources_lists_title_file_and_passages(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, "/sources" + ENTER)
    lines = [line.split() for line in out.splitlines()]
    assert ["Comfort", "and", "aftercare", "corpus/numbing.txt", "2"] in lines
    assert ["Who", "should", "not", "have", "it", "corpus/avoid.txt", "1"] in lines


def test_why_shows_terms_expansions_corrections_and_scores(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, "numbng cream" + ENTER + "/why" + ENTER)
    why = out.split("not medical advice.", 1)[1]
    assert "corrections  numbng -> numbing" in why
    assert "terms        numbing, cream" in why
    assert "expansions" in why and "score" in why and "corpus/numbing.txt:3-3" in why


def test_why_more_and_open_before_any_question_say_what_to_do(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, ENTER.join(["/why", "/more", "/open 1"]) + ENTER)
    assert "Ask a question first; /why then explains the search." in out
    assert "Ask a question first; /more then shows further results." in out
    assert "No results to open yet; ask a question first." in out


def test_k_changes_results_per_answer_and_more_continues_the_ranking(real_engine: Engine) -> None:
    _, out, _ = session(real_engine, "/k 1" + ENTER + "does it hurt" + ENTER + "/more" + ENTER + "/k x" + ENTER)
    assert "Each answer now shows 1 result." in out
    assert "╭─ 1 " in out and "╭─ 2 " in out and "╭─ 3 " not in out  # /more brought exactly one more
    assert out.index("╭─ 1 ") < out.index("╭─ 2 ")
    assert "/k takes a number from 1 to 20, e.g. /k 1" in out


def test_more_says_so_when_there_is_nothing_more(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, "/k 20" + ENTER + "does it hurt" + ENTER + "/more" + ENTER)
    assert "No more results for this question." in out


def test_open_shows_the_result_within_its_section(real_engine: Engine) -> None:
    _, out, _ = session(real_engine, "does it hurt" + ENTER + "/open 1" + ENTER + "/open 7" + ENTER, width=100)
    opened = out.split("not medical advice.", 1)[1]
    answer = real_engine.ask("does it hurt")
    hit = answer.results[0]
    section = real_engine.section_of(hit.passage)
    first, last = min(p.first_line for p in section), max(p.last_line for p in section)
    assert f"{hit.passage.source}:{first}-{last}" in opened
    assert "numbing cream" in opened
    assert "/open takes a number from 1 to 3, e.g. /open 1" in opened


def test_faq_lists_and_faq_n_asks_that_question(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, "/faq" + ENTER + "/faq 2" + ENTER + "/faq 9" + ENTER)
    assert " 1. Does microneedling hurt?\n 2. How many sessions are needed?\n 3. Who should avoid microneedling?\n" in out
    assert "> How many sessions are needed?" in out and "three to six sessions" in out
    assert "/faq takes a number from 1 to 3, e.g. /faq 1" in out


def test_an_unknown_command_gets_a_suggestion(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, "/hepl" + ENTER + "/srcs" + ENTER + "/zzzzzz" + ENTER)
    assert "Unknown command /hepl. Did you mean /help? (/help lists the commands)" in out
    assert "Unknown command /srcs. Did you mean /sources?" in out
    assert "Unknown command /zzzzzz. (/help lists the commands)" in out


def test_quit_leaves_and_nothing_after_it_runs(small_engine: Engine) -> None:
    _, out, _ = session(small_engine, "/quit" + ENTER + "/sources" + ENTER)
    assert "corpus/numbing.txt" not in out


def test_ctrl_c_clears_the_line_and_the_session_goes_on(small_engine: Engine) -> None:
    code, out, _ = session(small_engine, "price of a car" + CTRL_C + "does it hurt" + ENTER)
    assert code == 0 and "Not answered" not in out and "A numbing cream" in out


def test_tab_completes_commands(small_engine: Engine) -> None:
    import threading
    import time

    env = make_env()
    with create_pipe_input() as inp:

        def type_slowly() -> None:
            # Completion runs as a task of the event loop, so give it a moment before pressing Enter.
            for keys in ("/sou" + TAB, ENTER, CTRL_D):
                inp.send_text(keys)
                time.sleep(0.3)

        typist = threading.Thread(target=type_slowly)
        typist.start()
        run_repl(small_engine, env, input=inp, output=DummyOutput())
        typist.join()
    assert "corpus/numbing.txt" in env.stdout.getvalue()  # type: ignore[attr-defined]


def test_completion_offers_commands_faq_questions_and_corpus_words(small_engine: Engine) -> None:
    completer = _completer(small_engine)

    def complete(text: str) -> list[str]:
        return [c.text for c in completer.get_completions(Document(text), CompleteEvent(completion_requested=True))]

    assert complete("/f") == ["/faq"]
    assert complete("/faq ") == ["1", "2", "3"]
    assert complete("how many") == ["How many sessions are needed?"]
    assert "moisturiser" in complete("does it need a moist")
    assert set(complete("")) == set(small_engine.faq)


def test_history_is_kept_in_the_xdg_data_dir(small_engine: Engine, private_xdg: dict[str, str]) -> None:
    session(small_engine, "does it hurt" + ENTER)
    history = Path(private_xdg["XDG_DATA_HOME"]) / "mnqa" / "history"
    assert "+does it hurt" in history.read_text()


def test_an_unwritable_history_is_one_warning_and_the_prompt_still_works(small_engine: Engine, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    _, out, err = session(small_engine, "does it hurt" + ENTER, environ={"XDG_DATA_HOME": str(blocker / "data")})
    assert err.count("\n") == 1 and err.startswith("mnqa: warning: history file ")
    assert "history is kept for this session only" in err
    assert "A numbing cream" in out


def test_toolbar_shows_what_is_loaded_top_k_and_keys(small_engine: Engine) -> None:
    env = make_env()
    state = State(small_engine, make_console(env, OutputOptions("rich", False, False, 80)), top_k=4)
    assert toolbar_text(state) == " 3 documents · 5 passages · top-k 4 │ Tab complete · ↑ history · /help · Ctrl-D quit"


def test_hostile_questions_are_shown_literally_and_never_crash(small_engine: Engine) -> None:
    env = make_env(stdout_isatty=True, environ={"TERM": "xterm-256color"})
    state = State(small_engine, make_console(env, OutputOptions("rich", True, True, 80)))
    for text in ["\x1b]52;c;cHduZWQ=\x07does it hurt", "[bold red]hurt[/]", "/open [bold]", "/k \x1b[2J", "x" * 100_000,
                 "\x00\x00", "🙂 هل يؤلم 痛い", "%s %n {0} $(rm -rf /)", "/"]:
        assert handle_line(state, text) is True
    import re

    assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", env.stdout.getvalue())  # type: ignore[attr-defined]
    assert handle_line(state, "quit") is False and handle_line(state, "exit") is False


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_history_dir_is_one_warning(small_engine: Engine, tmp_path: Path) -> None:
    data = tmp_path / "ro"
    (data / "mnqa").mkdir(parents=True)
    (data / "mnqa").chmod(0o500)
    try:
        _, _, err = session(small_engine, "", environ={"XDG_DATA_HOME": str(data)})
        assert err.startswith("mnqa: warning: history file ") and err.count("\n") == 1
    finally:
        (data / "mnqa").chmod(0o700)


def test_every_hostile_question_at_the_prompt_is_shown_literally(small_engine: Engine) -> None:
    from test_cli_robust import HOSTILE_QUESTIONS

    env = make_env(stdout_isatty=True, environ={"TERM": "xterm-256color"})
    state = State(small_engine, make_console(env, OutputOptions("rich", True, True, 80)))
    for text in HOSTILE_QUESTIONS.values():
        assert handle_line(state, text) is True
    import re

    out = re.sub(r"\x1b\[[0-9;]*m", "", env.stdout.getvalue())  # type: ignore[attr-defined]
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", out)
    assert out.count("note: the question was cut to its first 500 characters") == 2  # the megabyte line, the huge word


def test_a_megabyte_paste_at_the_prompt_is_answered_with_the_cut_notice(small_engine: Engine) -> None:
    import threading

    env = make_env()
    paste = "\x1b[200~" + "does it hurt " * 80_000 + "\x1b[201~" + ENTER + CTRL_D  # bracketed paste, as terminals send
    with create_pipe_input() as inp:
        sender = threading.Thread(target=inp.send_text, args=(paste,))  # more than a pipe holds: send while reading
        sender.start()
        code = run_repl(small_engine, env, input=inp, output=DummyOutput())
        sender.join()
    out = env.stdout.getvalue()  # type: ignore[attr-defined]
    assert code == 0 and "note: the question was cut to its first 500 characters" in out and "A numbing cream" in out


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_history_path_that_is_not_a_file_is_one_warning_and_never_blocks(small_engine: Engine, tmp_path: Path, kind: str) -> None:
    history = tmp_path / "data" / "mnqa" / "history"
    history.parent.mkdir(parents=True)
    if kind == "folder":
        history.mkdir()
    else:
        os.mkfifo(history)  # opening it for writing would wait forever for a reader
    _, out, err = session(small_engine, "does it hurt" + ENTER, environ={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert err.count("\n") == 1 and err.startswith(f"mnqa: warning: history file {history}: not writable (")
    assert "A numbing cream" in out


def test_a_history_file_of_garbage_and_escape_sequences_still_works(small_engine: Engine, tmp_path: Path) -> None:
    history = tmp_path / "data" / "mnqa" / "history"
    history.parent.mkdir(parents=True)
    history.write_bytes(b"\xff\xfe\x00garbage\n+\x1b]52;c;cHduZWQ=\x07does it hurt\n\n# 2026\n+\xc3(\n" + os.urandom(2000))
    up = "\x1b[A"
    code, out, err = session(small_engine, up + ENTER, environ={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert (code, err) == (0, "")
    assert "\x1b]52" not in out and "\x07" not in out


def test_ctrl_c_while_answering_stops_that_answer_and_the_session_goes_on(small_engine: Engine) -> None:
    class SlowOnce:
        """The engine, but its first answer is interrupted by Ctrl-C (as SIGINT raises it mid-search)."""

        def __init__(self) -> None:
            self.calls = 0

        def ask(self, *args: object, **kwargs: object) -> object:
            self.calls += 1
            if self.calls == 1:
                raise KeyboardInterrupt
            return small_engine.ask(*args, **kwargs)  # type: ignore[arg-type]

        def __getattr__(self, name: str) -> object:
            return getattr(small_engine, name)

    code, out, err = session(SlowOnce(), "does it hurt" + ENTER + "does it hurt" + ENTER)  # type: ignore[arg-type]
    assert (code, err) == (0, "")
    assert out.count("(interrupted)") == 1 and out.index("(interrupted)") < out.index("A numbing cream")
