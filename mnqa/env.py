"""The outside world as the CLI sees it: streams, whether they are terminals, width, environment and XDG dirs.

Commands take an Environment instead of touching sys.* so tests can run them with StringIO streams.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Mapping


class OutputError(OSError):
    """Writing to stdout failed for a reason other than a closed pipe (disk full, closed descriptor, I/O error)."""


class _Output:
    """stdout as the commands see it: a write that fails (other than a closed pipe) raises OutputError.

    A closed pipe stays BrokenPipeError (a quiet exit 141); anything else becomes one error line instead of a
    traceback. Everything else (isatty, fileno, encoding) is the real stream's.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Diagnostics:
    """stderr as the commands see it: a message that cannot be written is dropped (there is nowhere to say so)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _ClosedOutput(io.TextIOBase):
    """Stands in for a stdout that was closed before mnqa started (`mnqa ... >&-`): every write fails clearly."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


def _closed_input() -> IO[str]:
    # A stdin closed before mnqa started (`mnqa batch - <&-`) reads as empty input.
    return io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _xdg(environ: Mapping[str, str], name: str, default: str) -> Path:
    # The XDG spec says relative values are invalid and must be ignored.
    value = environ.get(name, "")
    base = Path(value) if value and os.path.isabs(value) else Path(environ.get("HOME") or Path.home()) / default
    return base / "mnqa"


@dataclass
class Environment:
    """Streams, terminal facts and environment variables for one run of mnqa."""

    stdin: IO[str]
    stdout: IO[str]
    stderr: IO[str]
    stdin_isatty: bool = False
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    width: int | None = None  # terminal columns, when known (COLUMNS wins, as in most tools)
    environ: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_os(cls) -> Environment:
        """The environment of the running process (a stream closed before start is replaced by a safe stand-in)."""
        environ = dict(os.environ)
        stdout_isatty = _isatty(sys.stdout)
        stdout = sys.stdout if sys.stdout is not None else _ClosedOutput()
        stderr = sys.stderr if sys.stderr is not None else open(os.devnull, "w", encoding="utf-8")
        return cls(
            stdin=sys.stdin if sys.stdin is not None else _closed_input(),
            stdout=_Output(stdout),  # type: ignore[arg-type]
            stderr=_Diagnostics(stderr),  # type: ignore[arg-type]
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=stdout_isatty,
            stderr_isatty=_isatty(sys.stderr),
            width=_terminal_width(environ, sys.stdout if stdout_isatty else None),
            environ=environ,
        )

    @property
    def no_color(self) -> bool:
        """Whether NO_COLOR asks for no colour (set and non-empty, per no-color.org)."""
        return bool(self.environ.get("NO_COLOR"))

    @property
    def cache_dir(self) -> Path:
        """Where the index cache lives: $XDG_CACHE_HOME/mnqa (default ~/.cache/mnqa)."""
        return _xdg(self.environ, "XDG_CACHE_HOME", ".cache")

    @property
    def data_dir(self) -> Path:
        """Where the prompt history lives: $XDG_DATA_HOME/mnqa (default ~/.local/share/mnqa)."""
        return _xdg(self.environ, "XDG_DATA_HOME", ".local/share")

    @property
    def config_dir(self) -> Path:
        """Reserved for settings: $XDG_CONFIG_HOME/mnqa (default ~/.config/mnqa)."""
        return _xdg(self.environ, "XDG_CONFIG_HOME", ".config")

    def stdin_bytes(self) -> IO[bytes] | None:
        """The binary stream under stdin, when there is one (batch decodes line by line itself)."""
        return getattr(self.stdin, "buffer", None)


def _terminal_width(environ: Mapping[str, str], stream: IO[str] | None) -> int | None:
    try:
        columns = int(environ.get("COLUMNS", ""))
        if columns > 0:
            return columns
    except ValueError:
        pass
    if stream is None:
        return None
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, ValueError, OSError):
        return None
