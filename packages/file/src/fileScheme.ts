import { defineScheme } from '@tokenchain/core/config';
import { fromFile } from './fromFile.js';

/**
 * The `file` scheme of tokenchain's configuration grammar: `file:/run/secrets/momento?watch` is {@link fromFile} with
 * `watch: true`. Pass it in `schemes` wherever a configuration may name it.
 *
 * @example
 * ```ts
 * const source = fromConfig('file:/var/run/secrets/momento/api-key?watch&refuseInsecurePermissions', { schemes: [fileScheme] });
 * ```
 */
export const fileScheme = defineScheme({
  scheme: 'file',
  kind: 'source',
  summary: 'a key from a file (Kubernetes and Docker secrets)',
  target: { description: 'the path of the file; ~ is the home directory', required: true },
  options: {
    watch: { type: 'boolean', description: 'announce new content when the file changes (default false)' },
    maxBytes: { type: 'number', description: 'refuse larger files (default 65536)' },
    refuseInsecurePermissions: {
      type: 'boolean',
      description: 'refuse a file its group or others may read, instead of warning (default false)',
    },
  },
  create(context) {
    const watch = context.boolean('watch');
    const maxBytes = context.number('maxBytes');
    const refuseInsecurePermissions = context.boolean('refuseInsecurePermissions');
    return fromFile({
      path: context.target,
      ...(watch !== undefined && { watch }),
      ...(maxBytes !== undefined && { maxBytes }),
      ...(refuseInsecurePermissions !== undefined && { refuseInsecurePermissions }),
      ...(context.observer !== undefined && { observer: context.observer }),
    });
  },
});
