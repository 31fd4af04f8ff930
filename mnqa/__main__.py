"""Allow `python -m mnqa`."""

import sys

if __name__ == "__main__":
    try:
        from mnqa.cli import entry
    except KeyboardInterrupt:  # Ctrl-C before main() could take over: no traceback
        sys.exit(130)
    entry()
