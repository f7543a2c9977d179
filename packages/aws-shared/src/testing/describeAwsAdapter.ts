import type { AwsAdapterCase, AwsFakeLike } from './AwsAdapterCase.js';
import { describeClientMock } from './describeClientMock.js';
import { describeErrorResponses } from './describeErrorResponses.js';
import { describeNoAwsSetup } from './describeNoAwsSetup.js';

/**
 * The stories every tokenchain AWS adapter must tell alike, as mocha suites run against the real SDK client: on a laptop
 * without AWS setup, when the answer is an error response, and with a client mocked by aws-sdk-client-mock. The adapter's
 * own test file keeps only what is its own (its options, its service's features) and gives this its table.
 *
 * @example
 * ```ts
 * describeAwsAdapter({
 *   title: 'fromSsmParameter',
 *   service: 'SSM Parameter Store',
 *   operation: 'ssm.GetParameter',
 *   what: 'parameter /momento/key',
 *   name: 'ssm:/momento/key',
 *   startFake: startAwsFake,
 *   withoutAwsSetup,
 *   keyFragmentIn,
 *   stored: (fake, key) => {
 *     fake.ssm.put('/momento/key', key, { type: 'SecureString' });
 *     return (options) => fromSsmParameter({ parameterName: '/momento/key', ...options });
 *   },
 *   errorResponses: { errorBodies: [['ParameterNotFound', 400, 'NOT_FOUND']], echo },
 *   clientMock: { mockClient, Client: SSMClient, Command: GetParameterCommand, source, answer, input, errors },
 * });
 * ```
 */
export function describeAwsAdapter<Fake extends AwsFakeLike, Client>(adapter: AwsAdapterCase<Fake, Client>): void {
  describeNoAwsSetup(adapter);
  describeErrorResponses(adapter);
  describeClientMock(adapter);
}
