import { parseArgs } from 'node:util';
import { type Token, TokenSourceError } from '@tokenchain/core';
import type { SchemeDefinition } from '@tokenchain/core/config';
import { redactKeyShaped } from '@tokenchain/core/source-kit';
import { runDoctor } from './doctor.js';
import { EXIT_CODES } from './exitCodes.js';
import { failedReport } from './failedReport.js';
import { formatReport } from './formatReport.js';
import { DOCTOR_HELP, MAIN_HELP, SCHEMES_HELP } from './help.js';
import { formatSchemes, listSchemes } from './listSchemes.js';
import { loadImports } from './loadImports.js';
import { sourcesOfArguments } from './sourcesOfArguments.js';

/** Where the CLI writes, and what it runs in. */
export interface CliContext {
  out(text: string): void;
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Called with every key the CLI sees: the place to register it with a redactor. */
  readonly onToken?: (token: Token) => void;
}

const COMMANDS = ['doctor', 'schemes', 'help'] as const;

const DOCTOR_OPTIONS = {
  sources: { type: 'string', short: 's' },
  all: { type: 'boolean' },
  ping: { type: 'boolean' },
  cache: { type: 'string' },
  endpoint: { type: 'string' },
  connect: { type: 'string' },
  plaintext: { type: 'boolean' },
  timeout: { type: 'string' },
  import: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SCHEMES_OPTIONS = {
  import: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A mistake on the command line: printed with a pointer to the help, exit 2. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | undefined,
  ) {
    // Messages quote what was typed, and a key pasted as an argument must not come back out.
    super(redactKeyShaped(message));
  }
}

/**
 * Runs `tokenchain` with the given arguments and returns its exit code. Prints through `context`, never a key.
 *
 * @example
 * ```ts
 * const code = await runCli(['doctor', '--json'], { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), env: process.env, cwd: process.cwd() });
 * ```
 */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  try {
    return await dispatch(args, context);
  } catch (err) {
    if (err instanceof UsageError) {
      const help = err.command ? `tokenchain ${err.command} --help` : 'tokenchain --help';
      context.err(`tokenchain: ${err.message}\nSee '${help}'.\n`);
      return EXIT_CODES.configurationError;
    }
    if (TokenSourceError.is(err) && err.code === 'INVALID_CONFIGURATION') {
      context.err(`tokenchain: ${err.message}\n`);
      return EXIT_CODES.configurationError;
    }
    // Anything else is a bug or a crash in a source: the process guard prints it redacted, on one line.
    throw err;
  }
}

async function dispatch(args: readonly string[], context: CliContext): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
      context.out(MAIN_HELP);
      return EXIT_CODES.keyFound;
    case 'help':
      return help(rest[0], context);
    case '-v':
    case '--version':
      context.out(`${version()}\n`);
      return EXIT_CODES.keyFound;
    case 'doctor':
      return doctor(rest, context);
    case 'schemes':
      return schemes(rest, context);
    default: {
      if (command.startsWith('-'))
        throw new UsageError(`unknown option ${command} (options go after a command)`, undefined);
      const close = COMMANDS.find((c) => closeTo(c, command));
      throw new UsageError(`unknown command '${command}'${close ? `. Did you mean '${close}'?` : ''}`, undefined);
    }
  }
}

function help(topic: string | undefined, context: CliContext): number {
  const texts: Readonly<Record<string, string>> = { doctor: DOCTOR_HELP, schemes: SCHEMES_HELP };
  if (topic !== undefined && texts[topic] === undefined) throw new UsageError(`no help for '${topic}'`, undefined);
  context.out(topic === undefined ? MAIN_HELP : (texts[topic] as string));
  return EXIT_CODES.keyFound;
}

/**
 * `doctor`. With `--json` anywhere in its arguments it prints exactly one JSON object whatever happens (a usage mistake, a
 * module `--import` cannot load, an error thrown by anything it runs), so a script can always parse stdout.
 */
