"""Allow `python -m mnqa`."""

from mnqa.cli import entry

entry()
