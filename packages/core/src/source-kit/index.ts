// For authors of sources and adapters: deadlines and abort, timers, the reporter, secrets, JSON fields, redaction, the
// one-per-mechanism helpers. A user who only uses sources never needs this entry point.
export { abortedError, deadlineSignal, raceAbort, sleep, throwIfAborted } from '../abort.js';
export { isCachedTokenSource } from '../cached.js';
export { backoffDelay } from '../cachePolicy.js';
export { withSecret } from '../createToken.js';
export { durationProblem } from '../durationProblem.js';
export { errorReason } from '../errorReason.js';
export { type FanOut, fanOut } from '../fanOut.js';
export {
  DEFAULT_ATTRIBUTE_FIELDS,
  type JsonFieldRead,
  type ReadJsonFieldInit,
  type ReadJsonFieldOptions,
  readJsonField,
} from '../readJsonField.js';
export { hasKeyShaped, redactKeyShaped } from '../redactKeyShaped.js';
export { createReporter } from '../report.js';
export { singleFlight } from '../singleFlight.js';
export { MAX_TIMER_STEP_MS, startTimer, type Timer } from '../timer.js';
export { tokenProblem } from '../tokenProblem.js';
