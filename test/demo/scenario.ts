import { CacheGet, DisposableTokenScopes } from '@gomomento/sdk';
import { type CachedTokenSource, cached, type TokenEvent, TokenSourceError } from '@tokenchain/core';
import { createCacheClient, describeKey, fromDisposableToken, momentoKey } from '@tokenchain/momento';
import type { DemoWorld } from './world.js';

const BURST = 20;
/** A cache the disposable token's scope leaves out. */
const OUTSIDE_SCOPE = 'another-cache';

/**
 * The guide's scenario, step by step: resolve the key, set code=12345, read it back, rotate the key, carry on. Prints what
 * happens, with fingerprints only. Returns whether every call succeeded.
 */
export async function runScenario(world: DemoWorld, print: (line: string) => void): Promise<boolean> {
  print(`tokenchain demo: ${world.title}`);
  for (const line of world.details) print(`  ${line}`);
  print('');

  const onEvent = (event: TokenEvent) => {
    const line = describe(event);
    if (line) print(`      ${line}`);
  };
  // The demo holds the key cache itself, so it can ask for a refresh after a rotation that leaves the old key valid.
  const key = cached(momentoKey(world.source({ onEvent })), { onEvent });
  const client = createCacheClient({
    source: key,
    configuration: world.configuration,
    defaultTtlSeconds: 600,
    ...(world.endpointOverrides && { endpointOverrides: world.endpointOverrides }),
  });
  const cache = world.cacheName;
  let ok = true;
  const check = (good: boolean) => {
    ok &&= good;
    return good;
  };

  try {
    const started = performance.now();
    await client.ready();
    const token = key.peek();
    if (token === undefined) throw new Error('the key cache is empty right after a fetch');
    const { kind, endpoint } = describeKey(token);
    print(
      `[1] key served by ${token.source}: fingerprint ${token.secret.fingerprint}, ${kind} key${endpoint ? ` for ${endpoint}` : ''}, in ${Math.round(performance.now() - started)} ms`,
    );

    const set = await client.set(cache, 'code', '12345');
    check(!('errorCode' in set));
    print(`[2] set ${cache}/code = 12345 -> ${set.toString()}`);

    const hit = await client.get(cache, 'code');
    check(hit instanceof CacheGet.Hit);
    print(`[3] get ${cache}/code -> ${hit.toString()}`);
    if (world.getSecretValueCalls) print(`      GetSecretValue calls so far: ${world.getSecretValueCalls()}`);

    if (!world.rotate) {
      print('[4] rotation: skipped');
    } else {
      const before = client.keyFingerprint;
      const rotation = await world.rotate();
      print(`[4] rotation: ${rotation.description}`);
      if (rotation.oldKeyStillWorks) {
        print(
          '      the old key still works, so nothing rejects it: refreshing now instead of at the end of the cache TTL',
        );
        await key.getToken({ forceRefresh: true });
      }
      const after = await client.get(cache, 'code');
      check(after instanceof CacheGet.Hit);
      print(
        `[5] get ${cache}/code -> ${after.toString()}, the client carried on with key ${client.keyFingerprint} (was ${before})`,
      );
      const burst = await Promise.all(Array.from({ length: BURST }, () => client.get(cache, 'code')));
      const hits = burst.filter((r) => r instanceof CacheGet.Hit).length;
      check(hits === BURST);
      print(`[6] ${BURST} more concurrent gets -> ${hits} hits, ${BURST - hits} errors`);
      if (world.getSecretValueCalls) {
        print(`      GetSecretValue calls in all: ${world.getSecretValueCalls()} (one at start, one for the rotation)`);
      }
    }
    if (!world.disposable) print('[7] disposable token: skipped');
    else check(await disposableStep(world, key, print));
  } catch (err) {
    ok = false;
    print(
      `failed: ${TokenSourceError.is(err) ? `${err.message} (${err.code})` : err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    await client[Symbol.asyncDispose]();
    key.close();
  }
  print(
    ok ? 'done: every call succeeded; the client and its key cache are closed.' : 'done, with failures (see above).',
  );
  return ok;
}

/**
 * A client that holds only a short-lived token scoped to the demo cache, minted with the long-lived key: the token expires
 * and the calls carry on, on a token minted ahead of the expiry.
 */
async function disposableStep(
  world: DemoWorld,
  longLived: CachedTokenSource,
  print: (line: string) => void,
): Promise<boolean> {
  const { validForSeconds, accepts } = world.disposable ?? { validForSeconds: 0, accepts: () => false };
  const cache = world.cacheName;
  const minted = fromDisposableToken({
    source: longLived,
    scope: DisposableTokenScopes.cacheReadWrite(cache),
    validForSeconds,
    ...(world.endpointOverrides && { endpointOverrides: world.endpointOverrides }),
  });
  let mints = 0;
  const disposable = cached(minted, {
    onEvent: (event) => {
      if (event.type === 'refreshed') mints += 1;
      if (event.type === 'refreshed' && event.trigger === 'ahead') {
        print(`      disposable token refreshed ahead of its expiry: now ${event.fingerprint}`);
      }
    },
  });
  const client = createCacheClient({
    source: disposable,
    configuration: world.configuration,
    defaultTtlSeconds: 600,
    ...(world.endpointOverrides && { endpointOverrides: world.endpointOverrides }),
  });
  try {
    const first = await client.get(cache, 'code');
    const token = disposable.peek();
    if (token === undefined) throw new Error('the disposable token cache is empty right after a fetch');
    print(
      `[7] a client on a disposable token scoped to ${cache} (${validForSeconds} s): ${token.source} minted ${token.secret.fingerprint}, expires ${token.expiresAt?.toISOString()}`,
    );
    print(`      get ${cache}/code -> ${first.toString()}`);
    const outside = await client.get(OUTSIDE_SCOPE, 'code');
    const refusedOutside = outside instanceof CacheGet.Error && outside.errorCode() === 'PERMISSION_ERROR';
    print(
      `      get ${OUTSIDE_SCOPE}/code -> ${refusedOutside ? 'PERMISSION_ERROR: outside the token scope' : outside.toString()}`,
    );
    const expiresAt = token.expiresAt?.getTime() ?? Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 100));
    const refused = !accepts(token.secret.reveal());
    print(`[8] token ${token.secret.fingerprint} has expired; Momento refuses it: ${refused ? 'yes' : 'no'}`);
    const after = await client.get(cache, 'code');
    print(
      `      get ${cache}/code -> ${after.toString()}, on token ${client.keyFingerprint} (was ${token.secret.fingerprint}); ${mints} tokens minted, no call on ${cache} failed`,
    );
    return first instanceof CacheGet.Hit && after instanceof CacheGet.Hit && refused && refusedOutside;
  } finally {
    await client[Symbol.asyncDispose]();
    disposable.close();
    minted.close();
  }
}

function describe(event: TokenEvent): string | undefined {
  switch (event.type) {
    case 'fallback':
      return `${event.from} gave no key (${event.code})${event.to ? `, trying ${event.to}` : ''}`;
    case 'refreshed':
      if (event.trigger === 'initial') return undefined;
      return event.trigger === 'forced'
        ? `Momento rejected the key: one forced refresh brought key ${event.fingerprint}`
        : `key refreshed (${event.trigger}): now ${event.fingerprint}`;
    case 'rotated':
      return `key rotated ${event.from} -> ${event.to}: the client builds a new SDK client and retires the old one`;
    case 'refresh-failed':
      return `refresh failed (${event.code}): ${event.reason}`;
    case 'stale-served':
      return `served the previous key ${event.fingerprint} while the store is unavailable`;
    case 'warning':
      return `warning: ${event.message}`;
    case 'resolved':
      return undefined;
  }
}
