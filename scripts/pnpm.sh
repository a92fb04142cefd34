#!/bin/sh
# Runs the pinned pnpm: the global one when it is the right version, else through npx (npm is all a
# fresh machine needs). Corepack does not work against this registry, so it is not used.
want=$(sed -n 's/.*"packageManager": "pnpm@\([^"]*\)".*/\1/p' "$(dirname "$0")/../package.json")
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$want" ]; then
  exec pnpm "$@"
fi
exec npx --yes "pnpm@$want" "$@"
