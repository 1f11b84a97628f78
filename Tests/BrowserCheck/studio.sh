#!/usr/bin/env bash
# The civic-studio journey in Chromium (see README.md beside this file).
#
#   Tests/BrowserCheck/studio.sh [VENV] [--binary PATH] [--screenshots DIR]
#
# VENV is the Python virtual environment to create or reuse (default:
# .ci-venv at the repository root); setup.sh installs Debian's chromium and
# the pinned Python packages. Everything after it goes to studio_journey.py;
# without --binary it runs .build/debug/civic-studio.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

venv="$repo/.ci-venv"
if [[ $# -gt 0 && "$1" != -* ]]; then
    venv="$1"
    shift
fi

"$here/setup.sh" "$venv"

exec "$venv/bin/python" "$here/studio_journey.py" "$@"
