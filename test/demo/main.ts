// `npm run demo`: Momento's "key in Secrets Manager" guide, run with tokenchain, end to end.
import { startLocalWorld } from './localWorld.js';
import { parseOptions, USAGE } from './options.js';
import { realWorld } from './realWorld.js';
import { runScenario } from './scenario.js';
import type { DemoWorld } from './world.js';

/** Should something outside tokenchain keep the event loop alive (a real AWS or gRPC connection), still end. */
const EXIT_GRACE_MS = 3000;

async function main(): Promise<number> {
  // The AWS SDK warns on every client about Node 20 support; that is noise in a demo.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = parseOptions(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.real && options.secretId === undefined) {
    console.error(
      'demo: --real needs --secret-id (or TOKENCHAIN_SECRET_ID): the secret that holds your Momento API key',
    );
    return 2;
  }
  // A real account only on request: a MOMENTO_API_KEY or AWS profile left in the shell must not send the demo to production.
  const world: DemoWorld = options.real ? realWorld(options) : await startLocalWorld();
  try {
    return (await runScenario(world, (line) => console.log(line))) ? 0 : 1;
  } finally {
    await world.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    if (process.env.TOKENCHAIN_DEMO_NO_FORCE_EXIT !== '1') setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  },
  (err: unknown) => {
    console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
