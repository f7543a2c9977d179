export type {
  AwsAdapterCase,
  AwsClientMockCase,
  AwsErrorResponsesCase,
  AwsFakeLike,
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
export { useProcessEnv } from './useProcessEnv.js';
