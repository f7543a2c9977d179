import { base64Decoded } from '../base64Decoded.js';
import { jsonField } from '../jsonField.js';
import { defineScheme } from './defineScheme.js';

/**
 * `base64+…`: decodes a key its store keeps base64-encoded.
 *
 * @example
 * ```ts
 * const source = fromConfig('base64+env:MOMENTO_API_KEY_B64', { schemes: [envScheme] });
 * ```
 */
export const base64Scheme = defineScheme({
  scheme: 'base64',
  kind: 'decorator',
  summary: 'decodes a base64-encoded key',
  create: (inner) => base64Decoded(inner),
});

/**
 * `json+…?field=apiKey`: reads the key from one field of a JSON object value; an `endpoint` field becomes the token's endpoint.
 *
 * @example
 * ```ts
 * const source = fromConfig('json+file:/run/secrets/momento.json?field=apiKey', { schemes: [fileScheme] });
 * ```
 */
export const jsonScheme = defineScheme({
  scheme: 'json',
  kind: 'decorator',
  summary: 'reads the key from one field of a JSON object',
  options: {
    field: { type: 'string', required: true, description: 'the field that holds the key, e.g. apiKey' },
  },
  create: (inner, context) => jsonField(inner, context.string('field') ?? ''),
});
