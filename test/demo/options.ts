/** What the demo runs against, from flags first, then the environment. */
export interface DemoOptions {
  /** Run against a real account: only when asked for (`--real`), never because a variable happens to be set. */
  readonly real: boolean;
  /** The Secrets Manager secret holding the key (real mode). */
  readonly secretId: string | undefined;
  readonly region: string | undefined;
  readonly cacheName: string;
  /** Real mode: a second key to rotate to (written as the secret's new AWSCURRENT version). */
  readonly rotateTo: string | undefined;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run demo [-- options]

Runs Momento's "keep the key in Secrets Manager" guide with tokenchain: the key is read through a chain
[Secrets Manager, MOMENTO_API_KEY], then code=12345 is set and read back, then the key is rotated under the client.

It runs on local stand-ins for Secrets Manager and Momento, whatever is set in your environment. To use your own
account, ask for it:

  --real                                       run against your AWS and Momento accounts, with:
  --secret-id <id>   or TOKENCHAIN_SECRET_ID   the secret holding the Momento API key (plain text)
  --region <region>  or AWS_REGION             its region (AWS credentials come from the usual AWS chain)
  --cache <name>     or TOKENCHAIN_CACHE       the Momento cache to write to (default "cache"; it must exist)
  MOMENTO_API_KEY / MOMENTO_ENDPOINT           the fallback key, and the endpoint of a v2 API key
  TOKENCHAIN_ROTATE_TO                         a second key: the demo writes it as the secret's new version
                                               and shows the client moving to it (no rotation without it)
  --local                                      the local stand-ins (the default)
`;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): DemoOptions {
  const flags = new Map<string, string>();
  let real = false;
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--local') real = false;
    else if (arg === '--real') real = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? argv[i + 1];
      if (inline === undefined) i += 1;
      if (name && value !== undefined) flags.set(name, value);
    }
  }
  const pick = (flag: string, variable: string) => flags.get(flag) ?? nonEmpty(env[variable]);
  return {
    real,
    help,
    secretId: pick('secret-id', 'TOKENCHAIN_SECRET_ID'),
    region: pick('region', 'AWS_REGION') ?? nonEmpty(env.AWS_DEFAULT_REGION),
    cacheName: pick('cache', 'TOKENCHAIN_CACHE') ?? 'cache',
    rotateTo: nonEmpty(env.TOKENCHAIN_ROTATE_TO),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim().length > 0 ? value.trim() : undefined;
}
