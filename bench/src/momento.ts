import {
  CacheClient,
  CacheGet,
  Configurations,
  CredentialProvider,
  DefaultMomentoLoggerFactory,
  DefaultMomentoLoggerLevel,
} from '@gomomento/sdk';
import { type MomentoFake, startMomentoFake } from '@tokenchain/fakes/momento';

export const CACHE = 'bench';

/** The local Momento fake. */
export interface MomentoBenchSetup {
  readonly fake: MomentoFake;
  close(): Promise<void>;
}

export async function startMomentoBench(): Promise<MomentoBenchSetup> {
  const fake = await startMomentoFake();
  return { fake, close: () => fake.close() };
}

/** The SDK's Laptop preset, with its per-failure warnings off (the rotation part provokes a rejection on purpose). */
export function quietConfiguration() {
  return Configurations.Laptop.v1(new DefaultMomentoLoggerFactory(DefaultMomentoLoggerLevel.ERROR));
}

/** The raw SDK client as a user builds it: the key read once, fixed into the client. */
export function rawCacheClient(fake: MomentoFake, key: string): CacheClient {
  return new CacheClient({
    credentialProvider: CredentialProvider.fromString({ apiKey: key, endpointOverrides: fake.endpointOverrides() }),
    configuration: quietConfiguration(),
    defaultTtlSeconds: 600,
  });
}

/** True for a CacheGet response that is a hit or a miss: the call worked. */
export function succeeded(response: unknown): boolean {
  return response instanceof CacheGet.Hit || response instanceof CacheGet.Miss;
}
