#!/usr/bin/env node
import { failedReport } from './failedReport.js';
import { guardProcess } from './guardProcess.js';
import { runCli } from './main.js';
import { createRedactor } from './redactor.js';
import { sourcesOfArguments } from './sourcesOfArguments.js';

const args = process.argv.slice(2);
// `doctor --json` promises one JSON object on stdout, a crash included: the guard prints it unless the report is out.
const promisesJson = args[0] === 'doctor' && args.includes('--json');
let printed = false;

// Installed before anything can see a key: from here on, no output and no crash report can show one.
const redactor = createRedactor();
guardProcess(redactor, {
  crashOutput(description) {
    if (!promisesJson || printed) return undefined;
    const report = failedReport(description, sourcesOfArguments(args, process.env));
    return `${JSON.stringify(report, null, 2)}\n`;
  },
});

runCli(args, {
  out: (text) => {
    printed = true;
    process.stdout.write(text);
  },
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  onToken: (token) => redactor.add(token.secret),
}).then(
  // Exit once the output is flushed, rather than when the last socket closes: an AWS client's idle keep-alive connection
  // must not hold the terminal for seconds after the answer is printed.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err: unknown) => {
    // Rethrown where the guard sees it, as an uncaught exception: one redacted line, exit 1.
    setImmediate(() => {
      throw err;
    });
  },
);
