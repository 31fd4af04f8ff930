"""All output formatting: rich panels, plain text, JSON/JSONL, CSV and Markdown, from engine values.

Every piece of text that comes from a document or a user passes through `sanitize` (or, for JSON, through escaping)
before it is shown, so terminal escape sequences and control characters never reach a terminal. Rich output is built
from `Text` objects only, never from markup strings, so `[bold]` in a document is shown as typed.
rich is imported inside the functions that draw with it: `mnqa ask --format json` never loads it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from mnqa.env import Environment
from mnqa.models import Answer, Hit, Passage

if TYPE_CHECKING:  # only for annotations; importing rich at run time is left to the functions that draw
    from rich.console import Console, RenderableType
    from rich.text import Text

DISCLAIMER = "Text quoted from the clinic's documents; it is not medical advice."
FORMATS = ("rich", "plain", "json", "jsonl", "csv", "markdown")
DEFAULT_WIDTH = 80
MAX_EXPANSIONS_SHOWN = 6  # /why shows all of them
READING_WIDTH = 120  # panels stop growing here: lines much longer than this are hard to read on a wide terminal

# Terminal escape sequences (7-bit and 8-bit forms): string commands (OSC, DCS, SOS, PM, APC) up to their
# terminator or the end of the text, CSI sequences, and any other ESC sequence; then lone control characters.
_SEQUENCE = (
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -/]*[0-~]?"
)
# Lone surrogates (undecodable bytes in argv or file names, via surrogateescape) cannot be written out at all.
# Bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) would make a terminal that
# does bidi show text in another order than it is ("Trojan Source"); right-to-left letters themselves are kept.
_UNSAFE_RE = re.compile(_SEQUENCE + r"|[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_ONE_LINE_RE = re.compile(_SEQUENCE + r"|[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# json.dumps escapes C0 itself but leaves these raw: escaped, the data is unchanged and `cat` shows it safely.
_JSON_UNSAFE_RE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _replacement(match: re.Match[str]) -> str:
    # Whitespace controls become a space so words stay apart; a lone surrogate shows as U+FFFD; the rest goes.
    text = match.group()
    if text in ("\t", "\n", "\r", "\x0b", "\x0c"):
        return " "
    return "\ufffd" if "\ud800" <= text <= "\udfff" else ""


def sanitize(text: str) -> str:
    """The text without escape sequences or control characters (newlines kept, tabs as spaces)."""
    return _UNSAFE_RE.sub(_replacement, text)


def one_line(text: str) -> str:
    """Sanitized text on one line: newlines and tabs become spaces (for titles, questions, table cells)."""
    return _UNSAFE_ONE_LINE_RE.sub(_replacement, text)


def clean_question(text: str) -> str:
    """A question without control characters or escape sequences, on one line, whitespace collapsed."""
    from mnqa.query import MAX_QUESTION_CHARS

    # Cut far above the engine's limit first so cleaning a megabyte line stays quick; the engine still sees that
    # the question was too long and says so.
    return " ".join(one_line(text[: MAX_QUESTION_CHARS * 4]).split())


def clean_with_spans(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Sanitize text and move character spans along with it, so highlights still land on the same words."""
    spans = list(spans)
    if not _UNSAFE_RE.search(text):
        return text, [(max(0, s), min(len(text), e)) for s, e in spans]
    out: list[str] = []
    where = [0] * (len(text) + 1)  # original index -> index in the cleaned text
    done = 0  # characters of the original consumed
    size = 0  # characters of the cleaned text written
    for m in _UNSAFE_RE.finditer(text):
        for i in range(done, m.start()):
            where[i] = size + (i - done)
        size += m.start() - done
        out.append(text[done : m.start()])
        for i in range(m.start(), m.end()):
            where[i] = size
        rep = _replacement(m)
        out.append(rep)
        size += len(rep)
        done = m.end()
    for i in range(done, len(text) + 1):
        where[i] = size + (i - done)
    out.append(text[done:])

    def move(i: int) -> int:
        return where[min(max(0, i), len(text))]

    return "".join(out), [(move(s), move(e)) for s, e in spans]


# --- output options -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutputOptions:
    """How one command writes to stdout: the format, whether styles/colour are on, and the width."""

    format: str
    styled: bool  # escape codes at all (bold, panels' colours): only on a terminal
    color: bool  # colour within the styles: not when NO_COLOR is set
    width: int


