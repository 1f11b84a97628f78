#!/usr/bin/env bash
# Set-up shared by the browser checks (see README.md beside this file).
#
#   Tests/BrowserCheck/setup.sh VENV
#
# Installs Debian's chromium and poppler-utils with apt-get if they are
# missing, creates or reuses the Python virtual environment VENV and installs
# requirements.txt into it. Never downloads a browser through Playwright.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$1"

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
