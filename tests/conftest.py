"""Shared fixtures: private XDG dirs for every test, a small made-up corpus, and a way to run `main` in memory."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from mnqa.engine import Engine
from mnqa.env import Environment

ROOT = Path(__file__).resolve().parent.parent

SMALL_DOCS = {
    "numbing.txt": (
        "Does microneedling hurt?\n\n"
        "Most people feel only mild discomfort during microneedling. A numbing cream is applied 30 minutes before "
        "the treatment so the skin is numb.\n\n"
        "Aftercare\n\n"
        "Avoid direct sun for a week after treatment. Use a gentle cleanser and a plain moisturiser.\n"
    ),
    "sessions.md": (
        "# How many sessions are needed\n\n"
        "Most people need three to six sessions of microneedling, spaced four weeks apart.\n\n"
        "# When results show\n\n"
        "Results appear gradually over several weeks as new collagen builds in the skin.\n"
    ),
    "avoid.txt": (
        "Who should avoid microneedling\n\n"
        "People with these conditions should not have microneedling:\n"
        "• active acne on the face\n"
        "• eczema or psoriasis on the treatment area\n"
        "• a history of keloid scars\n"
    ),
}
SMALL_META = """\
[titles]
"numbing.txt" = "Comfort and aftercare"
"sessions.md" = "Sessions and results"
"avoid.txt" = "Who should not have it"

[faq]
questions = [
    "Does microneedling hurt?",
    "How many sessions are needed?",
    "Who should avoid microneedling?",
]
"""


@pytest.fixture(autouse=True)
def private_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point the XDG dirs at tmp_path so no test reads or writes the user's cache, history or config."""
    dirs = {name: str(tmp_path / name.lower()) for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    for name, value in dirs.items():
        monkeypatch.setenv(name, value)
    for name in ("MNQA_CORPUS", "NO_COLOR", "COLUMNS", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return dirs


def write_corpus(folder: Path, docs: dict[str, str], meta: str | None = SMALL_META) -> Path:
    """Write documents (and mnqa.toml) into `folder`; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    if meta is not None:
        (folder / "mnqa.toml").write_text(meta, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder named `corpus` with three short made-up documents and their mnqa.toml."""
    return write_corpus(tmp_path_factory.mktemp("small") / "corpus", SMALL_DOCS)


@pytest.fixture(scope="session")
def small_engine(small_corpus: Path) -> Engine:
    """The engine over the small corpus, built once."""
    return Engine.from_corpus(small_corpus)


@pytest.fixture(scope="session")
def real_engine() -> Engine:
    """The engine over the repository's corpus, built once."""
    return Engine.from_corpus(ROOT / "corpus")


def make_env(
    stdin: bytes | str = b"",
    *,
    stdin_isatty: bool = False,
    stdout_isatty: bool = False,
    stderr_isatty: bool = False,
    width: int | None = 80,
    environ: dict[str, str] | None = None,
) -> Environment:
    """An Environment over in-memory streams; stdin has a .buffer like the real one."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    base = {k: os.environ[k] for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME") if k in os.environ}
    return Environment(
        stdin=io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdin_isatty=stdin_isatty,
        stdout_isatty=stdout_isatty,
        stderr_isatty=stderr_isatty,
        width=width,
        environ={**base, **(environ or {})},
    )


@dataclass
class Result:
    """What a run of `main` produced."""

    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run(small_corpus: Path) -> Run:
    """Run `main(argv, env)` against the small corpus (unless --corpus is given) and capture everything."""
    from mnqa.cli import main

    def _run(*argv: str, stdin: bytes | str = b"", **env_kwargs: object) -> Result:
        env = env_kwargs.pop("env", None) or make_env(stdin, **env_kwargs)  # type: ignore[arg-type]
        args = list(argv) if "--corpus" in argv else ["--corpus", str(small_corpus), *argv]
        code = main(args, env)
        return Result(code, env.stdout.getvalue(), env.stderr.getvalue())  # type: ignore[attr-defined]

    return _run
