# Sourced by scripts/mnqa and scripts/test: make sure .venv exists and is up to date.
# The stamp holds a hash of pyproject.toml, so a changed dependency list reinstalls.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.mnqa-installed"
want="$(cat "$root/pyproject.toml" | sha256sum | cut -c1-16)-$1"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "mnqa: setting up $venv (first run only) ..." >&2
    py="${PYTHON:-python3}"
    "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "mnqa: needs Python 3.11 or newer ($py is $("$py" --version 2>&1))" >&2; exit 2; }
    [ -x "$venv/bin/python" ] || "$py" -m venv "$venv" || exit 2
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$root$2" >&2 || {
        echo "mnqa: installing dependencies failed (see above)" >&2; exit 2; }
    echo "$want" > "$stamp"
fi
