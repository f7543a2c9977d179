// `npm run bench`: every part in one process, one after the other, then the table to stdout and bench/results/latest.md.
// `node bench/dist/run.js <part>` runs one part (warm, overhead, stampede, rotation, disposable, steady, fleet, import, memory).
import { loadavg } from 'node:os';
import { startAwsBench } from './aws.js';
import { clientOverhead } from './clientOverhead.js';
import { coldStampede } from './coldStampede.js';
import { disposableTokens } from './disposableTokens.js';
import { fleet } from './fleet.js';
import { importCost } from './importCost.js';
import { memory } from './memory.js';
import { startMomentoBench } from './momento.js';
import type { Row } from './Row.js';
import { renderResults, updatePerformanceDoc, writeResults } from './report.js';
import { rotation } from './rotation.js';
import { runInfo } from './runInfo.js';
import { steadyState } from './steadyState.js';
import { warmPath } from './warmPath.js';

const only = process.argv[2];
const started = performance.now();
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const rows: Row[] = [];

async function part(name: string, measure: () => Promise<Row[]>): Promise<void> {
  if (only !== undefined && only !== name) return;
  const partStarted = performance.now();
  rows.push(...(await measure()));
  console.error(`bench: ${name} done in ${((performance.now() - partStarted) / 1000).toFixed(1)} s`);
}

// The simulations fake the clocks; they run first, before any SDK client exists whose timers they could catch.
await part('steady', steadyState);
await part('fleet', fleet);
const aws = await startAwsBench();
const momento = await startMomentoBench();
try {
  await part('warm', () => warmPath(aws));
  await part('overhead', clientOverhead);
  await part('stampede', () => coldStampede(aws));
  await part('rotation', () => rotation(aws, momento));
  await part('disposable', () => disposableTokens(momento));
} finally {
  await momento.close();
  await aws.close();
}
await part('import', importCost);
await part('memory', memory);

const markdown = renderResults(rows, runInfo(), { durationS: (performance.now() - started) / 1000, load });
console.log(markdown);
if (only === undefined) {
  console.error(`bench: wrote ${writeResults(markdown)}`);
  const doc = updatePerformanceDoc(markdown);
  if (doc !== undefined) console.error(`bench: updated the table in ${doc}`);
}
