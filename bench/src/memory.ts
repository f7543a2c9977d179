import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fmt, type Row, times } from './Row.js';
import { REPO_DIR } from './runInfo.js';

const run = promisify(execFile);
const PROBE = new URL('./probes/memoryProbe.js', import.meta.url).pathname;
/** A flat heap: growth over a million calls below this is noise from the engine, not a leak. */
const FLAT_BYTES = 1024 * 1024;

interface MemoryFigures {
  readonly perSource: number;
  readonly perPowertools: number;
  readonly growth: number;
  readonly calls: number;
  readonly refreshes: number;
}

/** Heap per warm cache and heap growth over a million cached calls with refreshes, in a child with --expose-gc. */
export async function memory(): Promise<Row[]> {
  const { stdout } = await run(process.execPath, ['--expose-gc', PROBE], { cwd: REPO_DIR, env: benchEnv() });
  const m = JSON.parse(stdout) as MemoryFigures;
  return [
    {
      section: 'Memory',
      subject: 'heap per warm cached(fromSecretsManager()) (10,000 of them)',
      ours: `${fmt(m.perSource / 1024)} KiB`,
      peer: `Powertools SecretsProvider with one secret cached: ${fmt(m.perPowertools / 1024)} KiB`,
      ratio: `${times(m.perSource / m.perPowertools)} Powertools' heap`,
      target: "<= Powertools' heap",
      met: m.perSource <= m.perPowertools,
    },
    {
      section: 'Memory',
      subject: `heap growth over ${m.calls.toLocaleString('en-US')} cached calls with ${m.refreshes.toLocaleString('en-US')} refreshes`,
      ours: `${fmt(m.growth / 1024)} KiB`,
      peer: '',
      ratio: '',
      target: `flat (< ${FLAT_BYTES / 1024 / 1024} MiB)`,
      met: m.growth < FLAT_BYTES,
    },
  ];
}

export function benchEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