def output_options(
    env: Environment, requested: str = "auto", *, terminal: str = "rich", piped: str = "plain"
) -> OutputOptions:
    """Resolve a --format value: `auto` is `terminal` on a terminal, else `piped`; styles only on a terminal."""
    fmt = requested if requested != "auto" else (terminal if env.stdout_isatty else piped)
    styled = env.stdout_isatty and fmt == "rich"
    return OutputOptions(fmt, styled, styled and not env.no_color, env.width or DEFAULT_WIDTH)


def make_console(env: Environment, opts: OutputOptions, *, stderr: bool = False, follow_terminal: bool = False) -> Console:
    """A rich Console on stdout (or stderr) that prints data literally and honours the options.

    follow_terminal: leave the width to rich so it follows a resized terminal (the interactive prompt).
    """
    from rich.console import Console

    width = None if follow_terminal and opts.styled and "COLUMNS" not in env.environ else opts.width
    return Console(
        file=env.stderr if stderr else env.stdout,
        width=width,
        force_terminal=opts.styled,
        no_color=not opts.color,
        color_system="auto" if opts.styled else None,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
        force_jupyter=False,
        _environ=dict(env.environ),
    )


# --- shared wording -------------------------------------------------------------------------------------------


def location(passage: Passage) -> str:
    """`corpus/<file>:first-last`, the way a result says where it is."""
    return f"{one_line(passage.source)}:{passage.first_line}-{passage.last_line}"


def searched_line(answer: Answer, *, all_expansions: bool = False) -> str | None:
    """What was searched, when that differs from what was typed (corrections, expansions, unknown words)."""
    s = answer.searched
    if not (s.corrections or s.expansions or s.ignored):
        return None
    parts = [f"searched for: {', '.join(one_line(t) for t in s.terms) or '(nothing)'}"]
    if s.corrections:
        parts.append("corrected: " + ", ".join(f"{one_line(a)} -> {one_line(b)}" for a, b in s.corrections.items()))
    if s.expansions:
        shown = s.expansions if all_expansions else s.expansions[:MAX_EXPANSIONS_SHOWN]
        more = len(s.expansions) - len(shown)
        parts.append("also: " + ", ".join(one_line(e) for e in shown) + (f" (+{more} more)" if more else ""))
    if s.ignored:
        parts.append("not in the documents: " + ", ".join(one_line(w) for w in s.ignored))
    return "; ".join(parts)


def not_answered_line(answer: Answer) -> str:
    """The one-line message for a question the documents do not answer."""
    reason = one_line(answer.reason or "the documents do not answer this")
    return f"Not answered: {reason}."


def notice_line(answer: Answer) -> str | None:
    """The engine's notice (e.g. the question was cut), as a line."""
    return f"note: {one_line(answer.notice)}" if answer.notice else None


def relevance_bar(relevance: float, cells: int = 10) -> str:
    """A small bar, e.g. `███████░░░`, for a 0..1 relevance."""
    filled = max(0, min(cells, round(relevance * cells)))
    return "█" * filled + "░" * (cells - filled)


# --- JSON -----------------------------------------------------------------------------------------------------


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    """One result in the JSON contract (key order is part of it)."""
    p = hit.passage
    return {
        "rank": hit.rank,
        "score": hit.score,
        "source": p.source,
        "title": p.title,
        "section": p.section,
        "lines": [p.first_line, p.last_line],
        "text": p.text,
        "answer": hit.answer,
        "highlights": [[s, e] for s, e in hit.highlights],
        "also_in": list(hit.also_in),
        "context": p.context,
    }


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """One answer in the JSON contract: question, answered, searched, results, then optional extras."""
    obj: dict[str, Any] = {
        "question": answer.question,
        "answered": answer.answered,
        "searched": {
            "terms": list(answer.searched.terms),
            "expansions": list(answer.searched.expansions),
            "corrections": dict(answer.searched.corrections),
        },
        "results": [hit_to_dict(h) for h in answer.results],
    }
    if answer.suggestions:
        obj["suggestions"] = list(answer.suggestions)
    if answer.notice:
        obj["notice"] = answer.notice
    return obj


