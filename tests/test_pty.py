"""End to end in a real pseudo-terminal: start `python -m mnqa`, type a question, read the answer off the screen."""

from __future__ import annotations

import os
import re
import select
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pty = pytest.importorskip("pty")  # POSIX only


def _spawn(args: list[str], env: dict[str, str], columns: int = 100) -> tuple[int, int]:
    import fcntl
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes mnqa on the terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "mnqa", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
    return pid, fd


def _read_until(fd: int, pattern: str, seen: list[str], timeout: float = 30.0) -> str:
    """Read the terminal until `pattern` shows up in the text with escape codes removed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[\]P].*?(?:\x07|\x1b\\)|\x1b.", "", "".join(seen))
        if re.search(pattern, screen):
            return screen
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen.append(os.read(fd, 65536).decode("utf-8", "replace"))
            except OSError:  # the child closed the terminal
                break
    raise AssertionError(f"{pattern!r} never appeared on the terminal; it showed:\n" + "".join(seen)[-3000:])


def _exit_code(pid: int, fd: int, seen: list[str], timeout: float = 20.0) -> int | None:
    """Wait for the child to exit, reading its output meanwhile so it never blocks on a full terminal."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen.append(os.read(fd, 65536).decode("utf-8", "replace"))
            except OSError:
                pass
    return None


def test_typing_does_it_hurt_at_the_prompt_shows_the_numbing_passage_and_its_source(private_xdg: dict[str, str]) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # the test does not answer cursor-position requests
        "PYTHONPATH": str(ROOT),
        **private_xdg,
    }
    pid, fd = _spawn([], env)
    seen: list[str] = []
    try:
        _read_until(fd, r"documents about microneedling", seen)
        _read_until(fd, r"mnqa>", seen)
        os.write(fd, b"does it hurt\r")
        screen = _read_until(fd, r"002_9ba9ac79c30aa19c\.txt:\d+-\d+[\s\S]*numbing[\s\S]*not medical advice", seen)
        assert "Traceback" not in screen
        _read_until(fd, r"not medical advice[\s\S]*mnqa>", seen)  # the prompt is back
        os.write(fd, b"\x04")  # Ctrl-D leaves
        assert _exit_code(pid, fd, seen) == 0
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
