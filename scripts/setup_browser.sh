#!/usr/bin/env bash
# Install what the web app's browser test needs: Debian's chromium (never Playwright's own browser
# download) and the playwright Python package. Safe to run again; CI calls it before the tests.
#   scripts/setup_browser.sh [PYTHON]      (default: .venv/bin/python, else python3)
set -euo pipefail

PY="${1:-}"
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
      echo "setup_browser: /usr/bin/chromium is missing and we are not root; install it with: apt-get install chromium" >&2
      exit 1
    fi
  fi
  echo "setup_browser: installing chromium with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null | head -n1 || true

if ! "$PY" -c "import playwright" >/dev/null 2>&1; then
  echo "setup_browser: installing the playwright package (not its browsers)" >&2
  "$PY" -m pip install -q "playwright>=1.44"
fi
"$PY" -c "import playwright; print('playwright', getattr(playwright, '__version__', 'ok'))"
