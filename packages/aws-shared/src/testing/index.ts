export type {
  AwsAdapterCase,
  AwsClientLike,
  AwsClientMockCase,
  AwsErrorResponsesCase,
  AwsFakeLike,
  AwsFakesLike,
  AwsFaultLike,
  AwsTestOptions,
  ClientStubLike,
  CommandStubLike,
} from './AwsAdapterCase.js';
export { describeAwsAdapter } from './describeAwsAdapter.js';
export { describeClientMock } from './describeClientMock.js';
export { describeErrorResponses } from './describeErrorResponses.js';
export { describeNoAwsSetup } from './describeNoAwsSetup.js';
export { describeSdkLoadedLazily, type LazySdkCase } from './describeSdkLoadedLazily.js';
export { describeServiceCalls } from './describeServiceCalls.js';
export { type AwsFakesInSuite, useAwsFakes } from './useAwsFakes.js';
