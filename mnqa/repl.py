"""The interactive prompt: a prompt_toolkit session around `handle_line`, with commands from one registry.

`handle_line(state, text)` does all the work for one typed line and is what the tests drive; `run_repl` only adds
the terminal around it (history, completion, toolbar, Ctrl-C/Ctrl-D).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator

from mnqa import __version__
from mnqa.env import Environment
from mnqa.render import clean_question, make_console, output_options, one_line

if TYPE_CHECKING:
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document
    from rich.console import Console

    from mnqa.engine import Engine
    from mnqa.models import Answer, Hit

PROMPT = "mnqa> "
MAX_TOP_K = 20
MAX_WORD_COMPLETIONS = 30


@dataclass
class State:
    """What the prompt remembers between lines: the engine, where to print, top-k and the last answer."""

    engine: Engine
    console: Console
    top_k: int = 3
    answer: Answer | None = None  # the last answer (its first page of results)
    hits: list[Hit] = field(default_factory=list)  # every result shown for the last question, /more included
    more: bool = False  # whether /more has anything left to show
    done: bool = False  # set by /quit

    def say(self, text: str, style: str | None = None) -> None:
        """Print one literal line (never parsed as markup)."""
        from rich.text import Text

        self.console.print(Text(text, style=style or "", overflow="fold"))


@dataclass(frozen=True)
class Command:
    """A slash command: its name, argument hint, one-line help and what it does."""

    name: str
    args: str
    help: str
    run: Callable[[State, str], None]


COMMANDS: dict[str, Command] = {}


def command(name: str, args: str, help: str) -> Callable[[Callable[[State, str], None]], Callable[[State, str], None]]:
    """Register a slash command (the registry also writes /help and feeds completion)."""

    def register(run: Callable[[State, str], None]) -> Callable[[State, str], None]:
        COMMANDS[name] = Command(name, args, help, run)
        return run

    return register


def _number(state: State, arg: str, what: str, low: int, high: int) -> int | None:
    try:
        n = int(arg)
    except ValueError:
        n = None
    if n is None or not low <= n <= high:
        state.say(f"{what} takes a number from {low} to {high}, e.g. {what} {low}", "yellow")
        return None
    return n


def ask(state: State, question: str) -> None:
    """Ask a question and show the answer."""
    from mnqa.render import rich_answer

    question = clean_question(question)
    if not question:
        return
    answer = state.engine.ask(question, state.top_k)
    state.answer, state.hits, state.more = answer, list(answer.results), answer.more and answer.answered
    state.console.print(rich_answer(answer))


@command("help", "", "list these commands")
def _help(state: State, arg: str) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for c in COMMANDS.values():
        table.add_row(Text(f"/{c.name} {c.args}".rstrip()), Text(c.help))
    state.console.print(Text("Type a question to search the documents, or a command:"))
    state.console.print(table)
    state.say("Tab completes commands, common questions and words; Up recalls earlier questions.", "dim")


@command("sources", "", "the documents: title, file and passages")
def _sources(state: State, arg: str) -> None:
    from mnqa.render import rich_sources

    state.console.print(rich_sources(state.engine.documents))


@command("more", "", "the next results for the last question")
def _more(state: State, arg: str) -> None:
    from mnqa.render import rich_hit

    if state.answer is None:
        state.say("Ask a question first; /more then shows further results.", "yellow")
        return
    if not state.more:
        state.say("No more results for this question.", "yellow")
        return
    answer = state.engine.ask(state.answer.question, state.top_k, start=len(state.hits))
    if not answer.results:
        state.more = False
        state.say("No more results for this question.", "yellow")
        return
    state.hits.extend(answer.results)
    state.more = answer.more
    for hit in answer.results:
        state.console.print(rich_hit(hit))


@command("open", "N", "result N of the last answer in full, with its section")
def _open(state: State, arg: str) -> None:
    from mnqa.render import rich_open

    if not state.hits:
        state.say("No results to open yet; ask a question first.", "yellow")
        return
    n = _number(state, arg, "/open", 1, len(state.hits))
    if n is not None:
        hit = state.hits[n - 1]
        state.console.print(rich_open(hit, state.engine.section_of(hit.passage)))


@command("k", "N", "how many results each answer shows")
def _k(state: State, arg: str) -> None:
    if not arg:
        state.say(f"Each answer shows {state.top_k} results; /k N changes it.")
        return
    n = _number(state, arg, "/k", 1, MAX_TOP_K)
    if n is not None:
        state.top_k = n
        state.say(f"Each answer now shows {n} result{'s' if n != 1 else ''}.")


@command("why", "", "what the last question searched: terms, expansions, corrections, scores")
def _why(state: State, arg: str) -> None:
    from mnqa.render import rich_why

    if state.answer is None:
        state.say("Ask a question first; /why then explains the search.", "yellow")
        return
    state.console.print(rich_why(state.answer))


@command("faq", "[N]", "common questions; /faq N asks number N")
def _faq(state: State, arg: str) -> None:
    from mnqa.render import rich_faq

    faq = state.engine.faq
    if not faq:
        state.say("No common questions listed (add [faq] questions to mnqa.toml in the corpus folder).", "yellow")
        return
    if not arg:
        state.console.print(rich_faq(faq))
        state.say("/faq N asks question N.", "dim")
        return
    n = _number(state, arg, "/faq", 1, len(faq))
    if n is not None:
        state.say(f"> {one_line(faq[n - 1])}", "bold")
        ask(state, faq[n - 1])


@command("quit", "", "leave (Ctrl-D does too)")
def _quit(state: State, arg: str) -> None:
    state.done = True


def handle_line(state: State, text: str) -> bool:
    """Handle one line typed at the prompt: a command or a question. False when the session should end."""
    line = text.strip()
    if not line:
        return True
    if line.lower() in ("quit", "exit", ":q"):
        return False
    if line.lower() == "help":
        line = "/help"
    if line.startswith("/"):
        name, _, arg = line[1:].partition(" ")
        found = COMMANDS.get(name.lower())
        if found is None:
            shown = one_line(name)[:40]
            close = difflib.get_close_matches(name.lower(), list(COMMANDS), n=1, cutoff=0.5)
            hint = f" Did you mean /{close[0]}?" if close else ""
            state.say(f"Unknown command /{shown}.{hint} (/help lists the commands)", "yellow")
            return True
        found.run(state, arg.strip())
        return not state.done
    ask(state, line)
    return True


# --- the terminal around it -----------------------------------------------------------------------------------


def _completer(engine: Engine) -> Any:
    from prompt_toolkit.completion import Completer, Completion

    words = sorted((w for w in engine.index.surfaces if len(w) > 2 and w.isalpha()), key=lambda w: (-engine.index.surfaces[w], w))
    faq = list(engine.faq)

    class MnqaCompleter(Completer):
        """Commands after `/`, common questions for the whole line, corpus words for the current word."""

        def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
            text = document.text_before_cursor
            if text.startswith("/"):
                name, space, arg = text[1:].partition(" ")
                if not space:
                    for c in COMMANDS.values():
                        if c.name.startswith(name.lower()):
                            yield Completion("/" + c.name, -len(text), display_meta=c.help)
                elif name == "faq":
                    for i, q in enumerate(faq, start=1):
                        if str(i).startswith(arg.strip()):
                            yield Completion(str(i), -len(arg), display_meta=one_line(q))
                return
            typed = text.lstrip()
            for q in faq:
                if q.lower().startswith(typed.lower()) and q != typed:
                    yield Completion(q, -len(typed), display_meta="common question")
            word = document.get_word_before_cursor()
            if len(word) >= 2 and word.isalpha():
                low = word.lower()
                found = (w for w in words if w.startswith(low) and w != low)
                for w, _ in zip(found, range(MAX_WORD_COMPLETIONS)):
                    yield Completion(w, -len(word))

    return MnqaCompleter()


def _history(env: Environment) -> Any:
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    path = env.data_dir / "history"

    class SafeFileHistory(FileHistory):
        """File history that goes on in memory if the file stops being writable mid-session."""

        def store_string(self, string: str) -> None:
            try:
                super().store_string(string)
            except OSError:
                pass

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not path.is_file():  # a FIFO would block opening it, a folder cannot be appended to
            raise OSError(0, "not a regular file")
        with open(path, "ab"):
            pass
    except OSError as exc:
        env.stderr.write(
            f"mnqa: warning: history file {one_line(str(path))}: not writable ({exc.strerror or exc}); "
            "history is kept for this session only\n"
        )
        return InMemoryHistory()
    return SafeFileHistory(str(path))


def welcome(engine: Engine) -> str:
    """The first line of a session: what mnqa knows and how to get help."""
    n = len(engine.documents)
    return f"mnqa {__version__} · {n} document{'s' if n != 1 else ''} about microneedling · /help for commands"


def toolbar_text(state: State) -> str:
    """The bottom toolbar: what is loaded, top-k, key hints."""
    docs = state.engine.documents
    passages = sum(d.passages for d in docs)
    return f" {len(docs)} documents · {passages} passages · top-k {state.top_k} │ Tab complete · ↑ history · /help · Ctrl-D quit"


def run_repl(engine: Engine, env: Environment, *, input: Any = None, output: Any = None) -> int:
    """Run the interactive prompt until Ctrl-D or /quit; returns the exit code."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory

    console = make_console(env, output_options(env, "rich"), follow_terminal=True)
    state = State(engine, console)
    session: PromptSession[str] = PromptSession(
        history=_history(env),
        auto_suggest=AutoSuggestFromHistory(),
        completer=_completer(engine),
        complete_while_typing=False,
        bottom_toolbar=lambda: toolbar_text(state),
        input=input,
        output=output,
    )
    state.say(welcome(engine), "bold")
    while True:
        try:
            text = session.prompt(PROMPT)
        except KeyboardInterrupt:  # Ctrl-C clears the line, as in a shell
            continue
        except EOFError:
            break
        try:
            if not handle_line(state, text):
                break
        except KeyboardInterrupt:
            state.say("(interrupted)", "yellow")
        if text.strip():
            console.print()  # a blank line between one answer and the next prompt
    return 0
