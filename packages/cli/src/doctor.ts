import { DEFAULT_CHAIN_TIMEOUT_MS, type Token, TokenSourceError } from '@tokenchain/core';
import {
  DEFAULT_TOKEN_SOURCES,
  loadSources,
  type SchemeDefinition,
  TOKEN_SOURCES_VARIABLE,
} from '@tokenchain/core/config';
import { redactKeyShaped } from '@tokenchain/core/source-kit';
import type { EndpointOverrides } from '@tokenchain/momento';
import { cliRegistry } from './cliRegistry.js';
import type { DoctorFindings, DoctorReport, LinkReport } from './DoctorReport.js';
import { exitCodeOf } from './exitCodeOf.js';
import { failedReport } from './failedReport.js';
import { inspectKey } from './inspectKey.js';
import { type PingReport, ping } from './ping.js';
import { pingVerdict } from './pingVerdict.js';
import { walkSources, withoutSource } from './walkSources.js';

/** The cache `--ping` reads when `--cache` is not given. It need not exist: "cache not found" also proves the key works. */
export const DEFAULT_PING_CACHE = 'tokenchain-doctor';

export interface DoctorOptions {
  /** The configuration to check. Default: `MOMENTO_TOKEN_SOURCES`, else the default sources (as `defaultTokenSource`). */
  readonly sources?: string;
  /** Ask every link, also those after the winner. */
  readonly all?: boolean;
  /** Make one Momento call with the key. */
  readonly ping?: boolean;
  /** The cache `ping` reads. Default {@link DEFAULT_PING_CACHE}. */
  readonly cache?: string;
  /** The endpoint of a v2 key that carries none (as `MOMENTO_ENDPOINT`). */
  readonly endpoint?: string;
  /** `host:port` to send the ping to instead of the key's endpoint (momento-local, a test server). */
  readonly connect?: string;
  /** With `connect`: plaintext gRPC instead of TLS. */
  readonly plaintext?: boolean;
  /** Bound on the chain walk and on the ping, each. Default: the configuration's, else the chain's default (6 s). */
  readonly timeoutMs?: number;
  /** Schemes for the user's own sources (`--import`), beside the bundled adapters' (an imported one replaces a bundled one). */
  readonly schemes?: readonly SchemeDefinition[];
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called with every key the walk sees, before anything about it is printed: the CLI's redactor. */
  readonly onToken?: (token: Token) => void;
}

/**
 * Walks the configured chain as an application would and reports each link, the winning key (format, fingerprint, expiry,
 * endpoint) and, with `ping`, whether Momento accepts it. Never throws: a configuration or key problem is reported with its
 * exit code, and anything else thrown (a bug here, a source that throws what it should not) as an `internal-error` report.
 *
 * @example
 * ```ts
 * const report = await runDoctor({ sources: 'ssm:/momento/api-key, env:MOMENTO_API_KEY', ping: true });
 * process.exitCode = report.exitCode;
 * ```
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const { text, origin } = configurationOf(options);
  const sources = { spec: redactKeyShaped(text), origin };
  try {
    return finish(await examine(options, text, sources));
  } catch (err) {
    return failedReport(err, sources);
  }
}

/** The configuration in effect and where it came from, as `defaultTokenSource` picks it. */
export function configurationOf(options: Pick<DoctorOptions, 'sources' | 'env'>): { text: string; origin: string } {
  const env = options.env ?? process.env;
  const configured = env[TOKEN_SOURCES_VARIABLE]?.trim();
  const text = options.sources ?? (configured ? configured : DEFAULT_TOKEN_SOURCES);
  const origin = options.sources !== undefined ? '--sources' : configured ? TOKEN_SOURCES_VARIABLE : 'default';
  return { text, origin };
}

