import type { DoctorReport, LinkReport } from './DoctorReport.js';
import type { KeyReport } from './inspectKey.js';
import type { PingReport } from './ping.js';

const OUTCOME_LABELS: Readonly<Record<LinkReport['outcome'], string>> = {
  resolved: 'key',
  'not-found': 'not found',
  failed: 'FAILED',
  skipped: 'not tried',
};

const KIND_LABELS: Readonly<Record<NonNullable<KeyReport['kind']>, string>> = {
  v2: 'v2 API key',
  v1: 'v1 API key',
  legacy: 'legacy auth token',
};

const DAY_MS = 86_400_000;

/**
 * The doctor's report for a person: the chain link by link, then the key, the ping and the verdict with what to do next.
 * Built from the report alone, which holds fingerprints and never keys.
 */
export function formatReport(report: DoctorReport, now = Date.now()): string {
  const lines: string[] = [];
  lines.push(`Sources (${describeOrigin(report.sources.origin)}):`);
  lines.push(`  ${report.sources.spec}`);
  if (report.links.length > 0) {
    lines.push('');
    lines.push(
      `Chain (${report.fallThrough === 'any-error' ? 'moves past any failure' : 'moves past "not found" only'}):`,
    );
    const width = Math.max(...report.links.map((l) => l.source.length));
    const winner = report.key?.source;
    for (const [index, link] of report.links.entries()) lines.push(formatLink(index, link, width, winner));
  }
  if (report.key) lines.push('', ...formatKey(report.key, now));
  if (report.ping) lines.push('', ...formatPing(report.ping));
  lines.push('', formatVerdict(report));
  if (report.next) lines.push(`  Next: ${report.next}.`);
  return `${lines.join('\n')}\n`;
}

function describeOrigin(origin: string): string {
  if (origin === 'default') return 'default: MOMENTO_API_KEY with MOMENTO_ENDPOINT, as the Momento SDK reads';
  return `from ${origin}`;
}

function formatLink(index: number, link: LinkReport, width: number, winner: string | undefined): string {
  const label = OUTCOME_LABELS[link.outcome];
  const duration = link.durationMs === null ? '' : `${formatMs(link.durationMs)}`;
  const details: string[] = [];
  if (link.outcome === 'resolved') {
    details.push(`fingerprint ${link.fingerprint}`);
    if (!link.usedByChain) details.push('not used: an earlier link decides');
    else if (link.source === winner) details.push('used');
  } else if (link.reason) {
    details.push(link.code && link.outcome === 'failed' ? `${link.code}: ${link.reason}` : link.reason);
  }
  const columns = [`  ${index + 1}. ${link.source.padEnd(width)}`, label.padEnd(9), duration.padStart(8)];
  return `${columns.join('  ')}${details.length > 0 ? `  ${details.join('; ')}` : ''}`.trimEnd();
}

function formatKey(key: KeyReport, now: number): string[] {
  const lines = [`Key from ${key.source}:`];
  lines.push(`  kind         ${key.kind === null ? 'unknown format' : KIND_LABELS[key.kind]}`);
  lines.push(`  fingerprint  ${key.fingerprint}`);
  lines.push(`  expires      ${key.expiresAt === null ? 'never' : formatExpiry(key.expiresAt, now)}`);
  if (key.kind !== null) {
    const from = key.endpointFrom === null ? '' : ` (${describeEndpointOrigin(key.endpointFrom, key.source)})`;
    lines.push(`  endpoint     ${key.endpoint ?? 'none'}${from}`);
  }
  if (key.scope !== null) lines.push(`  scope        ${key.scope} (a disposable token: this run minted one)`);
  if (key.problem) lines.push(`  problem      ${key.problem}`);
  return lines;
}

function describeEndpointOrigin(origin: NonNullable<KeyReport['endpointFrom']>, source: string): string {
  switch (origin) {
    case 'key':
      return 'inside the key';
    case 'source':
      return `from ${source}, with the key`;
    default:
      return `from ${origin}`;
  }
}

function formatExpiry(iso: string, now: number): string {
  const remaining = Date.parse(iso) - now;
  if (remaining <= 0) return `${iso} (expired)`;
  const days = Math.floor(remaining / DAY_MS);
  return `${iso} (in ${days === 0 ? 'less than a day' : `${days} day${days === 1 ? '' : 's'}`})`;
}

function formatPing(ping: PingReport): string[] {
  const what = `get on cache "${ping.cache}" at ${ping.endpoint}`;
  const answer = ping.message ? `${ping.answer}: ${ping.message}` : ping.answer;
  return ['Ping:', `  ${ping.outcome} in ${formatMs(ping.durationMs)} (${what} answered ${answer})`];
}

function formatVerdict(report: DoctorReport): string {
  const words: Readonly<Record<DoctorReport['status'], string>> = {
    'key-found': report.ping ? 'key found and accepted by Momento' : 'key found',
    'no-key': 'no usable key',
    'key-rejected': 'key rejected by Momento',
    'ping-failed': 'key found, but Momento could not be asked about it',
    'configuration-error': 'configuration error',
    'internal-error': 'internal error',
  };
  const reason = report.error ? `: ${report.error.message}` : '';
  return `Result: ${words[report.status]} (exit ${report.exitCode})${reason}`;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
