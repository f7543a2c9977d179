#!/usr/bin/env node
import { guardProcess } from './guardProcess.js';
import { runCli } from './main.js';
import { createRedactor } from './redactor.js';

// Installed before anything can see a key: from here on, no output and no crash report can show one.
const redactor = createRedactor();
guardProcess(redactor);

void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  onToken: (token) => redactor.add(token.secret),
}).then((code) => {
  // Exit once the output is flushed, rather than when the last socket closes: an AWS client's idle keep-alive connection
  // must not hold the terminal for seconds after the answer is printed.
  process.stdout.write('', () => process.exit(code));
});