def error_to_dict(question: str, error: str) -> dict[str, Any]:
    """The record for a question that could not be asked (same shape as an answer, plus `error`)."""
    return {
        "question": question,
        "answered": False,
        "searched": {"terms": [], "expansions": [], "corrections": {}},
        "results": [],
        "error": error,
    }


def to_json(obj: Any, *, indent: int | None = None) -> str:
    """JSON text that is safe on a terminal: no raw control characters, C1 and line separators escaped."""
    text = json.dumps(obj, ensure_ascii=False, indent=indent, separators=None if indent else (", ", ": "))
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --- plain ----------------------------------------------------------------------------------------------------

_ITEM_RE = re.compile(r"^(?:[•*\-–·▪●◦]|\d{1,3}[.)])\s+")


def _wrap(text: str, width: int, indent: str) -> list[str]:
    # Each line of the document wraps on its own; list items hang under their bullet. Words are never split.
    out: list[str] = []
    for line in text.split("\n"):
        m = _ITEM_RE.match(line)
        hang = indent + " " * (len(m.group()) if m else 0)
        out.extend(
            textwrap.wrap(
                line,
                max(20, width),
                initial_indent=indent,
                subsequent_indent=hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [indent.rstrip()]
        )
    return out


def plain_answer(answer: Answer, width: int = DEFAULT_WIDTH, *, show_question: bool = False, footer: bool = True) -> str:
    """An answer as plain text: no escape codes, wrapped at `width` (at most READING_WIDTH) without breaking words."""
    width = min(width, READING_WIDTH)
    lines: list[str] = []
    if show_question:
        lines.append(f"Q: {one_line(answer.question)}")
    for extra in (notice_line(answer), searched_line(answer)):
        if extra:
            lines.extend(_wrap(extra, width, ""))
    if not answer.answered:
        lines.append(not_answered_line(answer))
        if answer.suggestions:
            lines.append("Questions the documents can answer:")
            lines.extend(f"  - {one_line(q)}" for q in answer.suggestions)
    for hit in answer.results:
        p = hit.passage
        lines.append("")
        lines.extend(_wrap(f"{hit.rank}. {one_line(p.title)}", width, ""))
        where = location(p) + (f" | {one_line(p.section)}" if p.section else "")
        lines.extend(_wrap(where, width, "   "))
        lines.append(f"   relevance {hit.relevance:.2f}")
        if p.context:
            lines.extend(_wrap(sanitize(p.context), width, "   "))
        lines.extend(_wrap(sanitize(p.text), width, "   "))
        if hit.answer.strip() and hit.answer.strip() != p.text.strip():
            lines.extend(_wrap("answer: " + one_line(hit.answer), width, "   "))
        if hit.also_in:
            lines.extend(_wrap("also in: " + ", ".join(one_line(s) for s in hit.also_in), width, "   "))
    if footer and answer.answered:
        lines.extend(["", DISCLAIMER])
    return "\n".join(lines) + "\n"


def plain_sources(docs: Sequence[Any]) -> str:
    """The documents as an aligned table: file, passages, title."""
    rows = [("file", "passages", "title")] + [(one_line(d.source), str(d.passages), one_line(d.title)) for d in docs]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    return "".join(f"{a:<{w0}}  {b:>{w1}}  {c}".rstrip() + "\n" for a, b, c in rows)


def plain_faq(questions: Sequence[str]) -> str:
    """The FAQ list, numbered from 1 (the numbers `/faq N` takes)."""
    return "".join(f"{i:>2}. {one_line(q)}\n" for i, q in enumerate(questions, start=1))


# --- Markdown -------------------------------------------------------------------------------------------------

_MD_SPECIAL_RE = re.compile(r"([\\`*\[\]<>|~&#]|(?<!\w)_|_(?!\w))")  # an underscore inside a word is literal already
_MD_LINE_START_RE = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))(?=\s|$)", re.M)


def _md_line_start(m: re.Match[str]) -> str:
    # "- x", "+ x" and "1. x" at the start of a line would become list items: escape the punctuation.
    return m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4))


def md_escape(text: str) -> str:
    """Text that Markdown shows literally (no emphasis, links, HTML or headings from the data)."""
    text = _MD_SPECIAL_RE.sub(r"\\\1", sanitize(text))
    return _MD_LINE_START_RE.sub(_md_line_start, text)


