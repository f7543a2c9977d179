import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `run` as on a laptop with no AWS setup: every `AWS_*` variable removed, `HOME` an empty temporary directory (no
 * `~/.aws`), and the instance metadata address turned off so the SDK's default chains cannot reach for it. `env` adds
 * variables on top (`AWS_REGION`, static keys, `AWS_ENDPOINT_URL` pointing at a fake). Everything is put back after.
 *
 * @example
 * ```ts
 * await withoutAwsSetup(() => chain(fromSecretsManager({ secretId: 'Momento_Auth_Token' }), fromValue(key)).getToken());
 * ```
 */
export async function withoutAwsSetup<T>(
  run: (home: string) => Promise<T>,
  env: Readonly<Record<string, string>> = {},
): Promise<T> {
  const saved = { ...process.env };
  const home = mkdtempSync(join(tmpdir(), 'tokenchain-laptop-'));
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('AWS_')) delete process.env[name];
  }
  Object.assign(process.env, {
    HOME: home,
    USERPROFILE: home,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...env,
  });
  try {
    return await run(home);
  } finally {
    for (const name of Object.keys(process.env)) {
      if (!(name in saved)) delete process.env[name];
    }
    Object.assign(process.env, saved);
    rmSync(home, { recursive: true, force: true });
  }
}
