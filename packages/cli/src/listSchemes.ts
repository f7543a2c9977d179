import { createSchemeRegistry, type SchemeDefinition, type SchemeOption, TokenSourceError } from '@tokenchain/core';
import { importAdapter } from './importAdapter.js';

/** One scheme as `tokenchain schemes` shows it. */
export interface SchemeInfo {
  readonly scheme: string;
  readonly summary: string;
  /** `null` when its package could not be loaded. */
  readonly kind: 'source' | 'decorator' | null;
  readonly packageName: string | null;
  readonly installed: boolean;
  readonly target: { readonly description: string; readonly required: boolean } | null;
  readonly options: Readonly<Record<string, SchemeOption>>;
  /** Why it could not be loaded. */
  readonly problem: string | null;
}

/**
 * Every scheme a `--sources` string may use, loading each adapter package to show its options and whether it is installed.
 *
 * @example
 * ```ts
 * for (const s of await listSchemes([])) console.log(s.scheme, s.installed);
 * ```
 */
export async function listSchemes(extra: readonly SchemeDefinition[]): Promise<SchemeInfo[]> {
  const registry = createSchemeRegistry({ schemes: extra, importer: importAdapter });
  const infos: SchemeInfo[] = [];
  for (const listing of registry.list()) {
    const base = { scheme: listing.scheme, summary: listing.summary, packageName: listing.packageName ?? null };
    try {
      const definition = await registry.resolve(listing.scheme);
      infos.push({
        ...base,
        kind: definition.kind,
        installed: true,
        target: definition.kind === 'source' ? definition.target : null,
        options: definition.options ?? {},
        problem: null,
      });
    } catch (err) {
      if (!TokenSourceError.is(err)) throw err;
      const problem = err.message.replace(`${err.source}: `, '');
      infos.push({ ...base, kind: null, installed: false, target: null, options: {}, problem });
    }
  }
  return infos;
}

/** The listing for a person: one block a scheme, with its target and options. */
export function formatSchemes(infos: readonly SchemeInfo[]): string {
  const lines = [
    'Schemes: write a source as scheme:target?option=value, and a wrapper in front of it as wrapper+scheme:target.',
  ];
  for (const info of infos) {
    const kind = info.kind === 'decorator' ? 'wrapper' : (info.kind ?? 'unavailable');
    const origin = info.packageName ?? 'built in';
    lines.push('', `${info.scheme}  (${kind}, ${origin})`, `  ${info.summary}`);
    if (info.problem) lines.push(`  ${info.problem}`);
    if (info.target) lines.push(`  target${info.target.required ? '' : ' (optional)'}: ${info.target.description}`);
    const options = Object.entries(info.options);
    const width = Math.max(0, ...options.map(([name, o]) => displayName(name, o).length));
    for (const [name, option] of options) {
      const required = option.required ? ' (required)' : '';
      lines.push(`  ?${displayName(name, option).padEnd(width)}  ${option.description}${required}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function displayName(name: string, option: SchemeOption): string {
  return option.type === 'map' ? `${name}.<key>` : name;
}
