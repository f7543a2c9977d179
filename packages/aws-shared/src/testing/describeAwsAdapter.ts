import type { AwsAdapterCase, AwsClientLike, AwsFakeLike } from './AwsAdapterCase.js';
import { describeClientMock } from './describeClientMock.js';
import { describeErrorResponses } from './describeErrorResponses.js';
import { describeNoAwsSetup } from './describeNoAwsSetup.js';
import { describeServiceCalls } from './describeServiceCalls.js';

/**
 * The stories every tokenchain AWS adapter must tell alike, as mocha suites run against the real SDK client: on a laptop
 * without AWS setup, when the answer is an error response, with a client mocked by aws-sdk-client-mock, and calling
 * the service (a given client, the deadline and abort, the region of an ARN). The adapter's
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
 *   fakes, // import * as fakes from '@tokenchain/fakes/aws'
 *   stored: (fake, key) => {
 *     fake.ssm.put('/momento/key', key, { type: 'SecureString' });
 *     return (options) => fromSsmParameter({ parameterName: '/momento/key', ...options });
 *   },
 *   errorResponses: { errorBodies: [['ParameterNotFound', 400, 'NOT_FOUND']], echo },
 *   clientMock: { mockClient, Client: SSMClient, Command: GetParameterCommand, source, answer, input, errors },
 * });
 * ```
 */
export function describeAwsAdapter<Fake extends AwsFakeLike, Client extends AwsClientLike>(
  adapter: AwsAdapterCase<Fake, Client>,
): void {
  describeNoAwsSetup(adapter);
  describeErrorResponses(adapter);
  describeClientMock(adapter);
  describeServiceCalls(adapter);
}
