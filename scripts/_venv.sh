# Sourced by scripts/mnqa and scripts/test: make sure .venv exists and is up to date.
# The stamp records a hash of pyproject.toml and which extras were installed: a changed dependency list
# reinstalls, and a venv set up for the tests (a superset) also serves ./scripts/mnqa.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.mnqa-installed"
hash="$(sha256sum < "$root/pyproject.toml" | cut -c1-16)"
have="$(cat "$stamp" 2>/dev/null)"
mode="$1"   # "run" or "test"
case "$have" in
    "$hash test") ok=1 ;;                                  # the test install serves both
    "$hash run") [ "$mode" = run ] && ok=1 || ok= ;;
    *) ok= ;;
esac
if [ ! -x "$venv/bin/python" ] || [ -z "$ok" ]; then
    echo "mnqa: setting up $venv (first run only) ..." >&2
    py="${PYTHON:-python3}"
    "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || {
        echo "mnqa: needs Python 3.11 or newer ($py is $("$py" --version 2>&1))" >&2; exit 2; }
    [ -x "$venv/bin/python" ] || "$py" -m venv "$venv" || exit 2
    extras=""
    [ "$mode" = test ] && extras="[test]"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$root$extras" >&2 || {
        echo "mnqa: installing dependencies failed (see above)" >&2; exit 2; }
    echo "$hash $mode" > "$stamp"
fi
