import { TokenSourceError } from '../TokenSourceError.js';

/** The one error every configuration problem becomes: `INVALID_CONFIGURATION`, named after where the configuration came from. */
export function configError(origin: string, message: string, cause?: unknown): TokenSourceError {
  return new TokenSourceError(message, {
    source: origin,
    code: 'INVALID_CONFIGURATION',
    ...(cause !== undefined && { cause }),
  });
}

/** Names an entry in messages: its position and text, so a long configuration points at the right place. */
export function entryLabel(index: number, text: string): string {
  return `entry ${index + 1} "${text}"`;
}
