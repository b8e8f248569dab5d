#!/usr/bin/env bash
# Create or reuse .venv at the repo root and install scenewright with everything the tests use.
# torch is pinned first: a bare "torch" requirement would pull a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -c 'import sys; assert sys.version_info >= (3, 11), "scenewright needs Python >= 3.11"'
  "$PY" -m venv .venv
fi
stamp=.venv/.scenewright-installed
want=$(cat pyproject.toml scripts/setup.sh | sha1sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -m pip install -q "torch==2.13.0" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -m pip install -q -e ".[ml,web,test]" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import scenewright, torch, fastapi" 
  echo "$want" > "$stamp"
fi
