#!/bin/sh
# Brings in what the README's commands need on a fresh machine: the pinned pnpm, then the locked dependencies.
# Shared by `npm test`, `npm run demo`, `npm run bench` and .ci/run.
set -e
want=$(node -p "require('./package.json').packageManager.split('@')[1]")
have=$(pnpm --version 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  echo "tokenchain: installing pnpm@$want (found: ${have:-none})" >&2
  npm install --global --no-fund --no-audit "pnpm@$want" >&2
fi
pnpm install --frozen-lockfile --reporter=append-only >&2
