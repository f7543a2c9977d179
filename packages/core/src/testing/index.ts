export { describeTokenSourceContract, type TokenSourceContractFixture } from './describeTokenSourceContract.js';
export { type TestSource, type TestSourceInit, type TestSourceOptions, testSource } from './testSource.js';
export { useProcessEnv } from './useProcessEnv.js';
