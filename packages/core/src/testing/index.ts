export { describeTokenSourceContract, type TokenSourceContractFixture } from './describeTokenSourceContract.js';
export { type TestSource, type TestSourceInit, testSource } from './testSource.js';