async function doctor(args: readonly string[], context: CliContext): Promise<number> {
  if (!args.includes('--json') || args.includes('--help') || args.includes('-h')) return examine(args, context);
  try {
    return await examine(args, context);
  } catch (err) {
    const sources = sourcesOfArguments(args, context.env);
    const report = failedReport(err, sources, err instanceof UsageError ? 'usage' : 'internal');
    context.out(`${JSON.stringify(report, null, 2)}\n`);
    return report.exitCode;
  }
}

async function examine(args: readonly string[], context: CliContext): Promise<number> {
  const { values } = parse(args, DOCTOR_OPTIONS, 'doctor');
  if (values.help) {
    context.out(DOCTOR_HELP);
    return EXIT_CODES.keyFound;
  }
  if (values.plaintext && values.connect === undefined) {
    throw new UsageError('--plaintext only applies with --connect HOST:PORT', 'doctor');
  }
  if (values.sources !== undefined && values.sources.trim() === '') {
    throw new UsageError('--sources is empty (e.g. --sources "env:MOMENTO_API_KEY")', 'doctor');
  }
  const schemes = await importSchemes(values.import, context);
  const report = await runDoctor({
    ...(values.sources !== undefined && { sources: values.sources }),
    ...(values.all && { all: true }),
    ...(values.ping && { ping: true }),
    ...(values.cache !== undefined && { cache: values.cache }),
    ...(values.endpoint !== undefined && { endpoint: values.endpoint }),
    ...(values.connect !== undefined && { connect: values.connect }),
    ...(values.plaintext && { plaintext: true }),
    ...(values.timeout !== undefined && { timeoutMs: parseTimeout(values.timeout) }),
    schemes,
    env: context.env,
    ...(context.onToken && { onToken: context.onToken }),
  });
  context.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.exitCode;
}

async function schemes(args: readonly string[], context: CliContext): Promise<number> {
  const { values } = parse(args, SCHEMES_OPTIONS, 'schemes');
  if (values.help) {
    context.out(SCHEMES_HELP);
    return EXIT_CODES.keyFound;
  }
  const infos = listSchemes(await importSchemes(values.import, context));
  context.out(values.json ? `${JSON.stringify(infos, null, 2)}\n` : formatSchemes(infos));
  return EXIT_CODES.keyFound;
}

function importSchemes(specifiers: readonly string[] | undefined, context: CliContext): Promise<SchemeDefinition[]> {
  return specifiers === undefined ? Promise.resolve([]) : loadImports(specifiers, context.cwd);
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<const O extends Options>(args: readonly string[], options: O, command: string) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new UsageError(describeParseError(err, Object.keys(options ?? {})), command);
  }
}

function describeParseError(err: unknown, known: readonly string[]): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  // Node quotes the option as '--pingg' or, for a missing value, as '-s, --sources <value>'.
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const close = option ? known.find((k) => closeTo(`--${k}`, option)) : undefined;
      return `unknown option ${option ?? ''}${close ? `. Did you mean --${close}?` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('argument missing') ? `${option ?? 'an option'} needs a value` : message;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const argument = /'([^']*)'/.exec(message)?.[1];
      return `unexpected argument '${argument ?? ''}' (quote a --sources value that has spaces)`;
    }
    default:
      return message;
  }
}

function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || !(ms > 0)) {
    throw new UsageError(`--timeout takes a whole number of milliseconds > 0, got '${value}'`, 'doctor');
  }
  return ms;
}

function version(): string {
  return (require('../package.json') as { version: string }).version;
}

/** Close enough to be a typo: one edit apart, or a prefix of at least three characters. */
function closeTo(candidate: string, typed: string): boolean {
  if (typed.length >= 3 && candidate.startsWith(typed)) return true;
  if (Math.abs(candidate.length - typed.length) > 1) return false;
  let edits = 0;
  for (let i = 0, j = 0; i < candidate.length || j < typed.length; ) {
    if (candidate[i] === typed[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (candidate.length > typed.length) i += 1;
    else if (typed.length > candidate.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return true;
}