/** `sources` is what the report shows: key-shaped text (a key pasted as configuration) is not repeated in it. */
async function examine(
  options: DoctorOptions,
  spec: string,
  sources: DoctorReport['sources'],
): Promise<DoctorFindings> {
  const env = options.env ?? process.env;
  const origin = sources.origin;
  const empty = { links: [], key: null, ping: null, fallThrough: 'not-found' as const };

  const registry = cliRegistry(options.schemes ?? []);
  let loaded: Awaited<ReturnType<typeof loadSources>>;
  try {
    loaded = await loadSources(spec, { registry, origin, env });
  } catch (err) {
    if (!TokenSourceError.is(err) || err.code !== 'INVALID_CONFIGURATION') throw err;
    return {
      ...empty,
      sources,
      status: 'configuration-error',
      error: { code: err.code, message: err.message },
      next: 'fix the entry named above; `tokenchain schemes` lists every scheme and its options',
    };
  }

  const timeoutMs = options.timeoutMs ?? loaded.chainOptions.timeoutMs ?? DEFAULT_CHAIN_TIMEOUT_MS;
  const fallThrough = loaded.chainOptions.fallThrough ?? 'not-found';
  const walk = await walkSources(loaded.sources, {
    ...loaded.chainOptions,
    name: origin,
    timeoutMs,
    ...(options.all && { all: true }),
    ...(options.onToken && { onToken: options.onToken }),
  });
  const links = walk.links.map(
    (link, index): LinkReport => ({
      source: link.source,
      entry: loaded.spec.entries[index]?.text ?? link.source,
      outcome: link.outcome,
      usedByChain: link.usedByChain,
      durationMs: link.durationMs ?? null,
      code: link.code ?? null,
      reason: link.reason ?? null,
      fingerprint: link.token?.secret.fingerprint ?? null,
    }),
  );
  const base = { sources, fallThrough, links };

  if (!walk.token) {
    const error = walk.error;
    return {
      ...base,
      key: null,
      ping: null,
      status: 'no-key',
      error: error ? { code: error.code, message: firstLine(error) } : null,
      next: nextForNoKey(links, origin),
    };
  }

  const overrides = endpointOverrides(options);
  const key = inspectKey(walk.token, {
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    overridden: overrides !== undefined,
    env,
    now: Date.now(),
  });
  if (key.problem !== null) {
    return {
      ...base,
      key,
      ping: null,
      status: 'no-key',
      error: { code: key.kind === null ? 'MALFORMED' : 'UNUSABLE', message: key.problem },
      next: `replace the key in ${key.source}, or fix where its endpoint comes from`,
    };
  }
  if (!options.ping) {
    return { ...base, key, ping: null, status: 'key-found', error: null, next: null };
  }

  let report: PingReport;
  try {
    report = await ping(walk.token, {
      cache: options.cache ?? DEFAULT_PING_CACHE,
      timeoutMs,
      ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
      ...(overrides !== undefined && { endpointOverrides: overrides }),
      env,
    });
  } catch (err) {
    if (!TokenSourceError.is(err)) throw err;
    const configuration = err.code === 'INVALID_CONFIGURATION';
    return {
      ...base,
      key,
      ping: null,
      status: configuration ? 'configuration-error' : 'no-key',
      error: { code: err.code, message: err.message },
      next: configuration ? 'check --endpoint, --connect and MOMENTO_ENDPOINT' : `replace the key in ${key.source}`,
    };
  }
  return { ...base, key, ping: report, ...pingVerdict(report, key.source) };
}

/** The report with its exit code, derived from its status, and its fields in reading order, for `--json`. */
function finish(findings: DoctorFindings): DoctorReport {
  const { status, error, next, sources, fallThrough, links, key, ping } = findings;
  return { status, exitCode: exitCodeOf(status), error, next, sources, fallThrough, links, key, ping };
}

function endpointOverrides(options: DoctorOptions): EndpointOverrides | undefined {
  if (options.connect === undefined) return undefined;
  return {
    cacheEndpoint: options.connect,
    controlEndpoint: options.connect,
    tokenEndpoint: options.connect,
    secureConnection: options.plaintext !== true,
  };
}

function nextForNoKey(links: readonly LinkReport[], origin: string): string {
  const failed = links.find((l) => l.outcome === 'failed' && l.usedByChain);
  if (failed) {
    return `fix ${failed.source} (${failed.code}), or let the chain move past broken sources with "fallThrough": "any-error"`;
  }
  return origin === 'default'
    ? `set MOMENTO_API_KEY, or describe where your key lives in ${TOKEN_SOURCES_VARIABLE} or --sources`
    : 'put a key in one of the sources above, or add the source that has it';
}

function firstLine(error: TokenSourceError): string {
  return withoutSource(error).split('\n')[0] ?? error.code;
}
