import { ADAPTER_SCHEMES, type SchemeDefinition, type SchemeOption } from '@tokenchain/core/config';
import { cliRegistry } from './cliRegistry.js';

/** One scheme as `tokenchain schemes` shows it. */
export interface SchemeInfo {
  readonly scheme: string;
  readonly summary: string;
  readonly kind: 'source' | 'decorator';
  /** Where it comes from: an adapter package, `@tokenchain/core`, or `--import` for your own. */
  readonly packageName: string;
  readonly target: { readonly description: string; readonly required: boolean } | null;
  readonly options: Readonly<Record<string, SchemeOption>>;
}

const CORE_PACKAGE = '@tokenchain/core';

/**
 * Every scheme a `--sources` string may use: the bundled adapters', core's decorators and the `--import`ed ones.
 *
 * @example
 * ```ts
 * for (const s of listSchemes([])) console.log(s.scheme, s.packageName);
 * ```
 */
export function listSchemes(imported: readonly SchemeDefinition[]): SchemeInfo[] {
  const own = new Set(imported);
  return cliRegistry(imported)
    .list()
    .map((definition) => ({
      scheme: definition.scheme,
      summary: definition.summary,
      kind: definition.kind,
      packageName: own.has(definition) ? '--import' : packageOf(definition),
      target: definition.kind === 'source' ? definition.target : null,
      options: definition.options ?? {},
    }));
}

/** Core's decorators are the only bundled schemes that are not in core's table of adapter schemes. */
function packageOf(definition: SchemeDefinition): string {
  return ADAPTER_SCHEMES.find((a) => a.scheme === definition.scheme)?.packageName ?? CORE_PACKAGE;
}

/** The listing for a person: one block a scheme, with its target and options. */
export function formatSchemes(infos: readonly SchemeInfo[]): string {
  const lines = [
    'Schemes: write a source as scheme:target?option=value, and a wrapper in front of it as wrapper+scheme:target.',
  ];
  for (const info of infos) {
    const kind = info.kind === 'decorator' ? 'wrapper' : info.kind;
    lines.push('', `${info.scheme}  (${kind}, ${info.packageName})`, `  ${info.summary}`);
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
