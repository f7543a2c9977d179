import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSecretsExtension } from '@tokenchain/aws-secrets-manager';
import { cached, type TokenSource } from '@tokenchain/core';
import {
  type AwsFault,
  keyFragmentIn,
  type SecretsExtensionFake,
  startSecretsExtensionFake,
} from '@tokenchain/fakes/aws';
import { expect } from 'chai';
import { type Capture, canary, startCapture } from './support/canary.js';
import { expectToken, expectTokenError, settle, within } from './support/cells.js';
import { createStore } from './support/stores.js';
import { AWS_MAX_ATTEMPTS, AWS_TIMEOUT_MS, startWorld, type World } from './support/world.js';

/** A call that ends by itself (an answer, an error, the SDK's retries) must end within this. */
const BOUND_MS = 5000;
/** A call that only its deadline ends (hang, drip) must end soon after it. */
const DEADLINE_BOUND_MS = AWS_TIMEOUT_MS * 3;
const LAPTOP_CHILD = new URL('./children/laptop.js', import.meta.url).pathname;

type Target = 'secretsmanager' | 'ssm' | 'kms' | 'secrets-extension';
const TARGETS: readonly Target[] = ['secretsmanager', 'ssm', 'kms', 'secrets-extension'];

const OPERATIONS: Readonly<Record<Target, string>> = {
  secretsmanager: 'secretsmanager.GetSecretValue',
  ssm: 'ssm.GetParameter',
  kms: 'kms.Decrypt',
  'secrets-extension': 'extension.GetSecretValue',
};

/** Each service's own "not there" (KMS has none for a ciphertext: its closest is a ciphertext it cannot read). */
const NOT_THERE: Readonly<Record<Target, readonly [type: string, code: string]>> = {
  secretsmanager: ['ResourceNotFoundException', 'NOT_FOUND'],
  ssm: ['ParameterNotFound', 'NOT_FOUND'],
  kms: ['InvalidCiphertextException', 'DECRYPTION_FAILED'],
  'secrets-extension': ['ResourceNotFoundException', 'NOT_FOUND'],
};

interface Case {
  readonly name: string;
  readonly fault: (key: string, target: Target) => AwsFault;
  readonly code: (target: Target) => string;
  /** Ended by the adapter's deadline rather than by an answer. */
  readonly deadline?: true;
}

/** Every field an AWS answer carries a value in, and a message quoting it: what a leak would be made of. */
const echoing = (key: string) => ({
  message: `the value ${key} was refused`,
  fields: {
    SecretString: key,
    SecretBinary: Buffer.from(key).toString('base64'),
    Parameter: { Name: '/momento/key', Value: key },
    Plaintext: Buffer.from(key).toString('base64'),
  },
});

const CASES: readonly Case[] = [
  { name: 'a server that never answers', fault: () => ({ kind: 'hang' }), code: () => 'TIMEOUT', deadline: true },
  {
    name: 'a server that drips its body a byte at a time',
    fault: () => ({ kind: 'drip', intervalMs: 50 }),
    code: () => 'TIMEOUT',
    deadline: true,
  },
  { name: 'a connection reset without an answer', fault: () => ({ kind: 'reset' }), code: () => 'UNAVAILABLE' },
  ...(
    [
      [500, 'html'],
      [502, 'html'],
      [503, 'text'],
      [504, 'text'],
    ] as const
  ).map(
    ([status, format]): Case => ({
      name: `a load balancer's ${status} ${format} page`,
      fault: () => ({ kind: 'proxy-page', status, format }),
      code: () => 'UNAVAILABLE',
    }),
  ),
  {
    name: "a 400 'not there' whose body and message carry the value",
    fault: (key, target) => ({ kind: 'error', type: NOT_THERE[target][0], status: 400, ...echoing(key) }),
    code: (target) => NOT_THERE[target][1],
  },
  {
    name: 'a 400 AccessDeniedException whose body and message carry the value',
    fault: (key) => ({ kind: 'error', type: 'AccessDeniedException', status: 400, ...echoing(key) }),
    code: () => 'ACCESS_DENIED',
  },
  {
    name: 'a 500 InternalFailure whose body and message carry the value',
    fault: (key) => ({ kind: 'error', type: 'InternalFailure', status: 500, ...echoing(key) }),
    code: () => 'UNAVAILABLE',
  },
];

