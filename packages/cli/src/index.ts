export type { DoctorFindings, DoctorReport, DoctorStatus, LinkReport } from './DoctorReport.js';
export { DEFAULT_PING_CACHE, type DoctorOptions, runDoctor } from './doctor.js';
export { exitCodeOf } from './exitCodeOf.js';
export { EXIT_CODES, type ExitCode } from './exitCodes.js';
export { formatReport } from './formatReport.js';
export type { EndpointOrigin, KeyReport } from './inspectKey.js';
export { type CliContext, runCli } from './main.js';
export type { PingReport } from './ping.js';
export { createRedactor, type Redactor } from './redactor.js';
