#!/usr/bin/env bash
# Browser check of the HTML reports (see README.md beside this file).
#
#   Tests/BrowserCheck/run.sh [VENV] REPORT.html ... [--screenshots DIR]
#   Tests/BrowserCheck/run.sh [VENV] --self-test
#
# VENV is the Python virtual environment to create or reuse (default:
# .ci-venv at the repository root). Everything after it goes to
# check_reports.py. Installs Debian's chromium and poppler-utils if they
# are missing; never downloads a browser through Playwright.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

venv="$repo/.ci-venv"
if [[ $# -gt 0 && "$1" != -* && "$1" != *.html ]]; then
    venv="$1"
    shift
fi

missing=()
for package in chromium poppler-utils; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "Installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$here/requirements.txt"

exec "$venv/bin/python" "$here/check_reports.py" "$@"
