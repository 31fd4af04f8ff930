"""The outside world as the CLI sees it: streams, whether they are terminals, width, environment and XDG dirs.

Commands take an Environment instead of touching sys.* so tests can run them with StringIO streams.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Mapping


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
        """The environment of the running process."""
        environ = dict(os.environ)
        stdout_isatty = _isatty(sys.stdout)
        return cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
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
