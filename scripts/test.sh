#!/usr/bin/env bash
# Set up .venv and run the whole test suite (the browser test installs Debian's chromium when it can).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -f scripts/setup_browser.sh ]; then bash scripts/setup_browser.sh || echo "(no chromium: the browser test will skip)"; fi
exec .venv/bin/python -m pytest -q "$@"
