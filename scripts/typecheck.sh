#!/usr/bin/env bash
# One tsconfig per layer: src-shared sees neither DOM nor Node, src-renderer only the DOM, src-main only Node.
set -euo pipefail
cd "$(dirname "$0")/.."
for p in src-shared src-main src-renderer tsconfig.tools.json; do
  npx tsc -p "$p"
done
echo "typecheck ok"
