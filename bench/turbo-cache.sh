#!/usr/bin/env bash
# Cold vs cached build of the whole workspace, measured in the same run. Prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1
t() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
cold=$(t sh scripts/pnpm.sh turbo run build --force)
cached=$(t sh scripts/pnpm.sh turbo run build)
echo "turbo build: cold ${cold} ms, cached ${cached} ms, cached/cold = $(awk "BEGIN { printf \"%.3f\", $cached / $cold }")"
