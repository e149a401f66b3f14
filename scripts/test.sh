#!/usr/bin/env bash
# `npm test`: typecheck, lint, build, then unit, integration and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
bash scripts/ensure-system-deps.sh
echo "== typecheck"; bash scripts/typecheck.sh
echo "== lint"; npx biome check --error-on-warnings .
echo "== build"; npm run --silent build
echo "== tests"; npx vitest run
