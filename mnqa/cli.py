"""The `mnqa` command: argument parsing, the commands, and every exit code.

Exit codes: 0 success (for `ask`: answered); 1 `ask` not answered, or `batch` had lines it could not ask;
2 usage error, unusable corpus/file, or output that cannot be written (disk full, stdout closed); 130 interrupted
(Ctrl-C); 141 output pipe closed (e.g. `| head -1`).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import signal
import sys
import threading
from collections import deque
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterator, NoReturn, Sequence

from mnqa import __version__
from mnqa.env import Environment, OutputError
from mnqa.render import clean_question, one_line

if TYPE_CHECKING:
    from mnqa.engine import Engine
    from mnqa.models import Answer

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "eval"
MAX_LINE_BYTES = 10_000  # a batch line longer than this is not a question; it gets an error record, unread
MAX_TOP_K = 50
MAX_JOBS = 64
MAX_DEFAULT_WORKERS = 8
# A batch file this long is answered in several processes by default; a shorter one is over before they start.
PARALLEL_MIN_QUESTIONS = 200
EXIT_OK, EXIT_NOT_ANSWERED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 130, 141


class UsageError(Exception):
    """A problem with how mnqa was called or with what it was pointed at: one line on stderr, exit 2."""


class _ParserExit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse that writes to the Environment's streams and reports errors as one line."""

    def __init__(self, *args: object, env: Environment, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", lambda prog: argparse.RawDescriptionHelpFormatter(prog, width=min(env.width or 80, 100)))
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.env = env

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        if message:
            (self.env.stderr if file is sys.stderr else self.env.stdout).write(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        """Leave parsing (after --help or --version) without exiting the process."""
        if message:
            self.env.stderr.write(message)
        raise _ParserExit(status)

    def error(self, message: str) -> NoReturn:
        """Turn argparse's usage dump into one line that points at --help (and at the command meant)."""
        m = re.match(r"argument COMMAND: invalid choice: '(.*)' \(choose from (.*)\)$", message)
        if m:
            choices = re.findall(r"'([^']*)'", m.group(2))
            close = difflib.get_close_matches(m.group(1), choices, n=1, cutoff=0.5)
            message = f"unknown command '{m.group(1)}'" + (f"; did you mean '{close[0]}'?" if close else "")
            message += f" (commands: {', '.join(choices)})"
            raise UsageError(f"{self.prog}: error: {message}")
        raise UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


# --- helpers --------------------------------------------------------------------------------------------------


def warn(env: Environment, message: str) -> None:
    """One warning line on stderr."""
    env.stderr.write(f"mnqa: warning: {one_line(message)}\n")
    env.stderr.flush()


def default_corpus(env: Environment) -> Path:
    """$MNQA_CORPUS, else the checkout's corpus/ folder, else ./corpus."""
    if env.environ.get("MNQA_CORPUS"):
        return Path(env.environ["MNQA_CORPUS"])
    bundled = ROOT / "corpus"
    return bundled if bundled.is_dir() else Path("corpus")


def load_engine(args: argparse.Namespace, env: Environment) -> Engine:
    """The engine for --corpus (cached in the XDG cache dir), with warnings and a build progress bar on stderr."""
    from mnqa.engine import Engine
    from mnqa.render import StderrProgress

    corpus = Path(args.corpus) if getattr(args, "corpus", None) else default_corpus(env)
    seen: set[str] = set()

    def once(message: str) -> None:
        if message not in seen:
            seen.add(message)
            warn(env, message)

    progress = StderrProgress(env, "indexing documents", percent=True) if env.stderr_isatty else None
    try:
        return Engine.from_corpus(corpus, cache_dir=env.cache_dir, warn=once, progress=progress)
    finally:
        if progress is not None:
            progress.close()


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else a one-line reason."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {n}")
        return n

    return parse


_top_k = _whole_number(1, MAX_TOP_K)
_jobs = _whole_number(1, MAX_JOBS)


def _write(env: Environment, text: str) -> None:
    env.stdout.write(text)
    env.stdout.flush()


def write_answer(env: Environment, fmt: str, answer: Answer) -> None:
    """Print one answer to stdout in an `ask` format (auto already resolved)."""
    from mnqa import render

    opts = render.output_options(env, fmt)
    if opts.format == "rich":
        render.make_console(env, opts).print(render.rich_answer(answer))
    elif opts.format == "json":
        _write(env, render.to_json(render.answer_to_dict(answer), indent=2) + "\n")
    elif opts.format == "markdown":
        footer = f"\n*{render.md_escape(render.DISCLAIMER)}*\n" if answer.answered else ""
        _write(env, render.markdown_answer(answer) + footer)
    else:
        _write(env, render.plain_answer(answer, opts.width))


# --- commands -------------------------------------------------------------------------------------------------


def cmd_ask(args: argparse.Namespace, env: Environment) -> int:
    """Answer one question."""
    question = clean_question(" ".join(args.question))
    if not question:
        raise UsageError("mnqa ask: error: the question is empty (example: mnqa ask \"does it hurt\")")
    engine = load_engine(args, env)
    answer = engine.ask(question, args.top_k)
    write_answer(env, args.format, answer)
    return EXIT_OK if answer.answered else EXIT_NOT_ANSWERED


def read_questions(stream: IO[bytes] | IO[str]) -> Iterator[tuple[int, str, str | None]]:
    """(line number, question, error) for each line that is not blank or a `#` comment, read as it arrives.

    Bytes are decoded per line, so one undecodable line costs only that line; an overlong line is skipped
    without holding it in memory.
    """
    lineno = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        lineno += 1
        error = None
        if len(raw) > MAX_LINE_BYTES and raw[-1:] not in (b"\n", "\n"):
            while True:  # drop the rest of the line in bounded pieces
                rest = stream.readline(MAX_LINE_BYTES)
                if not rest or rest[-1:] in (b"\n", "\n"):
                    break
            error = f"line {lineno} is longer than {MAX_LINE_BYTES} bytes"
        if isinstance(raw, bytes):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("utf-8", errors="replace")
                error = error or f"line {lineno} is not UTF-8 text"
        else:
            text = raw.lstrip("\ufeff") if lineno == 1 else raw
        if not text.strip() or text.lstrip().startswith("#"):
            if error is None:
                continue
        question = clean_question(text)
        if error is None and not question:
            error = f"line {lineno} has no question once control characters are removed"
        yield lineno, question[:200] if error else question, error


class _BatchWriter:
    """Writes batch records in one format, flushing after each so a pipe sees them as they come."""

    def __init__(self, env: Environment, fmt: str) -> None:
        from mnqa import render

        self.env, self.fmt, self.r = env, fmt, render
        self.width = env.width or render.DEFAULT_WIDTH
        self.count = 0

    def start(self) -> None:
        """What comes before the first record (CSV header, sheet title)."""
        if self.fmt == "csv":
            _write(self.env, self.r.csv_line(self.r.CSV_HEADER))
        elif self.fmt == "markdown":
            _write(self.env, self.r.sheet_header())

    def answer(self, answer: Answer) -> None:
        """One answered (or refused) question."""
        r = self.r
        if self.fmt == "jsonl":
            text = r.to_json(r.answer_to_dict(answer)) + "\n"
        elif self.fmt == "csv":
            text = "".join(r.csv_line(row) for row in r.csv_rows(answer))
        elif self.fmt == "markdown":
            text = r.sheet_entry(answer)
        else:
            text = ("\n" if self.count else "") + r.plain_answer(answer, self.width, show_question=True, footer=False)
        self.count += 1
        _write(self.env, text)

    def error(self, question: str, error: str) -> None:
        """One line that could not be asked."""
        r = self.r
        if self.fmt == "jsonl":
            text = r.to_json(r.error_to_dict(question, error)) + "\n"
        elif self.fmt == "csv":
            text = r.csv_line(r.csv_error_row(question, error))
        elif self.fmt == "markdown":
            text = r.sheet_error(question, error)
        else:
            text = ("\n" if self.count else "") + f"Q: {one_line(question)}\nerror: {one_line(error)}\n"
        self.count += 1
        _write(self.env, text)

    def finish(self) -> None:
        """What comes after the last record (the sheet's and plain text's closing line)."""
        if self.fmt == "markdown":
            _write(self.env, self.r.sheet_footer())
        elif self.fmt == "plain" and self.count:
            _write(self.env, f"\n{self.r.DISCLAIMER}\n")


def run_batch(env: Environment, engine: Engine, stream: IO[bytes] | IO[str], fmt: str, top_k: int, total: int | None,
              workers: int = 1) -> int:
    """Answer each question of `stream` in order (in `workers` processes), streaming records; the summary goes to
    stderr."""
    from mnqa.render import StderrProgress

    writer = _BatchWriter(env, fmt)
    # Part of a batch's start-up: among many questions some word is bound to be new to the stemmer.
    engine.prepare()
    progress = StderrProgress(env, "answering") if env.stderr_isatty and not env.stdout_isatty else None
    asked = answered = bad = 0
    # Lines as read, waiting for their answers (several workers read a few chunks ahead of the answers).
    pending: deque[tuple[str, str | None]] = deque()

    def questions() -> Iterator[str | None]:
        for _, question, error in read_questions(stream):
            pending.append((question, error))
            yield None if error is not None else question

    answers = engine.ask_all(questions(), top_k, workers)
    try:
        writer.start()
        for answer in answers:
            question, error = pending.popleft()
            # Counted before it is written: a Ctrl-C during the write still leaves the record in the output
            # buffer, which is flushed on the way out, so the summary and the output agree.
            if answer is None:
                asked, bad = asked + 1, bad + 1
                writer.error(question, error or "")
            else:
                asked, answered = asked + 1, answered + answer.answered
                writer.answer(answer)
            if progress is not None:
                progress(asked, total)
        writer.finish()
    except KeyboardInterrupt:
        # What was written stays written (each record was flushed); say how far it got.
        if progress is not None:
            progress.close()
        env.stderr.write(f"mnqa: interrupted after {asked} question{'s' if asked != 1 else ''} (answered {answered})\n")
        return EXIT_INTERRUPTED
    finally:
        answers.close()  # the workers stop now, not when the generator is collected
        # Whatever ends the batch (a closed pipe, a full disk), the bar leaves the screen and the cursor comes back.
        if progress is not None:
            progress.close()
    tail = f"; {bad} line{'s' if bad != 1 else ''} could not be asked" if bad else ""
    env.stderr.write(f"mnqa: answered {answered} of {asked} questions{tail}\n")
    return EXIT_NOT_ANSWERED if bad else EXIT_OK


def cmd_batch(args: argparse.Namespace, env: Environment) -> int:
    """Answer a file (or stdin) of questions, one per line."""
    from mnqa.render import output_options

    fmt = output_options(env, args.format, terminal="plain", piped="jsonl").format
    if args.file == "-":
        stream: IO[bytes] | IO[str] = env.stdin_bytes() or env.stdin
        engine = load_engine(args, env)
        # Questions on a pipe may come one at a time, each waiting for its answer: in this process unless asked.
        return run_batch(env, engine, stream, fmt, args.top_k, None, args.jobs or 1)
    try:
        f = open(args.file, "rb")
    except OSError as exc:
        raise UsageError(f"mnqa batch: error: cannot read {one_line(args.file)}: {exc.strerror or exc}") from None
    with f:
        total = None
        if args.jobs is None or (env.stderr_isatty and not env.stdout_isatty):  # the bar and the default need it
            total = sum(1 for line in f if line.strip() and not line.lstrip().startswith(b"#"))
            f.seek(0)
        engine = load_engine(args, env)
        workers = args.jobs or (default_workers() if (total or 0) >= PARALLEL_MIN_QUESTIONS else 1)
        return run_batch(env, engine, f, fmt, args.top_k, total, workers)


def default_workers() -> int:
    """How many processes answer a long batch file by default: one per CPU this process may use, at most 8."""
    if sys.platform != "linux":  # forking a loaded engine is safe on Linux; elsewhere one process answers
        return 1
    try:
        return max(1, min(len(os.sched_getaffinity(0)), MAX_DEFAULT_WORKERS))
    except (AttributeError, OSError):
        return 1


def cmd_sources(args: argparse.Namespace, env: Environment) -> int:
    """List the documents."""
    from mnqa import render

    engine = load_engine(args, env)
    opts = render.output_options(env, args.format)
    docs = engine.documents
    if opts.format == "rich":
        render.make_console(env, opts).print(render.rich_sources(docs))
    elif opts.format == "json":
        _write(env, render.to_json([{"source": d.source, "title": d.title, "passages": d.passages} for d in docs], indent=2) + "\n")
    else:
        _write(env, render.plain_sources(docs))
    return EXIT_OK


def cmd_faq(args: argparse.Namespace, env: Environment) -> int:
    """List the trainers' FAQ questions, or (--answers) print them with answers as a Markdown sheet."""
    from mnqa import render

    engine = load_engine(args, env)
    if args.answers:
        writer = _BatchWriter(env, "markdown")
        writer.start()
        for q in engine.faq:
            writer.answer(engine.ask(q, 1))
        writer.finish()
        return EXIT_OK
    opts = render.output_options(env, args.format)
    if not engine.faq:
        warn(env, "no FAQ questions: add a [faq] questions list to mnqa.toml in the corpus folder")
    if opts.format == "rich":
        render.make_console(env, opts).print(render.rich_faq(engine.faq))
    elif opts.format == "json":
        _write(env, render.to_json(list(engine.faq), indent=2) + "\n")
    elif opts.format == "markdown":
        _write(env, render.markdown_faq(engine.faq))
    else:
        _write(env, render.plain_faq(engine.faq))
    return EXIT_OK


def cmd_eval(args: argparse.Namespace, env: Environment) -> int:
    """Score the engine on the labelled question sets."""
    from mnqa import render
    from mnqa.evaluate import eval_sets, evaluate, load_cases

    paths = eval_sets(args.set, EVAL_DIR)
    missing = [p for p in paths if not p.is_file()]
    if not paths or missing:
        where = one_line(str(missing[0] if missing else EVAL_DIR))
        raise UsageError(f"mnqa eval: error: no question set at {where} (use --set dev|holdout|all|PATH)")
    try:
        sets = [(p.stem, load_cases(p)) for p in paths]
    except (ValueError, OSError) as exc:
        raise UsageError(f"mnqa eval: error: {exc}") from None
    engine = load_engine(args, env)

    def ask(q: str, k: int) -> Answer:
        return engine.ask(q, k)

    rows = [(name, evaluate(name, cases, ask).figures()) for name, cases in sets]
    if len(sets) > 1:
        rows.append(("total", evaluate("all", [c for _, cases in sets for c in cases], ask).figures()))
    if args.json:
        _write(env, render.to_json({name: fig for name, fig in rows}, indent=2) + "\n")
    else:
        _write(env, render.eval_table(rows))
    return EXIT_OK


def cmd_repl(args: argparse.Namespace, env: Environment) -> int:
    """The interactive prompt."""
    from mnqa.repl import run_repl

    return run_repl(load_engine(args, env), env)


# --- parser ---------------------------------------------------------------------------------------------------

ASK_FORMATS = ("auto", "rich", "plain", "json", "markdown")


def build_parser(env: Environment) -> _Parser:
    """The argument parser for every command (each with --help and an example)."""
    parser = _Parser(
        prog="mnqa",
        env=env,
        description="Answers questions about microneedling from a folder of documents, quoting passages with "
        "their source.\nWith no command: the interactive prompt on a terminal, else `batch -` (questions on stdin).",
        epilog="examples:\n  mnqa                                   # the interactive prompt\n"
        "  mnqa ask \"does it hurt\"\n  mnqa batch questions.txt --format csv > answers.csv\n\n"
        "exit codes: 0 ok/answered, 1 not answered (ask) or bad lines (batch), 2 usage, corpus or output error, "
        "130 interrupted, 141 output pipe closed",
    )
    parser.add_argument("--version", action="version", version=f"mnqa {__version__}")
    corpus_help = "the documents folder (default: $MNQA_CORPUS, else the corpus/ folder of the checkout)"
    parser.add_argument("--corpus", metavar="DIR", help=corpus_help)
    parser.set_defaults(run=None)
    common = _Parser(add_help=False, env=env)
    common.add_argument("--corpus", metavar="DIR", default=argparse.SUPPRESS, help=corpus_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", parser_class=_Parser)

    def command(name: str, help: str, example: str, run: Callable[[argparse.Namespace, Environment], int]) -> _Parser:
        p = sub.add_parser(name, help=help, description=help, epilog=f"example:\n  {example}", parents=[common], env=env)
        p.set_defaults(run=run)
        return p

    p = command("ask", "answer one question", 'mnqa ask "does it hurt" --format json', cmd_ask)
    p.add_argument("question", nargs="+", metavar="QUESTION", help="the question (quotes optional)")
    p.add_argument("--top-k", "-k", type=_top_k, default=3, metavar="K", help="results to show (default 3)")
    p.add_argument("--format", "-f", choices=ASK_FORMATS, default="auto",
                   help="output format (default auto: rich on a terminal, plain otherwise)")

    p = command("batch", "answer a file of questions, one per line (- for stdin)",
                "mnqa batch questions.txt --format markdown > faq-sheet.md", cmd_batch)
    p.add_argument("file", metavar="FILE", help="questions, one per line; blank and # lines are skipped; - reads stdin")
    p.add_argument("--top-k", "-k", type=_top_k, default=3, metavar="K", help="results per question (default 3)")
    p.add_argument("--format", "-f", choices=("auto", "jsonl", "csv", "markdown", "plain"), default="auto",
                   help="output format (default auto: plain on a terminal, jsonl otherwise; markdown is a printable FAQ sheet)")
    p.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help=f"processes answering (default: one per CPU, up to {MAX_DEFAULT_WORKERS}, for a file of "
                        f"{PARALLEL_MIN_QUESTIONS} questions or more, else 1; stdin: 1); the output is the same")

    p = command("sources", "list the documents: title, file and passages", "mnqa sources --format json", cmd_sources)
    p.add_argument("--format", "-f", choices=("auto", "rich", "plain", "json"), default="auto", help="output format")

    p = command("faq", "list the trainers' common questions (from mnqa.toml in the corpus folder)",
                "mnqa faq --answers > faq-sheet.md", cmd_faq)
    p.add_argument("--format", "-f", choices=("auto", "rich", "plain", "json", "markdown"), default="auto", help="output format")
    p.add_argument("--answers", action="store_true", help="print each question with its best answer, as a Markdown sheet")

    p = command("eval", "score the engine on the labelled question sets", "mnqa eval --set holdout", cmd_eval)
    p.add_argument("--set", default="dev", metavar="SET", help="dev, holdout, all, or a path to a .jsonl file (default dev)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser


# --- entry points ---------------------------------------------------------------------------------------------


def _silence_stdout(env: Environment) -> None:
    # The reader went away: point stdout at devnull so the interpreter's final flush cannot fail (Python docs,
    # "Note on SIGPIPE").
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, env.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


def _ctrl_c_for_this_process_only() -> Callable[[], None]:
    """Let Ctrl-C interrupt this process only, not processes forked from it; returns how to undo that.

    A terminal sends SIGINT to every process of the foreground group, forked index-building workers included.
    Each would stop with a KeyboardInterrupt traceback; with this handler they leave it to this process, whose
    interrupt stops them. Only Python's default handler is replaced: an ignored SIGINT (a background job) or a
    caller's own handler stays as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.default_int_handler:
        return lambda: None
    pid = os.getpid()

    def interrupt(signum: int, frame: object) -> None:
        if os.getpid() == pid:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    return lambda: signal.signal(signal.SIGINT, previous)


def main(argv: Sequence[str], env: Environment) -> int:
    """Run mnqa with these arguments in this environment; return the exit code."""
    restore = _ctrl_c_for_this_process_only()
    try:
        return _main(argv, env)
    finally:
        restore()


def _main(argv: Sequence[str], env: Environment) -> int:
    try:
        try:
            args = build_parser(env).parse_args(list(argv))
        except _ParserExit as exc:
            return exc.code
        run = args.run
        if run is None:  # no command: the prompt for a person, a batch for a pipe
            if env.stdin_isatty:
                run = cmd_repl
            else:
                args = argparse.Namespace(**vars(args), file="-", format="auto", top_k=3, jobs=None)
                run = cmd_batch
        return run(args, env)
    except UsageError as exc:
        env.stderr.write(one_line(str(exc)) + "\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        try:
            env.stdout.flush()
        except (OSError, ValueError):
            pass
        env.stderr.write("mnqa: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout(env)
        return EXIT_PIPE
    except OutputError as exc:
        # Disk full, stdout closed, I/O error: say so in one line; what could not be written is dropped so the
        # interpreter's final flush does not fail again with a traceback.
        _silence_stdout(env)
        env.stderr.write(f"mnqa: error: cannot write the output ({one_line(exc.strerror or str(exc))})\n")
        return EXIT_USAGE
    except Exception as exc:
        from mnqa.engine import CorpusError

        if isinstance(exc, CorpusError):
            env.stderr.write(f"mnqa: error: {one_line(str(exc))}\n")
            return EXIT_USAGE
        raise


def entry() -> None:
    """The console script: run main() on the real process streams and exit with its code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]  # a non-UTF-8 terminal gets "?", not a crash
        except (AttributeError, ValueError):
            pass
    env = Environment.from_os()
    code = main(sys.argv[1:], env)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout(env)
        code = EXIT_PIPE
    except OSError as exc:
        _silence_stdout(env)
        env.stderr.write(f"mnqa: error: cannot write the output ({one_line(exc.strerror or str(exc))})\n")
        code = code if code == EXIT_PIPE else EXIT_USAGE
    sys.exit(code)
