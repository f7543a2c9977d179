export {
  DEFAULT_PING_CACHE,
  type DoctorOptions,
  type DoctorReport,
  type DoctorStatus,
  type LinkReport,
  runDoctor,
} from './doctor.js';
export { EXIT_CODES, type ExitCode } from './exitCodes.js';
export { formatReport } from './formatReport.js';
export type { EndpointOrigin, KeyReport } from './inspectKey.js';
export { type CliContext, runCli } from './main.js';
export type { PingReport } from './ping.js';
export { createRedactor, type Redactor } from './redactor.js';
