#!/bin/sh
# The README's test command, after bootstrap: builds once, runs every package's tests on Node 20 (the machine's), then again
# on Node 22 and 24 (Lambda's current runtimes, from the npm registry into .tools/), then lints. Exits non-zero if anything
# failed, after running everything.
export TURBO_TELEMETRY_DISABLED=1
status=0
# Node 22 and 24 first: the field tests use them too, and one install each is enough.
for major in 22 24; do sh .ci/node.sh "$major" >/dev/null || status=1; done
# The docs' browser test opens every page of the site in Debian's Chromium (installed with apt when missing).
sh .ci/chromium.sh || status=1
turbo run build --continue --output-logs=errors-only || status=1
echo "tokenchain: tests on Node $(node --version)"
turbo run test --continue --concurrency=1 --output-logs=full --log-order=grouped || status=1
skip_field=""
[ -f test/field/package.json ] && skip_field="--filter=!@tokenchain/field"
for major in 22 24; do
  bin=$(sh .ci/node.sh "$major") || { status=1; continue; }
  echo "tokenchain: tests on Node $("$bin/node" --version)"
  # The field tests run every Node version themselves; the rest runs again under this one.
  PATH="$bin:$PATH" turbo run test --continue --concurrency=1 --output-logs=full --log-order=grouped $skip_field || status=1
done
biome ci --colors=off . || status=1
exit $status
