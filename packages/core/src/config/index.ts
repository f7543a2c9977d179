// Configuration strings (`MOMENTO_TOKEN_SOURCES`, `--sources`): the grammar, the scheme registry, and the functions that
// turn a string into a chain.
export { ADAPTER_SCHEMES, type AdapterScheme } from './adapterSchemes.js';
export {
  createSchemeRegistry,
  type SchemeRegistry,
  type SchemeRegistryInit,
  type SchemeRegistryOptions,
} from './createSchemeRegistry.js';
export {
  DEFAULT_SOURCES_ORIGIN,
  DEFAULT_TOKEN_SOURCES,
  type DefaultTokenSourceOptions,
  defaultTokenSource,
  TOKEN_SOURCES_VARIABLE,
} from './defaultTokenSource.js';
export { defineScheme, isSchemeDefinition } from './defineScheme.js';
export { type FromConfigOptions, fromConfig } from './fromConfig.js';
export { type LoadedSources, type LoadSourcesOptions, loadSources } from './loadSources.js';
export { parseSourceSpec, type SourceSpec, type SpecEntry } from './parseSourceSpec.js';
export type {
  DecoratorSchemeDefinition,
  SchemeContext,
  SchemeDefinition,
  SchemeOption,
  SchemeOptionType,
  SchemeOptionValue,
  SourceSchemeDefinition,
} from './SchemeDefinition.js';
