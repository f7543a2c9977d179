import type { TokenErrorCode, TokenObserver, TokenSource } from '@tokenchain/core';

/**
 * What the suites need of a local AWS fake (`@tokenchain/fakes/aws` in this repository): a real HTTP server on 127.0.0.1
 * that the real SDK clients talk to, with faults to inject and requests to count.
 */
export interface AwsFakeLike {
  readonly url: string;
  clientConfig(): object;
  inject(fault: AwsFaultLike): void;
  count(operation?: string): number;
  /** The requests received, with the region each was signed for. */
  readonly requests: readonly { readonly region: string }[];
  attempts(operation: string): number[];
  clearFaults(): void;
  resetRequests(): void;
  close(): Promise<void>;
}

/** What the suites call to start a fake, to stand on a laptop without AWS setup, and to look for a leaked key. */
export interface AwsFakesLike<Fake extends AwsFakeLike> {
  /** Starts a fresh fake. */
  startAwsFake(): Promise<Fake>;
  /** Clears the AWS environment (variables and config files) around `run`, with `env` set instead. */
  withoutAwsSetup<T>(run: () => Promise<T>, env?: Readonly<Record<string, string>>): Promise<T>;
  /** A piece of `key` found anywhere in `value`, or undefined. */
  keyFragmentIn(value: unknown, key: string): string | undefined;
}

/** The faults the suites inject, as `@tokenchain/fakes/aws` spells them. */
export type AwsFaultLike = { readonly operation?: string } & (
  | { readonly kind: 'access-denied' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'proxy-page'; readonly status?: 500 | 502 | 503 | 504; readonly format?: 'html' | 'text' }
  | {
      readonly kind: 'error';
      readonly type: string;
      readonly status?: number;
      readonly message?: string;
      readonly fields?: Readonly<Record<string, unknown>>;
    }
);

/** What the suites need of an SDK client: they destroy those they build. */
export interface AwsClientLike {
  destroy(): void;
}

/** What a suite lets vary in the adapter's options: where the client comes from, and how often it tries. */
export interface AwsTestOptions<Client> {
  readonly clientConfig?: object;
  readonly client?: Client;
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  readonly observer?: TokenObserver;
}

/** A stand-in for aws-sdk-client-mock's stub of one client (instance or class); see {@link AwsClientMockCase}. */
export interface ClientStubLike {
  on(command: unknown): CommandStubLike;
  reset(): unknown;
  restore(): void;
  commandCalls(command: unknown): readonly { readonly args: readonly unknown[] }[];
}

export interface CommandStubLike {
  resolves(output: unknown): unknown;
  rejects(error: unknown): unknown;
  rejectsOnce(error: unknown): CommandStubLike;
}

/**
 * The error-response table: what the service answers, and the code each must become. (What a load balancer or proxy in
 * front of it answers is the same for every service, and must always become UNAVAILABLE: the suite has that table.)
 */
export interface AwsErrorResponsesCase {
  /** AWS error bodies: `[__type, status, code]`. */
  readonly errorBodies: readonly (readonly [string, number, TokenErrorCode])[];
  /** Fields the fake adds to every error body: they carry the key (the SDK copies them onto its exception). */
  readonly echo: (key: string) => Readonly<Record<string, unknown>>;
  /** Further text that must not show in an error, besides the key (e.g. its base64). */
  readonly alsoSecret?: (key: string) => readonly string[];
}

/** What the aws-sdk-client-mock suite needs: the client and command classes, and the adapter's answers and errors. */
export interface AwsClientMockCase<Client> {
  /** aws-sdk-client-mock's `mockClient`, passed in so that this package does not depend on it. */
  readonly mockClient: (target: Client | (new (config: object) => Client)) => ClientStubLike;
  readonly Client: new (config: object) => Client;
  /** The command the adapter sends. */
  readonly Command: unknown;
  /** The adapter's source, reading `mockedKey` through the given client, or through one it builds. */
  readonly source: (options: AwsTestOptions<Client>) => TokenSource;
  /** A response of only the modelled fields that holds `key`. */
  readonly answer: (key: string) => unknown;
  /** The version the token must carry from `answer`, if the service has one. */
  readonly version?: string;
  /** The input the adapter must send, compared loosely (a Buffer equals a Uint8Array of the same bytes). */
  readonly input: unknown;
  /** Modelled exceptions the SDK would throw, with the code each must become: `[exception, code]`. */
  readonly errors: readonly (readonly [Error, TokenErrorCode])[];
}

/**
 * One AWS adapter, as {@link describeAwsAdapter} tests it. Everything here is what makes the adapter itself: the rest of
 * the story (a laptop without AWS setup, error responses, a mocked client) is the same for every adapter.
 */
export interface AwsAdapterCase<Fake extends AwsFakeLike, Client> {
  /** The factory, as the suites' titles name it: `fromSsmParameter`. */
  readonly title: string;
  /** The service, as the adapter's messages name it: `SSM Parameter Store`. */
  readonly service: string;
  /** The one operation the adapter calls, as the fake counts it: `ssm.GetParameter`. */
  readonly operation: string;
  /** What the adapter reads, as its messages name it: `parameter /momento/key`. */
  readonly what: string;
  /** The name of the source `stored` builds: `ssm:/momento/key`. */
  readonly name: string;
  /** The fake's module (`import * as fakes from '@tokenchain/fakes/aws'` in this repository), or the same three functions. */
  readonly fakes: AwsFakesLike<Fake>;
  /** Stores `key` in `fake` and returns how to build the adapter's source that reads it (options from the suite). */
  readonly stored: (fake: Fake, key: string) => (options: AwsTestOptions<Client>) => TokenSource;
  /**
   * For a service whose ARNs name a region: stores `key` in `region` and returns how to build the source that reads it by
   * ARN. The adapter must then build its client in that region.
   */
  readonly storedByArn?: (fake: Fake, key: string, region: string) => (options: AwsTestOptions<Client>) => TokenSource;
  readonly errorResponses: AwsErrorResponsesCase;
  readonly clientMock: AwsClientMockCase<Client>;
}
