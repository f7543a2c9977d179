// A fault-matrix cell that needs a file its reader may not open. Root reads any file, so the suite runs this as an
// unprivileged user when it is root. `node filePermissions.js <denied|unreadable-mid-run|momento-unreadable-mid-run>`
// prints one JSON line with what happened.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheGet } from '@gomomento/sdk';
import { cached, TokenSourceError } from '@tokenchain/core';
import { startMomentoFake } from '@tokenchain/fakes/momento';
import { fromFile } from '@tokenchain/file';
import { createCacheClient } from '@tokenchain/momento';
import { canary, startCapture } from '../support/canary.js';
import { momentoConfiguration } from '../support/world.js';

const TTL_MS = 60_000;
const mode = process.argv[2];
const dir = mkdtempSync(join(tmpdir(), 'tokenchain-permissions-'));
const path = join(dir, 'api-key');
const capture = startCapture();
const result: Record<string, unknown> = { uid: process.getuid?.() };
let clock = Date.now();
const now = () => clock;

try {
  if (mode === 'denied') {
    writeFileSync(path, canary.v2(), { mode: 0o000 });
    const source = fromFile({ path, observer: capture.observer });
    const err = await source.getToken().then(
      () => undefined,
      (e: unknown) => e,
    );
    capture.record(err);
    result.code = TokenSourceError.is(err) ? err.code : String(err);
    result.namesSource = TokenSourceError.is(err) && err.source === source.name;
  } else if (mode === 'unreadable-mid-run') {
    const key = canary.v2();
    writeFileSync(path, key, { mode: 0o600 });
    const bare = fromFile({ path, observer: capture.observer });
    const source = cached(bare, { now, ttlMs: TTL_MS, ...capture.observer });
    const first = await source.getToken();
    chmodSync(path, 0o000);
    clock += TTL_MS + 1;
    const second = await source.getToken();
    result.sameKey = second.secret.equals(first.secret);
    result.staleServed = capture.events.some((e) => e.type === 'stale-served');
    const err = await bare.getToken().then(
      () => undefined,
      (e: unknown) => e,
    );
    capture.record(err);
    result.bareCode = TokenSourceError.is(err) ? err.code : String(err);
    source.close();
  } else if (mode === 'momento-unreadable-mid-run') {
    const fake = await startMomentoFake();
    const key = canary.v1(fake.endpoint);
    fake.allowKey(key);
    writeFileSync(path, key, { mode: 0o600 });
    const client = createCacheClient({
      source: fromFile({ path, observer: capture.observer }),
      configuration: momentoConfiguration(),
      defaultTtlSeconds: 60,
      endpointOverrides: fake.endpointOverrides(),
      observer: capture.observer,
      cache: { now, ttlMs: TTL_MS },
    });
    const before = await client.get('cache', 'k');
    chmodSync(path, 0o000);
    clock += TTL_MS + 1;
    const after = await client.get('cache', 'k');
    capture.record(before);
    capture.record(after);
    result.worked = [before, after].every((r) => r instanceof CacheGet.Miss || r instanceof CacheGet.Hit);
    result.staleServed = capture.events.some((e) => e.type === 'stale-served');
    client.close();
    await fake.close();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  try {
    capture.expectNoCanary();
    result.leaked = false;
  } catch {
    result.leaked = true;
  }
} finally {
  capture.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