def _md_quote(text: str) -> str:
    return "\n".join("> " + line for line in text.split("\n"))


def _md_source(hit: Hit) -> str:
    p = hit.passage
    section = f", {md_escape(one_line(p.section))}" if p.section else ""
    return f"Source: *{md_escape(one_line(p.title))}*{section} ({md_escape(location(p))})"


def _md_passage(hit: Hit) -> str:
    # The answer sentence in bold inside the quoted passage; escaping happens piecewise so offsets stay right.
    text, spans = clean_with_spans(hit.passage.text, [hit.answer_span])
    s, e = spans[0]
    seg = text[s:e]
    if seg.strip() and "\n" not in seg:
        lead, trail = seg[: len(seg) - len(seg.lstrip())], seg[len(seg.rstrip()) :]
        body = md_escape(text[:s] + lead) + "**" + md_escape(seg.strip()) + "**" + md_escape(trail + text[e:])
    else:
        body = md_escape(text)
    if hit.passage.context:
        body = md_escape(hit.passage.context) + "\n" + body
    # The document's own line breaks (list items) are kept as hard breaks, not run together into one paragraph.
    return _md_quote("\\\n".join(line for line in body.split("\n") if line.strip()))


def markdown_answer(answer: Answer, *, heading: str = "##", best_only: bool = False) -> str:
    """An answer as Markdown: the question as a heading, each result quoted with its source."""
    out = [f"{heading} {md_escape(one_line(answer.question)) or '(empty question)'}", ""]
    if answer.notice:
        out += [f"*{md_escape(one_line(answer.notice))}*", ""]
    if not answer.answered:
        out += [md_escape(not_answered_line(answer)), ""]
        if answer.suggestions:
            out += ["Questions the documents can answer:", ""]
            out += [f"- {md_escape(one_line(q))}" for q in answer.suggestions] + [""]
    for hit in answer.results[:1] if best_only else answer.results:
        out += [_md_passage(hit), "", _md_source(hit), ""]
    return "\n".join(out)


def sheet_header(title: str = "Microneedling: questions and answers") -> str:
    """The start of a printable FAQ sheet (batch --format markdown)."""
    return f"# {md_escape(title)}\n\n"


def sheet_entry(answer: Answer) -> str:
    """One question of the FAQ sheet: a heading, its best answer and source."""
    return markdown_answer(answer, best_only=True) + "\n"


def sheet_error(question: str, error: str) -> str:
    """A line of the FAQ sheet that could not be asked."""
    return f"## {md_escape(one_line(question)) or '(empty question)'}\n\n*Not asked: {md_escape(one_line(error))}.*\n\n"


def sheet_footer() -> str:
    """The end of a printable FAQ sheet."""
    return f"---\n\n*{md_escape(DISCLAIMER)}*\n"


def markdown_faq(questions: Sequence[str]) -> str:
    """The FAQ list as a Markdown numbered list."""
    lines = ["# Common questions about microneedling", ""]
    lines += [f"{i}. {md_escape(one_line(q))}" for i, q in enumerate(questions, start=1)]
    return "\n".join(lines) + "\n"


# --- CSV ------------------------------------------------------------------------------------------------------

CSV_HEADER = ["question", "answered", "rank", "score", "source", "title", "section", "lines", "answer", "text", "error"]
_FORMULA_RE = re.compile(r"^(?:[=+@]|-(?=\S))")


def _cell(text: str) -> str:
    # Spreadsheets run cells starting with = + @ (and -x) as formulas; a leading quote keeps them text (OWASP).
    text = sanitize(text)
    return "'" + text if _FORMULA_RE.match(text) else text


def csv_line(row: Sequence[object]) -> str:
    """One CSV record (RFC 4180 quoting, \\r\\n line end)."""
    buf = io.StringIO()
    csv.writer(buf).writerow(row)
    return buf.getvalue()


