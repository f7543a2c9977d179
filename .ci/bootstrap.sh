#!/bin/sh
# Brings in what the README's commands need on a fresh machine, without touching anything global: the pinned pnpm goes
# into .tools/ inside the checkout (never `npm i -g`), then the locked dependencies. Prints the directory to put on PATH.
# Shared by `npm test`, `npm run demo`, `npm run bench` and .ci/run (through .ci/pnpm.sh).
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
want=$(node -p "require('$root/package.json').packageManager.split('@')[1]")
tools="$root/.tools"
have=$("$tools/node_modules/.bin/pnpm" --version 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  echo "tokenchain: installing pnpm@$want into .tools/ (nothing global changes)" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-package-lock --no-fund --no-audit --loglevel=error "pnpm@$want" >&2
fi
PATH="$tools/node_modules/.bin:$PATH"
export PATH
cd "$root"
pnpm install --frozen-lockfile --reporter=append-only >&2
