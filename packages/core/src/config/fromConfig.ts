import { raceAbort } from '../abort.js';
import { chain } from '../chain.js';
import type { TokenListener, TokenSource, Unsubscribe } from '../TokenSource.js';
import { type LoadSourcesOptions, loadSources } from './loadSources.js';
import { parseSourceSpec } from './parseSourceSpec.js';

export interface FromConfigOptions extends LoadSourcesOptions {
  /** The chain's name. Default: the configuration's `name`, else `config(<entries>)`. */
  readonly name?: string;
}

/**
 * A chain described by one string, so operators change where the key comes from without a code change. The text is checked
 * at once (a grammar mistake throws here); the schemes' packages are imported on the first `getToken`, and a problem
 * there (unknown scheme or option, adapter package not installed) rejects that call with `INVALID_CONFIGURATION`.
 * Use {@link loadSources} to find every problem up front.
 *
 * @example
 * ```ts
 * const source = fromConfig(
 *   'secretsmanager:Momento_Auth_Token?region=us-west-2&field=apiKey, ssm:/momento/api-key, env:MOMENTO_API_KEY',
 * );
 * const token = await source.getToken();
 * ```
 */
export function fromConfig(text: string, options: FromConfigOptions = {}): TokenSource {
  const spec = parseSourceSpec(text, options.origin ?? 'config');
  const name = options.name ?? spec.chain.name ?? `config(${spec.entries.map((e) => e.text).join(', ')})`;
  let loaded: TokenSource | undefined;
  let loading: Promise<TokenSource> | undefined;
  const listeners = new Set<TokenListener>();
  let stopInner: Unsubscribe | undefined;

  function load(): Promise<TokenSource> {
    if (loaded) return Promise.resolve(loaded);
    if (!loading) {
      loading = loadSources(spec, options).then(({ sources, chainOptions }) => {
        loaded = chain({ ...chainOptions, name }, ...sources);
        attach();
        return loaded;
      });
      // A failure is not kept: installing a missing package must not need a restart.
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  }

  function attach(): void {
    if (stopInner || listeners.size === 0 || typeof loaded?.subscribe !== 'function') return;
    stopInner = loaded.subscribe((token) => {
      for (const listener of [...listeners]) listener(token);
    });
  }

  return {
    name,
    async getToken(callOptions = {}) {
      const source = await raceAbort(load(), callOptions.signal, name);
      return source.getToken(callOptions);
    },
    // Links that announce new keys (a watched file) are only known once loaded; listeners wait until then.
    subscribe(listener) {
      listeners.add(listener);
      attach();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stopInner?.();
          stopInner = undefined;
        }
      };
    },
  };
}