def csv_rows(answer: Answer) -> list[list[object]]:
    """An answer as CSV rows: one per result, or one row with empty result columns when not answered."""
    q = _cell(one_line(answer.question))
    if not answer.results:
        return [[q, "false", "", "", "", "", "", "", "", "", ""]]
    rows: list[list[object]] = []
    for hit in answer.results:
        p = hit.passage
        rows.append(
            [q, "true", hit.rank, hit.score, _cell(p.source), _cell(one_line(p.title)), _cell(one_line(p.section or "")),
             f"{p.first_line}-{p.last_line}", _cell(one_line(hit.answer)), _cell(p.text), ""]
        )
    return rows


def csv_error_row(question: str, error: str) -> list[object]:
    """The CSV row for a line that could not be asked."""
    return [_cell(one_line(question)), "false", "", "", "", "", "", "", "", "", _cell(one_line(error))]


# --- rich -----------------------------------------------------------------------------------------------------

STYLE_ANSWER = "bold"
STYLE_MATCH = "underline bold cyan"
STYLE_QUIET = "dim"
STYLE_SOURCE = "green"


def rich_passage_text(passage: Passage, answer_span: tuple[int, int] | None, highlights: Sequence[tuple[int, int]]) -> Text:
    """Passage text as a rich Text: literal, the answer sentence bold, matched words underlined."""
    from rich.text import Text

    spans = ([answer_span] if answer_span else []) + list(highlights)
    clean, moved = clean_with_spans(passage.text, spans)
    text = Text(clean, overflow="fold")
    if answer_span:
        s, e = moved.pop(0)
        text.stylize(STYLE_ANSWER, s, e)
    for s, e in moved:
        text.stylize(STYLE_MATCH, s, e)
    return text


def rich_hit(hit: Hit) -> RenderableType:
    """One result as a panel: title, `file:first-last` and section, the passage, relevance and also-in."""
    from rich.console import Group
    from rich.constrain import Constrain
    from rich.panel import Panel
    from rich.text import Text

    p = hit.passage
    where = Text(location(p), style=STYLE_SOURCE, overflow="fold")
    if p.section:
        where.append(" · ")
        where.append(one_line(p.section), style="italic")
    parts: list[RenderableType] = [where]
    if p.context:
        parts.append(Text(sanitize(p.context), style=STYLE_QUIET, overflow="fold"))
    parts.append(rich_passage_text(p, hit.answer_span, hit.highlights))
    foot = Text(relevance_bar(hit.relevance), style="cyan")
    foot.append(f" {hit.relevance:.2f}", style=STYLE_QUIET)
    if hit.also_in:
        foot.append("  also in: ", style=STYLE_QUIET)
        foot.append(", ".join(one_line(s) for s in hit.also_in), style=STYLE_QUIET)
    parts.append(foot)
    title = Text(f"{hit.rank} ", style="bold")
    title.append(one_line(p.title), style="bold")
    return Constrain(Panel(Group(*parts), title=title, title_align="left", border_style="blue", padding=(0, 1)), READING_WIDTH)


def rich_answer(answer: Answer, *, footer: bool = True) -> RenderableType:
    """An answer for the terminal: the searched line, panels, and the quiet not-medical-advice line."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    if answer.notice:
        parts.append(Text(notice_line(answer) or "", style="yellow"))
    line = searched_line(answer)
    if line:
        parts.append(Text(line, style=STYLE_QUIET, overflow="fold"))
    if not answer.answered:
        parts.append(Text(not_answered_line(answer), style="bold yellow"))
        if answer.suggestions:
            parts.append(Text("Questions the documents can answer:"))
            for q in answer.suggestions:
                parts.append(Text("  • " + one_line(q), style="cyan", overflow="fold"))
    parts.extend(rich_hit(h) for h in answer.results)
    if footer and answer.answered:
        parts.append(Text(DISCLAIMER, style="dim italic"))
    return Group(*parts)


def rich_why(answer: Answer) -> RenderableType:
    """What was searched for the last answer: terms, expansions, corrections, and each result's score."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    s = answer.searched
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row(Text("question"), Text(one_line(answer.question)))
    facts.add_row(Text("terms"), Text(", ".join(one_line(t) for t in s.terms) or "-"))
    facts.add_row(Text("expansions"), Text(", ".join(one_line(e) for e in s.expansions) or "-"))
    facts.add_row(Text("corrections"), Text(", ".join(f"{one_line(a)} -> {one_line(b)}" for a, b in s.corrections.items()) or "-"))
    facts.add_row(Text("not found"), Text(", ".join(one_line(w) for w in s.ignored) or "-"))
    facts.add_row(Text("answered"), Text(f"{'yes' if answer.answered else 'no'} (confidence {answer.confidence:.2f})"))
    if not answer.results:
        return facts
    scores = Table(box=None, padding=(0, 1), show_edge=False)
    scores.add_column("#", justify="right")
    scores.add_column("score", justify="right")
    scores.add_column("relevance", justify="right")
    scores.add_column("source", overflow="fold")
    for h in answer.results:
        scores.add_row(str(h.rank), f"{h.score:.3f}", f"{h.relevance:.2f}", Text(location(h.passage)))
    return Group(facts, Text(""), scores)


