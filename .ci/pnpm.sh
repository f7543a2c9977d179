#!/bin/sh
# Runs the pinned pnpm from .tools/ (installed there by bootstrap.sh) with the arguments given: `sh .ci/pnpm.sh run verify`.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
sh "$root/.ci/bootstrap.sh"
PATH="$root/.tools/node_modules/.bin:$PATH"
export PATH
cd "$root"
exec pnpm "$@"
