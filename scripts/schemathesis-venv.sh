#!/usr/bin/env bash
# Makes (once) a Python virtual environment with schemathesis, pinned, for the service's OpenAPI
# conformance test, and prints the path of its `st` command. Idempotent: a second run only prints.
#   bash scripts/schemathesis-venv.sh [DIR]     (default .build/schemathesis)
set -euo pipefail
version=4.32.5
dir=${1:-.build/schemathesis}
if [ -x "$dir/bin/st" ] && [ "$("$dir/bin/st" --version 2>/dev/null)" = "st, version $version" ]; then
  echo "$(cd "$dir" && pwd)/bin/st"
  exit 0
fi
rm -rf "$dir"
# Debian's Python (python3-venv), not whatever python3 comes first on the PATH.
/usr/bin/python3 -m venv "$dir" >&2
"$dir/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version" >&2
echo "$(cd "$dir" && pwd)/bin/st"