def rich_open(hit: Hit, section: Sequence[Passage]) -> RenderableType:
    """Result `hit` in full, inside the passages of its section, the result's own passage emphasised."""
    from rich.console import Group
    from rich.constrain import Constrain
    from rich.panel import Panel
    from rich.text import Text

    p = hit.passage
    passages = list(section) or [p]
    first, last = min(x.first_line for x in passages), max(x.last_line for x in passages)
    head = Text(f"{one_line(p.source)}:{first}-{last}", style=STYLE_SOURCE, overflow="fold")
    if p.section:
        head.append(" · ")
        head.append(one_line(p.section), style="italic")
    parts: list[RenderableType] = [head]
    for x in passages:
        if x.pid == p.pid:
            parts.append(rich_passage_text(x, hit.answer_span, hit.highlights))
        else:
            parts.append(Text(sanitize(x.text), style=STYLE_QUIET, overflow="fold"))
    title = Text(one_line(p.title), style="bold")
    return Constrain(Panel(Group(*parts), title=title, title_align="left", border_style="blue", padding=(0, 1)), READING_WIDTH)


def rich_sources(docs: Sequence[Any]) -> RenderableType:
    """The documents as a table: title, file and passage count."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("title", overflow="fold", ratio=3)
    table.add_column("file", style=STYLE_SOURCE, overflow="fold", ratio=2)
    table.add_column("passages", justify="right", no_wrap=True)
    for d in docs:
        table.add_row(Text(one_line(d.title)), Text(one_line(d.source)), str(d.passages))
    return table


def rich_faq(questions: Sequence[str]) -> RenderableType:
    """The FAQ list, numbered for `/faq N`."""
    from rich.text import Text

    text = Text(overflow="fold")
    for i, q in enumerate(questions, start=1):
        text.append(f"{i:>2}. ", style="bold")
        text.append(one_line(q) + ("\n" if i < len(questions) else ""))
    return text


# --- evaluation -----------------------------------------------------------------------------------------------

EVAL_COLUMNS = ("questions", "success@1", "success@3", "mrr@5", "answer_sentence", "abstention", "false_abstention")


def eval_table(rows: Sequence[tuple[str, dict[str, float | int]]]) -> str:
    """Evaluation figures as an aligned plain table, one row per question set."""
    header = ("set",) + EVAL_COLUMNS
    body = [(one_line(name),) + tuple(f"{fig[c]:.3f}" if isinstance(fig[c], float) else str(fig[c]) for c in EVAL_COLUMNS) for name, fig in rows]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    return "".join(
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))) + "\n"
        for r in [header, *body]
    )


# --- progress -------------------------------------------------------------------------------------------------


class StderrProgress:
    """A transient progress bar on stderr (a terminal only); created on first use, so a cached index shows none."""

    def __init__(self, env: Environment, label: str, *, percent: bool = False) -> None:
        self.env = env
        self.label = label
        self.percent = percent  # the engine reports its build as done-of-100; a batch counts questions
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int | None) -> None:
        """Report `done` of `total` (total None: unknown, e.g. questions still arriving on stdin)."""
        if self._progress is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn

            opts = OutputOptions("rich", True, not self.env.no_color, self.env.width or DEFAULT_WIDTH)
            console = make_console(self.env, opts, stderr=True)
            count = TaskProgressColumn() if self.percent else MofNCompleteColumn()
            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), count,
                                      console=console, transient=True, redirect_stdout=False, redirect_stderr=False)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=total)
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        """Remove the bar from the screen."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
