import { AwsFakeError } from './AwsFakeError.js';

/** A request body as parsed JSON. */
export type Input = Readonly<Record<string, unknown>>;

/** What the fake knows about the caller of one request. */
export interface RequestContext {
  /** The region the request was signed for (from its SigV4 credential scope), or the fake's region. */
  readonly region: string;
}

export function requireString(input: Input, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AwsFakeError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

export function optionalString(input: Input, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsFakeError('ValidationException', `'${field}' must be a string`);
  return value;
}

export function optionalStringList(input: Input, field: string): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new AwsFakeError('ValidationException', `'${field}' must be a list of strings`);
  }
  return value as string[];
}

export function optionalStringMap(input: Input, field: string): Record<string, string> | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new AwsFakeError('ValidationException', `'${field}' must be a map of strings`);
  }
  return value as Record<string, string>;
}

/** Blobs travel as base64 strings in AWS JSON 1.1. */
export function optionalBlob(input: Input, field: string): Buffer | undefined {
  const value = optionalString(input, field);
  return value === undefined ? undefined : Buffer.from(value, 'base64');
}

/** Timestamps travel as epoch seconds. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
