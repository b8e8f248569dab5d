#!/usr/bin/env bash
# Set up .venv and tell two example dialogs; the pictures land in out/demo-shapes and out/demo-park.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/scenewright draw --world shapes --out out/demo-shapes \
  "add a yellow sphere on the right" "add a big gray cube to the left of the sphere" \
  "put a red cylinder behind the cube" "make the cube small" "no, I meant tiny" \
  "move the sphere to the middle" "add two blue cubes in front"
.venv/bin/scenewright draw --world park --out out/demo-park \
  "it was a sunny day in the park" "a girl is standing on the right" "she is happy" \
  "a bear is on the left" "put a hot dog next to the girl" "no, a hamburger" \
  "add a tree and put an owl in it" "a boy holding a kite in the middle" "he looks angry" \
  "make the bear face the other way"
echo "open out/demo-shapes/contact_sheet.png and out/demo-park/contact_sheet.png (or dialog.gif)"