describe('AWS faults on the wire', () => {
  let world: World;
  let extension: SecretsExtensionFake;
  let capture: Capture;

  before(async () => {
    world = await startWorld();
    extension = await startSecretsExtensionFake(world.aws, { sessionToken: 'reliability-session' });
  });
  after(async () => {
    await extension.close();
    await world.close();
  });
  beforeEach(() => {
    capture = startCapture();
  });
  afterEach(() => {
    capture.stop();
    world.aws.clearFaults();
    extension.clearFaults();
  });

  /** A source of `target` reading `key`, with the suite's deadline and attempts, and the fault injected for it. */
  const faulty = (target: Target, key: string, fault: AwsFault): TokenSource => {
    const scoped = { ...fault, operation: OPERATIONS[target] };
    if (target === 'secrets-extension') {
      const secretId = world.unique('extension/momento-');
      world.aws.secretsManager.put(secretId, key);
      extension.inject(scoped);
      return fromSecretsExtension({
        secretId,
        port: extension.port,
        sessionToken: extension.sessionToken,
        timeoutMs: AWS_TIMEOUT_MS,
        maxAttempts: AWS_MAX_ATTEMPTS,
        observer: capture.observer,
      });
    }
    const store = createStore(target, world);
    store.put(key);
    world.aws.inject(scoped);
    return store.source({ observer: capture.observer });
  };

  for (const target of TARGETS) {
    describe(`of ${target}`, () => {
      for (const c of CASES) {
        it(`${c.name}: ${c.code(target)}, within ${c.deadline ? 'its deadline' : `${BOUND_MS} ms`}, leaking nothing`, async () => {
          const key = canary.v2();
          const source = faulty(target, key, c.fault(key, target));
          const settled = await within(c.deadline ? DEADLINE_BOUND_MS : BOUND_MS, source.getToken());
          const err = expectTokenError(settled, c.code(target), capture, source.name);
          expect(keyFragmentIn(err, key), 'a piece of the key in the error, inspected to full depth').to.equal(
            undefined,
          );
          await settle();
          capture.expectNoCanary();
        });
      }
    });
  }

  describe('a cache in front of the store, when a load balancer answers with 5xx pages', () => {
    for (const target of ['secretsmanager', 'ssm', 'kms'] as const) {
      it(`${target}: keeps serving the last good key (stale-served), as for any outage`, async () => {
        let clock = Date.UTC(2026, 0, 1);
        const store = createStore(target, world);
        const key = canary.v2();
        store.put(key);
        const source = cached(store.source({ observer: capture.observer }), {
          now: () => clock,
          ttlMs: 60_000,
          maxStaleMs: 600_000,
          jitter: 0,
          backgroundRefresh: false,
          ...capture.observer,
        });
        try {
          const first = expectToken(await within(BOUND_MS, source.getToken()), capture);
          world.aws.inject({ kind: 'proxy-page', status: 503, format: 'text', operation: store.operation! });
          clock += 61_000;
          const served = expectToken(await within(BOUND_MS, source.getToken()), capture);
          expect(served.secret.equals(first.secret)).to.equal(true);
          expect(capture.events.map((e) => e.type)).to.include('stale-served');
          expect(world.aws.attempts(store.operation!).slice(-AWS_MAX_ATTEMPTS)).to.deep.equal([1, 2]);
          await settle();
          capture.expectNoCanary();
        } finally {
          source.close();
        }
      });
    }
  });

  describe('chain(fromSecretsManager(), fromEnv()) on a laptop, in a process of its own', () => {
    let home: string;
    before(() => {
      home = mkdtempSync(join(tmpdir(), 'tokenchain-laptop-'));
    });
    after(() => rmSync(home, { recursive: true, force: true }));

    /** Runs the child with only these variables: no AWS_* but what the case adds, HOME empty, IMDS off. */
    const laptop = (key: string, aws: Readonly<Record<string, string>>) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const env = {
          PATH: process.env.PATH ?? '',
          HOME: home,
          MOMENTO_API_KEY: key,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          // Whatever does get sent goes to the fake, never off this machine.
          AWS_ENDPOINT_URL: world.aws.url,
          ...aws,
        };
        execFile(process.execPath, [LAPTOP_CHILD], { env, timeout: 20_000 }, (error, stdout, stderr) => {
          capture.record(stdout + stderr);
          if (error) reject(new Error(`the child failed: ${stderr}`));
          else resolve(JSON.parse(stdout.trim()) as Record<string, unknown>);
        });
      });

    it('falls back to MOMENTO_API_KEY when no region is configured, saying so in the attempt', async () => {
      const result = await laptop(canary.v2(), {});
      expect(result).to.deep.include({ outcome: 'token', source: 'env:MOMENTO_API_KEY' });
      expect(result.fallbacks).to.deep.equal([
        'cannot ask Secrets Manager for secret Momento_Auth_Token from here: ' +
          'no AWS region is configured (the SDK says: Region is missing)',
      ]);
      capture.expectNoCanary();
    });

    it('falls back when there is a region but no credentials anywhere, without a request', async () => {
      const before = world.aws.count();
      const result = await laptop(canary.v2(), { AWS_REGION: 'eu-west-1' });
      expect(result).to.deep.include({ outcome: 'token', source: 'env:MOMENTO_API_KEY' });
      expect(String((result.fallbacks as string[])[0])).to.include('no AWS credentials were found anywhere');
      expect(world.aws.count()).to.equal(before);
      capture.expectNoCanary();
    });

    it('stops with ACCESS_DENIED when there are credentials and Secrets Manager refuses them', async () => {
      world.aws.inject({ kind: 'access-denied', operation: OPERATIONS.secretsmanager });
      const before = world.aws.count(OPERATIONS.secretsmanager);
      const result = await laptop(canary.v2(), {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDLAPTOPLAPTOP',
        AWS_SECRET_ACCESS_KEY: 'laptop-secret-access-key',
      });
      expect(result).to.deep.include({
        outcome: 'error',
        code: 'ACCESS_DENIED',
        source: 'secretsmanager:Momento_Auth_Token',
        fallbacks: [],
      });
      expect(world.aws.count(OPERATIONS.secretsmanager) - before).to.equal(1);
      capture.expectNoCanary();
    });
  });
});
