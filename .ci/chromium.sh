#!/bin/sh
# Makes sure Debian's headless-capable Chromium is at /usr/bin/chromium, for the docs site's browser test
# (docs/browser/site.test.ts, driven by playwright-core, which downloads no browser of its own). Installs it with apt only when
# it is missing, so a second call costs nothing. Needs root, as CI and the developers' machines have.
set -e
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "tokenchain: installing chromium (Debian package) for the docs browser test" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium >&2
