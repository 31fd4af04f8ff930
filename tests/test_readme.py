"""The README's examples are run, so they cannot drift from what mnqa does.

Every `$ ` line in a ```console block must be an `mnqa`/`./scripts/mnqa` command (run through main() from the
repository root, against the real corpus) or `echo $?`. The lines shown under a command must appear in its output
(stdout, then stderr) in that order; `...` stands for lines left out.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from conftest import make_env

from mnqa.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", README, flags=re.S | re.M)


def _examples() -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for every `$ ` line of every console block."""
    examples: list[tuple[str, list[str]]] = []
    for block in _blocks("console"):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            else:
                examples[-1][1].append(line)
    return examples


def _run(command: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    words = shlex.split(command)
    environ: dict[str, str] = {}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        environ[name] = value
    assert words[0] in ("mnqa", "./scripts/mnqa"), f"README console example is not an mnqa command: {command}"
    args = words[1:]
    if ">" in args:  # the example saves stdout to a file; the test keeps it in memory instead
        args = args[: args.index(">")]
    monkeypatch.chdir(ROOT)
    env = make_env(environ=environ)
    code = main(args, env)
    return code, env.stdout.getvalue() + env.stderr.getvalue()  # type: ignore[attr-defined]


def _assert_shown(shown: list[str], output: str, command: str) -> None:
    lines = [line.rstrip() for line in output.splitlines()]
    at = 0
    for want in (w.rstrip() for w in shown):
        if want == "...":
            continue
        try:
            at = lines.index(want, at) + 1
        except ValueError:
            raise AssertionError(f"README shows {want!r} for `{command}`, but the output is:\n{output}") from None


def test_the_readme_has_console_examples_for_ask_batch_faq_sources_and_eval() -> None:
    commands = " ".join(c for c, _ in _examples())
    for word in ("ask", "batch", "faq", "sources", "eval", "--corpus", "MNQA_CORPUS", "--format json"):
        assert word in commands


def test_every_console_example_runs_and_shows_what_the_readme_says(monkeypatch: pytest.MonkeyPatch) -> None:
    last_code = None
    for command, shown in _examples():
        if command == "echo $?":
            assert shown == [str(last_code)], f"README says the exit code is {shown}, it is {last_code}"
            continue
        last_code, output = _run(command, monkeypatch)
        assert last_code in (0, 1), f"`{command}` exited {last_code}:\n{output}"
        _assert_shown(shown, output, command)


def test_the_readme_json_example_has_the_real_keys_in_the_real_order(monkeypatch: pytest.MonkeyPatch) -> None:
    [example] = [json.loads(b) for b in _blocks("json")]
    code, output = _run('mnqa ask "does it hurt" --format json', monkeypatch)
    real = json.loads(output)
    assert list(example) == list(real)
    assert list(example["searched"]) == list(real["searched"])
    assert list(example["results"][0]) == list(real["results"][0])
    assert example["results"][0]["source"] == real["results"][0]["source"]


def test_the_session_capture_shows_the_numbing_passage_with_its_source() -> None:
    [capture] = [b for b in _blocks("text") if "mnqa> " in b]
    assert "mnqa> does it hurt" in capture and "mnqa> /why" in capture
    assert "corpus/002_9ba9ac79c30aa19c.txt:26-26" in capture and "numbing cream" in capture
    assert all(len(line) <= 80 for line in capture.splitlines())


def test_the_readme_lists_every_prompt_command() -> None:
    from mnqa.repl import COMMANDS

    for name in COMMANDS:
        assert f"`/{name}" in README
