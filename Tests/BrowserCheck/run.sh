#!/usr/bin/env bash
# Browser check of the HTML reports (see README.md beside this file).
#
#   Tests/BrowserCheck/run.sh [VENV] REPORT.html ... [--screenshots DIR]
#   Tests/BrowserCheck/run.sh [VENV] --self-test
#
# VENV is the Python virtual environment to create or reuse (default:
# .ci-venv at the repository root). Everything after it goes to
# check_reports.py. setup.sh installs Debian's chromium and poppler-utils if
# they are missing; no browser is ever downloaded through Playwright.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

venv="$repo/.ci-venv"
if [[ $# -gt 0 && "$1" != -* && "$1" != *.html ]]; then
    venv="$1"
    shift
fi

"$here/setup.sh" "$venv"

exec "$venv/bin/python" "$here/check_reports.py" "$@"
