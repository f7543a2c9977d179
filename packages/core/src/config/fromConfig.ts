import { raceAbort } from '../abort.js';
import { chain } from '../chain.js';
import { fanOut } from '../fanOut.js';
import { hasKeyShaped } from '../redactKeyShaped.js';
import { createReporter } from '../report.js';
import { singleFlight } from '../singleFlight.js';
import type { Token, TokenSource, Unsubscribe } from '../TokenSource.js';
import { configError } from './configError.js';
import { createSchemeRegistry } from './createSchemeRegistry.js';
import { type LoadSourcesOptions, loadSources } from './loadSources.js';
import { parseSourceSpec } from './parseSourceSpec.js';
import { planSources } from './planSources.js';

export interface FromConfigOptions extends LoadSourcesOptions {
  /** The chain's name. Default: the configuration's `name`, else `config(<entries>)`. */
  readonly name?: string;
}

/**
 * A chain described by one string, so operators change where the key comes from without a code change. The configuration
 * may use the schemes in `options.schemes` (or `options.registry`) and core's `base64` and `json`. It is checked at once:
 * a grammar mistake, a scheme that is not registered, or an unknown or ill-typed option throws `INVALID_CONFIGURATION`
 * here. The sources are built on the first `getToken`; a scheme that refuses to build one rejects that call.
 *
 * @example
 * ```ts
 * const source = fromConfig('secretsmanager:Momento_Auth_Token?region=us-west-2, ssm:/momento/api-key, env:MOMENTO_API_KEY', {
 *   schemes: [secretsManagerScheme, ssmScheme, envScheme],
 * });
 * const token = await source.getToken();
 * ```
 */
export function fromConfig(text: string, options: FromConfigOptions = {}): TokenSource {
  const origin = options.origin ?? 'config';
  const spec = parseSourceSpec(text, origin);
  const registry = options.registry ?? createSchemeRegistry(options.schemes ? { schemes: options.schemes } : {});
  planSources(spec, registry, origin);
  // The name appears in every error, event and log line of the chain: a key passed as one must stop here.
  if (options.name !== undefined && typeof options.name !== 'string')
    throw configError(origin, 'options.name is not a string');
  if (options.name !== undefined && hasKeyShaped(options.name)) {
    throw configError(
      origin,
      'options.name is shaped like a Momento API key (not shown): name the chain, e.g. momento-key',
    );
  }
  const name = options.name ?? spec.chain.name ?? `config(${spec.entries.map((e) => e.text).join(', ')})`;
  let loaded: TokenSource | undefined;
  // A failure is not kept: a source that could not be built (a file not yet mounted) may build on the next call.
  const load = singleFlight(async () => {
    const { sources, chainOptions } = await loadSources(spec, { ...options, origin, registry });
    loaded = chain({ ...chainOptions, name }, ...sources);
    attach();
    return loaded;
  });
  const listeners = fanOut<Token>(name, createReporter(options.observer));
  let stopInner: Unsubscribe | undefined;

  function attach(): void {
    if (stopInner || listeners.size === 0 || typeof loaded?.subscribe !== 'function') return;
    stopInner = loaded.subscribe((token) => listeners.emit(token));
  }

  return {
    name,
    async getToken(callOptions = {}) {
      const source = await raceAbort(load(), callOptions.signal, name);
      return source.getToken(callOptions);
    },
    // Links that announce new keys (a watched file) are only known once loaded; listeners wait until then.
    subscribe(listener) {
      const remove = listeners.add(listener);
      attach();
      return () => {
        remove();
        if (listeners.size === 0) {
          stopInner?.();
          stopInner = undefined;
        }
      };
    },
  };
}
