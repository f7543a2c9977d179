export type { CallFilter, CallOutcome, MomentoFakeMethod, RecordedCall } from './calls.js';
export type { MomentoFault } from './faults.js';
export {
  type FakeEndpointOverrides,
  type MomentoFake,
  type MomentoFakeOptions,
  startMomentoFake,
} from './startMomentoFake.js';
export { startTcpFault, type TcpFault, type TcpFaultServer } from './startTcpFault.js';
export { MAX_VALID_FOR_SECONDS, type MintedToken } from './tokenService.js';
