import { brandSymbol, hasBrand, setBrand } from './brand.js';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const FINGERPRINT_HEX_LENGTH = 8;
const SECRET_BRAND = brandSymbol('Secret');
// Fingerprints made so far, by key: held here rather than in a field, which every Secret would carry (8 bytes of each of
// thousands of cached keys) though most are never fingerprinted. Weak, so a dropped key takes its fingerprint with it.
const FINGERPRINTS = new WeakMap<Secret, string>();

/**
 * Holds a key so that it cannot leak by accident: `String()`, template strings, `JSON.stringify`, `util.inspect` and
 * `console.log` all show `Secret(<fingerprint>)`. Only {@link Secret.reveal} returns the key.
 *
 * The key lives in a private field, which neither `Object.keys`, spreading, structured logging nor `inspect` can see.
 *
 * @example
 * ```ts
 * const secret = Secret.from(process.env.MOMENTO_API_KEY!);
 * logger.info(`using key ${secret}`); // using key Secret(1a2b3c4d)
 * ```
 */
export class Secret {
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
  }

  /** Wraps a key. The value is kept as given; use `createToken` to also trim and reject empty values. */
  static from(value: string): Secret {
    if (typeof value !== 'string') throw new TypeError('Secret.from expects a string');
    return new Secret(value);
  }

  /** True for a `Secret` from any copy of this package. */
  static is(value: unknown): value is Secret {
    return hasBrand(value, SECRET_BRAND) && typeof (value as Secret).reveal === 'function';
  }

  /** The key itself. Call it at the last moment, where the key is handed to the SDK. */
  reveal(): string {
    return this.#value;
  }

  /** First 8 hex characters of the key's SHA-256: stable, short, safe to log, and enough to tell keys apart. */
  get fingerprint(): string {
    // node:crypto is loaded here, where a fingerprint is first needed, not when the package is imported: it is ~1 MiB and a
    // few ms of a cold start that may never show a fingerprint.
    let fingerprint = FINGERPRINTS.get(this);
    if (fingerprint === undefined) {
      const { createHash } = require('node:crypto') as typeof import('node:crypto');
      fingerprint = createHash('sha256').update(this.#value).digest('hex').slice(0, FINGERPRINT_HEX_LENGTH);
      FINGERPRINTS.set(this, fingerprint);
    }
    return fingerprint;
  }

  /** Compares keys without revealing them. */
  equals(other: Secret): boolean {
    return other.reveal() === this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toString(): string {
    return `Secret(${this.fingerprint})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.toPrimitive](): string {
    return this.toString();
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}
// Every Secret carries the brand through its prototype: no property per key.
setBrand(Secret.prototype, SECRET_BRAND);
