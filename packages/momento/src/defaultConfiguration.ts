import type { Configuration, TopicConfiguration } from '@gomomento/sdk';
import type { MomentoSdk } from './loadSdk.js';

/** Set by AWS Lambda in the environment of every function, and only there. */
export const LAMBDA_VARIABLE = 'AWS_LAMBDA_FUNCTION_NAME';

type Env = Readonly<Record<string, string | undefined>>;

/** True when `env` is the environment of an AWS Lambda function. */
export function runsInLambda(env: Env): boolean {
  const name = env[LAMBDA_VARIABLE];
  return name !== undefined && name.trim().length > 0;
}

/**
 * The configuration a managed cache client uses when none is given: the SDK's Lambda preset in AWS Lambda (one connection,
 * no keep-alive pings a frozen container cannot answer), `InRegion.Default` elsewhere. Left to itself the SDK picks
 * `Laptop` and logs "No configuration provided ... suitable for development" for every client it builds, each rotation
 * included, in production too. `InRegion.Default` is Momento's preset for a service in the region of its cache, which is
 * where a client built once and kept runs; a program far from its region (a laptop) passes `Configurations.Laptop.latest()`,
 * whose 5 s deadline allows for the long round trip.
 *
 * @example
 * ```ts
 * const configuration = defaultCacheConfiguration(loadSdk('example'), process.env);
 * ```
 */
export function defaultCacheConfiguration(sdk: MomentoSdk, env: Env): Configuration {
  return runsInLambda(env) ? sdk.Configurations.Lambda.latest() : sdk.Configurations.InRegion.Default.latest();
}

/**
 * The configuration a managed topic client uses when none is given: the SDK's topic Lambda preset in AWS Lambda (no
 * keep-alives), its `Default` elsewhere. Either way the SDK logs nothing about a missing configuration.
 *
 * @example
 * ```ts
 * const configuration = defaultTopicConfiguration(loadSdk('example'), { AWS_LAMBDA_FUNCTION_NAME: 'orders' });
 * ```
 */
export function defaultTopicConfiguration(sdk: MomentoSdk, env: Env): TopicConfiguration {
  return runsInLambda(env) ? sdk.TopicConfigurations.Lambda.latest() : sdk.TopicConfigurations.Default.latest();
}
